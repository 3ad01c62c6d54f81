import datetime

from tests.factories import AssistantFactory
from volunteers.services import lifecycle


def registered(world):
    return AssistantFactory(beat=world.beat, status="registered")


def issued(world):
    return lifecycle.certificate_issue(
        assistant=registered(world), user=None, issued_on=datetime.date.today()
    )


SAMPLES = {
    "certificate-issue": lambda world: {"pk": registered(world).pk},
    "certificate-detail": lambda world: {"pk": issued(world).pk},
    "certificate-pdf": lambda world: {"pk": issued(world).pk},
    "certificate-return": lambda world: {"pk": issued(world).pk},
    "certificate-revoke": lambda world: {"pk": issued(world).pk},
    "verify": lambda world: {"token": issued(world).token},
}
