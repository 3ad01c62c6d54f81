from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Territory")

    def ready(self):
        # Writes that change a public page make its cached copy stale.
        from districts import page_scopes  # noqa: F401

        # What waits for the inspector and the supervisor, on their start pages.
        from districts.selectors import work_queue

        work_queue.register()
