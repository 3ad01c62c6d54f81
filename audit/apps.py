from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        # Every create, change and delete of the audited records goes into the one log.
        from audit import registry

        registry.register_models()
