"""Sessions read from Redis, kept in the database: Django's `cached_db`, made safe for an
outage of Redis.

Every app server finds a session in the shared cache, and the database keeps the truth, so
a Redis that does not answer (portal/cache.py: it reads as an empty cache) costs a database
read per request, never a lost sign-in. One hazard remains with plain `cached_db`: a
session deleted (sign-out) or changed while Redis did not answer is still in Redis, as it
was, when Redis comes back, and a signed-out session would come back to life. Each process
therefore remembers the cache keys it could not write or delete, and deletes them as soon as
the cache answers again, before it reads any session.

settings.py uses this engine when CACHE_URL is Redis; otherwise sessions stay in the database.
"""

import threading

from django.contrib.sessions.backends import cached_db

_lock = threading.Lock()
_stale = set()  # cache keys of sessions this process could not write or delete


def _failures(cache):
    return getattr(cache, "failures", 0)


def _forget_stale(cache):
    if not _stale:
        return
    with _lock:
        keys = list(_stale)
    before = _failures(cache)
    cache.delete_many(keys)
    if _failures(cache) == before:
        with _lock:
            _stale.difference_update(keys)


class SessionStore(cached_db.SessionStore):
    def _watch(self, write, key):
        """Run `write`; when the cache did not answer, remember `key()` as stale."""
        before = _failures(self._cache)
        result = write()
        if _failures(self._cache) > before:
            with _lock:
                _stale.add(key())
        return result

    def load(self):
        _forget_stale(self._cache)
        return super().load()

    def save(self, must_create=False):
        # The key is read after the save, which may have created it.
        self._watch(lambda: super(SessionStore, self).save(must_create), lambda: self.cache_key)

    def delete(self, session_key=None):
        key = session_key or self.session_key
        if key is None:
            return super().delete(session_key)
        return self._watch(
            lambda: super(SessionStore, self).delete(session_key),
            lambda: self.cache_key_prefix + key,
        )
