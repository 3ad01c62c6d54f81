"""What every record of an inspector's work has in common."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The path from a beat-level record to its beat and area, for portal.policy.
BEAT_TERRITORY = {"beat": "beat", "area": "beat__police_point__department__area"}


class BeatRecord(models.Model):
    """A record logged for one beat by its inspector."""

    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("beat"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def not_in_future(value):
    """Validator for dates and date-times of things that have already happened."""
    now = timezone.now()
    limit = timezone.localdate(now) if not hasattr(value, "hour") else now
    if value > limit:
        raise ValidationError(_("This date is in the future."), code="future")
