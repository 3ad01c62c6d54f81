from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Public assistants and volunteers")

    def ready(self):
        from portal import start_panels

        # The police follow their 30-day check on their own start pages.
        start_panels.register("volunteers/_deadlines.html", action="register.apply")
