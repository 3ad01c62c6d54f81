from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal import policy

# The inspector's workspace menu: (URL name, label). Shown to the police roles.
WORKSPACE_MENU = [
    ("checklist", _("Checklist")),
    ("meeting-list", _("Meetings")),
    ("proposal-list", _("Residents' proposals")),
    ("round-list", _("Door-to-door rounds")),
    ("appeal-list", _("Appeals")),
    ("service-list", _("Consultations and help")),
    ("preventive-list", _("Preventive visits")),
    ("problem-list", _("Problem places")),
    ("trustcase-list", _("Positive cases")),
    ("workplan-list", _("Work plan")),
]


def _menu(entries):
    items = []
    for name, label in entries:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue  # a part of the portal that is not installed
    return items


def navigation(request):
    """What the page frame needs: the languages to offer, the start page and the menus."""
    from portal.views import start_page_for

    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "LANGUAGES_OFFERED": settings.LANGUAGES,
        "start_page": start_page_for(user) if signed_in else None,
        "workspace_menu": _menu(WORKSPACE_MENU)
        if signed_in and policy.WORKSPACE_READ.allows(user)
        else [],
    }
