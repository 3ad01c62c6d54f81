"""Hostile import files: every limit is checked before the file is parsed, and again as it is
streamed (portal/tabular). A 100 KB bomb is refused in well under a second, in bounded
memory, with a reason in the reader's language that names the limit, the value and the
maximum; a good file still imports."""

import csv
import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from portal import tabular
from portal.imports.errors import ImportFileError
from portal.models import Role
from tests.builders.import_flows import register_flow
from tests.commit import committed
from tests.uploads import shared_text_row, to_csv, to_xlsx, xlsx_by_hand
from volunteers.models import Assistant
from volunteers.services import registry_import
from volunteers.services.registry_import import REGISTER

BOMB_SECONDS = 1.0
BOMB_MEMORY = 8 * 1024 * 1024  # peak bytes allocated while a bomb is refused


def shared_strings_bomb():
    """About 100 KB that unpacks to 100 MB of shared texts: ten texts of 10 MB each."""
    rows = [shared_text_row(1, 0, 1), shared_text_row(2, 2, 3)]

    def texts():
        for _ in range(10):
            yield b"<si><t>"
            yield from (b"A" * 1024 * 1024 for _ in range(10))
            yield b"</t></si>"

    return xlsx_by_hand(rows, texts())


def declared_wide_sheet():
    """A sheet of 16,384 columns (A to XFD) that says so in its dimension: about 100 KB."""
    workbook = Workbook()
    sheet = workbook.active
    for _ in range(2):
        sheet.append(["x"] * 16_384)
    return to_bytes(workbook)


def undeclared_wide_sheet():
    """16,384 columns, written row by row (openpyxl's write-only mode): no dimension says
    so, the rows do."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(range(16_384)))
    sheet.append(list(range(16_384)))
    return to_bytes(workbook)


def giant_row():
    """One row of five million empty cells, under a dimension that claims one cell."""
    return xlsx_by_hand([b'<row r="1"><c r="A1"><v>1</v></c>' + b"<c/>" * 5_000_000 + b"</row>"])


def to_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BOMBS = {
    "shared-strings": (shared_strings_bomb, "packed_too_tightly"),
    "declared-wide": (declared_wide_sheet, "too_many_columns"),
    "undeclared-wide": (undeclared_wide_sheet, "too_many_columns"),
    "giant-row": (giant_row, "packed_too_tightly"),
}


@pytest.fixture(scope="module")
def bombs():
    return {name: build() for name, (build, _code) in BOMBS.items()}


def refused(content, name="bomb.xlsx", spec=REGISTER):
    """The ImportFileError reading `content` raises, with the seconds and peak bytes spent."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportFileError) as error:
            spec.read(content, name)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return error.value, seconds, peak


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_of_100_kb_is_refused_at_once_in_bounded_memory(bombs, name):
    content = bombs[name]
    assert len(content) < 250 * 1024

    error, seconds, peak = refused(content)

    assert error.code == BOMBS[name][1]
    assert seconds < BOMB_SECONDS
    assert peak < BOMB_MEMORY


def test_the_shared_strings_bomb_is_refused_naming_the_part_its_packing_and_the_limit(bombs):
    error, _seconds, _peak = refused(bombs["shared-strings"])

    assert error.params["part"] == "xl/sharedStrings.xml"
    assert error.params["ratio"] > 100 and error.params["limit"] == 100
    ratio = error.params["ratio"]
    with translation.override("en"):
        assert str(error) == (
            f"A part of the file (xl/sharedStrings.xml) unpacks to {ratio} times its packed "
            "size; at most 100 times is accepted, so the file is not read."
        )
    with translation.override("ru"):
        assert "xl/sharedStrings.xml" in str(error) and str(ratio) in str(error)


def test_a_wide_sheet_is_refused_with_its_width_and_the_limit(bombs, settings):
    for name in ("declared-wide", "undeclared-wide"):
        error, _seconds, _peak = refused(bombs[name])
        assert error.params == {"width": 16_384, "limit": settings.IMPORT_MAX_COLUMNS}
        with translation.override("en"):
            assert str(error).startswith("The file has 16384 columns; at most 100 are accepted.")


