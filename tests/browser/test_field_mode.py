"""Field mode in Chromium with the network switched off: a meeting logged without signal
waits on the phone and is stored once when the signal returns; a refused draft shows why;
signing out leaves nothing on the device."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from districts.models import (
    DraftReceipt,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Proposal,
    ProposalKind,
)
from portal.models import Role
from tests.browser.helpers import Beat7, assert_fits_phone, sign_in
from tests.factories import ProblemSpotFactory, UserFactory

FIRST = "Поставить фонарь у третьего подъезда"
SECOND = "Подвал дома 12 открыт"
# What the page's script reads of the device: drafts, kept pages, service workers.
DEVICE_JS = """
async () => {
  const databases = (await indexedDB.databases()).map((db) => db.name);
  let drafts = 0;
  if (databases.includes("field-mode")) {
    drafts = await new Promise((resolve) => {
      const request = indexedDB.open("field-mode");
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("drafts")) { db.close(); resolve(0); return; }
        const count = db.transaction("drafts").objectStore("drafts").count();
        count.onsuccess = () => { db.close(); resolve(count.result); };
      };
    });
  }
  const pages = (await caches.has("field-pages"))
    ? (await (await caches.open("field-pages")).keys()).length : 0;
  const workers = (await navigator.serviceWorker.getRegistrations()).length;
  return { drafts, pages, workers };
}
"""


@pytest.fixture
def beat7(transactional_db, settings):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    return Beat7()


def device(page):
    return page.evaluate(DEVICE_JS)


def go_to_the_field(page, inspector):
    """Sign in: the start page keeps the inspector's pages and the service worker takes over.
    What the page heard is in the failure's message, should the pages not all be kept."""
    heard = []
    page.on("response", lambda response: heard.append((response.status, response.url)))
    page.on("console", lambda message: heard.append((message.type, message.text)))
    sign_in(page, inspector)
    page.wait_for_selector("html[data-field-pages]", state="attached")
    kept = page.evaluate("document.documentElement.dataset.fieldPages")
    assert kept == "kept", heard
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def fill_meeting_offline(page):
    """The meeting form, opened and filled in without signal, and saved."""
    page.context.set_offline(True)
    page.goto("/staff/meetings/new/")  # the copy kept on the phone
    held_at = timezone.localtime() - datetime.timedelta(hours=1)
    page.select_option("#id_kind", MeetingKind.RESIDENTS)
    page.select_option("#id_status", MeetingStatus.HELD)
    page.fill("#id_held_at", held_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place_ru", "Подъезд 3, ул. Абая 12")
    page.fill("#id_attendance", "12")
    page.fill("#id_proposals-0-text", FIRST)
    page.select_option("#id_proposals-1-kind", ProposalKind.PROBLEM)
    page.fill("#id_proposals-1-text", SECOND)
    page.locator("form[data-offline-draft] button[type=submit]").click()
    page.wait_for_url("**/staff/field/?kept=*")


def not_online_noise(errors):
    # Chromium reports each load the switched-off network refused.
    return [error for error in errors if "ERR_INTERNET_DISCONNECTED" not in error]


def test_a_meeting_logged_without_signal_waits_and_is_stored_once_when_it_returns(
    page, browser_errors, beat7
):
    go_to_the_field(page, beat7.inspector)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    fill_meeting_offline(page)

    card = page.locator("[data-field-drafts] [data-field-draft]")
    expect(card).to_have_count(1)
    # Styles, scripts and the icons' font come from the device (the font with its query).
    fonts = page.evaluate("() => document.fonts.load('16px bootstrap-icons').then((f) => f.length)")
    assert fonts == 1
    assert [url for url in failed if "/static/" in url] == []
    expect(card).to_contain_text("Подъезд 3, ул. Абая 12")
    expect(page.locator("[data-field-offline]")).to_be_visible()
    expect(page.locator("nav [data-field-count]")).to_have_text("1")
    assert_fits_phone(page)
    assert not Meeting.objects.exists()

    page.context.set_offline(False)  # the signal returns: the draft is sent by itself
    expect(card).to_have_count(0)
    expect(page.locator("[data-field-sent] li")).to_have_count(1)
    expect(page.locator("nav [data-field-waiting]")).to_be_hidden()
    meeting = Meeting.objects.get()
    assert meeting.created_by == beat7.inspector
    assert sorted(Proposal.objects.values_list("kind", "text")) == sorted(
        [(ProposalKind.PROPOSAL, FIRST), (ProposalKind.PROBLEM, SECOND)]
    )
    page.click("[data-field-sent] a")
    page.wait_for_url(f"**/staff/meetings/{meeting.pk}/")

    page.reload()
    assert Meeting.objects.count() == 1
    assert DraftReceipt.objects.count() == 1
    assert device(page)["drafts"] == 0
    assert not_online_noise(browser_errors) == []


def test_a_refused_draft_shows_its_reason_and_stays_until_corrected_or_deleted(page, beat7):
    go_to_the_field(page, beat7.inspector)
    fill_meeting_offline(page)
    # While the phone was without signal, the beat was given to another inspector.
    department = beat7.beat.police_point.department
    beat7.beat.inspector = UserFactory(role=Role.INSPECTOR, department=department)
    beat7.beat.save()

    page.context.set_offline(False)
    card = page.locator("[data-field-refused-list] [data-field-draft]")
    expect(card.locator(".badge.text-bg-danger")).to_be_visible()
    with translation.override("ru"):
        reason = translation.gettext(
            "The beat of this draft is not among your beats: it may have been given to "
            "another inspector."
        )
    expect(card).to_contain_text(reason)
    assert not Meeting.objects.exists()

    # Given back the beat, the inspector opens the draft in its form: its fields and the
    # reason are there; sent again, it is stored.
    beat7.beat.inspector = beat7.inspector
    beat7.beat.save()
    card.get_by_role("link").first.click()
    page.wait_for_url("**/staff/meetings/new/?draft=*")
    expect(page.locator("#id_proposals-1-text")).to_have_value(SECOND)
    expect(page.locator("[data-field-flash]")).to_contain_text(reason)
    page.locator("form[data-offline-draft] button[type=submit]").click()
    page.wait_for_url("**/staff/field/")
    expect(page.locator("[data-field-sent] li")).to_have_count(1)
    assert Meeting.objects.count() == 1
    assert device(page)["drafts"] == 0


def test_signing_out_empties_the_offline_store(page, beat7):
    go_to_the_field(page, beat7.inspector)
    fill_meeting_offline(page)
    page.context.set_offline(False)
    expect(page.locator("[data-field-sent] li")).to_have_count(1)
    page.context.set_offline(True)
    page.goto("/staff/meetings/new/")
    page.fill("#id_place_ru", "Двор дома 14")
    page.locator("form[data-offline-draft] button[type=submit]").click()
    page.wait_for_url("**/staff/field/?kept=*")
    before = device(page)
    assert before["drafts"] == 1 and before["pages"] > 5 and before["workers"] == 1
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))

    # Without signal, signing out is refused: the server would not know, nothing is deleted.
    sign_out(page)
    expect(page.locator("[data-field-draft]")).to_have_count(1)
    with translation.override("ru"):
        assert dialogs == [
            translation.gettext(
                "Signing out needs a connection: nothing was deleted from this device. Try "
                "again when there is signal."
            )
        ]
    assert device(page) == before

    # Online again, the draft is refused (no date, no attendance) and stays; then sign out.
    page.context.set_offline(False)
    expect(page.locator("[data-field-draft] .badge.text-bg-danger")).to_be_visible()
    page.reload()
    sign_out(page)
    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    assert len(dialogs) == 2 and "1" in dialogs[1]
    assert device(page) == {"drafts": 0, "pages": 0, "workers": 0}
    page.goto("/staff/inspector/")
    assert urlsplit(page.url).path == "/accounts/login/"


