"""The optional read replica (DATABASE_REPLICA_URL, portal/db_routers.py): an anonymous
visitor's public page reads from "replica", a staff page from "default", and writes always
go to "default".

The replica is an alias added for the test, mirroring the test database (as settings.py
configures it with TEST MIRROR); the data is committed (`committed_data`) so that both
connections see it.
"""

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal import db_routers
from portal.models import Role
from tests.factories import BeatFactory, UserFactory

ROUTERS = ["portal.db_routers.ReplicaRouter"]


@pytest.fixture
def replica(committed_data, settings):
    # A connection of its own to the test database, as TEST MIRROR makes one; made by hand,
    # since the test's list of allowed databases was fixed before the alias existed.
    settings_dict = {**connections["default"].settings_dict}
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, db_routers.REPLICA
    )
    connections[db_routers.REPLICA] = wrapper
    settings.DATABASE_ROUTERS = ROUTERS
    yield wrapper
    wrapper.close()
    del connections[db_routers.REPLICA]


def queries(client, url):
    """(queries on the primary, queries on the replica) of a GET of `url`."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[db_routers.REPLICA]) as replica,
    ):
        response = client.get(url)
    assert response.status_code == 200
    return reads(primary), reads(replica)


def reads(captured):
    # The request's transaction (ATOMIC_REQUESTS) opens on the primary whatever it reads:
    # a BEGIN that SQLite sends and PostgreSQL defers to the first statement.
    return len([q for q in captured.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")])


def test_a_public_page_reads_from_the_replica(client, replica):
    beat = BeatFactory()
    primary, on_replica = queries(client, reverse("beat-detail", kwargs={"code": beat.code}))
    assert on_replica > 0
    assert primary == 0


def test_a_staff_page_reads_from_the_primary(client, replica):
    BeatFactory()
    client.force_login(UserFactory(role=Role.INSPECTOR))
    primary, on_replica = queries(client, reverse("staff-beat-list"))
    assert primary > 0
    assert on_replica == 0


def test_a_signed_in_user_reads_public_pages_from_the_primary(client, replica):
    beat = BeatFactory()
    client.force_login(UserFactory(role=Role.INSPECTOR))
    primary, on_replica = queries(client, reverse("beat-detail", kwargs={"code": beat.code}))
    assert primary > 0
    assert on_replica == 0


def test_without_the_setting_there_is_no_router(settings):
    assert settings.DATABASE_ROUTERS == [] or "replica" in settings.DATABASES
    assert not db_routers.reading_from_replica()


def test_a_residents_private_page_reads_from_the_primary(client, replica):
    """The page a resident lands on right after sending (and the subscription links) shows
    what they just wrote, not what is published: a replica a moment behind would not find it
    yet and answer 404."""
    from districts.models import SubmissionKind
    from districts.services.submissions import submission_receive

    submission = submission_receive(
        beat=BeatFactory(), kind=SubmissionKind.PROBLEM, text="Не горит фонарь у дома 5"
    )
    primary, on_replica = queries(client, reverse("submission-status", args=[submission.token]))
    assert primary > 0
    assert on_replica == 0
