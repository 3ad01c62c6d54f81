"""The portal's own middleware: input edges, a database that does not answer, no-store for staff.

* `RequestEdgesMiddleware` refuses, before any view runs, what no page can read: a NUL byte
  in the path, the query string or a form field (PostgreSQL refuses it in text), a query
  string over MAX_QUERY_STRING_LENGTH characters, a page, offset or limit that is no whole
  number a database can count to. The answer is a 400 (the API's: a 422, see
  portal/errors.py).
* `DatabaseUnavailableMiddleware`: a view that meets a database that does not answer gets
  the translated 503 page with Retry-After, not a 500.
* `StaffNoStoreMiddleware`: every answer to a signed-in user is kept by no cache, browser or
  proxy (`Cache-Control: no-store`): staff pages show personal data (the register, an
  assistant's card, exports, photos). An answer that declares itself public (a published
  report's PDF, the open-data API, the calendar) is the same for everyone and stays
  cacheable; anonymous visitors' pages are left as they are.
"""

import logging

from django.conf import settings
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from portal.errors import DATABASE_DOWN, BadInput, database_unavailable
from portal.query_params import BIGINT_MAX

logger = logging.getLogger(__name__)

# Query parameters that count rows: a whole number from 0 to BIGINT_MAX ("last" for a page).
PAGING_PARAMETERS = ("page", "offset", "limit")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _countable(name, value):
    if value == "" or (name == "page" and value == "last"):
        return True
    return value.isascii() and value.isdigit() and int(value) <= BIGINT_MAX


def _nul_in(pairs):
    return [name for name, values in pairs if "\x00" in name or any("\x00" in v for v in values)]


class RequestEdgesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problems = self.problems(request)
        if problems:
            raise BadInput(problems)
        return self.get_response(request)

    def problems(self, request):
        """(location, name, message) of what is wrong with the request's address."""
        problems = []
        if "\x00" in request.path_info:
            problems.append(("path", "", _("The address contains a NUL byte.")))
        limit = settings.MAX_QUERY_STRING_LENGTH
        if len(request.META.get("QUERY_STRING", "")) > limit:
            message = _("The query string is longer than %(limit)d characters.") % {"limit": limit}
            return [*problems, ("query", "", message)]
        query = list(request.GET.lists())
        problems += [
            ("query", name, _("The value contains a NUL byte.")) for name in _nul_in(query)
        ]
        problems += [
            (
                "query",
                name,
                _("The value is not a whole number from 0 to %(max)d.") % {"max": BIGINT_MAX},
            )
            for name, values in query
            if name in PAGING_PARAMETERS and not all(_countable(name, v) for v in values)
        ]
        return problems

    def process_view(self, request, view, args, kwargs):
        """A NUL byte in a field of a posted form. A multipart body is read here only where the
        CSRF check reads it anyway: a view exempt from it may still choose how its files are
        received (its upload handlers)."""
        if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
            return None
        if request.content_type == "multipart/form-data" and getattr(view, "csrf_exempt", False):
            return None
        # A body Django cannot read (too big, too many fields, broken) raises here: a 400.
        names = _nul_in(request.POST.lists())
        if names:
            raise BadInput([("form", name, _("The value contains a NUL byte.")) for name in names])
        return None


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.warning(
            "The database does not answer (%s %s): %s", request.method, request.path, exception
        )
        return database_unavailable(request)


def _directives(response):
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in header.split(",")}


class StaffNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        directives = _directives(response)
        if "public" in directives or "no-store" in directives:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
