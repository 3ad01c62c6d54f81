"""Effectiveness indicators: per inspector and quarter, the akim's yearly view, the targets.

* `indicators` — `?area=&year=&quarter=&span=`: every inspector of the user's scope in an
  area (the inspector sees themselves; the supervisor their department; the akimat, the
  region and the administrator the area), coloured against the area's targets, with the
  trend over the last `span` quarters.
* `indicators-year` and `indicators-year-pdf` — `?area=&year=`: the four quarters of a year
  added up, for the akim and the department head (the roll-up's readers).
* `indicator-targets` — `?area=`: an administrator sets the area's targets.

Areas are picked from the areas the user shares (never from a list of beats); an area
outside the scope is a 404. Beats are read through `policy.scoped`.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from districts.models import Beat
from districts.selectors.territory import shared_areas
from portal import policy
from portal.file_jobs import tasks as file_tasks
from portal.file_jobs import views as file_views
from portal.periods import Quarter, last_completed_quarter
from portal.query_params import id_or_404
from reports import file_makers, indicator_charts, indicators
from reports.forms.indicators import TargetsForm
from reports.models import IndicatorTarget
from reports.services.indicator_targets import targets_set
from reports.views.rollup import PDF_LANGUAGES, PeriodForm

SPANS = (4, 6, 8)


class TrendForm(PeriodForm):
    span = forms.TypedChoiceField(
        label=_("Quarters in the trend"),
        coerce=int,
        choices=[(n, n) for n in SPANS],
        required=False,
        empty_value=SPANS[0],
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not Quarter(year, 1).has_begun():
            raise forms.ValidationError(_("This year has not begun yet."))
        return year


def _area(request):
    """(the chosen area or None, the areas to choose from when more than one)."""
    areas = list(shared_areas(request.user).select_related("region").order_by("name", "pk"))
    value = request.GET.get("area", "").strip()
    if value:
        area_id = id_or_404(value)
        area = next((a for a in areas if a.pk == area_id), None)
        if area is None:
            raise Http404
    else:
        area = areas[0] if areas else None
    return area, (areas if len(areas) > 1 else None)


def _beats(user, area):
    return policy.scoped(user, Beat.objects.filter(police_point__department__area=area))


def _trend_rows(table):
    """Per row (and the totals): [(Measure of the page's quarter, trend SVG)] in order."""

    def cells(by_quarter, name):
        result = []
        for code in indicators.ORDER:
            series = [by_quarter[q][code] for q in table.quarters]
            title = f"{name} · {indicators.Indicator(code).label}"
            result.append((series[-1], indicator_charts.trend(table.quarters, series, title=title)))
        return result

    rows = [
        (row, cells(row.cells, row.name or gettext("Beats without an inspector")))
        for row in table.rows
    ]
    total = cells(table.totals, gettext("Total")) if len(table.rows) > 1 else None
    return rows, total


@policy.guard("indicators.view")
@require_safe
def indicator_page(request):
    area, areas = _area(request)
    year, quarter = last_completed_quarter()
    form = TrendForm(
        {
            "year": request.GET.get("year", year),
            "quarter": request.GET.get("quarter", quarter),
            "span": request.GET.get("span", SPANS[0]),
        }
    )
    span = SPANS[0]
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        span = form.cleaned_data["span"]
    table = rows = total = None
    if area is not None:
        quarters = indicators.begun_quarters(Quarter(year, quarter), span)
        table = indicators.indicator_table(
            area=area, beats=_beats(request.user, area), quarters=quarters
        )
        rows, total = _trend_rows(table)
    return render(
        request,
        "reports/indicators/quarter.html",
        {
            "area": area,
            "areas": areas,
            "form": form,
            "table": table,
            "rows": rows,
            "total": total,
            "labels": [indicators.Indicator(code).label for code in indicators.ORDER],
            "year_url": _year_url(request.user, area, year),
        },
    )


def _year_url(user, area, year):
    if area is None or not policy.may(user, "rollup.view"):
        return None
    return reverse("indicators-year") + f"?area={area.pk}&year={year}"


def _year_selection(request):
    area, areas = _area(request)
    form = YearForm({"year": request.GET.get("year", last_completed_quarter().year)})
    year = form.cleaned_data["year"] if form.is_valid() else last_completed_quarter().year
    return area, areas, form, year


def _year_data(user, area, year):
    if area is None:
        return None
    return indicators.year_view(area=area, beats=_beats(user, area), year=year)


@policy.guard("rollup.view")
@require_safe
def year_page(request):
    area, areas, form, year = _year_selection(request)
    data = _year_data(request.user, area, year)
    pdf_url = None
    if data is not None:
        pdf_url = reverse("indicators-year-pdf") + f"?area={area.pk}&year={year}"
    return render(
        request,
        "reports/indicators/year.html",
        {
            "area": area,
            "areas": areas,
            "form": form,
            "data": data,
            "pdf_url": pdf_url,
            "quarter_url": reverse("indicators") + (f"?area={area.pk}" if area else ""),
        },
    )


@policy.guard("rollup.view")
@require_safe
def year_pdf(request):
    """The file when the task ran in this request (no broker), else the job's page."""
    area, _areas, form, year = _year_selection(request)
    if not form.is_valid():
        return HttpResponseBadRequest(
            gettext("Choose a valid year."), content_type="text/plain; charset=utf-8"
        )
    if area is None:
        raise Http404
    language = translation.get_language()
    language = language if language in PDF_LANGUAGES else PDF_LANGUAGES[1]
    with translation.override(language):
        title = gettext("Indicators of %(area)s for %(year)s (PDF)") % {
            "area": area.name,
            "year": year,
        }
    # Made by a task, as the roll-up PDF is (reports/views/rollup.py).
    job = file_tasks.start(
        request.user,
        file_makers.INDICATORS_YEAR_PDF,
        {"area": area.pk, "year": year, "lang": language},
        title,
    )
    return file_views.after_start(job)


@policy.guard("indicators.targets", write="indicators.targets")
def target_page(request):
    area, areas = _area(request)
    if area is None:
        raise Http404
    current = {
        # "150", not "150.0", for a whole number.
        code: target.quantize(1) if target == target.to_integral_value() else target
        for code, target in IndicatorTarget.objects.filter(area=area).values_list(
            "indicator", "target"
        )
    }
    if request.method == "POST":
        form = TargetsForm(request.POST)
        if form.is_valid():
            targets_set(area=area, targets=form.targets(), user=request.user)
            messages.success(request, gettext("The targets are saved."))
            return redirect(reverse("indicator-targets") + f"?area={area.pk}")
    else:
        form = TargetsForm(initial=current)
    history = (
        IndicatorTarget.history.filter(area_id=area.pk)
        .select_related("history_user")
        .order_by("-history_date")[:10]
    )
    return render(
        request,
        "reports/indicators/targets.html",
        {
            "area": area,
            "areas": areas,
            "form": form,
            "history": history,
            "today": timezone.localdate(),
        },
    )
