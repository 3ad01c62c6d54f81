"""E-mail to the portal's staff: in each recipient's own language, with the link to the
"My settings" page where they choose that language and switch the daily digest off.

    with in_language_of(user):
        message = staff_message(user, subject=..., template=..., context=...)
    send([message, ...])

A user without an e-mail address (or an inactive one) gets nothing: `staff_message` returns
None for them and `send` skips it. Messages are plain text; links are absolute, on
`site_url()` (there is no request when a task sends them).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def site_url():
    """The portal's public address for links in e-mail sent without a request.

    `PORTAL_URL` when set (e.g. https://portal.example.kz); otherwise the first
    concrete host of ALLOWED_HOSTS.
    """
    configured = getattr(settings, "PORTAL_URL", "")
    if configured:
        return configured.rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    host = hosts[0] if hosts else "localhost"
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    return f"{scheme}://{host}"


def absolute(path):
    """A path of the portal ("/staff/...") as a full URL; a full URL stays as it is."""
    if not path or "://" in path:
        return path
    return site_url() + path


def language_of(user):
    languages = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in languages else settings.LANGUAGE_CODE


def in_language_of(user):
    """A context in which strings, dates and templates come out in the user's language."""
    return translation.override(language_of(user))


def reachable(user):
    return bool(user is not None and user.is_active and (user.email or "").strip())


def staff_message(user, *, subject, template, context):
    """One plain-text message to a staff user, or None when they have no address.

    Render it inside `in_language_of(user)`. The template gets `user`, `settings_url` and
    `start_url` besides `context`, and should end with templates/portal/email/_footer.txt.
    """
    if not reachable(user):
        return None
    body = render_to_string(
        template,
        {
            **context,
            "user": user,
            "settings_url": absolute(reverse("my-settings")),
            "start_url": absolute(reverse("staff-home")),
        },
    )
    return EmailMessage(
        subject=" ".join(str(subject).split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email.strip()],
        headers={"Auto-Submitted": "auto-generated"},
    )


def send(messages):
    """Send over one connection; a failure is logged, not raised. Returns how many went."""
    messages = [m for m in messages if m is not None]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send %d staff message(s)", len(messages))
        return 0
