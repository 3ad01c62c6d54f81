"""The same step sent many times at once (ten clicks, ten tabs): registration numbers stay
without gaps and a person never holds two live certificates. Needs PostgreSQL: SQLite
takes one writer at a time, so nothing runs concurrently there."""

import datetime
import threading

import pytest
from django.db import connection, connections

from tests.factories import AssistantFactory
from volunteers.models import AreaCounter, Assistant, AssistantStatus, Certificate, Series
from volunteers.services import lifecycle

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
    pytest.mark.django_db(transaction=True),
]
TODAY = datetime.date.today()
CLICKS = 10


def at_once(step, times=CLICKS):
    """Run `step()` in `times` threads released together; the outcomes, by kind."""
    barrier = threading.Barrier(times)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            step()
            outcomes.append("done")
        except lifecycle.StepRefused:
            outcomes.append("refused")
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def petitioned():
    return AssistantFactory(
        status=AssistantStatus.PETITIONED,
        applied_on=TODAY - datetime.timedelta(days=10),
        petition_sent_on=TODAY - datetime.timedelta(days=2),
    )


def test_ten_register_clicks_give_one_number_and_no_gap():
    assistant = petitioned()
    neighbour = petitioned()  # registered afterwards in the same area
    neighbour.beat = assistant.beat
    neighbour.area = assistant.area
    neighbour.save()

    def register():
        # Each request loads the record as the page showed it: still petitioned.
        stale = Assistant.objects.get(pk=assistant.pk)
        lifecycle.assistant_register(assistant=stale, user=None, registered_on=TODAY)

    assert at_once(register) == ["done"] + ["refused"] * (CLICKS - 1)
    lifecycle.assistant_register(
        assistant=Assistant.objects.get(pk=neighbour.pk), user=None, registered_on=TODAY
    )
    numbers = sorted(
        Assistant.objects.filter(area=assistant.area).values_list("registration_number", flat=True)
    )
    assert [number[-5:] for number in numbers] == ["00001", "00002"]
    counter = AreaCounter.objects.get(area=assistant.area, series=Series.REGISTRATION)
    assert counter.last == 2
    assert Assistant.objects.get(pk=assistant.pk).history.count() == 2  # created, registered


def test_ten_certificate_clicks_leave_one_live_certificate_and_no_gap():
    assistant = petitioned()
    lifecycle.assistant_register(assistant=assistant, user=None, registered_on=TODAY)

    def issue():
        stale = Assistant.objects.get(pk=assistant.pk)
        lifecycle.certificate_issue(assistant=stale, user=None, issued_on=TODAY)

    assert at_once(issue) == ["done"] + ["refused"] * (CLICKS - 1)
    assert list(Certificate.objects.filter(assistant=assistant).values_list("number", "state")) == [
        (1, "issued")
    ]
    assert AreaCounter.objects.get(area=assistant.area, series=Series.CERTIFICATE).last == 1
    assert Assistant.objects.get(pk=assistant.pk).status == AssistantStatus.CERTIFIED


def test_the_constraint_keeps_one_live_certificate_without_the_service():
    from django.db import IntegrityError

    assistant = petitioned()
    lifecycle.assistant_register(assistant=assistant, user=None, registered_on=TODAY)
    first = lifecycle.certificate_issue(assistant=assistant, user=None, issued_on=TODAY)
    with pytest.raises(IntegrityError):
        Certificate.objects.create(
            assistant=assistant, area=first.area, number=99, issued_on=TODAY, valid_until=TODAY
        )
