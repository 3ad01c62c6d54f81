"""Celery tasks of the audit log: the nightly purge of entries past their retention."""

from celery import shared_task

from audit.retention import purge_expired


@shared_task(name="audit.purge_expired_entries")
def purge_expired_entries():
    """Delete the entries older than AUDIT_RETENTION_DAYS; returns how many."""
    return purge_expired()
