"""Steps recorded after the fact: `now` (and `today`) given to the register's services.

A register kept on paper is entered later; the services then take the moment each step
was taken: no date of the step may be later than that day, and the history shows it.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import valid_iin
from volunteers.models import AssistantStatus, CommissionDecision, CommissionLevel
from volunteers.services import lifecycle
from volunteers.services.encouragement import budget_set, encouragement_record

TODAY = timezone.localdate()


def moment(days_ago, hour=11):
    day = TODAY - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def applied(world, days_ago=60):
    return lifecycle.assistant_apply(
        user=world.inspector,
        now=moment(days_ago),
        last_name="Нурланов",
        first_name="Ержан",
        iin=valid_iin(datetime.date(1992, 5, 17)),
        phone="+7 701 000 00 00",
        address="ул. Абая, 1",
        area=world.area,
        beat=world.beat,
        forms=["patrols"],
        applied_on=moment(days_ago).date(),
        consent_given_on=moment(days_ago).date(),
    )


def test_each_step_is_in_the_history_at_the_moment_it_was_taken(world):
    registrar = world.users["akimat_registrar"]
    assistant = applied(world, days_ago=60)
    lifecycle.assistant_petition(
        assistant=assistant,
        user=world.users["supervisor"],
        sent_on=moment(50).date(),
        petition_number="21-01/1",
        now=moment(50),
    )
    lifecycle.assistant_register(
        assistant=assistant, user=registrar, registered_on=moment(45).date(), now=moment(45)
    )
    certificate = lifecycle.certificate_issue(
        assistant=assistant, user=registrar, issued_on=moment(40).date(), now=moment(40)
    )
    rows = assistant.history.order_by("history_date", "history_id")
    assert [(row.status, row.history_date) for row in rows] == [
        (AssistantStatus.APPLIED, moment(60)),
        (AssistantStatus.PETITIONED, moment(50)),
        (AssistantStatus.REGISTERED, moment(45)),
        (AssistantStatus.CERTIFIED, moment(40)),
    ]
    assert [row.history_user for row in rows][2:] == [registrar, registrar]
    assert certificate.history.get().history_date == moment(40)
    lifecycle.assistant_deregister(
        assistant=assistant,
        user=registrar,
        deregistered_on=moment(30).date(),
        ground="own_application",
        now=moment(30),
    )
    revoked = certificate.history.order_by("history_date", "history_id").last()
    assert (revoked.state, revoked.history_date) == ("revoked", moment(30))


def test_a_step_dated_after_its_moment_is_refused(world):
    assistant = applied(world, days_ago=60)
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_petition(
            assistant=assistant,
            user=world.users["supervisor"],
            sent_on=moment(10).date(),
            petition_number="21-01/1",
            now=moment(20),
        )
    assert "sent_on" in refused.value.message_dict
    assistant.refresh_from_db()
    assert assistant.status == AssistantStatus.APPLIED


def test_without_now_the_step_is_recorded_now(world):
    assistant = applied(world, days_ago=3)
    before = timezone.now()
    lifecycle.assistant_petition(
        assistant=assistant,
        user=world.users["supervisor"],
        sent_on=TODAY,
        petition_number="21-01/1",
    )
    assert assistant.history.latest("history_date").history_date >= before


def test_encouragements_and_budgets_are_checked_against_the_given_day(world):
    registrar = world.users["akimat_registrar"]
    assistant = applied(world, days_ago=200)
    assistant.status = AssistantStatus.ACTIVE
    assistant.save(update_fields=["status"])
    day = moment(100).date()
    budget_set(area=world.area, year=day.year, amount_kzt=Decimal(100_000), user=registrar)
    decision = CommissionDecision.objects.create(
        area=world.area, level=CommissionLevel.DISTRICT, date=day - datetime.timedelta(days=5)
    )
    award = {
        "decision": decision,
        "user": registrar,
        "assistant": assistant,
        "resolution_number": "120",
        "resolution_date": day,
        "kind": "thanks",
    }
    with pytest.raises(ValidationError) as refused:
        encouragement_record(**award, today=day - datetime.timedelta(days=1))
    assert "resolution_date" in refused.value.message_dict
    assert encouragement_record(**award, today=day).pk
    # A budget up to the year after the given day, not after the real one.
    with pytest.raises(ValidationError):
        budget_set(
            area=world.area,
            year=TODAY.year + 1,
            amount_kzt=Decimal(1),
            user=registrar,
            today=datetime.date(TODAY.year - 1, 6, 1),
        )