def test_the_upload_page_refuses_a_bomb_before_any_job_is_made(client, world, bombs):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    client.cookies["django_language"] = "kk"
    client.get(reverse("register-import"))  # the page's templates and catalogue, loaded once
    for name in ("shared-strings", "declared-wide"):
        upload = SimpleUploadedFile("register.xlsx", bombs[name])
        started = time.perf_counter()
        response = client.post(reverse("register-import"), {"file": upload})
        assert time.perf_counter() - started < 2 * BOMB_SECONDS  # the page rendered too
        assert response.status_code == 400
        error, _seconds, _peak = refused(bombs[name])
        with translation.override("kk"):
            assert response.context["form"].errors["file"] == [str(error)]


def test_a_wide_sheet_that_does_not_say_so_fails_its_job_with_the_reason(client, world, bombs):
    """The upload page reads only what the package declares; the job's task reads the rows."""
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    with committed():
        response = client.post(
            reverse("register-import"),
            {"file": SimpleUploadedFile("register.xlsx", bombs["undeclared-wide"])},
        )
    job = client.get(response.url)
    assert job.context["job"]["state"] == "failed"
    assert job.context["job"]["error"] == ("too_many_columns", {"width": 16_384, "limit": 100})
    assert "16384" in job.context["error"]


# --- each limit, in CSV and XLSX ------------------------------------------------------------


def rows_of(count, width=2):
    return [[f"r{row}c{column}" for column in range(width)] for row in range(count)]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows_are_refused(settings, kind):
    settings.IMPORT_MAX_ROWS = 5
    header = ["a", "b"]
    make = to_csv if kind == "csv" else to_xlsx
    assert len(REGISTER.read(make(header, rows_of(5)), f"f.{kind}")[1]) == 5

    error, _seconds, _peak = refused(make(header, rows_of(6)), f"f.{kind}")

    assert (error.code, error.params) == ("too_many_rows", {"limit": 5})
    with translation.override("en"):
        assert str(error) == "The file has more than 5 rows: split it into several files."


def test_an_import_keeps_its_own_lower_limits_under_the_settings(settings):
    from reports.services.statistics_import import STATISTICS

    assert STATISTICS.limits.max_rows == 20_000 and REGISTER.limits.max_rows == 50_000
    settings.IMPORT_MAX_ROWS = 100
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    assert STATISTICS.limits.max_rows == REGISTER.limits.max_rows == 100
    assert STATISTICS.limits.max_bytes == REGISTER.limits.max_bytes == 1024 * 1024


def test_a_csv_with_too_many_columns_is_refused_with_its_width():
    content = to_csv([f"c{n}" for n in range(150)], rows_of(2, width=150))

    error, seconds, _peak = refused(content, "wide.csv")

    assert (error.code, error.params) == ("too_many_columns", {"width": 150, "limit": 100})
    assert seconds < BOMB_SECONDS


def test_empty_cells_after_the_last_value_do_not_count_as_columns():
    content = to_csv(["a", "b", *[""] * 300], [["1", "2", *[""] * 300]])
    assert REGISTER.read(content, "f.csv") == (["a", "b"], [(2, ["1", "2"])])


def test_a_csv_line_of_a_million_characters_is_refused_before_it_is_split():
    content = b"a;b\n" + b";" * 2_000_000 + b"\n"

    error, seconds, peak = refused(content, "line.csv")

    assert (error.code, error.params) == ("line_too_long", {"line": 2, "limit": 1_000_000})
    assert seconds < BOMB_SECONDS
    assert peak < 16 * 1024 * 1024  # the line itself (four bytes a character), never a list


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_cells_are_refused(settings, kind):
    settings.IMPORT_MAX_CELLS = 50
    make = to_csv if kind == "csv" else to_xlsx
    assert REGISTER.read(make(["a", "b"], rows_of(20)), f"f.{kind}")

    error, _seconds, _peak = refused(make(["a", "b"], rows_of(30)), f"f.{kind}")

    assert (error.code, error.params) == ("too_many_cells", {"limit": 50})


def test_more_shared_texts_than_cells_are_refused_before_openpyxl_loads_them(settings):
    settings.IMPORT_MAX_CELLS = 1000
    texts = (f"<si><t>{n}</t></si>".encode() for n in range(1001))

    error, _seconds, _peak = refused(xlsx_by_hand([shared_text_row(1, 0)], texts))

    assert (error.code, error.params) == ("too_many_cells", {"limit": 1000})


