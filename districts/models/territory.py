"""Territory: where the police work and whom a beat's inspector serves."""

import re

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.houses import house_match
from districts.search import search_key


class Region(models.Model):
    """An oblast or a city of republican significance."""

    name = models.CharField(_("name"), max_length=200)
    trust_phone = models.CharField(
        _("trust phone"),
        max_length=32,
        blank=True,
        help_text=_("The region's police trust phone, shown on every beat's page and notice."),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """A district (or a city of regional significance) with its own akimat."""

    territory_paths = {"area": ""}

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="areas", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    akimat = models.CharField(_("akimat"), max_length=300)
    akimat_address = models.CharField(_("akimat address"), max_length=300, blank=True)
    akimat_phone = models.CharField(_("akimat phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PoliceDepartment(models.Model):
    territory_paths = {"area": "area"}

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="departments", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=300)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("police department")
        verbose_name_plural = _("police departments")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PolicePoint(models.Model):
    """A local police point (УПП) where inspectors receive residents."""

    territory_paths = {"area": "department__area"}

    department = models.ForeignKey(
        PoliceDepartment,
        on_delete=models.PROTECT,
        related_name="points",
        verbose_name=_("police department"),
    )
    name = models.CharField(_("name"), max_length=300)
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=32)
    reception_hours = models.TextField(
        _("reception hours"), help_text=_("For example: Mon–Fri 9:00–18:00, Sat 10:00–14:00")
    )

    class Meta:
        verbose_name = _("police point")
        verbose_name_plural = _("police points")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CriminogenicLevel(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class Beat(models.Model):
    """An administrative beat (административный участок) served by one inspector."""

    territory_paths = {"beat": "", "area": "police_point__department__area"}

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Short code used in the beat's public address, e.g. almaly-07."),
    )
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    police_point = models.ForeignKey(
        PolicePoint, on_delete=models.PROTECT, related_name="beats", verbose_name=_("police point")
    )
    population = models.PositiveIntegerField(_("population"), default=0)
    area_km2 = models.DecimalField(
        _("area, km²"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    criminogenic_level = models.CharField(
        _("criminogenic level"),
        max_length=8,
        choices=CriminogenicLevel.choices,
        default=CriminogenicLevel.MEDIUM,
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="beats",
        verbose_name=_("district inspector"),
        limit_choices_to={"role": "inspector"},
    )
    inspector_since = models.DateField(
        _("inspector appointed on"),
        null=True,
        blank=True,
        help_text=_("The first full door-to-door round of the beat is due within a month."),
    )
    description = models.TextField(_("description"), blank=True)
    # The inspector's own hours, beside the police point's (PolicePoint.reception_hours).
    reception_hours = models.TextField(
        _("inspector's reception hours"),
        blank=True,
        help_text=_("For example: Tue, Thu 18:00–20:00 at the police point; Sat 10:00–12:00."),
    )

    class Meta:
        verbose_name = _("beat")
        verbose_name_plural = _("beats")
        ordering = ["police_point__department__area__name", "number"]

    def __str__(self):
        return _("Beat No. %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("beat-detail", kwargs={"code": self.code})


house_list_validator = RegexValidator(
    re.compile(r"^[\w\s,;/\-–—]*$"),
    _("Use only house numbers and ranges separated by commas, e.g. 1–45, 2–60, 71А."),
)


class BeatStreet(models.Model):
    """A street (or part of it) covered by a beat.

    A long street is usually split between beats by house numbers, so one
    street name may appear in several beats with different house lists.
    """

    territory_paths = {"beat": "beat", "area": "beat__police_point__department__area"}

    beat = models.ForeignKey(
        Beat, on_delete=models.CASCADE, related_name="streets", verbose_name=_("beat")
    )
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    houses = models.CharField(
        _("houses"),
        max_length=500,
        blank=True,
        validators=[house_list_validator],
        help_text=_(
            "Leave empty when the whole street belongs to the beat. A range whose ends are "
            "both odd or both even covers that side of the street only."
        ),
    )
    # Each name's search key (`districts.search.search_key`: 'просп. Абая' → 'abaia'), what
    # the public search matches. On PostgreSQL each also has a trigram GiST index (migration
    # `beat_search_trigram`), kept out of the model's state because SQLite has no such index.
    search_ru = models.CharField(max_length=500, editable=False, default="")
    search_kk = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        verbose_name = _("street of the beat")
        verbose_name_plural = _("streets of the beat")
        ordering = ["name_ru"]
        # Plain B-tree indexes (one each, no LIKE twin): SQLite's typo search reads a range of
        # keys by their first letter; PostgreSQL mostly uses the trigram indexes.
        indexes = [
            models.Index(fields=["search_ru"], name="beatstreet_search_ru"),
            models.Index(fields=["search_kk"], name="beatstreet_search_kk"),
        ]

    def __str__(self):
        return f"{self.name_ru} {self.houses}".strip()

    def save(self, *args, **kwargs):
        self.search_ru, self.search_kk = search_key(self.name_ru), search_key(self.name_kk)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name_ru", "name_kk"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_ru", "search_kk"}
        super().save(*args, **kwargs)

    def house_match(self, house):
        """How the street's house list has a house (`districts.houses.house_match`)."""
        return house_match(self.houses, house)
