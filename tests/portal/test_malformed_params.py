"""Every URL pattern, as anonymous and as every role, with malformed query parameters: no 5xx.

A date of year 1 or 9999, a 13th month, a page or an id past every integer type, a digit
`str.isdigit()` takes and `int()` refuses, an overlong string: the answer is a 400, a 404, a
redirect or the page with its default, never a server error. (A NUL byte, a query string
over MAX_QUERY_STRING_LENGTH and a page, offset or limit that is no whole number are refused
before any view reads them: tests/portal/test_request_edges.py.)

Every page is requested by every role, with the parameters its view reads (`READS`, found
by reading `request.GET` in the views and the forms bound to it, and the filters of its
FilterSet) and a generic set (`GENERIC`) any page might read:

* a role the page refuses gets one request with (nearly) every bad value of every
  parameter: the access check answers before a parameter is read;
* where the view reads parameters, each bad value goes to all of them at once. The bad
  values are shared out among the roles that may open the page, so that every value
  reaches every page and each of those roles sends some. A value a FilterSet's form refuses
  would hide the other filters (an invalid form filters nothing), so those filters get it
  in a request of their own; a parameter the page answers on its own (a 404 for a garbled
  id hides the other parameters from the view) is found by halving and is sent alone from
  then on;
* each parameter twice, a good-looking value first (`get()` reads the last one,
  `getlist()` both): from every role where the view reads no parameter (the one request
  of its own it sends), from the first role that may open it where it does;
* the admin's changelists are Django's code: its search takes the values of text, its
  filters, page, order and date hierarchy the generic requests and the date hierarchy's
  out-of-range dates;
* `CASES` adds what no single value makes (the last day of year 9999 in a date
  hierarchy, a quarter after the end of the calendar).

One test per role walks every page and lists every 5xx (with its exception) in one message.
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from districts.filters.problems import ProblemSpotFilter
from portal import policy
from portal.models import Role
from tests.url_patterns import ADMIN_PAGE_SUFFIXES, POST_ONLY, walk
from tests.url_samples import SAMPLE_KWARGS
from volunteers.filters.assistants import AssistantFilter


@pytest.fixture
def world(shared_world):
    # Thousands of requests read the same territory: it is built once for the module.
    return shared_world


ROLES = (None, *Role)

OVERLONG = "9" * 1000
# Dates at and past the calendar's ends and malformed; numbers for no page, no quarter and
# no bigint; a float; nothing; a digit `int()` refuses; an overlong value. A year out of
# range is in CASES.
BAD_VALUES = (
    "0001-01-01",
    "9999-12-31",
    "2026-13-45",
    "0",
    "-1",
    "99999999999999999999",
    "1e9",
    "",
    "²",
    OVERLONG,
)

# What a search box reads as text: the admin's search takes these.
TEXT_VALUES = ("", "²", "99999999999999999999", OVERLONG)

# Parameters any page might read; a view that does not read them ignores them.
GENERIC = (
    "page",
    "day",
    "date",
    "year",
    "quarter",
    "month",
    "week",
    "beat",
    "area",
    "order",
    "sort",
    "q",
    "format",
    "lang",
    "ids",
)

# What function views (and form views, for their initial values) read from request.GET.
# The filters of a FilterView's FilterSet are read from the view; FILTERSETS names those
# that function views bind to request.GET.
READS = {
    "login": ("next",),
    "checklist": ("beat", "day"),
    "department-home": ("sort",),
    "department-export": ("format", "sort"),
    "department-overview": ("department", "sort"),
    "department-overview-export": ("department", "format", "sort"),
    "recommendation-create": ("session", "council"),
    "training-create": ("attendee", "kind"),
    "volunteeractivity-create": ("volunteer", "group"),
    "duty-totals": ("year", "quarter", "order", "page"),
    "budget-overview": ("year", "page"),
    "budget-edit": ("year", "area"),
    "encouragement-candidates": ("year", "quarter", "page"),
    "register-export": ("format",),
    "register-regional": ("region",),
    "register-regional-export": ("region", "format"),
    "certificate-pdf": ("lang",),
    "certificate-batch-pdf": ("ids", "area", "lang"),
    "statistics-list": ("beat", "year", "quarter"),
    "statistics-edit": ("beat", "year", "quarter"),
    "statistics-import-template": ("format",),
    "area-rollup": ("area", "year", "quarter"),
    "area-rollup-pdf": ("area", "year", "quarter"),
    "area-rollup-xlsx": ("area", "year", "quarter"),
    "public-home": ("q",),
    "events": ("area", "beat"),
    "events-ics": ("area",),
    "api-v1:beat-list": ("area", "q", "limit", "offset"),
    "api-v1:report-list": ("beat", "year", "quarter", "limit", "offset"),
    "api-v1:event-list": ("area", "beat", "limit", "offset"),
}
FILTERSETS = {
    "problem-plan": ProblemSpotFilter,
    "register-export": AssistantFilter,
}

# Combinations no single value makes: {url name: [query, ...]}, sent by the first reader.
PERIOD_CASES = ["year=9999&quarter=4", "year=1&quarter=1", "year=0&quarter=1"]
CASES = {
    "statistics-list": PERIOD_CASES,
    "statistics-edit": PERIOD_CASES,
    "area-rollup": PERIOD_CASES,
    "area-rollup-pdf": PERIOD_CASES,
    "area-rollup-xlsx": PERIOD_CASES,
    "duty-totals": PERIOD_CASES,
    "encouragement-candidates": PERIOD_CASES,
    "report-list": PERIOD_CASES,
    "api-v1:report-list": PERIOD_CASES,
    "budget-overview": ["year=9999", "year=1"],
    "budget-edit": ["year=9999", "year=1"],
    "certificate-batch-pdf": ["ids=1,abc", "ids=1&ids=99999999999999999999", "ids=" + "1," * 500],
}

# Known 500s not yet fixed, not sent: {url name: {parameter: {value, ...}}}. None today.
NOT_SENT = {}


def _admin_changelist(name):
    """(["q"] if it has search fields, its other parameters, the queries of its date
    hierarchy) of the changelist `name`."""
    for model, model_admin in admin.site._registry.items():
        if name != f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist":
            continue
        search = ["q"] if model_admin.search_fields else []
        others = ["p", "o", "e", "_popup", "_to_field"]
        for entry in model_admin.list_filter:
            if isinstance(entry, str):
                others += [f"{entry}__exact", f"{entry}__id__exact", f"{entry}__isnull"]
        cases = []
        if model_admin.date_hierarchy:
            field = model_admin.date_hierarchy
            others += [f"{field}__{part}" for part in ("year", "month", "day")]
            cases = [
                f"{field}__year=9999",
                f"{field}__year=9999&{field}__month=12",
                f"{field}__year=9999&{field}__month=12&{field}__day=31",
                f"{field}__year=1&{field}__month=1&{field}__day=1",
                f"{field}__year=99999999999999999999",
                f"{field}__year=2026&{field}__month=99999999999999999999",
                f"{field}__year=2026&{field}__month=2&{field}__day=99999999999999999999",
            ]
        return search, others, cases
    return [], [], []


def _filterset(name, entry):
    view_class = getattr(entry.callback, "view_class", None)
    return getattr(view_class, "filterset_class", None) or FILTERSETS.get(name)


def _params(name, entry):
    """(the parameters the view of `name` reads, the other names it is given)."""
    if name.startswith("admin:"):
        search, others, _cases = _admin_changelist(name)
        return search, [*others, *GENERIC]
    own = list(READS.get(name, ()))
    filterset = _filterset(name, entry)
    if filterset is not None:
        own += list(filterset.base_filters)
        if getattr(getattr(entry.callback, "view_class", None), "paginate_by", None):
            own.append("page")
    own = list(dict.fromkeys(own))
    return own, [param for param in GENERIC if param not in own]


def _readers(rule):
    """The roles that may open the page, in the order of ROLES."""
    if rule.is_public:
        return list(ROLES)
    allowed = policy.roles_for(rule.read)
    return [role for role in ROLES if role in allowed]


def pages():
    """(url name, pattern, rule) of every page the access matrix requests but the POST-only
    ones (they answer GET with 405 before reading anything)."""
    for name, entry, rule in walk():
        if not name or rule is None or name in POST_ONLY:
            continue
        if name.startswith("admin:") and not name.endswith(ADMIN_PAGE_SUFFIXES):
            continue
        if entry.pattern.regex.groups and name not in SAMPLE_KWARGS:
            continue  # test_access_matrix.test_parametrised_urls_have_samples fails then
        yield name, entry, rule


def query(pairs):
    return "&".join(f"{quote(key)}={quote(value, safe='')}" for key, value in pairs)


def rotated(params, offset):
    """Each parameter with another bad value, starting at BAD_VALUES[offset]."""
    return [(p, BAD_VALUES[(i + offset) % len(BAD_VALUES)]) for i, p in enumerate(params)]


def refused_by_form(filterset_class, params, value, user):
    """The filters of `params` whose form field refuses `value`."""
    names = [param for param in params if param in filterset_class.base_filters]
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    filterset = filterset_class(
        dict.fromkeys(names, value),
        queryset=filterset_class._meta.model._default_manager.none(),
        request=request,
    )
    return [name for name in names if name in filterset.form.errors]


# {url name: the parameters its page answers on their own (a page past the last, a garbled
# id)}: found by the first role that meets them, sent alone by every role after it.
ISOLATED = {}
# (url name, filters) whose form refused a value together, once sent: an invalid form
# filters nothing whatever the value, so the same refused filters are sent once.
REFUSED_TOGETHER = set()


class Crawler:
    def __init__(self, client, user):
        self.client = client
        self.user = user
        self.failures = []
        self.requests = 0

    def get(self, url, pairs=(), raw="", name=""):
        skipped = NOT_SENT.get(name, {})
        pairs = [(key, value) for key, value in pairs if value not in skipped.get(key, ())]
        raw = raw or query(pairs)
        full = f"{url}?{raw}" if raw else url
        self.requests += 1
        # A database error must not end the test's transaction (PostgreSQL aborts it).
        with transaction.atomic():
            response = self.client.get(full)
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else None
            shown = full if len(full) < 250 else full[:250] + "…"
            self.failures.append(f"{response.status_code} {shown}  {error!r:.200}")
        return response

    def sweep(self, url, name, entry, params, values):
        """Each value to every parameter, in the groups it does not hide from each other."""
        filterset = _filterset(name, entry)
        isolated = ISOLATED.setdefault(name, [])
        expected = None
        for value in values:
            for param in isolated:
                self.get(url, [(param, value)], name=name)
            rest = [param for param in params if param not in isolated]
            groups = [rest]
            if filterset is not None:
                refused = refused_by_form(filterset, rest, value, self.user)
                groups = [[p for p in rest if p not in refused]]
                if (name, frozenset(refused)) not in REFUSED_TOGETHER:
                    REFUSED_TOGETHER.add((name, frozenset(refused)))
                    groups.append(refused)
            for group in filter(None, groups):
                status = self.get(url, [(p, value) for p in group], name=name).status_code
                if status == 200:
                    continue
                if expected is None:
                    expected = self.get(url).status_code
                if status != expected:
                    isolated += self.culprits(url, name, group, value, expected)

    def culprits(self, url, name, params, value, expected):
        """The parameters among `params` (which together answered other than `expected`) that
        do so on their own, found by halving."""
        if len(params) == 1:
            return params
        half = len(params) // 2
        found = []
        for group in (params[:half], params[half:]):
            if self.get(url, [(p, value) for p in group], name=name).status_code != expected:
                found += self.culprits(url, name, group, value, expected)
        return found


def crawl(crawler, url, name, entry, rule, role):
    own, others = _params(name, entry)
    params = [*own, *others]
    readers = _readers(rule)
    if role not in readers:
        # Every value but the overlong one, which would make the redirect to the sign-in page
        # (its `next`) longer than Django lets a redirect be: a 400 instead.
        crawler.get(url, [(param, value) for param in params for value in BAD_VALUES[:-1]])
        return
    turn = readers.index(role)
    # Every page answers a page number that is no whole number with a 400 (portal/middleware.py),
    # and a list one past the last with a 404.
    ISOLATED.setdefault(name, ["page"])
    if name.startswith("admin:"):
        if own:
            crawler.sweep(url, name, entry, own, TEXT_VALUES)
    elif own:
        crawler.sweep(url, name, entry, params, BAD_VALUES[turn :: len(readers)])
    if turn == 0 or not own:
        twice = [(param, "1") for param in params] + rotated(params, turn)
        crawler.get(url, twice, name=name)
    if turn == 0:
        cases = _admin_changelist(name)[2] if name.startswith("admin:") else CASES.get(name, ())
        for raw in cases:
            crawler.get(url, raw=raw)


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_malformed_query_parameters_never_fail_the_server(
    world, quick_pdf, quiet_request_log, role
):
    client = Client(raise_request_exception=False)
    user = world.users[role] if role else None
    if user:
        client.force_login(user)
    crawler = Crawler(client, user)

    for name, entry, rule in pages():
        # The samples of one URL (and what its requests write) are undone before the next.
        with transaction.atomic():
            kwargs = SAMPLE_KWARGS[name](world) if name in SAMPLE_KWARGS else {}
            crawl(crawler, reverse(name, kwargs=kwargs), name, entry, rule, role)
            transaction.set_rollback(True)

    assert not crawler.failures, (
        f"{len(crawler.failures)} of {crawler.requests} requests failed:\n"
        + "\n".join(crawler.failures)
    )