def test_a_file_that_unpacks_to_too_much_is_refused(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    random_texts = (f"<si><t>{n * 7919 % 1_000_003:x}{n}</t></si>".encode() for n in range(200_000))

    error, _seconds, _peak = refused(xlsx_by_hand([shared_text_row(1, 0)], random_texts))

    assert error.code == "unpacked_too_large"
    assert error.params["limit"] == 2 and error.params["size"] > 2


def test_a_file_larger_than_the_limit_is_refused_before_anything_is_read(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    error, _seconds, _peak = refused(b"a;b\n" + b"1;2\n" * 300_000, "big.csv")
    assert (error.code, error.params) == ("too_large", {"limit": 1})


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04 but nothing of a ZIP after it",
        xlsx_by_hand([b'<row r="1"><c r="A1"><v>1</v></c></row>'])[:-200],  # cut short
    ],
    ids=["not-a-zip", "truncated"],
)
def test_a_broken_package_is_unreadable(content):
    error, _seconds, _peak = refused(content)
    assert error.code == "unreadable"


def with_part(content, name, data):
    """`content` with its part `name` replaced by `data`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, data if info.filename == name else source.read(info))
    return buffer.getvalue()


def test_a_part_with_a_document_type_declaration_is_unreadable():
    """Entity bombs ("billion laughs") live in document type declarations; no part of a
    workbook has one."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&b;</t></si></sst>"
    )
    content = xlsx_by_hand([shared_text_row(1, 0)], [b"<si><t>a</t></si>"])

    error, _seconds, _peak = refused(with_part(content, "xl/sharedStrings.xml", laughs))

    assert error.code == "unreadable"


# --- what the checks must let through -------------------------------------------------------


def test_a_workbook_with_shared_texts_reads_as_excel_writes_it():
    texts = [f"<si><t>{text}</t></si>".encode() for text in ("Фамилия", "Имя", "Ахметов")]
    rows = [shared_text_row(1, 0, 1), b'<row r="2"/>', shared_text_row(3, 2, 2)]

    header, read = REGISTER.read(xlsx_by_hand(rows, texts, dimension="A1:B3"), "f.xlsx")

    assert header == ["Фамилия", "Имя"]
    assert read == [(3, ["Ахметов", "Ахметов"])]


def test_a_sheet_formatted_down_to_its_last_row_ends_after_a_run_of_blank_rows():
    def formatted(start, stop):
        return "".join(f'<row r="{n}"><c r="A{n}" s="1"/></row>' for n in range(start, stop))

    blocks = (formatted(n, n + 10_000).encode() for n in range(3, 100_000, 10_000))
    rows = [shared_text_row(1, 0, 1), shared_text_row(2, 1, 0), *blocks]
    content = xlsx_by_hand(rows, [b"<si><t>a</t></si>", b"<si><t>b</t></si>"])

    started = time.perf_counter()
    header, read = REGISTER.read(content, "formatted.xlsx")

    assert time.perf_counter() - started < 2
    assert (header, read) == (["a", "b"], [(2, ["b", "a"])])


def test_the_reader_reports_its_progress_and_a_tick_can_stop_it():
    content = to_csv(["a", "b"], rows_of(2500))
    ticks = []
    REGISTER.read(content, "f.csv", tick=ticks.append)
    assert ticks == [1000, 2000]

    class Stop(Exception):
        pass

    def stop(rows):
        raise Stop

    for name, data in (("f.csv", content), ("f.xlsx", to_xlsx(["a", "b"], rows_of(6000)))):
        with pytest.raises(Stop):
            REGISTER.read(data, name, tick=stop)


def test_the_limits_come_from_the_settings(settings):
    settings.IMPORT_MAX_COLUMNS = 3
    limits = tabular.Limits.from_settings()
    assert limits.max_columns == 3
    error, _seconds, _peak = refused(to_csv(["a", "b", "c", "d"], [["1", "2", "3", "4"]]), "f.csv")
    assert error.params == {"width": 4, "limit": 3}


def test_a_good_xlsx_file_still_imports_through_the_pages(client, world):
    flow = register_flow(world)
    client.force_login(flow.user)
    header = registry_import.COLUMNS.headers
    rows = list(csv.reader(io.StringIO(flow.content.decode()), delimiter=";"))[1:]
    content = to_xlsx(header, rows)
    with committed():
        response = client.post(
            reverse("register-import"), {"file": SimpleUploadedFile("register.xlsx", content)}
        )
    job_id = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert flow.job(job_id)["state"] == "checked" and flow.job(job_id)["good"] == 2
    before = Assistant.objects.count()
    flow.apply(client, job_id)
    assert Assistant.objects.count() == before + 2
