"""Caching of published content: the resident report pages, the open-data API, roll-ups.

Every cache key carries a "published version". Publishing a report, or announcing a
public event, bumps the version, so everything cached before is simply never read
again (and expires on its own): no need to know every key a change touches.
"""

import time

from django.core.cache import cache

VERSION_KEY = "reports:published-version"
DEFAULT_TIMEOUT = 60 * 15


def published_version():
    # A version the cache lost starts again from the clock, never from a number used
    # before: what was kept under that number would be read again.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def bump_published_version():
    """Call after a publication or an announcement is committed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def key(*parts):
    return ":".join(["published", str(published_version()), *(str(p) for p in parts)])


def cached(parts, compute, timeout=DEFAULT_TIMEOUT):
    """The cached value for `parts`, computing and storing it on a miss."""
    cache_key = key(*parts)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout)
    return value
