"""`seed_demo` fills every demo beat with a realistic previous and current quarter of work.

The city is seeded once for the package (see conftest.py); running it again is in
test_running_again.py.
"""

import datetime
import re
from decimal import Decimal

from django.db.models import Count, F, Max, Min
from django.utils import timezone

from demo.work import NEW_INSPECTORS, seed_work
from districts.houses import houses_cover
from districts.models import (
    Appeal,
    AppealStatus,
    Beat,
    ChecklistMark,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalStatus,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
    WorkPlanStatus,
)
from portal.periods import period_of, previous_period

HISTORIED = [Proposal, ProblemSpot, Appeal]
# Record type → (model, date field) of the work every beat must have in both quarters.
DATED = {
    "meetings": (Meeting.objects.filter(status=MeetingStatus.HELD), "held_at__date"),
    "rounds": (DoorToDoorRound.objects.all(), "date"),
    "visits": (PreventiveVisit.objects.all(), "date"),
    "appeals": (Appeal.objects.all(), "received_on"),
    "services": (ServiceRecord.objects.all(), "date"),
    "trust cases": (TrustCase.objects.all(), "date"),
}
REFERENCE = re.compile(r"ПУ-\d{4}-\d{4}")
CAPITALISED_WORD = re.compile(r"\b[А-ЯЁ][а-яё]+\b")


def quarters(today=None):
    today = today or timezone.localdate()
    return previous_period("quarterly", today), period_of("quarterly", today)


def test_every_beat_has_work_in_both_quarters(seeded):
    previous, current = quarters()
    beats = set(Beat.objects.values_list("code", flat=True))
    assert len(beats) == 48
    for label, (queryset, day_field) in DATED.items():
        for period in (previous, current):
            covered = set(
                queryset.filter(
                    **{f"{day_field}__gte": period.start, f"{day_field}__lt": period.end}
                ).values_list("beat__code", flat=True)
            )
            assert covered == beats, (label, period, beats - covered)
    for model in (ProblemSpot, WorkPlanItem, ChecklistMark, Proposal):
        assert set(model.objects.values_list("beat__code", flat=True)) == beats, model
    assert "Inspectors' work:" in seeded


def test_amounts_are_those_of_a_real_quarter(seeded):
    previous, _ = quarters()
    in_previous = {"held_at__date__gte": previous.start, "held_at__date__lt": previous.end}
    per_beat = Meeting.objects.filter(status=MeetingStatus.HELD, **in_previous)
    per_beat = per_beat.values("beat").annotate(n=Count("pk"))
    assert all(3 <= row["n"] <= 8 for row in per_beat)
    report = Meeting.objects.filter(kind=MeetingKind.REPORT, status=MeetingStatus.HELD)
    assert set(report.filter(**in_previous).values_list("beat", flat=True)) == set(
        Beat.objects.values_list("pk", flat=True)
    )
    held = Meeting.objects.filter(status=MeetingStatus.HELD).aggregate(
        low=Min("attendance"), high=Max("attendance")
    )
    assert held["low"] >= 8
    assert held["high"] <= 60
    assert set(Meeting.objects.values_list("kind", flat=True)) >= {
        MeetingKind.RESIDENTS,
        MeetingKind.OSI_KSK,
        MeetingKind.PARENTS,
        MeetingKind.RECEPTION,
        MeetingKind.LESSON,
        MeetingKind.REPORT,
    }
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus)
    assert not Proposal.objects.filter(
        status__in=[ProposalStatus.DONE, ProposalStatus.DECLINED], outcome=""
    ).exists()
    # Rounds about weekly: 12 to 14 weeks in a quarter.
    rounds = DoorToDoorRound.objects.filter(date__gte=previous.start, date__lt=previous.end)
    assert all(9 <= row["n"] <= 15 for row in rounds.values("beat").annotate(n=Count("pk")))
    assert not DoorToDoorRound.objects.filter(residents_met__gt=F("apartments_visited")).exists()
    assert not DoorToDoorRound.objects.exclude(apartments_visited__range=(15, 80)).exists()
    spots = ProblemSpot.objects.values("beat").annotate(n=Count("pk"))
    assert all(2 <= row["n"] <= 5 for row in spots)
    assert set(ProblemSpot.objects.values_list("status", flat=True)) == set(ProblemStatus)
    located = ProblemSpot.objects.exclude(latitude=None)
    assert located.count() > ProblemSpot.objects.count() // 2
    box = located.aggregate(
        south=Min("latitude"), north=Max("latitude"), west=Min("longitude"), east=Max("longitude")
    )
    assert box["south"] >= Decimal("43.2")
    assert box["north"] <= Decimal("43.35")
    assert box["west"] >= Decimal("76.85")
    assert box["east"] <= Decimal("77.05")
    assert ProblemMeasure.objects.filter(is_submission=True).exclude(sent_to="").exists()
    plans = WorkPlanItem.objects.values("beat").annotate(n=Count("pk"))
    assert all(2 <= row["n"] <= 4 for row in plans)
    assert WorkPlanItem.objects.filter(status=WorkPlanStatus.DONE).exists()
    assert WorkPlanItem.objects.filter(proposal__status=ProposalStatus.PLANNED).exists()
    assert not ChecklistMark.objects.filter(item__auto_rule__gt="").exists()


