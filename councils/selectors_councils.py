"""Read-side rules of public councils: who is a current member, whether the composition meets
the Law of 2 November 2015 No. 383-V, whether a session had its quorum, which recommendations
are overdue.

Composition checks are warnings for the secretary, never blocks (except the civil-servant
chair, which CouncilMember.clean refuses). Every function here costs a fixed number of
queries, whatever the amount of data.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    IntegerField,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils.models import (
    CouncilMember,
    CouncilSession,
    MemberRole,
    MemberSide,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
    SessionDecision,
)
from councils.models.councils import CIVIL_SOCIETY_SHARE, QUORUM_SHARE
from portal import policy
from portal.periods import aware_bounds, year_period

# A recommendation still waiting for the police: overdue once its due date has passed.
OPEN_STATUSES = (RecommendationStatus.SENT, RecommendationStatus.IN_PROGRESS)
# How far ahead the secretary's start page looks for due recommendations.
DUE_SOON_DAYS = 30
# How many rows each block of the start page shows before linking to the full list.
OVERVIEW_ROWS = 20


def share_needed(share, total):
    """The smallest whole number of people that is at least `share` of `total`."""
    return math.ceil(share * total)


def quorum_needed(total):
    """Members who must be present for a quorum: two thirds, rounded up, and never nobody."""
    return max(1, share_needed(QUORUM_SHARE, total))


def current_on(day, prefix=""):
    """A filter for members who sit on the council on `day` (the day they leave included)."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": day})
    )


