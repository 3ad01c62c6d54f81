"""`manage.py seed_demo` as a command: refused without DEBUG, and its option.

These tests need an empty database, so they live outside `seeded/`: run after it, the
first one also shows that nothing of the seeded city is left behind.
"""

import pytest
from django.core.management.base import CommandError

from demo.management.commands.seed_demo import Command as SeedDemo
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region
from portal.models import User
from tests.demo.seeding import seed

MODELS = [Region, Area, PoliceDepartment, PolicePoint, Beat, BeatStreet, User]


def test_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=True"):
        seed(skip_reports=True)
    for model in MODELS:
        assert not model.objects.exists(), model.__name__


def test_the_option_is_documented():
    parser = SeedDemo().create_parser("manage.py", "seed_demo")
    assert "--skip-reports" in parser.format_help()
    assert parser.parse_args(["--skip-reports"]).skip_reports is True
    assert parser.parse_args([]).skip_reports is False
