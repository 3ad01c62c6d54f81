from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Public reports")

    def ready(self):
        # Announce planned public meetings and joint actions to the beats' subscribers.
        from reports import notifications

        notifications.connect()

        # What waits for the inspector and the supervisor, on their start pages.
        from reports.selectors import work_queue

        work_queue.register()
