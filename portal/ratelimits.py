"""django-ratelimit's usage of a request, and what it means when the counts are out of reach.

The counts live in the default cache (Redis in production, see portal/cache.py). With the
cache down django-ratelimit would read every count as zero and let everything through. Here
a write (POST and the other unsafe methods: what the limits protect from a flood of
proposals or e-mails) is refused while nothing can count it: the limit fails closed. A read
fails open: a limited page stays readable.
"""

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django_ratelimit.core import get_usage

from portal.policy import SAFE_METHODS

# Seconds a refused write is told to wait (Retry-After) while the counts are out of reach.
RETRY_SECONDS = 60


def usage(request, **kwargs):
    """`django_ratelimit.core.get_usage(request, **kwargs)`; while the cache does not answer,
    None for a read and, for a write, a usage that limits with `"unavailable": True`."""
    cache = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    failures = getattr(cache, "failures", 0)
    result = get_usage(request, **kwargs)
    if getattr(cache, "failures", 0) == failures:
        return result
    if request.method in SAFE_METHODS:
        return None
    return {
        "count": 0,
        "limit": 0,
        "should_limit": True,
        "time_left": RETRY_SECONDS,
        "unavailable": True,
    }


def exhausted(usage) -> bool:
    """Whether a usage read before any work says the write must be refused."""
    return bool(usage) and usage["count"] >= usage["limit"]


def refused_form(request, template, context, usage):
    """The public form again, with what was typed, and why it was not sent: 429, or 503
    while the counts are out of reach, with Retry-After. Nothing typed is lost: the page is
    the form itself, not a dead end."""
    unavailable = bool(usage and usage.get("unavailable"))
    context = {**context, "rate_limited": True, "rate_unavailable": unavailable}
    response = render(request, template, context, status=503 if unavailable else 429)
    if usage and usage.get("time_left"):
        response["Retry-After"] = str(max(1, int(usage["time_left"])))
    return response
