"""Samples for the public "become an assistant" pages of world.area and the police's queue
of interests: a lead naming world.beat (in the inspector's and supervisor's scope)."""

from tests.factories import InterestLeadFactory


def area(world):
    return {"pk": world.area.pk}


def lead(world):
    return {"pk": InterestLeadFactory(beat=world.beat).pk}


SAMPLES = {
    "area-join": area,
    "area-join-thanks": area,
    **dict.fromkeys(["lead-detail", "lead-contacted", "lead-decline", "lead-convert"], lead),
}
