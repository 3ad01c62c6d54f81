"""The area roll-up for the akim and the department head: every beat of an area for a quarter.

Per beat: population, inspector, meetings held and their attendance, door-to-door rounds,
appeals received / answered / overdue now, consultations, preventive visits (a count only),
problem places resolved, joint actions, Appendix B checklist compliance, residents'
proposals raised in the quarter and how many are done, residents' trust (the share of the
quarter's survey answers that trust the inspector, with its 95 % interval and sample size,
suppressed below the minimum sample; the area total pools every answer), and the state of the beat's
quarterly report with a link to its published page. For the whole area: offence
statistics against the same quarter of the previous year (АППГ) with a bar chart, and a
totals row.

Definitions (the quarter is [start, end), in local time):

* meetings — meetings of any kind *held* in the quarter; attendance is their sum;
* rounds — door-to-door rounds dated in the quarter;
* appeals received — received in the quarter; answered — answered in the quarter (as in
  the published report); overdue now — every appeal of the beat that is open and past its
  due date today;
* consultations — consultations and help recorded in the quarter (as in the report);
* preventive visits — how many were made in the quarter: never where or to whom;
* problem places resolved — resolved on a date in the quarter;
* joint actions — actions that involved the beat and started in the quarter (and have
  started by now); the area total counts each action once, including area-wide ones;
* checklist — districts.checklist.compliance for the last periods completed at the end of
  the quarter (for the running quarter: completed so far);
* proposals raised — raised at a meeting held in the quarter, or sent or recorded in it
  when there is no meeting; done — of those, the ones done.

Everything is computed with a fixed number of grouped queries, whatever the number of
beats or records, and the result — plain values, no model instances — is cached with the
published-content version (portal.published) for 15 minutes, per area, quarter, language and
set of beats. Nothing here reads personal data: no addresses, no names of residents, no
IIN or phone of an assistant.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import tablib
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from councils.models import JointAction
from districts import checklist
from districts.models import (
    Appeal,
    AppealStatus,
    Beat,
    DoorToDoorRound,
    Meeting,
    MeetingStatus,
    PreventiveVisit,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalStatus,
    ServiceRecord,
)
from districts.trust_index import TrustIndex, trust_by_beat, trust_for_beats
from portal import published
from portal.periods import Quarter, aware_bounds
from portal.spreadsheets import safe_cell
from reports import statistics
from reports.models import QuarterlyReport, ReportRevision, ReportStatus

CACHE_TIMEOUT = 60 * 15
NO_REPORT = "none"

TREND_LABELS = {
    "up": _("up"),
    "down": _("down"),
    "same": _("no change"),
    "unknown": _("no data"),
}


# --- the computed roll-up (plain values: it is pickled into the cache) ----------------------


@dataclass
class BeatFigures:
    beat_id: int
    code: str
    number: int
    label: str
    population: int
    inspector: str
    meetings: int = 0
    attendance: int = 0
    rounds: int = 0
    appeals_received: int = 0
    appeals_answered: int = 0
    appeals_overdue: int = 0
    consultations: int = 0
    preventive_visits: int = 0
    problems_resolved: int = 0
    joint_actions: int = 0
    compliance: float | None = None  # share of checklist items done, 0..1
    proposals_raised: int = 0
    proposals_done: int = 0
    report_status: str = NO_REPORT
    report_status_label: str = ""
    report_url: str | None = None
    trust: TrustIndex | None = None  # residents' trust (districts.trust_index) in the quarter

    @property
    def compliance_percent(self):
        return None if self.compliance is None else round(self.compliance * 100, 1)


# The per-beat counts summed into the totals row.
SUMMED = (
    "population",
    "meetings",
    "attendance",
    "rounds",
    "appeals_received",
    "appeals_answered",
    "appeals_overdue",
    "consultations",
    "preventive_visits",
    "problems_resolved",
    "proposals_raised",
    "proposals_done",
)


@dataclass
class Totals:
    beats: int = 0
    population: int = 0
    meetings: int = 0
    attendance: int = 0
    rounds: int = 0
    appeals_received: int = 0
    appeals_answered: int = 0
    appeals_overdue: int = 0
    consultations: int = 0
    preventive_visits: int = 0
    problems_resolved: int = 0
    joint_actions: int = 0  # distinct actions: one action may involve several beats
    compliance: float | None = None  # the mean over the beats
    proposals_raised: int = 0
    proposals_done: int = 0
    reports: dict = field(default_factory=dict)  # {status: number of beats}
    trust: TrustIndex | None = None  # every answer of the area's beats pooled

    @property
    def compliance_percent(self):
        return None if self.compliance is None else round(self.compliance * 100, 1)

    @property
    def reports_published(self):
        return self.reports.get(ReportStatus.PUBLISHED.value, 0)


@dataclass
class StatRow:
    code: str  # "total" for the totals row
    category: str  # in the roll-up's language
    current: int | None
    previous: int | None  # the same quarter of the previous year (АППГ)
    change_percent: float | None
    trend: str  # up / down / same / unknown

    @property
    def trend_label(self):
        return str(TREND_LABELS[self.trend])


@dataclass
class ChartBar:
    label: str
    current: str
    previous: str
    label_y: int
    current_y: int
    previous_y: int
    current_text_y: int
    previous_text_y: int
    # SVG coordinates are pre-formatted: a localised template would write "12,5".
    current_width: str
    previous_width: str
    current_value_x: str
    previous_value_x: str


@dataclass
class Chart:
    bars: list
    width: int
    height: int
    bar_height: int


@dataclass
class AreaRollup:
    area_id: int
    area: str
    region: str
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date  # inclusive: the quarter's last day
    compliance_day: datetime.date
    language: str
    beats: list
    totals: Totals
    statistics: list
    statistics_total: StatRow
    chart: Chart
    computed_at: datetime.datetime

    @property
    def previous_year(self):
        return self.year - 1


# --- grouped reads -------------------------------------------------------------------------


def _by_beat(queryset, beat_ids, **aggregates):
    """{beat_id: {name: value}} from one GROUP BY query over `queryset`."""
    rows = queryset.filter(beat_id__in=beat_ids).order_by().values("beat_id").annotate(**aggregates)
    return {row["beat_id"]: row for row in rows}


def _latest_revisions(report_ids):
    """{report_id: the pk of its latest published revision}, in the reader's language where
    it has a version in it; one query."""
    reader = get_language()
    latest = {}
    rows = (
        ReportRevision.objects.filter(report_id__in=report_ids)
        .order_by("report_id", "-number")
        .values_list("report_id", "number", "language", "pk")
    )
    for report_id, number, language, pk in rows:
        best = latest.get(report_id)
        if best is None or (best[0] == number and language == reader):
            latest[report_id] = (number, pk)
    return {report_id: pk for report_id, (_number, pk) in latest.items()}


def _public_url(revision_id):
    if revision_id is None:
        return None
    return reverse("public-report", args=[revision_id])


def _figures(beat_ids, period, now, today):
    """Every per-beat count, one grouped query per kind of record."""
    start, end = aware_bounds(period)
    started_by = min(end, now)
    in_days = {"__gte": period.start, "__lt": period.end}

    def dated(name):
        return {f"{name}{suffix}": value for suffix, value in in_days.items()}

    meetings = _by_beat(
        Meeting.objects.filter(status=MeetingStatus.HELD, held_at__gte=start, held_at__lt=end),
        beat_ids,
        n=Count("pk"),
        attendance=Coalesce(Sum("attendance"), 0),
    )
    rounds = _by_beat(DoorToDoorRound.objects.filter(**dated("date")), beat_ids, n=Count("pk"))
    received = Q(**dated("received_on"))
    answered = Q(status=AppealStatus.ANSWERED, **dated("answered_on"))
    overdue = ~Q(status=AppealStatus.ANSWERED) & Q(due_on__lt=today)
    appeals = _by_beat(
        Appeal.objects.filter(received | answered | overdue),
        beat_ids,
        received=Count("pk", filter=received),
        answered=Count("pk", filter=answered),
        overdue=Count("pk", filter=overdue),
    )
    consultations = _by_beat(
        ServiceRecord.objects.filter(**dated("date")), beat_ids, n=Coalesce(Sum("count"), 0)
    )
    visits = _by_beat(PreventiveVisit.objects.filter(**dated("date")), beat_ids, n=Count("pk"))
    resolved = _by_beat(
        ProblemSpot.objects.filter(status=ProblemStatus.RESOLVED, **dated("resolved_on")),
        beat_ids,
        n=Count("pk"),
    )
    through = JointAction.beats.through
    actions = _by_beat(
        through.objects.filter(
            jointaction__starts_at__gte=start, jointaction__starts_at__lt=started_by
        ),
        beat_ids,
        n=Count("jointaction_id", distinct=True),
    )
    raised = Proposal.objects.annotate(
        raised_at=Coalesce(F("meeting__held_at"), F("created_at"))
    ).filter(raised_at__gte=start, raised_at__lt=end)
    proposals = _by_beat(
        raised,
        beat_ids,
        n=Count("pk"),
        done=Count("pk", filter=Q(status=ProposalStatus.DONE)),
    )
    return {
        "meetings": meetings,
        "rounds": rounds,
        "appeals": appeals,
        "consultations": consultations,
        "visits": visits,
        "resolved": resolved,
        "actions": actions,
        "proposals": proposals,
    }


def _area_joint_actions(area_id, beat_ids, period, now):
    start, end = aware_bounds(period)
    started_by = min(end, now)
    return (
        JointAction.objects.filter(starts_at__gte=start, starts_at__lt=started_by)
        .filter(Q(area_id=area_id) | Q(beats__in=beat_ids))
        .values("pk")
        .distinct()
        .count()
    )


def _statistics(beat_ids, year, quarter):
    rows = statistics.compare(beat_ids=beat_ids, year=year, quarter=quarter)
    flat = [
        StatRow(
            code=row.category.code,
            category=str(row.category.name),
            current=row.current,
            previous=row.previous,
            change_percent=row.change_percent,
            trend=row.trend,
        )
        for row in rows
    ]
    total = statistics.total_row(rows)
    flat_total = StatRow(
        code="total",
        category=gettext("Total"),
        current=total.current,
        previous=total.previous,
        change_percent=total.change_percent,
        trend=total.trend,
    )
    return flat, flat_total


# --- the chart -------------------------------------------------------------------------------

# Narrow enough to stay legible when scaled down to a 360 px phone.
CHART_WIDTH = 400
CHART_BAR_SPACE = 340  # the longest bar; the rest of the width holds its value
CHART_BAR_HEIGHT = 12
CHART_ROW = 58  # label, two bars and a gap
CHART_TOP = 48  # the legend, two lines


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def _shown(value):
    return "—" if value is None else str(value)


def statistics_chart(rows) -> Chart:
    """Horizontal bars per category: this quarter above the same quarter last year."""
    top = max((v for r in rows for v in (r.current, r.previous) if v), default=0) or 1
    bars = []
    for number, row in enumerate(rows):
        y = CHART_TOP + number * CHART_ROW
        current = (row.current or 0) / top * CHART_BAR_SPACE
        previous = (row.previous or 0) / top * CHART_BAR_SPACE
        bars.append(
            ChartBar(
                label=row.category,
                current=_shown(row.current),
                previous=_shown(row.previous),
                label_y=y + 13,
                current_y=y + 18,
                previous_y=y + 18 + CHART_BAR_HEIGHT + 2,
                current_text_y=y + 18 + CHART_BAR_HEIGHT - 2,
                previous_text_y=y + 18 + 2 * CHART_BAR_HEIGHT,
                current_width=_coordinate(current),
                previous_width=_coordinate(previous),
                current_value_x=_coordinate(current + 4),
                previous_value_x=_coordinate(previous + 4),
            )
        )
    return Chart(
        bars=bars,
        width=CHART_WIDTH,
        height=CHART_TOP + len(rows) * CHART_ROW,
        bar_height=CHART_BAR_HEIGHT,
    )


# --- the roll-up -----------------------------------------------------------------------------


def compliance_day(period, today):
    """The day whose last completed checklist periods describe the quarter."""
    return min(period.end, today)


def compute(*, area, beat_ids, year, quarter, today=None, now=None) -> AreaRollup:
    """The roll-up of `beat_ids` (already scoped, all in `area`) for a quarter."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    period = Quarter(year, quarter).period
    beat_ids = list(beat_ids)
    beats = list(
        Beat.objects.filter(pk__in=beat_ids)
        .select_related("inspector")
        .order_by("police_point__department__name", "number", "pk")
    )
    figures = _figures(beat_ids, period, now, today) if beat_ids else {}
    day = compliance_day(period, today)
    shares = checklist.compliance(beat_ids, day=day) if beat_ids else {}
    reports = list(
        QuarterlyReport.objects.filter(beat_id__in=beat_ids, year=year, quarter=quarter).values(
            "pk", "beat_id", "status"
        )
    )
    latest = _latest_revisions([r["pk"] for r in reports]) if reports else {}
    this_quarter = Quarter(year, quarter)
    trust = trust_by_beat(beat_ids, [this_quarter])
    report_of = {r["beat_id"]: r for r in reports}

    def get(kind, beat_id, name="n"):
        return (figures.get(kind, {}).get(beat_id) or {}).get(name) or 0

    rows = []
    for beat in beats:
        report = report_of.get(beat.pk)
        status = report["status"] if report else NO_REPORT
        revision = latest.get(report["pk"]) if report else None
        rows.append(
            BeatFigures(
                beat_id=beat.pk,
                code=beat.code,
                number=beat.number,
                label=str(beat),
                population=beat.population,
                inspector=str(beat.inspector) if beat.inspector else "",
                meetings=get("meetings", beat.pk),
                attendance=get("meetings", beat.pk, "attendance"),
                rounds=get("rounds", beat.pk),
                appeals_received=get("appeals", beat.pk, "received"),
                appeals_answered=get("appeals", beat.pk, "answered"),
                appeals_overdue=get("appeals", beat.pk, "overdue"),
                consultations=get("consultations", beat.pk),
                preventive_visits=get("visits", beat.pk),
                problems_resolved=get("resolved", beat.pk),
                joint_actions=get("actions", beat.pk),
                compliance=shares.get(beat.pk),
                proposals_raised=get("proposals", beat.pk),
                proposals_done=get("proposals", beat.pk, "done"),
                report_status=status,
                report_status_label=str(
                    ReportStatus(status).label if report else gettext("No report")
                ),
                report_url=_public_url(revision) if status == ReportStatus.PUBLISHED else None,
                trust=trust[(beat.pk, this_quarter)],
            )
        )

    totals = Totals(beats=len(rows))
    for name in SUMMED:
        setattr(totals, name, sum(getattr(row, name) for row in rows))
    shares_known = [row.compliance for row in rows if row.compliance is not None]
    totals.compliance = sum(shares_known) / len(shares_known) if shares_known else None
    totals.joint_actions = _area_joint_actions(area.pk, beat_ids, period, now)
    totals.trust = trust_for_beats(beat_ids, this_quarter)
    for row in rows:
        totals.reports[row.report_status] = totals.reports.get(row.report_status, 0) + 1

    stat_rows, stat_total = _statistics(beat_ids, year, quarter)
    return AreaRollup(
        area_id=area.pk,
        area=area.name,
        region=area.region.name,
        year=year,
        quarter=quarter,
        start=period.start,
        end=period.last_day,
        compliance_day=day,
        language=get_language() or "",
        beats=rows,
        totals=totals,
        statistics=stat_rows,
        statistics_total=stat_total,
        chart=statistics_chart(stat_rows),
        computed_at=now,
    )


