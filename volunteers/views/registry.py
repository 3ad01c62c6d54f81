"""Import and export of the register, and the regional record (Law No. 590).

* `register-import`: a registrar uploads a CSV or XLSX file; the check (a dry run) runs as
  a task (see portal.imports) and its page shows the progress, then every bad row with its
  reasons; `register-import-apply` writes the good rows in one transaction.
* `register-export`: the assistants of the user's scope as CSV or XLSX, with the filters
  of the register's list; personal data only where the policy allows it.
* `register-regional`: every area of the user's region with its totals by status and the
  duty hours of the year, a chart of active assistants, and its export.
"""

from dataclasses import dataclass
from decimal import Decimal

import tablib
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit.middleware import current_request_id
from districts.models import Area, Region
from portal import policy
from portal.client_ip import client_ip
from portal.file_jobs import tasks as file_tasks
from portal.file_jobs import views as file_views
from portal.imports import jobs
from portal.imports import views as imports
from portal.spreadsheets import FILE_TYPES, file_response, safe_cell
from volunteers import file_makers
from volunteers.forms.registry import RegionChoiceForm, RegisterImportForm
from volunteers.models import AssistantStatus
from volunteers.models.duty_totals import area_duty_hours
from volunteers.services.registry_import import REGISTER
from volunteers.status_counts import counts_by_area_and_status


def _file_response(dataset: tablib.Dataset, fmt: str, name: str) -> HttpResponse:
    return file_response(fmt, dataset, name=f"{name}-{timezone.localdate():%Y-%m-%d}")


def _format(request):
    fmt = request.GET.get("format", "csv")
    if fmt not in FILE_TYPES:
        raise Http404
    return fmt


# --- import -------------------------------------------------------------------------------


