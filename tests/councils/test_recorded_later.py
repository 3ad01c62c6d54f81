"""Joint-action participants and council decisions recorded after the fact (`now`)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils.models import ActionAssistant, SessionDecision
from councils.services.actions import action_assistant_add, action_volunteer_add
from councils.services.councils import decision_add
from tests.factories import JointActionFactory, SessionFactory, VolunteerFactory, active_assistant
from volunteers.models import Duty


def ago(days, hours=0):
    return timezone.now().replace(microsecond=0) - datetime.timedelta(days=days, hours=hours)


def test_an_assistant_recorded_when_the_action_ended(world):
    assistant = active_assistant(world.beat)
    action = JointActionFactory(
        area=world.area,
        beats=[world.beat],
        starts_at=ago(10),
        ends_at=ago(10) + datetime.timedelta(hours=2),
    )
    action_assistant_add(
        action=action,
        assistant=assistant,
        hours=Decimal(2),
        user=world.inspector,
        now=action.ends_at,
    )
    duty = Duty.objects.get(joint_action=action.title)
    row = duty.history.get()
    assert (row.history_date, row.history_user) == (action.ends_at, world.inspector)
    # The hours change later: that change is dated when it happens.
    before = timezone.now()
    action_assistant_add(action=action, assistant=assistant, hours=Decimal(3), user=world.inspector)
    assert duty.history.latest("history_date").history_date >= before


def test_hours_before_the_action_started_are_refused(world):
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat], starts_at=ago(3))
    with pytest.raises(ValidationError) as refused:
        action_assistant_add(
            action=action, assistant=assistant, hours=Decimal(2), user=world.inspector, now=ago(4)
        )
    assert refused.value.code == "not_started"
    assert not ActionAssistant.objects.exists() and not Duty.objects.exists()
    volunteer = VolunteerFactory(area=world.area)
    with pytest.raises(ValidationError):
        action_volunteer_add(action=action, volunteer=volunteer, hours=Decimal(2), now=ago(4))
    assert action_volunteer_add(action=action, volunteer=volunteer, hours=Decimal(2), now=ago(2))


def test_a_decision_is_recorded_once_the_session_took_place_by_then(world):
    session = SessionFactory(held_at=ago(7))
    with pytest.raises(ValidationError):
        decision_add(session=session, text="Принять к сведению.", now=ago(8))
    assert not SessionDecision.objects.exists()
    assert decision_add(session=session, text="Принять к сведению.", now=ago(6)).pk
