"""Keeping the stored duty totals (volunteers.models.duty_totals) true to the duty log, and
the register's cached counts (volunteers/status_counts.py) true to the register."""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from volunteers.models import Assistant, Duty
from volunteers.models.duty_totals import forget_duty_hours
from volunteers.status_counts import register_changed


def _forget(area_ids, years=None):
    """Forget the totals now (this transaction reads them fresh) and again at the commit: a
    concurrent request that summed the duties meanwhile, without this change, which it cannot
    see yet, may have stored its total."""
    area_ids = set(area_ids)
    forget_duty_hours(area_ids, years)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: forget_duty_hours(area_ids, years))


def _area_of(assistant_id):
    return Assistant.objects.filter(pk=assistant_id).values_list("area", flat=True).first()


@receiver(pre_save, sender=Duty)
def _remember_former_duty(sender, instance, **kwargs):
    # A duty moved to another assistant or year leaves a stale total where it was.
    former = None
    if instance.pk is not None:
        former = Duty.objects.filter(pk=instance.pk).values_list("assistant__area", "date").first()
    instance._former_area_and_date = former


@receiver(post_save, sender=Duty)
@receiver(post_delete, sender=Duty)
def _duty_changed(sender, instance, **kwargs):
    areas, years = {_area_of(instance.assistant_id)}, {instance.date.year}
    former = getattr(instance, "_former_area_and_date", None)
    if former:
        areas.add(former[0])
        years.add(former[1].year)
    _forget(areas, years)


@receiver(pre_save, sender=Assistant)
def _assistant_moved(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "area" not in update_fields):
        return
    former = Assistant.objects.filter(pk=instance.pk).values_list("area", flat=True).first()
    if former is not None and former != instance.area_id:
        _forget({former, instance.area_id})


@receiver(post_save, sender=Assistant)
@receiver(post_delete, sender=Assistant)
def _register_changed(sender, instance, **kwargs):
    register_changed()
