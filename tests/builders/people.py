"""People around `world` (tests/conftest.py) that are not among its users."""

from portal.models import Role
from tests.factories import UserFactory


def outsider(world):
    """An inspector of the neighbouring area."""
    return UserFactory(role=Role.INSPECTOR, department=world.other_department)
