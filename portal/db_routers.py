"""An optional read replica for the public pages and the open-data API.

With DATABASE_REPLICA_URL set, settings.py adds DATABASES["replica"] and this router.
`ReplicaReadsMiddleware` marks a request as "read from the replica" when it is an anonymous
visitor's GET, HEAD or OPTIONS to a view whose access rule is public (portal.policy): such a
page shows only what is published, and a replica a moment behind the primary shows it
well enough. A public view marked `@primary_reads` (a resident's private page behind a
token, which shows what they have just written) reads from the primary all the same.
Everything else reads from the primary: staff pages, forms being sent, every
write (and a read meant for a write, such as select_for_update) of any request, and all
work outside a request (tasks, commands).

The mark is a context variable, so it never leaks from one request (or thread) to another.
"""

import contextvars

from portal import policy

REPLICA = "replica"

_replica_reads = contextvars.ContextVar("replica_reads", default=False)


def reading_from_replica() -> bool:
    return _replica_reads.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by replication


def primary_reads(view):
    """Mark a public view whose page must show the latest writes: never the replica."""
    view.primary_reads = True
    return view


def _public_read(request, view) -> bool:
    if request.method not in policy.SAFE_METHODS or getattr(view, "primary_reads", False):
        return False
    rule = policy.rule_of(view)
    # The user is read here, from the primary, before the mark is set.
    return rule is not None and rule.is_public and not request.user.is_authenticated


class ReplicaReadsMiddleware:
    """Marks the public reads of an anonymous visitor for the replica (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_reads.set(False)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)

    def process_view(self, request, view, args, kwargs):
        if _public_read(request, view):
            _replica_reads.set(True)
