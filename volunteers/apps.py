from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Public assistants and volunteers")

    def ready(self):
        from volunteers import signals  # noqa: F401
        from volunteers.selectors import work_queue

        work_queue.register()
