"""The files of the reports app made off the request (portal/file_jobs): the area roll-up
PDF, which takes seconds at national size (240 beats: 5–7 s of rendering), and the PDF of
an area's indicators for a year."""

from django.core.exceptions import PermissionDenied
from django.utils import translation

from districts.models import Beat
from districts.selectors.territory import shared_areas
from portal import policy
from portal.file_jobs.tasks import MadeFile, file_maker
from portal.pdf import render_pdf
from reports import indicators, rollup

ROLLUP_PDF = "reports.file_makers.area_rollup_pdf"
INDICATORS_YEAR_PDF = "reports.file_makers.indicators_year_pdf"


def rollup_data(user, area, year, quarter):
    """The roll-up of `area` as `user` may read it: the beats of their scope only."""
    if area is None:
        return None
    beats = policy.scoped(user, Beat.objects.filter(police_point__department__area=area))
    beat_ids = list(beats.values_list("pk", flat=True))
    return rollup.area_rollup(area=area, beat_ids=beat_ids, year=year, quarter=quarter)


def rollup_filename(data):
    return f"area-{data.area_id}-rollup-{data.year}-q{data.quarter}"


def _area(user, params):
    """The asker's area, read again: the view checked it when the file was asked for, and a
    role or a scope may change meanwhile."""
    if not policy.may(user, "rollup.view"):
        raise PermissionDenied
    area = shared_areas(user).filter(pk=params["area"]).first()
    if area is None:
        raise PermissionDenied
    return area


@file_maker
def area_rollup_pdf(user, params, progress):
    """`params`: area (id), year, quarter, lang."""
    progress("reading", 0, 2)
    area = _area(user, params)
    with translation.override(params["lang"]):
        data = rollup_data(user, area, params["year"], params["quarter"])
        progress("rendering", 1, 2)
        content = render_pdf("reports/pdf/rollup.html", {"rollup": data, "lang": params["lang"]})
    return MadeFile(content, f"{rollup_filename(data)}.pdf", "application/pdf")


@file_maker
def indicators_year_pdf(user, params, progress):
    """`params`: area (id), year, lang."""
    progress("reading", 0, 2)
    area = _area(user, params)
    beats = policy.scoped(user, Beat.objects.filter(police_point__department__area=area))
    with translation.override(params["lang"]):
        data = indicators.year_view(area=area, beats=beats, year=params["year"])
        progress("rendering", 1, 2)
        content = render_pdf(
            "reports/pdf/indicators_year.html", {"data": data, "lang": params["lang"]}
        )
    name = f"area-{area.pk}-indicators-{params['year']}"
    return MadeFile(content, f"{name}.pdf", "application/pdf")
