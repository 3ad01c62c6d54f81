"""axe-core finds no serious or critical accessibility violation on the portal's pages.

axe-core comes from npm (package-lock.json) and is injected by the test only; the
portal never serves it. The test context bypasses the CSP so the injection works.
"""

from pathlib import Path

import pytest
from django.conf import settings

from portal.models import Role
from tests.browser.test_find_beat import Abai
from tests.factories import DEFAULT_PASSWORD, UserFactory

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def abai(transactional_db):
    return Abai()


@pytest.fixture
def audit(browser, live_server):
    """Open a URL at a phone's width (or a desktop's), run axe, return the blocking violations."""
    contexts = []

    def run(path, *, width=360, login=None, lang="ru"):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, base_url=live_server.url, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        page.context.add_cookies(
            [{"name": "django_language", "value": lang, "url": live_server.url}]
        )
        if login:
            page.goto("/accounts/login/")
            page.fill("#id_username", login.username)
            page.fill("#id_password", DEFAULT_PASSWORD)
            page.press("#id_password", "Enter")
            page.wait_for_url("**/staff/**")
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


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_public_pages_have_no_serious_violations(audit, abai, lang):
    assert audit("/", lang=lang) == []
    assert audit("/?q=Абая", lang=lang) == []
    assert audit("/?q=Нет такой", lang=lang) == []
    assert audit(abai.north.get_absolute_url(), lang=lang) == []
    assert audit("/accounts/login/", lang=lang) == []


def test_staff_pages_have_no_serious_violations(audit, abai, settings):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    supervisor = UserFactory(role=Role.SUPERVISOR, department=abai.point.department)
    assert audit("/staff/department/", width=1280, login=supervisor) == []
    assert audit(f"/staff/beats/{abai.north.code}/", login=supervisor) == []
