"""Every demo account with a start page finds something waiting for it there."""

import datetime

from django.urls import reverse
from django.utils import timezone

from districts.models import Appeal
from portal.models import User
from portal.periods import current_quarter
from reports import submission
from tests.queues import queue_keys


def keys_of(client, username, url_name):
    client.force_login(User.objects.get(username=username))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return queue_keys(response)


def test_each_demo_role_has_something_in_its_queue(seeded, client):
    # The demo submits (and returns) this quarter's reports only once their submission has
    # opened, in the quarter's last days (reports.submission): seeded the day before today.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    window_open = submission.is_open(current_quarter(), yesterday)
    inspector = keys_of(client, "inspector", "inspector-home")
    assert any(key.startswith("report-returned-") for key in inspector) == window_open
    assert "appeals-overdue" in inspector
    assert any(key.startswith("checklist-") for key in inspector)
    assert "proposals-meeting" in inspector

    supervisor = keys_of(client, "supervisor", "department-home")
    assert ("reports-to-review" in supervisor) == window_open
    assert any(key.startswith("escalated-appeals-") for key in supervisor)
    assert "beats-without-report-meeting" in supervisor

    registrar = keys_of(client, "registrar", "area-home")
    assert {"police-check-overdue", "registration-overdue"} <= set(registrar)

    regional = keys_of(client, "regional", "region-home")
    assert len([key for key in regional if key.startswith("area-")]) >= 3

    secretary = keys_of(client, "secretary", "council-overview")
    assert "recommendations-overdue" in secretary
    assert any(key.startswith("session-") for key in secretary)


def test_the_demos_overdue_appeals_are_escalated_already(seeded):
    overdue = Appeal.objects.overdue()
    assert overdue.exists()
    assert not overdue.filter(escalated_at=None).exists()
    for appeal in overdue:
        assert timezone.localdate(appeal.escalated_at) > appeal.due_on
