"""The base of every factory: test data is set up, not someone's change.

Records made by a factory are written without audit-log entries, as fixtures are
(AUDITLOG_DISABLE_ON_RAW_SAVE); what a test then does through the pages and the services is
audited as in production. Writing an entry for each of the suite's set-up rows would cost a
quarter of its time and tell nothing.
"""

from auditlog.context import disable_auditlog
from factory.django import DjangoModelFactory

# tests/audit/ turns this on: there a factory's record is audited like any other save.
AUDITED = False


class Factory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if AUDITED:
            return super()._create(model_class, *args, **kwargs)
        with disable_auditlog():
            return super()._create(model_class, *args, **kwargs)
