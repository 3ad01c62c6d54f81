"""`seed_demo` gives every demo area its partners, public council and joint actions.

The city is seeded once for the package (see conftest.py); running it again is in
test_running_again.py.
"""

import datetime
import re
from collections import Counter, defaultdict

from django.core.validators import validate_email
from django.utils import timezone

from councils.composition import attach_compositions
from councils.models import (
    ActionAssistant,
    ActionVolunteer,
    Campaign,
    CouncilMember,
    CouncilSession,
    JointAction,
    MemberRole,
    MemberSide,
    PartnerKind,
    PartnerOrganization,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
    SessionDecision,
)
from councils.quorum import session_quorum
from councils.selectors.councils import councils_for, overview, status_changes, with_overdue
from councils.selectors.events import EventKind, upcoming_public_events
from councils.services.actions import DEFAULT_CAMPAIGNS, duty_kind, is_raid
from demo.councils import NO_QUORUM_AREA, SHORT_AREA
from demo.data import staff
from demo.data.areas import AREA_BY_SLUG
from districts.models import Area, Beat, BeatStreet, Cadence
from portal.models import User
from portal.periods import previous_period
from volunteers.models import AssistantStatus, Duty
from volunteers.models.volunteer import ADULT_AGE

RS = RecommendationStatus
PHONE = re.compile(r"\+7 7\d\d \d{3} \d\d \d\d")


def areas():
    return list(Area.objects.order_by("pk"))


def area_beats(area):
    return set(
        Beat.objects.filter(police_point__department__area=area).values_list("pk", flat=True)
    )


def area_streets(area):
    return set(
        BeatStreet.objects.filter(beat__police_point__department__area=area).values_list(
            "name_ru", flat=True
        )
    )


def test_every_area_has_partners_of_mixed_kinds(seeded):
    assert "Councils, partners and joint actions:" in seeded
    assert len(areas()) == 8
    for area in areas():
        beats = area_beats(area)
        partners = list(PartnerOrganization.objects.filter(area=area).prefetch_related("beats"))
        assert 6 <= len(partners) <= 10, area
        kinds = Counter(p.kind for p in partners)
        assert len(kinds) >= 5, (area, kinds)
        assert kinds[PartnerKind.OSI] + kinds[PartnerKind.KSK] >= 2, area
        assert kinds[PartnerKind.SCHOOL] >= 1, area
        assert kinds[PartnerKind.NGO] >= 1, area
        assert kinds[PartnerKind.COLLEGE] + kinds[PartnerKind.UNIVERSITY] >= 1, area
        for partner in partners:
            assert partner.contact_person and partner.helps_with, partner
            assert "," in partner.contact_person  # name, position
            assert partner.phone.startswith("+7 7"), partner.phone
            validate_email(partner.email)
            linked = [b.pk for b in partner.beats.all()]
            assert 1 <= len(linked) <= 3, partner
            assert set(linked) <= beats, partner
    names = set(PartnerOrganization.objects.values_list("name", flat=True))
    assert "ОФ «Союз кризисных центров»" in names
    assert {"Satbayev University", "Казахский национальный университет им. аль-Фараби"} <= names


def test_a_council_at_each_police_department(seeded):
    today = timezone.localdate()
    for area in areas():
        councils = list(PublicCouncil.objects.filter(department__area=area))
        assert len(councils) == 1, area
        council = councils[0]
        assert council.name.startswith("Общественный совет при Управлении полиции ")
        assert council.term_start < today < council.term_end
        assert council.term_end.year - council.term_start.year == 3
        members = list(council.members.all())
        assert 7 <= len(members) <= 11, area
        assert all(m.joined_on == council.term_start and m.left_on is None for m in members)
        chairs = [m for m in members if m.role == MemberRole.CHAIR]
        secretaries = [m for m in members if m.role == MemberRole.SECRETARY]
        assert len(chairs) == len(secretaries) == 1, area
        chair = chairs[0]
        assert chair.side == MemberSide.CIVIL_SOCIETY
        assert not chair.is_civil_servant
        assert len({m.full_name for m in members}) == len(members)
        for member in members:
            assert member.organisation
            assert member.is_civil_servant == (member.side == MemberSide.STATE_BODY)
    # The demo secretary is the secretary of the Almaly council.
    almaly = PublicCouncil.objects.get(department__area__name_ru="Алмалинский район")
    secretary = almaly.members.get(role=MemberRole.SECRETARY)
    assert secretary.full_name == " ".join(staff.STAFF["secretary"][2])


