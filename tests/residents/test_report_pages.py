"""The resident site: a published report's page and PDF, and the beat page's reports."""

import datetime
import hashlib
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from districts.models import MeetingKind, MeetingStatus, ProposalSource
from portal import published as report_cache
from reports.snapshot import example
from tests.builders.reports import REPORT_SECTIONS
from tests.factories import (
    BeatFactory,
    MeetingFactory,
    ProposalFactory,
    QuarterlyReportFactory,
    ReportRevisionFactory,
)

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PDF_SHA256 = hashlib.sha256(PDF_BYTES).hexdigest()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


def publish(beat=None, *, year=2026, quarter=3, number=1, report=None, **snapshot_changes):
    """A published revision (a new report unless `report` is given) with a real stored file."""
    from django.core.files.base import ContentFile

    report = report or QuarterlyReportFactory(
        beat=beat or BeatFactory(), year=year, quarter=quarter, status="published"
    )
    snapshot = example(beat_code=report.beat.code, year=report.year, quarter=report.quarter)
    snapshot.update(snapshot_changes)
    return ReportRevisionFactory(
        report=report,
        number=number,
        reason="" if number == 1 else f"Исправлена статистика, версия {number}",
        snapshot=snapshot,
        pdf=ContentFile(PDF_BYTES, name="report.pdf"),
        pdf_sha256=PDF_SHA256,
    )


# --- the report page -------------------------------------------------------------------------


