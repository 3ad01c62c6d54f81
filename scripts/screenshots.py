"""Capture README screenshots of a running portal with Playwright and the system's Chromium.

Usage (with a portal serving demo data, e.g. `make run`):

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 --out docs/screenshots

Writes:
    home-search-phone.png   the home page after searching "Абая", 360×740
    beat-phone.png          the first beat found, 360×740
    login-desktop.png       the staff sign-in page, 1280×800
    supervisor-desktop.png  the supervisor's start page after signing in, 1280×800
    inspector-*.png, meeting-form-phone.png, checklist-phone.png, passport-desktop.png,
    problem-plan-desktop.png  the inspector's workspace (demo account "inspector")
    field-drafts-phone.png  a meeting logged without signal, waiting on the phone
    survey-phone.png, councils-phone.png, submission-phone.png (a problem is sent to the
    demo beat), indicators-desktop.png  residents' voice

No browser is downloaded: Chromium comes from CHROMIUM_PATH or /usr/bin/chromium.
"""

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 15_000


class ScreenshotError(Exception):
    pass


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the running portal")
    parser.add_argument("--out", default="docs/screenshots", type=Path, help="output directory")
    parser.add_argument("--query", default="Абая", help="what to search on the home page")
    parser.add_argument("--username", default="supervisor")
    parser.add_argument("--password", default="demo12345")
    parser.add_argument("--locale", default="ru-RU", help="browser locale (Accept-Language)")
    return parser.parse_args(argv)


