"""The audit log page for administrators: every entry, newest first, filtered by user, what
happened, kind of record, date and address. Read only: the log has no page that writes."""

from auditlog.models import LogEntry
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit import display
from audit.filters import AuditFilter
from portal import policy

PAGE_SIZE = 50


@policy.guard("audit.view")
@require_safe
@never_cache
def audit_log(request):
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    filterset = AuditFilter(request.GET or None, queryset=entries)
    invalid = filterset.is_bound and not filterset.is_valid()
    found = entries.none() if invalid else filterset.qs
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {
            "filter": filterset,
            "page_obj": page,
            "rows": display.rows(page.object_list),
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
        status=400 if invalid else 200,
    )
