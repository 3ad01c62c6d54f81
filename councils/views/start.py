"""The council secretary's page of the police bodies of the area."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from districts.selectors.territory import departments_with_points
from portal import policy


@policy.guard("start.secretary")
@require_safe
def council_home(request):
    return render(
        request,
        "councils/council_home.html",
        {"area": request.user.area, "departments": departments_with_points(request.user)},
    )
