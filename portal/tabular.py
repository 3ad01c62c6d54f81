"""Reading an uploaded table (CSV in UTF-8 with any of ; , tab, or the first sheet of an
XLSX workbook) for the portal's imports: the register and the offence statistics."""

import csv
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BLANK_RUN = 1000  # blank rows after which a sheet is taken to have ended

# What openpyxl raises for a file that is a ZIP but not a sound workbook.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
)


class TableFileError(Exception):
    """A file that cannot be read as a table; `code` names the reason for the message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _xlsx_lines(content, error):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise error("unreadable") from exc
    try:
        if not workbook.worksheets:
            raise error("empty")
        yield from enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    except XLSX_ERRORS as exc:
        raise error("unreadable") from exc
    finally:
        workbook.close()


def _csv_lines(content, error):
    try:
        text = content.decode("utf-8-sig")  # with or without a byte order mark
    except UnicodeDecodeError as exc:
        raise error("not_utf8") from exc
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise error("unreadable") from exc


def read_table(content: bytes, filename="", *, max_bytes, max_rows, error=TableFileError):
    """(header, rows) of the first sheet of an XLSX file or of a CSV file.

    Each row is (row number as a spreadsheet shows it, list of cell values); rows with no
    value at all are skipped. Raises `error(code, **params)`: too_large, unreadable,
    not_utf8, too_many_rows, empty.
    """
    if len(content) > max_bytes:
        raise error("too_large", limit=max_bytes // (1024 * 1024))
    if content[:4] == b"PK\x03\x04":
        lines = _xlsx_lines(content, error)
    elif filename.lower().endswith(".xlsx"):
        raise error("unreadable")
    else:
        lines = _csv_lines(content, error)
    header = None
    rows = []
    blank_run = 0
    for number, values in lines:
        if not any(cell_text(v) for v in values):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break  # a sheet formatted down to its last row: the data has ended
            continue
        blank_run = 0
        if header is None:
            header = list(values)
            continue
        if len(rows) >= max_rows:
            raise error("too_many_rows", limit=max_rows)
        rows.append((number, list(values)))
    if header is None or not rows:
        raise error("empty")
    return header, rows