def test_report_page_shows_the_snapshot_in_plain_sections(client, db):
    revision = publish(summary="Обстановка на участке спокойная.")

    response = client.get(reverse("public-report", args=[revision.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for section in REPORT_SECTIONS:
        assert f'id="{section}"' in html, section
    snapshot = revision.snapshot
    assert "Обстановка на участке спокойная." in html
    assert snapshot["beat"]["inspector"]["name"] in html
    assert snapshot["statistics"]["rows"][0]["category"] in html
    assert snapshot["measures"]["problems_resolved"][0]["place"] in html
    assert snapshot["joint_work"]["actions"][0]["title"] in html
    assert snapshot["proposals"][0]["outcome"] in html
    assert snapshot["plan"]["items"][0]["title"] in html
    assert snapshot["next_meeting"]["place"] in html
    # Version, date, PDF link and its checksum.
    assert f'data-revision-number="{revision.number}"' in html
    assert timezone.localtime(revision.published_at).date().isoformat() in html
    assert f'href="{reverse("public-report-pdf", args=[revision.pk])}"' in html
    assert PDF_SHA256 in html
    assert 'id="correction-reason"' not in html
    # Readable on a phone: the viewport is set and the table scrolls inside its box.
    assert 'name="viewport"' in html
    assert "table-responsive" in html


def test_correction_shows_its_reason_and_links_every_version(client, db):
    first = publish()
    second = publish(report=first.report, number=2)

    html = client.get(reverse("public-report", args=[second.pk])).content.decode()

    assert 'id="correction-reason"' in html
    assert "Исправлена статистика, версия 2" in html
    assert f'href="{reverse("public-report", args=[first.pk])}"' in html
    assert 'id="newer-version"' not in html

    # The earlier version stays readable at its own id and points to the current one.
    earlier = client.get(reverse("public-report", args=[first.pk]))
    assert earlier.status_code == 200
    earlier_html = earlier.content.decode()
    assert 'id="newer-version"' in earlier_html
    assert f'href="{reverse("public-report", args=[second.pk])}"' in earlier_html
    assert f'data-revision-number="{first.number}"' in earlier_html


def test_user_text_in_the_snapshot_is_escaped(client, db):
    revision = publish(summary='<script>alert(1)</script><img src="file:///etc/passwd">')

    html = client.get(reverse("public-report", args=[revision.pk])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="file:///etc/passwd">' not in html


def test_unknown_report_is_404(client, db):
    assert client.get(reverse("public-report", args=[987654])).status_code == 404
    assert client.get(reverse("public-report-pdf", args=[987654])).status_code == 404


def test_a_draft_report_has_no_public_page(client, db):
    draft = QuarterlyReportFactory(status="draft", summary="Черновик, не для жителей")

    assert client.get(reverse("public-report", args=[draft.pk])).status_code == 404
    beat_page = client.get(draft.beat.get_absolute_url()).content.decode()
    assert "Черновик" not in beat_page
    assert 'id="published-reports"' not in beat_page


def test_report_page_is_served_from_the_cache(client, db):
    revision = publish()
    url = reverse("public-report", args=[revision.pk])

    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)

    assert response.status_code == 200
    assert PDF_SHA256 in response.content.decode()
    assert len(second) < len(first)
    assert len(second) == 0


def test_cached_page_is_kept_per_language(client, db):
    revision = publish()
    url = reverse("public-report", args=[revision.pk])
    client.get(url)

    client.cookies["django_language"] = "kk"
    response = client.get(url)

    assert response.status_code == 200
    assert '<html lang="kk">' in response.content.decode()


def test_publication_invalidates_the_cached_page(client, db):
    first = publish()
    url = reverse("public-report", args=[first.pk])
    assert 'id="newer-version"' not in client.get(url).content.decode()

    second = publish(report=first.report, number=2)
    report_cache.bump_published_version()  # what publishing does after the commit

    html = client.get(url).content.decode()
    assert 'id="newer-version"' in html
    assert f'href="{reverse("public-report", args=[second.pk])}"' in html


# --- the stored PDF --------------------------------------------------------------------------


def test_pdf_is_the_stored_file_never_rendered_again(client, db):
    revision = publish()

    with (
        mock.patch("portal.pdf.render_pdf", side_effect=AssertionError("re-rendered")),
        mock.patch("portal.pdf.html_to_pdf", side_effect=AssertionError("re-rendered")),
    ):
        response = client.get(reverse("public-report-pdf", args=[revision.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body == PDF_BYTES
    assert body.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert "attachment" in disposition
    expected = f"report-{revision.report.beat.code}-2026-q3-v1-ru.pdf"
    assert f'filename="{expected}"' in disposition
    assert response["ETag"] == f'"{PDF_SHA256}"'
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]


def test_pdf_answers_not_modified_to_a_matching_etag(client, db):
    revision = publish()

    response = client.get(
        reverse("public-report-pdf", args=[revision.pk]), HTTP_IF_NONE_MATCH=f'"{PDF_SHA256}"'
    )

    assert response.status_code == 304
    assert response["ETag"] == f'"{PDF_SHA256}"'


def test_pdf_download_needs_no_database_once_cached(client, db):
    revision = publish()
    url = reverse("public-report-pdf", args=[revision.pk])
    b"".join(client.get(url).streaming_content)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert b"".join(response.streaming_content) == PDF_BYTES

    assert len(queries) == 0


def test_missing_pdf_file_is_404_not_an_error(client, db):
    revision = publish()
    revision.pdf.storage.delete(revision.pdf.name)

    assert client.get(reverse("public-report-pdf", args=[revision.pk])).status_code == 404


def test_each_revision_serves_its_own_pdf(client, db):
    first = publish()
    second = publish(report=first.report, number=2)

    first_response = client.get(reverse("public-report-pdf", args=[first.pk]))
    second_response = client.get(reverse("public-report-pdf", args=[second.pk]))

    assert "-v1-ru.pdf" in first_response["Content-Disposition"]
    assert "-v2-ru.pdf" in second_response["Content-Disposition"]


# --- the beat page ---------------------------------------------------------------------------


def test_beat_page_lists_published_reports_newest_first(client, db):
    beat = BeatFactory()
    older = publish(beat, year=2025, quarter=4)
    newest_first_version = publish(beat, year=2026, quarter=2)
    newest = publish(report=newest_first_version.report, number=2)
    middle = publish(beat, year=2026, quarter=1)
    QuarterlyReportFactory(beat=beat, year=2026, quarter=3, status="draft")
    publish(BeatFactory(), year=2026, quarter=3)  # another beat's

    response = client.get(beat.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    links = [
        reverse("public-report", args=[r.pk]) for r in (newest, middle, older)
    ]  # the latest revision of each report
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert f'href="{reverse("public-report", args=[newest_first_version.pk])}"' not in html
    assert html.count("data-report-link") == 3
    assert 'id="propose-link"' in html
    assert f'href="{reverse("beat-proposal", args=[beat.code])}?kind=problem"' in html
    assert f'href="{reverse("beat-proposal", args=[beat.code])}?kind=suggestion"' in html
    assert f'href="{reverse("beat-subscribe", args=[beat.code])}"' in html


def test_next_report_meeting_from_the_latest_report(client, db):
    beat = BeatFactory()
    at = soon(20).replace(microsecond=0)
    publish(beat, year=2026, quarter=2, next_meeting={"at": at.isoformat(), "place": "Школа № 9"})

    html = client.get(beat.get_absolute_url()).content.decode()

    assert 'id="next-report-meeting"' in html
    assert "Школа № 9" in html
    assert timezone.localtime(at).isoformat() in html


def test_an_announced_report_meeting_sooner_wins(client, db):
    beat = BeatFactory()
    publish(
        beat,
        year=2026,
        quarter=2,
        next_meeting={"at": soon(30).isoformat(), "place": "Школа № 9"},
    )
    MeetingFactory(
        beat=beat,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        is_public=True,
        held_at=soon(10),
        place="Актовый зал КСК «Самал»",
        attendance=None,
    )
    # Not announced to residents: never shown.
    MeetingFactory(
        beat=beat,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        is_public=False,
        held_at=soon(2),
        place="Служебное совещание",
        attendance=None,
    )

    html = client.get(beat.get_absolute_url()).content.decode()

    assert "Актовый зал КСК «Самал»" in html
    assert "Служебное совещание" not in html


def test_a_past_next_meeting_is_not_shown(client, db):
    beat = BeatFactory()
    publish(beat, next_meeting={"at": soon(-3).isoformat(), "place": "Прошедшая встреча"})

    html = client.get(beat.get_absolute_url()).content.decode()

    assert 'id="next-report-meeting"' not in html


def _fill_beat(beat, quarters):
    for year, quarter in quarters:
        revision = publish(
            beat,
            year=year,
            quarter=quarter,
            next_meeting={"at": soon(15).isoformat(), "place": "Школа"},
        )
        publish(report=revision.report, number=2)
    MeetingFactory(
        beat=beat,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        is_public=True,
        held_at=soon(5),
        attendance=None,
    )


def test_beat_page_query_count_is_flat(client, db):
    small, large = BeatFactory(), BeatFactory()
    _fill_beat(small, [(2026, 1)])
    _fill_beat(large, [(2024, q) for q in range(1, 5)] + [(2025, q) for q in range(1, 5)])

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.get_absolute_url()).status_code == 200
    with CaptureQueriesContext(connection) as large_queries:
        assert client.get(large.get_absolute_url()).status_code == 200

    assert len(large_queries) == len(small_queries)


# --- personal data ---------------------------------------------------------------------------


def test_no_resident_personal_data_on_public_pages(client, db):
    revision = publish()
    beat = revision.report.beat
    ProposalFactory(
        beat=beat,
        meeting=None,
        source=ProposalSource.RESIDENT_SITE,
        text="Во дворе нет освещения уже месяц",
        resident_name="Жанар Тестова",
        resident_contact="+7 701 555 12 34",
    )

    pages = [
        beat.get_absolute_url(),
        reverse("public-report", args=[revision.pk]),
        reverse("beat-proposal", args=[beat.code]),
        reverse("beat-proposal-thanks", args=[beat.code]),
        reverse("beat-subscribe", args=[beat.code]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Жанар Тестова" not in html, url
        assert "555 12 34" not in html, url
