"""`seed_demo` publishes last quarter's report of every demo beat and drafts this quarter's.

The city is seeded once for the package (see conftest.py); running it again is in
test_running_again.py and test_repairs.py.
"""

import datetime
import hashlib
import re
from collections import defaultdict

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from demo import reports as demo
from districts.models import Beat, Cadence
from portal.models import Role, User
from portal.periods import period_of, previous_period, quarter_of
from reports import submission
from reports.models import (
    OffenceCategory,
    OffenceStatistic,
    QuarterlyReport,
    ReportRevision,
    ReportStatus,
)
from reports.services import publishing
from tests.demo.seeding import REAL_PDF_AREA, stand_in_pdf

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
QUOTED_FIGURE = re.compile(r"\d+\s*(правонаруш|құқық|%|пайыз)|годом ранее|өткен жылы —")


def calendar():
    today = timezone.localdate()
    return {
        "now": timezone.now(),
        "last": quarter_of(previous_period(Cadence.QUARTERLY, today).start),
        "current": quarter_of(period_of(Cadence.QUARTERLY, today).start),
        "current_start": period_of(Cadence.QUARTERLY, today).start,
    }


def demo_beats():
    return list(
        Beat.objects.select_related("police_point__department__area", "inspector")
        .prefetch_related("streets")
        .order_by("code")
    )


def test_every_beat_has_last_quarter_published_with_its_pdf(seeded):
    assert "Offence statistics and quarterly reports" in seeded
    assert "48 published reports" in seeded
    cal = calendar()
    year, quarter = cal["last"]
    beats = demo_beats()
    assert len(beats) == 48
    for beat in beats:
        report = QuarterlyReport.objects.get(beat=beat, year=year, quarter=quarter)
        assert report.status == ReportStatus.PUBLISHED, beat.code
        assert report.missing_languages() == [], beat.code
        for language in ("kk", "ru"):
            for field in ("summary", "measures", "plan_next_quarter"):
                assert report.text(field, language), (beat.code, field, language)
        # Published in Kazakh and in Russian, each version with its PDF.
        versions = {r.language: r for r in report.revisions.filter(number=1)}
        assert set(versions) == {"kk", "ru"}, beat.code
        for language, first in versions.items():
            assert first.reason == ""
            with first.pdf.open("rb") as stored:
                pdf = stored.read()
            assert pdf.startswith(b"%PDF-")
            if beat.code.startswith(REAL_PDF_AREA):  # rendered for real (conftest.py)
                assert pdf.startswith(b"%PDF-1.") and b"%%EOF" in pdf[-1024:], beat.code
            assert hashlib.sha256(pdf).hexdigest() == first.pdf_sha256
            assert first.pdf.name.startswith(f"reports/{beat.code}/{year}-Q{quarter}-r1-")
            assert first.snapshot["summary"] == report.text("summary", language)
        first = versions["ru"]
        snapshot = first.snapshot
        assert snapshot["beat"]["code"] == beat.code
        assert (snapshot["period"]["year"], snapshot["period"]["quarter"]) == (year, quarter)
        # The statistics are compared with the same quarter last year (АППГ).
        total = snapshot["statistics"]["total"]
        assert total["current"] is not None and total["previous"] is not None, beat.code
        rows = snapshot["statistics"]["rows"]
        assert len(rows) == OffenceCategory.objects.filter(is_active=True).count()
        with_both = [r for r in rows if r["current"] is not None and r["previous"] is not None]
        assert len(with_both) >= len(rows) - 1, beat.code
        # The workflow ran in order, after the quarter ended and before now.
        assert report.created_at <= report.submitted_at <= first.published_at <= cal["now"]
        assert timezone.localdate(report.created_at) >= cal["current_start"]


