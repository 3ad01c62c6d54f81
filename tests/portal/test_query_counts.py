"""The number of queries of every page does not grow with the data: measured at two sizes in
one pass over every URL of the portal.

Every named URL is requested as the role of the widest scope its rule admits (anonymous for
public pages), first on a World where every sample object of tests/url_samples has been made
once (so no list is empty and every prefetch runs), then again after every sample has been
made GROWTH more times, so that each list holds several times more rows. A page whose count
grows by more than SLACK queries has a query per row. A new page is measured without anything
to add here; a URL that answers neither a page nor a redirect must be named in NOT_PAGES with
the reason; downloads (PDF, XLSX) are counted by their own tests, since rendering them twice
here would cost more than it tells.
"""

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from portal import policy
from portal.models import Role
from tests.url_patterns import POST_ONLY, walk
from tests.url_samples import SAMPLE_KWARGS

GROWTH = 4
SLACK = 2
# Widest scope first: the administrator sees everything, the inspector one beat.
ROLE_ORDER = [
    Role.ADMINISTRATOR,
    Role.REGIONAL_REGISTRAR,
    Role.AKIMAT_REGISTRAR,
    Role.SUPERVISOR,
    Role.COUNCIL_SECRETARY,
    Role.INSPECTOR,
]
DOWNLOADS = {
    "certificate-batch-pdf", "certificate-pdf", "report-revision-pdf", "area-rollup-pdf",
    "area-rollup-xlsx", "indicators-year-pdf", "beat-notice", "department-export",
    "department-overview-export", "register-export", "register-regional-export",
    "register-import-template", "statistics-import-template", "public-report-pdf",
}  # fmt: skip
# URLs that answer a GET with neither a page (200) nor a redirect (302, as the steps do).
NOT_PAGES = {}
# Pages whose sample is unique in the World (the beat's one report of a quarter, a resident's
# one subscription), so it cannot be made again beside the grown data: their own tests count
# their queries (tests/reports/test_workflow.py, tests/residents/test_report_pages.py,
# tests/reports/test_subscriptions.py).
UNIQUE_SAMPLES = {
    "public-report", "report-correct", "report-edit", "report-publish", "report-return",
    "report-revision", "report-submit", "subscription-unsubscribe",
}  # fmt: skip


def _role_for(rule):
    if rule.is_public:
        return None
    allowed = policy.roles_for(rule.read)
    return next(role for role in ROLE_ORDER if role in allowed)


def _pages():
    for name, entry, rule in walk():
        if not name or name.startswith("admin:") or name in POST_ONLY or name in DOWNLOADS:
            continue
        if rule is None:
            continue  # test_access_matrix fails for it
        yield name, entry, rule


def _count(world, name, kwargs, role):
    client = Client()
    if role is not None:
        client.force_login(world.users[role])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, kwargs=kwargs))
    translation.deactivate()
    status = response.status_code
    if status == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        status = "302 to the sign-in page"  # the role cannot open it: nothing was measured
    return status, len(queries)


def _made(make, world):
    """The sample's kwargs, or None when it cannot be made beside what exists already."""
    try:
        with transaction.atomic():
            return make(world)
    except (IntegrityError, ValueError):
        return None


def _grow(world, times, made):
    """Every sample made `times` more times; `made` keeps the kwargs of the last one made."""
    for name, make in SAMPLE_KWARGS.items():
        for _ in range(times):
            kwargs = _made(make, world)
            if kwargs is None:
                break
            made[name] = kwargs


def _measure(world, pages, made):
    """{url name: (status, queries)}, each page's sample made in a savepoint of its own (or,
    where it cannot be made again, one the growth made)."""
    counts = {}
    for name, rule in pages:
        with transaction.atomic():
            kwargs = {}
            if name in SAMPLE_KWARGS:
                kwargs = _made(SAMPLE_KWARGS[name], world) or made.get(name)
            if kwargs is None:
                counts[name] = (None, 0)
            else:
                counts[name] = _count(world, name, kwargs, _role_for(rule))
            transaction.set_rollback(True)
    return counts


@pytest.fixture(scope="module")
def measured(module_world, django_db_blocker):
    """{url name: (role, status, queries at the small size, queries at the large size)}; the
    status is the small size's, or both when the large size answers otherwise."""
    world = module_world
    pages = [(name, rule) for name, _entry, rule in _pages()]
    with django_db_blocker.unblock(), transaction.atomic():
        made = {}
        _grow(world, 1, made)
        small = _measure(world, pages, made)
        _grow(world, GROWTH, made)
        large = _measure(world, pages, made)
        transaction.set_rollback(True)
    return {
        name: (
            _role_for(rule),
            _status(small[name][0], large[name][0]),
            small[name][1],
            large[name][1],
        )
        for name, rule in pages
    }


def _status(small, large):
    return small if small == large else f"{small} at the small size, {large} at the large"


def unexplained(measured) -> dict:
    """{url name: status} of the pages that answered neither a page nor a redirect."""
    return {
        name: status
        for name, (_role, status, _small, _large) in measured.items()
        if status not in (200, 302) and name not in NOT_PAGES.keys() | UNIQUE_SAMPLES
    }


def test_every_page_answers_or_is_declared_not_a_page(db, measured):
    found = unexplained(measured)
    if found:
        pytest.fail(f"not a page, and not in NOT_PAGES: {sorted(found.items(), key=str)}")


def test_a_page_broken_at_the_large_size_or_closed_to_its_role_is_not_a_page():
    # (role, status, queries small, queries large), as `measured` gives them
    assert unexplained(
        {
            "fine": (None, 200, 5, 5),
            "a redirect": (None, 302, 3, 3),
            "broken when grown": (None, _status(200, 500), 5, 2),
            "closed to its role": (None, "302 to the sign-in page", 1, 1),
        }
    ).keys() == {"broken when grown", "closed to its role"}


def test_no_page_makes_a_query_per_row(db, measured):
    growing = {
        name: f"{small} → {large} queries as {role or 'anonymous'}"
        for name, (role, status, small, large) in measured.items()
        if status == 200 and large > small + SLACK
    }
    if growing:
        pytest.fail(f"the queries grow with the data: {growing}")


def test_the_exemptions_name_existing_urls():
    names = {name for name, _entry, _rule in walk()}
    assert (DOWNLOADS | NOT_PAGES.keys() | UNIQUE_SAMPLES) - names == set()