def test_exactly_one_council_falls_short_of_two_thirds(seeded):
    admin = User.objects.get(username="admin")
    councils = attach_compositions(councils_for(admin))
    assert len(councils) == 8
    warned = {c.department.area.name_ru: c.composition.warning_codes for c in councils}
    short = [name for name, codes in warned.items() if codes]
    short_name = AREA_BY_SLUG[SHORT_AREA]["name"]["ru"]
    assert short == [short_name]
    assert warned[short_name] == ["civil_share"]
    # The demo secretary sees it on her start page.
    secretary = User.objects.get(username="secretary")
    assert overview(secretary)["councils_with_warnings"] == 1


def test_sessions_with_attendance_decisions_and_an_open_one_coming(seeded):
    now = timezone.now()
    today = timezone.localdate()
    first_day = previous_period(Cadence.QUARTERLY, today).start
    without_quorum = defaultdict(int)
    for council in PublicCouncil.objects.select_related("department__area"):
        sessions = list(council.sessions.order_by("held_at"))
        past = [s for s in sessions if s.held_at < now]
        coming = [s for s in sessions if s.held_at >= now]
        assert 2 <= len(past) <= 3, council
        assert len(coming) == 1, council
        upcoming = coming[0]
        assert upcoming.is_open
        assert timezone.localdate(upcoming.held_at) <= today + datetime.timedelta(days=31)
        assert not upcoming.decisions.exists()
        assert upcoming.agenda and upcoming.place
        for session in past:
            assert timezone.localdate(session.held_at) >= first_day
            assert session.held_at >= timezone.make_aware(
                datetime.datetime.combine(council.term_start, datetime.time())
            )
            assert session.agenda and session.place
            decisions = list(session.decisions.all())
            assert 1 <= len(decisions) <= 3
            quorum = session_quorum(session)
            assert quorum.present == session.present.count() > 0
            for decision in decisions:
                assert decision.had_quorum == quorum.reached
            if not quorum.reached:
                without_quorum[council.department.area.name_ru] += 1
    no_quorum_name = AREA_BY_SLUG[NO_QUORUM_AREA]["name"]["ru"]
    assert without_quorum[no_quorum_name] == 1
    assert SessionDecision.objects.filter(had_quorum=True).exists()
    # Open sessions are on the residents' calendar.
    events = upcoming_public_events(now=now, limit=10_000)
    assert sum(e.kind == EventKind.SESSION for e in events) == 8


def test_recommendations_in_several_statuses_with_history(seeded):
    now = timezone.now()
    today = timezone.localdate()
    everywhere = Counter()
    for council in PublicCouncil.objects.all():
        recommendations = list(with_overdue(council.recommendations.all(), today))
        assert 3 <= len(recommendations) <= 6, council
        statuses = {r.status for r in recommendations}
        assert len(statuses) >= 3, (council, statuses)
        assert RS.IMPLEMENTED in statuses
        for recommendation in recommendations:
            everywhere[recommendation.status] += 1
            everywhere["overdue"] += recommendation.is_overdue
            assert recommendation.session.council_id == council.pk
            assert recommendation.session.held_at < now
            assert recommendation.responsible_unit.startswith(("Отдел", "Группа", "Канцелярия"))
            assert "Управления полиции" in recommendation.responsible_unit
            assert recommendation.created_by is not None
            score = recommendation.service_quality_score
            assert score is None or 3 <= score <= 5
            if recommendation.status in (RS.IMPLEMENTED, RS.PARTLY, RS.REJECTED):
                assert recommendation.outcome and score is not None
            history = list(recommendation.history.order_by("history_date", "history_id"))
            assert history[0].history_type == "+"
            assert history[0].status == RS.SENT
            assert history[-1].status == recommendation.status
            dates = [row.history_date for row in history]
            assert dates == sorted(dates) and dates[-1] <= now
            assert timezone.localdate(dates[0]) == timezone.localdate(
                recommendation.session.held_at
            )
            changes = [row.status for row in status_changes(recommendation)]
            assert changes[0] == recommendation.status
            if recommendation.status == RS.IMPLEMENTED:
                assert changes == [RS.IMPLEMENTED, RS.IN_PROGRESS, RS.SENT]
    for status in (RS.IMPLEMENTED, RS.IN_PROGRESS, RS.REJECTED, "overdue"):
        assert everywhere[status] >= 1, everywhere
    assert everywhere["overdue"] >= 2


