"""Reads behind the supervisor's view of a department: per-beat figures and workload.

One query fetches the beats, one grouped query the appeals of those beats (overdue, and
received in the last 90 days) and one the meetings held this quarter with their
attendance; the checklist engine adds a fixed number of batched queries. Nothing
here runs a query per beat, so the page and its exports stay flat.
"""

import datetime
from dataclasses import dataclass, field

import tablib
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from districts import checklist, workload
from districts.models import Appeal, AppealStatus, Beat, Meeting, MeetingStatus
from districts.trust_index import TrustIndex, trust_by_beat, trust_for_beats
from portal.periods import Quarter, aware_bounds, last_completed_quarter, quarter_of
from portal.spreadsheets import safe_cell

LEVEL_ORDER = {"low": 0, "medium": 1, "high": 2}
DEFAULT_SORT = "beat"

BAND_LABELS = {
    workload.OVERLOADED_BAND: _("overloaded"),
    workload.UNDERLOADED_BAND: _("underloaded"),
    workload.BALANCED_BAND: _("balanced"),
}


@dataclass
class BeatRow:
    beat: Beat
    position: int  # place in the default order (department, number)
    compliance: float  # share of checklist items done, 0..1
    overdue_appeals: int
    recent_appeals: int
    meetings_held: int
    attendance: int
    workload: float
    relative_load: float | None = None
    band: str | None = None
    trust: TrustIndex | None = None  # residents' trust, the last completed quarter

    @property
    def inspector(self):
        return self.beat.inspector

    @property
    def compliance_percent(self):
        return round(self.compliance * 100, 1)

    @property
    def band_label(self):
        return BAND_LABELS.get(self.band, "")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True
    wide_only: bool = False  # hidden on phones, shown from md up


# The table's columns; every key is also a sort key (?sort=key or ?sort=-key).
COLUMNS = (
    Column("beat", _("Beat"), numeric=False),
    Column("inspector", _("Inspector"), numeric=False),
    Column("population", _("Population"), wide_only=True),
    Column("area", _("Area, km²"), wide_only=True),
    Column("level", _("Criminogenic level"), numeric=False, wide_only=True),
    Column("compliance", _("Checklist, %")),
    Column("overdue", _("Overdue appeals")),
    Column("meetings", _("Meetings this quarter"), wide_only=True),
    Column("attendance", _("Attendance this quarter"), wide_only=True),
    Column("workload", _("Workload index")),
    Column("load", _("Inspector's load vs average")),
    Column("trust", _("Residents' trust, % (last quarter)")),
)


def _text_key(value):
    return value.casefold() if value else None


SORT_KEYS = {
    "beat": lambda r: r.position,
    "inspector": lambda r: _text_key(str(r.inspector)) if r.inspector else None,
    "population": lambda r: r.beat.population,
    "area": lambda r: r.beat.area_km2,
    "level": lambda r: LEVEL_ORDER.get(r.beat.criminogenic_level),
    "compliance": lambda r: r.compliance,
    "overdue": lambda r: r.overdue_appeals,
    "meetings": lambda r: r.meetings_held,
    "attendance": lambda r: r.attendance,
    "workload": lambda r: r.workload,
    "load": lambda r: r.relative_load,
    "trust": lambda r: r.trust.share if r.trust else None,
}


