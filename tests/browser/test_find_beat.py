"""A resident on a phone finds their beat, their inspector and the police point's hours."""

import re

from playwright.sync_api import expect

from districts.models import Beat
from tests.browser.helpers import assert_fits_phone
from tests.factories import (
    BeatStreetFactory,
)


def tab_until_focused(page, element_id, *, limit):
    """Press Tab as a keyboard user would until `element_id` has focus; the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return presses
    return None


def results(page):
    return page.locator("#results li a.card")


def search_field(page):
    return page.locator("#id_q")


def test_resident_finds_beat_by_kazakh_street_name(page, browser_errors, live_server, abai):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("searchbox")).to_have_id("id_q")
    assert_fits_phone(page)

    search_field(page).fill("Абай")
    search_field(page).press("Enter")

    expect(page).to_have_url(re.compile(r"/\?(.*&)?q="))
    expect(results(page)).to_have_count(2)
    # The focus moved to the results, so a screen reader starts there.
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.locator(f'#results a[href="{abai.north.get_absolute_url()}"]')).to_contain_text(
        abai.north_inspector.display_name
    )
    expect(page.locator(f'#results a[href="{abai.south.get_absolute_url()}"]')).to_contain_text(
        abai.south_inspector.display_name
    )
    expect(page.locator(f'#results a[href="{abai.tole_bi.get_absolute_url()}"]')).to_have_count(0)
    # Each card says which houses of the street the beat covers.
    expect(results(page).nth(0)).to_contain_text("1–45")
    expect(results(page).nth(1)).to_contain_text("47–121")
    # The query stays in the field, so the resident can correct it.
    expect(search_field(page)).to_have_value("Абай")
    assert_fits_phone(page)

    page.locator(f'#results a[href="{abai.south.get_absolute_url()}"]').click()

    expect(page).to_have_url(f"{live_server.url}/beats/{abai.south.code}/")
    inspector = page.locator("section[aria-labelledby='inspector-heading']")
    expect(inspector).to_contain_text(abai.south_inspector.display_name)
    expect(inspector).to_contain_text("майор полиции")
    point = page.locator("section[aria-labelledby='point-heading']")
    expect(point).to_contain_text(abai.point.name)
    expect(point).to_contain_text(abai.point.address)
    # The point's reception hours, beside the inspector's own, in "how to reach".
    expect(page.locator("#channels-point-hours")).to_contain_text("Пн–Пт 9:00–18:00")
    expect(page.locator("#channels-point-hours")).to_contain_text(
        "Сб 10:00–14:00, обед 13:00–14:00"
    )
    expect(page.locator("#streets-heading + ul")).to_contain_text("47–121")
    expect(page.locator("h1")).to_contain_text(abai.area.name)
    assert_fits_phone(page)
    assert browser_errors == []


def test_house_number_narrows_to_one_beat(page, live_server, abai):
    page.goto("/?q=" + "Абая 51")

    expect(results(page)).to_have_count(1)
    expect(results(page)).to_have_attribute("href", abai.south.get_absolute_url())


def test_keyboard_tab_reaches_search_and_enter_submits(page, browser_errors, live_server, abai):
    page.goto("/")

    presses = tab_until_focused(page, "id_q", limit=10)
    assert presses, "Ten Tab presses from the top of the page never reached the search field"
    expect(search_field(page)).to_be_focused()
    # Skip link, brand, menu button at 360 px: the search field should be close behind.
    assert presses <= 5, f"the search field is Tab stop {presses}; expected within the first 5"

    page.keyboard.type("Абай")
    page.keyboard.press("Enter")

    expect(results(page)).to_have_count(2)
    assert browser_errors == []


def test_skip_link_leads_to_the_search_field(page, live_server, abai):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator("a[href='#main']")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    expect(search_field(page)).to_be_focused()


def test_unknown_street_says_so_without_sideways_scroll(page, browser_errors, live_server, abai):
    page.goto("/")
    search_field(page).fill("Несуществующая улица")
    search_field(page).press("Enter")

    expect(page.locator("#results [role=status]")).to_be_visible()
    expect(results(page)).to_have_count(0)
    # The focus is on the heading that says nothing was found; the hint is its description.
    heading = page.locator("#results-heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_attribute("aria-describedby", "results-hint")
    expect(heading).to_have_accessible_description(
        page.locator("#results-hint").inner_text().strip()
    )
    assert_fits_phone(page)
    assert browser_errors == []


def test_latin_letters_and_a_typo_find_the_beat_and_the_keyboard_goes_on_to_it(
    page, browser_errors, live_server, abai
):
    page.goto("/")
    # The example under the field names a street and a beat that exist.
    expect(page.locator("#id_q_helptext")).to_contain_text(str(abai.north.number))

    search_field(page).fill("Toli bi")  # Latin letters and a typo for Төле би
    search_field(page).press("Enter")

    expect(results(page)).to_have_count(1)
    expect(results(page)).to_have_attribute("href", abai.tole_bi.get_absolute_url())
    expect(page.locator("#similar-heading")).to_be_visible()
    expect(page.locator("#results-heading")).to_be_focused()
    page.keyboard.press("Tab")
    expect(results(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{abai.tole_bi.get_absolute_url()}")
    assert browser_errors == []


def test_a_house_fraction_finds_the_beat_that_lists_it(page, live_server, abai):
    # Beat 8 has houses 47–121 of Abai Avenue; beat 9 has the building 51/1 by name.
    BeatStreetFactory(
        beat=abai.tole_bi, name_ru="просп. Абая", name_kk="Абай даңғылы", houses="51/1"
    )

    page.goto("/?q=" + "Abaya 51/1")

    expect(results(page)).to_have_count(1)
    expect(results(page)).to_have_attribute("href", abai.tole_bi.get_absolute_url())
    expect(page.locator("#results-heading")).to_be_focused()


def test_beat_page_fits_phone_with_long_names(page, live_server, abai):
    # Real names of points and streets are long; nothing should push the page sideways.
    abai.point.name = "Участковый пункт полиции «Абай» Алмалинского районного управления полиции"
    abai.point.address = "г. Алматы, Алмалинский район, ул. Жибек Жолы, д. 100, офис 12"
    abai.point.save()
    beat = Beat.objects.get(pk=abai.north.pk)
    BeatStreetFactory(
        beat=beat,
        name_ru="ул. Казыбек би (бывш. Советская) — от ул. Панфилова до ул. Желтоксан",
        name_kk="Қазыбек би көшесі",
        houses="2–40, 44, 46А, 48–98, 100/1, 100/2, 102–150, 151–199",
    )

    page.goto(beat.get_absolute_url())

    expect(page.locator("#point-heading")).to_be_visible()
    assert_fits_phone(page)
