"""Samples for the public pages of councils: a council of world.department whose term runs."""

from tests.factories import CouncilFactory

SAMPLES = {
    "public-council": lambda world: {"pk": CouncilFactory(department=world.department).pk},
}
