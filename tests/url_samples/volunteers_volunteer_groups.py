"""Volunteers and volunteer groups: one record of each in the world's area."""

from tests.factories import VolunteerFactory, VolunteerGroupFactory


def _group(world):
    return VolunteerGroupFactory(area=world.area)


def _volunteer(world):
    return VolunteerFactory(area=world.area)


SAMPLES = {
    "volunteer-detail": lambda world: {"pk": _volunteer(world).pk},
    "volunteer-edit": lambda world: {"pk": _volunteer(world).pk},
    "volunteergroup-detail": lambda world: {"pk": _group(world).pk},
    "volunteergroup-edit": lambda world: {"pk": _group(world).pk},
}