@policy.guard("register.record")
def import_start(request):
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = imports.start_check(REGISTER, request, form.content, upload.name)
        return redirect("register-import-job", job=job["id"])
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "volunteers/registry/import_start.html",
        {
            "form": form,
            "columns": REGISTER.columns,
            "max_rows": REGISTER.limits.max_rows,
            "template_links": [
                (fmt.upper(), reverse("register-import-template") + f"?format={fmt}")
                for fmt in FILE_TYPES
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


@policy.guard("register.record")
@require_safe
@never_cache
def import_job(request, job):
    job = imports.job_or_404(REGISTER, request, job)
    report, result = [], None
    if job["state"] in ("checked", "applied"):
        result = jobs.report(REGISTER, job)
        report = imports.bad_rows(REGISTER, result)
    # Rows of an exported register: changes of records' contact data and unchanged rows.
    changes = getattr(result, "changes", 0)
    outcome = job.get("outcome") or {}
    return render(
        request,
        "volunteers/registry/import_job.html",
        {
            **imports.page_context(REGISTER, request, job),
            "progress_url": reverse("register-import-progress", args=[job["id"]]),
            "cancel_url": reverse("register-import-cancel", args=[job["id"]]),
            "report": report,
            "changes": changes,
            "new": max(job.get("good", 0) - changes, 0),
            "unchanged": len(result.skipped) if result else 0,
            "created": outcome.get("created", job.get("written", 0)),
            "updated": outcome.get("updated", 0),
            "list_url": reverse("assistant-list"),
        },
    )


@policy.guard("register.record")
@require_safe
@never_cache
def import_progress(request, job):
    return imports.progress_response(REGISTER, request, job)


@policy.guard("register.record")
def import_apply(request, job):
    job = imports.job_or_404(REGISTER, request, job)
    if request.method != "POST":
        return redirect("register-import-job", job=job["id"])
    if job["owner"] != request.user.pk:
        raise Http404  # an administrator may read another's job, not apply it
    if not imports.start_apply(REGISTER, job):
        messages.error(request, _("This import cannot be applied now."))
    return redirect("register-import-job", job=job["id"])


@policy.guard("register.record")
def import_cancel(request, job):
    """POST: the uploader stops the running import; the job page tells when it has."""
    job = imports.job_or_404(REGISTER, request, job)
    if request.method == "POST" and not imports.request_cancel(REGISTER, request, job):
        messages.info(request, _("The import is no longer running: there is nothing to cancel."))
    return redirect("register-import-job", job=job["id"])


@policy.guard("register.record")
@require_safe
def import_template(request):
    """An empty file with the header the import reads (names in Russian and English)."""
    return imports.template_response(
        REGISTER, _format(request), title=gettext("Register"), name="register-template"
    )


# --- export -------------------------------------------------------------------------------


@policy.guard("register.view")
@require_safe
def register_export(request):
    """The assistants of the user's scope, with the register list's filters: made by a task
    (a whole country is too much for a request), the file at once without a broker."""
    fmt = _format(request)
    if not file_makers.register_filter(request.user, request.GET).is_valid():
        return HttpResponseBadRequest(gettext("Unknown filter value."))
    job = file_tasks.start(
        request.user,
        file_makers.REGISTER_EXPORT,
        {
            "query": file_makers.query_params(request.GET),
            "format": fmt,
            "lang": translation.get_language(),
            "address": client_ip(request),
            "request_id": current_request_id(),
        },
        gettext("Register export (%(format)s)") % {"format": fmt.upper()},
    )
    return file_views.after_start(job)


# --- the regional record ------------------------------------------------------------------

STATUSES = [
    AssistantStatus.APPLIED,
    AssistantStatus.PETITIONED,
    AssistantStatus.REGISTERED,
    AssistantStatus.CERTIFIED,
    AssistantStatus.ACTIVE,
    AssistantStatus.SUSPENDED,
    AssistantStatus.DEREGISTERED,
    AssistantStatus.REFUSED,
]


@dataclass
class RegionalRow:
    area: Area | None
    counts: list  # in the order of STATUSES
    total: int
    hours: Decimal
    region: Region | None = None  # a row of a whole region (area None)

    def __str__(self):
        return str(self.area or self.region or "")

    @property
    def active(self):
        return self.counts[STATUSES.index(AssistantStatus.ACTIVE)]


def regional_rows(user, region=None, year=None) -> tuple[list, RegionalRow]:
    """Every area in the user's scope with its totals by status and its duty hours of
    `year`; and the grand total row.

    Three small queries whatever the size of the register: the areas, the assistants
    counted by area and status (kept in the cache until the register changes:
    volunteers/status_counts.py), and the stored duty totals of the year
    (volunteers.models.duty_totals), not the duty log.
    """
    year = year or timezone.localdate().year
    areas = policy.scoped(user, Area.objects.select_related("region"))
    if region is not None:
        areas = areas.filter(region=region)
    areas = list(areas.order_by("region__name", "name"))
    area_ids = [area.pk for area in areas]
    counts = counts_by_area_and_status(area_ids)
    hours = area_duty_hours(area_ids, year) if area_ids else {}
    rows = []
    for area in areas:
        row_counts = [counts.get((area.pk, status), 0) for status in STATUSES]
        rows.append(
            RegionalRow(
                area=area,
                counts=row_counts,
                total=sum(row_counts),
                hours=Decimal(hours.get(area.pk) or 0),
            )
        )
    grand = RegionalRow(
        area=None,
        counts=[sum(row.counts[i] for row in rows) for i in range(len(STATUSES))],
        total=sum(row.total for row in rows),
        hours=sum((row.hours for row in rows), Decimal("0")),
    )
    return rows, grand


def region_rows(user, year=None) -> tuple[list, RegionalRow]:
    """An administrator's whole country: one row per region adding up its areas, and the
    grand total row. The areas are read as ids only (a country has 192 of them); the counts
    and hours are the same as `regional_rows` reads."""
    year = year or timezone.localdate().year
    pairs = list(policy.scoped(user, Area.objects.all()).values_list("pk", "region_id"))
    area_ids = [area_id for area_id, _region_id in pairs]
    counts = counts_by_area_and_status(area_ids)
    hours = area_duty_hours(area_ids, year) if area_ids else {}
    regions = Region.objects.in_bulk({region_id for _area_id, region_id in pairs})
    rows = {}
    for area_id, region_id in pairs:
        row = rows.get(region_id)
        if row is None:
            row = rows[region_id] = RegionalRow(
                area=None, region=regions[region_id], counts=[0] * len(STATUSES), total=0,
                hours=Decimal("0"),
            )  # fmt: skip
        area_counts = [counts.get((area_id, status), 0) for status in STATUSES]
        row.counts = [a + b for a, b in zip(row.counts, area_counts, strict=True)]
        row.total += sum(area_counts)
        row.hours += Decimal(hours.get(area_id) or 0)
    ordered = sorted(rows.values(), key=lambda row: (row.region.name, row.region.pk))
    grand = RegionalRow(
        area=None,
        counts=[sum(row.counts[i] for row in ordered) for i in range(len(STATUSES))],
        total=sum(row.total for row in ordered),
        hours=sum((row.hours for row in ordered), Decimal("0")),
    )
    return ordered, grand


# The chart of active assistants per area (inline SVG, no style attributes).
CHART_WIDTH = 640
CHART_ROW = 44
CHART_BAR_HEIGHT = 18
CHART_LABEL_SPACE = 80  # room right of the longest bar for its value


@dataclass
class ChartBar:
    label: str
    value: int
    label_y: int
    bar_y: int
    text_y: int
    width: float
    value_x: float


def active_chart(rows) -> dict:
    top = max((row.active for row in rows), default=0) or 1
    space = CHART_WIDTH - CHART_LABEL_SPACE
    bars = []
    for number, row in enumerate(rows):
        y = number * CHART_ROW
        width = round(row.active / top * space, 1)
        bars.append(
            ChartBar(
                label=str(row),
                value=row.active,
                label_y=y + 14,
                bar_y=y + 20,
                text_y=y + 20 + CHART_BAR_HEIGHT - 4,
                width=max(width, 1 if row.active else 0),
                value_x=round(width + 6, 1),
            )
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(rows) * CHART_ROW + 4, CHART_ROW),
        "bar_height": CHART_BAR_HEIGHT,
    }


def _chosen_region(request):
    """The region whose areas to show: the regional registrar's own; an administrator's
    choice (?region=<id>, all regions when none)."""
    form = RegionChoiceForm(request.GET or None, user=request.user)
    if request.user.is_administrator:
        region = form.cleaned_data.get("region") if form.is_valid() else None
        return form, region
    return None, request.user.region


def _regional_headers(year):
    return [
        gettext("Area"),
        *(str(AssistantStatus(status).label) for status in STATUSES),
        gettext("Total"),
        gettext("Duty hours in %(year)s") % {"year": year},
    ]


@policy.guard("register.regional")
@require_safe
def regional_record(request):
    form, region = _chosen_region(request)
    year = timezone.localdate().year
    # An administrator's whole country: one row per region, which opens its areas (the export
    # keeps every area).
    whole_country = form is not None and region is None
    if whole_country:
        rows, grand = region_rows(request.user, year=year)
    else:
        rows, grand = regional_rows(
            request.user, region=None if form is None else region, year=year
        )
    query = request.GET.copy()
    exports = []
    for fmt in FILE_TYPES:
        query["format"] = fmt
        exports.append((fmt.upper(), reverse("register-regional-export") + "?" + query.urlencode()))
    return render(
        request,
        "volunteers/registry/regional.html",
        {
            "region": region,
            "region_form": form,
            "whole_country": whole_country,
            "year": year,
            "statuses": [(status, AssistantStatus(status).label) for status in STATUSES],
            "rows": rows,
            "grand": grand,
            "chart": active_chart(rows),
            "list_url": reverse("assistant-list"),
            "exports": exports,
        },
    )


@policy.guard("register.regional")
@require_safe
def regional_export(request):
    fmt = _format(request)
    form, region = _chosen_region(request)
    year = timezone.localdate().year
    rows, grand = regional_rows(request.user, region=None if form is None else region, year=year)
    dataset = tablib.Dataset(headers=_regional_headers(year), title=gettext("Regional record"))
    for row in [*rows, grand]:
        name = safe_cell(row.area.name) if row.area else gettext("Total")
        dataset.append([name, *row.counts, row.total, row.hours])
    return _file_response(dataset, fmt, "regional-record")
