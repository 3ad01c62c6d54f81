"""`seed_demo` registers a realistic set of assistants and volunteers in every demo area.

The city is seeded once for the package (see conftest.py); running it again is in
test_running_again.py.
"""

import datetime
import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from demo.register import MRP, VOLUNTEER_GROUPS, certificate_lapse, seed_register
from districts.models import Area, BeatStreet, Cadence
from portal.periods import period_of, previous_period
from volunteers.iin import age_on, parse_iin
from volunteers.models import (
    LIVE_STATUSES,
    AreaCounter,
    Assistant,
    AssistantStatus,
    BudgetLine,
    Certificate,
    CertificateState,
    CommissionDecision,
    CommissionLevel,
    DeregistrationGround,
    Duty,
    Encouragement,
    EncouragementKind,
    InterestLead,
    LeadStatus,
    MonthlyCalculationIndex,
    Training,
    TrainingKind,
    VerificationStatus,
    Volunteer,
    VolunteerActivity,
    VolunteerGroup,
)
from volunteers.models.volunteer import ADULTS_ONLY
from volunteers.services.lifecycle import deadline_state

S = AssistantStatus
PHONE = re.compile(r"\+7 7\d\d \d{3} \d\d \d\d")
MALE_PATRONYMIC = ("ович", "евич", "ьич", "ұлы")
FEMALE_PATRONYMIC = ("овна", "евна", "ьевна", "қызы")


def local_day(moment):
    return timezone.localtime(moment).date()


def areas():
    return list(Area.objects.order_by("pk"))


def test_every_area_has_assistants_at_every_step(seeded):
    assert "Register of assistants and volunteers:" in seeded
    demo_areas = areas()
    assert len(demo_areas) == 8
    for area in demo_areas:
        statuses = defaultdict(int)
        for status in Assistant.objects.filter(area=area).values_list("status", flat=True):
            statuses[status] += 1
        assert 12 <= sum(statuses.values()) <= 20, area
        # Every status of the lifecycle, with the active ones the largest group.
        assert set(statuses) == set(S), (area, statuses)
        assert max(statuses, key=statuses.get) == S.ACTIVE, (area, statuses)
        assert 1 <= statuses[S.PETITIONED] <= 2
        assert 2 <= statuses[S.APPLIED] <= 3
        assert 1 <= statuses[S.DEREGISTERED] <= 2
        assert statuses[S.REFUSED] == statuses[S.SUSPENDED] == 1
    assert not Assistant.objects.filter(status=S.REFUSED, refusal_reason="").exists()
    assert not Assistant.objects.filter(status=S.SUSPENDED, suspension_reason="").exists()
    deregistered = Assistant.objects.filter(status=S.DEREGISTERED)
    assert not deregistered.filter(deregistration_ground="").exists()
    assert not deregistered.filter(deregistered_on=None).exists()
    assert not deregistered.filter(
        deregistration_ground=DeregistrationGround.OTHER, deregistration_note=""
    ).exists()


def test_people_look_real(seeded):
    today = timezone.localdate()
    streets = defaultdict(set)
    for area_id, name in BeatStreet.objects.values_list(
        "beat__police_point__department__area", "name_ru"
    ):
        streets[area_id].add(name)
    men = women = 0
    for assistant in Assistant.objects.all():
        info = parse_iin(assistant.iin)  # valid check digit and structure
        assert (info.birth_date, info.sex) == (assistant.birth_date, assistant.sex)
        assert 19 <= age_on(assistant.birth_date, today) <= 60, assistant.iin
        assert age_on(assistant.birth_date, assistant.applied_on) >= 18
        if assistant.registered_on:
            assert age_on(assistant.birth_date, assistant.registered_on) >= 18
        assert PHONE.fullmatch(assistant.phone), assistant.phone
        assert assistant.address.split(",")[0] in streets[assistant.area_id], assistant.address
        assert assistant.beat.police_point.department.area_id == assistant.area_id
        assert assistant.forms
        assert assistant.applied_on == assistant.consent_given_on
        endings = MALE_PATRONYMIC if assistant.sex == "M" else FEMALE_PATRONYMIC
        assert assistant.middle_name.endswith(endings), assistant.full_name
        men += assistant.sex == "M"
        women += assistant.sex == "F"
    assert men > women > 10
    # Kazakh, Russian and Korean surnames.
    surnames = set(Assistant.objects.values_list("last_name", flat=True))
    assert {"Ким", "Пак", "Цой", "Ли", "Тен", "Хван", "Югай"} & surnames
    assert any(name.endswith("баев") or name.endswith("баева") for name in surnames)
    assert any(name in surnames for name in ("Иванов", "Смирнов", "Попов", "Петров", "Козлов"))


