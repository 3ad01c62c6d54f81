"""Joint actions with civil society, and the named campaigns they belong to.

Assistants taking part get their hours written to their duty log, volunteers to their
activities (councils.services.actions keeps the two in step).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.storage import private_storage
from portal.translated import MetaOrderingQuerySet


class Campaign(models.Model):
    """A recurring named campaign: «Безопасный двор», «Семья без насилия», legal lessons…"""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["name"]

    def __str__(self):
        return self.name


class JointAction(models.Model):
    territory_paths = {"area": "area"}
    police_area_visible = True

    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("title"), max_length=300)
    area = models.ForeignKey(
        "districts.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    beats = models.ManyToManyField(
        "districts.Beat", blank=True, related_name="joint_actions", verbose_name=_("beats")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    partners = models.ManyToManyField(
        "councils.PartnerOrganization",
        blank=True,
        related_name="actions",
        verbose_name=_("partner organisations"),
    )
    is_public = models.BooleanField(
        _("announce to residents"),
        default=False,
        help_text=_("Public actions appear in the residents' calendar; internal ones do not."),
    )
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MetaOrderingQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint action")
        verbose_name_plural = _("joint actions")
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["is_public", "starts_at"]),
            # The public calendar's actions not yet over (councils.selectors.events).
            models.Index(
                fields=["ends_at"], condition=models.Q(is_public=True), name="action_public_ends"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An action cannot end before it starts.")})


class ActionAssistant(models.Model):
    """A public assistant taking part; the hours go to the assistant's duty log."""

    action = models.ForeignKey(
        JointAction, on_delete=models.CASCADE, related_name="assistants", verbose_name=_("action")
    )
    assistant = models.ForeignKey(
        "volunteers.Assistant",
        on_delete=models.PROTECT,
        related_name="joint_actions",
        verbose_name=_("public assistant"),
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    duty = models.OneToOneField(
        "volunteers.Duty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_action_entry",
        editable=False,
    )

    class Meta:
        verbose_name = _("assistant taking part")
        verbose_name_plural = _("assistants taking part")
        constraints = [
            models.UniqueConstraint(fields=["action", "assistant"], name="action_assistant_once")
        ]

    def __str__(self):
        return f"{self.assistant} · {self.hours}"


class ActionVolunteer(models.Model):
    """A volunteer or a volunteer group taking part; the hours go to their activities."""

    action = models.ForeignKey(
        JointAction, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("action")
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_actions",
        verbose_name=_("volunteer"),
    )
    group = models.ForeignKey(
        "volunteers.VolunteerGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_actions",
        verbose_name=_("volunteer group"),
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
    )
    activity = models.OneToOneField(
        "volunteers.VolunteerActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_action_entry",
        editable=False,
    )

    class Meta:
        verbose_name = _("volunteer taking part")
        verbose_name_plural = _("volunteers taking part")

    def __str__(self):
        return str(self.volunteer or self.group)

    def clean(self):
        super().clean()
        if (self.volunteer_id is None) == (self.group_id is None):
            raise ValidationError(_("Choose either a volunteer or a group."))


class JointActionPhoto(models.Model):
    """A photo of the action, seen by whoever may see the action (people in it are often
    residents, children at a legal lesson): kept in private storage under a random name
    and served only by the portal (`action_photo`), never from MEDIA_URL."""

    action = models.ForeignKey(
        JointAction, on_delete=models.CASCADE, related_name="photos", verbose_name=_("action")
    )
    image = models.ImageField(_("photo"), upload_to="actions/", storage=private_storage)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name

    def get_absolute_url(self):
        return f"{reverse('action-detail', args=[self.action_id])}#photo-{self.pk}"

    def get_file_url(self):
        """The address of the image itself, served by the portal to those who may see it."""
        return reverse("action-photo", args=[self.action_id, self.pk])
