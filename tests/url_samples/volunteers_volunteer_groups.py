"""Volunteers and volunteer groups: one record of each in the world's area."""

import datetime

from volunteers.models import Volunteer, VolunteerGroup


def _group(world):
    return VolunteerGroup.objects.create(
        name="Жасыл ел",
        area=world.area,
        contact_person="Ахметова Дана",
        phone="+7 701 555 12 34",
        kinds=["environment"],
    )


def _volunteer(world):
    return Volunteer.objects.create(
        last_name="Ким",
        first_name="Алина",
        birth_date=datetime.date(1995, 5, 17),
        phone="+7 701 123 45 67",
        area=world.area,
        kinds=["social"],
    )


SAMPLES = {
    "volunteer-detail": lambda world: {"pk": _volunteer(world).pk},
    "volunteer-edit": lambda world: {"pk": _volunteer(world).pk},
    "volunteergroup-detail": lambda world: {"pk": _group(world).pk},
    "volunteergroup-edit": lambda world: {"pk": _group(world).pk},
}
