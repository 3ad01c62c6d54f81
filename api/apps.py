from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only open-data API, built on the apps below it; it owns no models."""

    name = "api"
    verbose_name = _("Open-data API")
