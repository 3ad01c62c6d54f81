"""Upcoming public events for residents: the public calendar page, the beat page and iCal.

Three sources, one shape: public joint actions (announced to residents and not yet over),
open sessions of public councils, and planned meetings the inspector announced (report
meetings among them). An event carries no personal data: no assistants, no volunteers,
no contacts of partner organisations, only their names.

A fixed number of queries whatever the amount of data: one per source plus two prefetches
of the actions' beats and partner names.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from councils.models import CouncilSession, JointAction, PartnerOrganization
from districts.models import Beat, Meeting, MeetingKind, MeetingStatus

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
    def url(self):
        """The public page of the event: its beat's page, or the area's calendar."""
        if self.beats:
            return self.beats[0].url
        return f"{reverse('events')}?{urlencode({'area': self.area_id})}#{self.anchor}"

    @property
    def location(self):
        return ", ".join(p for p in (self.place, self.area_name) if p)


def _area_id(area):
    return getattr(area, "pk", area)


def _actions(now, area, beat, limit):
    queryset = (
        JointAction.objects.filter(is_public=True, ends_at__gte=now)
        .select_related("area", "campaign")
        .prefetch_related(
            Prefetch("beats", queryset=Beat.objects.only("pk", "code", "number")),
            Prefetch("partners", queryset=PartnerOrganization.objects.only("pk", "name")),
        )
        .order_by("starts_at", "pk")
    )
    if area is not None:
        queryset = queryset.filter(area_id=_area_id(area))
    if beat is not None:
        queryset = queryset.filter(beats=beat)
    for action in queryset[:limit]:
        beats = sorted(action.beats.all(), key=lambda b: (b.number, b.pk))
        yield PublicEvent(
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


def _sessions(now, area, beat, limit):
    if beat is not None:
        return  # a council serves a whole police body, not a beat
    queryset = (
        CouncilSession.objects.filter(is_open=True, held_at__gte=now)
        .select_related("council__department__area")
        .order_by("held_at", "pk")
    )
    if area is not None:
        queryset = queryset.filter(council__department__area_id=_area_id(area))
    for session in queryset[:limit]:
        council = session.council
        yield PublicEvent(
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


def _meetings(now, area, beat, limit):
    queryset = (
        Meeting.objects.filter(status=MeetingStatus.PLANNED, is_public=True, held_at__gte=now)
        .select_related("beat__police_point__department__area")
        .order_by("held_at", "pk")
    )
    if area is not None:
        queryset = queryset.filter(beat__police_point__department__area_id=_area_id(area))
    if beat is not None:
        queryset = queryset.filter(beat=beat)
    for meeting in queryset[:limit]:
        report = meeting.kind == MeetingKind.REPORT
        area_obj = meeting.beat.police_point.department.area
        event_beat = EventBeat(meeting.beat.code, meeting.beat.number)
        yield PublicEvent(
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
