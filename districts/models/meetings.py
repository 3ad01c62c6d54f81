"""Meetings with residents and the proposals and problems residents raise at them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BEAT_TERRITORY, BeatRecord
from portal.translated import MetaOrderingQuerySet


class MeetingKind(models.TextChoices):
    RESIDENTS = "residents", _("Residents' meeting")
    OSI_KSK = "osi_ksk", _("Meeting with an OSI/KSK")
    PARENTS = "parents", _("Parents' committee")
    RECEPTION = "reception", _("Open reception")
    LESSON = "lesson", _("School or college lesson")
    REPORT = "report", _("Report meeting")
    OTHER = "other", _("Other")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(BeatRecord):
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.RESIDENTS
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.HELD
    )
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    partners = models.CharField(
        _("partner organisations"),
        max_length=500,
        blank=True,
        help_text=_("OSI, KSK, school, NGO… that took part."),
    )
    attendance = models.PositiveIntegerField(
        _("attendance"), null=True, blank=True, help_text=_("How many residents came.")
    )
    topics = models.TextField(_("topics discussed"), blank=True)
    is_public = models.BooleanField(
        _("announce to residents"),
        default=False,
        help_text=_("Show a planned meeting in the beat's public calendar."),
    )

    objects = MetaOrderingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at"]
        indexes = [
            models.Index(fields=["beat", "held_at"]),
            # The public calendar's upcoming meetings (councils.selectors.events), soonest
            # first: only planned public meetings, a small part of all, are in it.
            models.Index(
                fields=["held_at", "id"],
                condition=Q(is_public=True, status="planned"),
                name="meeting_upcoming_public",
            ),
            # The meetings list of a large scope: the newest first, read from the index.
            models.Index(fields=["-held_at", "-id"], name="meeting_newest_first"),
            # The archive of past public events, newest first: public meetings are few among
            # all, so the index of every meeting would be read far before a page is found.
            models.Index(
                fields=["-held_at", "-id"],
                condition=Q(is_public=True, status__in=["planned", "held"]),
                name="meeting_past_public",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {timezone.localtime(self.held_at):%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meeting-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.status == MeetingStatus.HELD and self.held_at and self.held_at > timezone.now():
            errors["held_at"] = _("A meeting that has been held cannot be in the future.")
        if self.status == MeetingStatus.HELD and self.attendance is None:
            errors["attendance"] = _("Enter how many residents came.")
        if errors:
            raise ValidationError(errors)


class ProposalStatus(models.TextChoices):
    NEW = "new", _("New")
    PLANNED = "planned", _("In the work plan")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


class ProposalKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    PROBLEM = "problem", _("Problem")


class Moderation(models.TextChoices):
    """Whether a resident's text from the beat's page may be shown to everyone."""

    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved for publication")
    REJECTED = "rejected", _("Not for publication")


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """What residents may read: raised at a meeting, or approved for publication."""
        return self.filter(Q(source=ProposalSource.MEETING) | Q(moderation=Moderation.APPROVED))


class ProposalSource(models.TextChoices):
    MEETING = "meeting", _("Raised at a meeting")
    RESIDENT_SITE = "site", _("Sent from the beat's page")


class Proposal(models.Model):
    """A proposal or problem raised by residents, tracked until it is done or declined."""

    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("beat"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ProposalKind.choices, default=ProposalKind.PROPOSAL
    )
    text = models.TextField(_("what residents raised"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("What was done, or why the proposal was declined."),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=ProposalSource.choices, default=ProposalSource.MEETING
    )
    # Optional, from the public form: seen by the police only, never published.
    resident_name = models.CharField(_("resident's name"), max_length=200, blank=True)
    resident_contact = models.CharField(_("resident's contact"), max_length=200, blank=True)
    # A text sent from the beat's page is published only as the inspector approved it, with
    # names, addresses, phone numbers and abuse taken out.
    moderation = models.CharField(
        _("publication"), max_length=16, choices=Moderation.choices, default=Moderation.PENDING
    )
    public_text = models.TextField(
        _("text for publication"),
        blank=True,
        help_text=_(
            "The proposal as residents will read it: no names, addresses, phones or abuse."
        ),
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("For the police only, never published.")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("residents' proposal")
        verbose_name_plural = _("residents' proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("proposal-edit", args=[self.pk])

    @property
    def published_text(self):
        """The text residents read: a meeting's record as written, a resident's as moderated."""
        return self.text if self.source == ProposalSource.MEETING else self.public_text

    def clean(self):
        super().clean()
        if self.status == ProposalStatus.DECLINED and not self.outcome.strip():
            raise ValidationError({"outcome": _("Give the reason why the proposal was declined.")})
        if self.moderation == Moderation.APPROVED and not self.published_text.strip():
            raise ValidationError(
                {"public_text": _("Write the text residents will read before approving it.")}
            )
        if self.meeting_id and self.beat_id and self.meeting.beat_id != self.beat_id:
            raise ValidationError(_("The proposal and its meeting belong to different beats."))