def parse_sort(value) -> tuple[str, bool]:
    """(key, descending) from `?sort=key` / `?sort=-key`; anything unknown → default order."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in SORT_KEYS:
        return DEFAULT_SORT, False
    return key, descending


def sort_rows(rows, key, descending=False):
    """Rows sorted by a whitelisted key; empty values (no inspector) always go last.

    The sort is stable, so equal values keep the default order in both directions.
    """
    getter = SORT_KEYS[key]
    present = [r for r in rows if getter(r) is not None]
    missing = [r for r in rows if getter(r) is None]
    return sorted(present, key=getter, reverse=descending) + missing


def _by_beat(queryset, beat_ids, **aggregates):
    """{beat id: {name: value}} of `aggregates` over the rows of the beats, one grouped query."""
    rows = queryset.filter(beat__in=beat_ids).order_by().values("beat").annotate(**aggregates)
    return {row.pop("beat"): row for row in rows}


def beats_with_figures(beats: QuerySet, *, today) -> list:
    """`beats` (already scoped) with the counts the department view needs: the beats, then
    one grouped query for the appeals and one for the meetings of those beats (no
    subquery per beat)."""
    beat_list = list(beats.select_related("inspector").order_by(*Beat._meta.ordering))
    beat_ids = [beat.pk for beat in beat_list]
    quarter_start, quarter_end = aware_bounds(quarter_of(today).period)
    window_start = today - datetime.timedelta(days=workload.APPEAL_WINDOW_DAYS - 1)
    overdue = Q(due_on__lt=today) & ~Q(status=AppealStatus.ANSWERED)
    recent = Q(received_on__gte=window_start, received_on__lte=today)
    appeals = _by_beat(
        Appeal.objects.filter(overdue | recent),
        beat_ids,
        overdue=Count("pk", filter=overdue),
        recent=Count("pk", filter=recent),
    )
    held = _by_beat(
        Meeting.objects.filter(
            status=MeetingStatus.HELD, held_at__gte=quarter_start, held_at__lt=quarter_end
        ),
        beat_ids,
        n=Count("pk"),
        attendance=Sum("attendance"),
    )
    for beat in beat_list:
        beat_appeals, beat_held = appeals.get(beat.pk, {}), held.get(beat.pk, {})
        beat.overdue_appeals = beat_appeals.get("overdue", 0)
        beat.recent_appeals = beat_appeals.get("recent", 0)
        beat.meetings_held = beat_held.get("n", 0)
        beat.attendance = beat_held.get("attendance") or 0
    return beat_list


@dataclass
class InspectorLoad:
    inspector: object
    index: float
    relative: float
    band: str
    beat_count: int

    @property
    def band_label(self):
        return BAND_LABELS.get(self.band, "")


@dataclass
class Bar:
    load: InspectorLoad
    label_y: int
    bar_y: int
    text_y: int
    # SVG coordinates are pre-formatted: a localised template would write "12,5".
    width: str
    value_x: str


@dataclass
class BarChart:
    """Geometry of a horizontal bar chart, drawn as inline SVG by the template."""

    bars: list
    width: int
    height: int
    bar_height: int
    mean_x: str | None
    axis_y: int


CHART_WIDTH = 400
CHART_BAR_SPACE = 290  # the longest bar; the rest of the width holds its value
CHART_ROW = 44
CHART_BAR_HEIGHT = 18
CHART_FOOTER = 24


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def bar_chart(loads: list, mean: float) -> BarChart:
    """Bars of the inspectors' indexes, scaled to the largest, with the mean as a line."""
    top = max((load.index for load in loads), default=0) or 1
    bars = []
    for number, load in enumerate(loads):
        y = number * CHART_ROW
        width = load.index / top * CHART_BAR_SPACE
        bars.append(
            Bar(
                load,
                label_y=y + 14,
                bar_y=y + 20,
                text_y=y + 20 + CHART_BAR_HEIGHT - 4,
                width=_coordinate(width),
                value_x=_coordinate(width + 6),
            )
        )
    rows_height = len(loads) * CHART_ROW
    return BarChart(
        bars=bars,
        width=CHART_WIDTH,
        height=rows_height + CHART_FOOTER,
        bar_height=CHART_BAR_HEIGHT,
        mean_x=_coordinate(mean / top * CHART_BAR_SPACE) if loads else None,
        axis_y=rows_height + 16,
    )


@dataclass
class DepartmentOverview:
    rows: list = field(default_factory=list)
    inspectors: list = field(default_factory=list)  # InspectorLoad, heaviest first
    mean_index: float = 0.0
    sort_key: str = DEFAULT_SORT
    descending: bool = False
    chart: BarChart | None = None
    trust_quarter: Quarter | None = None  # the quarter of the rows' trust index
    trust_total: TrustIndex | None = None  # every answer of the department's beats pooled

    @property
    def sort(self):
        return f"-{self.sort_key}" if self.descending else self.sort_key


