"""The shape of a published report's snapshot (ReportRevision.snapshot).

Assembled by reports.assembly from the logged work when a report is published, then
never changed. The resident page, the PDF, the open-data API and the area roll-up all
read this structure. It holds no personal data: no names of residents, assistants or
volunteers, no addresses of preventive visits (counts only), no IIN or phone of anyone
but the inspector's work phone and the police point's public phone.

`summary` is the inspector's own words. The figures "in brief" next to it (offences against
last year, meetings, rounds, appeals, proposals answered…) are not stored apart: the template
(templates/reports/_snapshot.html) computes them from `statistics`, `residents`,
`proposals`, `joint_work` and `measures` of the same snapshot, so they always agree with the
table, and a correction, which assembles a new snapshot, cannot leave a stale total.

`trust` is the residents' trust survey of the quarter (trust.selectors.report_trust): counts,
the share and its 95 % interval, or only the sample size when it is below the minimum, the
problems named most and the trend of the last four quarters; never an answer or a comment.
Snapshots published before the survey existed have no `trust`, and every reader treats it
as optional.

Version 1 is the only shape so far; a change of shape bumps SCHEMA_VERSION, and the pages,
the PDF and the API keep reading the older versions (published revisions never change).
"""

from typing import NotRequired, TypedDict

from portal.periods import Quarter

SCHEMA_VERSION = 1

# A proposal the report answers: taken into the work plan, done, or declined with a reason.
ANSWERED_PROPOSAL_STATUSES = ("planned", "done", "declined")


class Inspector(TypedDict):
    name: str
    rank: str
    phone: str


class PolicePoint(TypedDict):
    name: str
    address: str
    phone: str
    reception_hours: str


class Beat(TypedDict):
    code: str
    number: int
    area: str
    population: int
    police_point: PolicePoint
    inspector: Inspector | None


class Period(TypedDict):
    year: int
    quarter: int
    start: str  # ISO date, inclusive
    end: str  # ISO date, inclusive


class StatisticRow(TypedDict):
    category: str  # in the snapshot's language
    code: str
    current: int | None
    previous: int | None  # the same period of the previous year (АППГ)
    change_percent: float | None
    trend: str  # "up" | "down" | "same" | "unknown"


class Statistics(TypedDict):
    rows: list[StatisticRow]
    total: StatisticRow


class ProblemResolved(TypedDict):
    kind: str
    place: str  # the problem place (a yard, a street corner): not a home address
    resolved_on: str


class Measures(TypedDict):
    text: str
    problems_resolved: list[ProblemResolved]
    submissions: int  # submissions to remove causes and conditions


class Residents(TypedDict):
    meetings: int
    attendance: int
    rounds: int
    apartments_visited: int
    appeals_received: int
    appeals_answered: int
    consultations: int
    preventive_visits: int  # a count only


class JointActionItem(TypedDict):
    title: str
    date: str
    people_reached: int | None
    partners: list[str]


class JointWork(TypedDict):
    actions: list[JointActionItem]
    partners: list[str]
    assistants: int  # how many public assistants took part (no names)
    assistant_hours: float
    volunteers: int
    volunteer_hours: float


class ProposalOutcome(TypedDict):
    text: str
    status: str  # ProposalStatus value; answered: ANSWERED_PROPOSAL_STATUSES
    status_label: str
    outcome: str
    source: NotRequired[str]  # ProposalSource value; snapshots before 2026-12 lack it


class PositiveCase(TypedDict):
    title: str
    story: str
    date: str


class PlanItem(TypedDict):
    title: str
    due_on: str


class Plan(TypedDict):
    text: str
    items: list[PlanItem]


class NextMeeting(TypedDict):
    at: str | None  # ISO date-time with offset
    place: str


class TrustFigures(TypedDict):
    total: int  # the sample size
    positive: int | None  # None when suppressed (below min_sample answers)
    share: float | None
    low: float | None  # 95 % Wilson interval
    high: float | None
    suppressed: bool
    min_sample: int


class TrustQuarter(TrustFigures):
    year: int
    quarter: int


class TrustProblem(TypedDict):
    code: str
    label: str  # in the snapshot's language
    count: int


class Trust(TrustFigures):
    problems: list[TrustProblem]
    trend: list[TrustQuarter]  # the last four quarters, oldest first, this one last


