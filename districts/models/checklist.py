"""The Appendix B checklist: a template an administrator edits, and the ticks made by hand.

Ticks earned by logged work are computed (see districts.checklist), not stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models.base import BEAT_TERRITORY


class ChecklistSection(models.TextChoices):
    RESIDENTS = "residents", _("Work with residents")
    PREVENTION = "prevention", _("Prevention of offences")
    SERVICE = "service", _("Service approach")
    ORGANISATIONS = "organisations", _("Work with organisations")
    DEVELOPMENT = "development", _("Self-development and reporting")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class AutoRule(models.TextChoices):
    """Logged work that ticks an item by itself (see districts.checklist.RULES)."""

    ROUND = "round", _("A door-to-door round was logged")
    PROBLEM_LIST = "problem_list", _("The problem places list was updated")
    RESIDENTS_MEETING = "residents_meeting", _("A meeting with residents was held")
    APPEALS_ANSWERED = "appeals_answered", _("Every appeal due was answered in time")
    FAMILY_VISIT = "family_visit", _("A family on the preventive register was visited")
    TEENAGER_TALK = "teenager_talk", _("A talk with a teenager at risk was held")
    SCHOOL_EVENT = "school_event", _("An event with a school or college was held")
    SERVICE_RECORDS = "service_records", _("Consultations and help were recorded")
    TRUST_CASE = "trust_case", _("A positive case was recorded")
    WORK_PLAN = "work_plan", _("A work plan item was added")
    REPORT_MEETING = "report_meeting", _("A report meeting was held")
    TRAINING = "training", _("A training or seminar was attended")
    DIGITAL_STUDY = "digital_study", _("A digital service was studied")
    # Checked by the apps that own the records (councils, reports): see their checklist_rules.
    INFORMATION_CAMPAIGN = "information_campaign", _("A public information campaign was held")
    NGO_VOLUNTEERS = "ngo_volunteers", _("NGOs or volunteers took part in a joint action")
    AKIMAT_CONTACT = "akimat_contact", _("The akimat's representatives were met")
    COUNCIL_WORK = "council_work", _("The public council held a session")
    REPORT_PUBLISHED = "report_published", _("The quarter's report was published")


class ChecklistItem(models.Model):
    section = models.CharField(_("section"), max_length=16, choices=ChecklistSection.choices)
    text = models.CharField(_("item"), max_length=300)
    cadence = models.CharField(_("cadence"), max_length=16, choices=Cadence.choices)
    auto_rule = models.CharField(
        _("ticked automatically when"),
        max_length=32,
        choices=AutoRule.choices,
        blank=True,
        help_text=_("Leave empty for an item the inspector ticks by hand."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ChecklistMark(models.Model):
    """An item ticked by hand for one beat and one period, with a note."""

    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.CASCADE,
        related_name="checklist_marks",
        verbose_name=_("beat"),
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, related_name="marks", verbose_name=_("item")
    )
    period_start = models.DateField(_("period start"))
    note = models.CharField(_("note"), max_length=300)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(
                fields=["beat", "item", "period_start"], name="checklist_mark_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.item} · {self.period_start}"
