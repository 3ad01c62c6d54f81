"""Public events for residents: the calendar page, the beat page, iCal, each event's own
page and the archive of past events.

Three sources, one shape: public joint actions (announced to residents), open sessions of
public councils, and meetings the inspector announced (report meetings among them). An
event carries no personal data: no assistants, no volunteers, no contacts of partner
organisations, only their names; its outcome (after the event) gives counts, the action's
results and the council's decisions, never who came or what a resident wrote.

A fixed number of queries whatever the amount of data: one per source plus two prefetches
of the actions' beats and partner names; an event's page adds one for its outcome.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import CouncilSession, JointAction, PartnerOrganization
from districts.models import Beat, Meeting, MeetingKind, MeetingStatus, ProposalStatus

DEFAULT_LIMIT = 100
# Meetings and sessions have a start only; calendars get this length.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


class EventKind:
    ACTION = "action"
    SESSION = "session"
    REPORT_MEETING = "report_meeting"
    MEETING = "meeting"

    labels = {
        ACTION: _("Joint action"),
        SESSION: _("Open session of the public council"),
        REPORT_MEETING: _("Report meeting of the inspector"),
        MEETING: _("Meeting with residents"),
    }


@dataclass(frozen=True)
class EventBeat:
    code: str
    number: int

    @property
    def label(self):
        return _("Beat No. %(number)s") % {"number": self.number}

    @property
    def url(self):
        return reverse("beat-detail", kwargs={"code": self.code})


@dataclass(frozen=True)
class PublicEvent:
    uid: str  # "action-12": unique and stable; the feed adds "@host"
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    area_id: int
    area_name: str
    beats: tuple[EventBeat, ...] = ()
    partners: tuple[str, ...] = ()
    subtitle: str = ""  # the campaign, or the police body of the council
    description: str = ""

    @property
    def kind_label(self):
        return EventKind.labels[self.kind]

    @property
    def anchor(self):
        return self.uid

    @property
    def source(self):
        """The record kind in the event's address: "action", "session" or "meeting"."""
        return self.uid.split("-", 1)[0]

    @property
    def pk(self):
        return int(self.uid.split("-", 1)[1])

    @property
    def url(self):
        """The event's own public page (agenda, place, beats; its outcome once it is over)."""
        return reverse("event-detail", kwargs={"source": self.source, "pk": self.pk})

    @property
    def location(self):
        return ", ".join(p for p in (self.place, self.area_name) if p)


def _area_id(area):
    return getattr(area, "pk", area)


def _action_queryset():
    return (
        JointAction.objects.filter(is_public=True)
        .select_related("area", "campaign")
        .prefetch_related(
            Prefetch("beats", queryset=Beat.objects.only("pk", "code", "number")),
            Prefetch("partners", queryset=PartnerOrganization.objects.only("pk", "name")),
        )
    )


def _action_event(action):
    beats = sorted(action.beats.all(), key=lambda b: (b.number, b.pk))
    return PublicEvent(
        uid=f"action-{action.pk}",
        kind=EventKind.ACTION,
        title=action.title,
        starts_at=action.starts_at,
        ends_at=action.ends_at,
        place=action.place,
        area_id=action.area_id,
        area_name=action.area.name,
        beats=tuple(EventBeat(b.code, b.number) for b in beats),
        partners=tuple(sorted(p.name for p in action.partners.all())),
        subtitle=action.campaign.name if action.campaign_id else "",
    )


def _actions(now, area, beat, limit):
    queryset = _action_queryset().filter(ends_at__gte=now).order_by("starts_at", "pk")
    if area is not None:
        queryset = queryset.filter(area_id=_area_id(area))
    if beat is not None:
        queryset = queryset.filter(beats=beat)
    for action in queryset[:limit]:
        yield _action_event(action)


def _session_queryset():
    return CouncilSession.objects.filter(is_open=True).select_related("council__department__area")


def _session_event(session):
    council = session.council
    return PublicEvent(
        uid=f"session-{session.pk}",
        kind=EventKind.SESSION,
        title=council.name,
        starts_at=session.held_at,
        ends_at=session.held_at + DEFAULT_LENGTH,
        place=session.place,
        area_id=council.department.area_id,
        area_name=council.department.area.name,
        subtitle=council.department.name,
        description=session.agenda,
    )


