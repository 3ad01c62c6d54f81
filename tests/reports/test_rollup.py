"""The area roll-up: known numbers, АППГ, scope per role, exports, no personal data, queries."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from councils.models import JointAction
from districts import checklist
from districts.models import (
    AppealStatus,
    MeetingStatus,
    ProblemStatus,
    Proposal,
    ProposalSource,
    ProposalStatus,
    ServiceKind,
)
from portal import published
from portal.models import Role
from portal.periods import last_completed_quarter
from reports import rollup
from reports.models import ReportStatus
from tests.clients import as_role
from tests.factories import (
    AppealFactory,
    AssistantFactory,
    BeatFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    OffenceStatisticFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    PreventiveVisitFactory,
    ProblemSpotFactory,
    ProposalFactory,
    QuarterlyReportFactory,
    ReportRevisionFactory,
    ServiceRecordFactory,
    UserFactory,
)

URL = "area-rollup"
PDF = "area-rollup-pdf"
XLSX = "area-rollup-xlsx"
VISIT_ADDRESS = "ул. Тайная, 77, кв. 13"
RESIDENT_NAME = "Айгерим Секретова"
RESIDENT_CONTACT = "+7 777 999 88 77"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def period():
    """The last completed quarter: the default of the page, and always in the past."""
    quarter = last_completed_quarter()
    return quarter.year, quarter.number, quarter.period


def at(day, hour=18):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def stat(beat, code, year, quarter, count):
    return OffenceStatisticFactory(beat=beat, code=code, year=year, quarter=quarter, count=count)


def action(area, starts_at, beats=()):
    item = JointAction.objects.create(
        title="Безопасный двор",
        area=area,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Двор школы № 9",
    )
    item.beats.set(beats)
    return item


@pytest.fixture
def known(world, period):
    """Two beats of the area with known work in the quarter, and noise outside it."""
    year, quarter, p = period
    day = p.start + datetime.timedelta(days=10)
    before = p.start - datetime.timedelta(days=20)
    a, b = world.beat, world.colleague_beat

    # Meetings: two held in the quarter (20 + 30), one planned, one held before it.
    meeting = MeetingFactory(beat=a, held_at=at(day), attendance=20)
    MeetingFactory(beat=a, held_at=at(day + datetime.timedelta(days=5)), attendance=30)
    MeetingFactory(beat=a, held_at=at(day), status=MeetingStatus.PLANNED, attendance=None)
    MeetingFactory(beat=a, held_at=at(before), attendance=99)
    MeetingFactory(beat=b, held_at=at(day), attendance=10)
    MeetingFactory(beat=world.other_beat, held_at=at(day), attendance=500)
    # Rounds.
    for _ in range(3):
        DoorToDoorRoundFactory(beat=a, date=day)
    DoorToDoorRoundFactory(beat=a, date=before)
    # Appeals: two received in the quarter (one answered, one still open and overdue),
    # an older one open and overdue, and one of the other beat answered.
    AppealFactory(
        beat=a,
        received_on=day,
        status=AppealStatus.ANSWERED,
        answer="Ответ дан",
        answered_on=day + datetime.timedelta(days=2),
    )
    AppealFactory(beat=a, received_on=day)
    AppealFactory(beat=a, received_on=before)
    # Received before the quarter, answered in it: answered in the quarter.
    AppealFactory(
        beat=a,
        received_on=before,
        status=AppealStatus.ANSWERED,
        answer="Ответ дан",
        answered_on=day,
    )
    AppealFactory(
        beat=b, received_on=day, status=AppealStatus.ANSWERED, answer="Да", answered_on=day
    )
    # Consultations and help: 3 + 2 + 7, and none before the quarter.
    ServiceRecordFactory(beat=a, date=day, kind=ServiceKind.CONSULTATION, count=3)
    ServiceRecordFactory(beat=a, date=day, kind=ServiceKind.CONSULTATION, count=2)
    ServiceRecordFactory(beat=a, date=day, kind=ServiceKind.HELP, count=7)
    ServiceRecordFactory(beat=a, date=before, kind=ServiceKind.HELP, count=40)
    # Preventive visits: counted, never shown.
    PreventiveVisitFactory(beat=a, date=day, address=VISIT_ADDRESS)
    PreventiveVisitFactory(beat=a, date=day, address=VISIT_ADDRESS)
    # Problem places: one resolved in the quarter, one before it, one still open.
    ProblemSpotFactory(beat=a, status=ProblemStatus.RESOLVED, resolved_on=day)
    ProblemSpotFactory(beat=a, status=ProblemStatus.RESOLVED, resolved_on=before)
    ProblemSpotFactory(beat=a)
    # Joint actions: one for both beats, one area-wide, one of another area.
    action(world.area, at(day), beats=[a, b])
    action(world.area, at(day))
    action(world.other_area, at(day), beats=[world.other_beat])
    # Proposals: two raised at the meeting (one done), one from the site in the quarter.
    ProposalFactory(meeting=meeting, status=ProposalStatus.DONE, outcome="Сделано")
    ProposalFactory(meeting=meeting)
    site = Proposal.objects.create(
        beat=a,
        text="Поставить лавочки",
        source=ProposalSource.RESIDENT_SITE,
        status=ProposalStatus.DONE,
        outcome="Поставили",
        resident_name=RESIDENT_NAME,
        resident_contact=RESIDENT_CONTACT,
    )
    Proposal.objects.filter(pk=site.pk).update(created_at=at(day))
    # Reports: a published one with a revision for A, a submitted one for B.
    report = QuarterlyReportFactory(
        beat=a, year=year, quarter=quarter, status=ReportStatus.PUBLISHED
    )
    revision = ReportRevisionFactory(report=report)
    QuarterlyReportFactory(beat=b, year=year, quarter=quarter, status=ReportStatus.SUBMITTED)
    # Statistics: theft 4 + 2 against 8; fraud 3 against 0; nothing else.
    stat(a, "theft", year, quarter, 4)
    stat(b, "theft", year, quarter, 2)
    stat(a, "theft", year - 1, quarter, 8)
    stat(a, "fraud", year, quarter, 3)
    stat(a, "fraud", year - 1, quarter, 0)
    stat(world.other_beat, "theft", year, quarter, 50)
    # Personal data that must never reach the roll-up.
    assistant = AssistantFactory(beat=a)
    return {"revision": revision, "assistant": assistant}


def rows_of(response):
    return {row.code: row for row in response.context["rollup"].beats}


# --- numbers ------------------------------------------------------------------------------------


def test_numbers_on_known_data(client, world, known, period):
    year, quarter, p = period
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    assert response.status_code == 200
    data = response.context["rollup"]
    assert (data.area_id, data.year, data.quarter) == (world.area.pk, year, quarter)
    rows = rows_of(response)
    assert set(rows) == {world.beat.code, world.colleague_beat.code}
    a, b = rows[world.beat.code], rows[world.colleague_beat.code]
    assert (a.meetings, a.attendance, a.rounds) == (2, 50, 3)
    assert (a.appeals_received, a.appeals_answered, a.appeals_overdue) == (2, 2, 2)
    assert (a.consultations, a.preventive_visits, a.problems_resolved) == (12, 2, 1)
    assert (a.joint_actions, a.proposals_raised, a.proposals_done) == (1, 3, 2)
    assert a.population == world.beat.population
    assert a.inspector == str(world.inspector)
    assert a.report_status == ReportStatus.PUBLISHED
    assert (b.meetings, b.attendance, b.appeals_received, b.appeals_answered) == (1, 10, 1, 1)
    assert (b.joint_actions, b.report_status) == (1, ReportStatus.SUBMITTED)

    shares = checklist.compliance([world.beat.pk, world.colleague_beat.pk], day=p.end)
    assert a.compliance == shares[world.beat.pk]
    assert b.compliance == shares[world.colleague_beat.pk]

    totals = data.totals
    assert (totals.beats, totals.meetings, totals.attendance) == (2, 3, 60)
    assert totals.population == world.beat.population + world.colleague_beat.population
    assert (totals.appeals_received, totals.appeals_answered, totals.appeals_overdue) == (3, 3, 2)
    # The action of both beats counts once, the area-wide one too; another area's does not.
    assert totals.joint_actions == 2
    assert (totals.proposals_raised, totals.proposals_done) == (3, 2)
    assert totals.reports_published == 1
    assert totals.compliance == pytest.approx((a.compliance + b.compliance) / 2)

    stats = {row.code: row for row in data.statistics}
    assert (stats["theft"].current, stats["theft"].previous) == (6, 8)
    assert stats["theft"].change_percent == -25.0 and stats["theft"].trend == "down"
    assert (stats["fraud"].current, stats["fraud"].previous) == (3, 0)
    assert stats["fraud"].change_percent is None and stats["fraud"].trend == "up"
    total = data.statistics_total
    assert (total.current, total.previous, total.change_percent) == (9, 8, 12.5)

    html = response.content.decode()
    assert 'id="rollup-chart"' in html and "<svg" in html
    assert ' style="' not in html
    assert f'data-beat="{world.beat.code}"' in html


def test_published_report_links_to_its_public_page(client, world, known):
    revision = known["revision"]
    try:
        expected = reverse("public-report", args=[revision.pk])
    except NoReverseMatch:  # the resident site is built separately
        expected = None
    response = as_role(client, world, Role.SUPERVISOR).get(reverse(URL))
    rows = rows_of(response)
    assert rows[world.beat.code].report_url == expected
    assert rows[world.colleague_beat.code].report_url is None
    if expected:
        assert f'href="{expected}"' in response.content.decode()


def test_a_later_revision_is_the_one_linked(world, period):
    year, quarter, _p = period
    report = QuarterlyReportFactory(
        beat=world.beat, year=year, quarter=quarter, status=ReportStatus.PUBLISHED
    )
    ReportRevisionFactory(report=report, number=1)
    second = ReportRevisionFactory(report=report, number=2, reason="Исправлена опечатка")
    assert rollup._latest_revisions([report.pk]) == {report.pk: second.pk}


def test_a_beat_without_a_report_says_so(client, world, period):
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    row = rows_of(response)[world.beat.code]
    assert row.report_status == rollup.NO_REPORT and row.report_url is None
    assert response.context["rollup"].totals.reports == {rollup.NO_REPORT: 2}


# --- АППГ edge cases ------------------------------------------------------------------------------


def test_statistics_with_zero_last_year_and_no_data(client, world, period):
    year, quarter, _p = period
    stat(world.beat, "theft", year, quarter, 0)
    stat(world.beat, "theft", year - 1, quarter, 0)  # 0 → 0: no change
    stat(world.beat, "fraud", year, quarter, 5)
    stat(world.beat, "fraud", year - 1, quarter, 0)  # up from zero: no finite percentage
    stat(world.beat, "robbery", year - 1, quarter, 4)  # nothing this year
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    stats = {row.code: row for row in response.context["rollup"].statistics}
    assert (stats["theft"].change_percent, stats["theft"].trend) == (0.0, "same")
    assert (stats["fraud"].change_percent, stats["fraud"].trend) == (None, "up")
    assert (stats["robbery"].current, stats["robbery"].previous) == (None, 4)
    assert (stats["robbery"].change_percent, stats["robbery"].trend) == (None, "unknown")
    assert stats["hooliganism"].current is None and stats["hooliganism"].previous is None
    total = response.context["rollup"].statistics_total
    assert (total.current, total.previous, total.change_percent) == (5, 4, 25.0)


def test_no_statistics_at_all(client, world, period):
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    data = response.context["rollup"]
    assert all(r.current is None and r.previous is None for r in data.statistics)
    total = data.statistics_total
    assert (total.current, total.previous, total.change_percent, total.trend) == (
        None,
        None,
        None,
        "unknown",
    )
    # Empty bars, and a dash instead of a number.
    assert {bar.current_width for bar in data.chart.bars} == {"0.0"}
    assert {bar.current for bar in data.chart.bars} == {"—"}


def test_chart_scales_to_the_largest_value(world, period):
    rows = [
        rollup.StatRow("a", "A", 10, 5, 100.0, "up"),
        rollup.StatRow("b", "B", None, 20, None, "unknown"),
    ]
    chart = rollup.statistics_chart(rows)
    assert chart.bars[0].current_width == f"{rollup.CHART_BAR_SPACE / 2:.1f}"
    assert chart.bars[1].previous_width == f"{rollup.CHART_BAR_SPACE:.1f}"
    assert chart.bars[1].current == "—"
    assert chart.height == rollup.CHART_TOP + 2 * rollup.CHART_ROW


# --- scope per role -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AKIMAT_REGISTRAR, "area"),
        (Role.SUPERVISOR, "area"),
        # The first area of the region by name: «Алмалинский» before «Медеуский».
        (Role.REGIONAL_REGISTRAR, "area"),
        (Role.ADMINISTRATOR, None),
    ],
)
def test_default_area_per_role(client, world, role, expected):
    response = as_role(client, world, role).get(reverse(URL))
    assert response.status_code == 200
    if expected:
        assert response.context["area"] == getattr(world, expected)
    else:
        assert response.context["area"] is not None


def test_regional_registrar_picks_an_area_of_the_region(client, world):
    as_role(client, world, Role.REGIONAL_REGISTRAR)
    response = client.get(reverse(URL))
    assert {a.pk for a in response.context["areas"]} == {world.area.pk, world.other_area.pk}
    assert 'id="id_area"' in response.content.decode()
    response = client.get(reverse(URL), {"area": world.other_area.pk})
    assert response.status_code == 200
    assert set(rows_of(response)) == {world.other_beat.code}
    assert client.get(reverse(URL), {"area": world.far_area.pk}).status_code == 404


def test_akimat_registrar_has_no_picker(client, world):
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    assert response.context["areas"] is None
    assert 'id="id_area"' not in response.content.decode()


@pytest.mark.parametrize("name", [URL, PDF, XLSX])
@pytest.mark.parametrize(
    ("role", "foreign"),
    [
        (Role.AKIMAT_REGISTRAR, "other_area"),
        (Role.SUPERVISOR, "other_area"),
        (Role.REGIONAL_REGISTRAR, "far_area"),
    ],
)
def test_an_area_outside_the_scope_is_not_found(client, world, name, role, foreign):
    as_role(client, world, role)
    area = getattr(world, foreign)
    assert client.get(reverse(name), {"area": area.pk}).status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "999999"])
def test_a_malformed_or_unknown_area_is_not_found(client, world, value):
    as_role(client, world, Role.ADMINISTRATOR)
    assert client.get(reverse(URL), {"area": value}).status_code == 404


def test_admin_reads_any_area(client, world):
    response = as_role(client, world, Role.ADMINISTRATOR).get(
        reverse(URL), {"area": world.far_area.pk}
    )
    assert response.status_code == 200
    assert set(rows_of(response)) == {world.far_beat.code}


@pytest.mark.parametrize("name", [URL, PDF, XLSX])
@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.COUNCIL_SECRETARY])
def test_inspector_and_council_secretary_are_refused(client, world, name, role):
    as_role(client, world, role)
    assert client.get(reverse(name), {"area": world.area.pk}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_supervisor_sees_the_beats_of_the_department_only(client, world):
    """Policy scope: another department of the same area stays outside; the akimat sees both,
    and the two scopes never share a cached roll-up."""
    second = PolicePointFactory(department=PoliceDepartmentFactory(area=world.area))
    beyond = BeatFactory(police_point=second)
    response = as_role(client, world, Role.SUPERVISOR).get(reverse(URL))
    assert beyond.code not in rows_of(response)
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(reverse(URL))
    assert beyond.code in rows_of(response)
    response = as_role(client, world, Role.SUPERVISOR).get(reverse(URL))
    assert beyond.code not in rows_of(response)


def test_a_user_without_territory_sees_an_empty_page(client, world):
    client.force_login(UserFactory(role=Role.AKIMAT_REGISTRAR, area=None))
    response = client.get(reverse(URL))
    assert response.status_code == 200 and response.context["rollup"] is None
    assert client.get(reverse(XLSX)).status_code == 404


# --- the period -----------------------------------------------------------------------------------


def test_another_quarter_can_be_chosen(client, world, period):
    year, quarter, _p = period
    stat(world.beat, "theft", year - 1, quarter, 7)
    response = as_role(client, world, Role.AKIMAT_REGISTRAR).get(
        reverse(URL), {"year": year - 1, "quarter": quarter}
    )
    data = response.context["rollup"]
    assert (data.year, data.quarter) == (year - 1, quarter)
    assert {r.code: r for r in data.statistics}["theft"].current == 7


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "1990", "quarter": "1"}, "year"),
        ({"year": "abc", "quarter": "1"}, "year"),
        ({"year": "2026", "quarter": "5"}, "quarter"),
        ({"year": str(datetime.date.today().year + 1), "quarter": "1"}, "quarter"),
    ],
)
def test_a_bad_period_is_explained_and_the_default_shown(client, world, period, params, field):
    year, quarter, _p = period
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    data = response.context["rollup"]
    assert (data.year, data.quarter) == (year, quarter)
    assert 'id="rollup-period-error"' in response.content.decode()
    assert client.get(reverse(XLSX), params).status_code == 400
    assert client.get(reverse(PDF), params).status_code == 400


# --- cache ----------------------------------------------------------------------------------------


def test_the_roll_up_is_cached_until_a_publication(client, world, period):
    _year, _quarter, p = period
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    day = p.start + datetime.timedelta(days=3)
    MeetingFactory(beat=world.beat, held_at=at(day), attendance=5)
    assert rows_of(client.get(reverse(URL)))[world.beat.code].meetings == 1
    MeetingFactory(beat=world.beat, held_at=at(day), attendance=5)
    assert rows_of(client.get(reverse(URL)))[world.beat.code].meetings == 1  # cached
    published.bump_published_version()
    assert rows_of(client.get(reverse(URL)))[world.beat.code].meetings == 2


def test_the_cache_is_per_language(client, world, period):
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    ru = client.get(reverse(URL), HTTP_ACCEPT_LANGUAGE="ru").context["rollup"]
    kk = client.get(reverse(URL), HTTP_ACCEPT_LANGUAGE="kk").context["rollup"]
    assert (ru.language, kk.language) == ("ru", "kk")
    assert {r.code: r.category for r in kk.statistics}["theft"] == "Ұрлық"
    assert {r.code: r.category for r in ru.statistics}["theft"] == "Кражи"


# --- no personal data ---------------------------------------------------------------------------


def _forbidden(known):
    assistant = known["assistant"]
    return [
        VISIT_ADDRESS,
        assistant.iin,
        assistant.phone,
        "123 45 67",
        assistant.address,
        RESIDENT_NAME,
        RESIDENT_CONTACT,
    ]


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def xlsx_text(content):
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR])
def test_no_personal_data_in_page_pdf_or_xlsx(client, world, known, role):
    as_role(client, world, role)
    params = {"area": world.area.pk}
    page = client.get(reverse(URL), params).content.decode()
    pdf = pdf_text(client.get(reverse(PDF), params).content)
    xlsx = xlsx_text(client.get(reverse(XLSX), params).content)
    for text in _forbidden(known):
        assert text not in page
        assert text not in pdf
        assert text not in xlsx
    # The counts are there.
    assert 'data-field="preventive_visits">2<' in page


# --- PDF ------------------------------------------------------------------------------------------


def embedded_fonts(reader):
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            owner = descendants[0].get_object() if descendants else font
            descriptor = owner["/FontDescriptor"].get_object()
            fonts.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    return fonts


def test_pdf_is_valid_landscape_with_fonts_and_kazakh_text(client, world, known):
    world.area.name_kk = "Алмалы ауданы"
    world.area.save()
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse(PDF), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    assert round(float(box.width)) == 842
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts)
    text = pdf_text(response.content)
    assert "Ұрлық" in text  # the category in Kazakh
    assert "Алмалы ауданы" in text
    assert f"1 / {len(reader.pages)}" in text  # page numbers
    assert "5\xa0000" in text  # the population, thousands grouped as Kazakh writes them
    # Tagged for assistive technology (PDF/UA-1), in the language it is written in.
    catalog = reader.trailer["/Root"]
    assert str(catalog["/Lang"]) == "kk"
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]


def test_pdf_in_russian_and_english_falls_back_to_russian(client, world, period):
    as_role(client, world, Role.SUPERVISOR)
    response = client.get(reverse(PDF), HTTP_ACCEPT_LANGUAGE="ru")
    assert str(PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"]) == "ru"
    ru = pdf_text(response.content)
    assert "Кражи" in ru
    en = pdf_text(client.get(reverse(PDF), HTTP_ACCEPT_LANGUAGE="en").content)
    assert "Кражи" in en and "Theft" not in en


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_of_beats_and_one_of_statistics_with_numbers(client, world, known):
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse(XLSX))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 2
    beats, stats = book.worksheets
    rows = list(beats.iter_rows(values_only=True))
    by_code = {row[0]: row for row in rows[1:-1]}
    a = by_code[world.beat.code]
    # Population, meetings, attendance, rounds, appeals received/answered/overdue,
    # consultations, preventive visits, problems resolved, joint actions.
    assert a[3:14] == (world.beat.population, 2, 50, 3, 2, 2, 2, 12, 2, 1, 1)
    assert all(isinstance(value, int) for value in a[3:14])
    assert isinstance(a[14], int | float)
    assert a[15:17] == (3, 2)
    total = rows[-1]
    assert total[4:6] == (3, 60) and total[13] == 2
    stat_rows = {row[0]: row for row in stats.iter_rows(values_only=True)}
    assert stat_rows["Кражи"][1:4] == (6, 8, -25)
    assert stat_rows["Мошенничество"][1:4] == (3, 0, None)
    total_row = list(stats.iter_rows(values_only=True))[-1]
    assert total_row[1:4] == (9, 8, 12.5)


def test_xlsx_text_cannot_run_as_a_formula(client, world):
    world.inspector.last_name = '=HYPERLINK("http://evil.example","x")'
    world.inspector.save()
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    book = load_workbook(io.BytesIO(client.get(reverse(XLSX)).content))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    names = [cell.value for cell in cells if cell.value and "HYPERLINK" in str(cell.value)]
    assert names and all(name.startswith("'") for name in names)


# --- query counts ---------------------------------------------------------------------------------


def add_busy_beats(world, count, period):
    year, quarter, p = period
    day = p.start + datetime.timedelta(days=5)
    for _ in range(count):
        beat = BeatFactory(police_point=world.point)
        meeting = MeetingFactory(beat=beat, held_at=at(day))
        ProposalFactory(meeting=meeting)
        DoorToDoorRoundFactory(beat=beat, date=day)
        AppealFactory(beat=beat, received_on=day)
        PreventiveVisitFactory(beat=beat, date=day)
        ServiceRecordFactory(beat=beat, date=day)
        ProblemSpotFactory(beat=beat, status=ProblemStatus.RESOLVED, resolved_on=day)
        action(world.area, at(day), beats=[beat])
        report = QuarterlyReportFactory(
            beat=beat, year=year, quarter=quarter, status=ReportStatus.PUBLISHED
        )
        ReportRevisionFactory(report=report)
        stat(beat, "theft", year, quarter, 3)
        stat(beat, "theft", year - 1, quarter, 2)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        (URL, Role.AKIMAT_REGISTRAR),
        (URL, Role.REGIONAL_REGISTRAR),
        (URL, Role.SUPERVISOR),
        (XLSX, Role.AKIMAT_REGISTRAR),
        (PDF, Role.ADMINISTRATOR),
    ],
)
def test_query_count_is_flat(client, world, period, django_assert_max_num_queries, name, role):
    as_role(client, world, role)

    def measure():
        cache.clear()  # measure the computation, not the cache
        # The PDF's task reads its asker and their area again (portal/file_jobs): two more.
        with django_assert_max_num_queries(47 if name == PDF else 45) as captured:
            assert client.get(reverse(name), {"area": world.area.pk}).status_code == 200
        return len(captured)

    add_busy_beats(world, 2, period)
    small = measure()
    add_busy_beats(world, 12, period)
    BeatFactory(police_point=world.point, inspector=None)
    large = measure()
    assert large == small


def test_a_cached_roll_up_reads_almost_nothing(
    client, world, period, django_assert_max_num_queries
):
    add_busy_beats(world, 3, period)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    client.get(reverse(URL))
    with django_assert_max_num_queries(10) as captured:
        client.get(reverse(URL))
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 4  # session, user, areas in scope, beats of the area
