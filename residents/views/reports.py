"""Published report pages and their PDFs.

All public. A report page is a published revision, rendered once per language and kept
in the published-content cache (portal.published), which publishing invalidates; the whole
page is kept for anonymous visitors too (portal.page_cache). The PDF is the file stored at
publication, served as it is, never rendered again (residents.pdf_files).
"""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal import page_cache, policy
from portal import published as cache
from portal.periods import Quarter
from reports.assembly import for_display
from reports.models import ReportRevision
from reports.selectors.published import versions_of
from residents.pdf_files import stored_pdf_response

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
# A revision never changes and shows nothing that depends on the clock: kept for an hour.
@page_cache.public_page(page_cache.PUBLISHED, page_cache.TERRITORY, timeout=60 * 60)
@require_safe
def report_page(request, pk):
    language = translation.get_language()
    # The body names the beat's area: a renamed one makes it stale, like the whole page.
    (territory,) = page_cache.versions([page_cache.TERRITORY])
    page = cache.cached(("report-page", pk, language, territory), lambda: _render_report(pk))
    return render(
        request,
        "residents/report.html",
        {"title": page["title"], "body": mark_safe(page["html"])},  # noqa: S308 - our render
    )


@transaction.non_atomic_requests  # a read, served from storage
@policy.guard("site.view")
@require_safe
def report_pdf(request, pk):
    """The PDF stored at publication, as a file; its SHA-256 is the ETag. Usually answered
    before the view by residents.pdf_files.StoredReportPdfMiddleware; here when that one
    found nothing to serve, or does not run."""
    response = stored_pdf_response(request, pk)
    if response is None:
        raise Http404("PDF not found")
    return response
