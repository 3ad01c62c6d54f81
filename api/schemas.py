"""Response schemas of the open-data API (documented in /api/v1/openapi.json).

Everything here is public by design: the territory, the police point, the inspector's
work contacts, published report snapshots and announced public events. There is no
field for anything personal (IIN, home address, private phone, birth date, photo, the
name or contact of a resident): a value the schemas do not declare never leaves the API.

The report snapshot schemas mirror the contract in reports/snapshot.py field by field;
tests/reports/test_api.py fails when the contract gains a field the API would drop.
"""

import datetime

from ninja import Field, Schema

from portal.models import PoliceRank

RANK_CODES = ", ".join(f'"{code}"' for code in PoliceRank.values)

# --- common -----------------------------------------------------------------------------------


class Area(Schema):
    id: int
    name: str


class Page(Schema):
    """Limit/offset paging: `next` and `previous` are absolute URLs or null."""

    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


class ApiIndex(Schema):
    openapi: str
    beats: str
    reports: str
    events: str


# --- beats ------------------------------------------------------------------------------------


class PolicePoint(Schema):
    name: str
    address: str
    phone: str = Field(description="The public phone of the police point.")
    reception_hours: str


class Inspector(Schema):
    """The district inspector's work data: never a private phone or address."""

    name: str
    rank: str = Field(description=f"The rank's code, one of {RANK_CODES}; empty when not given.")
    rank_label: str = Field(
        description=(
            "The rank as written before the name, in the language of the request "
            "(Accept-Language): «капитан полиции», «полиция капитаны»."
        )
    )
    phone: str = Field(description="Work phone; empty when not given.")


class Street(Schema):
    name_ru: str
    name_kk: str
    houses: str = Field(description="House numbers and ranges; empty for the whole street.")


class MessengerGroup(Schema):
    label: str = Field(description="The house or block, in the language of the request.")
    platform: str = Field(description='"whatsapp" or "telegram".')
    url: str = Field(description="An https link to the group (WhatsApp or Telegram only).")


class Channels(Schema):
    """How residents reach the inspector besides the police point: public by nature."""

    inspector_reception_hours: str = Field(
        description="The inspector's own reception hours; empty: the police point's hours."
    )
    trust_phone: str = Field(description="The region's police trust phone; empty when not given.")
    messenger_groups: list[MessengerGroup]


class Beat(Schema):
    code: str
    number: int
    area: Area
    region: str
    population: int
    area_km2: float
    police_point: PolicePoint
    inspector: Inspector | None = Field(description="Null while no inspector is assigned.")
    channels: Channels
    url: str = Field(description="The beat's page on the portal.")


class BeatDetail(Beat):
    streets: list[Street]


class BeatPage(Page):
    count: int
    items: list[Beat]


# --- reports: the snapshot contract (reports/snapshot.py) --------------------------------------


class SnapshotInspector(Schema):
    name: str
    rank: str
    phone: str


class SnapshotPolicePoint(Schema):
    name: str
    address: str
    phone: str
    reception_hours: str


class SnapshotBeat(Schema):
    code: str
    number: int
    area: str
    population: int
    police_point: SnapshotPolicePoint
    inspector: SnapshotInspector | None


class Period(Schema):
    year: int
    quarter: int
    start: str = Field(description="ISO date, inclusive.")
    end: str = Field(description="ISO date, inclusive.")


class StatisticRow(Schema):
    category: str
    code: str
    current: int | None
    previous: int | None = Field(description="The same period of the previous year (АППГ).")
    change_percent: float | None
    trend: str = Field(description='"up", "down", "same" or "unknown".')


class Statistics(Schema):
    rows: list[StatisticRow]
    total: StatisticRow


class ProblemResolved(Schema):
    kind: str
    place: str
    resolved_on: str = Field(description="ISO date.")


class Measures(Schema):
    text: str
    problems_resolved: list[ProblemResolved]
    submissions: int


class Residents(Schema):
    meetings: int
    attendance: int
    rounds: int
    apartments_visited: int
    appeals_received: int
    appeals_answered: int
    consultations: int
    preventive_visits: int = Field(description="A count only.")


class JointActionItem(Schema):
    title: str
    date: str = Field(description="ISO date.")
    people_reached: int | None
    partners: list[str]


class JointWork(Schema):
    actions: list[JointActionItem]
    partners: list[str]
    assistants: int = Field(description="How many public assistants took part.")
    assistant_hours: float
    volunteers: int
    volunteer_hours: float


class ProposalOutcome(Schema):
    text: str
    status: str
    status_label: str
    outcome: str
    source: str | None = Field(
        None,
        description="`meeting` (raised at a report meeting) or `site` (sent from the beat's "
        "page and published as moderated); absent in reports published before December 2026.",
    )


class PositiveCase(Schema):
    title: str
    story: str
    date: str = Field(description="ISO date.")


class PlanItem(Schema):
    title: str
    due_on: str = Field(description="ISO date.")


