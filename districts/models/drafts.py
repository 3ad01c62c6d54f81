"""Drafts of field mode already received from devices, by the id the device gave them
(districts/services/drafts.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftReceipt(models.Model):
    """A draft sent from a device and stored: the same draft sent again (the answer was lost
    on the way back, two tabs sent it at once) is answered with the record stored the first
    time. The row is written in the transaction that stores the record, so it exists exactly
    when the record does."""

    client_id = models.UUIDField(_("draft id"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=40)
    location = models.CharField(_("record"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("received draft")
        verbose_name_plural = _("received drafts")

    def __str__(self):
        return str(self.client_id)
