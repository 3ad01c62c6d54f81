from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from districts.forms.search import BeatSearchForm
from districts.models import Beat, BeatStreet
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


@policy.guard("staff.view")
@require_GET
def staff_beat_list(request):
    return render(request, "districts/staff_beat_list.html", {"beats": beat_rows(request.user)})