class Plan(Schema):
    text: str
    items: list[PlanItem]


class NextMeeting(Schema):
    at: str | None = Field(description="ISO date-time with offset.")
    place: str


class TrustFigures(Schema):
    total: int = Field(description="Survey answers in the quarter (the sample size).")
    positive: int | None = Field(
        description="Answers that trust the inspector (4 or 5 of 5); null when suppressed."
    )
    share: float | None = Field(description="positive / total, 0..1; null when suppressed.")
    low: float | None = Field(description="Lower bound of the 95 % Wilson interval.")
    high: float | None = Field(description="Upper bound of the 95 % Wilson interval.")
    suppressed: bool = Field(
        description="True below min_sample answers: only the sample size is published."
    )
    min_sample: int


class TrustQuarter(TrustFigures):
    year: int
    quarter: int


class TrustProblem(Schema):
    code: str
    label: str
    count: int


class SnapshotTrust(TrustFigures):
    problems: list[TrustProblem] = Field(description="The problems residents named most.")
    trend: list[TrustQuarter] = Field(description="The last four quarters, oldest first.")


class Snapshot(Schema):
    schema_: int = Field(alias="schema", description="Version of the snapshot format.")
    language: str
    beat: SnapshotBeat
    period: Period
    summary: str = Field(
        description=(
            "The inspector's own words. The quarter's figures are not typed into it: read "
            "them from statistics.total, residents, proposals, joint_work and measures."
        )
    )
    statistics: Statistics
    measures: Measures
    residents: Residents
    joint_work: JointWork
    proposals: list[ProposalOutcome] = Field(description="You proposed — we did.")
    positive_cases: list[PositiveCase]
    plan: Plan
    next_meeting: NextMeeting
    trust: SnapshotTrust | None = Field(
        None,
        description=(
            "Residents' trust survey of the quarter; absent from reports published before "
            "the survey existed."
        ),
    )


class BeatTrust(Schema):
    """The residents' trust index of a beat, per completed quarter: the share of anonymous
    survey answers that trust the district inspector (4 or 5 on a 1–5 scale), the sample
    size and the 95 % Wilson interval. Counts only: never an answer or a comment."""

    beat: str = Field(description="The beat's code.")
    min_sample: int = Field(description="Below this many answers a quarter is suppressed.")
    quarters: list[TrustQuarter] = Field(description="Completed quarters, newest first.")


# --- reports ----------------------------------------------------------------------------------


class Translation(Schema):
    """The same revision of a report in another language."""

    id: int = Field(description="The other version's id: /api/v1/reports/{id}.")
    language: str = Field(description="Its language: kk (Kazakh) or ru (Russian).")
    url: str
    pdf_url: str
    sha256: str


class Report(Schema):
    """A published revision of a beat's quarterly report, in one language. A revision is
    published in Kazakh and in Russian: `translations` lists the other version."""

    id: int = Field(description="The version's id: /api/v1/reports/{id}.")
    beat: str = Field(description="The beat's code.")
    year: int
    quarter: int
    revision: int
    language: str = Field(description="The language of this version: kk (Kazakh) or ru (Russian).")
    published_at: datetime.datetime
    url: str = Field(description="The report's page on the portal.")
    pdf_url: str
    sha256: str = Field(description="SHA-256 of the stored PDF.")
    translations: list[Translation] = Field(
        description="The same revision in the other language; empty when published in one."
    )
    single_language_reason: str = Field(
        description="Why the revision is published in this language only; empty otherwise."
    )


class RevisionRef(Schema):
    id: int
    revision: int
    language: str
    published_at: datetime.datetime
    reason: str = Field(description="Why a correction was published; empty for the first.")


class ReportDetail(Report):
    reason: str
    is_latest: bool
    latest_id: int
    revisions: list[RevisionRef] = Field(
        description="Every published revision in this version's language, newest first."
    )
    snapshot: Snapshot


class ReportPage(Page):
    count: int
    items: list[Report]


# --- events -----------------------------------------------------------------------------------


class EventBeat(Schema):
    code: str
    number: int
    url: str


class Event(Schema):
    id: str = Field(description='Stable identifier, e.g. "action-12".')
    kind: str = Field(description='"action", "session", "report_meeting" or "meeting".')
    kind_label: str
    title: str
    subtitle: str
    description: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    area: Area
    beats: list[EventBeat]
    partners: list[str] = Field(description="Names of partner organisations.")
    url: str = Field(
        description="The event's page on the portal; its outcome there once it is over."
    )


class EventPage(Page):
    items: list[Event]


class Error(Schema):
    detail: str


class Problem(Schema):
    """One invalid part of a request: `loc` names where (["query", "limit"]), `msg` why."""

    type: str
    loc: list[str | int]
    msg: str


class ValidationError(Schema):
    """A 422: the request's parameters, path or query string cannot be read."""

    detail: list[Problem]
