"""Public events a resident finds in the calendar: public joint actions, planned meetings
with residents, and open sessions of a public council, all in the coming days."""

import datetime

from django.utils import timezone

from districts.models import MeetingKind, MeetingStatus
from tests.factories import CouncilFactory, JointActionFactory, MeetingFactory, SessionFactory


def later(days=0, hours=0):
    return timezone.now() + datetime.timedelta(days=days, hours=hours)


def public_action(area, beats=(), days=3, **kwargs):
    """A public action of two hours, `days` from now."""
    start = later(days)
    return JointActionFactory(
        area=area,
        beats=list(beats),
        is_public=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **kwargs,
    )


def council_of(department):
    today = timezone.localdate()
    return CouncilFactory(
        department=department,
        name=f"Общественный совет при {department.name}",
        term_start=today - datetime.timedelta(days=300),
        term_end=today + datetime.timedelta(days=700),
    )


def session(council, *, days=5, is_open=True):
    return SessionFactory(
        council=council,
        held_at=later(days),
        place="Актовый зал УП",
        agenda="Отчёт УП о работе с обращениями",
        is_open=is_open,
    )


def planned_meeting(beat, *, days=4, kind=MeetingKind.REPORT, is_public=True):
    return MeetingFactory(
        beat=beat,
        kind=kind,
        status=MeetingStatus.PLANNED,
        held_at=later(days),
        attendance=None,
        is_public=is_public,
        topics="Отчёт участкового за квартал",
    )