def by_role():
    """Chair first, then the secretary, then members: the order a composition is read in."""
    return Case(
        When(role=MemberRole.CHAIR, then=Value(0)),
        When(role=MemberRole.SECRETARY, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def ordered_members(queryset):
    return queryset.order_by(by_role(), "full_name", "pk")


def is_current(member, day):
    return member.joined_on <= day and (member.left_on is None or member.left_on >= day)


# --- composition -----------------------------------------------------------------------------


WARNING_TEXTS = {
    "no_members": _("The council has no current members."),
    "civil_share": _(
        "Only %(civil)s of %(total)s current members come from civil society; the law requires "
        "at least two thirds (%(needed)s)."
    ),
    "no_chair": _("The council has no chair."),
    "many_chairs": _("The council has %(count)s chairs; it must have exactly one."),
    "civil_servant_chair": _("The chair is a civil servant, which the law does not allow."),
    "no_secretary": _("The council has no secretary."),
    "many_secretaries": _("The council has %(count)s secretaries; it must have exactly one."),
    "term_ended": _("The council's term ended on %(date)s; a new composition is due."),
}


@dataclass(frozen=True)
class CompositionWarning:
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        text = str(WARNING_TEXTS[self.code])
        if not self.params:
            return text
        params = {
            key: date_format(value, "SHORT_DATE_FORMAT")
            if isinstance(value, datetime.date)
            else value
            for key, value in self.params.items()
        }
        return text % params

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Composition:
    """Counts of a council's current members and what the law says about them."""

    total: int
    civil: int
    chairs: int
    secretaries: int
    civil_servant_chairs: int
    term_end: datetime.date
    today: datetime.date

    @property
    def civil_needed(self):
        return share_needed(CIVIL_SOCIETY_SHARE, self.total)

    @property
    def warnings(self):
        found = []
        if self.total == 0:
            found.append(CompositionWarning("no_members"))
        elif self.civil < self.civil_needed:
            params = {"civil": self.civil, "total": self.total, "needed": self.civil_needed}
            found.append(CompositionWarning("civil_share", params))
        if self.civil_servant_chairs:
            found.append(CompositionWarning("civil_servant_chair"))
        if self.chairs == 0:
            found.append(CompositionWarning("no_chair"))
        elif self.chairs > 1:
            found.append(CompositionWarning("many_chairs", {"count": self.chairs}))
        if self.secretaries == 0:
            found.append(CompositionWarning("no_secretary"))
        elif self.secretaries > 1:
            found.append(CompositionWarning("many_secretaries", {"count": self.secretaries}))
        if self.term_end < self.today:
            found.append(CompositionWarning("term_ended", {"date": self.term_end}))
        return found

    @property
    def warning_codes(self):
        return [w.code for w in self.warnings]


def composition_of_members(council, members, today=None):
    """The composition of `council` from its members already in memory (the detail page)."""
    today = today or timezone.localdate()
    current = [m for m in members if is_current(m, today)]
    chairs = [m for m in current if m.role == MemberRole.CHAIR]
    return Composition(
        total=len(current),
        civil=sum(m.side == MemberSide.CIVIL_SOCIETY for m in current),
        chairs=len(chairs),
        secretaries=sum(m.role == MemberRole.SECRETARY for m in current),
        civil_servant_chairs=sum(m.is_civil_servant for m in chairs),
        term_end=council.term_end,
        today=today,
    )


def with_composition_counts(queryset, today=None):
    """Councils annotated with the counts a Composition needs, in the same query."""
    today = today or timezone.localdate()
    current = current_on(today, prefix="members__")
    chair = current & Q(members__role=MemberRole.CHAIR)
    return queryset.annotate(
        current_total=Count("members", filter=current, distinct=True),
        current_civil=Count(
            "members",
            filter=current & Q(members__side=MemberSide.CIVIL_SOCIETY),
            distinct=True,
        ),
        current_chairs=Count("members", filter=chair, distinct=True),
        current_secretaries=Count(
            "members", filter=current & Q(members__role=MemberRole.SECRETARY), distinct=True
        ),
        civil_servant_chairs=Count(
            "members", filter=chair & Q(members__is_civil_servant=True), distinct=True
        ),
    )


def composition_of_annotated(council, today=None):
    """The composition of a council that came through `with_composition_counts`."""
    return Composition(
        total=council.current_total,
        civil=council.current_civil,
        chairs=council.current_chairs,
        secretaries=council.current_secretaries,
        civil_servant_chairs=council.civil_servant_chairs,
        term_end=council.term_end,
        today=today or timezone.localdate(),
    )


def councils_for(user, today=None):
    """The councils the user may see, with their composition counts, by name."""
    queryset = PublicCouncil.objects.select_related("department__area")
    return with_composition_counts(policy.scoped(user, queryset), today).order_by("name", "pk")


def attach_compositions(councils, today=None):
    """Give each annotated council in `councils` its `composition`; returns them as a list."""
    councils = list(councils)
    for council in councils:
        council.composition = composition_of_annotated(council, today)
    return councils


# --- sessions and quorum -----------------------------------------------------------------------


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


def sessions_with_counts(queryset):
    """Sessions annotated with attendance, decisions and decisions without a quorum."""
    return queryset.annotate(
        present_count=Count("present", distinct=True),
        decision_count=Count("decisions", distinct=True),
        no_quorum_count=Count("decisions", filter=Q(decisions__had_quorum=False), distinct=True),
    )


def upcoming_sessions(user, now=None):
    now = now or timezone.now()
    queryset = CouncilSession.objects.select_related("council__department__area")
    return policy.scoped(user, queryset).filter(held_at__gte=now).order_by("held_at", "pk")


def decisions_without_quorum(user, year=None):
    """Decisions taken this year (by the session's date) without a quorum."""
    start, end = aware_bounds(year_period(year or timezone.localdate().year))
    queryset = SessionDecision.objects.select_related("session__council")
    return (
        policy.scoped(user, queryset)
        .filter(had_quorum=False, session__held_at__gte=start, session__held_at__lt=end)
        .order_by("-session__held_at", "pk")
    )


# --- recommendations --------------------------------------------------------------------------


def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(due_on__lt=today, status__in=OPEN_STATUSES)


def with_overdue(queryset, today=None):
    """Recommendations annotated with `is_overdue`."""
    return queryset.annotate(
        is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField())
    )


def recommendations_for(user, today=None):
    queryset = Recommendation.objects.select_related("council", "session")
    return with_overdue(policy.scoped(user, queryset), today)


def recommendations_due(user, today=None, days=DUE_SOON_DAYS):
    """Open recommendations overdue or due within `days`, the most pressing first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    return (
        recommendations_for(user, today)
        .filter(status__in=OPEN_STATUSES, due_on__lte=horizon)
        .order_by("due_on", "pk")
    )


def status_changes(recommendation):
    """The recommendation's history reduced to changes of status, newest first. One query."""
    records = recommendation.history.select_related("history_user").order_by("history_date", "pk")
    labels = dict(RecommendationStatus.choices)
    changes, previous = [], None
    for record in records:
        if record.status != previous:
            record.status_label = labels.get(record.status, record.status)
            changes.append(record)
            previous = record.status
    return changes[::-1]


# --- the secretary's start page ---------------------------------------------------------------


def overview(user, today=None, now=None):
    """Everything the council secretary's start page shows; one query per block."""
    today = today or timezone.localdate()
    councils = attach_compositions(councils_for(user, today), today)
    due = list(recommendations_due(user, today)[:OVERVIEW_ROWS])
    no_quorum = list(decisions_without_quorum(user, today.year)[:OVERVIEW_ROWS])
    return {
        "councils": councils,
        "councils_with_warnings": sum(bool(c.composition.warnings) for c in councils),
        "upcoming_sessions": list(upcoming_sessions(user, now)[:OVERVIEW_ROWS]),
        "due_recommendations": due,
        "decisions_without_quorum": no_quorum,
        "today": today,
        "due_soon_days": DUE_SOON_DAYS,
    }