def test_iins_are_unique_among_live_registrations(seeded):
    live = Assistant.objects.filter(status__in=LIVE_STATUSES)
    assert live.values("iin").distinct().count() == live.count()
    # The demo never reuses an IIN at all.
    assert Assistant.objects.values("iin").distinct().count() == Assistant.objects.count()


def test_numbers_run_without_gaps_in_date_order(seeded):
    for area in areas():
        registered = list(
            Assistant.objects.filter(area=area)
            .exclude(registration_number="")
            .values_list("registration_number", "registered_on")
        )
        by_number = sorted((int(number.split("-")[-1]), day) for number, day in registered)
        assert [n for n, _ in by_number] == list(range(1, len(by_number) + 1)), area
        assert [day for _, day in by_number] == sorted(day for _, day in by_number)
        assert all(number.startswith(f"{area.pk:02d}-") for number, _ in registered)

        certificates = list(
            Certificate.objects.filter(area=area)
            .order_by("number")
            .values_list("number", "issued_on")
        )
        assert [n for n, _ in certificates] == list(range(1, len(certificates) + 1)), area
        assert [day for _, day in certificates] == sorted(day for _, day in certificates)

        counters = dict(AreaCounter.objects.filter(area=area).values_list("series", "last"))
        assert counters == {"registration": len(registered), "certificate": len(certificates)}
    # Only registered people have numbers; everyone from registration on has one.
    assert not Assistant.objects.filter(
        status__in=[S.APPLIED, S.PETITIONED, S.REFUSED], registered_on__isnull=False
    ).exists()
    assert not (
        Assistant.objects.exclude(status__in=[S.APPLIED, S.PETITIONED, S.REFUSED])
        .filter(registration_number="")
        .exists()
    )


def test_certificates_for_the_verification_demo(seeded):
    today = timezone.localdate()
    certificates = list(Certificate.objects.select_related("assistant"))
    statuses = defaultdict(set)
    for certificate in certificates:
        statuses[certificate.area_id].add(certificate.verification_status())
        assert certificate.valid_until > certificate.issued_on
        assert certificate.issued_on <= today
    for area in areas():
        assert statuses[area.pk] >= {VerificationStatus.VALID, VerificationStatus.EXPIRED}, area
        assert VerificationStatus.REVOKED in statuses[area.pk], area
    expired = [c for c in certificates if c.verification_status() == VerificationStatus.EXPIRED]
    assert all(c.assistant.status == S.ACTIVE for c in expired)
    revoked = Certificate.objects.filter(state=CertificateState.REVOKED)
    assert not revoked.exclude(assistant__status=S.DEREGISTERED).exists()
    assert not revoked.filter(revocation_reason="").exists()
    assert not revoked.filter(revoked_on=None).exists()
    # Certificates renewed when they ran out: the old one returned with its badge.
    returned = Certificate.objects.filter(state=CertificateState.RETURNED)
    assert returned.exists()
    for old in returned:
        assert old.badge_returned
        assert old.assistant.certificates.filter(
            state=CertificateState.ISSUED, issued_on__gte=old.returned_on
        ).exists()
    # Every active or suspended assistant holds one certificate; valid ones were issued
    # 1 to 24 months ago.
    for assistant in Assistant.objects.filter(status__in=[S.ACTIVE, S.SUSPENDED, S.CERTIFIED]):
        held = assistant.certificates.filter(state=CertificateState.ISSUED)
        assert held.count() == 1, assistant
    valid = [c for c in certificates if c.verification_status() == VerificationStatus.VALID]
    active_valid = [c for c in valid if c.assistant.status == S.ACTIVE]
    assert all(30 <= (today - c.issued_on).days <= 730 for c in active_valid)
    assert all(c.valid_until == certificate_lapse(c.issued_on) for c in valid)
    assert len({c.token for c in certificates}) == len(certificates)


def test_deadlines_near_and_missed_for_the_start_pages(seeded):
    for area in areas():
        applied = Assistant.objects.filter(area=area, status=S.APPLIED)
        states = {deadline_state(a.police_check_due_on) for a in applied}
        assert {"near", "missed"} <= states, area
        petitioned = Assistant.objects.filter(area=area, status=S.PETITIONED)
        states = {deadline_state(a.registration_due_on) for a in petitioned}
        assert states & {"near", "missed"}, area
    almaly = Assistant.objects.filter(area__name="Алмалинский район", status=S.PETITIONED)
    assert {deadline_state(a.registration_due_on) for a in almaly} == {"near", "missed"}
    # The steps that were done were done in time.
    for assistant in Assistant.objects.exclude(petition_sent_on=None):
        assert assistant.petition_sent_on <= assistant.police_check_due_on
        if assistant.registered_on:
            assert assistant.petition_sent_on <= assistant.registered_on
            assert assistant.registered_on <= assistant.registration_due_on


