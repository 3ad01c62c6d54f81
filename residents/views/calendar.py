"""The residents' calendar: upcoming public events as a page and as iCal feeds, each event's
own page (with its outcome once it is over) and the archive of past events."""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from councils.selectors.events import (
    ArchiveCursor,
    past_public_events,
    public_event_page,
    upcoming_public_events,
)
from districts.models import Area, Beat
from portal import page_cache, policy
from portal.query_params import id_or_404
from residents.forms import EventFilterForm, PastEventFilterForm

FEED_CACHE_SECONDS = 5 * 60
# Upcoming events the calendar page shows; the iCal feeds carry up to their own limit.
EVENTS_PAGE = 20
PRODID = "-//Uchastok portal//Public events//RU"


@transaction.non_atomic_requests  # a read, mostly served from the page cache
@policy.guard("site.view")
@page_cache.public_page(page_cache.EVENTS, page_cache.TERRITORY, params=EventFilterForm.base_fields)
@require_safe
def events(request):
    form = EventFilterForm(request.GET or None)
    area = beat = None
    if form.is_bound and form.is_valid():
        area, beat = form.cleaned_data["area"], form.cleaned_data["beat"]
    # The soonest events only: a whole country announces thousands; an area or a beat narrows.
    events = upcoming_public_events(area=area, beat=beat, limit=EVENTS_PAGE + 1)
    context = {
        "form": form,
        "area": area,
        "beat": beat,
        "events": events[:EVENTS_PAGE],
        "more": len(events) > EVENTS_PAGE,
    }
    return render(request, "residents/calendar/events.html", context)


@transaction.non_atomic_requests  # a read, mostly served from the page cache
@policy.guard("site.view")
@page_cache.public_page(page_cache.EVENTS, page_cache.TERRITORY)
@require_safe
def event_detail(request, source, pk):
    """One public event: what, when, where, for which beats; after it, what came of it."""
    page = public_event_page(source=source, pk=id_or_404(pk))
    if page is None:
        raise Http404
    return render(request, "residents/calendar/event_detail.html", {"page": page})


@transaction.non_atomic_requests  # a read, mostly served from the page cache
@policy.guard("site.view")
@page_cache.public_page(
    page_cache.EVENTS, page_cache.TERRITORY, params=[*PastEventFilterForm.base_fields, "before"]
)
@require_safe
def past_events(request):
    """Public events that are over, newest first, a page at a time (?before= the cursor)."""
    form = PastEventFilterForm(request.GET or None)
    area = beat_ids = None
    if form.is_bound and form.is_valid():
        area, beat_ids = form.cleaned_data["area"], form.cleaned_data["beat_ids"]
    before = ArchiveCursor.decode(request.GET.get("before"))
    events, next_cursor = past_public_events(area=area, beat_ids=beat_ids, before=before)
    context = {
        "form": form,
        "area": area,
        "beat_number": form.cleaned_data.get("beat") if beat_ids is not None else None,
        "events": events,
        "is_first_page": before is None,
        "next_cursor": next_cursor.encode() if next_cursor else None,
    }
    return render(request, "residents/calendar/past_events.html", context)


# --- iCal ----------------------------------------------------------------------------------


def _host(request):
    domain, _port = split_domain_port(request.get_host())
    return domain or "localhost"


def _plain_description(event):
    lines = [str(event.kind_label)]
    if event.subtitle and event.subtitle != event.title:
        lines.append(event.subtitle)
    lines.append(event.area_name)
    if event.beats:
        lines.append(", ".join(str(b.label) for b in event.beats))
    if event.partners:
        lines.append(str(_("Partners: %(names)s") % {"names": ", ".join(event.partners)}))
    if event.description:
        lines.extend(["", event.description])
    return "\n".join(lines)


def build_calendar(request, events, *, name):
    """An iCalendar (RFC 5545) document of the events; times in UTC."""
    host = _host(request)
    stamp = timezone.now().astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(name))
    for item in events:
        entry = Event()
        entry.add("uid", f"{item.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.starts_at.astimezone(datetime.UTC))
        entry.add("dtend", item.ends_at.astimezone(datetime.UTC))
        entry.add("summary", item.title)
        entry.add("location", item.location)
        entry.add("description", _plain_description(item))
        entry.add("url", request.build_absolute_uri(item.url))
        entry.add("categories", [str(item.kind_label)])
        calendar.add_component(entry)
    return calendar.to_ical()


def _feed(request, key, make):
    """The feed's bytes, kept for five minutes per host, language and scope."""
    cache_key = f"councils:events-ics:{_host(request)}:{get_language()}:{key}"
    body = cache.get(cache_key)
    if body is None:
        body = make()
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    patch_cache_control(response, public=True, max_age=FEED_CACHE_SECONDS)
    return response


@policy.guard("site.view")
@require_safe
def events_ics(request):
    """All upcoming public events, or those of one area (?area=<id>)."""
    area = None
    raw = request.GET.get("area")
    if raw:
        area = get_object_or_404(Area, pk=id_or_404(raw))
    name = _("Public events · %(area)s") % {"area": area.name} if area else _("Public events")

    def make():
        return build_calendar(request, upcoming_public_events(area=area), name=name)

    return _feed(request, f"area-{area.pk}" if area else "all", make)


@policy.guard("site.view")
@require_safe
def beat_events_ics(request, code):
    beat = get_object_or_404(
        Beat.objects.select_related("police_point__department__area"), code=code
    )
    area = beat.police_point.department.area
    name = _("Public events · %(beat)s · %(area)s") % {"beat": beat, "area": area.name}

    def make():
        return build_calendar(request, upcoming_public_events(beat=beat), name=name)

    return _feed(request, f"beat-{beat.pk}", make)
