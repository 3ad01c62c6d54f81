"""The quarterly public report of a beat and its published revisions.

A draft is assembled from the logged work (reports.assembly) plus what the inspector
writes. Publishing freezes everything into a ReportRevision: a JSON snapshot and a PDF
rendered once, stored, and served as a file with its SHA-256. A correction publishes a
new revision with a reason; earlier revisions stay readable.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BEAT_TERRITORY
from portal.periods import Quarter

# The languages every report is published in: Kazakh, the state language, and Russian.
REPORT_LANGUAGES = ("kk", "ru")
# The inspector's own texts; each has a field per report language (`summary_kk`, ...).
INSPECTOR_TEXTS = ("summary", "measures", "plan_next_quarter", "next_meeting_place")


def one_language_only():
    """A query condition: some text of the report is written in one language only."""
    condition = models.Q(pk__in=[])
    for field in INSPECTOR_TEXTS:
        kk, ru = f"{field}_kk", f"{field}_ru"
        condition |= (models.Q(**{kk: ""}) & ~models.Q(**{ru: ""})) | (
            ~models.Q(**{kk: ""}) & models.Q(**{ru: ""})
        )
    return condition


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


class QuarterlyReport(models.Model):
    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat", on_delete=models.PROTECT, related_name="reports", verbose_name=_("beat")
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # What the inspector writes, in Kazakh and in Russian: residents read the report in
    # either state language (reports.languages). The rest is assembled from logged work.
    summary_kk = models.TextField(_("summary for residents (Kazakh)"), blank=True)
    summary_ru = models.TextField(_("summary for residents (Russian)"), blank=True)
    measures_kk = models.TextField(
        _("measures to remove causes and conditions of offences (Kazakh)"), blank=True
    )
    measures_ru = models.TextField(
        _("measures to remove causes and conditions of offences (Russian)"), blank=True
    )
    plan_next_quarter_kk = models.TextField(_("plan for the next quarter (Kazakh)"), blank=True)
    plan_next_quarter_ru = models.TextField(_("plan for the next quarter (Russian)"), blank=True)
    next_meeting_at = models.DateTimeField(_("next report meeting"), null=True, blank=True)
    next_meeting_place_kk = models.CharField(
        _("place of the next report meeting (Kazakh)"), max_length=300, blank=True
    )
    next_meeting_place_ru = models.CharField(
        _("place of the next report meeting (Russian)"), max_length=300, blank=True
    )
    # The planned report meeting of the beat the next meeting was taken from, when the draft
    # was created (reports.services.drafting); cleared once the inspector changes the date
    # or the place.
    next_meeting_from = models.ForeignKey(
        "districts.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("next meeting taken from"),
    )
    supervisor_comment = models.TextField(_("supervisor's comments"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-year", "-quarter", "beat"]
        constraints = [
            models.UniqueConstraint(
                fields=["beat", "year", "quarter"], name="report_once_per_beat_quarter"
            )
        ]

    def __str__(self):
        return _("Report of %(beat)s for %(period)s") % {
            "beat": self.beat,
            "period": Quarter(self.year, self.quarter).label,
        }

    def get_absolute_url(self):
        return reverse("report-edit", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def text(self, field, language):
        """The inspector's text `field` in `language`; English reads the Russian text."""
        return getattr(self, f"{field}_{language if language in REPORT_LANGUAGES else 'ru'}")

    def missing_languages(self) -> list[str]:
        """The languages in which a text the inspector wrote in the other one is empty."""
        missing = []
        for language in REPORT_LANGUAGES:
            others = [other for other in REPORT_LANGUAGES if other != language]
            for field in INSPECTOR_TEXTS:
                written = any(self.text(field, other).strip() for other in others)
                if written and not self.text(field, language).strip():
                    missing.append(language)
                    break
        return missing


class ReportRevision(models.Model):
    """An immutable published snapshot of a report."""

    territory_paths = {
        "beat": "report__beat",
        "area": "report__beat__police_point__department__area",
    }

    report = models.ForeignKey(QuarterlyReport, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    snapshot = models.JSONField(_("snapshot"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    # Set when this revision was published in its language only: why the other is missing.
    single_language_reason = models.TextField(
        _("why the report is published in one language only"), blank=True
    )
    pdf = models.FileField(_("PDF"), upload_to="reports/")
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("published revision")
        verbose_name_plural = _("published revisions")
        ordering = ["report", "-number"]
        constraints = [
            # A revision is published once in each language: its versions share the number.
            models.UniqueConstraint(
                fields=["report", "number", "language"], name="revision_number_once_per_language"
            )
        ]

    def __str__(self):
        return f"{self.report} · {self.number} · {self.language}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A published revision cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public-report", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published revision cannot be deleted."))

    def clean(self):
        super().clean()
        if self.number and self.number > 1 and not self.reason.strip():
            raise ValidationError({"reason": _("A correction must give its reason.")})
