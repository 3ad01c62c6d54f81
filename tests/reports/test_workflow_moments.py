"""The report workflow taken at given moments (`now`): a report entered after the fact is
submitted and published when it really was, and its history and PDF say so."""

import datetime

import pytest
from django.utils import timezone

from reports.models import ReportStatus
from reports.services import publishing
from tests.builders.reports import build_quarter


@pytest.fixture
def data(world):
    return build_quarter(world)


@pytest.fixture
def rendered(monkeypatch):
    """The moments the PDFs were rendered with (the renderer itself is tested elsewhere)."""
    moments = []

    def render(snapshot, *, number, published_at, reason=""):  # once per language version
        moments.append(published_at)
        return b"%PDF-1.7\n%%EOF\n"

    monkeypatch.setattr(publishing, "render_report_pdf", render)
    return moments


def last_history_date(report):
    """The date of the report's last history row (the report itself was created now)."""
    return report.history.order_by("-history_id").first().history_date


def ago(days):
    return timezone.now().replace(microsecond=0) - datetime.timedelta(days=days)


def test_each_step_carries_its_moment(world, data, rendered):
    report, inspector = data.report, world.inspector
    supervisor = world.users["supervisor"]
    # Taken once: a step that runs past a second boundary must not move the expected moments.
    at = {days: ago(days) for days in (20, 15, 5)}
    publishing.report_submit(report=report, user=inspector, now=at[20])
    report.refresh_from_db()
    assert (report.status, report.submitted_at) == (ReportStatus.SUBMITTED, at[20])
    assert last_history_date(report) == at[20]

    first, _other = publishing.report_publish(report=report, user=supervisor, now=at[15])
    assert first.published_at == at[15]
    assert last_history_date(report) == at[15]
    second, _other = publishing.report_correct(
        report=report,
        user=supervisor,
        reasons={"kk": "Статистика нақтыланды", "ru": "Уточнена статистика"},
        now=at[5],
    )
    assert (second.number, second.published_at) == (2, at[5])
    # The date printed in each PDF is the moment of its publication.
    # Both language versions of each revision.
    assert rendered == [at[15], at[15], at[5], at[5]]


def test_without_now_the_steps_are_taken_now(world, data, rendered):
    before = timezone.now()
    publishing.report_submit(report=data.report, user=world.inspector)
    revision, _other = publishing.report_publish(report=data.report, user=world.users["supervisor"])
    data.report.refresh_from_db()
    assert before <= data.report.submitted_at <= revision.published_at <= timezone.now()
    assert rendered == [revision.published_at] * 2
