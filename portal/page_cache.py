"""Whole public pages from the cache: the beat page, a report page, the events page, the API.

`public_page(*scopes)` keeps the full answer of a view (status, content type, the view's
headers, the body bytes) for anonymous GET and HEAD requests, under a key made of the
scheme, host, path, the query parameters the view reads (sorted), active language and the
current version of each *scope* the page depends on. A hit costs one `get_many` of the
versions and one `get` of the page: no database, no template.

Scopes are named versions in the cache, bumped by the apps that own the data (portal never
imports them; they call `bump_on_commit` from their signals and services):

* ``published``: the global version of portal.published (a publication, an announcement);
* ``beat:<code>``: one beat's page (the beat, its streets, channels, reception hours,
  inspector, proposals and comments shown, its meetings, actions and published reports);
* ``beats``: any beat changed (the API's beat list), bumped together with ``beat:<code>``;
* ``events``: the public calendar (joint actions, open council sessions, public meetings);
* ``territory``: regions, areas, departments, police points (names and addresses on pages).

A bump changes the key, so older copies are never read again and expire on their own. A
version the cache lost is started again from the clock, never from a number used before.

Nothing personal is kept: a request from a signed-in user, or one that carries messages
(the messages cookie, or messages kept in the session), is served by the view as usual;
an answer is kept only when it is a 200 that set no cookie, used no CSRF token and did not
change the session.

Only the parameters the view reads (`params`) make the key, so random ones (?x=1, ?x=2...)
cannot fill the cache with copies: a request with others is answered from the copy without
them, and its own answer is never kept (its page may repeat the address, e.g. in the
language switch).
"""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language

from portal import published
from portal.once import ONCE_RENDERED

PUBLISHED = "published"
BEATS = "beats"
EVENTS = "events"
TERRITORY = "territory"
SCOPE_PREFIX = "page-scope:"
KEY_PREFIX = "page:"
# Pages that show "upcoming" things change with the clock too: none is kept longer.
DEFAULT_TIMEOUT = 5 * 60
SAFE = ("GET", "HEAD")


def beat(code) -> str:
    return f"beat:{code}"


def _version_key(scope):
    return published.VERSION_KEY if scope == PUBLISHED else SCOPE_PREFIX + scope


def versions(scopes) -> list:
    """The current version of each scope, with one `get_many` (and an `add` for a lost one)."""
    keys = [_version_key(s) for s in scopes]
    found = cache.get_many(keys)
    result = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = time.time_ns()
            if not cache.add(key, value, timeout=None):
                value = cache.get(key, value)
        result.append(value)
    return result


def bump(*scopes):
    """Make every page cached under these scopes unreadable. Call after the commit."""
    for scope in dict.fromkeys(scopes):
        key = _version_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # never read yet, or evicted: start again from the clock
            cache.set(key, time.time_ns(), timeout=None)


def bump_on_commit(*scopes):
    """Bump once the transaction commits, so no request caches the old data anew."""
    scopes = tuple(scopes)
    if scopes:
        transaction.on_commit(lambda: bump(*scopes))


def bump_beats_on_commit(codes):
    """The pages of these beats, and the lists of all beats."""
    codes = [c for c in codes if c]
    if codes:
        bump_on_commit(*(beat(c) for c in codes), BEATS)


# --- the decorator ---------------------------------------------------------------------------


def _personal(request) -> bool:
    """Whether the answer could be this visitor's own: signed in, or messages waiting."""
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session: anonymous, and nothing kept for them (no database read)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return SessionStorage.session_key in request.session


def only_known(request, params) -> bool:
    """Whether the request's query string holds nothing but `params`."""
    return all(name in params for name in request.GET)


def page_key(request, scopes, kwargs, params=()) -> str:
    names = [s.format(**kwargs) for s in scopes]
    query = urlencode(sorted(kv for kv in request.GET.lists() if kv[0] in params), doseq=True)
    parts = [request.scheme, request.get_host(), request.path, query, get_language() or ""]
    parts += [str(v) for v in versions(names)]
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request, response, params) -> bool:
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and only_known(request, params)
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token (get_token was called): it is this visitor's.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get(ONCE_RENDERED)
        and not (session is not None and session.modified)
        and not (user is not None and user.is_authenticated)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _from_entry(entry):
    status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    # The same address answers signed-in users differently.
    patch_vary_headers(response, ("Cookie",))
    return response


def public_page(*scopes, timeout=DEFAULT_TIMEOUT, params=()):
    """Keep the view's whole answer for anonymous visitors; `scopes` may name the view's
    URL arguments, e.g. ``public_page("beat:{code}")``; `params` names every query parameter
    the view reads (any other is left out of the key)."""
    params = frozenset(params)

    def decorate(view):
        @functools.wraps(view)
        def cached_view(request, *args, **kwargs):
            if not settings.PAGE_CACHE_ENABLED or request.method not in SAFE or _personal(request):
                response = view(request, *args, **kwargs)
                response.page_cache = "bypass"
                return response
            key = page_key(request, scopes, kwargs, params)
            entry = cache.get(key)
            if entry is not None:
                response = _from_entry(entry)
                response.page_cache = "hit"
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response, params):
                headers = [(n, v) for n, v in response.items() if n.lower() != "set-cookie"]
                cache.set(key, (response.status_code, headers, response.content), timeout)
                response.page_cache = "miss"
            else:
                response.page_cache = "not-stored"
            return response

        cached_view.page_scopes = scopes
        return cached_view

    return decorate
