from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from districts.forms.search import BeatSearchForm
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint
from districts.selectors import BEAT_PUBLIC_RELATED, beat_search
from portal import policy

STAFF_BEAT_RELATED = ("police_point__department__area", "inspector")


# --- public pages -------------------------------------------------------------------------


@policy.guard("site.view")
@require_GET
def public_home(request):
    form = BeatSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    matches = beat_search(query=query) if query else []
    return render(
        request,
        "districts/home.html",
        {"form": form, "query": query, "matches": matches},
    )


@policy.guard("site.view")
@require_GET
def beat_detail(request, code):
    beat = get_object_or_404(
        Beat.objects.select_related(*BEAT_PUBLIC_RELATED).prefetch_related(
            Prefetch("streets", queryset=BeatStreet.objects.order_by("name_ru"))
        ),
        code=code,
    )
    return render(request, "districts/beat_detail.html", {"beat": beat})


# --- staff pages --------------------------------------------------------------------------


def beat_rows(user):
    return (
        policy.scoped(user, Beat.objects.all())
        .select_related(*STAFF_BEAT_RELATED)
        .annotate(street_count=Count("streets"))
    )


def _area_summary(user):
    """Departments and police points of the user's area with beat counts and population."""
    return (
        policy.scoped(user, PolicePoint.objects.all())
        .select_related("department")
        .annotate(beat_count=Count("beats"), population=Sum("beats__population"))
        .order_by("department__name", "name")
    )


@policy.guard("start.akimat")
@require_GET
def area_home(request):
    return render(
        request,
        "districts/area_home.html",
        {"area": request.user.area, "points": _area_summary(request.user)},
    )


@policy.guard("start.secretary")
@require_GET
def council_home(request):
    departments = policy.scoped(request.user, PoliceDepartment.objects.all()).prefetch_related(
        Prefetch("points", queryset=PolicePoint.objects.order_by("name"))
    )
    return render(
        request,
        "districts/council_home.html",
        {"area": request.user.area, "departments": departments},
    )


@policy.guard("start.region")
@require_GET
def region_home(request):
    areas = (
        policy.scoped(request.user, Area.objects.all())
        .annotate(
            beat_count=Count("departments__points__beats", distinct=True),
            population=Sum("departments__points__beats__population"),
        )
        .order_by("name")
    )
    totals = {
        "beat_count": sum(a.beat_count for a in areas),
        "population": sum(a.population or 0 for a in areas),
    }
    return render(
        request,
        "districts/region_home.html",
        {"region": request.user.region, "areas": areas, "totals": totals},
    )


@policy.guard("staff.view")
@require_GET
def staff_beat_list(request):
    return render(request, "districts/staff_beat_list.html", {"beats": beat_rows(request.user)})
