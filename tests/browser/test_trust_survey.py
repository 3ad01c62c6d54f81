"""A resident scans the QR code of the report-meeting notice on a 360 px phone and answers
the beat's anonymous survey; the same phone cannot answer twice in the quarter."""

from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from districts.models.survey import Source, SurveyResponse
from portal.models import Role
from portal.qr import qr_data_uri
from tests.browser.helpers import assert_fits_phone
from tests.factories import BeatFactory, UserFactory
from trust.views import staff


def notice_survey_url(beat, inspector, live_server):
    """The address the survey's QR code on the printed notice encodes."""
    encoded = []

    def spy(url):
        encoded.append(url)
        return qr_data_uri(url)

    host = urlsplit(live_server.url).netloc
    client = Client(HTTP_HOST=host)
    client.force_login(inspector)
    with mock.patch.object(staff, "qr_data_uri", spy):
        response = client.get(reverse("beat-notice", args=[beat.code]), {"language": "kk"})
    assert response.status_code == 200
    (survey,) = [url for url in encoded if "/survey/" in url]
    return survey


@pytest.fixture
def beat(transactional_db):
    inspector = UserFactory(role=Role.INSPECTOR, last_name="Ахметов", first_name="Нурлан")
    return BeatFactory(code="bostandyk-12", number=12, inspector=inspector)


def test_a_resident_answers_the_survey_from_the_notices_qr_code(
    page, browser_errors, live_server, beat
):
    survey = notice_survey_url(beat, beat.inspector, live_server)
    assert survey.startswith(live_server.url) and survey.endswith("?from=notice")

    page.goto(survey)
    form = page.locator("#survey-form")
    expect(form).to_be_visible()
    assert_fits_phone(page)
    for name, value in (
        ("trust", "5"),
        ("safety", "3"),
        ("knows_inspector", "2"),
        ("satisfaction", "0"),
        ("problem", "lighting"),
    ):
        form.locator(f'input[name="{name}"][value="{value}"]').check()
    form.locator("#id_comment").fill("Во дворе темно вечером")
    page.locator("#survey-submit").click()

    expect(page.locator("#survey-thanks")).to_be_visible()
    assert_fits_phone(page)
    answer = SurveyResponse.objects.get()
    assert (answer.beat_id, answer.trust, answer.source) == (beat.pk, 5, Source.NOTICE)
    assert answer.comment == "Во дворе темно вечером"

    # The same phone again: told politely that it has answered, and no form.
    page.goto(survey)
    expect(page.locator("#survey-answered")).to_be_visible()
    expect(page.locator("#survey-form")).to_have_count(0)
    assert SurveyResponse.objects.count() == 1
    assert browser_errors == []


def test_a_missing_answer_is_named_next_to_its_question(page, browser_errors, beat):
    page.goto(reverse("beat-survey", args=[beat.code]))
    page.locator('#survey-form input[name="trust"][value="4"]').check()
    page.locator("#survey-submit").click()

    expect(
        page.locator("#survey-form .invalid-feedback, #survey-form .is-invalid").first
    ).to_be_visible()
    assert_fits_phone(page)
    assert not SurveyResponse.objects.exists()
    assert browser_errors == []


def test_the_survey_and_the_beat_page_have_no_serious_accessibility_violations(audit, beat):
    for path in (reverse("beat-survey", args=[beat.code]), beat.get_absolute_url()):
        for lang in ("ru", "kk"):
            assert audit(path, lang=lang) == [], (path, lang)
