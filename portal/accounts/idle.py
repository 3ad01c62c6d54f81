"""A staff session ends after STAFF_SESSION_IDLE_MINUTES without a request.

The session keeps the moment of its last request; a request after a longer pause signs the
user out and tells them why, and the page asked for then sends them to the sign-in page as
for anyone signed out. The moment is written at most once a minute (and at sign-in), so an
ordinary request saves no session.
"""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import ngettext

LAST_SEEN = "_portal_last_seen"
TOUCH_EVERY = 60  # seconds
# Sent by requests a page makes by itself (field mode sending drafts, keeping pages): they
# are no sign of the user, so they keep no session alive, though they end an idle one.
BACKGROUND = "HTTP_X_PORTAL_BACKGROUND"


def _now() -> int:
    return int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if auth.SESSION_KEY in session:
            now, last = _now(), session.get(LAST_SEEN)
            minutes = settings.STAFF_SESSION_IDLE_MINUTES
            if last is not None and now - last > minutes * 60:
                auth.logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)s minute without activity. "
                        "Please sign in again.",
                        "You were signed out after %(minutes)s minutes without activity. "
                        "Please sign in again.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
            elif (last is None or now - last >= TOUCH_EVERY) and not request.META.get(BACKGROUND):
                session[LAST_SEEN] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="portal.accounts.idle.signed_in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = _now()
