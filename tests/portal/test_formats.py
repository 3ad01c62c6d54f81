"""Formats follow the language, the same in pages, PDFs, spreadsheets and e-mails: in
Kazakh and Russian 09.12.2026, 18:30, 0,72 and 6 800 (a non-breaking space); in English
the same dates and times with 0.72 and 6,800; long dates "2026 жылғы 15 желтоқсан",
"15 декабря 2026 г." and "15 December 2026"; typed dates read day-first, never US order."""

import csv
import datetime
import io
import re
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

import pytest
import tablib
from django.core import mail
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from districts.models import MeetingKind, MeetingStatus
from portal import dates, spreadsheets
from portal.models import Role
from reports.models import OffenceStatistic, ReportStatus, Subscription
from reports.services import publishing
from tests.builders.reports import categories, ready_report
from tests.factories import AssistantFactory, DoorToDoorRoundFactory, MeetingFactory
from tests.pdf_checks import text_of

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
# Every test is a database test, so that pytest-django runs them all before the tests that
# empty the database: the module's shared report is built at the first that needs it.
pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru", "en"]
REPORT_LANGUAGES = ["kk", "ru"]  # a report has a version in each state language
NBSP = "\xa0"
KAZAKH_MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]
# What each language shows for the report below (a 2025 Q3 report of a beat of 6,800 people,
# published on 9 December 2026, next meeting 15 December 2026 at 18:30, offences 4 against
# 3 a year earlier: +33.3 %).
EXPECTED = {
    "kk": {
        "period": "2025 жылғы 1 шілде – 2025 жылғы 30 қыркүйек",
        "published": "2026 жылғы 9 желтоқсан",
        "meeting": "2026 жылғы 15 желтоқсан, 18:30",
        "population": f"6{NBSP}800",
        "change": "+33,3",
    },
    "ru": {
        "period": "1 июля 2025 г. – 30 сентября 2025 г.",
        "published": "9 декабря 2026 г.",
        "meeting": "15 декабря 2026 г., 18:30",
        "population": f"6{NBSP}800",
        "change": "+33,3",
    },
    "en": {
        "period": "1 July 2025 – 30 September 2025",
        "published": "9 December 2026",
        "meeting": "15 December 2026, 18:30",
        "population": "6,800",
        "change": "+33.3",
    },
}


