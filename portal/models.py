from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INSPECTOR = "inspector", _("District inspector")
    SUPERVISOR = "supervisor", _("Supervisor")
    AKIMAT_REGISTRAR = "akimat_registrar", _("Akimat registrar")
    REGIONAL_REGISTRAR = "regional_registrar", _("Regional registrar")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    ADMINISTRATOR = "administrator", _("Administrator")


class PoliceRank(models.TextChoices):
    """Special ranks of the internal affairs bodies (Law of the RK of 6 January 2011
    No. 380-IV «On law enforcement service»), as written before a name: «капитан полиции
    Сапаров Е. М.», «полиция капитаны Сапаров Е. М.»."""

    PRIVATE = "private", _("police private")
    JUNIOR_SERGEANT = "junior_sergeant", _("police junior sergeant")
    SERGEANT = "sergeant", _("police sergeant")
    SENIOR_SERGEANT = "senior_sergeant", _("police senior sergeant")
    SERGEANT_MAJOR = "sergeant_major", _("police sergeant major")
    JUNIOR_LIEUTENANT = "junior_lieutenant", _("police junior lieutenant")
    LIEUTENANT = "lieutenant", _("police lieutenant")
    SENIOR_LIEUTENANT = "senior_lieutenant", _("police senior lieutenant")
    CAPTAIN = "captain", _("police captain")
    MAJOR = "major", _("police major")
    LIEUTENANT_COLONEL = "lieutenant_colonel", _("police lieutenant colonel")
    COLONEL = "colonel", _("police colonel")
    MAJOR_GENERAL = "major_general", _("police major general")
    LIEUTENANT_GENERAL = "lieutenant_general", _("police lieutenant general")
    COLONEL_GENERAL = "colonel_general", _("police colonel general")
    # A rank the list does not know (a rank of another service, a title written before the
    # list existed): shown as written in `rank_other`.
    OTHER = "other", _("other rank")


class User(AbstractUser):
    """A staff member of the police or the akimat.

    The role says what the person does; the territorial scope (region, area,
    department, or the beats assigned to an inspector) says where. What the
    combination allows is decided in `portal.policy` alone.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    rank = models.CharField(_("rank"), max_length=32, choices=PoliceRank.choices, blank=True)
    rank_other = models.CharField(
        _("rank as written"),
        max_length=100,
        blank=True,
        help_text=_("Only for «other rank»: the rank as it is to be shown."),
    )
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
    def rank_label(self):
        """The rank as shown before the name, in the active language."""
        if self.rank == PoliceRank.OTHER:
            return self.rank_other
        return self.get_rank_display() if self.rank else ""

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

    def clean(self):
        super().clean()
        if self.rank == PoliceRank.OTHER and not self.rank_other.strip():
            raise ValidationError({"rank_other": _("Write the rank as it is to be shown.")})
        if self.rank != PoliceRank.OTHER:
            self.rank_other = ""

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
