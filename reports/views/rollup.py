"""The area roll-up for the akim and the department head: a page, a PDF and an XLSX.

`?area=<id>&year=&quarter=`. Without an area the user's own is shown: the akimat
registrar's area, the supervisor's department's area, the first area of the regional
registrar's region (with a picker of the region's areas), any area for an administrator.
An area outside the user's scope is a 404. The beats are read through `policy.scoped`,
the figures come from reports.rollup (grouped queries, cached).
"""

from django import forms
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from districts.selectors.territory import shared_areas
from portal import policy
from portal.file_jobs import tasks as file_tasks
from portal.file_jobs import views as file_views
from portal.periods import QUARTER_NUMBERS, Quarter, last_completed_quarter
from portal.query_params import id_or_404
from portal.spreadsheets import file_response
from reports import file_makers, rollup

# The PDF speaks the state language or Russian (Constitution, Art. 7).
PDF_LANGUAGES = ("kk", "ru")


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Labelled per request, in the active language.
        self.fields["quarter"].choices = [
            (q, gettext("Q%(quarter)s") % {"quarter": q}) for q in QUARTER_NUMBERS
        ]

    def clean(self):
        cleaned = super().clean()
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year and quarter and not Quarter(year, quarter).has_begun(self.today):
            self.add_error("quarter", _("This quarter has not begun yet."))
        return cleaned


def _areas(user):
    """The areas whose roll-up the user may read (policy decides), first one the default."""
    return list(shared_areas(user).select_related("region").order_by("name", "pk"))


def _selection(request):
    """(area or None, areas in scope, bound period form, year, quarter).

    A malformed or foreign area id is a 404; a bad period keeps the form's errors and
    falls back to the last completed quarter.
    """
    areas = _areas(request.user)
    value = request.GET.get("area", "").strip()
    if value:
        area_id = id_or_404(value)
        area = next((a for a in areas if a.pk == area_id), None)
        if area is None:
            raise Http404
    else:
        area = areas[0] if areas else None
    year, quarter = last_completed_quarter()
    data = {
        "year": request.GET.get("year", year),
        "quarter": request.GET.get("quarter", quarter),
    }
    form = PeriodForm(data)
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    return area, areas, form, year, quarter


def _data(user, area, year, quarter):
    return file_makers.rollup_data(user, area, year, quarter)


def _query(area, year, quarter):
    return f"?area={area.pk}&year={year}&quarter={quarter}"


def _filename(data):
    return file_makers.rollup_filename(data)


@policy.guard("rollup.view")
@require_safe
def area_rollup(request):
    area, areas, form, year, quarter = _selection(request)
    data = _data(request.user, area, year, quarter)
    exports = []
    if data is not None:
        query = _query(area, year, quarter)
        exports = [
            ("PDF", reverse("area-rollup-pdf") + query),
            ("XLSX", reverse("area-rollup-xlsx") + query),
        ]
    return render(
        request,
        "reports/rollup/area.html",
        {
            "area": area,
            "areas": areas if len(areas) > 1 else None,
            "form": form,
            "rollup": data,
            "exports": exports,
        },
    )


def _export_selection(request):
    area, _areas_, form, year, quarter = _selection(request)
    if not form.is_valid():
        return (
            None,
            None,
            HttpResponseBadRequest(
                gettext("Choose a valid year and quarter."),
                content_type="text/plain; charset=utf-8",
            ),
        )
    if area is None:
        raise Http404
    return area, (year, quarter), None


@policy.guard("rollup.view")
@require_safe
def area_rollup_pdf(request):
    """The PDF is made by a task (5–7 s for 240 beats): the file itself when it ran in this
    request (no broker), else the job's page, which shows its progress, then the file."""
    area, period, refused = _export_selection(request)
    if refused:
        return refused
    language = translation.get_language()
    language = language if language in PDF_LANGUAGES else PDF_LANGUAGES[1]
    year, quarter = period
    with translation.override(language):
        title = gettext("Roll-up of %(area)s, Q%(quarter)s %(year)s (PDF)") % {
            "area": area.name,
            "quarter": quarter,
            "year": year,
        }
    job = file_tasks.start(
        request.user,
        file_makers.ROLLUP_PDF,
        {"area": area.pk, "year": year, "quarter": quarter, "lang": language},
        title,
    )
    return file_views.after_start(job)


@policy.guard("rollup.view")
@require_safe
def area_rollup_xlsx(request):
    area, period, refused = _export_selection(request)
    if refused:
        return refused
    data = _data(request.user, area, *period)
    return file_response("xlsx", rollup.export_book(data), name=_filename(data))