def sign_out(page):
    if not page.locator("#main-nav.show").count():
        page.locator(".navbar-toggler").click()  # a phone's menu is folded
        page.wait_for_selector("#main-nav.show")
    if not page.locator("form[data-field-logout] button").is_visible():
        page.locator("nav .dropdown-toggle[title]").click()
    page.locator("form[data-field-logout] button").click()


def test_a_second_tap_offline_keeps_one_draft(page, beat7):
    go_to_the_field(page, beat7.inspector)
    page.context.set_offline(True)
    page.goto("/staff/meetings/new/")
    page.fill("#id_place_ru", "Двор дома 14")
    page.fill("#id_attendance", "9")
    with page.expect_navigation(url="**/staff/field/?kept=*"):
        page.evaluate(
            "() => { const f = document.querySelector('form[data-offline-draft]');"
            " f.requestSubmit(); f.requestSubmit(); }"
        )
    expect(page.locator("[data-field-drafts] [data-field-draft]")).to_have_count(1)
    assert device(page)["drafts"] == 1


def test_a_form_sent_when_the_phone_only_thinks_it_has_signal_becomes_a_draft(page, beat7):
    """The phone says it is online, but nothing gets through: the service worker keeps the
    form as a draft instead of losing it; it is stored once when the signal really returns."""
    page.context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'onLine', {get: () => true});"
    )
    go_to_the_field(page, beat7.inspector)
    page.goto("/staff/meetings/new/")
    page.fill("#id_place_ru", "Подвал дома 12")
    page.fill("#id_attendance", "5")
    page.fill("#id_proposals-0-text", FIRST)
    page.context.set_offline(True)
    page.locator("form[data-offline-draft] button[type=submit]").click()
    page.wait_for_url("**/staff/field/?kept=*")
    expect(page.locator("[data-field-drafts] [data-field-draft]")).to_have_count(1)
    assert not Meeting.objects.exists()

    page.context.set_offline(False)
    page.goto("/staff/field/")
    expect(page.locator("[data-field-sent] li")).to_have_count(1)
    assert Meeting.objects.count() == 1
    assert Proposal.objects.get().text == FIRST