def local(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def flat(text):
    """Text with its line breaks and runs of spaces as one space; non-breaking spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", text)


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture(scope="module")
def published(module_world, django_db_blocker, tmp_path_factory):
    """A report of the shared world's beat published in its Kazakh and Russian versions: the
    version and the PDF of each, as stored."""
    world = module_world
    beat = world.beat
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        beat.population = 6800
        beat.area_km2 = Decimal("0.72")
        beat.save()
        report = ready_report(beat, next_meeting_at=local(2026, 12, 15, 18, 30))
        OffenceStatistic.objects.create(
            beat=beat, category=categories()["theft"], year=2024, quarter=3, count=3
        )
        report.status = ReportStatus.SUBMITTED
        report.save()
        supervisor = world.users[Role.SUPERVISOR]
        revisions, pdfs = {}, {}
        now = local(2026, 12, 9, 10, 0)
        for revision in publishing.report_publish(report=report, user=supervisor, now=now):
            revisions[revision.language] = revision
            with revision.pdf.open("rb") as handle:
                pdfs[revision.language] = handle.read()
    return SimpleNamespace(revisions=revisions, pdfs=pdfs)


# --- long dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, expected",
    [("kk", "2026 жылғы 15 желтоқсан"), ("ru", "15 декабря 2026 г."), ("en", "15 December 2026")],
)
def test_a_long_date_in_each_language(language, expected):
    day = datetime.date(2026, 12, 15)
    assert dates.long_date(day, language) == expected
    with translation.override(language):
        assert dates.long_date(day) == expected
        assert dates.long_date("2026-12-15") == expected  # as a published snapshot keeps it
        rendered = Template("{% load dates %}{{ day|long_date }}").render(Context({"day": day}))
        assert rendered == expected


def test_kazakh_long_dates_name_every_month_in_lowercase_after_the_day():
    for month, name in enumerate(KAZAKH_MONTHS, start=1):
        assert dates.long_date(datetime.date(2026, month, 3), "kk") == f"2026 жылғы 3 {name}"
    assert all(name == name.lower() for name in KAZAKH_MONTHS)


def test_a_long_date_time_is_local_and_24_hour():
    moment = datetime.datetime(2026, 12, 15, 13, 30, tzinfo=datetime.UTC)  # 18:30 in Almaty
    assert dates.long_datetime(moment, "kk") == "2026 жылғы 15 желтоқсан, 18:30"
    assert dates.long_datetime(moment, "ru") == "15 декабря 2026 г., 18:30"
    assert dates.long_datetime(moment, "en") == "15 December 2026, 18:30"
    assert dates.long_datetime(moment.isoformat(), "ru") == "15 декабря 2026 г., 18:30"
    assert dates.long_date(moment, "ru") == "15 декабря 2026 г."
    early = datetime.datetime(2026, 1, 2, 4, 5, tzinfo=datetime.UTC)  # 09:05 in Almaty
    assert dates.long_datetime(early, "en") == "2 January 2026, 09:05"


def test_month_and_year():
    day = datetime.date(2026, 12, 1)
    assert dates.month_year(day, "kk") == "2026 жылғы желтоқсан"
    assert dates.month_year(day, "ru") == "декабрь 2026 г."
    assert dates.month_year(day, "en") == "December 2026"


def test_what_is_no_date_stays_as_it_is():
    assert dates.long_date(None, "kk") == ""
    assert dates.long_date("", "kk") == ""
    assert dates.long_date("not a date", "kk") == "not a date"
    assert dates.long_date("2026-13-45", "ru") == "2026-13-45"


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_dates_times_and_numbers_per_language(language):
    moment = local(2026, 12, 9, 9, 5)
    template = Template(
        '{% load humanize %}{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day }}|{{ moment|time }}|'
        "{{ share|floatformat:2 }}|{{ people|intcomma }}|{{ year }}"
    )
    context = Context(
        {"day": moment.date(), "moment": moment, "share": 0.72, "people": 6800, "year": 2026}
    )
    with translation.override(language), timezone.override(ALMATY):
        rendered = template.render(context)
    comma = language != "en"
    share, people = ("0,72", f"6{NBSP}800") if comma else ("0.72", "6,800")
    # A year stays a year: numbers are grouped only where a template asks.
    assert rendered == f"09.12.2026|09.12.2026|09:05|{share}|{people}|2026"


# --- a page and a PDF --------------------------------------------------------------------------


@pytest.mark.parametrize("language", REPORT_LANGUAGES)
def test_the_report_page_shows_dates_times_and_numbers_in_the_readers_language(
    client, published, language
):
    revision = published.revisions[language]
    client.cookies.load({"django_language": language})
    response = client.get(reverse("public-report", args=[revision.pk]))
    assert response.status_code == 200
    html = flat(response.content.decode())
    expected = EXPECTED[language]
    assert f'<html lang="{language}">' in html
    for key in ("period", "published", "meeting", "population", "change"):
        assert expected[key] in html, key
    # Machine-read values stay plain: the ISO moment and the figure in the attribute.
    assert 'datetime="2026-12-09T10:00:00+05:00"' in html
    assert 'data-figure="offences" data-value="4"' in html


def test_an_english_reader_reads_the_page_around_the_report_in_english(client, published):
    """Reports are published in the two state languages; the page around one follows the
    reader, the report itself its version's language."""
    client.cookies.load({"django_language": "en"})
    html = flat(client.get(reverse("public-report", args=[published.revisions["ru"].pk])).text)
    assert '<html lang="en">' in html and EXPECTED["en"]["published"] in html
    assert EXPECTED["ru"]["meeting"] in html and EXPECTED["ru"]["population"] in html


@pytest.mark.parametrize("language", REPORT_LANGUAGES)
def test_the_report_pdf_shows_dates_times_and_numbers_in_its_language(published, language):
    text = flat(text_of(published.pdfs[language]))
    expected = EXPECTED[language]
    for key in ("period", "published", "meeting", "population", "change"):
        assert expected[key] in text, (key, text[:400])


# --- spreadsheets --------------------------------------------------------------------------------


def read_xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


@pytest.mark.parametrize("language", LANGUAGES)
def test_xlsx_cells_are_numbers_and_day_first_dates_in_every_language(
    client, world, published, language
):
    client.cookies.load({"django_language": language})
    client.force_login(world.users[Role.SUPERVISOR])
    sheet = read_xlsx(client.get(reverse("department-export"), {"format": "xlsx"}))
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == world.beat.code)
    population, area = row[3], row[4]
    assert population.value == 6800 and isinstance(population.value, int)
    assert population.number_format == "#,##0"  # "6 800" in a Russian Excel, "6,800" in English
    assert area.value == 0.72 and area.number_format == "#,##0.00"

    AssistantFactory(
        beat=world.beat,
        applied_on=datetime.date(2025, 12, 9),
        consent_given_on=datetime.date(2025, 12, 9),
    )
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    sheet = read_xlsx(client.get(reverse("register-export"), {"format": "xlsx"}))
    applied = sheet.cell(row=2, column=14)  # "Applied on" (volunteers.resources)
    assert applied.is_date and applied.value == datetime.datetime(2025, 12, 9)
    assert applied.number_format == "dd.mm.yyyy"


