"""Whether a public council's composition meets the Law of 2 November 2015 No. 383-V.

At least two thirds of the current members come from civil society, one chair who is not a
civil servant, one secretary, and a term that has not ended. These are warnings for the
secretary, never blocks (except the civil-servant chair, which CouncilMember.clean
refuses). The counts come from members in memory or from one annotated query.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils.membership import current_on, is_current, share_needed
from councils.models import MemberRole, MemberSide
from councils.models.councils import CIVIL_SOCIETY_SHARE

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


def attach_compositions(councils, today=None):
    """Give each annotated council in `councils` its `composition`; returns them as a list."""
    councils = list(councils)
    for council in councils:
        council.composition = composition_of_annotated(council, today)
    return councils
