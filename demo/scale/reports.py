"""Offence statistics for two years, the published reports of the last four quarters (in
Kazakh and in Russian) and a draft for the current quarter, on every beat.

Publishing renders a PDF per version; here ONE PDF is rendered, stored once, and every
revision points at that file with its SHA-256. The snapshots are the first beat's, assembled
through `reports.assembly` for each quarter and language, with each beat's own identity
(`beat`) put in: the figures are the first beat's everywhere, which a benchmark does not mind.
"""

import copy
import hashlib

from django.core.files.base import ContentFile

from districts.models import Beat
from portal.periods import current_quarter, last_completed_quarter
from portal.published import bump_published_version
from reports.assembly import assemble
from reports.models import (
    OffenceCategory,
    OffenceStatistic,
    QuarterlyReport,
    ReportRevision,
    ReportStatus,
)
from reports.services.publishing import render_report_pdf

PUBLISHED_QUARTERS = 4
LANGUAGES = ("kk", "ru")
TEXTS = {
    "summary": ("Тоқсанда учаскеде тәртіп сақталды.", "За квартал на участке сохранялся порядок."),
    "measures": ("Аулалар жарықтандырылды.", "Освещены дворы, проведены рейды."),
    "plan_next_quarter": ("Тұрғындармен кездесулер.", "Встречи с жителями, обходы."),
    "next_meeting_place": ("Мектеп залы", "Актовый зал школы"),
}
PDF_FOLDER = "reports/scale/"


def quarters_back(last, count):
    result = [last]
    while len(result) < count:
        result.append(result[-1].previous())
    return result[::-1]


def build_reports(writer, country, today, now):
    rng = country.rng("reports")
    last = last_completed_quarter(today)
    categories = list(OffenceCategory.objects.filter(is_active=True).values_list("pk", flat=True))
    stat_quarters = quarters_back(last, 8)
    st0 = writer.reserve(OffenceStatistic, country.beats * len(categories) * len(stat_quarters))
    writer.insert(
        OffenceStatistic,
        ["id", "beat_id", "category_id", "year", "quarter", "count"],
        (
            (st0 + n, country.beat_id(i), category, q.year, q.number, rng.randint(0, 12))
            for n, (i, category, q) in enumerate(
                (i, c, q) for i in range(country.beats) for c in categories for q in stat_quarters
            )
        ),
    )
    published = quarters_back(last, PUBLISHED_QUARTERS)
    quarters = [*published, current_quarter(today)]
    r0 = writer.reserve(QuarterlyReport, country.beats * len(quarters))
    text_fields = [f"{name}_{lang}" for name in TEXTS for lang in LANGUAGES]
    texts = [TEXTS[name][LANGUAGES.index(lang)] for name in TEXTS for lang in LANGUAGES]
    writer.insert(
        QuarterlyReport,
        ["id", "beat_id", "year", "quarter", "status", "submitted_at", *text_fields],
        (
            (
                r0 + i * len(quarters) + n,
                country.beat_id(i),
                q.year,
                q.number,
                ReportStatus.PUBLISHED if q in published else ReportStatus.DRAFT,
                now if q in published else None,
                *texts,
            )
            for i in range(country.beats)
            for n, q in enumerate(quarters)
        ),
    )
    # The first beat's snapshots, one per quarter and language; the PDF of the newest.
    templates = {}
    for n, q in enumerate(published):
        report = QuarterlyReport.objects.get(pk=r0 + n)
        for language in LANGUAGES:
            templates[q, language] = assemble(report, language=language)
    pdf = render_report_pdf(templates[last, "ru"], number=1, published_at=now)
    sha = hashlib.sha256(pdf).hexdigest()
    # Named by its content: two synthetic databases sharing a media folder never overwrite
    # each other's file.
    storage = ReportRevision._meta.get_field("pdf").storage
    name = f"{PDF_FOLDER}synthetic-{sha[:16]}.pdf"
    if not storage.exists(name):
        name = storage.save(name, ContentFile(pdf))
    beats = {
        b.pk: b
        for b in Beat.objects.filter(pk__gte=country.beat0).select_related(
            "police_point__department__area", "inspector"
        )
    }
    from reports.assembly import _beat  # the snapshot's shape of a beat, kept in one place

    rv0 = writer.reserve(ReportRevision, country.beats * len(published) * len(LANGUAGES))

    def revisions():
        pk = rv0
        for i in range(country.beats):
            beat = _beat(beats[country.beat_id(i)])
            publisher = country.supervisors[country.beat_department[i]]
            for n, q in enumerate(published):
                for language in LANGUAGES:
                    snapshot = copy.copy(templates[q, language])
                    snapshot["beat"] = beat
                    yield (
                        pk,
                        r0 + i * len(quarters) + n,
                        1,
                        language,
                        snapshot,
                        name,
                        sha,
                        now,
                        publisher,
                    )
                    pk += 1

    writer.insert(
        ReportRevision,
        [
            "id",
            "report_id",
            "number",
            "language",
            "snapshot",
            "pdf",
            "pdf_sha256",
            "published_at",
            "published_by_id",
        ],
        revisions(),
    )
    bump_published_version()
    return len(pdf)
