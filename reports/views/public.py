"""The resident site: published report pages and PDFs, proposals, e-mail subscriptions.

All public. A report page is a published revision, rendered once per language and kept
in the published-content cache (reports.cache), which publishing invalidates. The PDF
is the file stored at publication, served as it is, never rendered again.
"""

import logging

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import get_usage

from districts.models import Beat, Meeting, MeetingKind, MeetingStatus
from districts.selectors import BEAT_PUBLIC_RELATED
from portal import policy
from reports import cache
from reports.assembly import for_display
from reports.forms.public import ResidentProposalForm, SubscriptionForm
from reports.models import QuarterlyReport, ReportRevision
from reports.services import subscriptions

logger = logging.getLogger(__name__)

# Submissions accepted from one address (proposals and subscriptions counted apart).
PUBLIC_FORM_RATE = "5/h"
PDF_MAX_AGE = 60 * 60 * 24
REVISION_RELATED = ("report__beat__police_point__department__area",)


# --- the report page and its PDF -------------------------------------------------------------


def _render_report(pk):
    """The cached part of a report page: {"title", "html"}; Http404 for an unknown id."""
    revision = get_object_or_404(ReportRevision.objects.select_related(*REVISION_RELATED), pk=pk)
    report = revision.report
    revisions = list(
        report.revisions.order_by("-number").only("pk", "number", "published_at", "reason")
    )
    latest = revisions[0]
    context = {
        "revision": revision,
        "report": report,
        "beat": report.beat,
        "area": report.beat.police_point.department.area,
        # Dates as dates and the statistics chart, for the shared snapshot template.
        "shown": for_display(revision.snapshot or {}),
        "revisions": revisions,
        "latest": latest,
        "is_latest": latest.pk == revision.pk,
    }
    title = _("Report of the district inspector: %(beat)s, Q%(quarter)s %(year)s") % {
        "beat": report.beat,
        "quarter": report.quarter,
        "year": report.year,
    }
    html = render_to_string("reports/public/_report_body.html", context)
    return {"title": str(title), "html": str(html)}


@transaction.non_atomic_requests  # a read, served from the cache
@policy.guard("site.view")
@require_safe
def report_page(request, pk):
    language = translation.get_language()
    page = cache.cached(("report-page", pk, language), lambda: _render_report(pk))
    return render(
        request,
        "reports/public/report.html",
        {"title": page["title"], "body": mark_safe(page["html"])},  # noqa: S308 - our render
    )


def _pdf_file(pk):
    revision = get_object_or_404(ReportRevision.objects.select_related("report__beat"), pk=pk)
    report = revision.report
    filename = f"report-{report.beat.code}-{report.year}-q{report.quarter}-v{revision.number}.pdf"
    return {"name": revision.pdf.name, "sha256": revision.pdf_sha256, "filename": filename}


@transaction.non_atomic_requests  # a read, served from storage
@policy.guard("site.view")
@require_safe
def report_pdf(request, pk):
    """The PDF stored at publication, as a file; its SHA-256 is the ETag."""
    info = cache.cached(("report-pdf", pk), lambda: _pdf_file(pk))
    etag = f'"{info["sha256"]}"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={PDF_MAX_AGE}, immutable"}
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        storage = ReportRevision._meta.get_field("pdf").storage
        try:
            handle = storage.open(info["name"], "rb")
        except (OSError, ValueError):  # missing, or no file stored
            logger.error("The stored PDF of report revision %s is missing: %s", pk, info["name"])
            raise Http404("PDF not found") from None
        response = FileResponse(
            handle, as_attachment=True, filename=info["filename"], content_type="application/pdf"
        )
    for header, value in headers.items():
        response[header] = value
    return response


# --- the beat page: published reports and the next report meeting ---------------------------