def test_every_report_is_published_in_both_languages_by_a_supervisor(seeded):
    year, quarter = calendar()["last"]
    revisions = ReportRevision.objects.filter(
        number=1, report__year=year, report__quarter=quarter
    ).select_related("report__beat__police_point", "published_by")
    supervised = set(
        User.objects.filter(role=Role.SUPERVISOR).values_list("department_id", flat=True)
    )
    languages = defaultdict(set)
    for revision in revisions:
        beat, publisher = revision.report.beat, revision.published_by
        department = beat.police_point.department_id
        languages[revision.language].add(beat.code)
        if beat.code.startswith("almaly-"):
            assert publisher.username == "supervisor"
        if revision.language == "kk":
            # The inspector wrote in Kazakh too, so the whole Kazakh PDF is Kazakh.
            assert KAZAKH_LETTERS.search(revision.snapshot["summary"]), beat.code
            assert KAZAKH_LETTERS.search(revision.snapshot["plan"]["text"]), beat.code
        else:
            assert not KAZAKH_LETTERS.search(revision.snapshot["summary"]), beat.code
        # A supervisor of the beat's own department, or the demo admin where there is none.
        if department in supervised:
            assert publisher.role == Role.SUPERVISOR and publisher.department_id == department
        else:
            assert publisher.username == "admin", beat.code
    assert len(languages["kk"]) == len(languages["ru"]) == 48


def test_texts_are_written_on_the_beats_own_streets(seeded):
    year, quarter = calendar()["last"]
    for beat in demo_beats():
        report = QuarterlyReport.objects.get(beat=beat, year=year, quarter=quarter)
        for language in ("kk", "ru"):
            text = " ".join(
                report.text(field, language)
                for field in ("summary", "measures", "plan_next_quarter")
            )
            names = [getattr(street, f"name_{language}") for street in beat.streets.all()]
            assert any(name in text for name in names), (beat.code, language, names)
            # The inspector's words quote no figure: the report computes them beside the text.
            summary = report.text("summary", language)
            assert not QUOTED_FIGURE.search(summary), summary


def test_the_next_report_meeting_is_in_the_coming_weeks_on_the_beat(seeded):
    cal = calendar()
    year, quarter = cal["last"]
    for report in QuarterlyReport.objects.filter(year=year, quarter=quarter):
        assert report.next_meeting_place_kk and report.next_meeting_place_ru
        assert cal["now"] < report.next_meeting_at <= cal["now"] + datetime.timedelta(days=46)
        for language in ("kk", "ru"):
            meeting = report.revisions.get(number=1, language=language).snapshot["next_meeting"]
            assert meeting["place"] == report.text("next_meeting_place", language)
            assert meeting["at"] is not None


def test_a_few_reports_are_corrected_by_a_second_revision(seeded):
    year, quarter = calendar()["last"]
    corrected = ReportRevision.objects.filter(number__gt=1).select_related("report__beat")
    assert sorted({r.report.beat.code for r in corrected}) == sorted(demo.CORRECTIONS)
    assert corrected.count() == 2 * len(demo.CORRECTIONS)
    for revision in corrected:
        beat = revision.report.beat
        changes, reason_ru, reason_kk = demo.CORRECTIONS[beat.code]
        assert revision.number == 2
        assert revision.reason == (reason_kk if revision.language == "kk" else reason_ru)
        first = revision.report.revisions.get(number=1, language=revision.language)
        assert first.published_at < revision.published_at
        with revision.pdf.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == revision.pdf_sha256
        # The correction shows the corrected statistics; the first revision still the old ones.
        before = {r["code"]: r["current"] for r in first.snapshot["statistics"]["rows"]}
        after = {r["code"]: r["current"] for r in revision.snapshot["statistics"]["rows"]}
        for code, delta in changes.items():
            assert after[code] == max(before[code] + delta, 0), (beat.code, code)
        statistic = OffenceStatistic.objects.get(
            beat=beat, category__code=next(iter(changes)), year=year, quarter=quarter
        )
        assert statistic.history.count() == 2  # created, then corrected by hand
    assert ReportRevision.objects.filter(number=1).count() == 2 * 48


