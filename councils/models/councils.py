"""Public councils at police bodies (Law of the RK of 2 November 2015 No. 383-V).

The chair may not be a civil servant and at least two thirds of the members come from
civil society; a decision needs a quorum of two thirds of the members.
"""

from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.translated import MetaOrderingQuerySet

CIVIL_SOCIETY_SHARE = Fraction(2, 3)
QUORUM_SHARE = Fraction(2, 3)


class PublicCouncil(models.Model):
    territory_paths = {"area": "department__area"}
    police_area_visible = True

    department = models.ForeignKey(
        "districts.PoliceDepartment",
        on_delete=models.PROTECT,
        related_name="councils",
        verbose_name=_("police body"),
    )
    name = models.CharField(_("name"), max_length=300)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))

    class Meta:
        verbose_name = _("public council")
        verbose_name_plural = _("public councils")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("council-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("The term must end after it starts.")})


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class MemberSide(models.TextChoices):
    CIVIL_SOCIETY = "civil", _("Civil society")
    STATE_BODY = "state", _("State body")


class CouncilMember(models.Model):
    territory_paths = {"area": "council__department__area"}
    police_area_visible = True

    council = models.ForeignKey(
        PublicCouncil, on_delete=models.CASCADE, related_name="members", verbose_name=_("council")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    side = models.CharField(_("represents"), max_length=16, choices=MemberSide.choices)
    is_civil_servant = models.BooleanField(_("civil servant"), default=False)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    joined_on = models.DateField(_("member since"))
    left_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["role", "full_name"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("councilmember-edit", args=[self.pk])

    def clean(self):
        super().clean()
        if self.role == MemberRole.CHAIR and self.is_civil_servant:
            raise ValidationError(
                {"is_civil_servant": _("The chair of a public council may not be a civil servant.")}
            )
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})


class CouncilSession(models.Model):
    territory_paths = {"area": "council__department__area"}
    police_area_visible = True

    council = models.ForeignKey(
        PublicCouncil, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("council")
    )
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    agenda = models.TextField(_("agenda"))
    is_open = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_("Open sessions appear in the public calendar."),
    )
    present = models.ManyToManyField(
        CouncilMember, blank=True, related_name="sessions_attended", verbose_name=_("present")
    )

    objects = MetaOrderingQuerySet.as_manager()

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-held_at"]
        indexes = [
            # The public calendar's upcoming open sessions (councils.selectors.events).
            models.Index(
                fields=["held_at", "id"],
                condition=models.Q(is_open=True),
                name="session_upcoming_open",
            ),
        ]

    def __str__(self):
        return f"{self.council} · {self.held_at:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("councilsession-detail", args=[self.pk])


class SessionDecision(models.Model):
    territory_paths = {"area": "session__council__department__area"}
    police_area_visible = True

    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("session"),
    )
    text = models.TextField(_("decision"))
    # Recorded at the time: whether two thirds of the members were present.
    had_quorum = models.BooleanField(_("quorum present"), default=False, editable=False)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return f"{reverse('councilsession-detail', args=[self.session_id])}#decision-{self.pk}"


class RecommendationStatus(models.TextChoices):
    SENT = "sent", _("Sent to the police")
    IN_PROGRESS = "in_progress", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY = "partly", _("Partly implemented")
    REJECTED = "rejected", _("Not accepted")


class Recommendation(models.Model):
    """A council's recommendation to the police, followed until implemented."""

    territory_paths = {"area": "council__department__area"}
    police_area_visible = True

    council = models.ForeignKey(
        PublicCouncil,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("council"),
    )
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("session"),
    )
    text = models.TextField(_("recommendation"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=300)
    due_on = models.DateField(_("due by"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.SENT,
    )
    outcome = models.TextField(_("what was done"), blank=True)
    service_quality_score = models.PositiveSmallIntegerField(
        _("council's assessment of the quality of police services (1–5)"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(1, 6)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_on"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("recommendation-edit", args=[self.pk])

    def clean(self):
        super().clean()
        done = (RecommendationStatus.IMPLEMENTED, RecommendationStatus.PARTLY)
        if self.status in done and not self.outcome.strip():
            raise ValidationError({"outcome": _("Describe what was done.")})
