"""The portal's own answers to bad requests and to a database that does not answer.

* **Bad input** (400). `BadInput` carries what was wrong with a request (a NUL byte, an
  over-long query string, an impossible page number: see portal/middleware.py); Django
  answers it, like its own `BadRequest`, through `bad_request` (handler400), which renders
  the translated 400 page.
* **Database down** (503). `DATABASE_DOWN` are the errors of a database that cannot be
  reached; `database_unavailable` answers them with a translated 503 page and
  `Retry-After`, rendered without touching the database (no session, no user).
  `portal.middleware.DatabaseUnavailableMiddleware` answers them for views, `server_error`
  (handler500) for what runs around the views (a session saved after the response).

A view may answer in its own format (the open-data API answers in JSON): it carries
`error_response(request, *, status, message, problems)`, and both answers use it.
"""

import sys

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults

# A database that cannot be reached (down, restarting, refusing connections, a connection
# lost midway). psycopg and sqlite3 raise their own errors, which Django re-raises as these.
DATABASE_DOWN = (OperationalError, InterfaceError)
# Seconds a client is told to wait before it asks again while the database is down.
RETRY_AFTER_SECONDS = 30


class BadInput(BadRequest):
    """A request refused for its input: `problems` is a list of (location, name, message),
    location "path", "query" or "form"."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{where} {name}: {text}" for where, name, text in problems))


def _view(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    return match.func


def own_error_response(request, *, status, message, problems=()):
    """The view's own answer in its own format, or None when it has none."""
    answer = getattr(_view(request), "error_response", None)
    if answer is None:
        return None
    return answer(request, status=status, message=message, problems=problems)


def bad_request(request, exception):
    """handler400: the view's own answer (the API's 422), or the translated 400 page."""
    problems = getattr(exception, "problems", ())
    message = _("The request cannot be read: check the address or the form and try again.")
    answer = own_error_response(request, status=400, message=message, problems=problems)
    return answer or defaults.bad_request(request, exception)


def database_unavailable(request):
    """503 while the database does not answer: a page in the visitor's language."""
    message = _("The portal is briefly unavailable. Please try again in a minute.")
    response = own_error_response(request, status=503, message=message)
    if response is None:
        # No request context: its processors would read the user, and so the database.
        context = {
            "request": request,
            "user": AnonymousUser(),
            "LANGUAGES_OFFERED": settings.LANGUAGES,
            "csrf_token": get_token(request),
            "retry_after": RETRY_AFTER_SECONDS,
        }
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request):
    """handler500: a database that does not answer is a 503, anything else the 500 page."""
    if isinstance(sys.exception(), DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request)
