"""An inspector on a phone logs a meeting with residents and the two proposals raised at it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import Meeting, MeetingKind, MeetingStatus, ProposalKind
from tests.browser.helpers import Beat7, assert_fits_phone, sign_in
from tests.factories import (
    MeetingFactory,
    ProposalFactory,
)

FIRST = "Установить освещение во дворе домов 12–14"
SECOND = "Машины паркуются на детской площадке"


@pytest.fixture
def beat7(transactional_db):
    return Beat7()


def test_inspector_logs_a_meeting_with_two_proposals_on_a_phone(
    page, browser_errors, live_server, beat7, settings
):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    sign_in(page, beat7.inspector)

    page.goto("/staff/meetings/new/")
    expect(page.locator("#id_held_at")).not_to_have_value("")
    assert_fits_phone(page)

    held_at = timezone.localtime() - datetime.timedelta(days=1)
    page.select_option("#id_kind", MeetingKind.OSI_KSK)
    page.select_option("#id_status", MeetingStatus.HELD)
    page.fill("#id_held_at", held_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place_ru", "Двор дома 12 по ул. Абая")
    page.fill("#id_attendance", "27")
    page.fill("#id_topics_ru", "Освещение двора, парковка")

    # Two empty rows come from the server; "add another" appends a third from the template.
    rows = page.locator("[data-formset-forms] [data-formset-form]")
    expect(rows).to_have_count(2)
    add = page.locator("#add-proposal")
    expect(add).to_be_visible()
    add.click()
    expect(rows).to_have_count(3)
    expect(page.locator("#id_proposals-TOTAL_FORMS")).to_have_value("3")
    expect(page.locator("#id_proposals-2-kind")).to_be_focused()
    expect(rows.nth(2).locator("[data-formset-number]")).to_have_text("3")

    # The first row and the added one are filled; the second stays empty and is skipped.
    page.fill("#id_proposals-0-text", FIRST)
    page.select_option("#id_proposals-2-kind", ProposalKind.PROBLEM)
    page.fill("#id_proposals-2-text", SECOND)
    assert_fits_phone(page)

    page.locator("form.needs-validation button[type=submit]").click()

    # Digits: "*" would match the form's own address (new/) before the answer comes.
    page.wait_for_url(re.compile(r"/staff/meetings/[0-9]+/$"))
    meeting = Meeting.objects.get()
    assert page.url == f"{live_server.url}/staff/meetings/{meeting.pk}/"
    assert meeting.beat == beat7.beat
    assert (meeting.kind, meeting.attendance) == (MeetingKind.OSI_KSK, 27)
    assert meeting.created_by == beat7.inspector
    proposals = meeting.proposals.order_by("pk")
    assert [(p.kind, p.text) for p in proposals] == [
        (ProposalKind.PROPOSAL, FIRST),
        (ProposalKind.PROBLEM, SECOND),
    ]
    items = page.locator("#proposals li")
    expect(items).to_have_count(2)
    expect(page.locator("#proposals")).to_contain_text(FIRST)
    expect(page.locator("#proposals")).to_contain_text(SECOND)
    assert_fits_phone(page)
    assert browser_errors == []


def test_meeting_pages_have_no_serious_accessibility_violations(audit, beat7, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    meeting = MeetingFactory(beat=beat7.beat, partners="ОСИ «Абай 12»")
    proposal = ProposalFactory(meeting=meeting, text=FIRST)
    ProposalFactory(meeting=meeting, kind=ProposalKind.PROBLEM, text=SECOND)
    login = beat7.inspector
    for path in (
        "/staff/meetings/",
        "/staff/meetings/new/",
        f"/staff/meetings/{meeting.pk}/",
        f"/staff/meetings/{meeting.pk}/edit/",
        "/staff/proposals/",
        f"/staff/proposals/{proposal.pk}/",
    ):
        assert audit(path, login=login) == [], path