def department_overview(*, beats: QuerySet, sort=None, today=None) -> DepartmentOverview:
    """Every beat of `beats` with its figures, workload and its inspector's relative load."""
    today = today or timezone.localdate()
    key, descending = parse_sort(sort)
    beat_list = beats_with_figures(beats, today=today)
    shares = checklist.compliance([b.pk for b in beat_list], day=today) if beat_list else {}
    rows = [
        BeatRow(
            beat=beat,
            position=position,
            compliance=shares.get(beat.pk, 1.0),
            overdue_appeals=beat.overdue_appeals,
            recent_appeals=beat.recent_appeals,
            meetings_held=beat.meetings_held,
            attendance=beat.attendance,
            workload=workload.beat_index(
                population=beat.population,
                area_km2=beat.area_km2,
                level=beat.criminogenic_level,
                recent_appeals=beat.recent_appeals,
            ),
        )
        for position, beat in enumerate(beat_list)
    ]
    # The survey's trust index beside the workload: one query for every beat.
    trust_quarter = last_completed_quarter(today)
    trust = trust_by_beat([row.beat.pk for row in rows], [trust_quarter])
    for row in rows:
        row.trust = trust[(row.beat.pk, trust_quarter)]
    indexes = workload.inspector_indexes((r.beat.inspector_id, r.workload) for r in rows)
    relative = workload.relative_loads(indexes)
    inspectors = {r.beat.inspector_id: r.beat.inspector for r in rows if r.beat.inspector_id}
    beat_counts: dict = {}
    for row in rows:
        row.relative_load = relative.get(row.beat.inspector_id)
        row.band = workload.load_band(row.relative_load)
        if row.beat.inspector_id:
            beat_counts[row.beat.inspector_id] = beat_counts.get(row.beat.inspector_id, 0) + 1
    loads = sorted(
        (
            InspectorLoad(
                inspector=inspectors[pk],
                index=index,
                relative=relative[pk],
                band=workload.load_band(relative[pk]),
                beat_count=beat_counts[pk],
            )
            for pk, index in indexes.items()
        ),
        key=lambda load: (-load.index, str(load.inspector).casefold()),
    )
    mean = sum(indexes.values()) / len(indexes) if indexes else 0.0
    return DepartmentOverview(
        rows=sort_rows(rows, key, descending),
        inspectors=loads,
        mean_index=mean,
        sort_key=key,
        descending=descending,
        chart=bar_chart(loads, mean),
        trust_quarter=trust_quarter,
        trust_total=trust_for_beats([row.beat.pk for row in rows], trust_quarter) if rows else None,
    )


# --- export -------------------------------------------------------------------------------


def export_dataset(overview: DepartmentOverview) -> tablib.Dataset:
    """The department table as a tablib Dataset: translated headers, numbers as numbers.

    Staff data only (beat and inspector names); nothing about residents.
    """
    headers = [
        gettext("Code"),
        gettext("Beat"),
        gettext("Inspector"),
        gettext("Population"),
        gettext("Area, km²"),
        gettext("Criminogenic level"),
        gettext("Checklist, %"),
        gettext("Overdue appeals"),
        gettext("Meetings this quarter"),
        gettext("Attendance this quarter"),
        gettext("Appeals in 90 days"),
        gettext("Workload index"),
        gettext("Inspector's load vs average"),
        gettext("Load"),
        gettext("Residents' trust, %"),
        gettext("Survey answers"),
    ]
    dataset = tablib.Dataset(headers=headers, title=gettext("Department"))
    for row in overview.rows:
        beat = row.beat
        dataset.append(
            [
                safe_cell(beat.code),
                safe_cell(beat),
                safe_cell(beat.inspector) if beat.inspector else "",
                beat.population,
                beat.area_km2,
                str(beat.get_criminogenic_level_display()),
                row.compliance_percent,
                row.overdue_appeals,
                row.meetings_held,
                row.attendance,
                row.recent_appeals,
                round(row.workload, 2),
                round(row.relative_load, 2) if row.relative_load is not None else "",
                str(row.band_label),
                row.trust.percent if row.trust and row.trust.percent is not None else "",
                row.trust.total if row.trust else 0,
            ]
        )
    return dataset
