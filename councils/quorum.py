"""A council session's quorum: two thirds of the council's members on the day of the session,
rounded up, and never nobody."""

from dataclasses import dataclass

from django.utils import timezone

from councils.membership import current_on, share_needed
from councils.models import CouncilMember
from councils.models.councils import QUORUM_SHARE


def quorum_needed(total):
    """Members who must be present for a quorum: two thirds, rounded up, and never nobody."""
    return max(1, share_needed(QUORUM_SHARE, total))


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int

    @property
    def needed(self):
        return quorum_needed(self.members)

    @property
    def reached(self):
        return self.members > 0 and self.present >= self.needed


def session_day(session):
    return timezone.localdate(session.held_at)


def session_quorum(session):
    """Who counts for the session's quorum: the council's members on the day of the session,
    and how many of them were marked present. Two queries."""
    day = session_day(session)
    members = CouncilMember.objects.filter(current_on(day), council_id=session.council_id)
    present = session.present.filter(current_on(day)).count()
    return Quorum(present=present, members=members.count())
