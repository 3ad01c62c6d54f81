"""Measurements made inside one Django process (run by bench.run, pointed at a database):

    python -m bench.inprocess pdf              # the report PDF pipeline against bare WeasyPrint
    python -m bench.inprocess import ROWS      # register import rows per second (writes!)

`pdf` renders the HTML of the latest published report once, then times
`portal.pdf.html_to_pdf` (the portal's pipeline: the safe URL fetcher, the fonts, a tagged
PDF) and bare `weasyprint.HTML(...).write_pdf()` on that same HTML, alternating, and prints
the best time of each. `import` writes a register file of ROWS new applications in the first
area of the synthetic registrar (`scale-akimat`), runs the dry run and the apply as the
import pages do (tasks run eagerly here), and prints rows per second of each step; run it
only on a scratch copy of a database.
"""

import csv
import datetime
import io
import json
import os
import sys
import time

import django


def _setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()


def _best(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def pdf(repeats=3):
    import weasyprint
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from portal import pdf as pipeline
    from reports.assembly import for_display
    from reports.models import ReportRevision
    from reports.services import publishing

    revision = ReportRevision.objects.exclude(snapshot=None).order_by("-pk").first()
    snapshot = revision.snapshot
    with translation.override(snapshot["language"]):
        html = render_to_string(
            publishing.PDF_TEMPLATE,
            {
                "snapshot": for_display(snapshot),
                "lang": snapshot["language"],
                "number": revision.number,
                "published_at": timezone.localtime(revision.published_at),
                "reason": "",
                **publishing.survey_code(snapshot["beat"]["code"]),
            },
        )
    portal_s = _best(lambda: pipeline.html_to_pdf(html), repeats)
    bare_s = _best(lambda: weasyprint.HTML(string=html).write_pdf(), repeats)
    return {"pipeline_s": portal_s, "bare_weasyprint_s": bare_s, "html_bytes": len(html)}


def _register_file(rows, area, beats):
    from volunteers.iin import make_iin
    from volunteers.services.registry_import import COLUMNS

    applied = (datetime.date.today() - datetime.timedelta(days=10)).strftime("%d.%m.%Y")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS.headers)
    serial, day = 0, datetime.date(1970, 1, 1)
    written = 0
    while written < rows:
        serial += 1
        if serial > 9999:
            serial, day = 1, day + datetime.timedelta(days=1)
        iin = make_iin(day, "M", serial)
        if iin is None:
            continue
        beat = beats[written % len(beats)]
        writer.writerow(["Бенчев", "Марат", "", iin, "+7 701 555 12 34", "ул. Абая, 5",
                         area.name, beat, "patrols", applied, applied])  # fmt: skip
        written += 1
    return out.getvalue().encode("utf-8")


def register_import(rows):
    from districts.models import Beat
    from portal.imports import jobs, tasks
    from portal.models import User
    from volunteers.services.registry_import import REGISTER

    user = User.objects.get(username="scale-akimat")
    beats = list(
        Beat.objects.filter(police_point__department__area=user.area).values_list("code", flat=True)
    )
    content = _register_file(rows, user.area, beats)
    job = jobs.create(REGISTER, user, content, "register.csv")
    start = time.perf_counter()
    tasks.check.delay(REGISTER.path, user.pk, job["id"])
    check_s = time.perf_counter() - start
    job = jobs.get(REGISTER, user.pk, job["id"])
    if not jobs.claim_apply(REGISTER, job):
        return {"rows": rows, "error": job.get("error"), "state": job["state"]}
    start = time.perf_counter()
    tasks.apply.delay(REGISTER.path, user.pk, job["id"])
    apply_s = time.perf_counter() - start
    job = jobs.get(REGISTER, user.pk, job["id"])
    return {
        "rows": rows,
        "state": job["state"],
        "written": job["outcome"].get("written", job["written"]),
        "check_rows_per_s": rows / check_s,
        "apply_rows_per_s": rows / apply_s,
    }


def main():
    _setup()
    result = pdf() if sys.argv[1] == "pdf" else register_import(int(sys.argv[2]))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
