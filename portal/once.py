"""One submission per form: a double click, a second tab or a resent page is taken once.

Every form the portal renders carries a random token next to its CSRF token
(`{% once_token %}`). `OnceMiddleware` records the token before the view runs:

* the first request with a token is handled as usual; when it succeeds (a redirect), the
  place it redirected to is kept with the token;
* the same token again gets a redirect to that place, and the view does not run: no second
  record, no second number; if the first request is still running, the second waits for it
  a few seconds and otherwise answers 409 with a translated page;
* when the first request did not succeed (the form came back with errors, or the sender
  was sent to sign in), the token is forgotten, so the corrected form can be sent; forms
  whose repeat does no harm (the language switch, signing out) carry no token.

Tokens are random and scoped to the user who sent them; old ones are deleted daily
(`forget_old_submissions`). A database, not the cache, keeps them: the guarantee must hold
with the cache down.
"""

import datetime
import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.html import format_html

FIELD = "_once"
# Set in request.META when a page renders a token (the page is then one visitor's).
ONCE_RENDERED = "PORTAL_ONCE_RENDERED"
WAIT_SECONDS = 8.0
POLL_SECONDS = 0.2
KEEP = datetime.timedelta(days=1)
# A form sent from a phone in field mode bears a UUID (static/js/field/mode.js): should its
# answer be lost, its draft may arrive days later, and must find it (districts/drafts.py).
FIELD_KEY_PATTERN = r"^[0-9]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
FIELD_KEEP = datetime.timedelta(days=90)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hidden_input():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


def _key(user, token):
    # The user's id in the key: a token seen in another user's page is of no use.
    owner = user.pk if user is not None and user.is_authenticated else "anon"
    return f"{owner}:{token}"[:64]


def remember(user, token, location):
    """Take note that `user` sent the form `token` and it went to `location` (a draft of field
    mode stored from the API): the same form arriving later is sent there, not stored again."""
    from portal.models import SubmittedForm

    SubmittedForm.objects.get_or_create(
        token=_key(user, token), defaults={"location": location[:2000]}
    )


def first_location(user, token):
    """Where the form `user` sent with `token` went: its address; "" while it is being
    handled; None when no such form was taken (or it is forgotten). Field mode asks it of a
    draft made from a form whose sending seemed to fail (districts/services/drafts.py)."""
    from portal.models import SubmittedForm

    key = _key(user, token)
    return SubmittedForm.objects.filter(token=key).values_list("location", flat=True).first()


def _wait_for_first(key):
    """Where the first submission went; "" while it runs; None once it is forgotten."""
    from portal.models import SubmittedForm

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        location = SubmittedForm.objects.filter(token=key).values_list("location", flat=True)
        location = location.first()
        if location or location is None or time.monotonic() >= deadline:
            return location
        time.sleep(POLL_SECONDS)


class OnceMiddleware:
    """Placed after the CSRF and authentication middleware (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_once_key", None)
        if key is not None:
            self._settle(key, response)
        return response

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST":
            return None
        token = request.POST.get(FIELD)
        if not token or len(token) > 64:
            return None
        key = _key(getattr(request, "user", None), token)
        from portal.models import SubmittedForm

        for _attempt in range(2):
            try:
                with transaction.atomic():
                    SubmittedForm.objects.create(token=key)
            except IntegrityError:
                location = _wait_for_first(key)
                if location:
                    return HttpResponseRedirect(location, status=303)
                if location == "":
                    return render(request, "portal/once_in_progress.html", status=409)
                continue  # the first was forgotten meanwhile: this one goes ahead
            request._once_key = key
            return None
        return render(request, "portal/once_in_progress.html", status=409)

    def _settle(self, key, response):
        from portal.models import SubmittedForm

        location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
        # Sent to sign in: the form was not taken, and a stranger's posts keep no row.
        if location and urlsplit(location).path != resolve_url(settings.LOGIN_URL):
            SubmittedForm.objects.filter(token=key).update(location=location[:2000])
        else:
            SubmittedForm.objects.filter(token=key).delete()


def forget_old_submissions(now=None) -> int:
    from portal.models import SubmittedForm

    now = now or timezone.now()
    old = SubmittedForm.objects.filter(created_at__lt=now - KEEP)
    kept_for_field_mode = Q(token__regex=FIELD_KEY_PATTERN, created_at__gte=now - FIELD_KEEP)
    deleted, _ = old.exclude(kept_for_field_mode).delete()
    return deleted
