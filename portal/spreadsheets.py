"""The portal's exported CSV/XLSX files: cells no spreadsheet runs as a formula, and
values written as each language reads them.

* XLSX: dates are date cells shown day-first (dd.mm.yyyy, with hh:mm for a moment),
  numbers are numbers, counts shown with thousands grouped (#,##0: "6 800" in a Russian
  Excel, "6,800" in an English one), decimals with their places. A year or a code kept
  as a number is wrapped in `Plain` to stay ungrouped.
* CSV: UTF-8 with a BOM (Excel takes a file without one for the local code page). In
  Kazakh and Russian the delimiter is ";" and the decimal separator ",", as a
  Russian-locale Excel splits and reads them; in English "," and ".". Dates are
  day-first everywhere (09.12.2026), as the portal writes them and the imports read them.

    response = file_response("xlsx", dataset, name="register")

The pages offer XLSX first (FILE_TYPES is in that order): it opens right in any locale.
"""

import csv
import datetime
import io
import numbers
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.dates import language_code

FILE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
TIME_FORMAT = "hh:mm"
COUNT_FORMAT = "#,##0"
MAX_COLUMN_WIDTH = 60  # characters: longer texts wrap in the cell as the reader widens it

# Excel refuses a sheet title with these characters or longer than 31 characters.
TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))

# A cell starting with one of these is taken for a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """Numbers, dates and empty cells unchanged; anything else as text, prefixed with an
    apostrophe when it would start a formula."""
    if value is None or isinstance(value, numbers.Number | datetime.date | datetime.time):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded(text: str) -> str:
    """A text cell as `safe_cell` wrote it, without the apostrophe put before a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class Plain(int):
    """An integer written as it is, without thousands grouping: a year, a number that
    names something."""


# --- XLSX ------------------------------------------------------------------------------------


def _local(moment: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: a moment as the portal's local wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _decimal_format(value: Decimal) -> str:
    places = -value.as_tuple().exponent if value.is_finite() else 0
    return COUNT_FORMAT + ("." + "0" * places if places > 0 else "")


def _xlsx_cell(sheet, value):
    """The cell for `value`: a plain value when it needs no number format."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # text, even when it starts with "="
        return cell
    if isinstance(value, bool | float | Plain):
        return value
    if isinstance(value, datetime.datetime):
        value, number_format = _local(value), DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif isinstance(value, datetime.time):
        number_format = TIME_FORMAT
    elif isinstance(value, int):
        number_format = COUNT_FORMAT
    elif isinstance(value, Decimal):
        number_format = _decimal_format(value)
    else:
        return str(value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _width(value) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return min(len(str(value)) if value is not None else 0, MAX_COLUMN_WIDTH)


def _sheets(items):
    for item in items:
        if isinstance(item, tablib.Databook):
            yield from item.sheets()
        else:
            yield item


def xlsx_content(*items) -> bytes:
    """A workbook with a sheet per dataset (a Databook gives all of its sheets): a bold,
    frozen header row, columns as wide as their contents, cells as the module says."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for number, dataset in enumerate(_sheets(items), start=1):
        title = dataset.title or f"Sheet{number}"
        sheet = workbook.create_sheet(title=str(title).translate(TITLE_FORBIDDEN)[:31])
        rows = [list(row) for row in dataset]
        headers = list(dataset.headers or [])
        widths = [0] * max(len(headers), max((len(row) for row in rows), default=0))
        for row in [headers, *rows]:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], _width(value))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(width + 2, 8)
        if headers:
            sheet.freeze_panes = "A2"
            header_cells = []
            for value in headers:
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
                cell.font = bold
                header_cells.append(cell)
            sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# --- CSV -------------------------------------------------------------------------------------


def csv_delimiter(language=None) -> str:
    return "," if language_code(language) == "en" else ";"


def _csv_text(value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{_local(value):%d.%m.%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", ",") if decimal_comma else text
    return str(value)


def csv_content(dataset: tablib.Dataset, language=None) -> bytes:
    """The dataset as CSV for a spreadsheet program in `language` (default: the active one)."""
    delimiter = csv_delimiter(language)
    decimal_comma = delimiter == ";"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if dataset.headers:
        writer.writerow([str(header) for header in dataset.headers])
    for row in dataset:
        writer.writerow([_csv_text(value, decimal_comma) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- responses -------------------------------------------------------------------------------


def file_response(fmt: str, *items, name: str) -> HttpResponse:
    """An attachment `<name>.<fmt>`: XLSX of the datasets, or CSV of the first one. Not kept
    by any cache: exports are staff data."""
    content = csv_content(next(_sheets(items))) if fmt == "csv" else xlsx_content(*items)
    response = HttpResponse(content, content_type=FILE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
