"""An akimat registrar registers an assistant petitioned by the police, issues the certificate
and opens its printable card."""

import datetime
import io

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.models import Role
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    PolicePointFactory,
    UserFactory,
    valid_iin,
)
from volunteers.models import Assistant, Certificate
from volunteers.services import lifecycle


def url_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class Petitioned:
    """A registrar of one area and an assistant whose police petition reached the akimat."""

    def __init__(self):
        point = PolicePointFactory(name="УПП «Абай»")
        area = point.department.area
        self.registrar = UserFactory(role=Role.AKIMAT_REGISTRAR, area=area)
        beat = BeatFactory(police_point=point)
        self.assistant = AssistantFactory(
            beat=beat,
            last_name="Нұрғалиев",
            first_name="Ерлан",
            middle_name="Қайратұлы",
            status="petitioned",
            petition_sent_on=datetime.date.today() - datetime.timedelta(days=3),
            petition_number="12/345",
        )


@pytest.fixture
def petitioned(transactional_db):
    return Petitioned()


def register_through_the_assistants_page(page, assistant):
    """The assistant's page offers the registration step to the registrar: the main next
    action, its form open and its button the one primary button of the page."""
    page.goto(reverse("assistant-detail", args=[assistant.pk]))
    step = page.locator("#step-register")
    expect(step).to_be_visible()
    expect(step).to_have_attribute("open", "")
    expect(step.locator("button.btn-primary[type=submit]")).to_be_visible()
    date = step.locator("input[type=date]")
    expect(date).not_to_have_value("")
    step.locator("button[type=submit]").click()
    page.wait_for_url(f"**{reverse('assistant-detail', args=[assistant.pk])}")
    expect(page.locator("#assistant-registration")).to_be_visible()
    issue = page.locator("#issue-certificate")
    expect(issue).to_be_visible()
    issue.click()


def test_a_registrar_registers_an_assistant_and_prints_the_certificate(
    page, browser_errors, live_server, petitioned, settings
):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    assistant = petitioned.assistant
    sign_in(page, petitioned.registrar)

    issue_url = reverse("certificate-issue", args=[assistant.pk])
    if url_or_none("assistant-detail", assistant.pk) and url_or_none(
        "assistant-register", assistant.pk
    ):
        register_through_the_assistants_page(page, assistant)
    else:  # the assistants' pages are not installed: register through the service
        lifecycle.assistant_register(
            assistant=assistant, user=petitioned.registrar, registered_on=datetime.date.today()
        )
        page.goto(issue_url)
    page.wait_for_url(f"**{issue_url}")
    assistant.refresh_from_db()
    assert assistant.status == "registered"
    assert assistant.registration_number.endswith("00001")

    # The issue form proposes today and three years of validity.
    expect(page.locator("#id_issued_on")).to_have_value(datetime.date.today().isoformat())
    expect(page.locator("#id_valid_until")).not_to_have_value("")
    assert_fits_phone(page)
    page.locator("#certificate-issue-form button[type=submit]").click()

    page.wait_for_url("**/staff/register/certificates/*/")
    certificate = Certificate.objects.get(assistant=assistant)
    assert page.url == f"{live_server.url}{certificate.get_absolute_url()}"
    assert certificate.number == 1
    assert Assistant.objects.get(pk=assistant.pk).status == "certified"
    expect(page.locator("#certificate-status")).to_have_attribute("data-status", "valid")
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_fits_phone(page)

    # The card: a PDF served inline, both sides.
    link = page.locator("#certificate-pdf")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href == reverse("certificate-pdf", args=[certificate.pk])
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    body = response.body()
    assert body.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(body)).pages) >= 1

    # The QR code's page says the certificate is valid, to anyone.
    page.goto(page.locator("#verify-link").get_attribute("href"))
    expect(page.locator("#verification-status")).to_have_attribute("data-status", "valid")
    expect(page.locator("#holder-initials")).to_have_text("Н. Е. Қ.")
    assert browser_errors == []


def test_certificate_pages_have_no_serious_accessibility_violations(audit, petitioned, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    assistant = petitioned.assistant
    registrar = petitioned.registrar
    lifecycle.assistant_register(
        assistant=assistant, user=registrar, registered_on=datetime.date.today()
    )
    waiting = AssistantFactory(
        beat=assistant.beat,
        status="registered",
        iin=valid_iin(datetime.date(1988, 8, 8)),
    )
    certificate = lifecycle.certificate_issue(
        assistant=assistant, user=registrar, issued_on=datetime.date.today()
    )
    for path, width in (
        (reverse("certificate-list"), 1280),
        (reverse("certificate-list"), 360),
        (certificate.get_absolute_url(), 360),
        (reverse("certificate-issue", args=[waiting.pk]), 360),
    ):
        assert audit(path, width=width, login=registrar) == [], path
    for lang in ("ru", "kk"):
        assert audit(reverse("verify", args=[certificate.token]), lang=lang) == []
        assert audit(reverse("verify", args=["no-such-token-at-all"]), lang=lang) == []
