"""Forms in the GOV.UK manner and lifecycle steps offered only when they can succeed, in the
browser: the error summary takes the focus and its links move it to the fields, the browser
never shows its own validation bubbles, a chosen photo survives an error of another field,
and an assistant waiting for the Art. 7 briefing leads the registrar to record it first."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from portal.models import Role
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    PolicePointFactory,
    UserFactory,
    valid_iin,
)
from volunteers.models import Assistant, AssistantStatus
from volunteers.services import lifecycle


class Area:
    def __init__(self):
        point = PolicePointFactory(name="УПП «Абай»")
        self.point = point
        self.inspector = UserFactory(role=Role.INSPECTOR, department=point.department)
        self.registrar = UserFactory(role=Role.AKIMAT_REGISTRAR, area=point.department.area)
        self.beat = BeatFactory(police_point=point, inspector=self.inspector)


@pytest.fixture
def area(transactional_db, settings):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    return Area()


@pytest.fixture
def portrait(tmp_path):
    path = tmp_path / "portrait.png"
    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (180, 20, 20)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def focused_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_the_error_summary_takes_the_focus_and_leads_to_the_fields(
    page, browser_errors, area, portrait
):
    sign_in(page, area.inspector)
    page.goto(reverse("assistant-apply"))
    page.fill("#id_last_name", "Нурланов")
    page.fill("#id_first_name", "Ержан")
    page.fill("#id_phone", "12")
    page.set_input_files("#id_photo", str(portrait))
    # Required fields left empty: the browser lets the form go (novalidate), the server answers.
    page.locator("#assistant-apply-form button[type=submit]").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert focused_id(page) == "error-summary"
    summary.locator("a[href='#id_phone']").click()
    assert focused_id(page) == "id_phone"
    expect(page.locator("#id_phone")).to_have_value("12")
    assert_fits_phone(page)

    # The photo is kept: the user fixes the other fields only and sends again.
    expect(page.locator("#id_photo_kept")).to_contain_text("portrait.png")
    page.fill("#id_phone", "+7 701 000 00 11")
    page.fill("#id_iin", valid_iin(datetime.date(1992, 5, 17), start=35))
    page.fill("#id_address", "ул. Абая, 1")
    page.locator("#id_forms_0").check()
    page.locator("#id_consent").check()
    page.locator("#assistant-apply-form button[type=submit]").click()
    page.wait_for_url("**/staff/register/assistants/*/")
    assistant = Assistant.objects.get()
    assert assistant.photo
    assert browser_errors == []


def test_a_waiting_briefing_is_the_main_next_action(page, browser_errors, area):
    assistant = AssistantFactory(beat=area.beat, status=AssistantStatus.REGISTERED)
    lifecycle.certificate_issue(
        assistant=assistant, user=area.registrar, issued_on=timezone.localdate()
    )
    sign_in(page, area.registrar)
    page.goto(reverse("assistant-detail", args=[assistant.pk]))

    actions = page.locator("#assistant-actions")
    expect(actions.locator("#step-activate form")).to_have_count(0)
    link = actions.locator("a.prerequisite-link.btn-primary")
    expect(link).to_have_count(1)
    # Destructive steps come last, outlined in red.
    last = actions.locator("[data-step]").last
    expect(last).to_have_attribute("data-step", "deregister")
    expect(last.locator("button[type=submit]")).to_have_class("btn btn-outline-danger w-100")
    assert_fits_phone(page)

    link.click()
    page.wait_for_url("**/staff/register/trainings/new/**")
    expect(page.locator("#id_kind")).to_have_value("art7_briefing")
    expect(page.locator(f"input[name=attendees][value='{assistant.pk}']")).to_be_checked()
    page.select_option("#id_police_point", str(area.point.pk))
    page.fill("#id_held_by", "Подполковник полиции Сеитов А.")
    page.locator("main form button.btn-primary[type=submit]").click()

    page.wait_for_url(f"**{reverse('assistant-detail', args=[assistant.pk])}")
    admit = page.locator("#step-activate button.btn-primary[type=submit]")
    expect(admit).to_be_visible()
    admit.click()
    page.wait_for_url(f"**{reverse('assistant-detail', args=[assistant.pk])}")
    assistant.refresh_from_db()
    assert assistant.status == AssistantStatus.ACTIVE
    assert browser_errors == []


def test_form_pages_with_errors_have_no_serious_accessibility_violations(audit, area):
    assistant = AssistantFactory(beat=area.beat, status=AssistantStatus.REGISTERED)
    lifecycle.certificate_issue(
        assistant=assistant, user=area.registrar, issued_on=timezone.localdate()
    )
    for path in (
        reverse("assistant-detail", args=[assistant.pk]),
        reverse("assistant-list"),
        reverse("training-create") + f"?kind=art7_briefing&attendee={assistant.pk}",
    ):
        assert audit(path, login=area.registrar) == [], path
    assert audit(reverse("appeal-list"), login=area.inspector, width=1280) == []
