"""The import pipeline (portal/imports) itself, and both imports built on it.

The column specification and the checker are tried on a small import declared here (any
future import is just another specification); the jobs, the tasks and the pages on the
register and the statistics imports, through the test client.
"""

import datetime
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from kombu.exceptions import OperationalError

from districts.models import Region
from portal import celery_app
from portal.imports import jobs, tasks
from portal.imports.checker import Checker
from portal.imports.columns import CellError, Column, Columns
from portal.imports.errors import ImportFileError
from portal.imports.spec import ImportSpec
from portal.models import Role
from reports.models import OffenceCategory, OffenceStatistic
from reports.services import statistics_import
from reports.services.statistics_import import STATISTICS
from tests.builders.import_flows import register_flow, statistics_flow
from tests.factories import AssistantFactory, valid_iin
from tests.uploads import to_csv
from volunteers.models import Assistant, AssistantStatus
from volunteers.services import registry_import
from volunteers.services.registry_import import REGISTER

ROOT = Path(__file__).resolve().parents[2]


# --- a small import, to try the column specification and the checker ----------------------


def _age(value):
    try:
        return int(str(value).strip())
    except ValueError as error:
        raise CellError("bad_age", value=str(value)[:20]) from error


VISITORS = Columns(
    Column("name", "Name", "Имя / name", ("имя", "аты", "name")),
    Column("age", "Age", "Возраст / age", ("возраст", "жасы", "age"), parse=_age),
    Column(
        "note", "Note", "Примечание / note", ("примечание", "ескерту", "note"),
        required=False, blank=True, max_length=10,
    ),
)  # fmt: skip


class VisitorChecker(Checker):
    columns = VISITORS

    def check_row(self, row):
        name = self.value(row, "name")
        age = self.value(row, "age")
        note = self.value(row, "note")
        if age is not None and age < 18:
            row.refuse("too_young", age=age)
        row.data.update(name=name, age=age, note=note)

    def check_across(self, rows):
        self.mark_repeats(rows, lambda row: (row.data["name"] or "").casefold() or None)


class VisitorImport(ImportSpec):
    kind = "visitors"
    columns = VISITORS
    checker = VisitorChecker
    max_file_bytes = 1024 * 1024
    max_rows = 100
    reasons = {"too_young": "Under 18 (%(age)s).", "required": "%(column)s: required."}

    def write(self, user, result, *, progress=None, reason=""):
        """One record per visitor (a Region stands in for a model of visitors), with no
        transaction of its own; a visitor called "Crash" fails the write half-way."""
        for written, row in enumerate(result.good, start=1):
            if row["name"] == "Crash":
                raise RuntimeError("the database went away")
            Region.objects.create(name=row["name"])
            if progress:
                progress(written)
        return {"written": len(result.good)}


VISITOR_IMPORT = VisitorImport()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Имя", "Возраст", "Примечание"], {"name": 0, "age": 1, "note": 2}),  # Russian
        (["Аты", "Жасы", "Ескерту"], {"name": 0, "age": 1, "note": 2}),  # Kazakh
        (["name", "age", "note"], {"name": 0, "age": 1, "note": 2}),  # English
        # Case, punctuation, two names in one cell, any order, unknown columns ignored.
        (["NOTE:", "Аты / name", "«Возраст»", "Телефон"], {"note": 0, "name": 1, "age": 2}),
    ],
)
def test_a_header_is_mapped_by_its_russian_kazakh_or_english_names(header, expected):
    assert VISITORS.map(header) == expected


def test_a_column_that_is_not_required_may_be_left_out():
    assert VISITORS.map(["Аты", "age"]) == {"name": 0, "age": 1}


@pytest.mark.parametrize("spec", [REGISTER, STATISTICS], ids=["register", "statistics"])
def test_every_accepted_name_of_both_imports_finds_its_column(spec):
    headers = {column.key: column.header for column in spec.columns}
    for column in spec.columns:
        # Names in Cyrillic (Russian, Kazakh) and in Latin letters (English).
        assert any(re.search("[а-яәғқңөұүһі]", alias) for alias in column.aliases), column.key
        assert any(re.search("[a-z]", alias) for alias in column.aliases), column.key
        for alias in column.aliases:
            header = [headers[key] for key in headers if key != column.key] + [alias.upper()]
            assert spec.columns.map(header)[column.key] == len(header) - 1, alias