def test_xlsx_moments_and_times_are_local_and_day_first():
    dataset = tablib.Dataset(headers=["moment", "time", "count", "amount", "year"])
    moment = datetime.datetime(2026, 12, 9, 13, 30, tzinfo=datetime.UTC)
    dataset.append([moment, datetime.time(18, 30), 6800, Decimal("0.72"), spreadsheets.Plain(2026)])
    sheet = load_workbook(io.BytesIO(spreadsheets.xlsx_content(dataset))).active
    at, time, count, amount, year = sheet[2]
    assert at.value == datetime.datetime(2026, 12, 9, 18, 30)  # Almaty's wall clock
    assert at.number_format == "dd.mm.yyyy hh:mm"
    assert time.value == datetime.time(18, 30) and time.number_format == "hh:mm"
    assert count.value == 6800 and count.number_format == "#,##0"
    assert amount.value == 0.72 and amount.number_format == "#,##0.00"
    assert year.value == 2026 and year.number_format == "General"


def test_xlsx_text_is_never_a_formula():
    dataset = tablib.Dataset(headers=["text"])
    dataset.append(["=1+1"])  # what an export forgot to guard
    cell = load_workbook(io.BytesIO(spreadsheets.xlsx_content(dataset))).active["A2"]
    assert cell.data_type == "s" and cell.value == "=1+1"


def read_csv(response, delimiter):
    assert response.content.startswith("\ufeff".encode())  # Excel then reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("language, delimiter", [("kk", ";"), ("ru", ";"), ("en", ",")])
def test_csv_opens_as_columns_in_the_languages_excel(client, world, published, language, delimiter):
    client.cookies.load({"django_language": language})
    client.force_login(world.users[Role.SUPERVISOR])
    header, *rows = read_csv(client.get(reverse("department-export")), delimiter)
    # One column per field, every row as wide as the header (a `,` inside a number would
    # have split it).
    assert len(header) >= 14
    assert all(len(r) == len(header) for r in rows)
    row = next(r for r in rows if r[0] == world.beat.code)
    assert row[3] == "6800"
    assert row[4] == ("0.72" if language == "en" else "0,72")

    AssistantFactory(beat=world.beat, applied_on=datetime.date(2025, 12, 9))
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    header, row = read_csv(client.get(reverse("register-export"), {"format": "csv"}), delimiter)
    assert len(header) == 20
    assert row[13] == "09.12.2025"  # day-first in every language


def test_the_pages_offer_xlsx_before_csv(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    labels = [label for label, _url in client.get(reverse("department-home")).context["exports"]]
    assert labels == ["XLSX", "CSV"]
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    html = client.get(reverse("assistant-list")).content.decode()
    assert html.index("format=xlsx") < html.index("format=csv")


# --- typed dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_typed_day_first_date_is_read_and_us_order_is_refused(inspector_client, world, language):
    december = DoorToDoorRoundFactory(beat=world.beat, date=datetime.date(2026, 12, 9))
    DoorToDoorRoundFactory(beat=world.beat, date=datetime.date(2026, 9, 12))
    inspector_client.cookies.load({"django_language": language})
    url = reverse("round-list")
    for typed in ("09.12.2026", "9.12.2026", "09.12.26"):
        response = inspector_client.get(url, {"date_from": typed, "date_to": typed})
        form = response.context["filter"].form
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["date_from"] == datetime.date(2026, 12, 9)
        assert list(response.context["object_list"]) == [december]
    if language == "en":
        response = inspector_client.get(url, {"date_from": "2026-12-09"})
        assert response.context["filter"].form.cleaned_data["date_from"].month == 12

    response = inspector_client.get(url, {"date_from": "12/09/2026", "date_to": "12/09/2026"})
    form = response.context["filter"].form
    assert form.errors["date_from"].as_data()[0].code == "invalid"
    assert list(response.context["object_list"]) == []


# --- e-mail --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_announcement_by_email_writes_the_date_in_its_language(
    world, language, django_capture_on_commit_callbacks
):
    Subscription.objects.create(
        beat=world.beat, email="reader@example.kz", confirmed_at=timezone.now(), language=language
    )
    ahead = timezone.localdate() + datetime.timedelta(days=10)
    at = local(ahead.year, ahead.month, ahead.day, 18, 30)
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(
            beat=world.beat,
            kind=MeetingKind.REPORT,
            status=MeetingStatus.PLANNED,
            is_public=True,
            held_at=at,
            place="Школа № 9",
            attendance=None,
        )
    (message,) = mail.outbox
    assert f"{dates.long_date(at, language)}, 18:30" in message.body
    if language == "kk":
        assert f"{ahead.year} жылғы {ahead.day} {KAZAKH_MONTHS[ahead.month - 1]}" in message.body
    assert f"{at:%d.%m.%Y} 18:30" in message.subject  # short and day-first in the subject
