"""Files made off the request (portal/file_jobs), through the area roll-up PDF: without a
broker the file comes in the request, as before; with one the user follows the job's page
and its progress to the file; only the asker downloads it; transient failures are retried;
a failed job shows its translated reason.
"""

import datetime

import pytest
from auditlog.models import LogEntry
from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation
from kombu.exceptions import OperationalError as QueueError

from portal.file_jobs import jobs, tasks
from portal.models import Role
from portal.periods import last_completed_quarter
from reports import file_makers
from tests.factories import AssistantFactory, UserFactory
from tests.factories.volunteers import valid_iin


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def akimat(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    return world.users[Role.AKIMAT_REGISTRAR]


@pytest.fixture
def queued_only(monkeypatch):
    """A broker that takes the task and runs nothing yet: returns the sent (owner, job)."""
    sent = []
    monkeypatch.setattr(tasks.make, "apply_async", lambda args: sent.append(args))
    return sent


def ask(client, world):
    return client.get(reverse("area-rollup-pdf"), {"area": world.area.pk})


def test_without_a_broker_the_file_comes_in_the_request(client, world, akimat, quick_pdf):
    response = ask(client, world)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="area-')
    assert response.content.startswith(b"%PDF-")


def test_with_workers_the_user_follows_the_progress_to_the_file(
    client, world, akimat, queued_only, quick_pdf
):
    response = ask(client, world)
    assert response.status_code == 302
    ((owner_id, job_id),) = queued_only
    assert owner_id == akimat.pk
    assert response.url == reverse("file-job", kwargs={"job": job_id})

    page = client.get(response.url)
    assert page.status_code == 200
    assert reverse("file-job-progress", kwargs={"job": job_id}) in page.content.decode()
    progress = client.get(reverse("file-job-progress", kwargs={"job": job_id})).json()
    assert (progress["state"], progress["done"]) == ("queued", False)
    download = reverse("file-job-download", kwargs={"job": job_id})
    assert client.get(download).status_code == 302  # not made yet

    tasks.make.apply((owner_id, job_id))  # the worker

    progress = client.get(reverse("file-job-progress", kwargs={"job": job_id})).json()
    assert (progress["state"], progress["done"], progress["percent"]) == ("done", True, 100)
    page = client.get(reverse("file-job", kwargs={"job": job_id}))
    assert 'id="file-job-download"' in page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("other", [Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR])
def test_another_user_cannot_download_the_file(
    client, world, akimat, queued_only, quick_pdf, other
):
    ask(client, world)
    ((owner_id, job_id),) = queued_only
    tasks.make.apply((owner_id, job_id))
    download = reverse("file-job-download", kwargs={"job": job_id})
    assert client.get(download).status_code == 200

    # A colleague of the same area, or an administrator: neither finds the job.
    stranger = (
        UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.area)
        if other == Role.AKIMAT_REGISTRAR
        else world.users[other]
    )
    client.force_login(stranger)
    response = client.get(download)
    assert response.status_code == 302
    assert not response.content.startswith(b"%PDF-")
    page = client.get(reverse("file-job", kwargs={"job": job_id}))
    assert page.status_code == 302 and page.url == reverse("staff-home")
    progress = client.get(reverse("file-job-progress", kwargs={"job": job_id})).json()
    assert progress["state"] == "gone"


def failing(monkeypatch, *errors):
    """The roll-up meets `errors`, one per try, then works."""
    remaining = list(errors)
    original = file_makers.rollup_data

    def rollup_data(*args):
        if remaining:
            raise remaining.pop(0)
        return original(*args)

    monkeypatch.setattr(file_makers, "rollup_data", rollup_data)


