"""The public faces of the police's partners on a phone: a public council's page, and the
way from a beat's page to the interest form of its area, sent by keyboard."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from councils.models import MemberRole, MemberSide
from portal.models import Role
from tests.browser.helpers import assert_fits_phone
from tests.factories import (
    CouncilFactory,
    DecisionFactory,
    InterestLeadFactory,
    MemberFactory,
    RecommendationFactory,
    SessionFactory,
    UserFactory,
)
from volunteers.models import InterestLead, LeadKind


def council_of(abai):
    council = CouncilFactory(
        department=abai.point.department,
        name_ru="Общественный совет при УП Алмалинского района",
        name_kk="Алмалы ауданы ПБ жанындағы қоғамдық кеңес",
    )
    MemberFactory(council=council, full_name="Абаев Нурлан", role=MemberRole.CHAIR)
    MemberFactory(
        council=council,
        full_name="Ким Ольга",
        role=MemberRole.SECRETARY,
        side=MemberSide.STATE_BODY,
        organisation="Управление полиции Алмалинского района, отдел по связям с общественностью",
    )
    session = SessionFactory(council=council, is_open=True)
    DecisionFactory(session=session, text="Рекомендовать установить освещение во дворах")
    RecommendationFactory(council=council, session=session, outcome="")
    return council


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_public_faces_have_no_serious_violations(audit, abai, lang):
    council = council_of(abai)
    assert audit("/councils/", lang=lang) == []
    assert audit(f"/councils/{council.pk}/", lang=lang) == []
    assert audit("/join/", lang=lang) == []
    assert audit(f"/areas/{abai.area.pk}/join/?beat={abai.north.code}", lang=lang) == []


def test_the_leads_pages_have_no_serious_violations(audit, abai, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    supervisor = UserFactory(role=Role.SUPERVISOR, department=abai.point.department)
    lead = InterestLeadFactory(beat=abai.north, message="Звоните после 18:00")
    assert audit("/staff/register/leads/", width=1280, login=supervisor) == []
    assert audit(f"/staff/register/leads/{lead.pk}/", login=supervisor) == []


def test_a_resident_reads_the_council_page_on_a_phone(page, browser_errors, live_server, abai):
    council = council_of(abai)
    page.goto(abai.north.get_absolute_url())
    page.locator(f'#beat-take-part a[data-council="{council.pk}"]').click()

    expect(page).to_have_url(re.compile(rf"/councils/{council.pk}/$"))
    expect(page.locator("#council-members li")).to_have_count(2)
    expect(page.locator("#civil-share")).to_have_attribute("data-meets", "no")
    assert_fits_phone(page)


def test_a_resident_asks_to_be_called_back_by_keyboard(page, browser_errors, live_server, abai):
    page.goto(abai.north.get_absolute_url())
    page.locator("#join-link").click()
    expect(page.locator("#interest-beat")).to_have_attribute("data-beat", abai.north.code)
    assert_fits_phone(page)

    page.locator("#id_name").focus()
    page.keyboard.type("Сапарова Айгерим")
    page.keyboard.press("Tab")
    page.keyboard.type("+7 701 555 12 34")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.locator("#interest-form button[type=submit]").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#join-thanks")).to_be_visible()
    lead = InterestLead.objects.get()
    assert (lead.beat, lead.kind, lead.contact) == (
        abai.north,
        LeadKind.ASSISTANT,
        "+7 701 555 12 34",
    )
    assert lead.created_at <= timezone.now()
