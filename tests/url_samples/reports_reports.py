from tests.factories import QuarterlyReportFactory, ReportRevisionFactory


def _report(world):
    return {"pk": QuarterlyReportFactory(beat=world.beat).pk}


def _revision(world):
    return {"pk": ReportRevisionFactory(report__beat=world.beat).pk}


SAMPLES = {
    "report-edit": _report,
    "report-submit": _report,
    "report-return": _report,
    "report-publish": _report,
    "report-correct": _report,
    "report-revision": _revision,
    "report-revision-pdf": _revision,
}
