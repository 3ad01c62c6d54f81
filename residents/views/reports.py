"""Published report pages and their PDFs.

All public. A report page is a published revision, rendered once per language and kept
in the published-content cache (portal.published), which publishing invalidates. The PDF
is the file stored at publication, served as it is, never rendered again.
"""

import logging

from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import policy
from portal import published as cache
from portal.periods import Quarter
from reports.assembly import for_display
from reports.models import ReportRevision
from reports.selectors.published import versions_of

logger = logging.getLogger(__name__)

PDF_MAX_AGE = 60 * 60 * 24
REVISION_RELATED = ("report__beat__police_point__department__area",)


# --- the report page and its PDF -------------------------------------------------------------


def _render_report(pk):
    """The cached part of a report page: {"title", "html"}; Http404 for an unknown id.

    A revision is one language version of a publication; the page links to the other
    version of the same revision and lists the earlier revisions in its own language."""
    revision = get_object_or_404(ReportRevision.objects.select_related(*REVISION_RELATED), pk=pk)
    report = revision.report
    versions = versions_of(revision)
    context = {
        "revision": revision,
        "report": report,
        "beat": report.beat,
        "area": report.beat.police_point.department.area,
        # Dates as dates and the statistics chart, for the shared snapshot template.
        "shown": for_display(revision.snapshot or {}),
        "revisions": versions.in_language,
        "other_versions": versions.others,
        "latest": versions.latest,
        "is_latest": versions.is_latest,
    }
    title = _("Report of the district inspector: %(beat)s, %(period)s") % {
        "beat": report.beat,
        "period": Quarter(report.year, report.quarter).label,
    }
    html = render_to_string("residents/_report_body.html", context)
    return {"title": str(title), "html": str(html)}


@transaction.non_atomic_requests  # a read, served from the cache
@policy.guard("site.view")
@require_safe
def report_page(request, pk):
    language = translation.get_language()
    page = cache.cached(("report-page", pk, language), lambda: _render_report(pk))
    return render(
        request,
        "residents/report.html",
        {"title": page["title"], "body": mark_safe(page["html"])},  # noqa: S308 - our render
    )


def _pdf_file(pk):
    revision = get_object_or_404(ReportRevision.objects.select_related("report__beat"), pk=pk)
    report = revision.report
    filename = (
        f"report-{report.beat.code}-{report.year}-q{report.quarter}"
        f"-v{revision.number}-{revision.language}.pdf"
    )
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
