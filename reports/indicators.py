"""Effectiveness indicators of district inspectors, per inspector and quarter.

Section 6 of the methodological recommendations ties an inspector's effectiveness to
residents' trust, to the feedback they get and to the work the recommendations ask for
("keep a record of every meeting", "analyse the effectiveness of the measures taken").
Per inspector (pooled over the beats they serve, `Beat.inspector`) and quarter:

* proposals done — residents' proposals raised in the quarter (at a meeting held in it, or
  sent or recorded in it without a meeting, as in the area roll-up) and, of those, the ones
  done: done ÷ raised;
* appeals answered in time — appeals due in the quarter that are answered by their due
  date (``answered_on <= due_on``) ÷ appeals due in it; in the running quarter an appeal
  whose due date is still ahead counts only once it is answered;
* checklist compliance — Appendix B items done ÷ items, in their last periods completed at
  the end of the quarter (districts.checklist, exactly as the area roll-up reads it);
* residents reached — the attendance of meetings held in the quarter plus the apartments
  and houses visited on door-to-door rounds in it (a number, not a share);
* trust index — anonymous survey answers that trust the police ÷ answers (districts.trust_index),
  pooled over the beats (every answer counts once) with its 95 % interval and its change
  against the previous quarter in percentage points; below the survey's minimum sample
  it is suppressed, as everywhere else, and shows as "no data";
* offences — offences registered in the quarter ÷ the same quarter last year (АППГ), in
  per cent: 90 % is a tenth fewer. Lower is better.

A ratio keeps its numerator and denominator, so a sum over inspectors or over the four
quarters of a year (the akim's yearly view) adds those up and divides once: never an
average of ratios.

Targets are set per area by an administrator (reports.models.IndicatorTarget). A value
meets its target, is near it (within 10 % of it), or misses it; offences meet a target
from below. Residents reached is a target per inspector and quarter, so a sum over several
inspectors or quarters is measured against the target times their number.

`indicator_table` reads everything for any number of inspectors and quarters with a fixed
number of grouped queries: the beats, proposals, appeals, meetings, rounds, offence
statistics, targets and trust answers once each, and the checklist once per quarter (one
query per automatic rule). The counts are cached for 15 minutes like the area roll-up's;
the targets are not. Nothing here reads personal data.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, DateTimeField, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts import checklist, trust_index
from districts.models import (
    Appeal,
    AppealStatus,
    ChecklistItem,
    DoorToDoorRound,
    Meeting,
    MeetingStatus,
    Proposal,
    ProposalStatus,
)
from portal import published
from portal.periods import Quarter, aware_bounds
from reports.models import Indicator, IndicatorTarget, OffenceStatistic
from reports.rollup import CACHE_TIMEOUT

MET = "met"
NEAR = "near"
MISSED = "missed"
NO_TARGET = "no_target"
NO_DATA = "no_data"

STATUS_LABELS = {
    MET: _("Target met"),
    NEAR: _("Near the target"),
    MISSED: _("Target missed"),
    NO_TARGET: _("No target"),
    NO_DATA: _("No data"),
}
# Bootstrap contextual colours; the label above says the same in words.
STATUS_STYLES = {
    MET: "success",
    NEAR: "warning",
    MISSED: "danger",
    NO_TARGET: "secondary",
    NO_DATA: "light",
}

# A value within this share of its target is "near" it.
NEAR_MARGIN = Decimal("0.1")
# Indicators where less is better.
LOWER_IS_BETTER = frozenset({Indicator.OFFENCES})
# Indicators counted per inspector and quarter rather than as a share.
COUNTS = frozenset({Indicator.RESIDENTS_REACHED})
ORDER = list(Indicator)


# --- the trust index (districts.trust_index) ------------------------------------------------


def trust_by_beat(beat_ids, quarters):
    """{(beat_id, Quarter): TrustIndex} from the anonymous surveys, in one query."""
    return trust_index.trust_by_beat(list(beat_ids), list(quarters))


def trust_pooled(positive, total):
    """The TrustIndex of answers pooled over beats or quarters (every answer counts once;
    suppressed below the survey's minimum sample, as `trust_for_beats` pools them)."""
    return trust_index.TrustIndex.of(positive, total)


# --- plain values ----------------------------------------------------------------------------


@dataclass
class Tally:
    """The raw counts of a group of beats in a period; they add up."""

    proposals_raised: int = 0
    proposals_done: int = 0
    appeals_due: int = 0
    appeals_in_time: int = 0
    checklist_items: int = 0
    checklist_done: int = 0
    attendance: int = 0
    households: int = 0
    # None: no records at all, which is not the same as zero.
    offences: int | None = None
    offences_last_year: int | None = None
    trust_positive: int = 0
    trust_total: int = 0
    # How many inspector-quarters the tally covers (a count target is per one of them).
    units: int = 0

    def add(self, other: "Tally") -> "Tally":
        for name in (
            "proposals_raised",
            "proposals_done",
            "appeals_due",
            "appeals_in_time",
            "checklist_items",
            "checklist_done",
            "attendance",
            "households",
            "trust_positive",
            "trust_total",
            "units",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("offences", "offences_last_year"):
            theirs = getattr(other, name)
            if theirs is not None:
                setattr(self, name, (getattr(self, name) or 0) + theirs)
        return self

    @classmethod
    def total(cls, tallies) -> "Tally":
        result = cls()
        for tally in tallies:
            result.add(tally)
        return result


@dataclass(frozen=True)
class Measure:
    """One indicator of one inspector (or of a group) in one period."""

    code: str
    value: float | None  # per cent for ratios, a number for counts; None: no data
    numerator: int | None = None
    denominator: int | None = None
    target: Decimal | None = None  # the target for this group and period
    status: str = NO_DATA
    change: float | None = None  # trust: percentage points against the previous quarter
    low: float | None = None  # trust: the 95 % interval, in per cent
    high: float | None = None

    @property
    def is_count(self):
        return self.code in COUNTS

    @property
    def label(self):
        return Indicator(self.code).label

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_style(self):
        return STATUS_STYLES[self.status]

    @property
    def lower_is_better(self):
        return self.code in LOWER_IS_BETTER


def _percent(numerator, denominator):
    if not denominator:
        return None
    return round(numerator * 100 / denominator, 1)


def status_of(code, value, target) -> str:
    """met / near / missed against `target`; no_data without a value, no_target without one."""
    if value is None:
        return NO_DATA
    if target is None:
        return NO_TARGET
    value = Decimal(str(value))
    margin = target * NEAR_MARGIN
    if code in LOWER_IS_BETTER:
        if value <= target:
            return MET
        return NEAR if value <= target + margin else MISSED
    if value >= target:
        return MET
    return NEAR if value >= target - margin else MISSED


def measures(tally: Tally, targets: dict, *, previous: Tally | None = None) -> dict:
    """{indicator code: Measure} of a tally against the area's targets."""

    def target_of(code):
        target = targets.get(code)
        if target is not None and code in COUNTS:
            target = target * max(tally.units, 1)
        return target

    def measure(code, value, numerator=None, denominator=None, **extra):
        target = target_of(code)
        return Measure(
            code=code,
            value=value,
            numerator=numerator,
            denominator=denominator,
            target=target,
            status=status_of(code, value, target),
            **extra,
        )

    trust, low, high = _trust_percent(tally)
    before = _trust_percent(previous)[0] if previous is not None else None
    change = round(trust - before, 1) if trust is not None and before is not None else None
    reached = tally.attendance + tally.households
    offences = None
    if tally.offences is not None and tally.offences_last_year:
        offences = _percent(tally.offences, tally.offences_last_year)
    result = [
        measure(
            Indicator.PROPOSALS_DONE,
            _percent(tally.proposals_done, tally.proposals_raised),
            tally.proposals_done,
            tally.proposals_raised,
        ),
        measure(
            Indicator.APPEALS_IN_TIME,
            _percent(tally.appeals_in_time, tally.appeals_due),
            tally.appeals_in_time,
            tally.appeals_due,
        ),
        measure(
            Indicator.CHECKLIST,
            _percent(tally.checklist_done, tally.checklist_items),
            tally.checklist_done,
            tally.checklist_items,
        ),
        measure(Indicator.RESIDENTS_REACHED, reached if tally.units or reached else None),
        measure(
            Indicator.TRUST,
            trust,
            tally.trust_positive if trust is not None else None,
            tally.trust_total if trust is not None else None,
            change=change,
            low=low,
            high=high,
        ),
        measure(Indicator.OFFENCES, offences, tally.offences, tally.offences_last_year),
    ]
    return {m.code: m for m in result}


def _trust_percent(tally):
    """(share, low, high) in per cent of the tally's pooled answers, or Nones when there is
    no index to show."""
    index = trust_pooled(tally.trust_positive, tally.trust_total)
    if index.suppressed or index.share is None:
        return None, None, None
    return (
        _percent(tally.trust_positive, tally.trust_total),
        round(index.low * 100, 1),
        round(index.high * 100, 1),
    )


@dataclass
class InspectorRow:
    inspector_id: int | None  # None: the beats that have no inspector
    name: str
    beat_count: int
    tallies: dict  # {Quarter: Tally}
    before: Tally  # the quarter before the first, for the change of the trust index
    cells: dict = field(default_factory=dict)  # {Quarter: {code: Measure}}

    def cells_of(self, quarter):
        return self.cells.get(quarter, {})


@dataclass
class IndicatorTable:
    area_id: int
    quarters: list  # oldest first; the last is the one the page is about
    rows: list  # [InspectorRow], by name
    totals: dict  # {Quarter: {code: Measure}} over every row
    total_tallies: dict  # {Quarter: Tally}
    targets: dict  # {code: Decimal}: per inspector and quarter
    computed_at: datetime.datetime  # when the counts were read (they are cached)

    @property
    def quarter(self):
        return self.quarters[-1]


# --- grouped reads ---------------------------------------------------------------------------


def _which_quarter(field_name, quarters, *, aware):
    """A CASE giving the index of the quarter `field_name` falls in (NULL outside them)."""
    whens = []
    for index, quarter in enumerate(quarters):
        start, end = aware_bounds(quarter.period) if aware else (quarter.start, quarter.end)
        whens.append(
            When(**{f"{field_name}__gte": start, f"{field_name}__lt": end}, then=Value(index))
        )
    return Case(*whens, default=None, output_field=IntegerField())


def _span(quarters, *, aware):
    first, last = quarters[0], quarters[-1]
    if aware:
        return aware_bounds(first.period)[0], aware_bounds(last.period)[1]
    return first.start, last.end


def _grouped(queryset, beat_ids, field_name, quarters, *, aware, **aggregates):
    """{(beat_id, quarter index): {name: value}} from one GROUP BY query."""
    start, end = _span(quarters, aware=aware)
    rows = (
        queryset.filter(
            beat_id__in=beat_ids, **{f"{field_name}__gte": start, f"{field_name}__lt": end}
        )
        .annotate(quarter_index=_which_quarter(field_name, quarters, aware=aware))
        .order_by()
        .values("beat_id", "quarter_index")
        .annotate(**aggregates)
    )
    return {(row["beat_id"], row["quarter_index"]): row for row in rows}


def _read_counts(beat_ids, quarters, today):
    """Five grouped queries: proposals, appeals, meetings, rounds, offence statistics."""
    raised = Proposal.objects.annotate(
        raised_at=Coalesce(F("meeting__held_at"), F("created_at"), output_field=DateTimeField())
    )
    proposals = _grouped(
        raised,
        beat_ids,
        "raised_at",
        quarters,
        aware=True,
        raised=Count("pk"),
        done=Count("pk", filter=Q(status=ProposalStatus.DONE)),
    )
    answered = Q(status=AppealStatus.ANSWERED, answered_on__isnull=False)
    in_time = answered & Q(answered_on__lte=F("due_on"))
    appeals = _grouped(
        # An appeal whose due date is still ahead is not late yet: it counts once answered.
        Appeal.objects.filter(Q(due_on__lt=today) | answered),
        beat_ids,
        "due_on",
        quarters,
        aware=False,
        due=Count("pk"),
        in_time=Count("pk", filter=in_time),
    )
    meetings = _grouped(
        Meeting.objects.filter(status=MeetingStatus.HELD),
        beat_ids,
        "held_at",
        quarters,
        aware=True,
        attendance=Coalesce(Sum("attendance"), 0),
    )
    rounds = _grouped(
        DoorToDoorRound.objects.all(),
        beat_ids,
        "date",
        quarters,
        aware=False,
        households=Coalesce(Sum("apartments_visited"), 0),
    )
    wanted = set(quarters) | {q.same_quarter_last_year() for q in quarters}
    years = {q.year for q in wanted}
    statistics = {}
    rows = (
        # The categories in use, as the statistics of a report and of the roll-up count.
        OffenceStatistic.objects.filter(
            beat_id__in=beat_ids, year__in=years, category__is_active=True
        )
        .values("beat_id", "year", "quarter")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for row in rows:
        statistics[(row["beat_id"], Quarter(row["year"], row["quarter"]))] = row["total"]
    return proposals, appeals, meetings, rounds, statistics


def _checklist(beat_ids, quarters, today):
    """{(beat_id, quarter index): (items done, items)}: one evaluation per quarter."""
    items = list(ChecklistItem.objects.filter(is_active=True))
    found = {}
    if not items:
        return found
    for index, quarter in enumerate(quarters):
        # As the area roll-up: the last periods completed at the end of the quarter, or
        # completed so far in the running quarter.
        day = min(quarter.end, today)
        states = checklist.evaluate(beat_ids, day=day, previous=True, items=items)
        for beat_id, rows in states.items():
            found[(beat_id, index)] = (sum(1 for s in rows if s.done), len(rows))
    return found


def _targets(area_id):
    return dict(IndicatorTarget.objects.filter(area_id=area_id).values_list("indicator", "target"))


def _beat_tallies(beat_ids, quarters, today):
    """{(beat_id, quarter index): Tally} for `quarters` and the quarter before the first
    (index -1, for the change of the trust index)."""
    proposals, appeals, meetings, rounds, statistics = _read_counts(beat_ids, quarters, today)
    compliance = _checklist(beat_ids, quarters, today)
    before = quarters[0].previous()
    trust = trust_by_beat(beat_ids, [before, *quarters])
    tallies = {}
    for beat_id in beat_ids:
        for index, quarter in enumerate(quarters):
            key = (beat_id, index)
            p, a = proposals.get(key, {}), appeals.get(key, {})
            done, items = compliance.get(key, (0, 0))
            tally = Tally(
                proposals_raised=p.get("raised", 0),
                proposals_done=p.get("done", 0),
                appeals_due=a.get("due", 0),
                appeals_in_time=a.get("in_time", 0),
                checklist_items=items,
                checklist_done=done,
                attendance=(meetings.get(key) or {}).get("attendance", 0),
                households=(rounds.get(key) or {}).get("households", 0),
                offences=statistics.get((beat_id, quarter)),
                offences_last_year=statistics.get((beat_id, quarter.same_quarter_last_year())),
            )
            _add_trust(tally, trust.get((beat_id, quarter)))
            tallies[key] = tally
        earlier = Tally()
        _add_trust(earlier, trust.get((beat_id, before)))
        tallies[(beat_id, -1)] = earlier
    return tallies


def _add_trust(tally, index):
    """Pool a beat's survey answers into a tally. A beat's sample too small to show on its
    own is left out: in a pool it could be recovered by subtracting the beats shown."""
    if index is None or index.suppressed or not index.total:
        return
    tally.trust_positive += index.positive
    tally.trust_total += index.total


# --- the table -------------------------------------------------------------------------------


def begun_quarters(last: Quarter, count: int, today=None) -> list:
    """`count` quarters ending with `last`, oldest first, leaving out those not begun."""
    today = today or timezone.localdate()
    quarters = [last]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return [q for q in quarters if q.has_begun(today)]


def indicator_table(*, area, beats, quarters, today=None) -> IndicatorTable:
    """Indicators per inspector of `beats` (already scoped, all in `area`) and quarter."""
    today = today or timezone.localdate()
    quarters = sorted(quarters)
    beat_rows = list(beats.order_by().values_list("pk", "inspector_id").distinct())
    beat_ids = [pk for pk, _inspector in beat_rows]
    names = _inspector_names({i for _pk, i in beat_rows if i is not None})
    targets = _targets(area.pk)
    tallies, computed_at = _cached_tallies(area, beat_ids, quarters, today)

    groups = {}
    for beat_id, inspector_id in beat_rows:
        groups.setdefault(inspector_id, []).append(beat_id)
    rows = []
    for inspector_id, ids in groups.items():
        row_tallies = {}
        for index, quarter in enumerate([None, *quarters], start=-1):
            tally = Tally.total(tallies.get((b, index), Tally()) for b in ids)
            tally.units = 1 if inspector_id is not None else 0
            row_tallies[quarter if quarter is not None else "before"] = tally
        row = InspectorRow(
            inspector_id=inspector_id,
            name=names.get(inspector_id, ""),
            beat_count=len(ids),
            tallies={q: row_tallies[q] for q in quarters},
            before=row_tallies["before"],
        )
        previous = row_tallies["before"]
        for quarter in quarters:
            row.cells[quarter] = measures(row_tallies[quarter], targets, previous=previous)
            previous = row_tallies[quarter]
        rows.append(row)
    # Inspectors by name; the beats without an inspector last.
    rows.sort(key=lambda r: (r.inspector_id is None, r.name.casefold(), r.inspector_id or 0))

    total_tallies, totals = {}, {}
    previous = Tally.total(r.before for r in rows)
    for quarter in quarters:
        total = Tally.total(r.tallies[quarter] for r in rows)
        total_tallies[quarter] = total
        totals[quarter] = measures(total, targets, previous=previous)
        previous = total
    return IndicatorTable(
        area_id=area.pk,
        quarters=quarters,
        rows=rows,
        totals=totals,
        total_tallies=total_tallies,
        targets=targets,
        computed_at=computed_at,
    )


def _digest(beat_ids):
    """A short digest of the set of beats, so two scopes never share cached counts."""
    text = ",".join(str(pk) for pk in sorted(beat_ids))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _cached_tallies(area, beat_ids, quarters, today):
    """(the beats' tallies, when they were read), from the published-content cache.

    The counts are kept 15 minutes, as the area roll-up's, keyed by the set of beats, the
    quarters and the day; the targets and who serves which beat are read fresh, so a new
    target or a beat handed to another inspector shows at once.
    """
    if not beat_ids or not quarters:
        return {}, timezone.now()
    parts = (
        "indicator-tallies",
        area.pk,
        today.isoformat(),
        "-".join(f"{q.year}.{q.number}" for q in quarters),
        _digest(beat_ids),
    )
    return published.cached(
        parts,
        lambda: (_beat_tallies(beat_ids, quarters, today), timezone.now()),
        timeout=CACHE_TIMEOUT,
    )


def _inspector_names(ids):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: str(user) for user in users}


# --- the akim's yearly view ------------------------------------------------------------------


@dataclass
class YearRow:
    inspector_id: int | None
    name: str
    beat_count: int
    year: dict  # {code: Measure} for the four quarters added up


@dataclass
class YearView:
    area_id: int
    area: str
    region: str
    year: int
    quarters: list  # the quarters of the year that have begun
    by_quarter: dict  # {Quarter: {code: Measure}} for the whole area (the scope)
    year_total: dict  # {code: Measure} for the year, the quarters added up
    rows: list  # [YearRow]
    targets: dict
    computed_at: datetime.datetime

    @property
    def indicators(self):
        """[(code, label, [Measure per quarter], Measure of the year)] for a table."""
        return [
            (
                code,
                Indicator(code).label,
                [self.by_quarter[q][code] for q in self.quarters],
                self.year_total[code],
            )
            for code in ORDER
        ]


def year_view(*, area, beats, year, today=None) -> YearView:
    """The four quarters of `year` added up, for the area and per inspector."""
    today = today or timezone.localdate()
    quarters = [q for q in (Quarter(year, n) for n in range(1, 5)) if q.has_begun(today)]
    table = indicator_table(area=area, beats=beats, quarters=quarters, today=today)

    def year_measures(tallies):
        # No trust change for a year: that would need the whole year before.
        return measures(Tally.total(tallies), table.targets)

    rows = [
        YearRow(
            inspector_id=row.inspector_id,
            name=row.name,
            beat_count=row.beat_count,
            year=year_measures(row.tallies.values()),
        )
        for row in table.rows
    ]
    return YearView(
        area_id=area.pk,
        area=area.name,
        region=area.region.name,
        year=year,
        quarters=quarters,
        by_quarter=table.totals,
        year_total=year_measures(table.total_tallies.values()),
        rows=rows,
        targets=table.targets,
        computed_at=table.computed_at,
    )
