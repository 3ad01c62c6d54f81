"""The beat's electronic passport: the staff view of a beat.

Territory, streets with their coverage by door-to-door rounds, the first full round of a
newly appointed inspector, problem places, partners and this year's work in counts. Any
staff role reads the passports of its territory; preventive work is shown to the police
only, and links are offered only to pages the user may open.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from districts.models import Beat
from districts.selectors.passport import (
    first_full_round,
    problem_summary,
    street_coverage,
    year_partners,
    year_work,
)
from districts.selectors.territory import BEAT_PUBLIC_RELATED
from portal import policy
from portal.links import link_for


@policy.guard("staff.view")
@require_safe
def staff_beat_detail(request, code):
    user = request.user
    beat = policy.get_scoped_or_404(
        user, Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code
    )
    today = timezone.localdate()
    problems = problem_summary(beat)
    # A problem's page is linked when that part of the portal exists and the user may open it.
    link_problems = bool(problems.unresolved) and link_for(
        user, "problem-detail", problems.unresolved[0].pk
    )
    round_list_url = link_for(user, "round-list")
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
        "problem_list_url": link_for(user, "problem-list"),
        "round_list_url": round_list_url,
        "round_links": round_list_url is not None and link_for(user, "round-edit", 0) is not None,
        "round_create_url": link_for(user, "round-create"),
        "channels_url": (
            reverse("beat-channels-edit", args=[beat.code])
            if policy.may(user, "workspace.record", beat)
            else None
        ),
    }
    return render(request, "districts/staff_beat_detail.html", context)
