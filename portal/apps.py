from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        import portal.checks  # noqa: F401  (registers the deployment checks)
        from portal import images

        images.guard_pillow()
        # Sign-in notes the time (idle sessions) and whether the user has a second factor.
        from portal.accounts import idle, two_factor  # noqa: F401
