from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INSPECTOR = "inspector", _("District inspector")
    SUPERVISOR = "supervisor", _("Supervisor")
    AKIMAT_REGISTRAR = "akimat_registrar", _("Akimat registrar")
    REGIONAL_REGISTRAR = "regional_registrar", _("Regional registrar")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    """A staff member of the police or the akimat.

    The role says what the person does; the territorial scope (region, area,
    department, or the beats assigned to an inspector) says where. What the
    combination allows is decided in `portal.policy` alone.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    rank = models.CharField(_("rank"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    work_phone = models.CharField(_("work phone"), max_length=32, blank=True)
    photo = models.ImageField(_("photo"), upload_to="staff/", blank=True)
    # Territorial scope: which one applies depends on the role (see portal.policy).
    region = models.ForeignKey(
        "districts.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    area = models.ForeignKey(
        "districts.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    department = models.ForeignKey(
        "districts.PoliceDepartment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("police department"),
    )
    # The user's own settings (the "My settings" page): e-mail is written in `language`.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ru",
        help_text=_("The language of the e-mail the portal sends you."),
    )
    wants_digest = models.BooleanField(
        _("daily e-mail of what is waiting for me"),
        default=True,
        help_text=_("Sent in the morning, and only when something is waiting for you."),
    )
    # The day the last digest went out: a second run the same day sends nothing.
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.username

    @property
    def display_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def initials(self):
        letters = [p[0] for p in (self.last_name, self.first_name) if p]
        return "".join(letters).upper() or self.username[:2].upper()

    @property
    def is_administrator(self):
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    # The administrator role carries every Django admin permission.
    def has_perm(self, perm, obj=None):
        return self.is_administrator or super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        return self.is_administrator or super().has_module_perms(app_label)

    def save(self, *args, **kwargs):
        # Only administrators may enter the Django admin site.
        self.is_staff = self.role == Role.ADMINISTRATOR or self.is_superuser
        super().save(*args, **kwargs)


class SubmittedForm(models.Model):
    """A form submission already received (`portal.once`): the same form sent again (a
    double click, a resent page) is answered with where the first one went."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Where the first submission sent the user; empty while it is being handled.
    location = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self):
        return self.token
