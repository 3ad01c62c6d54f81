"""The stored PDF of a published report revision, served with as little work as a static file.

`StoredReportPdfMiddleware` sits right after WhiteNoise (portal/settings.py) and answers
GET and HEAD of `/reports/<pk>/pdf/` itself: the file's {name, sha256, filename, size} come
from the published-content cache (one `get`), the bytes from storage; no session, no user,
no template, no transaction. Anything it cannot answer (an unknown revision, a file gone
missing) goes on to the view (residents.views.reports.report_pdf), which answers the 404.

Only a ReportRevision is served, and a revision exists only once published: it can be
neither changed nor deleted (reports.models.ReportRevision), so nothing unpublished is
ever served. The headers are the view's: ETag (the file's SHA-256), a public immutable
Cache-Control, the attachment's file name; a matching If-None-Match gets a 304.
"""

import logging
import re
import time

from django.conf import settings
from django.http import FileResponse, HttpResponseNotModified
from django.urls import reverse

from portal import published
from reports.models import ReportRevision

logger = logging.getLogger(__name__)

PDF_MAX_AGE = 60 * 60 * 24
_SENTINEL = 987654321


def _info(pk):
    """{name, sha256, filename, size} of the revision's stored PDF, or None."""
    revision = ReportRevision.objects.select_related("report__beat").filter(pk=pk).first()
    if revision is None or not revision.pdf:
        return None
    report = revision.report
    try:
        size = revision.pdf.storage.size(revision.pdf.name)
    except OSError:
        logger.error("The stored PDF of report revision %s is missing: %s", pk, revision.pdf)
        return None
    filename = (
        f"report-{report.beat.code}-{report.year}-q{report.quarter}"
        f"-v{revision.number}-{revision.language}.pdf"
    )
    return {
        "name": revision.pdf.name,
        "sha256": revision.pdf_sha256,
        "filename": filename,
        "size": size,
    }


# Each process also keeps what it read for a short while (settings.STORED_PDF_MEMO_SECONDS):
# a revision never changes, so a download then costs no cache round trip at all, like a
# static file. Short, and bounded, because a database restored from a backup may give an id
# to another revision.
_memo = {}
MEMO_MAX = 4096


def stored_pdf_info(pk):
    seconds = settings.STORED_PDF_MEMO_SECONDS
    now = time.monotonic()
    kept = _memo.get(pk) if seconds else None
    if kept is not None and kept[0] > now:
        return kept[1]
    # A missing revision is not kept (None is a miss): an address that may become valid.
    info = published.cached(("report-pdf-file", pk), lambda: _info(pk))
    if info is not None and seconds:
        if len(_memo) >= MEMO_MAX:
            _memo.clear()
        _memo[pk] = (now + seconds, info)
    return info


def stored_pdf_response(request, pk):
    """The answer for revision `pk`'s PDF (200 or 304), or None when there is none to give."""
    info = stored_pdf_info(pk)
    if info is None:
        return None
    etag = f'"{info["sha256"]}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        storage = ReportRevision._meta.get_field("pdf").storage
        try:
            handle = storage.open(info["name"], "rb")
        except (OSError, ValueError):  # gone since it was cached
            logger.error("The stored PDF of report revision %s is missing: %s", pk, info["name"])
            return None
        response = FileResponse(
            handle, as_attachment=True, filename=info["filename"], content_type="application/pdf"
        )
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PDF_MAX_AGE}, immutable"
    return response


class StoredReportPdfMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._pattern = None

    def pattern(self):
        if self._pattern is None:
            path = reverse("public-report-pdf", args=[_SENTINEL])
            before, after = path.split(str(_SENTINEL))
            self._pattern = re.compile(f"^{re.escape(before)}([0-9]{{1,18}}){re.escape(after)}$")
        return self._pattern

    def __call__(self, request):
        # An address with a query string goes the whole way: the portal's checks of a
        # request (a NUL byte, an over-long query) run after this middleware.
        if request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING"):
            match = self.pattern().match(request.path_info)
            if match:
                response = stored_pdf_response(request, int(match[1]))
                if response is not None:
                    return response
        return self.get_response(request)