def test_nothing_that_happened_is_in_the_future(seeded):
    now, today = timezone.now(), timezone.localdate()
    assert not Meeting.objects.filter(status=MeetingStatus.HELD, held_at__gt=now).exists()
    assert (
        not Meeting.objects.exclude(status=MeetingStatus.PLANNED).filter(held_at__gt=now).exists()
    )
    for model, day_field in [
        (DoorToDoorRound, "date"),
        (PreventiveVisit, "date"),
        (ServiceRecord, "date"),
        (TrustCase, "date"),
        (Appeal, "received_on"),
        (Appeal, "answered_on"),
        (ProblemSpot, "resolved_on"),
        (ProblemMeasure, "date"),
        (WorkPlanItem, "done_on"),
    ]:
        assert not model.objects.filter(**{f"{day_field}__gt": today}).exists(), model
    for model in (Meeting, DoorToDoorRound, Appeal, ProblemSpot, Proposal):
        assert not model.objects.filter(created_at__gt=now).exists(), model


def test_the_demo_shows_overdue_appeals_and_announced_meetings(seeded):
    today = timezone.localdate()
    overdue = Appeal.objects.overdue()
    assert overdue.exists()
    assert overdue.filter(beat__code="almaly-01").exists()
    assert overdue.values("beat").distinct().count() < 12  # a few beats, not all
    open_in_time = Appeal.objects.open().filter(due_on__gte=today)
    assert set(open_in_time.values_list("beat", flat=True)) == set(
        Beat.objects.values_list("pk", flat=True)
    )
    answered = Appeal.objects.filter(status=AppealStatus.ANSWERED)
    assert not answered.filter(answered_on__gt=F("due_on")).exists()
    assert not answered.filter(answer="").exists()
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED)
    public = planned.filter(is_public=True)
    assert public.values("beat").distinct().count() == 48
    window = (timezone.now(), timezone.now() + datetime.timedelta(days=21))
    assert not planned.exclude(held_at__range=window).exists()


def test_rounds_cover_the_beats_streets(seeded):
    previous, current = quarters()
    beats = list(Beat.objects.prefetch_related("streets"))
    complete, unvisited = 0, 0
    for beat in beats:
        streets = {street.pk for street in beat.streets.all()}
        walked = RoundStreet.objects.filter(round__beat=beat)
        whole_last_quarter = set(
            walked.filter(
                houses="", round__date__gte=previous.start, round__date__lt=previous.end
            ).values_list("street", flat=True)
        )
        this_quarter = set(
            walked.filter(round__date__gte=current.start).values_list("street", flat=True)
        )
        complete += whole_last_quarter == streets
        unvisited += this_quarter != streets
        assert walked.exclude(street__beat=beat).count() == 0
    assert complete >= len(beats) * 3 // 4
    assert unvisited >= 1
    # Partial rounds name houses the beat really has on that street.
    for visit in RoundStreet.objects.exclude(houses="").select_related("street"):
        low, high = (int(n) for n in re.findall(r"\d+", visit.houses))
        assert houses_cover(visit.street.houses, low), visit
        assert houses_cover(visit.street.houses, high), visit


