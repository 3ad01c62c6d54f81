"""Offence statistics of a beat by category and quarter, with the same quarter a year
earlier (АППГ).

* `statistics-list`: the table of a beat's quarter — count, АППГ, change in per cent.
* `statistics-edit`: one number per category for a beat and quarter, saved at once.
* `statistics-import` → `statistics-import-check` (the job: its progress, then the dry
  run) → `statistics-import-apply`: a CSV or XLSX file, checked row by row before anything
  is written; both steps run as tasks (see portal.imports).
* `statistics-import-template`: a file with the right header, pre-filled for the user's
  beats and the last completed quarter.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from districts.models import Beat
from portal import policy
from portal.imports import jobs
from portal.imports import views as imports
from portal.imports.errors import ImportFileError
from portal.periods import last_completed_quarter
from portal.spreadsheets import Plain, safe_cell
from reports.forms.statistics import (
    PeriodForm,
    StatisticsEntryForm,
    StatisticsImportForm,
)
from reports.models import OffenceCategory
from reports.services import statistics_import as service
from reports.services.statistics_import import STATISTICS
from reports.statistics import compare, total_row


def _period_query(beat, year, quarter):
    return urlencode({"beat": beat.pk, "year": year, "quarter": quarter})


def _period_form(request):
    """The valid PeriodForm of the request, or the invalid one (its errors become messages).

    A beat outside the user's scope is a 404."""
    form = PeriodForm(request.GET, user=request.user)
    if not form.has_beats:
        return form
    if not form.is_valid():
        if form.beat_outside_scope():
            raise Http404
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return form


# --- the table ----------------------------------------------------------------------------


def _change_text(row):
    """The change in per cent as shown: “—” without data, a label for a rise from zero."""
    if row.change_percent is None:
        if row.trend == "up":  # last year 0, now more: no finite percentage
            return gettext("up from zero")
        return "—"
    if row.change_percent == 0:
        return "0 %"
    sign = "+" if row.change_percent > 0 else "−"
    return f"{sign}{number_format(abs(row.change_percent), 1)} %"


def _display(row):
    return {
        "category": row.category,
        "current": "—" if row.current is None else row.current,
        "previous": "—" if row.previous is None else row.previous,
        "change": _change_text(row),
        "trend": row.trend,
        "from_zero": row.change_percent is None and row.trend == "up",
    }


@policy.guard("report.view")
@require_safe
def statistics_list(request):
    form = _period_form(request)
    context = {"period": form, "has_beats": form.has_beats}
    status = 200
    if form.has_beats and not form.is_valid():
        status = 400
    elif form.has_beats:
        beat, year, quarter = form.period()
        rows = compare(beat_ids=[beat.pk], year=year, quarter=quarter)
        query = _period_query(beat, year, quarter)
        may_write = policy.may(request.user, "statistics.record")
        context.update(
            beat=beat,
            year=year,
            quarter=quarter,
            previous_year=year - 1,
            rows=[_display(row) for row in rows],
            total=_display(total_row(rows)),
            may_write=may_write,
            edit_url=f"{reverse('statistics-edit')}?{query}" if may_write else None,
            edit_previous_url=(
                f"{reverse('statistics-edit')}?{_period_query(beat, year - 1, quarter)}"
                if may_write and year - 1 >= service.MIN_YEAR
                else None
            ),
        )
    return render(request, "reports/statistics/list.html", context, status=status)


# --- entry by hand ------------------------------------------------------------------------


