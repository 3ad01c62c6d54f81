from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    """The resident site: public pages built on the apps below it; it owns no models."""

    name = "residents"
    verbose_name = _("Resident site")
