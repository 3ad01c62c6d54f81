"""axe-core finds no serious or critical accessibility violation on the portal's pages.

The `audit` fixture (tests/browser/conftest.py) injects axe-core from npm into each page.
"""

import pytest

from portal.models import Role
from tests.factories import UserFactory


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_public_pages_have_no_serious_violations(audit, abai, lang):
    assert audit("/", lang=lang) == []
    assert audit("/?q=Абая", lang=lang) == []
    assert audit("/?q=Нет такой", lang=lang) == []
    assert audit("/?q=Toli bi", lang=lang) == []  # a street with a similar name
    assert audit(abai.north.get_absolute_url(), lang=lang) == []
    assert audit("/accounts/login/", lang=lang) == []


def test_staff_pages_have_no_serious_violations(audit, abai, settings):
    # Secure cookies cannot travel over the live server's plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    supervisor = UserFactory(role=Role.SUPERVISOR, department=abai.point.department)
    assert audit("/staff/department/", width=1280, login=supervisor) == []
    assert audit(f"/staff/beats/{abai.north.code}/", login=supervisor) == []
