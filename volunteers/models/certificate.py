"""The assistant's certificate (удостоверение) and breast badge, and its public verification."""

import re
import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

CERTIFICATE_VALID_YEARS = 3


def new_token():
    # 24 random bytes: unguessable, and derived from nothing about the person.
    return secrets.token_urlsafe(24)


# A token as `new_token` makes them; anything else is not looked up at all.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class CertificateState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    RETURNED = "returned", _("Returned")
    REVOKED = "revoked", _("Revoked")


class VerificationStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


# The colour of a status badge (Bootstrap), on staff and resident pages alike.
STATUS_BADGES = {
    VerificationStatus.VALID: "success",
    VerificationStatus.EXPIRED: "warning",
    VerificationStatus.REVOKED: "danger",
}


class Certificate(models.Model):
    territory_paths = {"beat": "assistant__beat", "area": "area"}

    assistant = models.ForeignKey(
        "volunteers.Assistant",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("public assistant"),
    )
    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    badge_issued = models.BooleanField(_("breast badge issued"), default=True)
    state = models.CharField(
        _("state"), max_length=16, choices=CertificateState.choices, default=CertificateState.ISSUED
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    badge_returned = models.BooleanField(_("breast badge returned"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="certificate_number_per_area"),
            # Only one card is ever live: a new one once the old is returned or revoked.
            models.UniqueConstraint(
                fields=["assistant"],
                condition=Q(state="issued"),
                name="certificate_one_issued_per_assistant",
                violation_error_message=_(
                    "The assistant still holds a certificate: it must be returned or revoked first."
                ),
            ),
        ]

    def __str__(self):
        return _("Certificate No. %(number)s") % {"number": self.display_number}

    def get_absolute_url(self):
        return reverse("certificate-detail", args=[self.pk])

    @property
    def display_number(self):
        return f"{self.number:05d}"

    def verification_url(self):
        return reverse("verify", args=[self.token])

    def verification_status(self, today=None):
        if self.state != CertificateState.ISSUED:
            return VerificationStatus.REVOKED
        if self.valid_until < (today or timezone.localdate()):
            return VerificationStatus.EXPIRED
        return VerificationStatus.VALID