def test_this_quarter_is_drafted_and_a_few_are_submitted_or_returned(seeded):
    cal = calendar()
    year, quarter = cal["current"]
    reports = QuarterlyReport.objects.filter(year=year, quarter=quarter).select_related("beat")
    assert reports.count() == 48
    submitted = {r.beat.code for r in reports if r.status == ReportStatus.SUBMITTED}
    # Submitted once the quarter's last days have come (reports.submission), the moment
    # being yesterday, and then the demo inspector's returned; complete drafts before that.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    window_open = submission.is_open(cal["current"], yesterday)
    assert submitted == (set(demo.SUBMITTED_NOW) if window_open else set())
    returned = {r.beat.code for r in reports if r.status == ReportStatus.RETURNED}
    assert returned == (set(demo.RETURNED_NOW) if window_open else set())
    assert set(demo.RETURNED_NOW) == {"almaly-01"}
    others = {r.status for r in reports if r.beat.code not in submitted | returned}
    assert others == {ReportStatus.DRAFT}
    assert not ReportRevision.objects.filter(report__in=reports).exists()
    for report in reports:
        assert report.summary_kk or report.summary_ru, report.beat.code
        assert report.created_at <= cal["now"]
        if report.beat.code in demo.SUBMITTED_NOW:
            # The supervisor gets a complete report to review.
            assert report.missing_languages() == [], report.beat.code
            assert report.measures_kk and report.plan_next_quarter_ru
            assert report.next_meeting_place_kk and report.next_meeting_place_ru
            assert report.next_meeting_at > cal["now"]
            assert report.beat.police_point.department.area.name_ru == "Алмалинский район"
        if report.status == ReportStatus.SUBMITTED:
            assert report.created_at < report.submitted_at <= cal["now"]
        elif report.status == ReportStatus.RETURNED:
            # The supervisor's comments, in the beat's language (Kazakh in Almaly).
            assert report.supervisor_comment == demo.RETURNED_NOW[report.beat.code][1]
            assert report.created_at < report.submitted_at <= cal["now"]
            assert report.history.latest().history_date <= cal["now"]
        else:
            assert report.submitted_at is None
    # Partly written: some drafts still lack their measures or plan.
    drafts = [r for r in reports if r.status == ReportStatus.DRAFT]
    assert any(not r.measures_ru or not r.plan_next_quarter_ru for r in drafts)
    # Some drafts are written so far in the beat's language only: the editor says so.
    assert any(r.missing_languages() for r in drafts)


def test_statistics_cover_last_year_and_this_year_with_realistic_counts(seeded):
    year, quarter = calendar()["last"]
    quarters = [(year - 1, q) for q in range(1, 5)] + [(year, q) for q in range(1, quarter + 1)]
    categories = OffenceCategory.objects.filter(is_active=True).count()
    beats = demo_beats()
    per_beat = defaultdict(set)
    totals = defaultdict(int)
    for code, category, y, q, count in OffenceStatistic.objects.values_list(
        "beat__code", "category__code", "year", "quarter", "count"
    ):
        assert (y, q) in quarters
        assert 0 <= count <= 12 + 2  # a correction may add to a full quarter
        per_beat[code].add((category, y, q))
        totals[category] += count
    for beat in beats:
        # Every quarter is there, and the reported quarter has its АППГ.
        assert {(y, q) for _c, y, q in per_beat[beat.code]} == set(quarters), beat.code
        assert len({c for c, y, q in per_beat[beat.code] if (y, q) == (year - 1, quarter)}) >= (
            categories - 1
        )
    full = len(beats) * categories * len(quarters)
    stored = OffenceStatistic.objects.count()
    assert full - 30 < stored < full  # a few categories have no data in some quarters
    assert totals["theft"] > totals["robbery"] * 4
    assert totals["online_fraud"] > totals["drugs"]
    by_level = defaultdict(list)
    for level, total in (
        OffenceStatistic.objects.values("beat")
        .annotate(total=Sum("count"))
        .values_list("beat__criminogenic_level", "total")
    ):
        by_level[level].append(total)
    average = {level: sum(v) / len(v) for level, v in by_level.items()}
    assert average["high"] > average["medium"] > average["low"]


