"""Browser tests: Playwright driving the system's Chromium against pytest-django's live server.

No browser is ever downloaded: Playwright launches Debian's Chromium
(`/usr/bin/chromium`, or `CHROMIUM_PATH`). Without it the browser tests are
skipped with a plain reason, unless `REQUIRE_BROWSER` is set (CI), in which
case they fail.

Every test in this directory is marked `browser`, so `pytest -m "not browser"`
leaves them out.
"""

import io
import os
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import override_settings
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from tests.browser.helpers import PHONE_WIDTH, Abai, sign_in
from tests.reference_data import RESTORE_PENDING, restore_data_migrations, restore_reference_lists

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The machine has no network: without the background-networking flags Chromium
# keeps trying to reach Google's update and sync services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE_VIEWPORT = {"width": PHONE_WIDTH, "height": 740}
LOCALE = "ru-RU"
# Fail fast: a local live server answers in milliseconds.
DEFAULT_TIMEOUT_MS = 10_000

HERE = Path(__file__).resolve().parent
# axe-core comes from npm (package-lock.json) and is injected by `audit` only; the portal never
# serves it. The audit's browser context bypasses the CSP so the injection works.
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def _chromium_missing_reason():
    path = Path(CHROMIUM_PATH)
    if path.is_file() and os.access(path, os.X_OK):
        return None
    return f"Chromium not found at {CHROMIUM_PATH}; apt-get install chromium to run browser tests"


def _browser_required():
    # Same test as scripts/browser-status.sh: any non-empty value.
    return bool(os.environ.get("REQUIRE_BROWSER"))


def pytest_collection_modifyitems(config, items):
    """Mark this directory's tests `browser`; skip them up front when Chromium is absent.

    Skipping at collection time spares the run creating a test database for
    tests that cannot run. When the browser is required, the tests are left
    to fail in the `browser` fixture instead.
    """
    missing = _chromium_missing_reason()
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not _browser_required():
            item.add_marker(pytest.mark.skip(reason=missing))
    _longest_first(items)


# The longest browser tests: they seed the demo city (`demo_city`) and walk its pages.
LONGEST = (
    "test_staff_pages_accessibility.py::test_every_staff_page_of_the_demo",
    "test_page_widths.py::test_no_page_of_the_demo_is_wider_than_its_window",
)


def _is_longest(item):
    return any(name in item.nodeid for name in LONGEST)


def _longest_first(items):
    """Run the longest tests first, so that they do not run alone at the end while the other
    pytest-xdist worker waits. pytest-django puts the tests that empty the database after
    the others; these put the reference lists back when they are done (below), so the
    tests after them find the database as migrated."""
    longest = [item for item in items if _is_longest(item)]
    for item in reversed(longest):
        items.remove(item)
        items.insert(0, item)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's fixtures are torn down: its tables are emptied
    # Only after a test that ran (a skipped one never had the test database set up) and
    # before another one: after the last test the test database is already gone.
    ran = getattr(item, "rep_call", None) is not None
    if _is_longest(item) and ran:
        if nextitem is not None:
            restore_reference_lists(item.config)
        else:
            # Under xdist the next test may not be known yet: it restores them at its setup
            # (tests/conftest.py), while the test database still exists.
            item.config.stash[RESTORE_PENDING] = True


