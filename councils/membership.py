"""Who sits on a public council on a given day, and in what order a composition is read."""

import math

from django.db.models import Case, IntegerField, Q, Value, When

from councils.models import MemberRole


def share_needed(share, total):
    """The smallest whole number of people that is at least `share` of `total`."""
    return math.ceil(share * total)


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
