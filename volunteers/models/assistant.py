"""Citizens taking part in ensuring public order (Law of the RK of 9 July 2004 No. 590).

The lifecycle follows Art. 5: the citizen applies to the police → the police check
the records within 30 calendar days and petition the district akimat, or refuse in
writing → the akimat registers within 7 working days and gives a number → certificate
issued → active ↔ suspended → deregistered. Status changes only through the actions
in volunteers.services.lifecycle; every change is kept in history.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.periods import add_working_days
from volunteers.iin import parse_iin, validate_iin
from volunteers.storage import private_storage

POLICE_CHECK_DAYS = 30  # calendar days
AKIMAT_REGISTRATION_WORKING_DAYS = 7  # Art. 5: weekends and public holidays not counted
MINIMUM_AGE = 18


class ParticipationForm(models.TextChoices):
    PATROLS = "patrols", _("Patrols")
    MASS_EVENTS = "mass_events", _("Order at mass events")
    RAIDS = "raids", _("Raids")
    LEGAL_PROPAGANDA = "legal_propaganda", _("Legal propaganda")
    MISSING_SEARCH = "missing_search", _("Search for missing people")
    OTHER = "other", _("Other")


class AssistantStatus(models.TextChoices):
    APPLIED = "applied", _("Applied to the police")
    PETITIONED = "petitioned", _("Petition sent to the akimat")
    REFUSED = "refused", _("Refused by the police")
    REGISTERED = "registered", _("Registered by the akimat")
    CERTIFIED = "certified", _("Certificate issued")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    DEREGISTERED = "deregistered", _("Deregistered")


# A registration is "live" from the application until refusal or deregistration.
LIVE_STATUSES = [
    AssistantStatus.APPLIED,
    AssistantStatus.PETITIONED,
    AssistantStatus.REGISTERED,
    AssistantStatus.CERTIFIED,
    AssistantStatus.ACTIVE,
    AssistantStatus.SUSPENDED,
]


# Registered by an akimat: a person holds at most one such registration in the country.
REGISTERED_STATUSES = [
    AssistantStatus.REGISTERED,
    AssistantStatus.CERTIFIED,
    AssistantStatus.ACTIVE,
    AssistantStatus.SUSPENDED,
]


class DeregistrationGround(models.TextChoices):
    OWN_APPLICATION = "own_application", _("Own application")
    CONVICTION = "conviction", _("Conviction that has entered into force")
    MEDICAL_RECORD = "medical_record", _("Placed on narcological or psychiatric record")
    INCAPABLE = "incapable", _("Declared incapable or partially capable")
    BREACH = "breach", _("Gross or systematic breach of duties or exceeding powers")
    CITIZENSHIP = "citizenship", _("Loss of citizenship of Kazakhstan")
    DEATH = "death", _("Death")
    OTHER = "other", _("Other")


class AssistantQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_STATUSES)


class Assistant(models.Model):
    territory_paths = {"beat": "beat", "area": "area"}
    # Council secretaries have no business in the register (see portal.policy).
    view_action = "register.view"

    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("given name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, validators=[validate_iin])
    birth_date = models.DateField(_("date of birth"), editable=False)
    sex = models.CharField(
        _("sex"), max_length=1, editable=False, choices=[("M", _("male")), ("F", _("female"))]
    )
    phone = models.CharField(_("phone"), max_length=32)
    address = models.CharField(_("home address"), max_length=300)
    photo = models.ImageField(
        _("photo"), upload_to="assistants/", blank=True, storage=private_storage
    )
    area = models.ForeignKey(
        "districts.Area",
        on_delete=models.PROTECT,
        related_name="assistants",
        verbose_name=_("area"),
    )
    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.PROTECT,
        related_name="assistants",
        verbose_name=_("beat of activity"),
    )
    forms = models.JSONField(_("forms of participation"), default=list)

    status = models.CharField(
        _("status"), max_length=16, choices=AssistantStatus.choices, default=AssistantStatus.APPLIED
    )
    # Application to the police, with the consent to processing of personal data.
    applied_on = models.DateField(_("applied on"))
    consent_given_on = models.DateField(_("consent to processing of personal data given on"))
    # The police check of records.
    petition_sent_on = models.DateField(_("petition sent to the akimat on"), null=True, blank=True)
    petition_number = models.CharField(_("petition number"), max_length=50, blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    # Registration by the akimat.
    registration_number = models.CharField(_("registration number"), max_length=32, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    deregistered_on = models.DateField(_("deregistered on"), null=True, blank=True)
    deregistration_ground = models.CharField(
        _("ground for deregistration"),
        max_length=32,
        choices=DeregistrationGround.choices,
        blank=True,
    )
    deregistration_note = models.TextField(_("note on deregistration"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AssistantQuerySet.as_manager()

    class Meta:
        verbose_name = _("public assistant")
        verbose_name_plural = _("public assistants")
        ordering = ["last_name", "first_name"]
        constraints = [
            # One registration per IIN in the whole country (Law No. 590). An application
            # elsewhere is not refused at the door: the police there must not learn of a
            # registration outside their territory; the registration step stops it.
            models.UniqueConstraint(
                fields=["iin"],
                condition=Q(status__in=REGISTERED_STATUSES),
                name="assistant_one_registration_per_iin",
                violation_error_message=_("This person is already registered as an assistant."),
            ),
            # One live record per IIN in a beat: the beat is always in its officer's scope.
            models.UniqueConstraint(
                fields=["iin", "beat"],
                condition=Q(status__in=LIVE_STATUSES),
                name="assistant_one_live_record_per_iin_and_beat",
                violation_error_message=_(
                    "This IIN already has a registration that is not refused or ended."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["area", "status"]),
            # The register by name, and the waiting records by their dates.
            models.Index(fields=["last_name", "first_name", "id"], name="assistant_by_name"),
            models.Index(fields=["status", "applied_on"], name="assistant_status_applied"),
            models.Index(fields=["status", "petition_sent_on"], name="assistant_status_petition"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        info = parse_iin(self.iin)
        self.birth_date, self.sex = info.birth_date, info.sex
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("assistant-detail", args=[self.pk])

    @property
    def full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def initials_name(self):
        """'Сапаров Е. М.' for the public verification page: surname and initials only."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def public_initials(self):
        """'С. Е. М.' — initials only (no full surname) for anonymous visitors."""
        return " ".join(
            f"{p[0]}." for p in (self.last_name, self.first_name, self.middle_name) if p
        )

    @property
    def police_check_due_on(self):
        return self.applied_on + datetime.timedelta(days=POLICE_CHECK_DAYS)

    @property
    def registration_due_on(self):
        if not self.petition_sent_on:
            return None
        return add_working_days(self.petition_sent_on, AKIMAT_REGISTRATION_WORKING_DAYS)

    def clean(self):
        super().clean()
        errors = {}
        try:
            info = parse_iin(self.iin)
        except ValidationError:
            info = None  # the field validator reports it
        if info:
            self.birth_date, self.sex = info.birth_date, info.sex
            from volunteers.iin import age_on

            on = self.registered_on or self.applied_on
            if on and age_on(info.birth_date, on) < MINIMUM_AGE:
                errors["iin"] = _("A public assistant must be at least 18 years old.")
        unknown = set(self.forms or []) - set(ParticipationForm.values)
        if unknown:
            errors["forms"] = _("Unknown form of participation.")
        if (
            self.beat_id
            and self.area_id
            and self.beat.police_point.department.area_id != self.area_id
        ):
            errors["beat"] = _("The beat must lie in the assistant's area.")
        if errors:
            raise ValidationError(errors)
