import pytest

from portal.models import Role
from tests.factories import (
    AreaFactory,
    BeatFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    RegionFactory,
    UserFactory,
)
from tests.reference_data import RESTORE_PENDING, restore_reference_lists


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Put back the reference lists a demo browser test left emptied with no test after it
    known yet (tests/browser/conftest.py), before this test's fixtures read them."""
    if item.config.stash.get(RESTORE_PENDING, False):
        restore_reference_lists(item.config)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached published content must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A language a request activated must not carry over into the next test."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


class World:
    """Two areas of one region plus a third region, each with a department, a point and beats.

    `mine` is the territory of the signed-in staff built by `staff`; `other` is
    a neighbouring area in the same region; `far` lies in another region.
    """

    def __init__(self):
        self.region = RegionFactory(name="Алматы")
        self.far_region = RegionFactory(name="Астана")
        self.area = AreaFactory(region=self.region, name="Алмалинский район")
        self.other_area = AreaFactory(region=self.region, name="Медеуский район")
        self.far_area = AreaFactory(region=self.far_region, name="Есильский район")
        self.department = PoliceDepartmentFactory(area=self.area)
        self.other_department = PoliceDepartmentFactory(area=self.other_area)
        self.far_department = PoliceDepartmentFactory(area=self.far_area)
        self.point = PolicePointFactory(department=self.department)
        self.other_point = PolicePointFactory(department=self.other_department)
        self.far_point = PolicePointFactory(department=self.far_department)
        self.inspector = UserFactory(role=Role.INSPECTOR, department=self.department)
        self.beat = BeatFactory(police_point=self.point, inspector=self.inspector)
        # A beat of the same department served by a colleague.
        self.colleague_beat = BeatFactory(police_point=self.point)
        self.other_beat = BeatFactory(police_point=self.other_point)
        self.far_beat = BeatFactory(police_point=self.far_point)
        self.users = {
            Role.INSPECTOR: self.inspector,
            Role.SUPERVISOR: UserFactory(role=Role.SUPERVISOR, department=self.department),
            Role.AKIMAT_REGISTRAR: UserFactory(role=Role.AKIMAT_REGISTRAR, area=self.area),
            Role.REGIONAL_REGISTRAR: UserFactory(role=Role.REGIONAL_REGISTRAR, region=self.region),
            Role.COUNCIL_SECRETARY: UserFactory(role=Role.COUNCIL_SECRETARY, area=self.area),
            Role.ADMINISTRATOR: UserFactory(role=Role.ADMINISTRATOR),
        }


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """One World for every test of a module, for modules of many tests that only read it.

    It is built once inside a transaction that is rolled back after the module's last test;
    each test runs in a savepoint of its own (pytest-django's `db`), so what a test writes
    is undone. A module opts in by defining `world` as `shared_world` (below); its tests
    must not change the World's objects in memory.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.fixture
def shared_world(module_world, db):
    return module_world


@pytest.fixture
def inspector_client(client, world):
    """The test client signed in as `world`'s inspector (of world.beat)."""
    client.force_login(world.inspector)
    return client


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test (the PDF renderer must fetch nothing)."""
    import socket

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the PDF renderer asks its fetcher for, and whether it was served."""
    from portal.pdf import ResourceRefused, SafeURLFetcher

    log = []
    original = SafeURLFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except ResourceRefused:
            log.append((url, False))
            raise
        log.append((url, True))
        return response

    monkeypatch.setattr(SafeURLFetcher, "fetch", spy)
    return log
