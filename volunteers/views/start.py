"""Start pages of the akimat registrar (the area) and of the regional registrar (the region)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from districts.selectors.territory import areas_with_beats, points_with_beats
from portal import policy


@policy.guard("start.akimat")
@require_safe
def area_home(request):
    return render(
        request,
        "volunteers/area_home.html",
        {"area": request.user.area, "points": points_with_beats(request.user)},
    )


@policy.guard("start.region")
@require_safe
def region_home(request):
    areas = areas_with_beats(request.user)
    totals = {
        "beat_count": sum(a.beat_count for a in areas),
        "population": sum(a.population or 0 for a in areas),
    }
    return render(
        request,
        "volunteers/region_home.html",
        {"region": request.user.region, "areas": areas, "totals": totals},
    )