@pytest.mark.parametrize(
    ("header", "code", "named"),
    [
        (["Имя"], "missing_columns", "Age"),
        (["Имя", "name", "age"], "duplicate_columns", "Name"),
    ],
)
def test_a_missing_or_repeated_column_refuses_the_file_and_names_it(header, code, named):
    with pytest.raises(ImportFileError) as error:
        VISITORS.map(header)
    assert error.value.code == code
    with translation.override("en"):
        assert named in str(error.value)


def test_every_bad_row_is_reported_with_its_row_number_and_reasons():
    content = to_csv(
        ["Имя", "Возраст", "Примечание"],
        [
            ["Асель", "30", ""],  # 2 good
            ["", "", ""],  # a blank line is skipped, the numbering goes on as in the sheet
            ["", "40", ""],  # 4 no name
            ["Ерлан", "16", "x" * 11],  # 5 too young, note too long
            ["АСЕЛЬ", "abc", ""],  # 6 repeats row 2, age not a number
            ["Тимур", "25", "ok"],  # 7 good
        ],
    )

    result = VISITOR_IMPORT.check(None, content, "visitors.csv")

    assert result.total == 5
    assert [row["name"] for row in result.good] == ["Асель", "Тимур"]
    assert {bad.row: bad.reasons for bad in result.bad} == {
        4: [("required", {"column": "name"})],
        5: [("too_long", {"column": "note", "limit": 10}), ("too_young", {"age": 16})],
        6: [("bad_age", {"value": "abc"}), ("duplicate_in_file", {"row": 2})],
    }
    assert result.bad[0].cells == {"name": "", "age": "40", "note": ""}
    with translation.override("en"):
        assert VISITOR_IMPORT.text(*result.bad[0].reasons[0]) == "Name: required."
        assert VISITOR_IMPORT.text(*result.bad[1].reasons[1]) == "Under 18 (16)."


@pytest.mark.parametrize("last", ["Тимур", "Crash"])
def test_the_pipeline_applies_all_or_nothing_for_any_import(world, last):
    user = world.users[Role.ADMINISTRATOR]
    content = to_csv(["name", "age"], [["Асель", 30], ["Ерлан", 40], [last, 25]])
    job = jobs.create(VISITOR_IMPORT, user, content, "visitors.csv")
    regions = Region.objects.count()

    tasks.check.delay(VISITOR_IMPORT.path, user.pk, job["id"])
    assert jobs.claim_apply(VISITOR_IMPORT, jobs.get(VISITOR_IMPORT, user.pk, job["id"]))
    tasks.apply.delay(VISITOR_IMPORT.path, user.pk, job["id"])

    state = jobs.get(VISITOR_IMPORT, user.pk, job["id"])
    if last == "Crash":  # two visitors were written before the crash; neither is kept
        assert (state["state"], state["error"]) == ("failed", ("failed", {}))
        assert Region.objects.count() == regions
    else:
        assert (state["state"], state["written"]) == ("applied", 3)
        assert Region.objects.count() == regions + 3