class LiveRequests:
    """The requests the live server is still answering, counted by Django's request signals.

    A closed page may leave one running (field mode keeps pages in the background), and
    on PostgreSQL the truncation that empties the tables after a test would deadlock with
    its transaction (ATOMIC_REQUESTS): a test's end waits for them.
    """

    def __init__(self):
        self.running = 0
        self.lock = threading.Lock()

    # Only the live server's: the test client answers in the main thread, and a view that
    # raises there never sends request_finished.
    def started(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.running += 1

    def finished(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.lock:
                self.running -= 1

    def wait_until_answered(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while self.running > 0 and time.monotonic() < deadline:
            time.sleep(0.05)


LIVE_REQUESTS = LiveRequests()
request_started.connect(LIVE_REQUESTS.started, dispatch_uid="tests.browser.live_requests")
request_finished.connect(LIVE_REQUESTS.finished, dispatch_uid="tests.browser.live_requests")


class SerialWSGIServer(WSGIServer):
    """The live server answering one request at a time (each connection is closed after its
    answer, as Django does for a server without threads).

    On SQLite the live server's threads share the test database's one in-memory connection,
    which is not safe for two requests at once ("cannot start a transaction within a
    transaction"); the pages' own background requests (field mode keeping pages, the
    service worker's files) would otherwise meet the test's next page at random.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server_on_sqlite():
    if connection.vendor == "sqlite":
        LiveServerThread.server_class = SerialWSGIServer


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests.

    Package scope rather than session scope, on purpose: Playwright's sync API
    keeps an asyncio event loop running in the main thread while it is started,
    and Django refuses ORM calls from a thread with a running loop
    (SynchronousOnlyOperation). Stopping Playwright when the last browser test
    is done gives the rest of the suite a thread without a loop, and confines
    DJANGO_ALLOW_ASYNC_UNSAFE (the documented workaround for pytest-playwright
    with Django) to the browser tests.
    """
    missing = _chromium_missing_reason()
    if missing:
        # Only reached with REQUIRE_BROWSER set; otherwise the tests were skipped at collection.
        pytest.fail(f"REQUIRE_BROWSER is set but {missing}", pytrace=False)

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so `page` can tell a failed test at teardown.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, live_server, tmp_path):
    """A fresh phone-sized page (360×740, Russian) whose relative URLs go to the live server.

    Each test gets its own browser context, so cookies and storage never leak
    between tests. On failure a screenshot is saved (to BROWSER_ARTIFACTS if
    set, otherwise to the test's tmp_path) and its path printed.
    """
    context = browser.new_context(
        viewport=PHONE_VIEWPORT,
        locale=LOCALE,
        base_url=live_server.url,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            artifacts = Path(os.environ.get("BROWSER_ARTIFACTS") or tmp_path)
            artifacts.mkdir(parents=True, exist_ok=True)
            shot = artifacts / f"{request.node.name}.png"
            try:
                page.screenshot(path=shot, full_page=True)
                print(f"Screenshot of the failed page ({page.url}): {shot}")
            except Exception as exc:  # a failed screenshot must not mask the test's failure
                print(f"Could not save a screenshot: {exc}")
        context.close()
        LIVE_REQUESTS.wait_until_answered()


@pytest.fixture
def browser_errors(page):
    """Console errors and uncaught exceptions of `page`: failed loads, CSP violations, JS errors.

    Request it before navigating; assert it is empty at the end of a test.
    """
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return errors


@pytest.fixture
def migrated_data(transactional_db):
    """The reference lists of the data migrations, for a test that needs them.

    A transactional test empties every table when it ends, reference lists included, and
    Django's serialized rollback clashes with the content types the flush recreates.
    """
    restore_data_migrations()


# Publishing a report renders its PDF, most of the seeding's time: the tests that walk pages
# store this stub instead (tests/reports and tests/demo check the PDFs).
STUB_PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def demo_city(migrated_data, settings):
    """The demo city of `seed_demo`, with its published reports and one account per role
    (password `helpers.DEMO_PASSWORD`), for a test that signs in to the live server."""
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    with (
        override_settings(DEBUG=True),
        mock.patch("reports.services.publishing.render_pdf", return_value=STUB_PDF),
    ):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def abai(transactional_db):
    return Abai()


def axe_violations(page, *, also=()):
    """axe-core's serious and critical violations on the open page (and those of the rules
    named in `also`, whatever their impact), one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING or v["id"] in also
    ]


@pytest.fixture
def audit(browser, live_server):
    """Open a URL at a phone's width (or a desktop's), run axe, return the blocking violations."""
    # One signed-in page per user, width and language: signing in again for every URL
    # would cost a start page each time.
    pages = {}

    def page_for(width, login, lang):
        key = (width, login.pk if login else None, lang)
        if key not in pages:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, base_url=live_server.url, bypass_csp=True
            )
            page = context.new_page()
            context.add_cookies(
                [{"name": "django_language", "value": lang, "url": live_server.url}]
            )
            if login:
                sign_in(page, login)
            pages[key] = page
        return pages[key]

    def run(path, *, width=PHONE_WIDTH, login=None, lang="ru"):
        page = page_for(width, login, lang)
        page.goto(path)
        return axe_violations(page)

    yield run
    for page in pages.values():
        page.context.close()
    LIVE_REQUESTS.wait_until_answered()
