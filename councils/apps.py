from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils and partners")

    def ready(self):
        # Joint actions and council sessions tick their Appendix B items; writes that change
        # a public page make its cached copy stale (page_scopes).
        from councils import checklist_rules, page_scopes, signals  # noqa: F401
        from councils.selectors import work_queue

        # What waits for the council secretary, on their start page.
        work_queue.register()