def test_reasons_are_shown_in_the_readers_language(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    flow = register_flow(world)
    job = flow.upload(client)
    shown = {}
    for language in ("ru", "kk", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        report = client.get(flow.url("job", job)).context["report"]
        shown[language] = report[0]["reasons"]
        with translation.override(language):
            assert shown[language] == [REGISTER.text("iin_format")]
    assert len({tuple(texts) for texts in shown.values()}) == 3


# --- both imports through their pages -----------------------------------------------------


@pytest.fixture(params=["register", "statistics"])
def flow(request, world, client):
    flow = {"register": register_flow, "statistics": statistics_flow}[request.param](world)
    client.force_login(flow.user)
    return flow


def test_the_dry_run_reports_the_bad_rows_and_writes_nothing(client, flow):
    before = flow.records()

    job = flow.upload(client)

    state = flow.job(job)
    assert (state["state"], state["good"], state["bad"], state["total"]) == ("checked", 2, 1, 3)
    page = client.get(flow.url("job", job))
    assert page.status_code == 200
    assert b'id="bad-row-4"' in page.content
    assert b'id="import-apply-form"' in page.content
    assert flow.records() == before


def test_the_apply_writes_the_good_rows(client, flow):
    before_count, before_history = flow.records()
    job = flow.upload(client)

    assert flow.apply(client, job).url == flow.url("job", job)

    assert flow.records() == (before_count + 2, before_history + 2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(flow.url("job", job))
    if flow.spec is STATISTICS:  # the statistics page moves on to the table it changed
        assert page.status_code == 302 and page.url.startswith(reverse("statistics-list"))
        assert [str(m) for m in get_messages(page.wsgi_request)] == [
            "Imported: 2 new values, 0 changed, 0 unchanged."
        ]
    else:
        assert page.context["job"]["state"] == "applied"
        assert page.context["job"]["written"] == 2


def test_the_apply_is_all_or_nothing(client, flow, monkeypatch):
    """The database fails in the middle of the write: what was written before is undone."""
    if flow.spec is REGISTER:  # one record per batch: the first goes in, the second fails
        monkeypatch.setattr(registry_import, "WRITE_BATCH", 1)
        module, name, passes = registry_import, "bulk_create_with_history", 1
    else:  # the new value is created, then the changed one fails
        OffenceStatistic.objects.create(
            beat=flow.world.beat,
            category=OffenceCategory.objects.get(code="fraud"),
            year=2024,
            quarter=2,
            count=2,
        )
        module, name, passes = statistics_import, "bulk_update_with_history", 0
    job = flow.upload(client)
    before = flow.records()
    original = getattr(module, name)
    records_at_the_failure = []

    def write_then_fail(*args, **kwargs):
        nonlocal passes
        if passes:
            passes -= 1
            return original(*args, **kwargs)
        records_at_the_failure.append(flow.records())
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(module, name, write_then_fail)

    flow.apply(client, job)

    assert records_at_the_failure == [(before[0] + 1, before[1] + 1)]
    assert flow.records() == before
    state = flow.job(job)
    assert (state["state"], state["error"]) == ("failed", ("failed", {}))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(flow.url("job", job))
    assert page.context["error"] == "The import failed unexpectedly: nothing was written."
    assert b'id="import-error"' in page.content


def test_a_record_saved_by_someone_else_while_the_import_runs_writes_nothing(
    client, world, monkeypatch
):
    """The register's one-live-registration constraint fires in the middle of the write:
    everything is rolled back and the new check shows why."""
    flow = register_flow(world)
    client.force_login(flow.user)
    job = flow.upload(client)
    # Another registration of the second IIN, committed just after the apply's check read
    # the live IINs: that check misses it, the write meets it, the next check sees it.
    second_iin = valid_iin(datetime.date(1985, 3, 15), "M", start=2000)
    AssistantFactory(beat=world.beat, iin=second_iin, status=AssistantStatus.ACTIVE)
    original = registry_import.RegisterChecker.live_iins
    reads = []

    def live_iins(checker, iins):
        reads.append(iins)
        return set() if len(reads) == 1 else original(checker, iins)

    monkeypatch.setattr(registry_import.RegisterChecker, "live_iins", live_iins)
    count = Assistant.objects.count()

    flow.apply(client, job)

    state = flow.job(job)
    assert (state["state"], state["error"][0], state["changed"]) == ("checked", "conflict", True)
    assert len(reads) == 2
    assert Assistant.objects.count() == count  # the other registration only
    assert not Assistant.objects.filter(status=AssistantStatus.APPLIED).exists()
    page = client.get(flow.url("job", job))
    assert page.context["error"] == REGISTER.text("conflict")
    reasons = {row["row"]: row["reasons"] for row in page.context["report"]}
    assert reasons[3] == [REGISTER.text("live_registration")]


def test_a_job_belongs_only_to_its_uploader(client, flow):
    job = flow.upload(client)
    fingerprint = flow.job(job)["fingerprint"]
    client.force_login(flow.stranger)
    assert client.get(flow.url("job", job)).status_code == 404
    assert client.get(flow.url("progress", job)).status_code == 404
    response = client.post(flow.url("apply", job), {"fingerprint": fingerprint})
    assert response.status_code == 404
    assert flow.job(job)["state"] == "checked"
    assert client.get(flow.url("job", "x" * 32)).status_code == 404


def test_an_apply_is_claimed_once(client, flow, django_capture_on_commit_callbacks):
    before_count, _history = flow.records()
    job = flow.upload(client)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = flow.post_apply(client, job)
        second = flow.post_apply(client, job)  # a second click while the first is queued

    # One apply queued (the other hooks are what the apply's own commit runs).
    assert len([c for c in callbacks if c.__qualname__.startswith("start.")]) == 1
    assert first.status_code == second.status_code == 302
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        "This import cannot be applied now."
    ]
    assert flow.records()[0] == before_count + 2
    assert jobs.claim_apply(flow.spec, flow.job(job)) is False  # applied: nothing to claim


def test_a_failing_task_leaves_a_failed_job_with_its_message(client, flow, monkeypatch):
    def broken(self, row):
        raise ZeroDivisionError

    monkeypatch.setattr(flow.spec.checker, "check_row", broken)

    job = flow.upload(client)

    progress = client.get(flow.url("progress", job)).json()
    assert (progress["state"], progress["done"]) == ("failed", True)
    with translation.override("ru"):
        assert progress["message"] == flow.spec.text("failed")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    page = client.get(flow.url("job", job))
    with translation.override("kk"):
        assert page.context["error"] == flow.spec.text("failed")
    assert page.context["running"] is False and page.context["may_apply"] is False


def test_a_task_at_its_soft_time_limit_fails_its_job(client, flow, monkeypatch):
    def too_slow(self, row):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(flow.spec.checker, "check_row", too_slow)
    job = flow.upload(client)
    assert flow.job(job)["error"] == ("timeout", {"minutes": 10})
    with translation.override("en"):
        assert "10 minutes" in jobs.progress_message(flow.spec, flow.job(job))


def test_a_task_killed_at_its_hard_time_limit_fails_its_job(flow):
    """What the worker calls when it has killed a task at its hard time limit."""
    job = jobs.create(flow.spec, flow.user, flow.content, "file.csv")
    jobs.update(flow.spec, job, state="checking")

    tasks.check.on_failure(
        TimeLimitExceeded(660), "task-id", (flow.spec.path, flow.user.pk, job["id"]), {}, None
    )

    assert flow.job(job["id"])["state"] == "failed"
    assert flow.job(job["id"])["error"][0] == "timeout"


def test_an_unreachable_broker_fails_the_job_at_once(client, flow, monkeypatch):
    class NoBroker:
        def apply_async(self, args):
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setitem(tasks.STEPS, "check", NoBroker())

    job = flow.upload(client)

    state = flow.job(job)
    assert (state["state"], state["error"]) == ("failed", ("not_started", {}))
    with translation.override("en"):
        assert "could not be started" in flow.spec.text(*state["error"])


def test_a_job_given_up_while_it_writes_writes_nothing(client, world, monkeypatch):
    """A job found stalled is failed; its task, if it still runs, stops and rolls back."""
    flow = register_flow(world)
    client.force_login(flow.user)
    job = flow.upload(client)
    monkeypatch.setattr(registry_import, "WRITE_BATCH", 1)
    original = registry_import.bulk_create_with_history

    def write_then_be_given_up(*args, **kwargs):
        created = original(*args, **kwargs)
        jobs.fail(REGISTER, flow.job(job), "stalled")
        return created

    monkeypatch.setattr(registry_import, "bulk_create_with_history", write_then_be_given_up)
    before = flow.records()

    flow.apply(client, job)

    assert flow.records() == before
    assert flow.job(job)["error"] == ("stalled", {})


def test_the_import_pages_start_no_thread(client, flow, monkeypatch):
    def refuse(thread):
        raise AssertionError(f"an import started a thread: {thread.name}")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    job = flow.upload(client)
    assert client.get(flow.url("progress", job)).json()["state"] == "checked"
    flow.apply(client, job)
    assert flow.records()[0] >= 2


# --- the task runner ----------------------------------------------------------------------


def test_without_a_broker_tasks_run_eagerly_in_the_process(flow):
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert celery_app.conf.task_always_eager is True
    assert tasks.check.name == "portal.imports.check" and tasks.apply.name == "portal.imports.apply"
    assert tasks.check.soft_time_limit == settings.IMPORT_TASK_SOFT_TIME_LIMIT
    assert tasks.apply.time_limit == settings.IMPORT_TASK_TIME_LIMIT
    job = jobs.create(flow.spec, flow.user, flow.content, "file.csv")

    tasks.check.delay(flow.spec.path, flow.user.pk, job["id"])

    assert flow.job(job["id"])["state"] == "checked"  # done when delay() returns
    assert tasks.spec_for(flow.spec.path).kind == flow.spec.kind


def test_a_task_names_only_an_import_specification():
    with pytest.raises(TypeError):
        tasks.spec_for("portal.models.User")


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CELERY")}
    clean = {k: v for k, v in clean.items() if k not in ("DJANGO_SETTINGS_MODULE", "CACHE_URL")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DEBUG": "True", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_workers_without_a_shared_cache_are_refused_at_start_up():
    result = run_manage("check", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "Celery workers need a shared cache" in result.stderr
    result = run_manage(
        "check",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