class Snapshot(TypedDict):
    schema: int
    language: str
    beat: Beat
    period: Period
    summary: str
    statistics: Statistics
    measures: Measures
    residents: Residents
    joint_work: JointWork
    proposals: list[ProposalOutcome]  # "you proposed — we did"
    positive_cases: list[PositiveCase]
    plan: Plan
    next_meeting: NextMeeting
    trust: NotRequired[Trust]  # absent from snapshots published before the survey


def example(*, beat_code="almaly-01", year=2026, quarter=3) -> Snapshot:
    """A complete snapshot with realistic values, for tests and documentation."""
    row = {
        "category": "Кражи",
        "code": "theft",
        "current": 6,
        "previous": 8,
        "change_percent": -25.0,
        "trend": "down",
    }
    return {
        "schema": SCHEMA_VERSION,
        "language": "ru",
        "beat": {
            "code": beat_code,
            "number": 1,
            "area": "Алмалинский район",
            "population": 6800,
            "police_point": {
                "name": "УПП № 1 «Жибек Жолы»",
                "address": "ул. Желтоксан, 137",
                "phone": "+7 727 272 11 00",
                "reception_hours": "Пн–Пт 9:00–18:00",
            },
            "inspector": {
                "name": "Сапаров Ерлан Маратович",
                "rank": "капитан полиции",
                "phone": "+7 727 272 31 17",
            },
        },
        "period": {
            "year": year,
            "quarter": quarter,
            "start": f"{year}-07-01",
            "end": f"{year}-09-30",
        },
        "summary": "Обстановка на участке стабильная.",
        "statistics": {"rows": [row], "total": {**row, "category": "Всего", "code": "total"}},
        "measures": {
            "text": "Внесено представление об освещении двора.",
            "problems_resolved": [
                {
                    "kind": "Плохо освещённый двор",
                    "place": "Двор домов 12–14",
                    "resolved_on": f"{year}-08-15",
                }
            ],
            "submissions": 1,
        },
        "residents": {
            "meetings": 4,
            "attendance": 120,
            "rounds": 12,
            "apartments_visited": 480,
            "appeals_received": 9,
            "appeals_answered": 8,
            "consultations": 31,
            "preventive_visits": 10,
        },
        "joint_work": {
            "actions": [
                {
                    "title": "Безопасный двор",
                    "date": f"{year}-08-20",
                    "people_reached": 150,
                    "partners": ["ОСИ «Бахыт-10»"],
                }
            ],
            "partners": ["ОСИ «Бахыт-10»", "школа № 9"],
            "assistants": 3,
            "assistant_hours": 18.0,
            "volunteers": 5,
            "volunteer_hours": 20.0,
        },
        "proposals": [
            {
                "text": "Установить освещение во дворе",
                "status": "done",
                "status_label": "Выполнено",
                "outcome": "Освещение установлено акиматом",
                "source": "meeting",
            }
        ],
        "positive_cases": [
            {
                "title": "Вернули потерявшегося ребёнка",
                "story": "Жители позвонили участковому.",
                "date": f"{year}-07-10",
            }
        ],
        "plan": {
            "text": "Провести рейды по дворам.",
            "items": [{"title": "Встреча с ОСИ", "due_on": f"{year}-10-20"}],
        },
        "next_meeting": {"at": f"{year}-10-25T18:00:00+05:00", "place": "Школа № 9, актовый зал"},
        "trust": {
            **_trust_figures(8, 10),
            "problems": [{"code": "lighting", "label": "Тёмные дворы и улицы", "count": 4}],
            "trend": [
                {"year": q.year, "quarter": q.number, **_trust_figures(*counts)}
                for q, counts in zip(
                    _four_quarters(year, quarter),
                    [(None, 6), (7, 12), (9, 14), (8, 10)],
                    strict=True,
                )
            ],
        },
    }


def _four_quarters(year, quarter):
    last = Quarter(year, quarter)
    return [
        last.previous().previous().previous(),
        last.previous().previous(),
        last.previous(),
        last,
    ]


def _trust_figures(positive, total):
    """Figures of a trust index for the example (Wilson 95 % bounds worked out by hand)."""
    known = {(8, 10): (0.4902, 0.9433), (7, 12): (0.3195, 0.8067), (9, 14): (0.3876, 0.8366)}
    if positive is None:
        return {
            "total": total,
            "positive": None,
            "share": None,
            "low": None,
            "high": None,
            "suppressed": True,
            "min_sample": 10,
        }
    low, high = known[(positive, total)]
    return {
        "total": total,
        "positive": positive,
        "share": round(positive / total, 4),
        "low": low,
        "high": high,
        "suppressed": False,
        "min_sample": 10,
    }
