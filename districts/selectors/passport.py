"""Reads behind the beat's electronic passport.

* Street coverage by door-to-door rounds: the last visit of every street and what was
  walked this quarter.
* The first full round of a newly appointed inspector: every street of the beat is due
  to be walked within `FIRST_ROUND_DAYS` days of `Beat.inspector_since`.
* This year's work of the beat in counts, its problem places and partners.

Every function runs a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from districts.houses import street_fully_covered
from districts.models import (
    Appeal,
    AppealStatus,
    Beat,
    BeatStreet,
    DoorToDoorRound,
    Meeting,
    MeetingStatus,
    PreventiveVisit,
    ProblemSpot,
    ProblemStatus,
    RoundStreet,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
    WorkPlanStatus,
)
from portal import policy
from portal.periods import Period, aware_bounds, quarter_of, year_of

# --- the first full round -------------------------------------------------------------------

FIRST_ROUND_DAYS = 30


class FirstRoundStatus:
    DONE = "done"  # every street walked by the due date
    LATE = "late"  # every street walked, but after the due date
    DUE = "due"  # not yet, and the due date has not passed
    OVERDUE = "overdue"  # not yet, and the due date has passed
    NO_STREETS = "no_streets"  # the beat's street list is empty: nothing to check


@dataclass(frozen=True)
class FirstRound:
    status: str
    since: datetime.date
    due_on: datetime.date
    completed_on: datetime.date | None
    covered: int  # streets fully walked since the appointment, up to today
    total: int

    @property
    def overdue_since(self) -> datetime.date:
        return self.due_on + datetime.timedelta(days=1)

    @property
    def is_done(self) -> bool:
        return self.status == FirstRoundStatus.DONE


def first_full_round(beat: Beat, *, today: datetime.date | None = None) -> FirstRound | None:
    """Whether the inspector walked every street of the beat within a month of appointment.

    Rounds dated from `inspector_since` to `inspector_since + 30 days` (both inclusive) count
    toward the first full round; `completed_on` is the date of the round that completed the
    coverage. When the month passed without it, later rounds tell when it was completed
    (status LATE). None when the beat has no appointment date.
    """
    since = beat.inspector_since
    if since is None:
        return None
    today = today or timezone.localdate()
    due_on = since + datetime.timedelta(days=FIRST_ROUND_DAYS)
    streets = {street.pk: street.houses for street in beat.streets.all()}
    if not streets:
        return FirstRound(FirstRoundStatus.NO_STREETS, since, due_on, None, 0, 0)

    visits = (
        RoundStreet.objects.filter(
            street__beat=beat, round__beat=beat, round__date__gte=since, round__date__lte=today
        )
        .order_by("round__date", "round_id")
        .values_list("round__date", "street_id", "houses")
    )
    walked = defaultdict(list)
    uncovered = set(streets)
    completed_on = None
    for date, street_id, houses in visits.iterator():
        walked[street_id].append(houses)
        if street_id in uncovered and street_fully_covered(streets[street_id], walked[street_id]):
            uncovered.discard(street_id)
            if not uncovered:
                completed_on = date
                break

    if completed_on is not None and completed_on <= due_on:
        status = FirstRoundStatus.DONE
    elif completed_on is not None:
        status = FirstRoundStatus.LATE
    elif today <= due_on:
        status = FirstRoundStatus.DUE
    else:
        status = FirstRoundStatus.OVERDUE
    covered = len(streets) - len(uncovered)
    return FirstRound(status, since, due_on, completed_on, covered, len(streets))


# --- street coverage ------------------------------------------------------------------------


@dataclass
class StreetCoverage:
    street: BeatStreet
    last_date: datetime.date | None
    last_houses: str | None
    last_round_id: int | None
    visited_this_quarter: bool
    covered_this_quarter: bool

    @property
    def last_was_whole(self) -> bool:
        return self.last_date is not None and not (self.last_houses or "").strip()


@dataclass
class Coverage:
    quarter: Period
    streets: list[StreetCoverage]

    @property
    def total(self) -> int:
        return len(self.streets)

    @property
    def visited(self) -> int:
        return sum(s.visited_this_quarter for s in self.streets)

    @property
    def covered(self) -> int:
        return sum(s.covered_this_quarter for s in self.streets)

    @property
    def percent(self) -> int:
        return round(100 * self.visited / self.total) if self.total else 0


def street_coverage(beat: Beat, *, today: datetime.date | None = None) -> Coverage:
    """Each street of the beat with its last round and whether it was walked this quarter.

    Two queries: the streets with their last visit, and this quarter's visits.
    """
    today = today or timezone.localdate()
    quarter = quarter_of(today).period
    last = RoundStreet.objects.filter(street=OuterRef("pk"), round__beat=beat).order_by(
        "-round__date", "-round_id"
    )
    streets = (
        BeatStreet.objects.filter(beat=beat)
        .annotate(
            last_date=Subquery(last.values("round__date")[:1]),
            last_houses=Subquery(last.values("houses")[:1]),
            last_round_id=Subquery(last.values("round_id")[:1]),
        )
        .order_by("name_ru", "pk")
    )
    this_quarter = defaultdict(list)
    for street_id, houses in RoundStreet.objects.filter(
        street__beat=beat,
        round__beat=beat,
        round__date__gte=quarter.start,
        round__date__lt=quarter.end,
    ).values_list("street_id", "houses"):
        this_quarter[street_id].append(houses)
    rows = [
        StreetCoverage(
            street=street,
            last_date=street.last_date,
            last_houses=street.last_houses,
            last_round_id=street.last_round_id,
            visited_this_quarter=street.pk in this_quarter,
            covered_this_quarter=street_fully_covered(street.houses, this_quarter[street.pk]),
        )
        for street in streets
    ]
    return Coverage(quarter=quarter, streets=rows)


# --- this year's work -----------------------------------------------------------------------


@dataclass(frozen=True)
class YearWork:
    year: int
    meetings_held: int
    attendance: int
    rounds: int
    apartments_visited: int
    residents_met: int
    appeals_received: int
    appeals_answered: int
    appeals_overdue: int
    services: int
    trust_cases: int
    plan_open: int
    plan_done: int
    # None when the user may not know about preventive work at all.
    preventive_visits: int | None


def year_work(beat: Beat, *, user, today: datetime.date | None = None) -> YearWork:
    """This calendar year's work of the beat as counts; overdue appeals and open plan items
    are counted as they stand today, whenever they were recorded."""
    today = today or timezone.localdate()
    year = year_of(today)
    start, end = year.start, year.end
    aware_start, aware_end = aware_bounds(year)
    in_year = Q(date__gte=start, date__lt=end)

    meetings = Meeting.objects.filter(
        beat=beat, status=MeetingStatus.HELD, held_at__gte=aware_start, held_at__lt=aware_end
    ).aggregate(count=Count("pk"), attendance=Sum("attendance"))
    rounds = DoorToDoorRound.objects.filter(in_year, beat=beat).aggregate(
        count=Count("pk"), apartments=Sum("apartments_visited"), residents=Sum("residents_met")
    )
    received = Q(received_on__gte=start, received_on__lt=end)
    appeals = Appeal.objects.filter(beat=beat).aggregate(
        received=Count("pk", filter=received),
        answered=Count("pk", filter=received & Q(status=AppealStatus.ANSWERED)),
        overdue=Count("pk", filter=~Q(status=AppealStatus.ANSWERED) & Q(due_on__lt=today)),
    )
    services = ServiceRecord.objects.filter(in_year, beat=beat).aggregate(total=Sum("count"))
    plan = WorkPlanItem.objects.filter(beat=beat).aggregate(
        open=Count("pk", filter=Q(status__in=[WorkPlanStatus.PLANNED, WorkPlanStatus.IN_PROGRESS])),
        done=Count("pk", filter=Q(status=WorkPlanStatus.DONE, done_on__gte=start, done_on__lt=end)),
    )
    preventive = None
    if policy.may(user, "workspace.view"):
        preventive = policy.scoped(user, PreventiveVisit.objects.filter(in_year, beat=beat)).count()
    return YearWork(
        year=start.year,
        meetings_held=meetings["count"],
        attendance=meetings["attendance"] or 0,
        rounds=rounds["count"],
        apartments_visited=rounds["apartments"] or 0,
        residents_met=rounds["residents"] or 0,
        appeals_received=appeals["received"],
        appeals_answered=appeals["answered"],
        appeals_overdue=appeals["overdue"],
        services=services["total"] or 0,
        trust_cases=TrustCase.objects.filter(in_year, beat=beat).count(),
        plan_open=plan["open"],
        plan_done=plan["done"],
        preventive_visits=preventive,
    )


def year_partners(beat: Beat, *, today: datetime.date | None = None) -> list[str]:
    """Partner organisations named at the beat's meetings held this year, each once."""
    today = today or timezone.localdate()
    aware_start, aware_end = aware_bounds(year_of(today))
    names = (
        Meeting.objects.filter(
            beat=beat, status=MeetingStatus.HELD, held_at__gte=aware_start, held_at__lt=aware_end
        )
        .exclude(partners="")
        .order_by("partners")
        .values_list("partners", flat=True)
        .distinct()
    )
    seen, result = set(), []
    for name in names:
        key = " ".join(name.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            result.append(" ".join(name.split()))
    return result


# --- problem places -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemSummary:
    open: int
    in_work: int
    resolved: int
    unresolved: list  # the latest open or in-work places, at most `limit`


def problem_summary(beat: Beat, *, limit: int = 5) -> ProblemSummary:
    counts = dict(
        ProblemSpot.objects.filter(beat=beat)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    unresolved = list(
        ProblemSpot.objects.filter(beat=beat)
        .exclude(status=ProblemStatus.RESOLVED)
        # "open" sorts after "in_work": open places first, newest first.
        .order_by("-status", "-created_at", "-pk")[:limit]
    )
    return ProblemSummary(
        open=counts.get(ProblemStatus.OPEN, 0),
        in_work=counts.get(ProblemStatus.IN_WORK, 0),
        resolved=counts.get(ProblemStatus.RESOLVED, 0),
        unresolved=unresolved,
    )
