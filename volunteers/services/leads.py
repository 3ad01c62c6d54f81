"""A resident's interest in becoming an assistant or volunteer: received from the public
site, then answered by the police (contacted, declined with a reason, or converted into an
application in the register).

Each change is kept in the lead's history with the acting user; a closed lead (declined or
converted) is not changed again.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import Beat
from districts.selectors.territory import beat_search
from volunteers.models import InterestLead, LeadStatus
from volunteers.services.lifecycle import StepRefused

L = LeadStatus


def beat_of_residence(area, residence: str) -> Beat | None:
    """The one beat of `area` that the street (or beat number) the resident typed names;
    None when it names none there, or several (the area's police then take the lead)."""
    if not residence:
        return None
    beats = {
        match.beat.pk: match.beat
        for match in beat_search(query=residence)
        if match.beat.police_point.department.area_id == area.pk
    }
    return next(iter(beats.values())) if len(beats) == 1 else None


def lead_submit(*, area, kind, name, contact, residence="", message="", beat=None, now=None):
    """Record a resident's interest for the police of `beat` (found from the residence when
    not given) or, failing that, of `area`."""
    now = now or timezone.now()
    if beat is None:
        beat = beat_of_residence(area, residence)
    return InterestLead.objects.create(
        area=area,
        beat=beat,
        kind=kind,
        name=name,
        contact=contact,
        residence=residence,
        message=message,
        consent_given_at=now,
    )


def _answer(lead, user, status, *, note=None, assistant=None, now=None):
    if not lead.is_open:
        raise StepRefused(_("This interest has already been closed."))
    lead.status = status
    if note is not None:
        lead.note = note
    if assistant is not None:
        lead.assistant = assistant
    lead.handled_by = user
    lead.handled_at = now or timezone.now()
    lead._history_user = user
    lead.save()
    return lead


@transaction.atomic
def lead_contacted(*, lead, user, note="", now=None) -> InterestLead:
    """The police called or wrote back."""
    return _answer(lead, user, L.CONTACTED, note=note, now=now)


@transaction.atomic
def lead_decline(*, lead, user, note, now=None) -> InterestLead:
    """The resident will not apply (changed their mind, under 18, not reachable...)."""
    if not note.strip():
        raise StepRefused({"note": _("Give the reason.")})
    return _answer(lead, user, L.DECLINED, note=note, now=now)


@transaction.atomic
def lead_convert(*, lead, user, assistant=None, note=None, now=None) -> InterestLead:
    """The citizen applied: linked to the application entered in the register, when there is
    one (a volunteer's is the akimat's to record)."""
    return _answer(lead, user, L.CONVERTED, note=note, assistant=assistant, now=now)
