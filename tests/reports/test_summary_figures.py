"""The figures "in brief" are computed from the snapshot's own data, not typed: they equal the
table's, a correction that re-assembles the report cannot leave a stale total, the
inspector's words stand next to them, and an old snapshot still renders."""

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from portal.models import Role
from reports.models import OffenceStatistic, ReportStatus
from reports.services import publishing
from reports.snapshot import example
from tests.builders.reports import QUARTER, YEAR, build_quarter, categories
from tests.factories import ReportRevisionFactory
from tests.pdf_checks import text_of

FIGURE = re.compile(r'data-figure="(\w+)" data-value="(\d*)"')
TABLE_TOTAL = re.compile(r'<tfoot>.*?<td class="text-end num">(\d+|—)</td>', re.S)


def figures(html):
    return dict(FIGURE.findall(html))


def table_total(html):
    return TABLE_TOTAL.search(html).group(1)


@pytest.fixture
def data(world):
    return build_quarter(world)


def test_the_figures_in_brief_come_from_the_snapshot(client, world, data):
    client.force_login(world.inspector)
    response = client.get(reverse("report-edit", args=[data.report.pk]))
    preview = response.context["preview"]
    html = response.content.decode()
    shown = figures(html)
    assert shown == {
        "offences": str(preview["statistics"]["total"]["current"]),
        "meetings": str(preview["residents"]["meetings"]),
        "rounds": str(preview["residents"]["rounds"]),
        "appeals": str(preview["residents"]["appeals_answered"]),
        "proposals": "2",  # done and declined: both answered
        "actions": str(len(preview["joint_work"]["actions"])),
        "problems": str(len(preview["measures"]["problems_resolved"])),
    }
    assert shown["offences"] == table_total(html) == "9"
    # The inspector's words are shown next to the figures, not instead of them.
    assert 'id="report-summary-text"' in html and data.report.summary_ru in html


def test_without_statistics_the_brief_says_so(client, world, data):
    OffenceStatistic.objects.filter(beat=data.beat, year=YEAR, quarter=QUARTER).delete()
    client.force_login(world.inspector)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("report-edit", args=[data.report.pk])).content.decode()
    assert figures(html)["offences"] == "" and table_total(html) == "—"
    assert "no figures entered" in html


def test_a_corrections_summary_matches_its_table_after_the_data_changed(client, world, data):
    report = data.report
    report.summary_ru = "За квартал зарегистрировано 9 правонарушений."  # typed: goes stale
    report.status = ReportStatus.SUBMITTED
    report.save()
    supervisor = world.users[Role.SUPERVISOR]
    (first,) = [
        r for r in publishing.report_publish(report=report, user=supervisor) if r.language == "ru"
    ]

    # Two more thefts come to light after publication; a correction re-assembles the report.
    theft = OffenceStatistic.objects.get(
        beat=report.beat, category=categories()["theft"], year=YEAR, quarter=QUARTER
    )
    theft.count += 2
    theft.save()
    (second,) = [
        r
        for r in publishing.report_correct(
            report=report,
            user=supervisor,
            reasons={"kk": "Екі ұрлық есепке алынды", "ru": "Учтены две кражи"},
        )
        if r.language == "ru"
    ]
    assert second.snapshot["statistics"]["total"]["current"] == 11

    client.force_login(supervisor)
    for revision, total in ((first, "9"), (second, "11")):
        for url in (
            reverse("public-report", args=[revision.pk]),
            reverse("report-revision", args=[revision.pk]),
        ):
            html = client.get(url).content.decode()
            assert figures(html)["offences"] == table_total(html) == total, url
        # The PDF prints the same figure in brief as in its table.
        pdf = text_of(default_storage.open(revision.pdf.name).read())
        brief = re.search(r"Зарегистрировано правонарушений\s+(\d+)", pdf)
        assert brief and brief.group(1) == total, pdf[:800]
    # The typed text is kept as typed, beside the computed figure that corrects it.
    assert second.snapshot["summary"] == report.summary_ru


def test_an_old_snapshot_still_renders_its_figures(client, world):
    revision = ReportRevisionFactory(report__beat=world.beat)
    snapshot = example(beat_code=world.beat.code)
    assert revision.snapshot["schema"] == 1
    html = client.get(reverse("public-report", args=[revision.pk])).content.decode()
    assert figures(html)["offences"] == str(snapshot["statistics"]["total"]["current"])
    assert figures(html)["proposals"] == "1"
    client.force_login(world.users[Role.SUPERVISOR])
    html = client.get(reverse("report-revision", args=[revision.pk])).content.decode()
    assert figures(html)["meetings"] == str(snapshot["residents"]["meetings"])
    api = client.get(reverse("api-v1:report-detail", kwargs={"id": revision.pk})).json()
    assert api["snapshot"]["statistics"]["total"]["current"] == 6


def test_a_snapshot_missing_sections_renders_without_an_error(client, world):
    revision = ReportRevisionFactory(report__beat=world.beat, snapshot={"schema": 1})
    response = client.get(reverse("public-report", args=[revision.pk]))
    assert response.status_code == 200
    assert figures(response.content.decode())["offences"] == ""