def _aware(value):
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def beat_report_context(beat, *, now=None):
    """Published reports of a beat (newest first) and its next report meeting.

    At most three queries whatever the number of reports: the reports with their
    latest revision, the next meeting in the newest report's snapshot, and the next
    announced report meeting.
    """
    now = now or timezone.now()
    latest = ReportRevision.objects.filter(report=OuterRef("pk")).order_by("-number")
    reports = list(
        QuarterlyReport.objects.filter(beat=beat)
        .annotate(
            latest_revision_id=Subquery(latest.values("pk")[:1]),
            latest_published_at=Subquery(latest.values("published_at")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
        )
        .filter(latest_revision_id__isnull=False)
        .only("pk", "beat_id", "year", "quarter")
        .order_by("-year", "-quarter")
    )
    candidates = []
    if reports:
        planned = (
            ReportRevision.objects.filter(pk=reports[0].latest_revision_id)
            .values_list("snapshot__next_meeting", flat=True)
            .first()
        )
        if isinstance(planned, dict):
            at = _aware(planned.get("at"))
            if at is not None and at >= now:
                candidates.append({"at": at, "place": planned.get("place") or "", "order": 1})
    meeting = (
        Meeting.objects.filter(
            beat=beat,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at__gte=now,
        )
        .only("pk", "held_at", "place")
        .order_by("held_at", "pk")
        .first()
    )
    if meeting is not None:
        candidates.append({"at": meeting.held_at, "place": meeting.place, "order": 0})
    next_meeting = min(candidates, key=lambda c: (c["at"], c["order"])) if candidates else None
    return {"beat": beat, "reports": reports, "next_meeting": next_meeting}


# --- proposals and subscriptions -------------------------------------------------------------


def _public_beat(code):
    return get_object_or_404(Beat.objects.select_related(*BEAT_PUBLIC_RELATED), code=code)


def _usage(request, group, *, increment):
    return get_usage(
        request, group=group, key="ip", rate=PUBLIC_FORM_RATE, method="POST", increment=increment
    )


def _over_limit(request, group):
    """True when this address has used up its submissions; checked before any work."""
    usage = _usage(request, group, increment=False)
    return bool(usage) and usage["count"] >= usage["limit"], usage


def _rate_limited(request, beat, usage):
    response = render(request, "reports/public/rate_limited.html", {"beat": beat}, status=429)
    if usage and usage.get("time_left"):
        response["Retry-After"] = str(max(1, int(usage["time_left"])))
    return response


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_propose(request, code):
    beat = _public_beat(code)
    group = "reports.beat-proposal"
    if request.method == "POST":
        limited, usage = _over_limit(request, group)
        if limited:
            return _rate_limited(request, beat, usage)
        form = ResidentProposalForm(request.POST)
        if form.is_spam():
            _usage(request, group, increment=True)
            logger.info("A proposal for beat %s was caught by the honeypot", beat.code)
            return redirect("beat-proposal-thanks", code=beat.code)
        if form.is_valid():
            _usage(request, group, increment=True)
            form.save(beat=beat)
            return redirect("beat-proposal-thanks", code=beat.code)
    else:
        form = ResidentProposalForm()
    return render(request, "reports/public/propose.html", {"beat": beat, "form": form})


@policy.guard("site.view")
@require_safe
def beat_proposal_thanks(request, code):
    return render(request, "reports/public/propose_thanks.html", {"beat": _public_beat(code)})


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def beat_subscribe(request, code):
    beat = _public_beat(code)
    group = "reports.beat-subscribe"
    if request.method == "POST":
        limited, usage = _over_limit(request, group)
        if limited:
            return _rate_limited(request, beat, usage)
        form = SubscriptionForm(request.POST)
        if form.is_spam():
            _usage(request, group, increment=True)
            logger.info("A subscription to beat %s was caught by the honeypot", beat.code)
            return redirect("beat-subscribe-sent", code=beat.code)
        if form.is_valid():
            _usage(request, group, increment=True)
            subscriptions.subscribe(beat=beat, email=form.cleaned_data["email"], request=request)
            return redirect("beat-subscribe-sent", code=beat.code)
    else:
        form = SubscriptionForm()
    return render(request, "reports/public/subscribe.html", {"beat": beat, "form": form})


@policy.guard("site.view")
@require_safe
def beat_subscribe_sent(request, code):
    return render(request, "reports/public/subscribe_sent.html", {"beat": _public_beat(code)})


def _unknown_subscription(request):
    return render(request, "reports/public/subscription_unknown.html", status=404)


@policy.guard("site.view")
@require_http_methods(["GET", "HEAD", "POST"])
def subscription_confirm(request, token):
    """GET asks (so mail scanners that open links confirm nothing); POST confirms."""
    subscription = subscriptions.find(token)
    if subscription is None:
        return _unknown_subscription(request)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return render(
            request,
            "reports/public/subscription_confirm.html",
            {"subscription": subscription, "beat": subscription.beat, "done": True},
        )
    return render(
        request,
        "reports/public/subscription_confirm.html",
        {
            "subscription": subscription,
            "beat": subscription.beat,
            "done": subscription.is_confirmed,
        },
    )


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token; the
# unguessable token in the URL is what authorises it.
@policy.guard("site.view")
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscription_unsubscribe(request, token):
    """GET shows a button; POST (the button or a mail program's one-click) unsubscribes."""
    if request.method == "POST":
        subscription = subscriptions.find(token)
        subscriptions.unsubscribe(token)
        beat = subscription.beat if subscription else None
        return render(request, "reports/public/unsubscribe.html", {"beat": beat, "done": True})
    subscription = subscriptions.find(token)
    if subscription is None:
        return _unknown_subscription(request)
    return render(
        request,
        "reports/public/unsubscribe.html",
        {"subscription": subscription, "beat": subscription.beat, "done": False},
    )
