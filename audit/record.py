"""Writing to the audit log what model signals do not see.

* `personal_data_seen`: a user was shown an assistant's personal data unmasked (a page of
  the register, the record page, the photo, an export, a printed certificate with the
  photo, a look-up by IIN). One entry per person, so the log answers "who saw this
  person's data".
* `created_in_bulk`, `changed_in_bulk`: records written by `bulk_create` or `update()`
  (imports, the hourly escalation), which send no model signals; the same entries as a
  one-by-one save would have made, masking included.

The user and the client address are the request's (see `audit.middleware`); a task run
outside a request (a worker, Celery beat) names its user itself, or none: the system.
"""

from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects

from audit.middleware import current_request_id
from portal.client_ip import client_ip

BATCH = 500

# What a view of personal data was: the `event` of its entry.
SEEN_EVENTS = ("list", "view", "photo", "export", "certificate", "lookup")


def _request_context() -> dict:
    """The user and the address of the request being served; {} outside a request."""
    if current_request_id() is None:
        return {}
    try:
        return auditlog_value.get()
    except LookupError:
        return {}


def _entry(obj, action, *, actor=None, remote_addr=None, changes=None, details=None, cid=None):
    pk = obj.pk
    return LogEntry(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(obj),
        action=action,
        changes=changes,
        actor=actor,
        actor_email=getattr(actor, "email", None) if actor else None,
        remote_addr=remote_addr,
        cid=cid or current_request_id(),
        additional_data=details or None,
    )


def _write(entries):
    LogEntry.objects.bulk_create(entries, batch_size=BATCH)


def personal_data_seen(request, objects, *, event: str, **details):
    """Log that `request.user` was shown the unmasked personal data of `objects`."""
    user = request.user if request.user.is_authenticated else None
    personal_data_seen_by(user, client_ip(request), objects, event=event, **details)


def personal_data_seen_by(user, address, objects, *, event: str, request_id=None, **details):
    """`personal_data_seen` outside a request: a task that made a file for `user`, who asked
    for it from `address` in the request `request_id` (its correlation id)."""
    if event not in SEEN_EVENTS:
        raise ValueError(f"Unknown event {event!r}")
    _write(
        [
            _entry(
                obj,
                LogEntry.Action.ACCESS,
                actor=user,
                remote_addr=address,
                details={"event": event, **details},
                cid=request_id,
            )
            for obj in objects
        ]
    )


def _load_related(objects):
    """Read the records each object's name may show in one query per relation, not per
    object (an entry keeps the record's name, e.g. "Beat No. 7 · 2024 Q2 · Theft: 4")."""
    if objects:
        meta = objects[0]._meta
        names = [f.name for f in meta.concrete_fields if f.many_to_one]
        prefetch_related_objects(objects, *names)


def _bulk_write(pairs, action, *, actor, details):
    if auditlog_disabled.get():
        return
    context = _request_context()
    actor = actor or context.get("actor")
    address = context.get("remote_addr")
    _load_related([new for _old, new in pairs])
    entries = []
    for old, new in pairs:
        changes = model_instance_diff(
            old, new, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        if changes:
            entries.append(
                _entry(
                    new,
                    action,
                    actor=actor,
                    remote_addr=address,
                    changes=changes,
                    details=details,
                )
            )
    _write(entries)


def created_in_bulk(objects, *, actor=None, **details):
    """Log the creation of `objects`, saved without model signals."""
    _bulk_write(
        [(None, obj) for obj in objects], LogEntry.Action.CREATE, actor=actor, details=details
    )


def changed_in_bulk(pairs, *, actor=None, **details):
    """Log changes saved without model signals: (record as it was, record as it is) pairs."""
    _bulk_write(pairs, LogEntry.Action.UPDATE, actor=actor, details=details)
