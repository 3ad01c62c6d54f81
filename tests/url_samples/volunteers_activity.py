"""Samples for trainings, the duty log and encouragement (objects in `world`'s territory)."""

from tests.factories import (
    CommissionDecisionFactory,
    DutyFactory,
    TrainingFactory,
    active_assistant,
)
from volunteers.models import TrainingKind


def _training(world):
    training = TrainingFactory(
        area=world.area, kind=TrainingKind.ART7_BRIEFING, police_point=world.point
    )
    return {"pk": training.pk}


def _duty(world):
    # On world.beat under its inspector, world.inspector.
    return {"pk": DutyFactory(assistant=active_assistant(world.beat)).pk}


def _decision(world):
    return {"pk": CommissionDecisionFactory(area=world.area).pk}


SAMPLES = {
    "training-edit": _training,
    "duty-edit": _duty,
    "commission-detail": _decision,
    "encouragement-create": _decision,
}
