"""Reads behind the beat's electronic passport.

* House lists: whether the houses visited on a street lie within, and cover, the houses
  the beat has on it (the syntax of `districts.search.houses_cover`: "1–45, 2–60, 71А").
* Street coverage by door-to-door rounds: the last visit of every street and what was
  walked this quarter.
* The first full round of a newly appointed inspector: every street of the beat is due
  to be walked within `FIRST_ROUND_DAYS` days of `Beat.inspector_since`.
* This year's work of the beat in counts, its problem places and partners.

Every function runs a fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

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

# --- house lists ----------------------------------------------------------------------------

_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
_NUMBER = re.compile(r"^(\d+)([^\d].*)?$")
_SPAN = re.compile(r"^(\d+)[-–—](\d+)$")


@dataclass
class HouseSet:
    """A parsed house list: odd and even number intervals plus other tokens ("12/1", "71а").

    An empty list is the whole street.
    """

    whole: bool = False
    intervals: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: {0: [], 1: []})
    tokens: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, text: str) -> HouseSet:
        text = (text or "").casefold().translate(_FOLD)
        parts = [p for p in re.split(r"[,;]", re.sub(r"\s+", "", text)) if p]
        houses = cls(whole=not parts)
        for part in parts:
            span = _SPAN.match(part)
            if span:
                low, high = sorted(int(n) for n in span.groups())
                # Both ends odd (or both even): that side of the street only.
                sides = (low % 2,) if low % 2 == high % 2 else (0, 1)
                for side in sides:
                    houses._add(side, low, high)
            elif part.isdigit():
                houses._add(int(part) % 2, int(part), int(part))
            else:
                houses.tokens.add(part)
        for side in (0, 1):
            houses.intervals[side] = _merged(houses.intervals[side])
        return houses

    def _add(self, side, low, high):
        # Snap the ends to numbers of this side: 2–9 on the odd side is 3–9.
        low += (low % 2) != side
        high -= (high % 2) != side
        if low <= high:
            self.intervals[side].append((low, high))

    def _has_number(self, number: int) -> bool:
        return any(low <= number <= high for low, high in self.intervals[number % 2])

    def includes(self, other: HouseSet) -> bool:
        """Whether every house of `other` is one of these houses."""
        if self.whole:
            return True
        if other.whole:
            return False
        for side in (0, 1):
            for low, high in other.intervals[side]:
                if not any(a <= low and high <= b for a, b in self.intervals[side]):
                    return False
        for token in other.tokens:
            number = _NUMBER.match(token)
            if token in self.tokens or (number and self._has_number(int(number.group(1)))):
                continue
            return False
        return True


def _merged(intervals):
    """Intervals of one side of the street, sorted, with neighbours (n and n + 2) joined."""
    result = []
    for low, high in sorted(intervals):
        if result and low <= result[-1][1] + 2:
            result[-1] = (result[-1][0], max(result[-1][1], high))
        else:
            result.append((low, high))
    return result


def houses_within(street_houses: str, visited: str) -> bool:
    """Whether the visited houses all belong to the beat's part of the street.

    Blank `visited` means every house of the street in this beat, which always fits.
    """
    if not (visited or "").strip():
        return True
    return HouseSet.parse(street_houses).includes(HouseSet.parse(visited))


def street_fully_covered(street_houses: str, visits: Iterable[str]) -> bool:
    """Whether visits (their house lists) together walked every house of the street.

    A visit with a blank house list covered the whole street. When the beat has the whole
    street, only such a visit covers it: the street's last house is not known.
    """
    visits = list(visits)
    if not visits:
        return False
    if any(not (houses or "").strip() for houses in visits):
        return True
    if not (street_houses or "").strip():
        return False
    return HouseSet.parse(", ".join(visits)).includes(HouseSet.parse(street_houses))


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
