from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """Residents' trust: the anonymous survey per beat and quarter, and the trust index."""

    name = "trust"
    verbose_name = _("Residents' trust")

    def ready(self):
        # Survey comments waiting for moderation, on the inspector's start page.
        from trust import work_queue

        work_queue.register()
