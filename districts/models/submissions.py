"""What a resident sends from the beat's page, tracked until it is answered.

A problem or complaint becomes an `Appeal` (answered within the legal term in working days);
a suggestion becomes a `Proposal`. Either way the resident gets a `ResidentSubmission`: a
reference number to quote (`ALM-2026-000123`) and a private status page at an unguessable
link. The link is the only key to the page, so it carries no id and the token is long.

References are numbered per prefix and year without gaps: a counter row is locked while the
next number is taken, inside the transaction that stores the submission, so ten residents
sending at once get ten different numbers and a failed submission leaves no gap.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models.base import BEAT_TERRITORY

# 32 random bytes: guessing a status link is not a practical attack.
TOKEN_BYTES = 32
REFERENCE_DIGITS = 6


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class SubmissionKind(models.TextChoices):
    PROBLEM = "problem", _("Problem or complaint")
    SUGGESTION = "suggestion", _("Suggestion")


class ReferenceCounter(models.Model):
    """The last reference number given per prefix and year."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_once")
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, prefix: str, year: int) -> str:
        """Must run inside a transaction (requests are atomic)."""
        cls.objects.get_or_create(prefix=prefix, year=year)
        counter = cls.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{prefix}-{year}-{counter.last:0{REFERENCE_DIGITS}d}"


class ResidentSubmission(models.Model):
    """The resident's handle on an appeal or a proposal sent from the beat's page."""

    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("beat"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SubmissionKind.choices)
    reference = models.CharField(_("reference number"), max_length=24, unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    appeal = models.OneToOneField(
        "districts.Appeal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("appeal"),
    )
    proposal = models.OneToOneField(
        "districts.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("proposal"),
    )
    # Optional, personal: seen by the police only, never published. An e-mail address here
    # receives the status link and the answer.
    resident_name = models.CharField(_("resident's name"), max_length=200, blank=True)
    resident_contact = models.CharField(_("resident's contact"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # The answer the resident was last told of, so that an unchanged answer is not sent twice.
    notified_status = models.CharField(max_length=16, blank=True, editable=False)

    class Meta:
        verbose_name = _("resident's submission")
        verbose_name_plural = _("residents' submissions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="problem", appeal__isnull=False, proposal__isnull=True)
                    | Q(kind="suggestion", appeal__isnull=True, proposal__isnull=False)
                ),
                name="submission_is_an_appeal_or_a_proposal",
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("submission-status", kwargs={"token": self.token})

    @property
    def email(self):
        contact = self.resident_contact.strip()
        return contact if "@" in contact else ""

    @property
    def record(self):
        return self.appeal if self.kind == SubmissionKind.PROBLEM else self.proposal
