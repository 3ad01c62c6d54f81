from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Public reports")

    def ready(self):
        # Publishing a quarter's report ticks the short-report item of Appendix B;
        # planned public meetings and joint actions are announced to the beats' subscribers;
        # a publication makes its beat's cached page stale (page_scopes).
        from reports import checklist_rules, notifications, page_scopes  # noqa: F401

        notifications.connect()

        # What waits for the inspector and the supervisor, on their start pages.
        from reports.selectors import work_queue

        work_queue.register()