def test_a_failed_publication_leaves_no_stored_pdf(own_media, monkeypatch):
    beats = Beat.objects.filter(code__in=["almaly-01", "almaly-02", "almaly-03"])
    rendered = []

    def render_then_fail(*args, **kwargs):
        if len(rendered) == 2:
            raise RuntimeError("WeasyPrint broke")
        pdf = stand_in_pdf(*args, **kwargs)
        rendered.append(pdf)
        return pdf

    monkeypatch.setattr(publishing, "render_report_pdf", render_then_fail)
    revisions_elsewhere = ReportRevision.objects.exclude(report__beat__in=beats).count()
    stored = set(ReportRevision.objects.values_list("pdf", flat=True))
    before = stored_files(beats)
    with pytest.raises(RuntimeError), transaction.atomic():
        demo.seed_reports(beats)
    assert len(rendered) == 2
    assert ReportRevision.objects.exclude(report__beat__in=beats).count() == revisions_elsewhere
    # The two PDFs rendered before the failure are not left behind; the old ones remain.
    assert stored_files(beats) == before
    assert set(ReportRevision.objects.values_list("pdf", flat=True)) == stored
    assert all(default_storage.exists(name) for name in stored)


def stored_files(beats):
    return {
        f"reports/{beat.code}/{name}"
        for beat in beats
        for name in default_storage.listdir(f"reports/{beat.code}")[1]
    }


def test_seeded_early_in_a_quarter_nothing_is_dated_later(own_media, monkeypatch):
    """Seeded on 2 January just after midnight: the last quarter is Q4 of the year before."""
    tz = timezone.get_current_timezone()
    now = datetime.datetime(timezone.localdate().year, 1, 2, 0, 30, tzinfo=tz)
    beats = Beat.objects.filter(code__in=["almaly-01", "almaly-02", "medeu-01"])
    printed = []  # the publication moments printed in the PDFs

    def render(snapshot, **kwargs):
        printed.append(kwargs["published_at"])
        return stand_in_pdf(snapshot, **kwargs)

    monkeypatch.setattr(publishing, "render_report_pdf", render)
    counts = demo.seed_reports(beats, now=now)
    assert counts["published reports"] == 3
    reports = QuarterlyReport.objects.filter(beat__in=beats)
    published = reports.get(beat__code="almaly-01", status=ReportStatus.PUBLISHED)
    assert (published.year, published.quarter) == (now.year - 1, 4)
    assert reports.filter(year=now.year, quarter=1).count() == 3
    total = published.revisions.get(number=2, language="kk").snapshot["statistics"]["total"]
    assert total["current"] is not None and total["previous"] is not None
    assert not reports.filter(created_at__gt=now).exists()
    assert not reports.filter(submitted_at__gt=now).exists()
    assert not ReportRevision.objects.filter(report__in=reports, published_at__gt=now).exists()
    assert not QuarterlyReport.history.filter(beat__in=beats, history_date__gt=now).exists()
    # Three published, one corrected: each in Kazakh and in Russian.
    assert len(printed) == 8 and max(printed) <= now
    years = set(OffenceStatistic.objects.filter(beat__in=beats).values_list("year", flat=True))
    assert years == {now.year - 2, now.year - 1}


def test_seeded_in_the_quarters_last_days_the_complete_drafts_are_submitted(own_media, monkeypatch):
    """Seeded on 28 December: the current quarter's submission has opened (reports.submission),
    so the complete reports wait for the supervisor's review, and the demo inspector's has
    come back with comments."""
    tz = timezone.get_current_timezone()
    now = datetime.datetime(timezone.localdate().year - 1, 12, 28, 15, tzinfo=tz)
    monkeypatch.setattr(publishing, "render_report_pdf", stand_in_pdf)
    beats = Beat.objects.filter(code__in=["almaly-01", "almaly-02"])
    demo.seed_reports(beats, now=now)
    current = QuarterlyReport.objects.filter(beat__in=beats, year=now.year, quarter=4)
    statuses = dict(current.values_list("beat__code", "status"))
    assert statuses == {"almaly-01": ReportStatus.RETURNED, "almaly-02": ReportStatus.SUBMITTED}
    submitted = current.get(beat__code="almaly-02").submitted_at
    assert submission.opens_on(quarter_of(now.date())) <= timezone.localdate(submitted)
