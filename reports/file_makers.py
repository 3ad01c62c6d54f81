"""The files of the reports app made off the request (portal/file_jobs): the area roll-up
PDF, which takes seconds at national size (240 beats: 5–7 s of rendering)."""

from django.core.exceptions import PermissionDenied
from django.utils import translation

from districts.models import Beat
from districts.selectors.territory import shared_areas
from portal import policy
from portal.file_jobs.tasks import MadeFile, file_maker
from portal.pdf import render_pdf
from reports import rollup

ROLLUP_PDF = "reports.file_makers.area_rollup_pdf"


def rollup_data(user, area, year, quarter):
    """The roll-up of `area` as `user` may read it: the beats of their scope only."""
    if area is None:
        return None
    beats = policy.scoped(user, Beat.objects.filter(police_point__department__area=area))
    beat_ids = list(beats.values_list("pk", flat=True))
    return rollup.area_rollup(area=area, beat_ids=beat_ids, year=year, quarter=quarter)


def rollup_filename(data):
    return f"area-{data.area_id}-rollup-{data.year}-q{data.quarter}"


@file_maker
def area_rollup_pdf(user, params, progress):
    """`params`: area (id), year, quarter, lang. The asker's scope is read again here: the
    view checked it when the file was asked for, and a role may change meanwhile."""
    if not policy.may(user, "rollup.view"):
        raise PermissionDenied
    progress("reading", 0, 2)
    area = shared_areas(user).filter(pk=params["area"]).first()
    if area is None:
        raise PermissionDenied
    with translation.override(params["lang"]):
        data = rollup_data(user, area, params["year"], params["quarter"])
        progress("rendering", 1, 2)
        content = render_pdf("reports/pdf/rollup.html", {"rollup": data, "lang": params["lang"]})
    return MadeFile(content, f"{rollup_filename(data)}.pdf", "application/pdf")