def test_a_browser_without_service_workers_gets_the_ordinary_form(page, beat7):
    page.context.add_init_script("delete Navigator.prototype.serviceWorker;")
    sign_in(page, beat7.inspector)
    page.goto("/staff/meetings/new/")
    assert page.evaluate("document.documentElement.classList.contains('field-mode')") is False
    page.fill("#id_place_ru", "Двор дома 14")
    page.fill("#id_attendance", "9")
    page.locator("form.needs-validation button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staff/meetings/[0-9]+/$"))
    assert Meeting.objects.count() == 1
    assert not DraftReceipt.objects.exists()


def test_the_inspectors_pages_are_readable_without_signal(page, beat7):
    spot = ProblemSpotFactory(beat=beat7.beat, address="Двор домов 12–14 по ул. Абая")
    go_to_the_field(page, beat7.inspector)
    pages = {
        "/staff/inspector/": str(beat7.beat),
        "/staff/checklist/": str(beat7.beat),
        f"/staff/beats/{beat7.beat.code}/": str(beat7.beat),
        "/staff/problems/": spot.address,
        f"/staff/problems/{spot.pk}/": spot.address,
    }
    page.context.set_offline(True)
    for path, shows in pages.items():
        # Kept when the start page was opened, never opened since.
        page.goto(path)
        expect(page.locator("#main")).to_contain_text(shows)
        expect(page.locator("[data-field-offline]")).to_be_visible()
    # A page never kept says so, in the user's language, and leads to what can be read.
    page.goto("/staff/meetings/")
    with translation.override("ru"):
        expect(page.locator("h1")).to_contain_text(translation.gettext("No connection"))
    expect(page.locator("a[href='/staff/field/']")).to_be_visible()
