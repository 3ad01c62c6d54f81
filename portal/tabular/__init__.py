"""Reading an uploaded table (CSV in UTF-8 with any of ; , tab, or the first sheet of an
XLSX workbook) for the portal's imports: the register and the offence statistics.

An uploaded file is hostile until measured. `read_table` checks it against `Limits`
(bytes, rows, columns, cells and, for XLSX, what it unpacks to) before parsing, from what
the file says of itself (`portal.tabular.xlsx`), then streams it: openpyxl in read-only
mode row by row, CSV line by line, each stopped at the first row past a limit. Nothing
beyond the limits is ever held in memory, and every refusal says which limit, the value
and the maximum (`TableFileError(code, **params)`, worded by `portal.imports.errors`).
"""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from portal.tabular import xlsx

MAX_BLANK_RUN = 1000  # blank rows after which a sheet is taken to have ended
MAX_LINE_CHARS = 1_000_000  # of one CSV line: far beyond any row an import reads
TICK_ROWS = 1_000  # rows between two calls of `tick` while a file is read
MB = 1024 * 1024

# What openpyxl raises for a package that passed the checks but is not a sound workbook.
XLSX_ERRORS = (*xlsx.PART_ERRORS, InvalidFileException, IndexError, TypeError, AttributeError)


class TableFileError(Exception):
    """A file that cannot be read as a table; `code` names the reason for the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int  # under the header
    max_columns: int
    max_cells: int  # all rows read, counted as wide as each row goes
    max_unpacked_bytes: int  # what an XLSX file unpacks to

    @classmethod
    def from_settings(cls, *, max_bytes=None, max_rows=None):
        """The IMPORT_MAX_* settings; an import may keep a lower size or row count."""

        def lower(own, setting):
            return setting if own is None else min(own, setting)

        return cls(
            max_bytes=lower(max_bytes, settings.IMPORT_MAX_BYTES),
            max_rows=lower(max_rows, settings.IMPORT_MAX_ROWS),
            max_columns=settings.IMPORT_MAX_COLUMNS,
            max_cells=settings.IMPORT_MAX_CELLS,
            max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
        )


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_xlsx(content: bytes, filename="") -> bool:
    return content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def inspect(content: bytes, filename="", *, limits: Limits, error=TableFileError):
    """The checks that need no parsing: the size and, for an XLSX file, its package (part
    sizes, packing, the sheet's declared width). Quick for any file within `max_bytes`:
    the upload form runs them before a job is made."""
    if len(content) > limits.max_bytes:
        raise error("too_large", limit=limits.max_bytes // MB)
    if not is_xlsx(content, filename):
        return None
    if content[:4] != b"PK\x03\x04":
        raise error("unreadable")
    package = xlsx.open_package(content, limits, error)
    columns = xlsx.declared_columns(package, error)
    if columns is not None and columns > limits.max_columns:
        raise error("too_many_columns", width=columns, limit=limits.max_columns)
    return package


def _xlsx_lines(content, package, limits, error, *, rows_wanted, tick):
    # Measured before openpyxl reads them: the shared strings (loaded whole when the
    # workbook opens) and every row of the sheet (each built whole).
    xlsx.scan_shared_strings(package, limits, error)
    xlsx.scan_sheet(
        package, limits, error, max_blank_run=MAX_BLANK_RUN, rows_wanted=rows_wanted, tick=tick
    )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise error("unreadable") from exc
    try:
        if not workbook.worksheets:
            raise error("empty")
        sheet = workbook.worksheets[0]
        # Rows as long as their cells go: a declared dimension neither pads nor cuts them.
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except XLSX_ERRORS as exc:
        raise error("unreadable") from exc
    finally:
        workbook.close()


def _csv_lines(content, limits, error):
    """Rows of a CSV file, decoded and split as they are read; a line longer than any row
    an import reads is refused before the csv module splits it."""
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    try:
        first_line = ""
        for _blank in range(MAX_BLANK_RUN):  # the first line with something in it
            first_line = text.readline(MAX_LINE_CHARS + 1)
            if first_line.strip("\r\n") or not first_line:
                break
        text.seek(0)
    except UnicodeDecodeError as exc:
        raise error("not_utf8") from exc
    delimiter = max((";", ",", "\t"), key=first_line.count)

    def lines():
        number = 0
        while line := text.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(line) > MAX_LINE_CHARS:
                raise error("line_too_long", line=number, limit=MAX_LINE_CHARS)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except UnicodeDecodeError as exc:
        raise error("not_utf8") from exc
    except csv.Error as exc:
        raise error("unreadable") from exc


def _width(values) -> int:
    """Up to the row's last cell with something in it."""
    for index in range(len(values) - 1, -1, -1):
        if cell_text(values[index]):
            return index + 1
    return 0


def read_table(
    content: bytes,
    filename="",
    *,
    limits: Limits,
    error=TableFileError,
    rows_wanted=None,
    tick=None,
):
    """(header, rows) of the first sheet of an XLSX file or of a CSV file.

    Each row is (row number as a spreadsheet shows it, list of cell values); rows with no
    value at all are skipped. With `rows_wanted`, no more than that many rows under the
    header are read (the upload page's quick look). `tick(rows)` is called every
    TICK_ROWS rows read (a cancelled job stops there). Raises `error(code, **params)`:
    too_large, unreadable, not_utf8, empty, too_many_rows, too_many_columns,
    too_many_cells, line_too_long and, for XLSX, unpacked_too_large, packed_too_tightly,
    part_too_large, other_sheet_too_large.
    """
    package = inspect(content, filename, limits=limits, error=error)
    if package is not None:
        wanted = None if rows_wanted is None else rows_wanted + 1  # and the header
        lines = _xlsx_lines(content, package, limits, error, rows_wanted=wanted, tick=tick)
    else:
        lines = _csv_lines(content, limits, error)
    header = None
    rows = []
    blank_run = 0
    cells = 0
    for number, values in lines:
        cells += len(values)
        if cells > limits.max_cells:
            raise error("too_many_cells", limit=limits.max_cells)
        width = _width(values)
        if width > limits.max_columns:
            raise error("too_many_columns", width=width, limit=limits.max_columns)
        if tick and number % TICK_ROWS == 0:
            tick(number)
        if not width:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break  # a sheet formatted down to its last row: the data has ended
            continue
        blank_run = 0
        if header is None:
            header = list(values[:width])
            continue
        if len(rows) >= limits.max_rows:
            raise error("too_many_rows", limit=limits.max_rows)
        rows.append((number, list(values[:width])))
        if rows_wanted is not None and len(rows) >= rows_wanted:
            break
    if header is None or not rows:
        raise error("empty")
    return header, rows
