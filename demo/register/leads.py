"""Residents' interests in becoming an assistant or volunteer, sent from the demo areas'
public "how to become" pages, as the police's queue shows them.

Each area gets five, dated relative to now: a new one from yesterday naming a beat, a new
volunteer's one without a beat sent nine days ago (past the portal's answer term, so the
queue shows it overdue), one the inspector has called back, one declined with the reason,
and one converted into an application of the register (linked to an applicant of the
area when there is one). Deterministic: the area's own `random.Random`.
"""

import datetime

from demo.names import draw_name, full_name, phone, translit
from demo.recording import recorded_times_as_given
from volunteers.models import Assistant, AssistantStatus, InterestLead, LeadKind, LeadStatus
from volunteers.services import leads as services

L = LeadStatus
# (days ago, kind, names a beat, status it reaches, the police's note, the resident's message)
PLAN = [
    (1, LeadKind.ASSISTANT, True, L.NEW, "", "Удобно звонить после 18:00."),
    (9, LeadKind.VOLUNTEER, False, L.NEW, "", "Хочу помогать в поиске пропавших людей."),
    (5, LeadKind.ASSISTANT, True, L.CONTACTED, "Договорились о встрече в УПП в четверг.", ""),
    (20, LeadKind.ASSISTANT, True, L.DECLINED, "Передумал: работает по вечерам.", ""),
    (30, LeadKind.ASSISTANT, True, L.CONVERTED, "Заявление принято в УПП.", ""),
]


def _answer(lead, status, *, user, note, at, assistant=None):
    lead._history_date = at
    try:
        if status == L.CONTACTED:
            services.lead_contacted(lead=lead, user=user, note=note, now=at)
        elif status == L.DECLINED:
            services.lead_decline(lead=lead, user=user, note=note, now=at)
        elif status == L.CONVERTED:
            services.lead_convert(lead=lead, user=user, assistant=assistant, note=note, now=at)
    finally:
        lead.__dict__.pop("_history_date", None)


def seed_leads(area, beats, *, rng, now) -> int:
    """Write the area's interests; returns how many."""
    applicant = (
        Assistant.objects.filter(area=area, status=AssistantStatus.APPLIED)
        .order_by("applied_on", "pk")
        .first()
    )
    count = 0
    for days, kind, names_beat, status, note, message in PLAN:
        sent = now - datetime.timedelta(days=days, hours=rng.randint(1, 8))
        beat = rng.choice(beats) if names_beat else None
        converted = status == L.CONVERTED and applicant is not None
        if converted:
            name, contact, beat = applicant.full_name, applicant.phone, applicant.beat
        else:
            parts = draw_name(rng, rng.choice("MF"))
            name = full_name(parts[:2])
            contact = (
                f"{translit(parts[1]).lower()}.{translit(parts[0]).lower()}@mail.kz"
                if rng.random() < 0.3
                else phone(rng)
            )
        streets = list(beat.streets.all()) if beat else []
        residence = f"{rng.choice(streets).name_ru}, {rng.randint(1, 120)}" if streets else ""
        lead = InterestLead(
            area=area,
            beat=beat,
            kind=kind,
            name=name,
            contact=contact,
            residence=residence,
            message=message,
            consent_given_at=sent,
            created_at=sent,
        )
        lead._history_date = sent
        with recorded_times_as_given([InterestLead]):
            lead.save()
        del lead._history_date
        if status != L.NEW:
            user = beat.inspector if beat and beat.inspector else beats[0].inspector
            at = sent + datetime.timedelta(days=1 if status == L.CONTACTED else 3)
            _answer(
                lead,
                status,
                user=user,
                note=note,
                at=at,
                assistant=applicant if converted else None,
            )
        count += 1
    return count