def test_a_half_year_of_joint_actions_and_public_ones_coming(seeded):
    now = timezone.now()
    today = timezone.localdate()
    first_day = previous_period(Cadence.QUARTERLY, today).start
    campaigns = {c.name for c in DEFAULT_CAMPAIGNS}
    assert campaigns <= set(Campaign.objects.values_list("name", flat=True))
    used = set()
    for area in areas():
        beats = area_beats(area)
        street_names = area_streets(area)
        partners = set(PartnerOrganization.objects.filter(area=area).values_list("pk", flat=True))
        actions = list(
            JointAction.objects.filter(area=area)
            .select_related("campaign")
            .prefetch_related("beats", "partners")
        )
        past = [a for a in actions if a.starts_at < now]
        coming = [a for a in actions if a.starts_at >= now]
        assert 4 <= len(past) <= 8, area
        assert 1 <= len(coming) <= 2, area
        for action in actions:
            action.full_clean()
            used.add(action.campaign.name)
            assert action.campaign.name in campaigns
            assert action.ends_at > action.starts_at
            linked = [b.pk for b in action.beats.all()]
            assert 1 <= len(linked) <= 3 and set(linked) <= beats, action
            assert any(street in action.place for street in street_names), action.place
            assert {p.pk for p in action.partners.all()} <= partners
            assert 1 <= action.partners.count() <= 3
            if is_raid(action):
                assert not action.is_public
        for action in past:
            assert first_day <= timezone.localdate(action.starts_at) < today
            assert action.people_reached and action.results
        for action in coming:
            assert action.is_public
            assert timezone.localdate(action.starts_at) <= today + datetime.timedelta(days=21)
            assert action.people_reached is None and not action.results
            assert not action.assistants.exists() and not action.volunteers.exists()
        assert any(a.is_public for a in past) and any(not a.is_public for a in past), area
    assert len(used) >= 6, used
    # The public ones coming are on the residents' calendar, and only those.
    events = [
        e for e in upcoming_public_events(now=now, limit=10_000) if e.kind == EventKind.ACTION
    ]
    coming = JointAction.objects.filter(starts_at__gte=now)
    assert {e.uid for e in events} == {f"action-{pk}" for pk in coming.values_list("pk", flat=True)}


def test_participants_hours_are_in_the_duty_log_and_activities(seeded):
    now = timezone.now()
    entries = list(ActionAssistant.objects.select_related("action__campaign", "assistant", "duty"))
    assert len(entries) >= 30
    for entry in entries:
        action, duty = entry.action, entry.duty
        assert action.starts_at < now
        assert duty is not None
        assert duty.assistant_id == entry.assistant_id
        assert duty.hours == entry.hours
        assert duty.joint_action == action.title[:200]
        assert duty.date == timezone.localdate(action.starts_at)
        assert duty.kind == duty_kind(action)
        assert duty.kind in entry.assistant.forms
        assert entry.assistant.status == AssistantStatus.ACTIVE
        assert entry.assistant.area_id == action.area_id
        assert duty.beat_id == entry.assistant.beat_id
        assert duty.beat_id in {b.pk for b in action.beats.all()}
        duty.full_clean()
    # Every joint-action duty belongs to a participation.
    assert Duty.objects.exclude(joint_action="").count() == len(entries)
    history = Duty.history.model.objects.exclude(joint_action="")
    assert history.count() == len(entries)
    assert not history.filter(history_date__gt=now).exists()

    volunteers = list(
        ActionVolunteer.objects.select_related("action__campaign", "volunteer", "group", "activity")
    )
    assert len(volunteers) >= 30
    for entry in volunteers:
        action, activity = entry.action, entry.activity
        assert activity is not None
        assert activity.hours == entry.hours
        assert activity.area_id == action.area_id
        assert activity.date == timezone.localdate(action.starts_at)
        assert (activity.volunteer_id, activity.group_id) == (entry.volunteer_id, entry.group_id)
        who = entry.volunteer or entry.group
        assert who.area_id == action.area_id
        assert activity.kind in who.kinds
        if is_raid(action):
            assert entry.group is None
            assert entry.volunteer.age(activity.date) >= ADULT_AGE
        activity.full_clean()

    # Most past actions have assistants (every area some: who may join depends on the day
    # the demo is seeded, through certificates and monthly limits), all of them volunteers.
    with_assistants = past_actions = 0
    for area in areas():
        past = JointAction.objects.filter(area=area, starts_at__lt=now)
        with_assistants += past.exclude(assistants=None).distinct().count()
        past_actions += past.count()
        assert past.exclude(assistants=None).exists(), area
        assert past.filter(volunteers=None).count() <= 1, area
        per_action = Counter(
            ActionAssistant.objects.filter(action__area=area).values_list("action", flat=True)
        )
        assert max(per_action.values()) <= 4
    assert with_assistants >= past_actions / 2


def test_records_pass_model_validation(seeded):
    records = [
        *PartnerOrganization.objects.all()[::3],
        *PublicCouncil.objects.all(),
        *CouncilMember.objects.all()[::4],
        *CouncilSession.objects.all()[::3],
        *SessionDecision.objects.all()[::5],
        *Recommendation.objects.all()[::3],
        *ActionAssistant.objects.all()[::5],
        *ActionVolunteer.objects.all()[::5],
    ]
    assert len(records) > 50
    for record in records:
        record.full_clean()