def test_recently_appointed_inspectors_and_their_first_round(seeded):
    today = timezone.localdate()
    appointed = dict(
        Beat.objects.exclude(inspector_since=None).values_list("code", "inspector_since")
    )
    assert appointed == {
        code: today - datetime.timedelta(days=days) for code, days in NEW_INSPECTORS.items()
    }
    for code, since in appointed.items():
        beat = Beat.objects.get(code=code)
        streets = set(beat.streets.values_list("pk", flat=True))
        first_month = RoundStreet.objects.filter(
            round__beat=beat,
            houses="",
            round__date__gte=since,
            round__date__lt=since + datetime.timedelta(days=30),
        )
        walked = set(first_month.values_list("street", flat=True))
        assert walked, code
        if NEW_INSPECTORS[code] >= 30:
            assert walked == streets, code
        else:
            assert walked < streets, code


def test_preventive_visits_name_nobody(seeded):
    street_names = {
        (beat_id, name) for beat_id, name in Beat.objects.values_list("pk", "streets__name_ru")
    }
    visits = PreventiveVisit.objects.all()
    assert set(visits.values_list("category", flat=True)) == set(PreventiveCategory)
    for visit in visits:
        assert REFERENCE.fullmatch(visit.reference), visit.reference
        street = visit.address.split(",")[0]
        assert (visit.beat_id, street) in street_names, visit.address
        # Notes are stock sentences: the only capitalised word is the first one.
        assert CAPITALISED_WORD.findall(visit.notes)[1:] == [], visit.notes


def test_places_are_on_the_beats_own_streets(seeded):
    for meeting in Meeting.objects.exclude(kind=MeetingKind.RECEPTION).prefetch_related(
        "beat__streets"
    ):
        names = [street.name_ru for street in meeting.beat.streets.all()]
        assert any(name in meeting.place for name in names), meeting.place
    for spot in ProblemSpot.objects.prefetch_related("beat__streets"):
        names = [street.name_ru for street in spot.beat.streets.all()]
        assert any(name in spot.address for name in names), spot.address


def test_records_pass_model_validation(seeded):
    codes = ["almaly-01", "almaly-05", "medeu-02"]
    beats = list(Beat.objects.filter(code__in=codes))
    assert len(beats) == 3
    records = [
        *Meeting.objects.filter(beat__in=beats),
        *Proposal.objects.filter(beat__in=beats),
        *DoorToDoorRound.objects.filter(beat__in=beats),
        *RoundStreet.objects.filter(round__beat__in=beats),
        *PreventiveVisit.objects.filter(beat__in=beats),
        *ProblemSpot.objects.filter(beat__in=beats),
        *ProblemMeasure.objects.filter(spot__beat__in=beats),
        *Appeal.objects.filter(beat__in=beats),
        *ServiceRecord.objects.filter(beat__in=beats),
        *TrustCase.objects.filter(beat__in=beats),
        *WorkPlanItem.objects.filter(beat__in=beats),
        *ChecklistMark.objects.filter(beat__in=beats),
    ]
    assert len(records) > 300
    for record in records:
        record.full_clean()
    for record in records:
        if hasattr(record, "created_by_id"):
            assert record.created_by_id == record.beat.inspector_id


def test_history_starts_with_the_creation(seeded):
    for model in HISTORIED:
        history = model.history.model.objects
        assert history.count() == model.objects.count()
        assert set(history.values_list("history_type", flat=True)) == {"+"}
        assert not history.filter(history_user=None).exists()


def test_a_quarter_that_began_today_still_has_work_in_it(seeded):
    """Early on the first day of a quarter, the current quarter holds a little of everything."""
    _, current = quarters()
    tz = timezone.get_current_timezone()
    now = datetime.datetime.combine(current.start, datetime.time(0, 30), tzinfo=tz)
    beats = Beat.objects.filter(code__in=["almaly-01", "turksib-06"])
    seed_work(beats, now=now)
    for label, (queryset, day_field) in DATED.items():
        this_quarter = queryset.filter(beat__in=beats, **{f"{day_field}__gte": current.start})
        assert this_quarter.values("beat").distinct().count() == 2, label
        assert not queryset.filter(beat__in=beats, **{f"{day_field}__gt": current.start}).exists()
    assert not Meeting.objects.filter(
        beat__in=beats, status=MeetingStatus.HELD, held_at__gt=now
    ).exists()
    assert (
        Meeting.objects.filter(
            beat__in=beats, status=MeetingStatus.PLANNED, held_at__gt=now
        ).count()
        >= 2
    )
