"""Browser tests: Playwright driving the system's Chromium against pytest-django's live server.

No browser is ever downloaded: Playwright launches Debian's Chromium
(`/usr/bin/chromium`, or `CHROMIUM_PATH`). Without it the browser tests are
skipped with a plain reason, unless `REQUIRE_BROWSER` is set (CI), in which
case they fail.

Every test in this directory is marked `browser`, so `pytest -m "not browser"`
leaves them out.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.browser.helpers import PHONE_WIDTH, Abai, sign_in

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
    """Put back what the data migrations hold (offence categories, the Appendix B checklist).

    A transactional test empties every table when it ends, reference lists included, and
    Django's serialized rollback clashes with the content types the flush recreates, so a
    test that needs the lists re-runs the migrations' own data steps, in migration order.
    """
    from django.apps import apps
    from django.db import connection
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection).graph
    # Django's own apps' data steps need a schema editor and restore nothing the tests need.
    ours = {c.label for c in apps.get_app_configs() if Path(c.path).parent == settings.BASE_DIR}
    done = set()
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            if key in done or key[0] not in ours:
                continue
            done.add(key)
            for operation in graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)


@pytest.fixture
def abai(transactional_db):
    return Abai()


@pytest.fixture
def audit(browser, live_server):
    """Open a URL at a phone's width (or a desktop's), run axe, return the blocking violations."""
    contexts = []

    def run(path, *, width=PHONE_WIDTH, login=None, lang="ru"):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, base_url=live_server.url, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        page.context.add_cookies(
            [{"name": "django_language", "value": lang, "url": live_server.url}]
        )
        if login:
            sign_in(page, login)
        page.goto(path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"]
            if v["impact"] in BLOCKING
        ]

    yield run
    for context in contexts:
        context.close()
