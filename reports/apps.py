from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Public reports")

    def ready(self):
        # Announce planned public meetings and joint actions to the beats' subscribers.
        from reports import notifications

        notifications.connect()
