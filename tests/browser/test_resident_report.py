"""A resident on a phone finds the beat by street, opens its latest report and gets the PDF."""

import hashlib
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from districts.models import AppealStatus, ResidentSubmission
from districts.services.submissions import submission_receive
from portal.models import PoliceRank, Role
from reports.models import Subscription
from reports.snapshot import example
from tests.browser.helpers import assert_fits_phone
from tests.factories import (
    AreaFactory,
    BeatFactory,
    BeatStreetFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    QuarterlyReportFactory,
    RegionFactory,
    ReportRevisionFactory,
    UserFactory,
)


def small_pdf(title):
    """A real one-page A4 PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def publish(beat, *, year, quarter, number=1, report=None):
    report = report or QuarterlyReportFactory(
        beat=beat, year=year, quarter=quarter, status="published"
    )
    data = small_pdf(f"{beat.code} {report.year} Q{report.quarter} v{number}")
    return ReportRevisionFactory(
        report=report,
        number=number,
        reason="" if number == 1 else "Уточнена статистика краж",
        snapshot=example(beat_code=beat.code, year=report.year, quarter=report.quarter),
        pdf=ContentFile(data, name="report.pdf"),
        pdf_sha256=hashlib.sha256(data).hexdigest(),
    )


class Samal:
    """A beat on ул. Сатпаева with two published quarters, the latest one corrected."""

    def __init__(self):
        area = AreaFactory(region=RegionFactory(name="Алматы"), name="Бостандыкский район")
        point = PolicePointFactory(
            department=PoliceDepartmentFactory(area=area), name="УПП «Самал»"
        )
        inspector = UserFactory(
            role=Role.INSPECTOR, last_name="Ахметов", first_name="Нурлан", rank=PoliceRank.MAJOR
        )
        self.beat = BeatFactory(
            code="bostandyk-12", number=12, police_point=point, inspector=inspector
        )
        BeatStreetFactory(
            beat=self.beat, name_ru="ул. Сатпаева", name_kk="Сәтбаев көшесі", houses="1–60"
        )
        other = BeatFactory(code="bostandyk-13", number=13, police_point=point)
        BeatStreetFactory(beat=other, name_ru="ул. Тимирязева", name_kk="Тимирязев көшесі")
        self.older = publish(self.beat, year=2026, quarter=1)
        first = publish(self.beat, year=2026, quarter=2)
        self.latest = publish(self.beat, year=2026, quarter=2, number=2, report=first.report)
        self.superseded = first


@pytest.fixture
def samal(transactional_db):
    cache.clear()
    yield Samal()
    cache.clear()


def test_resident_finds_the_beat_opens_the_latest_report_and_downloads_the_pdf(
    page, browser_errors, live_server, samal
):
    page.goto("/")
    page.locator("#id_q").fill("Сатпаева")
    page.locator("#id_q").press("Enter")

    beat_link = page.locator(f'#results a[href="{samal.beat.get_absolute_url()}"]')
    expect(beat_link).to_have_count(1)
    beat_link.click()

    expect(page).to_have_url(f"{live_server.url}{samal.beat.get_absolute_url()}")
    reports = page.locator("#published-reports [data-report-link]")
    expect(reports).to_have_count(2)
    # The newest quarter comes first and leads to its current (corrected) version.
    expect(reports.first).to_have_attribute("href", samal.latest.get_absolute_url())
    assert_fits_phone(page)

    reports.first.click()

    expect(page).to_have_url(f"{live_server.url}{samal.latest.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("2026")
    expect(page.locator("#report")).to_have_attribute("data-revision-number", "2")
    expect(page.locator("#correction-reason")).to_contain_text("Уточнена статистика краж")
    expect(page.locator("#pdf-sha256")).to_have_text(samal.latest.pdf_sha256)
    expect(page.locator("#versions")).to_contain_text("1")
    expect(page.locator(".report-statistics")).to_be_visible()
    assert_fits_phone(page)

    pdf_link = page.locator("#pdf-link")
    expect(pdf_link).to_be_visible()
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert re.fullmatch(r"report-bostandyk-12-2026-q2-v2-ru\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == samal.latest.pdf_sha256
    assert len(PdfReader(io.BytesIO(data)).pages) == 1

    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["etag"] == f'"{samal.latest.pdf_sha256}"'
    assert response.body().startswith(b"%PDF")
    assert browser_errors == []


def test_an_earlier_version_stays_readable_and_points_to_the_current_one(
    page, browser_errors, live_server, samal
):
    page.goto(samal.superseded.get_absolute_url())

    expect(page.locator("#report")).to_have_attribute("data-revision-number", "1")
    current = page.locator("#newer-version a")
    expect(current).to_have_attribute("href", samal.latest.get_absolute_url())
    current.click()

    expect(page).to_have_url(f"{live_server.url}{samal.latest.get_absolute_url()}")
    assert_fits_phone(page)
    assert browser_errors == []


def test_resident_pages_have_no_serious_accessibility_violations(audit, samal):
    subscription = Subscription.objects.create(beat=samal.beat, email="resident@example.kz")
    code = samal.beat.code
    for path in (
        samal.beat.get_absolute_url(),
        samal.latest.get_absolute_url(),
        reverse("beat-proposal", args=[code]),
        reverse("beat-proposal-thanks", args=[code]),
        submission_receive(
            beat=samal.beat, kind="problem", text="Темно во дворе"
        ).get_absolute_url(),
        reverse("beat-subscribe", args=[code]),
        reverse("beat-subscribe-sent", args=[code]),
        reverse("subscription-confirm", args=[subscription.token]),
        reverse("subscription-unsubscribe", args=[subscription.token]),
    ):
        assert audit(path) == [], path


def test_resident_reports_a_problem_and_later_reads_the_answer(
    page, browser_errors, live_server, samal
):
    page.goto(samal.beat.get_absolute_url())
    page.locator("#report-problem-link").click()
    expect(page.locator("#id_kind_0")).to_be_checked()

    # Too short first: the message says so next to the field, nothing is sent.
    page.locator("#id_text").fill("Темно")
    page.locator("#proposal-form button[type=submit]").click()
    expect(page.locator("#id_text")).to_have_class(re.compile("is-invalid"))
    assert not ResidentSubmission.objects.exists()
    assert_fits_phone(page)

    page.locator("#id_text").fill("Во дворе дома 12 по ул. Сатпаева не горят фонари.")
    page.locator("#id_contact").fill("+7 701 555 12 34")
    page.locator("#proposal-form button[type=submit]").click()

    submission = ResidentSubmission.objects.get()
    expect(page.locator("#submission-reference")).to_have_text(submission.reference)
    expect(page.locator("#submission-status")).to_have_attribute("data-status", "new")
    assert submission.appeal.beat == samal.beat
    status_link = page.url
    assert status_link == f"{live_server.url}{submission.get_absolute_url()}"
    assert_fits_phone(page)

    # The inspector answers, with a note the resident never sees.
    appeal = submission.appeal
    appeal.status = AppealStatus.ANSWERED
    appeal.answer = "Фонари заменены, двор освещён."
    appeal.answered_on = appeal.received_on
    appeal.internal_note = "Подрядчик ОСИ — только для полиции"
    appeal.save()

    # Days later, on another phone, the resident opens the link they kept.
    page.context.clear_cookies()
    page.goto(status_link)
    expect(page.locator("#submission-status")).to_have_attribute("data-status", "answered")
    expect(page.locator("[data-answer]")).to_have_text("Фонари заменены, двор освещён.")
    expect(page.get_by_text("только для полиции")).to_have_count(0)
    assert_fits_phone(page)
    assert browser_errors == []
