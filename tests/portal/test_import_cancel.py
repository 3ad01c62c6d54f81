"""Cancelling an import: its uploader asks from the progress page, the task stops between two
chunks of its work and rolls back, and the page says "cancelling" until the task has
stopped, "cancelled" only then: never "stopped" while work goes on."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from districts.models import Region
from portal.imports import jobs, tasks
from portal.imports.checker import Checker
from portal.imports.columns import Column, Columns
from portal.imports.spec import ImportSpec
from portal.models import Role
from tests.uploads import to_csv
from volunteers.services.registry_import import REGISTER

NAMES = Columns(Column("name", "Name", "name", ("name", "имя", "аты")))


class NameChecker(Checker):
    columns = NAMES
    progress_every = 10

    def check_row(self, row):
        row.data["name"] = self.value(row, "name")


class RegionImport(ImportSpec):
    """Each row a region, written one by one with progress: the smallest import that
    writes in chunks, as the register does."""

    kind = "regions-test"
    columns = NAMES
    checker = NameChecker
    written_hook = None  # called after each record, as a worker would be interrupted

    def write(self, user, result, *, progress=None, reason=""):
        for count, row in enumerate(result.good, start=1):
            Region.objects.create(name=row["name"])
            if self.written_hook:
                self.written_hook(count)
            if progress:
                progress(count)
        return {"written": len(result.good)}


SPEC = RegionImport()
CONTENT = to_csv(["name"], [[f"Регион {n}"] for n in range(30)])


@pytest.fixture
def user(world):
    return world.users[Role.ADMINISTRATOR]


def stored(job):
    return jobs.get(SPEC, job["owner"], job["id"])


def checked_job(user):
    job = jobs.create(SPEC, user, CONTENT, "regions.csv")
    tasks.check.delay(SPEC.path, user.pk, job["id"])
    assert stored(job)["state"] == jobs.CHECKED
    return stored(job)


def test_a_running_job_asked_to_cancel_says_cancelling_until_its_task_stops(user):
    job = jobs.create(SPEC, user, CONTENT, "regions.csv")
    jobs.update(SPEC, job, state=jobs.CHECKING, total=30, processed=10)

    assert jobs.request_cancel(SPEC, stored(job)) is True

    with translation.override("en"):
        progress = jobs.progress_data(SPEC, stored(job))
    assert progress["state"] == "cancelling" and progress["done"] is False
    assert progress["message"] == "Cancelling: waiting for the import to stop…"
    assert stored(job)["state"] == jobs.CHECKING  # the work is still going on

    tasks.check.delay(SPEC.path, user.pk, job["id"])  # the task looks between two chunks

    with translation.override("en"):
        progress = jobs.progress_data(SPEC, stored(job))
    assert (progress["state"], progress["done"]) == ("cancelled", True)
    assert progress["message"] == "The import was cancelled: nothing was written."
    assert stored(job)["error"] == ("cancelled", {})
    assert jobs.content(SPEC, job) is None  # the file is dropped
    assert jobs.cancel_requested(SPEC, job) is False


def test_a_check_cancelled_half_way_stops_there(user, monkeypatch):
    job = jobs.create(SPEC, user, CONTENT, "regions.csv")
    checked = []
    original = NameChecker.check_row

    def check_row(checker, row):
        checked.append(row.number)
        if len(checked) == 12:
            jobs.request_cancel(SPEC, stored(job))  # the uploader clicks "Cancel"
        original(checker, row)

    monkeypatch.setattr(NameChecker, "check_row", check_row)

    tasks.check.delay(SPEC.path, user.pk, job["id"])

    assert stored(job)["state"] == jobs.CANCELLED
    assert len(checked) == 20  # the next progress report, after row 20, was the last
    assert jobs.report(SPEC, job) is None


def test_an_apply_cancelled_half_way_writes_nothing(user, monkeypatch):
    job = checked_job(user)
    regions = Region.objects.count()
    written_before_the_cancel = []

    def cancel_after_five(count):
        if count == 5:
            written_before_the_cancel.append(Region.objects.count() - regions)
            jobs.request_cancel(SPEC, stored(job))

    # The task makes its own instance of the import (tasks.spec_for): the class carries it.
    monkeypatch.setattr(RegionImport, "written_hook", staticmethod(cancel_after_five))
    assert jobs.claim_apply(SPEC, job)
    tasks.apply.delay(SPEC.path, user.pk, job["id"])

    assert written_before_the_cancel == [5]
    assert Region.objects.count() == regions  # rolled back, not half-saved
    state = stored(job)
    assert (state["state"], state["written"]) == (jobs.CANCELLED, 0)
    assert jobs.claim_apply(SPEC, state) is False  # a cancelled job is over


def test_a_cancel_after_the_last_write_is_too_late_and_the_job_says_applied(user, monkeypatch):
    """Asked just as the transaction commits: what is written stays, and the page says so."""
    job = checked_job(user)
    regions = Region.objects.count()
    original = jobs.drop_content

    def commit_then_cancel(spec, job):
        jobs.request_cancel(spec, stored(job))
        original(spec, job)

    monkeypatch.setattr(jobs, "drop_content", commit_then_cancel)
    assert jobs.claim_apply(SPEC, job)

    tasks.apply.delay(SPEC.path, user.pk, job["id"])

    assert Region.objects.count() == regions + 30
    assert stored(job)["state"] == jobs.APPLIED
    assert jobs.progress_data(SPEC, stored(job))["state"] == "applied"


def test_a_queued_job_cancelled_before_its_task_starts_never_runs(user):
    job = jobs.create(SPEC, user, CONTENT, "regions.csv")
    jobs.request_cancel(SPEC, job)

    tasks.check.delay(SPEC.path, user.pk, job["id"])

    assert stored(job)["state"] == jobs.CANCELLED
    assert stored(job)["total"] == 0  # not a row was read


def test_a_finished_job_has_nothing_to_cancel(user):
    job = checked_job(user)
    assert jobs.request_cancel(SPEC, job) is False
    assert jobs.progress_data(SPEC, job)["state"] == "checked"


def test_a_cancel_that_came_as_the_check_finished_does_not_stop_the_next_apply(user):
    job = checked_job(user)
    jobs.request_cancel(SPEC, {**job, "state": jobs.CHECKING})  # sent as the check ended
    assert jobs.progress_data(SPEC, stored(job))["state"] == "checked"  # not "cancelling"
    regions = Region.objects.count()

    assert jobs.claim_apply(SPEC, stored(job))  # the apply asked for now is not cancelled
    tasks.apply.delay(SPEC.path, user.pk, job["id"])

    assert stored(job)["state"] == jobs.APPLIED
    assert Region.objects.count() == regions + 30


def test_a_cancelled_job_whose_worker_died_ends_cancelled_not_stalled(user, monkeypatch):
    job = jobs.create(SPEC, user, CONTENT, "regions.csv")
    jobs.update(SPEC, job, state=jobs.APPLYING)
    jobs.request_cancel(SPEC, stored(job))
    monkeypatch.setattr(jobs, "stalled_after", lambda: -1)

    found = jobs.find(SPEC, user, job["id"])

    assert (found["state"], found["error"]) == (jobs.CANCELLED, ("cancelled", {}))


# --- the pages ------------------------------------------------------------------------------


def running_register_job(registrar):
    job = jobs.create(REGISTER, registrar, b"surname;name\n", "register.csv")
    return jobs.update(REGISTER, job, state=jobs.CHECKING, total=10_000, processed=2_500)


def test_the_uploader_cancels_from_the_progress_page(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    job = running_register_job(registrar)
    page_url = reverse("register-import-job", args=[job["id"]])
    cancel_url = reverse("register-import-cancel", args=[job["id"]])

    page = client.get(page_url)
    assert f'action="{cancel_url}"'.encode() in page.content
    assert b'id="import-cancel"' in page.content
    assert b'id="import-cancel" disabled' not in page.content

    assert client.get(cancel_url).url == page_url  # a GET changes nothing
    assert jobs.cancel_requested(REGISTER, job) is False
    response = client.post(cancel_url)

    assert response.status_code == 302 and response.url == page_url
    page = client.get(page_url)
    assert page.context["cancelling"] is True and page.context["running"] is True
    assert b"Stopping the import" in page.content
    assert b'id="import-cancel" disabled' in page.content
    progress = client.get(reverse("register-import-progress", args=[job["id"]])).json()
    assert (progress["state"], progress["done"]) == ("cancelling", False)

    tasks.check.delay(REGISTER.path, registrar.pk, job["id"])
    page = client.get(page_url)
    assert page.context["job"]["state"] == "cancelled" and page.context["running"] is False
    assert page.context["error"] == "The import was cancelled: nothing was written."
    assert b'id="import-cancel"' not in page.content


def test_cancelling_a_finished_import_says_there_is_nothing_to_cancel(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    job = jobs.update(REGISTER, running_register_job(registrar), state=jobs.CHECKED)

    response = client.post(reverse("register-import-cancel", args=[job["id"]]))

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The import is no longer running: there is nothing to cancel."
    ]


def test_only_the_uploader_may_cancel(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    job = running_register_job(registrar)
    url = reverse("register-import-cancel", args=[job["id"]])

    # An administrator reads every register job, and cancels none but their own.
    client.force_login(world.users[Role.ADMINISTRATOR])
    page = client.get(reverse("register-import-job", args=[job["id"]]))
    assert page.status_code == 200 and b'id="import-cancel"' not in page.content
    assert client.post(url).status_code == 404
    # A registrar of the same area does not even find it; other roles are refused.
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.area))
    assert client.post(url).status_code == 404
    client.force_login(world.users[Role.INSPECTOR])
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302  # to the sign-in page
    assert jobs.cancel_requested(REGISTER, job) is False


def test_the_statistics_import_is_cancelled_the_same_way(client, world):
    from reports.services.statistics_import import STATISTICS

    client.force_login(world.inspector)
    job = jobs.create(STATISTICS, world.inspector, b"beat;year\n", "stats.csv")
    jobs.update(STATISTICS, job, state=jobs.APPLYING, phase="apply", writable=10)
    page_url = reverse("statistics-import-check", kwargs={"upload": job["id"]})
    cancel_url = reverse("statistics-import-cancel", kwargs={"upload": job["id"]})
    assert f'action="{cancel_url}"'.encode() in client.get(page_url).content

    assert client.post(cancel_url).url == page_url

    assert jobs.progress_data(STATISTICS, stored_stats(job))["state"] == "cancelling"


def stored_stats(job):
    from reports.services.statistics_import import STATISTICS

    return jobs.get(STATISTICS, job["owner"], job["id"])
