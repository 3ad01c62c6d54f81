"""An inspector on a phone adds the beat's messenger groups and reception hours; residents
then find them with QR codes on the beat's page, and past events have pages of their own."""

import re

import pytest
from playwright.sync_api import expect

from districts.models import MessengerGroup
from tests.browser.helpers import assert_fits_phone, sign_in
from tests.builders.events import public_action
from tests.factories import MeetingFactory


def test_inspector_adds_two_groups_on_a_phone_and_residents_scan_them(
    page, browser_errors, abai, settings
):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    sign_in(page, abai.north_inspector)
    page.goto(f"/staff/beats/{abai.north.code}/")
    page.click("#passport-channels")
    expect(page.locator("#channels-form")).to_be_visible()
    assert_fits_phone(page)

    page.fill("#id_reception_hours_ru", "Вт, Чт 18:00–20:00 в УПП")
    page.fill("#id_reception_hours_kk", "Сс, Бс 18:00–20:00 УПП-да")
    rows = page.locator("#channel-groups [data-formset-form]")
    expect(rows).to_have_count(1)
    page.fill("#id_groups-0-label_ru", "просп. Абая 10, подъезды 1–4")
    page.select_option("#id_groups-0-platform", "telegram")
    page.fill("#id_groups-0-url", "https://t.me/abaya10")
    page.click("#add-group")
    expect(rows).to_have_count(2)
    page.fill("#id_groups-1-label_kk", "Абай даңғылы 12")
    page.select_option("#id_groups-1-platform", "whatsapp")
    page.fill("#id_groups-1-url", "https://t.me/not-whatsapp")
    page.click("#channels-form button[type=submit]")

    # The Telegram link on a WhatsApp group is refused next to the field; nothing is saved.
    expect(page.locator("#id_groups-1-url")).to_have_class(re.compile(r"\bis-invalid\b"))
    assert not MessengerGroup.objects.exists()
    page.fill("#id_groups-1-url", "https://chat.whatsapp.com/Fz1aB2cD3eF4")
    page.click("#channels-form button[type=submit]")
    expect(page.locator(".alert-success")).to_be_visible()
    assert MessengerGroup.objects.filter(beat=abai.north).count() == 2

    page.goto(f"/beats/{abai.north.code}/")
    channels = page.locator("#beat-channels")
    expect(channels).to_contain_text("Вт, Чт 18:00–20:00 в УПП")
    expect(channels.locator("svg.qr-code")).to_have_count(2)
    expect(channels.locator('a[href="https://t.me/abaya10"]')).to_be_visible()
    assert_fits_phone(page)
    assert browser_errors == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_channels_and_event_pages_have_no_serious_violations(audit, abai, lang):
    MessengerGroup.objects.create(
        beat=abai.north, label_ru="Абая 10", platform="telegram", url="https://t.me/abaya10"
    )
    action = public_action(abai.area, [abai.north], days=-2, results="Освещены 3 двора")
    MeetingFactory(beat=abai.north, is_public=True)
    assert audit(abai.north.get_absolute_url(), lang=lang) == []
    assert audit(f"/events/action/{action.pk}/", lang=lang) == []
    assert audit(f"/events/past/?area={abai.area.pk}&beat=7", lang=lang) == []