def test_the_art7_briefing_precedes_every_activation(seeded):
    today = timezone.localdate()
    history = Assistant.history.model.objects.order_by("history_date", "history_id")
    activated = {}
    for row in history.filter(status=S.ACTIVE):
        activated.setdefault(row.id, local_day(row.history_date))
    ever_active = set(
        Assistant.objects.filter(
            status__in=[S.ACTIVE, S.SUSPENDED, S.DEREGISTERED], certificates__isnull=False
        ).values_list("pk", flat=True)
    )
    assert ever_active
    assert set(activated) == ever_active
    briefings = defaultdict(list)
    for assistant_id, day in Training.objects.filter(kind=TrainingKind.ART7_BRIEFING).values_list(
        "attendees", "date"
    ):
        briefings[assistant_id].append(day)
    for assistant_id, day in activated.items():
        assert briefings[assistant_id], assistant_id
        assert min(briefings[assistant_id]) <= day <= today
    # Nobody waiting for the certificate or the briefing has been briefed yet.
    waiting = Assistant.objects.filter(status__in=[S.REGISTERED, S.CERTIFIED])
    assert not waiting.filter(trainings__kind=TrainingKind.ART7_BRIEFING).exists()

    for area in areas():
        trainings = Training.objects.filter(area=area)
        kinds = defaultdict(int)
        for kind in trainings.values_list("kind", flat=True):
            kinds[kind] += 1
        assert 2 <= kinds[TrainingKind.LEGAL_TRAINING] <= 3
        assert 2 <= kinds[TrainingKind.ART7_BRIEFING] <= 3
        for training in trainings.select_related("police_point__department"):
            assert training.police_point.department.area_id == area.pk
            assert training.held_by and training.topic
            assert training.date <= today
            attendees = list(training.attendees.all())
            assert attendees
            assert {a.area_id for a in attendees} == {area.pk}
            if training.kind == TrainingKind.LEGAL_TRAINING:
                # Legal training is for assistants already admitted to duty.
                assert all(activated[a.pk] < training.date for a in attendees)


def test_history_of_every_step(seeded):
    now = timezone.now()
    history = Assistant.history.model.objects
    assert not history.filter(history_user=None).exists()
    assert not history.filter(history_date__gt=now).exists()
    first = {}
    for row in history.order_by("history_date", "history_id"):
        first.setdefault(row.id, row)
    assert set(first) == set(Assistant.objects.values_list("pk", flat=True))
    for assistant in Assistant.objects.all():
        row = first[assistant.pk]
        assert (row.history_type, row.status) == ("+", S.APPLIED)
        assert local_day(row.history_date) == assistant.applied_on
        assert local_day(assistant.created_at) == assistant.applied_on
    # One row per step: applied → petitioned → registered → certified → active: 5 rows.
    steps = dict(history.values("id").annotate(n=Count("pk")).values_list("id", "n"))
    for assistant in Assistant.objects.filter(status=S.APPLIED):
        assert steps[assistant.pk] == 1
    for assistant in Assistant.objects.filter(status=S.CERTIFIED):
        assert steps[assistant.pk] == 4
    certificates = Certificate.history.model.objects
    assert not certificates.filter(history_user=None).exists()
    assert not certificates.filter(history_date__gt=now).exists()
    for certificate in Certificate.objects.all():
        created = certificates.get(id=certificate.pk, history_type="+")
        assert local_day(created.history_date) == certificate.issued_on
    # The registrar keeps the Almaly register; the police check is the supervisor's.
    almaly = history.filter(area__name="Алмалинский район")
    assert set(
        almaly.filter(status=S.REGISTERED).values_list("history_user__username", flat=True)
    ) == {"registrar"}
    assert set(
        almaly.filter(status=S.PETITIONED).values_list("history_user__username", flat=True)
    ) == {"supervisor"}


