"""Appeals from residents and the consultations and help the inspector gives."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BeatRecord, not_in_future
from portal.periods import add_working_days

# The Administrative Procedural Code gives 15 working days for an answer (weekends and the
# public holidays of Kazakhstan are not counted, see portal.periods).
ANSWER_WORKING_DAYS = 15


class AppealChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    MESSENGER = "messenger", _("Messenger")
    SOCIAL = "social", _("Social network")
    RECEPTION = "reception", _("Reception")
    ONLINE = "online", _("Online form")


class AppealStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_WORK = "in_work", _("In work")
    ANSWERED = "answered", _("Answered")


class AppealQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=AppealStatus.ANSWERED)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Appeal(BeatRecord):
    channel = models.CharField(_("channel"), max_length=16, choices=AppealChannel.choices)
    received_on = models.DateField(_("received on"), validators=[not_in_future])
    due_on = models.DateField(_("answer due by"))
    subject = models.CharField(_("subject"), max_length=300)
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.NEW
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("The resident who sent the appeal from the beat's page reads this answer."),
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_("For the police only, never shown to the resident."),
    )
    answered_on = models.DateField(
        _("answered on"), null=True, blank=True, validators=[not_in_future]
    )
    # Set once, when the appeal was found unanswered after its due date and its department's
    # supervisors were told (districts.services.escalation).
    escalated_at = models.DateTimeField(
        _("escalated to the supervisor at"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["due_on", "-pk"]
        indexes = [
            models.Index(fields=["beat", "status", "due_on"]),
            # The appeals list opens on the open appeals, the nearest due date first.
            models.Index(
                fields=["due_on", "-id"],
                condition=~Q(status=AppealStatus.ANSWERED),
                name="appeal_open_due_first",
            ),
            models.Index(fields=["beat", "received_on"], name="appeal_beat_received"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("appeal-edit", args=[self.pk])

    @staticmethod
    def default_due(received_on):
        """The last day of the legal term for an appeal received on `received_on`."""
        return add_working_days(received_on, ANSWER_WORKING_DAYS)

    @property
    def is_overdue(self):
        return self.status != AppealStatus.ANSWERED and self.due_on < timezone.localdate()

    def clean(self):
        super().clean()
        errors = {}
        if self.received_on and self.due_on and self.due_on < self.received_on:
            errors["due_on"] = _("The answer cannot be due before the appeal was received.")
        if self.status == AppealStatus.ANSWERED:
            if not self.answer.strip():
                errors["answer"] = _("Write the answer given.")
            if not self.answered_on:
                errors["answered_on"] = _("Enter the date of the answer.")
            elif self.received_on and self.answered_on < self.received_on:
                errors["answered_on"] = _("The answer cannot precede the appeal.")
        if errors:
            raise ValidationError(errors)


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", _("Legal consultation")
    HELP = "help", _("Practical help")
    MEDIATION = "mediation", _("Conflict resolved by mediation")
    REFERRAL = "referral", _("Referral to another service")
    OTHER = "other", _("Other")


class ServiceRecord(BeatRecord):
    """Consultations and help given on one day, counted by kind."""

    date = models.DateField(_("date"), validators=[not_in_future])
    kind = models.CharField(_("kind"), max_length=16, choices=ServiceKind.choices)
    count = models.PositiveIntegerField(_("how many"), default=1, validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["beat", "date"], name="service_beat_date"),
            models.Index(fields=["-date", "-id"], name="service_newest_first"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} × {self.count}"

    def get_absolute_url(self):
        return reverse("service-edit", args=[self.pk])