def settle(page):
    """Wait until the page, its fonts (Bootstrap Icons) and its images are fully there."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready.then(() => true)")


def shoot(page, path, *, full_page):
    settle(page)
    page.screenshot(path=path, full_page=full_page, animations="disabled", caret="hide")
    print(f"{path}  ({page.url})")


def goto(page, url):
    response = page.goto(url)
    if response is None or not response.ok:
        status = response.status if response else "no response"
        raise ScreenshotError(f"{url} answered {status}")
    return response


def capture_public(browser, base_url, out, query, locale):
    context = browser.new_context(viewport=PHONE, locale=locale, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        goto(page, "/?" + urlencode({"q": query}))
        cards = page.locator("#results li a.card")
        if cards.count() == 0:
            raise ScreenshotError(
                f"searching {query!r} found no beat; is the demo data loaded (manage.py seed_demo)?"
            )
        shoot(page, out / "home-search-phone.png", full_page=True)

        beat_url = cards.first.get_attribute("href")
        goto(page, beat_url)
        shoot(page, out / "beat-phone.png", full_page=True)
    finally:
        context.close()


def sign_in(page, username, password):
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("form [type=submit]").last.click()
    if "/accounts/login/" in page.url:
        raise ScreenshotError(f"signing in as {username!r} failed (still on {page.url})")


# The inspector's workspace: (path, file, viewport, full page).
INSPECTOR_PAGES = [
    ("/staff/inspector/", "inspector-start-phone.png", PHONE, True),
    ("/staff/meetings/new/", "meeting-form-phone.png", PHONE, True),
    ("/staff/checklist/", "checklist-phone.png", PHONE, False),
    ("/staff/beats/almaly-01/", "passport-desktop.png", DESKTOP, True),
    ("/staff/problems/plan/", "problem-plan-desktop.png", DESKTOP, True),
]


# Other roles' pages: (username, path, file, viewport, full page).
# Taken after signing in as that user.
STAFF_PAGES = [
    ("registrar", "/staff/register/assistants/", "register-desktop.png", DESKTOP, False),
    ("registrar", "/staff/register/certificates/", "certificates-desktop.png", DESKTOP, False),
    ("registrar", "/staff/reports/rollup/", "rollup-desktop.png", DESKTOP, True),
    ("secretary", "/staff/public-councils/overview/", "council-desktop.png", DESKTOP, True),
    ("supervisor", "/staff/reports/indicators/", "indicators-desktop.png", DESKTOP, True),
]
# Public pages: (path, file, viewport, full page).
PUBLIC_PAGES = [
    ("/events/", "events-phone.png", PHONE, True),
    ("/beats/almaly-01/", "beat-reports-phone.png", PHONE, True),
    ("/beats/almaly-01/survey/?from=notice", "survey-phone.png", PHONE, True),
    ("/councils/", "councils-phone.png", PHONE, True),
]


def capture_others(browser, base_url, out, password, locale):
    for username, path, name, viewport, full_page in STAFF_PAGES:
        context = browser.new_context(viewport=viewport, locale=locale, base_url=base_url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            goto(page, "/accounts/login/")
            sign_in(page, username, password)
            goto(page, path)
            shoot(page, out / name, full_page=full_page)
        finally:
            context.close()
    context = browser.new_context(viewport=PHONE, locale=locale, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        for path, name, _viewport, full_page in PUBLIC_PAGES:
            goto(page, path)
            shoot(page, out / name, full_page=full_page)
        # A resident reports a problem and lands on the private status page.
        goto(page, "/beats/almaly-01/propose/?kind=problem")
        page.locator("#id_text").fill("Во дворе дома 12 не горят фонари, вечером темно.")
        with page.expect_navigation():
            page.locator("#proposal-form button[type=submit]").click()
        shoot(page, out / "submission-phone.png", full_page=True)
        goto(page, "/beats/almaly-01/")
        # The latest published report of the demo beat, from its public page.
        link = page.locator("a[href^='/reports/']").first
        if link.count():
            goto(page, link.get_attribute("href"))
            shoot(page, out / "report-phone.png", full_page=True)
    finally:
        context.close()


def capture_inspector(browser, base_url, out, password, locale):
    for path, name, viewport, full_page in INSPECTOR_PAGES:
        context = browser.new_context(viewport=viewport, locale=locale, base_url=base_url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            goto(page, "/accounts/login/")
            sign_in(page, "inspector", password)
            goto(page, path)
            shoot(page, out / name, full_page=full_page)
        finally:
            context.close()


def capture_field_mode(browser, base_url, out, password, locale):
    """A meeting logged with the network switched off: the list of drafts waiting to send."""
    context = browser.new_context(viewport=PHONE, locale=locale, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        goto(page, "/accounts/login/")
        sign_in(page, "inspector", password)
        page.wait_for_selector("html[data-field-pages]")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        context.set_offline(True)
        page.goto("/staff/meetings/new/")
        page.locator("#id_place_ru").fill("Подъезд 3, ул. Абая 12")
        page.locator("#id_attendance").fill("12")
        page.locator("#id_proposals-0-text").fill("Поставить фонарь у третьего подъезда")
        page.locator("form[data-offline-draft] button[type=submit]").click()
        page.wait_for_url("**/staff/field/?kept=*")
        page.screenshot(path=out / "field-drafts-phone.png", full_page=True, caret="hide")
        print(f"{out / 'field-drafts-phone.png'}  ({page.url})")
    finally:
        context.close()


def capture_staff(browser, base_url, out, username, password, locale):
    context = browser.new_context(viewport=DESKTOP, locale=locale, base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        goto(page, "/accounts/login/")
        shoot(page, out / "login-desktop.png", full_page=False)

        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        with page.expect_navigation():
            page.locator("form [type=submit]").last.click()
        if "/accounts/login/" in page.url:
            raise ScreenshotError(
                f"signing in as {username!r} failed (still on {page.url}); "
                "is the demo data loaded, and is the server running with DEBUG=True "
                "(secure cookies are not sent over plain http otherwise)?"
            )
        shoot(page, out / "supervisor-desktop.png", full_page=True)
    finally:
        context.close()


def main(argv=None):
    args = parse_args(argv)
    if not (Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)):
        print(f"Chromium not found at {CHROMIUM_PATH}; apt-get install chromium", file=sys.stderr)
        return 2
    base_url = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        try:
            capture_public(browser, base_url, args.out, args.query, args.locale)
            capture_staff(browser, base_url, args.out, args.username, args.password, args.locale)
            capture_inspector(browser, base_url, args.out, args.password, args.locale)
            capture_field_mode(browser, base_url, args.out, args.password, args.locale)
            capture_others(browser, base_url, args.out, args.password, args.locale)
        except (ScreenshotError, PlaywrightError) as exc:
            print(f"screenshots: {exc}", file=sys.stderr)
            return 1
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
