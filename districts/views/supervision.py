"""The supervisor's view of the department: beats, figures, workload, exports.

Supervisors see their own department (`department-home`, `department-export`);
administrators pick any department on the same page (`department-overview`,
`department-overview-export`). Both read through `policy.scoped`.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from districts.models import Beat, PoliceDepartment, Region
from districts.selectors.supervision import COLUMNS, department_overview, export_dataset
from portal import policy
from portal.query_params import parse_id
from portal.spreadsheets import FILE_TYPES, file_response


def _query(request, **changes):
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return "?" + query.urlencode()


def _headers(request, overview):
    """Each column with the link that sorts by it and its aria-sort state."""
    headers = []
    for column in COLUMNS:
        active = column.key == overview.sort_key
        state = ("descending" if overview.descending else "ascending") if active else None
        following = f"-{column.key}" if active and not overview.descending else column.key
        headers.append(
            {"column": column, "aria_sort": state, "href": _query(request, sort=following)}
        )
    return headers


def _page(request, *, department, beats, export_url, chooser=None):
    overview = department_overview(beats=beats, sort=request.GET.get("sort"))
    exports = [
        (fmt.upper(), reverse(export_url) + _query(request, format=fmt, sort=overview.sort))
        for fmt in FILE_TYPES
    ]
    return render(
        request,
        "districts/department_home.html",
        {
            "department": department,
            "chooser": chooser,
            "overview": overview,
            "rows": overview.rows,
            "headers": _headers(request, overview),
            "exports": exports,
        },
    )


def _export(request, *, beats, name="department"):
    fmt = request.GET.get("format", "csv")
    if fmt not in FILE_TYPES:
        raise Http404
    overview = department_overview(beats=beats, sort=request.GET.get("sort"))
    dataset = export_dataset(overview)
    return file_response(fmt, dataset, name=f"{name}-workload-{timezone.localdate():%Y-%m-%d}")


def _department_beats(user, department_id=None):
    beats = policy.scoped(user, Beat.objects.all())
    if department_id is not None:
        beats = beats.filter(police_point__department_id=department_id)
    return beats


@policy.guard("start.supervisor")
@require_safe
def department_home(request):
    return _page(
        request,
        department=request.user.department,
        beats=_department_beats(request.user),
        export_url="department-export",
    )


@policy.guard("start.supervisor")
@require_safe
def department_export(request):
    return _export(request, beats=_department_beats(request.user))


def _chosen_department(request):
    """(regions, the chosen region, its departments, the chosen department) of an
    administrator's ?region=<id>&department=<id>: the region first, then one of its
    departments, so that neither list grows with the country (16 regions, ~24 departments
    each, not 384 in one list). A department alone (a link) brings its region."""
    departments = policy.scoped(request.user, PoliceDepartment.objects.select_related("area"))
    department_id = parse_id(request.GET.get("department"))
    department = departments.filter(pk=department_id).first() if department_id else None
    regions = Region.objects.order_by("name")
    region_id = department.area.region_id if department else parse_id(request.GET.get("region"))
    region = regions.filter(pk=region_id).first() if region_id else None
    in_region = (
        departments.filter(area__region=region).order_by("area__name", "name") if region else None
    )
    return regions, region, in_region, department


@policy.guard("department.overview")
@require_safe
def department_overview_page(request):
    regions, region, departments, department = _chosen_department(request)
    beats = _department_beats(request.user, department.pk) if department else Beat.objects.none()
    return _page(
        request,
        department=department,
        beats=beats,
        export_url="department-overview-export",
        chooser={"regions": regions, "region": region, "departments": departments},
    )


@policy.guard("department.overview")
@require_safe
def department_overview_export(request):
    *_choices, department = _chosen_department(request)
    if department is None:
        return redirect("department-overview")
    return _export(request, beats=_department_beats(request.user, department.pk))