def test_duties_only_of_active_assistants(seeded):
    today = timezone.localdate()
    first_day = previous_period(Cadence.QUARTERLY, today).start
    duties = list(Duty.objects.select_related("assistant__beat", "beat"))
    assert len(duties) > 300
    activated = {}
    for row in Assistant.history.model.objects.filter(status=S.ACTIVE).order_by("history_date"):
        activated.setdefault(row.id, local_day(row.history_date))
    for duty in duties:
        assistant = duty.assistant
        assert assistant.status == S.ACTIVE
        assert activated[assistant.pk] < duty.date <= today
        assert duty.date >= first_day
        assert duty.beat_id == assistant.beat_id
        assert duty.supervisor_id == duty.beat.inspector_id
        assert duty.kind in assistant.forms
        assert Decimal(2) <= duty.hours <= Decimal(8)
        assert duty.persons_handed_over <= duty.offences_stopped
    assert any(duty.offences_stopped for duty in duties)
    assert any(duty.persons_handed_over for duty in duties)
    # 1–3 duties in every month of the half-year an assistant was on duty all month long.
    per_month = defaultdict(int)
    for duty in duties:
        per_month[(duty.assistant_id, duty.date.replace(day=1))] += 1
    assert set(per_month.values()) <= {1, 2, 3}
    expired_holders = set(
        Certificate.objects.filter(
            state=CertificateState.ISSUED, valid_until__lt=today
        ).values_list("assistant", flat=True)
    )
    on_duty = set(Assistant.objects.filter(status=S.ACTIVE).values_list("pk", flat=True))
    on_duty -= expired_holders
    month = first_day
    while month <= today:
        for assistant_id in on_duty:
            if activated[assistant_id] < month:
                assert per_month[(assistant_id, month)] >= 1, (assistant_id, month)
        month = period_of(Cadence.MONTHLY, month).end
    # Nobody goes on duty with a certificate that has run out.
    for duty in duties:
        if duty.assistant_id in expired_holders:
            held = duty.assistant.certificates.get(state=CertificateState.ISSUED)
            assert duty.date < held.valid_until
    for duty in duties[::25]:
        duty.full_clean()


def test_encouragements_follow_the_rules_and_fit_the_budget(seeded):
    today = timezone.localdate()
    previous = previous_period(Cadence.QUARTERLY, today)
    mrp = dict(MonthlyCalculationIndex.objects.values_list("year", "amount"))
    for year in (today.year - 1, today.year):
        assert year in mrp
        if year in MRP:
            assert mrp[year] == MRP[year]
    assert MRP[2025] == 3932
    assert MRP[2026] == 4325
    for area in areas():
        lines = dict(BudgetLine.objects.filter(area=area).values_list("year", "amount_kzt"))
        assert set(lines) == {today.year - 1, today.year}
        decisions = list(CommissionDecision.objects.filter(area=area))
        assert len(decisions) == 1
        decision = decisions[0]
        assert decision.level == CommissionLevel.DISTRICT
        assert previous.start <= decision.date < previous.end
        assert decision.members_present
        awards = list(decision.encouragements.select_related("assistant"))
        assert 2 <= len(awards) <= 4
        assert EncouragementKind.MONEY in {award.kind for award in awards}
        for award in awards:
            assert award.assistant.area_id == area.pk
            assert award.assistant.status == S.ACTIVE
            assert decision.date <= award.resolution_date <= today
            assert award.resolution_number
            if award.amount_mrp is not None:
                assert award.kind == EncouragementKind.MONEY
                assert award.cost_kzt == award.amount_mrp * mrp[award.resolution_date.year]
            elif award.kind == EncouragementKind.GIFT:
                assert award.cost_kzt == award.amount_kzt > 0
            else:
                assert award.amount_kzt is None
                assert award.cost_kzt == 0
            award.full_clean()
        used = Encouragement.objects.filter(decision__area=area).values("resolution_date__year")
        for row in used.annotate(total=Sum("cost_kzt")):
            assert row["total"] <= lines[row["resolution_date__year"]]


