"""Offence statistics, quarterly reports and their published revisions."""

import factory
from django.utils import timezone

from portal.models import Role
from reports.models import (
    INSPECTOR_TEXTS,
    REPORT_LANGUAGES,
    OffenceCategory,
    OffenceStatistic,
    QuarterlyReport,
    ReportRevision,
)
from reports.snapshot import example as snapshot_example
from tests.factories.base import Factory
from tests.factories.territory import BeatFactory, UserFactory


class QuarterlyReportFactory(Factory):
    """A report; a text given without its language (`summary="..."`) is written in both."""

    class Meta:
        model = QuarterlyReport

    beat = factory.SubFactory(BeatFactory)
    year = 2026
    quarter = 3

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        for field in INSPECTOR_TEXTS:
            if field in kwargs:
                text = kwargs.pop(field)
                for language in REPORT_LANGUAGES:
                    kwargs.setdefault(f"{field}_{language}", text)
        return kwargs


class ReportRevisionFactory(Factory):
    """A published revision with an example snapshot and a small stored PDF."""

    class Meta:
        model = ReportRevision

    report = factory.SubFactory(QuarterlyReportFactory, status="published")
    number = 1
    language = "ru"
    snapshot = factory.LazyAttribute(
        lambda o: snapshot_example(
            beat_code=o.report.beat.code, year=o.report.year, quarter=o.report.quarter
        )
    )
    pdf = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.7\n%%EOF\n")
    pdf_sha256 = factory.LazyAttribute(lambda o: "0" * 64)
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.SubFactory(UserFactory, role=Role.SUPERVISOR)


class OffenceStatisticFactory(Factory):
    """A beat's count of one offence category in a quarter; `code` names the category (the
    categories come with the migrations)."""

    class Meta:
        model = OffenceStatistic
        exclude = ["code"]

    code = "theft"
    beat = factory.SubFactory(BeatFactory)
    category = factory.LazyAttribute(lambda o: OffenceCategory.objects.get(code=o.code))
    year = 2026
    quarter = 3
    count = 1
