"""Volunteers and volunteer groups (Law of the RK of 30 December 2016 No. 42-VI).

A separate legal status from Law No. 590: no akimat registration. A volunteer under 14
needs a recorded parental consent, and minors are never assigned to raids or hazardous
work.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import not_in_future
from volunteers.iin import age_on

PARENTAL_CONSENT_BELOW = 14
ADULT_AGE = 18


class VolunteerActivityKind(models.TextChoices):
    SOCIAL = "social", _("Social help")
    MISSING_SEARCH = "missing_search", _("Search for missing people")
    EMERGENCY = "emergency", _("Help in emergencies")
    ENVIRONMENT = "environment", _("Environment and improvement of territories")
    EVENTS = "events", _("Help at events")
    PREVENTION = "prevention", _("Crime prevention campaigns")
    RAIDS = "raids", _("Raids")
    OTHER = "other", _("Other")


# Work a minor may never be assigned to.
ADULTS_ONLY = {VolunteerActivityKind.RAIDS, VolunteerActivityKind.EMERGENCY}


class VolunteerGroup(models.Model):
    territory_paths = {"area": "area"}
    police_area_visible = True

    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    contact_person = models.CharField(_("contact person"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32)
    kinds = models.JSONField(_("kinds of activity"), default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volunteer group")
        verbose_name_plural = _("volunteer groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("volunteergroup-detail", args=[self.pk])


class Volunteer(models.Model):
    territory_paths = {"area": "area"}
    police_area_visible = True

    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("given name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), validators=[not_in_future])
    phone = models.CharField(_("phone"), max_length=32)
    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    group = models.ForeignKey(
        VolunteerGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("group"),
    )
    kinds = models.JSONField(_("kinds of activity"), default=list)
    parental_consent_on = models.DateField(_("parental consent recorded on"), null=True, blank=True)
    parent_name = models.CharField(_("parent or guardian"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.last_name} {self.first_name}"

    def get_absolute_url(self):
        return reverse("volunteer-detail", args=[self.pk])

    def age(self, on=None):
        return age_on(self.birth_date, on or timezone.localdate())

    @property
    def is_minor(self):
        return self.age() < ADULT_AGE

    def clean(self):
        super().clean()
        errors = {}
        needs_consent = self.birth_date and self.age() < PARENTAL_CONSENT_BELOW
        if needs_consent and (not self.parental_consent_on or not self.parent_name.strip()):
            errors["parental_consent_on"] = _(
                "A volunteer under 14 needs a recorded consent of a parent or guardian."
            )
        if self.birth_date and self.is_minor and ADULTS_ONLY & set(self.kinds or []):
            errors["kinds"] = _("Minors are never assigned to raids or hazardous work.")
        if set(self.kinds or []) - set(VolunteerActivityKind.values):
            errors["kinds"] = _("Unknown kind of activity.")
        if errors:
            raise ValidationError(errors)


class VolunteerActivity(models.Model):
    """An action a volunteer or a group joined, with the hours given."""

    territory_paths = {"area": "area"}
    police_area_visible = True

    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("volunteer"),
    )
    group = models.ForeignKey(
        VolunteerGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("group"),
    )
    date = models.DateField(_("date"), validators=[not_in_future])
    kind = models.CharField(_("kind"), max_length=20, choices=VolunteerActivityKind.choices)
    action = models.CharField(_("action"), max_length=300)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
    )

    class Meta:
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        ordering = ["-date"]

    def __str__(self):
        return self.action

    def get_absolute_url(self):
        party = ("volunteer-detail", self.volunteer_id) if self.volunteer_id else None
        name, pk = party or ("volunteergroup-detail", self.group_id)
        return f"{reverse(name, args=[pk])}#activity-{self.pk}"

    def clean(self):
        super().clean()
        if (self.volunteer_id is None) == (self.group_id is None):
            raise ValidationError(_("Choose either a volunteer or a group."))
        if self.volunteer_id and self.kind in ADULTS_ONLY:
            on = self.date or datetime.date.today()
            if self.volunteer.age(on) < ADULT_AGE:
                raise ValidationError(
                    {"kind": _("Minors are never assigned to raids or hazardous work.")}
                )