def _sessions(now, area, beat, limit):
    if beat is not None:
        return  # a council serves a whole police body, not a beat
    queryset = _session_queryset().filter(held_at__gte=now).order_by("held_at", "pk")
    if area is not None:
        queryset = queryset.filter(council__department__area_id=_area_id(area))
    for session in queryset[:limit]:
        yield _session_event(session)


def _meeting_queryset():
    return Meeting.objects.filter(is_public=True).select_related(
        "beat__police_point__department__area"
    )


def _meeting_event(meeting):
    report = meeting.kind == MeetingKind.REPORT
    area_obj = meeting.beat.police_point.department.area
    event_beat = EventBeat(meeting.beat.code, meeting.beat.number)
    return PublicEvent(
        uid=f"meeting-{meeting.pk}",
        kind=EventKind.REPORT_MEETING if report else EventKind.MEETING,
        title=f"{meeting.get_kind_display()} · {event_beat.label}",
        starts_at=meeting.held_at,
        ends_at=meeting.held_at + DEFAULT_LENGTH,
        place=meeting.place,
        area_id=area_obj.pk,
        area_name=area_obj.name,
        beats=(event_beat,),
        description=meeting.topics,
    )


def _meetings(now, area, beat, limit):
    queryset = (
        _meeting_queryset()
        .filter(status=MeetingStatus.PLANNED, held_at__gte=now)
        .order_by("held_at", "pk")
    )
    if area is not None:
        queryset = queryset.filter(beat__police_point__department__area_id=_area_id(area))
    if beat is not None:
        queryset = queryset.filter(beat=beat)
    for meeting in queryset[:limit]:
        yield _meeting_event(meeting)


def upcoming_public_events(*, area=None, beat=None, now=None, limit=DEFAULT_LIMIT):
    """Public events not yet over, soonest first, at most `limit`.

    `area` (an Area or its id) and `beat` (a Beat) narrow the list; with a beat only the
    events of that beat are given (joint actions covering it, its inspector's meetings).
    """
    now = now or timezone.now()
    events = [
        *_actions(now, area, beat, limit),
        *_sessions(now, area, beat, limit),
        *_meetings(now, area, beat, limit),
    ]
    events.sort(key=lambda e: (e.starts_at, e.uid))
    return events[:limit]


# --- one event's page --------------------------------------------------------------------------

SOURCES = ("action", "session", "meeting")


class EventState:
    UPCOMING = "upcoming"
    PAST = "past"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class EventOutcome:
    """What came of an event, as public records hold it; None of a field: not recorded."""

    attendance: int | None = None
    proposals: int | None = None
    proposals_taken: int | None = None  # taken into the work plan or done
    people_reached: int | None = None
    results: str = ""
    decisions: tuple[str, ...] = ()

    @property
    def is_empty(self):
        counts = (self.attendance, self.proposals, self.people_reached)
        return all(c is None for c in counts) and not self.results and not self.decisions


@dataclass(frozen=True)
class EventPage:
    event: PublicEvent
    state: str
    outcome: EventOutcome | None = None  # only once the event is over


def _action_page(pk, now):
    action = _action_queryset().filter(pk=pk).first()
    if action is None:
        return None
    event = _action_event(action)
    if action.ends_at >= now:
        return EventPage(event, EventState.UPCOMING)
    outcome = EventOutcome(people_reached=action.people_reached, results=action.results)
    return EventPage(event, EventState.PAST, outcome)


def _session_page(pk, now):
    session = _session_queryset().filter(pk=pk).first()
    if session is None:
        return None
    event = _session_event(session)
    if session.held_at >= now:
        return EventPage(event, EventState.UPCOMING)
    decisions = tuple(session.decisions.order_by("pk").values_list("text", flat=True))
    return EventPage(event, EventState.PAST, EventOutcome(decisions=decisions))