def _beats_digest(beat_ids):
    """A short digest of the set of beats, so two scopes never share a cached roll-up."""
    text = ",".join(str(pk) for pk in sorted(beat_ids))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def area_rollup(*, area, beat_ids, year, quarter) -> AreaRollup:
    """The roll-up from the published-content cache, computed on a miss (15 minutes).

    Keyed by area, quarter, language and the set of beats (a supervisor's scope may be a
    part of an area); a publication bumps the version and so refreshes it.
    """
    beat_ids = sorted(beat_ids)
    parts = ("area-rollup", area.pk, year, quarter, get_language(), _beats_digest(beat_ids))
    return published.cached(
        parts,
        lambda: compute(area=area, beat_ids=beat_ids, year=year, quarter=quarter),
        timeout=CACHE_TIMEOUT,
    )


# --- export ----------------------------------------------------------------------------------


def _blank(value):
    return "" if value is None else value


def _trust_cells(index):
    """The share in percent (blank while suppressed) and the number of answers."""
    if index is None:
        return ["", 0]
    return [_blank(index.percent), index.total]


def export_book(data: AreaRollup) -> tablib.Databook:
    """Two sheets — beats and statistics — with translated headers and numbers as numbers."""
    quarter = Quarter(data.year, data.quarter)
    beats = tablib.Dataset(
        headers=[
            gettext("Code"),
            gettext("Beat"),
            gettext("Inspector"),
            gettext("Population"),
            gettext("Meetings held"),
            gettext("Attendance"),
            gettext("Door-to-door rounds"),
            gettext("Appeals received"),
            gettext("Appeals answered"),
            gettext("Appeals overdue now"),
            gettext("Consultations and help"),
            gettext("Preventive visits"),
            gettext("Problem places resolved"),
            gettext("Joint actions"),
            gettext("Checklist, %"),
            gettext("Proposals raised"),
            gettext("Proposals done"),
            gettext("Report"),
            gettext("Residents' trust, %"),
            gettext("Survey answers"),
        ],
        title=gettext("Beats"),
    )
    for row in data.beats:
        beats.append(
            [
                safe_cell(row.code),
                safe_cell(row.label),
                safe_cell(row.inspector),
                row.population,
                row.meetings,
                row.attendance,
                row.rounds,
                row.appeals_received,
                row.appeals_answered,
                row.appeals_overdue,
                row.consultations,
                row.preventive_visits,
                row.problems_resolved,
                row.joint_actions,
                _blank(row.compliance_percent),
                row.proposals_raised,
                row.proposals_done,
                safe_cell(row.report_status_label),
                *_trust_cells(row.trust),
            ]
        )
    totals = data.totals
    beats.append(
        [
            "",
            gettext("Total"),
            "",
            totals.population,
            totals.meetings,
            totals.attendance,
            totals.rounds,
            totals.appeals_received,
            totals.appeals_answered,
            totals.appeals_overdue,
            totals.consultations,
            totals.preventive_visits,
            totals.problems_resolved,
            totals.joint_actions,
            _blank(totals.compliance_percent),
            totals.proposals_raised,
            totals.proposals_done,
            gettext("%(published)s of %(beats)s published")
            % {"published": totals.reports_published, "beats": totals.beats},
            *_trust_cells(totals.trust),
        ]
    )
    stats = tablib.Dataset(
        headers=[
            gettext("Category"),
            quarter.label,
            quarter.same_quarter_last_year().label,
            gettext("Change, %"),
            gettext("Trend"),
        ],
        title=gettext("Statistics"),
    )
    for row in [*data.statistics, data.statistics_total]:
        stats.append(
            [
                safe_cell(row.category),
                _blank(row.current),
                _blank(row.previous),
                _blank(row.change_percent),
                row.trend_label,
            ]
        )
    return tablib.Databook([beats, stats])
