from districts.models import SubmissionKind
from districts.services.submissions import submission_receive
from reports.models import Subscription
from tests.factories import ReportRevisionFactory


def _revision(world):
    return {"pk": ReportRevisionFactory(report__beat=world.beat).pk}


def _submission(world):
    made = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text="Темно во дворе")
    return {"token": made.token}


def _subscription(world):
    return {"token": Subscription.objects.create(beat=world.beat, email="r@example.kz").token}


SAMPLES = {
    "public-report": _revision,
    "public-report-pdf": _revision,
    "beat-proposal": lambda world: {"code": world.beat.code},
    "beat-proposal-thanks": lambda world: {"code": world.beat.code},
    "submission-status": _submission,
    "beat-subscribe": lambda world: {"code": world.beat.code},
    "beat-subscribe-sent": lambda world: {"code": world.beat.code},
    "subscription-confirm": _subscription,
    "subscription-unsubscribe": _subscription,
}
