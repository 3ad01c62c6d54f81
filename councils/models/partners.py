"""Partner organisations of the police in an area: shared by everyone working in the area."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    OSI = "osi", _("Association of property owners (OSI)")
    KSK = "ksk", _("Cooperative of property owners (KSK)")
    NGO = "ngo", _("NGO")
    SCHOOL = "school", _("School")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MEDICAL = "medical", _("Medical institution")
    BUSINESS = "business", _("Business")
    SECURITY = "security", _("Private security company")
    VETERANS = "veterans", _("Veterans' council")
    YOUTH = "youth", _("Youth organisation")
    RELIGIOUS_CULTURAL = "religious_cultural", _("Religious or cultural association")
    OTHER = "other", _("Other")


class PartnerOrganization(models.Model):
    territory_paths = {"area": "area"}
    police_area_visible = True

    kind = models.CharField(_("kind"), max_length=24, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=300)
    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    beats = models.ManyToManyField(
        "districts.Beat", blank=True, related_name="partners", verbose_name=_("beats")
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    helps_with = models.TextField(_("what they help with"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="partner_name_per_area")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partner-edit", args=[self.pk])
