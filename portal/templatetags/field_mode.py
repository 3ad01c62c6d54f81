"""`{% field_mode %}`: the settings of field mode's script (static/js/field/mode.js) on the page
frame, for those who record an inspector's work (see districts/drafts.py)."""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal import policy

register = template.Library()


def _records(context):
    # The template's user, not the request's: the 503 page renders with an anonymous one
    # and must not reach for a session in a database that does not answer.
    user = context.get("user")
    return user is not None and policy.may(user, "workspace.record")


def strings():
    """What the page's script says, in the page's language."""
    return {
        "kept": _(
            "No signal: the draft is kept on this device and will be sent when the "
            "connection returns."
        ),
        "editing": _(
            "You are editing a draft kept on this device. Saving keeps it here and sends it "
            "when there is signal."
        ),
        "missing": _("This draft is no longer on this device."),
        "offline": _(
            "No connection. What you record is kept on this device and sent when the "
            "connection returns; the pages kept here can still be read."
        ),
        "badgeWaiting": pgettext("one draft", "Waiting to send"),
        "badgeRefused": pgettext("one draft", "Not accepted"),
        "sentNow": _("The draft is sent and saved."),
        "refusedAgain": _("The draft was not accepted again: see the reason below."),
        "deleted": _("The draft is deleted from this device."),
        "signOutOffline": _(
            "Signing out needs a connection: nothing was deleted from this device. Try again "
            "when there is signal."
        ),
        "sending": _("Sending…"),
        "signedOut": _("Sign in to send the drafts kept on this device."),
        "accessLost": _(
            "Your account may no longer record this work. Ask your supervisor, or delete the draft."
        ),
        "retry": _("The server could not take the draft now; it will be tried again."),
        "unreadable": _(
            "The server cannot read this draft (it may be too long). Correct it or delete it."
        ),
        "keptAt": _("Kept on this device"),
        "edit": _("Edit"),
        "sendAgain": _("Send again"),
        "discard": _("Delete"),
        "discardConfirm": _("Delete this draft from the device? It has not been sent."),
        "open": _("Open the record"),
        "none": _("No drafts are waiting on this device."),
        "otherAccount": _(
            "Drafts of another account on this device: %s. They are sent when that account "
            "signs in; signing out of this one deletes them."
        ),
        "logoutConfirm": _(
            "Drafts not sent yet: %s. Signing out deletes them from this device. Sign out anyway?"
        ),
        "pagesKept": _("Kept for reading offline: %s of %s pages."),
        "pagesFailed": _("Some pages could not be kept: try again with a better connection."),
    }


@register.inclusion_tag("includes/_field_mode.html", takes_context=True)
def field_mode(context):
    """The settings of field mode, for a user who records work; for a signed-out visitor of
    the sign-in page, only what makes the script forget the last account's kept pages."""
    request = context.get("request")
    if request is None:
        return {"config": None}
    match = request.resolver_match
    url_name = match.url_name if match else None
    if _records(context):
        config = {
            "user": context["user"].pk,
            "api": reverse("field-api"),
            "drafts": reverse("field-drafts"),
            "signedOut": resolve_url(settings.LOGOUT_REDIRECT_URL),
            "worker": reverse("service-worker"),
            "keepPages": url_name in ("inspector-home", "field-drafts"),
            "strings": strings(),
        }
    elif url_name == "login":
        config = {"user": None}
    else:
        return {"config": None}
    return {"config": config}
