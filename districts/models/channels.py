"""How residents reach their inspector besides the police point: messenger groups of a beat.

A group is a WhatsApp or Telegram chat of a house or a block that the inspector runs or
takes part in. Its link is printed on notices and turned into a QR code, so only links
that open the messenger itself are accepted: `https`, and a host of the chosen platform
(`MESSENGER_HOSTS`), compared exactly so `t.me.example.com` or `evil-t.me` never pass.
The inspector's own reception hours live on the Beat, the trust phone on the Region.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models.base import BEAT_TERRITORY


class MessengerPlatform(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEGRAM = "telegram", _("Telegram")


# The hosts whose links open each messenger (group invitations and chats).
MESSENGER_HOSTS = {
    MessengerPlatform.WHATSAPP: frozenset({"chat.whatsapp.com", "wa.me"}),
    MessengerPlatform.TELEGRAM: frozenset({"t.me", "telegram.me"}),
}
ALL_HOSTS = frozenset().union(*MESSENGER_HOSTS.values())


def messenger_host(url: str) -> str | None:
    """The messenger host of an acceptable link, or None for anything else.

    Acceptable: `https://<host>/<something>` with a host of MESSENGER_HOSTS exactly, no
    user name or password before the host, no port but 443, no spaces or control characters.
    """
    if not isinstance(url, str) or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if (
        parts.scheme.lower() != "https"
        # Exactly the host (a trailing dot, an empty port or anything else is refused).
        or parts.netloc.lower() not in (host, f"{host}:443")
        or parts.username is not None
        or parts.password is not None
        or port not in (None, 443)
        or host not in ALL_HOSTS
        or parts.path.strip("/") == ""
    ):
        return None
    return host


def validate_messenger_url(url):
    if messenger_host(url) is None:
        raise ValidationError(
            _(
                "Only https links to WhatsApp (chat.whatsapp.com, wa.me) or Telegram "
                "(t.me, telegram.me) are accepted."
            ),
            code="messenger_url",
        )


class MessengerGroup(models.Model):
    """A messenger group of a house or a block of a beat, shown on the beat's page."""

    territory_paths = BEAT_TERRITORY

    beat = models.ForeignKey(
        "districts.Beat",
        on_delete=models.CASCADE,
        related_name="messenger_groups",
        verbose_name=_("beat"),
    )
    # Two versions, like a street's name (BeatStreet): "Абая 10, подъезды 1–4" and
    # "Абай даңғылы 10, 1–4 кіреберістер"; either may stand in for the other.
    label_kk = models.CharField(
        _("house or block in Kazakh"),
        max_length=200,
        blank=True,
        help_text=_("For example: Abai avenue 10, entrances 1–4."),
    )
    label_ru = models.CharField(
        _("house or block in Russian"),
        max_length=200,
        blank=True,
        help_text=_("For example: Abai avenue 10, entrances 1–4."),
    )
    platform = models.CharField(_("messenger"), max_length=16, choices=MessengerPlatform.choices)
    url = models.URLField(
        _("link"),
        max_length=300,
        validators=[validate_messenger_url],
        help_text=_("An https link to the group: chat.whatsapp.com, wa.me, t.me or telegram.me."),
    )
    is_active = models.BooleanField(
        _("shown to residents"),
        default=True,
        help_text=_("Untick to hide the group without losing it."),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("messenger group")
        verbose_name_plural = _("messenger groups")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.label} · {self.get_platform_display()}"

    @property
    def label(self):
        """The label in the active language, or the other one when that is all there is."""
        kazakh = (get_language() or "").startswith("kk")
        first, second = (self.label_kk, self.label_ru) if kazakh else (self.label_ru, self.label_kk)
        return first or second

    def clean(self):
        super().clean()
        if not (self.label_kk.strip() or self.label_ru.strip()):
            raise ValidationError(
                {"label_ru": _("Name the house or block, in Kazakh or in Russian.")}
            )
        host = messenger_host(self.url or "")
        if host is None or not self.platform:
            return  # the field's own validators say what is wrong
        if host not in MESSENGER_HOSTS.get(self.platform, ()):
            if self.platform == MessengerPlatform.WHATSAPP:
                message = _("This is not a WhatsApp link: use chat.whatsapp.com or wa.me.")
            else:
                message = _("This is not a Telegram link: use t.me or telegram.me.")
            raise ValidationError({"url": ValidationError(message, code="platform_mismatch")})
