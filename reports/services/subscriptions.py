"""E-mail subscriptions of residents to a beat: double opt-in and one-click unsubscribe.

No account is needed. Subscribing creates (or reuses) an unconfirmed subscription and
sends a link to confirm it; only confirmed subscriptions receive news. Unsubscribing
deletes the subscription, so the address is not kept any longer than it is used.
Every message is sent only after the transaction commits.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.mail import site_url
from reports.models import Subscription

logger = logging.getLogger(__name__)


def normalize_email(email):
    return (email or "").strip().lower()


def absolute_url(path, request=None):
    """`path` (absolute, "/...") as a full URL: on the request's host, else on site_url()."""
    if request is not None:
        return request.build_absolute_uri(path)
    return site_url() + path


def confirm_path(subscription):
    return reverse("subscription-confirm", kwargs={"token": subscription.token})


def unsubscribe_path(subscription):
    return reverse("subscription-unsubscribe", kwargs={"token": subscription.token})


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def message(*, subscription, subject, template, context, base_url):
    """One plain-text message to a subscriber, with one-click unsubscribe headers."""
    unsubscribe = base_url + unsubscribe_path(subscription)
    body = render_to_string(
        template,
        {**context, "subscription": subscription, "unsubscribe_url": unsubscribe},
    )
    return EmailMessage(
        subject=" ".join(str(subject).split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def send(messages):
    """Send over one connection; a failure is logged, never raised into the request."""
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception("Could not send %d subscription message(s)", len(messages))
        return 0


def _send_confirmation(subscription_id, base_url, language):
    subscription = (
        Subscription.objects.select_related("beat__police_point__department__area")
        .filter(pk=subscription_id, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:  # confirmed or unsubscribed in the meantime
        return
    with translation.override(language):
        beat = subscription.beat
        send(
            [
                message(
                    subscription=subscription,
                    subject=_("Confirm your subscription to news of %(beat)s") % {"beat": beat},
                    template="reports/email/subscription_confirm.txt",
                    context={
                        "beat": beat,
                        "area": beat.police_point.department.area,
                        "confirm_url": base_url + confirm_path(subscription),
                        "beat_url": base_url + beat.get_absolute_url(),
                    },
                    base_url=base_url,
                )
            ]
        )


def subscribe(*, beat, email, request=None):
    """Subscribe `email` to `beat`: (subscription, created).

    A new or still unconfirmed subscription gets a confirmation link by e-mail after
    the transaction commits. An already confirmed one gets nothing (the page says the
    same either way, so the form does not reveal who is subscribed).
    """
    email = normalize_email(email)
    subscription = Subscription.objects.filter(beat=beat, email=email).first()
    created = False
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    beat=beat, email=email, language=current_language()
                )
                created = True
        except IntegrityError:  # the same address, a moment earlier
            subscription = Subscription.objects.get(beat=beat, email=email)
    if not subscription.is_confirmed:
        base_url = absolute_url("/", request).rstrip("/")
        language = current_language()
        transaction.on_commit(
            lambda: _send_confirmation(subscription.pk, base_url, language), robust=True
        )
    return subscription, created


def find(token):
    if not token:
        return None
    return Subscription.objects.select_related("beat").filter(token=token).first()


def confirm(subscription):
    """Confirm a subscription (again is harmless)."""
    if not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(token):
    """Delete the subscription of `token`; True when there was one."""
    deleted, _rows = Subscription.objects.filter(token=token).delete() if token else (0, {})
    return bool(deleted)


def confirmed_subscriptions(beat_ids):
    """Confirmed subscriptions of the beats, one per address."""
    seen, result = set(), []
    queryset = Subscription.objects.filter(
        beat_id__in=list(beat_ids), confirmed_at__isnull=False
    ).order_by("email", "pk")
    for subscription in queryset:
        if subscription.email not in seen:
            seen.add(subscription.email)
            result.append(subscription)
    return result