def test_volunteers_follow_the_law_on_volunteering(seeded):
    today = timezone.localdate()
    first_day = previous_period(Cadence.QUARTERLY, today).start
    for area in areas():
        groups = VolunteerGroup.objects.filter(area=area)
        assert 1 <= groups.count() <= 2
        assert 6 <= Volunteer.objects.filter(area=area).count() <= 12
        # The register's own activities; those of joint actions come from demo.councils.
        activities = VolunteerActivity.objects.filter(area=area, joint_action_entry=None)
        assert 10 <= activities.count() <= 20
        assert activities.exclude(group=None).exists()
        assert activities.exclude(volunteer=None).exists()
    names = set(VolunteerGroup.objects.values_list("name", flat=True))
    assert "Волонтёры Алмалы" in names
    assert "Студенческий отряд КазНУ им. аль-Фараби" in names
    assert names == {name for groups in VOLUNTEER_GROUPS.values() for name, _ in groups}

    volunteers = list(Volunteer.objects.all())
    under_14 = [v for v in volunteers if v.age() < 14]
    assert under_14
    for volunteer in volunteers:
        volunteer.full_clean()
        assert 12 <= volunteer.age() <= 40
        assert PHONE.fullmatch(volunteer.phone)
        if volunteer.age() < 14:
            assert volunteer.parental_consent_on and volunteer.parent_name
        if volunteer.is_minor:
            assert not ADULTS_ONLY & set(volunteer.kinds)
        if volunteer.group_id:
            assert volunteer.group.area_id == volunteer.area_id
    for activity in VolunteerActivity.objects.select_related("volunteer", "group"):
        activity.full_clean()
        assert first_day <= activity.date <= today
        if activity.volunteer:
            assert activity.kind in activity.volunteer.kinds
            if activity.kind in ADULTS_ONLY:
                assert activity.volunteer.age(activity.date) >= 18
        else:
            assert activity.kind in activity.group.kinds
    for model in (Volunteer, VolunteerGroup):
        history = model.history.model.objects
        assert history.count() == model.objects.count()
        assert not history.filter(history_user=None).exists()


def test_records_pass_model_validation(seeded):
    records = [
        *Assistant.objects.select_related("beat__police_point__department"),
        *Certificate.objects.all(),
        *Training.objects.all(),
        *VolunteerGroup.objects.all(),
        *BudgetLine.objects.all(),
        *CommissionDecision.objects.all(),
    ]
    for record in records:
        record.full_clean()


def test_the_first_days_of_a_year_still_give_a_whole_register(seeded):
    """Seeded on 2 January (a public holiday) just after midnight, nothing is dated later."""
    tz = timezone.get_current_timezone()
    now = datetime.datetime(timezone.localdate().year, 1, 2, 0, 30, tzinfo=tz)
    day = now.date()
    almaly = Area.objects.filter(name="Алмалинский район")
    others = Assistant.objects.exclude(area__in=almaly).count()
    totals = seed_register(almaly, now=now)
    assistants = Assistant.objects.filter(area__in=almaly)
    assert totals["assistants"] == assistants.count()
    assert Assistant.objects.exclude(area__in=almaly).count() == others
    assert set(assistants.values_list("status", flat=True)) == set(S)
    for field in ("applied_on", "petition_sent_on", "registered_on", "deregistered_on"):
        assert not assistants.filter(**{f"{field}__gt": day}).exists(), field
    assert not Certificate.objects.filter(area__in=almaly, issued_on__gt=day).exists()
    assert not Duty.objects.filter(assistant__area__in=almaly, date__gt=day).exists()
    assert not Training.objects.filter(area__in=almaly, date__gt=day).exists()
    assert not VolunteerActivity.objects.filter(area__in=almaly, date__gt=day).exists()
    assert not Encouragement.objects.filter(
        decision__area__in=almaly, resolution_date__gt=day
    ).exists()
    history = Assistant.history.model.objects.filter(area__in=almaly)
    assert not history.filter(history_date__gt=now).exists()
    numbers = sorted(
        int(n.split("-")[-1])
        for n in assistants.exclude(registration_number="").values_list(
            "registration_number", flat=True
        )
    )
    assert numbers == list(range(1, len(numbers) + 1))
    petitioned = assistants.filter(status=S.PETITIONED)
    assert {deadline_state(a.registration_due_on, today=day) for a in petitioned} == {
        "near",
        "missed",
    }


def test_interest_leads_wait_in_the_police_queue_at_every_stage(seeded):
    now = timezone.now()
    for area in Area.objects.filter(assistants__isnull=False).distinct():
        leads = InterestLead.objects.filter(area=area)
        assert set(leads.values_list("status", flat=True)) == set(LeadStatus), area
        assert leads.filter(beat__isnull=True).exists()
        # A lead's beat lies in its area, and nothing is dated later than now.
        assert (
            not leads.exclude(beat__isnull=True)
            .exclude(beat__police_point__department__area=area)
            .exists()
        )
        assert not leads.filter(created_at__gt=now).exists()
        for lead in leads.exclude(status=LeadStatus.NEW):
            assert lead.handled_by is not None
            assert lead.handled_at > lead.created_at
        converted = leads.get(status=LeadStatus.CONVERTED)
        assert converted.assistant is None or converted.assistant.area == area
        assert leads.get(status=LeadStatus.DECLINED).note
        for lead in leads:
            assert PHONE.fullmatch(lead.contact) or "@" in lead.contact, lead.contact
