"""A resident's interest in becoming a public assistant (Law No. 590) or a volunteer
(Law No. 42-VI), sent from the public "how to become" page of an area.

Not an application: the law makes the application a written one to the police, with the
documents and the consent to the processing of personal data. The interest is a request to
be called back, so it holds a name and a phone or e-mail only, never an IIN or a birth
date. It lands in the police's queue: the inspector of the beat when the resident named
one, else the police of the area (`portal.policy`, `police_area_without_beat`). The police
call back and mark it contacted, declined (with the reason) or converted, when the
citizen's application is entered in the register.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# A new interest is to be answered within this many days: the portal's own rule, not the law's.
LEAD_ANSWER_DAYS = 7


class LeadKind(models.TextChoices):
    ASSISTANT = "assistant", _("Public assistant of the police")
    VOLUNTEER = "volunteer", _("Volunteer")


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CONVERTED = "converted", _("Application taken")
    DECLINED = "declined", _("Declined")


# Still waiting for the police to finish with it.
OPEN_LEAD_STATUSES = (LeadStatus.NEW, LeadStatus.CONTACTED)


class InterestLead(models.Model):
    territory_paths = {"beat": "beat", "area": "area"}
    # The police take applications; the akimat and council secretaries do not see leads.
    view_action = "register.leads"
    # Without a beat, the lead is for the police of its area.
    police_area_without_beat = True

    area = models.ForeignKey(
        "districts.Area",
        on_delete=models.PROTECT,
        related_name="interest_leads",
        verbose_name=_("area"),
    )
    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interest_leads",
        verbose_name=_("beat"),
    )
    kind = models.CharField(_("interested in"), max_length=16, choices=LeadKind.choices)
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("phone or e-mail"), max_length=200)
    residence = models.CharField(_("street or beat of residence"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    consent_given_at = models.DateTimeField(_("consent to be contacted given at"))

    status = models.CharField(
        _("status"), max_length=16, choices=LeadStatus.choices, default=LeadStatus.NEW
    )
    note = models.TextField(_("note of the police"), blank=True)
    assistant = models.ForeignKey(
        "volunteers.Assistant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("application in the register"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interest in becoming an assistant or volunteer")
        verbose_name_plural = _("interests in becoming an assistant or volunteer")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "status"])]

    def __str__(self):
        return f"{self.name} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("lead-detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in OPEN_LEAD_STATUSES