def _meeting_page(pk, now):
    meeting = _meeting_queryset().filter(pk=pk).first()
    if meeting is None:
        return None
    event = _meeting_event(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return EventPage(event, EventState.CANCELLED)
    if meeting.held_at >= now:
        return EventPage(event, EventState.UPCOMING)
    if meeting.status != MeetingStatus.HELD:
        return EventPage(event, EventState.PAST)  # the inspector has not recorded it yet
    taken = (ProposalStatus.PLANNED, ProposalStatus.DONE)
    counts = meeting.proposals.aggregate(
        total=Count("pk"), taken=Count("pk", filter=Q(status__in=taken))
    )
    outcome = EventOutcome(
        attendance=meeting.attendance, proposals=counts["total"], proposals_taken=counts["taken"]
    )
    return EventPage(event, EventState.PAST, outcome)


def public_event_page(*, source: str, pk: int, now=None) -> EventPage | None:
    """A public event by its address (`source`, `pk`), or None when there is no such public
    event (an internal action, a closed session, an unannounced meeting)."""
    pages = {"action": _action_page, "session": _session_page, "meeting": _meeting_page}
    if source not in pages:
        return None
    return pages[source](pk, now or timezone.now())


# --- the archive -------------------------------------------------------------------------------

ARCHIVE_PAGE = 20
# Newest first by start, then by this rank of the source, then by id: a total order, so a
# page can start right after the last event of the one before (keyset paging).
SOURCE_RANK = {"action": 0, "meeting": 1, "session": 2}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class ArchiveCursor:
    """Where a page of the archive ends: the last event's start, source and id."""

    starts_at: datetime.datetime
    source: str
    pk: int

    def encode(self) -> str:
        return f"{(self.starts_at - EPOCH) // MICROSECOND}.{self.source}.{self.pk}"

    @classmethod
    def decode(cls, raw):
        """The cursor written by `encode`, or None for anything else."""
        parts = (raw or "").split(".")
        if len(parts) != 3 or parts[1] not in SOURCE_RANK:
            return None
        micros, source, pk = parts
        if not (micros.isdigit() and pk.isdigit() and len(micros) <= 17 and len(pk) <= 18):
            return None
        try:
            starts_at = EPOCH + int(micros) * MICROSECOND
        except OverflowError:
            return None
        return cls(starts_at, source, int(pk))

    @classmethod
    def of(cls, event):
        return cls(event.starts_at, event.source, event.pk)


def _before(cursor, source, field):
    """The rows of `source` that come after `cursor` in the archive's order."""
    if cursor is None:
        return Q()
    rank, cursor_rank = SOURCE_RANK[source], SOURCE_RANK[cursor.source]
    if rank < cursor_rank:
        return Q(**{f"{field}__lte": cursor.starts_at})
    if rank > cursor_rank:
        return Q(**{f"{field}__lt": cursor.starts_at})
    return Q(**{f"{field}__lt": cursor.starts_at}) | Q(
        **{field: cursor.starts_at, "pk__lt": cursor.pk}
    )


def past_public_events(*, area=None, beat_ids=None, before=None, now=None, limit=ARCHIVE_PAGE):
    """Public events that are over, newest first: one page of `limit` and the cursor of the
    next page (None on the last one).

    `area` (an Area or its id) and `beat_ids` (the beats of a number in that area) narrow
    the list; `before` is an ArchiveCursor from the page before.
    """
    now = now or timezone.now()
    actions = (
        _action_queryset()
        .filter(_before(before, "action", "starts_at"), ends_at__lt=now)
        .order_by("-starts_at", "-pk")
    )
    sessions = (
        _session_queryset()
        .filter(_before(before, "session", "held_at"), held_at__lt=now)
        .order_by("-held_at", "-pk")
    )
    meetings = (
        _meeting_queryset()
        .filter(
            _before(before, "meeting", "held_at"),
            held_at__lt=now,
            status__in=(MeetingStatus.PLANNED, MeetingStatus.HELD),
        )
        .order_by("-held_at", "-pk")
    )
    if area is not None:
        actions = actions.filter(area_id=_area_id(area))
        sessions = sessions.filter(council__department__area_id=_area_id(area))
        meetings = meetings.filter(beat__police_point__department__area_id=_area_id(area))
    if beat_ids is not None:
        covering = JointAction.beats.through.objects.filter(beat_id__in=beat_ids)
        actions = actions.filter(pk__in=covering.values("jointaction_id"))
        sessions = sessions.none()  # a council serves a whole police body, not a beat
        meetings = meetings.filter(beat_id__in=beat_ids)
    events = [
        *(_action_event(a) for a in actions[: limit + 1]),
        *(_session_event(s) for s in (sessions[: limit + 1] if beat_ids is None else ())),
        *(_meeting_event(m) for m in meetings[: limit + 1]),
    ]
    events.sort(key=lambda e: (e.starts_at, SOURCE_RANK[e.source], e.pk), reverse=True)
    page = events[:limit]
    next_cursor = ArchiveCursor.of(page[-1]) if len(events) > limit else None
    return page, next_cursor
