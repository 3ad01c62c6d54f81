"""Samples for trainings, the duty log and encouragement (objects in `world`'s territory)."""

import datetime

from tests.factories import AssistantFactory
from volunteers.models import (
    AssistantStatus,
    CommissionDecision,
    CommissionLevel,
    Duty,
    ParticipationForm,
    Training,
    TrainingKind,
)


def _training(world):
    training = Training.objects.create(
        area=world.area,
        kind=TrainingKind.ART7_BRIEFING,
        date=datetime.date.today(),
        police_point=world.point,
        held_by="Майор полиции Ахметов Д.",
    )
    return {"pk": training.pk}


def _duty(world):
    assistant = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    duty = Duty.objects.create(
        assistant=assistant,
        date=datetime.date.today(),
        hours=4,
        kind=ParticipationForm.PATROLS,
        beat=world.beat,
        supervisor=world.inspector,
    )
    return {"pk": duty.pk}


def _decision(world):
    decision = CommissionDecision.objects.create(
        area=world.area,
        level=CommissionLevel.DISTRICT,
        date=datetime.date.today(),
        members_present="Аким района; начальник УП",
    )
    return {"pk": decision.pk}


SAMPLES = {
    "training-edit": _training,
    "duty-edit": _duty,
    "commission-detail": _decision,
    "encouragement-create": _decision,
}
