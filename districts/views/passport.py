"""The beat's electronic passport: the staff view of a beat.

Territory, streets with their coverage by door-to-door rounds, the first full round of a
newly appointed inspector, problem places, partners and this year's work in counts. Any
staff role reads the passports of its territory; preventive work is shown to the police
only, and links are offered only to pages the user may open.
"""

from django.shortcuts import render
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from districts.models import Beat
from districts.selectors import BEAT_PUBLIC_RELATED
from districts.selectors_passport import (
    first_full_round,
    problem_summary,
    street_coverage,
    year_partners,
    year_work,
)
from portal import policy


def _link(user, name, *args):
    """The URL of a named page when it exists and the user's role may open it, else None."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None  # a part of the portal that is not installed
    rule = policy.rule_of(resolve(url).func)
    return url if rule is not None and rule.allows(user) else None


@policy.guard(policy.ANY_STAFF)
@require_GET
def staff_beat_detail(request, code):
    user = request.user
    beat = policy.get_scoped_or_404(
        user, Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code
    )
    today = timezone.localdate()
    problems = problem_summary(beat)
    # A problem's page is linked when that part of the portal exists and the user may open it.
    link_problems = bool(problems.unresolved) and _link(
        user, "problem-detail", problems.unresolved[0].pk
    )
    round_list_url = _link(user, "round-list")
    context = {
        "beat": beat,
        "coverage": street_coverage(beat, today=today),
        "first_round": first_full_round(beat, today=today),
        "work": year_work(beat, user=user, today=today),
        "partners": year_partners(beat, today=today),
        "problems": problems,
        "problem_rows": [
            (spot, reverse("problem-detail", args=[spot.pk]) if link_problems else None)
            for spot in problems.unresolved
        ],
        "problem_list_url": _link(user, "problem-list"),
        "round_list_url": round_list_url,
        "round_links": round_list_url is not None and _link(user, "round-edit", 0) is not None,
        "round_create_url": _link(user, "round-create"),
    }
    return render(request, "districts/staff_beat_detail.html", context)
