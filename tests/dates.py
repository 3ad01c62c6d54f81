"""Dates relative to today and moments as a form's datetime-local field takes them."""

import datetime

from django.utils import timezone


def days(n):
    """Today's local date plus `n` days (minus, for n < 0)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def local_input(moment):
    """`moment` in local time as an <input type="datetime-local"> value."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
