"""A double click on "Save" (or a slow answer clicked again) stores the meeting once."""

import datetime
import re

import pytest
from django.utils import timezone

from districts.models import Meeting, MeetingKind, MeetingStatus, Proposal
from portal.models import SubmittedForm
from tests.browser.helpers import Beat7, sign_in


@pytest.fixture
def beat7(transactional_db):
    return Beat7()


def test_a_double_clicked_save_stores_one_meeting(page, live_server, beat7, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    sign_in(page, beat7.inspector)
    page.goto("/staff/meetings/new/")
    held_at = timezone.localtime() - datetime.timedelta(days=1)
    page.select_option("#id_kind", MeetingKind.OSI_KSK)
    page.select_option("#id_status", MeetingStatus.HELD)
    page.fill("#id_held_at", held_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place_ru", "Двор дома 12 по ул. Абая")
    page.fill("#id_attendance", "27")
    page.fill("#id_proposals-0-text", "Установить освещение во дворе")

    # Both sends reach the server: the page's own form is sent again after the first.
    page.evaluate(
        """() => {
            const form = document.querySelector("form.needs-validation");
            const first = new FormData(form);
            return fetch(form.action || location.href, {method: "POST", body: first})
                .then(() => form.requestSubmit());
        }"""
    )
    page.wait_for_url(re.compile(r"/staff/meetings/\d+/$"))
    meeting = Meeting.objects.get()
    assert page.url == f"{live_server.url}/staff/meetings/{meeting.pk}/"
    assert Proposal.objects.filter(meeting=meeting).count() == 1
    assert SubmittedForm.objects.get().location.endswith(f"/staff/meetings/{meeting.pk}/")
