"""An inspector announces a public joint action; a resident finds it on the public calendar
and on the beat's page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from councils.models import JointAction
from portal.models import Role
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, LOCALE, PHONE_VIEWPORT
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.factories import (
    AreaFactory,
    BeatFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    UserFactory,
)

TITLE = "Безопасный двор: встреча с жителями домов 12–14"


class Almaly:
    """An area with two beats; the inspector serves beat 7. A second area next door."""

    def __init__(self):
        self.area = AreaFactory(name="Алмалинский район")
        department = PoliceDepartmentFactory(area=self.area)
        point = PolicePointFactory(department=department, name="УПП «Абай»")
        self.inspector = UserFactory(
            role=Role.INSPECTOR, department=department, last_name="Сейткали"
        )
        self.beat = BeatFactory(police_point=point, inspector=self.inspector, number=7)
        self.neighbour = BeatFactory(police_point=point, number=8)
        self.other_area = AreaFactory(region=self.area.region, name="Медеуский район")
        BeatFactory(police_point=PolicePointFactory(department__area=self.other_area), number=3)


@pytest.fixture
def almaly(transactional_db):
    return Almaly()


def test_inspector_announces_an_action_and_a_resident_finds_it(
    page, browser, browser_errors, live_server, almaly, settings
):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    sign_in(page, almaly.inspector)

    page.goto("/staff/actions/new/")
    assert_fits_phone(page)
    start = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    page.select_option("#id_campaign", label="Безопасный двор")
    page.fill("#id_title_ru", TITLE)
    page.check(f"input[name=beats][value='{almaly.beat.pk}']")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place_ru", "Двор домов 12–14 по ул. Абая")
    page.check("#id_is_public")
    page.locator("form.needs-validation button[type=submit]").click()

    page.wait_for_url("**/staff/actions/*/")
    action = JointAction.objects.get()
    assert page.url == f"{live_server.url}/staff/actions/{action.pk}/"
    assert (action.is_public, action.area, action.created_by) == (
        True,
        almaly.area,
        almaly.inspector,
    )
    assert list(action.beats.all()) == [almaly.beat]
    assert action.starts_at == start
    expect(page.locator("h1")).to_have_text(TITLE)
    assert browser_errors == []

    # A resident, not signed in, on a phone.
    resident = browser.new_context(viewport=PHONE_VIEWPORT, locale=LOCALE, base_url=live_server.url)
    resident.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        public = resident.new_page()
        public.goto("/events/")
        expect(public.locator(f"#action-{action.pk}")).to_be_visible()
        assert_fits_phone(public)

        # The neighbouring area has nothing; the resident's area and beat show the action.
        public.select_option("#id_area", str(almaly.other_area.pk))
        public.locator("#event-filter button[type=submit]").click()
        public.wait_for_url(f"**/events/?area={almaly.other_area.pk}*")
        expect(public.locator(f"#action-{action.pk}")).to_have_count(0)

        public.select_option("#id_area", str(almaly.area.pk))
        public.locator("#event-filter button[type=submit]").click()
        public.wait_for_url(f"**/events/?area={almaly.area.pk}*")
        public.fill("#id_beat", almaly.beat.code)
        public.locator("#event-filter button[type=submit]").click()
        public.wait_for_url(f"**beat={almaly.beat.code}*")
        card = public.locator(f"#action-{action.pk}")
        expect(card).to_be_visible()
        expect(card).to_contain_text(TITLE)
        expect(card).to_contain_text("Двор домов 12–14 по ул. Абая")
        expect(card).to_contain_text(f"{start:%H:%M}")
        expect(public.locator("#ical-link")).to_have_attribute(
            "href", f"/beats/{almaly.beat.code}/events.ics"
        )
        assert_fits_phone(public)

        # The neighbouring beat's calendar does not show it.
        public.fill("#id_beat", almaly.neighbour.code)
        public.locator("#event-filter button[type=submit]").click()
        public.wait_for_url(f"**beat={almaly.neighbour.code}*")
        expect(public.locator(f"#action-{action.pk}")).to_have_count(0)

        # The beat's public page shows it too, with the link to its calendar feed.
        public.goto(f"/beats/{almaly.beat.code}/")
        expect(public.locator(f"#beat-events #action-{action.pk}")).to_contain_text(TITLE)
        feed = public.locator(f"#beat-events a[href='/beats/{almaly.beat.code}/events.ics']")
        expect(feed).to_be_visible()
        assert_fits_phone(public)
        response = public.request.get(f"/beats/{almaly.beat.code}/events.ics")
        assert response.status == 200
        assert f"action-{action.pk}@" in response.text()
    finally:
        resident.close()


def test_calendar_and_action_pages_have_no_serious_accessibility_violations(
    audit,
    almaly,
    settings,
):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    start = timezone.now() + datetime.timedelta(days=2)
    action = JointAction.objects.create(
        title=TITLE,
        area=almaly.area,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Двор",
        is_public=True,
    )
    action.beats.add(almaly.beat)
    assert audit("/events/") == []
    assert audit(f"/events/?beat={almaly.beat.code}") == []
    assert audit(f"/beats/{almaly.beat.code}/") == []
    for path in (
        "/staff/actions/",
        "/staff/actions/new/",
        f"/staff/actions/{action.pk}/",
        "/staff/partners/",
        "/staff/partners/new/",
    ):
        assert audit(path, login=almaly.inspector) == [], path