def test_a_database_that_does_not_answer_once_is_tried_again(
    client, world, akimat, quick_pdf, monkeypatch
):
    failing(monkeypatch, OperationalError("server closed the connection"))
    response = ask(client, world)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("errors", "code", "params"),
    [
        ([OperationalError("down")] * 10, "unavailable", {}),
        ([ValueError("a bug")], "failed", {}),
        ([SoftTimeLimitExceeded()], "timeout", {"minutes": 5}),
    ],
)
def test_a_failed_job_shows_its_translated_reason(
    client, world, akimat, quick_pdf, monkeypatch, settings, errors, code, params
):
    settings.FILE_TASK_SOFT_TIME_LIMIT = 300
    failing(monkeypatch, *errors)
    response = ask(client, world)
    assert response.status_code == 302
    job_id = response.url.rstrip("/").split("/")[-1]
    assert jobs.get(akimat.pk, job_id)["error"] == (code, params)

    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="kk")
    with translation.override("kk"):
        reason = str(jobs.REASONS[code]) % params if params else str(jobs.REASONS[code])
    assert page.status_code == 200
    assert 'id="file-job-error"' in page.content.decode()
    assert reason in page.content.decode()
    progress = client.get(reverse("file-job-progress", kwargs={"job": job_id})).json()
    assert (progress["state"], progress["done"]) == ("failed", True)


def test_a_queue_that_does_not_answer_fails_the_job(client, world, akimat, monkeypatch):
    def refuse(args):
        raise QueueError("no broker")

    monkeypatch.setattr(tasks.make, "apply_async", refuse)
    response = ask(client, world)
    job_id = response.url.rstrip("/").split("/")[-1]
    assert jobs.get(akimat.pk, job_id)["error"] == ("not_started", {})


def test_a_silent_running_job_is_given_up(client, world, akimat, queued_only, settings):
    ask(client, world)
    ((owner_id, job_id),) = queued_only
    job = jobs.get(owner_id, job_id)
    job["updated"] -= jobs.stalled_after() + 1
    cache.set(jobs._key(owner_id, job_id), job, 60)
    assert jobs.find(akimat, job_id)["error"] == ("stalled", {})


def test_the_indicators_year_pdf_is_made_by_a_task_too(
    client, world, akimat, queued_only, quick_pdf
):
    year = last_completed_quarter().year
    response = client.get(reverse("indicators-year-pdf"), {"area": world.area.pk, "year": year})
    assert response.status_code == 302
    ((owner_id, job_id),) = queued_only
    tasks.make.apply((owner_id, job_id))
    download = client.get(reverse("file-job-download", kwargs={"job": job_id}))
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        f'attachment; filename="area-{world.area.pk}-indicators-{year}.pdf"'
    )


def test_the_register_export_is_made_by_a_task_and_logs_what_was_seen(
    client, world, akimat, queued_only
):
    mine = AssistantFactory(beat=world.beat, iin=valid_iin(datetime.date(1988, 2, 3), "F"))
    response = client.get(
        reverse("register-export"), {"format": "csv", "status": mine.status}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
    ((owner_id, job_id),) = queued_only
    tasks.make.apply((owner_id, job_id))  # the worker, outside the request

    download = client.get(reverse("file-job-download", kwargs={"job": job_id}))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.csv"')
    assert mine.last_name in download.content.decode("utf-8-sig")
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(mine.pk))
    assert (entry.actor_id, entry.remote_addr) == (akimat.pk, "10.1.2.3")
    assert entry.additional_data == {"event": "export", "format": "csv"}


def test_a_register_export_with_a_bad_filter_is_refused_before_any_task(
    client, world, akimat, queued_only
):
    response = client.get(reverse("register-export"), {"format": "csv", "status": "nonsense"})
    assert response.status_code == 400
    assert queued_only == []


def test_a_double_click_follows_the_job_already_on_its_way(
    client, world, akimat, queued_only, quick_pdf
):
    """The same file asked again while its job waits or runs: no second task (nor a second
    copy of the file in the cache), the user is sent to the first job. Once it is done, a
    new request makes a new file (the data may have changed)."""
    first, second = ask(client, world), ask(client, world)
    assert len(queued_only) == 1
    assert second.url == first.url

    tasks.make.apply(queued_only[0])
    assert ask(client, world).url != first.url
    assert len(queued_only) == 2


def test_a_double_click_on_the_register_export_makes_one_file(client, world, queued_only, settings):
    client.force_login(world.users[Role.ADMINISTRATOR])
    url = reverse("register-export")
    first, second = client.get(url, {"format": "csv"}), client.get(url, {"format": "csv"})
    assert first.status_code == 302 and second.url == first.url
    assert len(queued_only) == 1
