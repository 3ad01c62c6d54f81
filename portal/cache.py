"""The cache on Redis, failing soft: while Redis does not answer, the portal runs uncached.

Django's RedisCache raises on every call when Redis is down, and nearly every page reads the
cache (published pages, the open-data API, the rate limits of the public forms). This backend
answers as an empty cache instead: a read is a miss, a write is dropped, `incr` fails as for a
missing key, `add` as for a taken one. The first failure is logged as a warning and the
recovery as info, once each. Meanwhile each process asks Redis again at most once every
RETRY_SECONDS, so a Redis that does not even refuse connections costs one time-out now and
then, not one per call; and nothing needs a restart: the first call after Redis is back
finds it.

`failures` counts the calls of one cache object that went unanswered (Django makes one
object per thread): `portal.ratelimits` reads it to tell "nothing counted yet" from "the
counts are out of reach".

settings.py puts this backend in place of Django's for a `redis://` CACHE_URL.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds during which a process leaves Redis alone after it failed to answer.
RETRY_SECONDS = 1.0
UNANSWERED = (RedisConnectionError, RedisTimeoutError)
_MISSING = object()


class _Outage:
    """Whether Redis is down for this process: since when, and when to ask it again."""

    def __init__(self):
        self._lock = threading.Lock()
        self.since = None
        self.retry_at = 0.0

    def waiting(self):
        return self.since is not None and time.monotonic() < self.retry_at

    def failed(self, error):
        now = time.monotonic()
        with self._lock:
            first = self.since is None
            if first:
                self.since = now
            self.retry_at = now + RETRY_SECONDS
        if first:
            logger.warning(
                "The cache (Redis) does not answer; the portal runs without it until it is "
                "back: %s",
                error,
            )

    def answered(self):
        if self.since is None:
            return
        with self._lock:
            since, self.since = self.since, None
        if since is not None:
            logger.info("The cache (Redis) answers again, after %.0f s", time.monotonic() - since)


outage = _Outage()


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache that answers as an empty cache while Redis is down."""

    failures = 0

    def _call(self, method, fallback, *args):
        if not outage.waiting():
            try:
                result = method(*args)
            except UNANSWERED as error:
                outage.failed(error)
            else:
                outage.answered()
                return result
        self.failures += 1
        return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._call(super().incr, _MISSING, key, delta, version)
        if result is _MISSING:
            raise ValueError(f"Key {key!r} not found: the cache does not answer.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that were not stored: all of them.
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)
