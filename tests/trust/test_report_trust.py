"""A published report keeps the trust index of its quarter: counts, share and interval (or the
sample size alone below the minimum), the trend, never an answer or a comment; the page
shows it and the PDF prints the survey's QR code."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from portal.models import Role
from portal.periods import Quarter
from portal.qr import qr_data_uri
from reports.models import ReportStatus
from reports.services import publishing
from reports.snapshot import example
from tests.builders.reports import QUARTER, YEAR, build_quarter
from tests.builders.trust import answers
from tests.factories import ReportRevisionFactory
from trust.links import survey_address

THIS = Quarter(YEAR, QUARTER)


def publish(world, report):
    report.status = ReportStatus.SUBMITTED
    report.save()
    return publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])


@pytest.fixture
def published(world, settings, fetched, no_network):
    settings.PORTAL_URL = "https://portal.example.kz"
    data = build_quarter(world)
    answers(world.beat, THIS, positive=8, total=10, comment="Иванов из кв. 5 шумит")
    answers(world.beat, THIS.previous(), positive=2, total=3)
    versions = publish(world, data.report)
    return {version.language: version for version in versions}


def test_the_snapshot_keeps_the_quarters_index_and_trend(published):
    trust = published["ru"].snapshot["trust"]

    assert (trust["total"], trust["positive"], trust["suppressed"]) == (10, 8, False)
    assert trust["share"] == 0.8
    assert (trust["low"], trust["high"]) == (0.4902, 0.9433)
    assert [(q["year"], q["quarter"]) for q in trust["trend"]][-1] == (YEAR, QUARTER)
    previous = trust["trend"][-2]
    assert previous["total"] == 3 and previous["suppressed"]
    assert previous["positive"] is None and previous["share"] is None
    # Never an answer or a comment.
    assert "Иванов" not in str(published["ru"].snapshot)
    assert "comment" not in str(trust)


def test_the_pdf_prints_the_surveys_qr_code(published, fetched):
    pdf = default_storage.open(published["kk"].pdf.name).read()
    address = survey_address(published["kk"].snapshot["beat"]["code"])

    assert address.startswith("https://portal.example.kz/beats/")
    assert address.endswith("?from=report")
    assert qr_data_uri(address) in [url for url, ok in fetched if ok]
    assert pdf.startswith(b"%PDF-")


def test_the_public_page_shows_the_index_and_links_to_the_survey(client, published):
    revision = published["ru"]
    html = client.get(reverse("public-report", args=[revision.pk])).content.decode()

    assert 'id="report-trust-section"' in html and 'data-total="10"' in html
    assert 'data-interval="0.4902-0.9433"' in html
    assert reverse("beat-survey", args=[revision.snapshot["beat"]["code"]]) in html


def test_a_snapshot_from_before_the_survey_still_shows(client, world):
    snapshot = example(beat_code=world.beat.code)
    del snapshot["trust"]
    revision = ReportRevisionFactory(report__beat=world.beat, snapshot=snapshot)
    response = client.get(reverse("public-report", args=[revision.pk]))
    assert response.status_code == 200
    assert 'id="report-trust-section"' not in response.content.decode()


def test_a_quarter_still_running_keeps_no_live_count(world):
    from portal.periods import current_quarter
    from trust.selectors import report_trust

    running = current_quarter()
    answers(world.beat, running, positive=12, total=12)
    answers(world.beat, running.previous(), positive=12, total=12)

    # Drafted or published in its last days, a report would show a count that moves with
    # each answer; the quarter's figures wait until it has ended.
    assert report_trust(world.beat.pk, running) is None
    assert report_trust(world.beat.pk, running.previous())["total"] == 12
