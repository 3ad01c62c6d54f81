"""Writing the demo's records with the times the demo gives them."""

from contextlib import contextmanager

from django.test.utils import override_settings


@contextmanager
def recorded_times_as_given(models, flags=("auto_now_add",)):
    """Let the demo's own writes keep the `created_at`/`marked_at` values set on its records
    (with "auto_now" among `flags`, `updated_at` too).

    Those fields are stamped with the moment of the write, which would date the whole demo
    on the day of the seed; the demo needs them on the day the work was done. Only the
    demo's writes inside the block are affected (the command runs alone).
    """
    fields = [
        (f, flag)
        for model in models
        for f in model._meta.concrete_fields
        for flag in flags
        if getattr(f, flag, False)
    ]
    for f, flag in fields:
        setattr(f, flag, False)
    try:
        yield
    finally:
        for f, flag in fields:
            setattr(f, flag, True)


@contextmanager
def without_history():
    """Delete the demo's records without writing a "-" history row for each: the demo
    deletes their history too, and those rows would make a second run several times slower.

    simple-history reads its SIMPLE_HISTORY_ENABLED setting on every write.
    """
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        yield
