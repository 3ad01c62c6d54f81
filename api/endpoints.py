"""The read-only open-data API: beats (with the public ways to reach their inspector and
their residents' trust index), published quarterly reports, upcoming public events.

JSON over GET, anonymous, documented by the OpenAPI document at /api/v1/openapi.json.
There is no interactive docs page: django-ninja's would load its scripts from a CDN, and
the portal never loads anything from a CDN.

No personal data: every answer is built from public records only (the territory, the
police point, the inspector's work contacts, published report snapshots whose contract
excludes personal data, announced public events), and a response carries only the fields
its schema in api/schemas.py declares.

Every answer is kept in the published-content cache (portal.published) under its absolute
URL with the query string and the language; publishing a report or announcing an event
bumps the cache version. `public_endpoint` declares the views public for the access
policy and adds `Cache-Control: public, max-age=300` (see api/urls.py).
"""

import functools
import hashlib
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Path, Query
from ninja.renderers import JSONRenderer

from api import schemas
from councils.selectors.events import upcoming_public_events
from districts.models import Beat, BeatStreet, MessengerGroup
from districts.selectors.territory import BEAT_PUBLIC_RELATED, beat_search
from districts.trust_index import trust_by_beat
from portal import page_cache, policy
from portal.published import cached
from portal.query_params import BIGINT_MAX
from reports.models import ReportRevision
from reports.selectors.published import versions_of
from trust.selectors import public_quarters

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Upcoming events are few; deeper pages are not needed and would load every source deeply.
MAX_EVENT_OFFSET = 1000
CACHE_SECONDS = 5 * 60
# Besides publication, what the answers show: beats, events and the territory (the versions
# of portal.page_cache, bumped by the apps that own them).
DATA_SCOPES = (page_cache.BEATS, page_cache.EVENTS, page_cache.TERRITORY)
MAX_QUERY_LENGTH = 100
# Every query parameter an operation reads: the only ones the caches key an answer on (an
# address with others is answered from the copy without them, and never kept apart).
API_PARAMS = frozenset({"area", "q", "limit", "offset", "beat", "year", "quarter", "language"})
# Completed quarters of a beat's trust index in the API.
TRUST_QUARTERS = 8
# The deepest offset the databases take (they count rows in 64 bits); deeper ones are a 422.
MAX_OFFSET = BIGINT_MAX - MAX_LIMIT
# A beat's code is a slug (Beat.code): anything else, a NUL byte that PostgreSQL refuses in
# text among others, is a 422 and never reaches the database.
BEAT_CODE = r"^[-a-zA-Z0-9_]+$"
# Text without a NUL byte: the portal refuses one anywhere in a request (portal/middleware.py).
NO_NUL = r"^[^\x00]*$"


