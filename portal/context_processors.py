from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import policy
from portal.links import link_for

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
    ("study-list", _("Trainings and studies")),
    ("statistics-list", _("Offence statistics")),
    ("report-list", _("Quarterly reports")),
]


# The Law No. 590 register and volunteers: shown to the roles that read the register.
REGISTER_MENU = [
    ("assistant-list", _("Public assistants")),
    ("assistant-apply", _("New application")),
    ("lead-list", _("Residents who want to join")),
    ("certificate-list", _("Certificates and badges")),
    ("training-list", _("Trainings and briefings")),
    ("duty-list", _("Duty log")),
    ("duty-totals", _("Duty totals")),
    ("commission-list", _("Encouragement")),
    ("encouragement-candidates", _("Candidates for encouragement")),
    ("budget-overview", _("Encouragement budget")),
    ("register-import", _("Import the register")),
    ("register-regional", _("Regional record")),
    ("area-rollup", _("Area roll-up")),
    ("volunteer-list", _("Volunteers")),
    ("volunteergroup-list", _("Volunteer groups")),
]


# Public councils, partners and joint actions: every staff role reads them in its territory.
COUNCIL_MENU = [
    ("council-overview", _("Councils: overview")),
    ("council-home", _("Police bodies of the area")),
    ("council-list", _("Public councils")),
    ("recommendation-list", _("Council recommendations")),
    ("partner-list", _("Partner organisations")),
    ("action-list", _("Joint actions")),
    ("events", _("Public calendar")),
]


def _menu(entries, user=None):
    # Pages closed to the user are left out.
    links = ((link_for(user, name) if user else reverse(name), label) for name, label in entries)
    return [(url, label) for url, label in links if url]


def navigation(request):
    """What the page frame needs: the languages to offer, the start page and the menus."""
    from portal.views import start_page_for

    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "LANGUAGES_OFFERED": settings.LANGUAGES,
        "start_page": start_page_for(user) if signed_in else None,
        "workspace_menu": _menu(WORKSPACE_MENU)
        if signed_in and policy.may(user, "workspace.view")
        else [],
        "register_menu": _menu(REGISTER_MENU, user)
        if signed_in and policy.may(user, "register.view")
        else [],
        "council_menu": _menu(COUNCIL_MENU, user) if signed_in else [],
    }
