"""Find a beat, and the beat's page: the inspector, the police point, how to reach the
inspector (reception hours, trust phone, messenger groups), the streets, the published
reports, the residents' trust survey, the next report meeting, the upcoming public events
and the residents' proposals approved for publication with where they stand."""

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from councils.selectors.events import upcoming_public_events
from districts.models import Beat, BeatStreet
from districts.selectors.channels import beat_channels
from districts.selectors.proposals import approved_proposals_of
from districts.selectors.territory import (
    BEAT_PUBLIC_RELATED,
    beat_search,
    beat_search_example,
)
from portal import page_cache, policy
from reports.selectors.published import published_reports_of
from residents.forms import BeatSearchForm
from trust.selectors import beat_trust

# Upcoming public events the beat page lists; the calendar has them all.
BEAT_PAGE_EVENTS = 5


@transaction.non_atomic_requests  # a read, mostly served from the page cache
@policy.guard("site.view")
@page_cache.public_page(page_cache.BEATS, page_cache.TERRITORY, params=BeatSearchForm.base_fields)
@require_safe
def public_home(request):
    form = BeatSearchForm(request.GET or None, example=beat_search_example())
    query = form.cleaned_data["q"] if form.is_valid() else ""
    matches = beat_search(query=query) if query else []
    return render(
        request,
        "residents/home.html",
        {
            "form": form,
            "query": query,
            "matches": matches,
            # Found by the name as typed, and by a name spelled a little differently.
            "exact_matches": [m for m in matches if not m.similar],
            "similar_matches": [m for m in matches if m.similar],
        },
    )


@transaction.non_atomic_requests  # a read, mostly served from the page cache
@policy.guard("site.view")
@page_cache.public_page("beat:{code}", page_cache.TERRITORY)
@require_safe
def beat_detail(request, code):
    beat = get_object_or_404(
        Beat.objects.select_related(*BEAT_PUBLIC_RELATED).prefetch_related(
            Prefetch("streets", queryset=BeatStreet.objects.order_by("name_ru"))
        ),
        code=code,
    )
    proposals, proposals_total = approved_proposals_of(beat)
    context = {
        **published_reports_of(beat),
        "proposals": proposals,
        "proposals_total": proposals_total,
        "channels": beat_channels(beat),
        "events": upcoming_public_events(beat=beat, limit=BEAT_PAGE_EVENTS),
        "trust": beat_trust(beat),
    }
    return render(request, "residents/beat_detail.html", context)