class Renderer(JSONRenderer):
    """JSON in UTF-8 as is: Kazakh and Russian text stays readable."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title=_("District police and community portal: open data"),
    version="1",
    description=_(
        "Read-only open data: beats and their district inspectors, published quarterly "
        "reports with their statistics, upcoming public events. No personal data."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
    renderer=Renderer(),
)

# What every operation may answer besides its own: parameters it cannot read (422), and 503
# while the database does not answer.
ERRORS = {422: schemas.ValidationError, 503: schemas.Error}

LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 200).")
OFFSET = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def error_response(request, *, status, message, problems=()):
    """The API's answer to a request the portal refuses before any operation reads it
    (portal/errors.py): bad input is a 422 like django-ninja's own, an outage a 503."""
    if status == 400:
        detail = [
            {"type": "value_error", "loc": [where, name] if name else [where], "msg": str(text)}
            for where, name, text in problems
        ] or [{"type": "value_error", "loc": [], "msg": str(message)}]
        status = 422
    else:
        detail = str(message)
    return JsonResponse(
        {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def public_endpoint(view):
    """Wrap a URL callback of the API: public access rule, no transaction, HTTP caching,
    HEAD answered as GET (django-ninja routes GET only; the server sends no body)."""

    @functools.wraps(view)
    def endpoint(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
            # The language comes from Accept-Language or the language cookie.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    endpoint.error_response = error_response
    # The whole answer is kept for anonymous requests (portal/page_cache.py): a hit skips
    # django-ninja's parsing, validation and rendering too.
    whole = page_cache.public_page(page_cache.PUBLISHED, *DATA_SCOPES, params=API_PARAMS)(endpoint)
    # Read-only: no request transaction, so an answer from the cache touches no database.
    return transaction.non_atomic_requests(policy.guard("site.view")(whole))


# --- helpers ---------------------------------------------------------------------------------


def _from_cache(request, compute):
    """The answer for this URL, query string and language, from the published cache (also
    for signed-in users, whom the page cache leaves to the view). Other parameters are echoed
    in the page links: such an answer is computed, not kept."""
    if not page_cache.only_known(request, API_PARAMS):
        return compute()
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.build_absolute_uri(request.path)}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    data = page_cache.versions(DATA_SCOPES)
    return cached(("api", get_language(), *data, digest), compute, timeout=CACHE_SECONDS)


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _page_links(request, *, offset, limit, has_more):
    params = request.GET.copy()
    params.pop("limit", None)
    params.pop("offset", None)

    def link(new_offset):
        query = urlencode([*params.lists(), ("limit", [limit]), ("offset", [new_offset])], True)
        return request.build_absolute_uri(f"{request.path}?{query}")

    return {
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if has_more else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
    }


def _local(moment):
    return timezone.localtime(moment) if moment else moment


# --- beats -----------------------------------------------------------------------------------


# The active messenger groups of each beat, read in one query for a page of beats.
ACTIVE_GROUPS = Prefetch(
    "messenger_groups",
    queryset=MessengerGroup.objects.filter(is_active=True).order_by("pk"),
    to_attr="active_groups",
)


def _beats():
    return (
        Beat.objects.select_related(*BEAT_PUBLIC_RELATED)
        .prefetch_related(ACTIVE_GROUPS)
        .order_by("police_point__department__area__name", "number", "pk")
    )


def _channels(beat, region):
    return {
        "inspector_reception_hours": beat.reception_hours or "",
        "trust_phone": region.trust_phone,
        "messenger_groups": [
            {"label": g.label, "platform": g.platform, "url": g.url} for g in beat.active_groups
        ],
    }


def _beat(request, beat):
    point = beat.police_point
    area = point.department.area
    inspector = beat.inspector
    return {
        "code": beat.code,
        "number": beat.number,
        "area": {"id": area.pk, "name": area.name},
        "region": area.region.name,
        "population": beat.population,
        "area_km2": float(beat.area_km2),
        "police_point": {
            "name": point.name,
            "address": point.address,
            "phone": point.phone,
            "reception_hours": point.reception_hours,
        },
        # Work data of the inspector only: name, rank, work phone.
        "inspector": (
            {
                "name": inspector.display_name,
                "rank": inspector.rank,
                "rank_label": inspector.rank_label,
                "phone": inspector.work_phone,
            }
            if inspector
            else None
        ),
        "channels": _channels(beat, area.region),
        "url": _absolute(request, beat.get_absolute_url()),
    }


@api.get(
    "/beats",
    response={200: schemas.BeatPage, **ERRORS},
    url_name="beat-list",
    operation_id="listBeats",
    tags=["beats"],
    summary="Beats",
)
def beat_list(
    request,
    area: int | None = Query(
        None, ge=1, le=BIGINT_MAX, description="Only the beats of this area (its id)."
    ),
    q: str | None = Query(
        None,
        max_length=MAX_QUERY_LENGTH,
        pattern=NO_NUL,
        description="A street (and house) or a beat number, as on the portal's search.",
    ),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Beats with their police point and district inspector, by area and number."""

    def compute():
        if q and q.strip():
            beats = [match.beat for match in beat_search(query=q)]
            if area is not None:
                beats = [b for b in beats if b.police_point.department.area_id == area]
            count, page = len(beats), beats[offset : offset + limit]
            prefetch_related_objects(page, ACTIVE_GROUPS)
        else:
            queryset = _beats()
            if area is not None:
                queryset = queryset.filter(police_point__department__area_id=area)
            count, page = queryset.count(), list(queryset[offset : offset + limit])
        return {
            "count": count,
            **_page_links(request, offset=offset, limit=limit, has_more=offset + limit < count),
            "items": [_beat(request, beat) for beat in page],
        }

    return _from_cache(request, compute)


@api.get(
    "/beats/{code}",
    response={200: schemas.BeatDetail, 404: schemas.Error, **ERRORS},
    url_name="beat-detail",
    operation_id="getBeat",
    tags=["beats"],
    summary="A beat",
)
def beat_detail(request, code: str = Path(..., max_length=32, pattern=BEAT_CODE)):
    """One beat by its code, with the streets and houses it covers."""

    def compute():
        beat = (
            _beats()
            .prefetch_related(Prefetch("streets", queryset=BeatStreet.objects.order_by("name_ru")))
            .filter(code=code)
            .first()
        )
        if beat is None:
            raise Http404
        streets = [
            {"name_ru": s.name_ru, "name_kk": s.name_kk, "houses": s.houses}
            for s in beat.streets.all()
        ]
        return {**_beat(request, beat), "streets": streets}

    return _from_cache(request, compute)


@api.get(
    "/beats/{code}/trust",
    response={200: schemas.BeatTrust, 404: schemas.Error, **ERRORS},
    url_name="beat-trust",
    operation_id="getBeatTrust",
    tags=["beats"],
    summary="Residents' trust in a beat's inspector",
)
def beat_trust(request, code: str = Path(..., max_length=32, pattern=BEAT_CODE)):
    """The trust index of the beat's last eight completed quarters, from the anonymous
    survey: counts, share and 95 % interval, suppressed below the minimum sample."""

    def compute():
        beat = Beat.objects.filter(code=code).only("pk", "code").first()
        if beat is None:
            raise Http404
        quarters = public_quarters(TRUST_QUARTERS)[::-1]
        indexes = trust_by_beat([beat.pk], quarters)
        return {
            "beat": beat.code,
            "min_sample": settings.TRUST_MIN_SAMPLE,
            "quarters": [
                {"year": q.year, "quarter": q.number, **indexes[(beat.pk, q)].public()}
                for q in quarters
            ],
        }

    return _from_cache(request, compute)


# --- reports ---------------------------------------------------------------------------------


def _latest_revisions():
    """The latest published revision of every report: drafts have none."""
    later = ReportRevision.objects.filter(report=OuterRef("report"), number__gt=OuterRef("number"))
    return (
        ReportRevision.objects.filter(~Exists(later))
        .select_related("report__beat")
        .order_by("-report__year", "-report__quarter", "report__beat__code", "-pk")
    )


def _ref(request, revision):
    return {
        "id": revision.pk,
        "language": revision.language,
        "url": _absolute(request, reverse("public-report", args=[revision.pk])),
        "pdf_url": _absolute(request, reverse("public-report-pdf", args=[revision.pk])),
        "sha256": revision.pdf_sha256,
    }


def _translations(revisions):
    """{revision pk: its versions in other languages} for revisions, in one query."""
    keys = {(r.report_id, r.number) for r in revisions}
    if not keys:
        return {}
    siblings = ReportRevision.objects.filter(
        report_id__in={report_id for report_id, _number in keys},
        number__in={number for _report_id, number in keys},
    ).only("pk", "report_id", "number", "language", "pdf_sha256")
    by_key = {}
    for sibling in siblings:
        by_key.setdefault((sibling.report_id, sibling.number), []).append(sibling)
    return {
        r.pk: [s for s in by_key.get((r.report_id, r.number), []) if s.pk != r.pk]
        for r in revisions
    }


def _report(request, revision, translations):
    report = revision.report
    return {
        **_ref(request, revision),
        "beat": report.beat.code,
        "year": report.year,
        "quarter": report.quarter,
        "revision": revision.number,
        "published_at": _local(revision.published_at),
        "translations": [
            _ref(request, other)
            for other in sorted(translations.get(revision.pk, []), key=lambda r: r.language)
        ],
        "single_language_reason": revision.single_language_reason,
    }


@api.get(
    "/reports",
    response={200: schemas.ReportPage, **ERRORS},
    url_name="report-list",
    operation_id="listReports",
    tags=["reports"],
    summary="Published reports",
)
def report_list(
    request,
    beat: str | None = Query(None, max_length=32, pattern=BEAT_CODE, description="A beat's code."),
    year: int | None = Query(None, ge=2000, le=2100),
    quarter: int | None = Query(None, ge=1, le=4),
    language: Literal["kk", "ru"] | None = Query(
        None, description="Only versions in this language: kk (Kazakh) or ru (Russian)."
    ),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Published quarterly reports, newest period first; each in its latest revision, one
    item per language version (Kazakh and Russian), each linking to the other."""

    def compute():
        queryset = _latest_revisions().defer("snapshot")
        if language:
            queryset = queryset.filter(language=language)
        if beat:
            queryset = queryset.filter(report__beat__code=beat)
        if year is not None:
            queryset = queryset.filter(report__year=year)
        if quarter is not None:
            queryset = queryset.filter(report__quarter=quarter)
        count = queryset.count()
        page = list(queryset[offset : offset + limit])
        translations = _translations(page)
        return {
            "count": count,
            **_page_links(request, offset=offset, limit=limit, has_more=offset + limit < count),
            "items": [_report(request, revision, translations) for revision in page],
        }

    return _from_cache(request, compute)


@api.get(
    "/reports/{id}",
    response={200: schemas.ReportDetail, 404: schemas.Error, **ERRORS},
    url_name="report-detail",
    operation_id="getReport",
    tags=["reports"],
    summary="A published report",
    by_alias=True,
)
def report_detail(request, id: int = Path(..., ge=1, le=BIGINT_MAX)):
    """One published revision with every section and the statistics with АППГ."""

    def compute():
        revision = ReportRevision.objects.select_related("report__beat").filter(pk=id).first()
        if revision is None:
            raise Http404
        versions = versions_of(revision)
        return {
            **_report(request, revision, {revision.pk: versions.others}),
            "reason": revision.reason,
            "is_latest": versions.is_latest,
            "latest_id": versions.latest.pk,
            "revisions": [
                {
                    "id": r.pk,
                    "revision": r.number,
                    "language": r.language,
                    "published_at": _local(r.published_at),
                    "reason": r.reason,
                }
                for r in versions.in_language
            ],
            "snapshot": revision.snapshot,
        }

    return _from_cache(request, compute)


# --- events ----------------------------------------------------------------------------------


def _event(request, event):
    return {
        "id": event.uid,
        "kind": event.kind,
        "kind_label": str(event.kind_label),
        "title": event.title,
        "subtitle": event.subtitle,
        "description": event.description,
        "starts_at": _local(event.starts_at),
        "ends_at": _local(event.ends_at),
        "place": event.place,
        "area": {"id": event.area_id, "name": event.area_name},
        "beats": [
            {"code": b.code, "number": b.number, "url": _absolute(request, b.url)}
            for b in event.beats
        ],
        "partners": list(event.partners),
        "url": _absolute(request, event.url),
    }


@api.get(
    "/events",
    response={200: schemas.EventPage, **ERRORS},
    url_name="event-list",
    operation_id="listEvents",
    tags=["events"],
    summary="Upcoming public events",
)
def event_list(
    request,
    area: int | None = Query(
        None, ge=1, le=BIGINT_MAX, description="Only the events of this area (its id)."
    ),
    beat: str | None = Query(
        None, max_length=32, pattern=BEAT_CODE, description="Only the events of this beat."
    ),
    limit: int = LIMIT,
    offset: int = Query(0, ge=0, le=MAX_EVENT_OFFSET, description="Items to skip."),
):
    """Joint actions, open council sessions and report meetings not yet over, soonest first."""

    def compute():
        events = []
        beat_obj = Beat.objects.filter(code=beat).only("pk").first() if beat else None
        if not beat or beat_obj is not None:
            # One more than the page tells whether there is a next page.
            events = upcoming_public_events(area=area, beat=beat_obj, limit=offset + limit + 1)
        page = events[offset : offset + limit]
        return {
            **_page_links(
                request, offset=offset, limit=limit, has_more=len(events) > offset + limit
            ),
            "items": [_event(request, event) for event in page],
        }

    return _from_cache(request, compute)


# --- index -----------------------------------------------------------------------------------


@api.get(
    "/",
    response={200: schemas.ApiIndex, **ERRORS},
    url_name="index",
    operation_id="index",
    tags=["index"],
    summary="Index",
)
def index(request):
    """Where the document and the collections are."""
    names = {
        "openapi": "openapi-json",
        "beats": "beat-list",
        "reports": "report-list",
        "events": "event-list",
    }
    return {key: _absolute(request, reverse(f"api-v1:{name}")) for key, name in names.items()}
