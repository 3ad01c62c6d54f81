"""Periodic work of field mode (scheduled in settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from field import services


@shared_task(name="field.forget_old_receipts")
def forget_old_receipts():
    """The ids of drafts received long ago are of no use any more."""
    return services.forget_old_receipts()