@policy.guard("statistics.record")
def statistics_edit(request):
    period = _period_form(request)
    context = {"period": period, "has_beats": period.has_beats}
    if not (period.has_beats and period.is_valid()):
        if request.method == "POST":
            messages.error(request, _("Nothing was saved: choose a beat and a past quarter."))
        status = 400 if request.method == "POST" or period.has_beats else 200
        return render(request, "reports/statistics/edit.html", context, status=status)

    beat, year, quarter = period.period()
    categories = OffenceCategory.objects.filter(is_active=True).order_by("order", "code")
    current, previous = service.quarter_values(beat, year, quarter)
    form = StatisticsEntryForm(
        request.POST or None, categories=categories, current=current, previous=previous
    )
    query = _period_query(beat, year, quarter)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = service.save_quarter(request.user, beat, year, quarter, form.counts())
            except service.WriteConflict:
                messages.error(
                    request,
                    _(
                        "Someone saved these statistics at the same moment: nothing was saved. "
                        "Look at the values and save again."
                    ),
                )
                return redirect(f"{reverse('statistics-edit')}?{query}")
            if result.changed:
                messages.success(request, _("The statistics are saved."))
            else:
                messages.info(request, _("Nothing has changed."))
            return redirect(f"{reverse('statistics-list')}?{query}")
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    context.update(
        beat=beat,
        year=year,
        quarter=quarter,
        form=form,
        action=f"{request.path}?{query}",
        cancel_url=f"{reverse('statistics-list')}?{query}",
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/statistics/edit.html", context, status=status)


# --- import -------------------------------------------------------------------------------


def _template_links():
    base = reverse("statistics-import-template")
    return [(fmt.upper(), f"{base}?format={fmt}") for fmt in imports.FILE_TYPES]


@policy.guard("statistics.record")
def statistics_import(request):
    form = StatisticsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = form.content
        try:
            # Problems with the header are shown at once, on this page: a quick look at the
            # header and the first row (the job reads the rest).
            header, _rows = STATISTICS.read(content, upload.name, rows_wanted=1)
            STATISTICS.columns.map(header)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            job = imports.start_check(STATISTICS, request, content, upload.name)
            return redirect("statistics-import-check", upload=job["id"])
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    categories = OffenceCategory.objects.filter(is_active=True).order_by("order", "code")
    return render(
        request,
        "reports/statistics/import.html",
        {
            "form": form,
            "columns": STATISTICS.columns,
            "categories": categories,
            "max_rows": STATISTICS.limits.max_rows,
            "template_links": _template_links(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _applied(request, job):
    """The end of an applied job: its message on the statistics it wrote; the job is gone."""
    result = jobs.report(STATISTICS, job)
    outcome = job["outcome"]
    jobs.discard(STATISTICS, job)
    messages.success(
        request,
        _("Imported: %(created)s new values, %(updated)s changed, %(unchanged)s unchanged.")
        % {
            "created": outcome["created"],
            "updated": outcome["updated"],
            "unchanged": outcome["unchanged"],
        },
    )
    if not (result and result.good):
        return redirect("statistics-list")
    beat_id, _category_id, year, quarter = result.good[0].key
    query = urlencode({"beat": beat_id, "year": year, "quarter": quarter})
    return redirect(f"{reverse('statistics-list')}?{query}")


@policy.guard("statistics.record")
@require_safe
@never_cache
def statistics_import_check(request, upload):
    """The job of an upload: its progress, then the dry run — every bad row and what the
    good rows would change; once applied, the statistics it wrote."""
    job = imports.job_or_404(STATISTICS, request, upload)
    if job["state"] == jobs.APPLIED:
        return _applied(request, job)
    context = {
        **imports.page_context(STATISTICS, request, job),
        "upload_id": job["id"],
        "filename": job["filename"],
        "progress_url": reverse("statistics-import-progress", kwargs={"upload": job["id"]}),
        "cancel_url": reverse("statistics-import-cancel", kwargs={"upload": job["id"]}),
    }
    result = jobs.report(STATISTICS, job) if job["state"] == jobs.CHECKED else None
    if result is not None:
        context.update(
            result=result,
            bad_rows=[
                {**row, "values": [row.get(column.key, "") for column in STATISTICS.columns]}
                for row in imports.bad_rows(STATISTICS, result)
            ],
            new_rows=result.new,
            changed_rows=result.changed,
            unchanged_count=len(result.unchanged),
        )
    return render(request, "reports/statistics/import_check.html", context)


@policy.guard("statistics.record")
@require_safe
@never_cache
def statistics_import_progress(request, upload):
    return imports.progress_response(STATISTICS, request, upload)


@policy.guard("statistics.record")
def statistics_import_apply(request, upload):
    """Step 2: the good rows written in one transaction, when the check is unchanged."""
    job = imports.job_or_404(STATISTICS, request, upload)
    if request.method != "POST":
        return redirect("statistics-import-check", upload=job["id"])
    if job["state"] == jobs.CHECKED and request.POST.get("fingerprint") != job["fingerprint"]:
        # The page the user confirmed is not the latest check (another tab applied first).
        messages.warning(request, STATISTICS.text("changed"))
    elif not imports.start_apply(STATISTICS, job):
        messages.error(request, _("This import cannot be applied now."))
    return redirect("statistics-import-check", upload=job["id"])


@policy.guard("statistics.record")
def statistics_import_cancel(request, upload):
    """POST: the uploader stops the running check or apply; the job page tells when it has."""
    job = imports.job_or_404(STATISTICS, request, upload)
    if request.method == "POST" and not imports.request_cancel(STATISTICS, request, job):
        messages.info(request, _("The import is no longer running: there is nothing to cancel."))
    return redirect("statistics-import-check", upload=job["id"])


@policy.guard("statistics.record")
@require_safe
def statistics_import_template(request):
    """The header the import reads, with a row per category for each of the user's beats
    (up to TEMPLATE_MAX_BEATS) and the last completed quarter; the counts are left empty."""
    fmt = request.GET.get("format", "csv")
    if fmt not in imports.FILE_TYPES:
        raise Http404
    year, quarter = last_completed_quarter()
    beats = list(
        policy.scoped(request.user, Beat.objects.all()).values_list("code", flat=True)[
            : service.TEMPLATE_MAX_BEATS + 1
        ]
    )
    rows = []
    if len(beats) <= service.TEMPLATE_MAX_BEATS:
        categories = list(OffenceCategory.objects.filter(is_active=True).order_by("order", "code"))
        for code in beats:
            for category in categories:
                name = safe_cell(str(category.name))
                rows.append([safe_cell(code), Plain(year), quarter, name, ""])
    return imports.template_response(
        STATISTICS, fmt, title=gettext("Statistics"), name="statistics-template", rows=rows
    )
