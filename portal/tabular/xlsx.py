"""What an XLSX file says of itself, measured before openpyxl parses any of it.

An XLSX file is a ZIP package of XML parts, and a small one can be hostile: one text
repeated millions of times in the shared strings packs a thousand to one (openpyxl loads
every shared string when it opens the workbook), a sheet may declare itself 16,384
columns wide (openpyxl pads every row to that width), a row may hold millions of cells
(openpyxl builds each row whole). So, before openpyxl opens the workbook:

1. `open_package` reads the ZIP's own directory, unpacking nothing: how many parts, how
   large each unpacks and how tightly it is packed, and the total unpacked size.
2. It reads the small structure parts (content types, the workbook and its relations) to
   find the first worksheet and the shared strings the way openpyxl does, and holds every
   other XML part (styles, other sheets) to a size openpyxl reads quickly.
3. `declared_columns` reads the width the sheet declares (`<dimension ref="A1:XFD1"/>`)
   from the first bytes of the sheet.
4. `scan_shared_strings` and `scan_sheet` stream those two parts through expat once,
   counting (never keeping) texts, rows, columns and cells as `portal.tabular` will read
   them, and stop at the first limit.

Every refusal raises `error(code, **params)` naming the limit, the value found and the
maximum; `portal.imports.errors` words them in the reader's language.
"""

import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

MAX_PARTS = 1_000  # a workbook has a dozen parts; a picture or two adds a few
MAX_RATIO = 100  # unpacked ÷ packed size: sheets pack 5 to 20 times, bombs 1,000 times
RATIO_FREE_BYTES = 1024 * 1024  # a part smaller than this unpacked may pack any way it likes
MAX_OTHER_PART = 10 * 1024 * 1024  # styles, workbook, other sheets: what openpyxl reads whole
EXCEL_MAX_COLUMNS = 16_384  # column XFD: no spreadsheet program makes a wider sheet
HEAD_BYTES = 1024 * 1024  # of a sheet's start, read looking for its declared dimension
CHUNK = 64 * 1024
TICK_ROWS = 5_000  # rows between two calls of the caller's `tick` (a cancelled job stops)

MB = 1024 * 1024
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# What a broken or truncated package raises while a part is unpacked or parsed.
PART_ERRORS = (
    expat.ExpatError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # an encrypted part
)


class _Stop(Exception):
    """Enough has been read."""


def _mb(size) -> int:
    return max(1, -(-size // MB))  # rounded up: 100.2 MB is "101 MB", never "100 MB"


def _local(name: str) -> str:
    return name.rpartition(" ")[2]  # "namespace local" with the separator below


def _column(ref: str) -> int:
    """The column number of a cell reference: "A1" → 1, "XFD7" → 16384, "$B$2" → 2."""
    number = 0
    for char in ref:
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            number = number * 26 + ord(char) - 96
        elif char != "$":
            break
    return number


def _parse(archive, name, start, end=None):
    """Stream the part `name` through expat; a handler raises _Stop when it has enough.

    A document type declaration (where entity bombs live) ends the parse: no part of a
    workbook has one."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end

    def refuse_dtd(*args):
        raise expat.ExpatError("a document type declaration")

    parser.StartDoctypeDeclHandler = refuse_dtd
    with archive.open(name) as stream:
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Stop:
            pass


@dataclass(frozen=True)
class Package:
    archive: zipfile.ZipFile
    sheet: str  # the first worksheet, the one an import reads
    shared_strings: str | None


def _entry_count(content: bytes, error) -> int:
    """The number of parts the ZIP's end record declares, read before the directory is."""
    tail = content[-(22 + 0xFFFF) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise error("unreadable")
    (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if count == 0xFFFF:  # ZIP64: no workbook an import reads is that large
        raise error("unreadable")
    return count


def _check_sizes(infos, limits, error):
    total = 0
    for info in infos:
        encrypted = info.flag_bits & 0x1
        if encrypted or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise error("unreadable")  # or packed in a way no spreadsheet program packs
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FREE_BYTES and info.file_size > MAX_RATIO * packed:
            raise error(
                "packed_too_tightly",
                part=info.filename[:100],
                ratio=info.file_size // packed,
                limit=MAX_RATIO,
            )
        total += info.file_size
    if total > limits.max_unpacked_bytes:
        raise error("unpacked_too_large", size=_mb(total), limit=limits.max_unpacked_bytes // MB)


def _too_large(error, code, name, size):
    return error(code, part=name[:100], size=_mb(size), limit=MAX_OTHER_PART // MB)


def _small_part(sizes, name, error) -> str:
    """`name`, when the package has it and it is small enough to read whole."""
    if name not in sizes:
        raise error("unreadable")
    if sizes[name] > MAX_OTHER_PART:
        raise _too_large(error, "part_too_large", name, sizes[name])
    return name


def _content_types(archive, sizes, error) -> dict:
    """{part name without its leading "/": content type}, from the package's overrides."""
    types = {}

    def start(name, attrs):
        if _local(name) == "Override" and "PartName" in attrs:
            types[attrs["PartName"].lstrip("/")] = attrs.get("ContentType", "")

    _parse(archive, _small_part(sizes, "[Content_Types].xml", error), start)
    return types


def _first_worksheet(archive, sizes, workbook, error) -> str:
    """The part of the workbook's first sheet that is not a chart, as openpyxl picks it."""
    folder, base = posixpath.split(workbook)
    rels_path = posixpath.join(folder, "_rels", f"{base}.rels")
    relations = {}

    def relation(name, attrs):
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            relations[attrs.get("Id")] = (target, attrs.get("Type", ""))

    sheet_ids = []

    def sheet(name, attrs):
        if _local(name) == "sheet":
            sheet_ids.extend(value for key, value in attrs.items() if key.endswith(" id"))

    for part, handler in ((rels_path, relation), (workbook, sheet)):
        _parse(archive, _small_part(sizes, part, error), handler)
    for sheet_id in sheet_ids:
        target, kind = relations.get(sheet_id, ("", ""))
        if target in sizes and "chartsheet" not in kind:
            return target
    raise error("empty")


def open_package(content: bytes, limits, error) -> Package:
    """The package, its sizes checked and its first worksheet found; nothing unpacked but
    the few small parts that say where things are."""
    if _entry_count(content, error) > MAX_PARTS:
        raise error("unreadable")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
        _check_sizes(infos, limits, error)
        sizes = {info.filename: info.file_size for info in infos}
        types = _content_types(archive, sizes, error)
        workbook = next((name for name, kind in types.items() if kind in WORKBOOK_TYPES), None)
        if workbook is None:
            raise error("unreadable")
        sheet = _first_worksheet(archive, sizes, workbook, error)
    except PART_ERRORS as exc:
        raise error("unreadable") from exc
    shared = next((name for name, kind in types.items() if kind == SHARED_STRINGS_TYPE), None)
    if shared is not None and shared not in sizes:
        shared = None
    for name, size in sizes.items():
        if name in (sheet, shared) or not name.endswith((".xml", ".rels")):
            continue  # the two parts scanned below; pictures openpyxl does not read
        if size > MAX_OTHER_PART:
            sheet_part = types.get(name) == WORKSHEET_TYPE
            code = "other_sheet_too_large" if sheet_part else "part_too_large"
            raise _too_large(error, code, name, size)
    return Package(archive, sheet, shared)


def declared_columns(package: Package, error) -> int | None:
    """The sheet's width as its `<dimension ref>` declares it; None when it declares none."""
    found = []

    def start(name, attrs):
        local = _local(name)
        if local == "dimension":
            ref = attrs.get("ref", "")
            found.append(_column(ref.rpartition(":")[2]))
            raise _Stop
        if local == "sheetData":
            raise _Stop  # the dimension comes before the cells, or not at all

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        with package.archive.open(package.sheet) as stream:
            read = 0
            while read < HEAD_BYTES and (chunk := stream.read(CHUNK)):
                read += len(chunk)
                parser.Parse(chunk, False)
    except _Stop:
        pass
    except PART_ERRORS as exc:
        raise error("unreadable") from exc
    return found[0] if found else None


def scan_shared_strings(package: Package, limits, error):
    """Count the shared texts; a file has at most one per cell."""
    if package.shared_strings is None:
        return
    count = 0

    def start(name, attrs):
        nonlocal count
        if name == SHARED_TEXT:
            count += 1
            if count > limits.max_cells:
                raise error("too_many_cells", limit=limits.max_cells)

    try:
        _parse(package.archive, package.shared_strings, start)
    except PART_ERRORS as exc:
        raise error("unreadable") from exc


# Elements of the sheet as expat names them (namespace, a space, the local name): only
# these are what openpyxl reads as rows, cells and values.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROW, CELL, VALUE, INLINE, SHARED_TEXT = (
    f"{MAIN} {local}" for local in ("row", "c", "v", "is", "si")
)


class _SheetScan:
    """Rows, columns and cells of a sheet as `portal.tabular` will read them through
    openpyxl: a row is as wide as its last cell (values or not), a row is blank without
    a value, missing rows are blank, and the sheet ends after `max_blank_run` blank rows.

    The handlers run for every element of the sheet: they compare names and count, no more.
    """

    def __init__(self, limits, error, *, max_blank_run, rows_wanted, tick):
        self.limits = limits
        self.error = error
        self.max_blank_run = max_blank_run
        self.rows_wanted = rows_wanted
        self.tick = tick
        self.rows = 0  # rows with a value, the header included
        self.cells = 0  # the widths of all rows read
        self.blank_run = 0
        self.last_row = 0
        self.columns = {}  # "AB" → 28, as the references come
        self._new_row()

    def _new_row(self):
        self.column = 0  # of the current cell
        self.cells_in_row = 0
        self.width = 0  # the row's last cell
        self.last_value = 0  # the row's last cell with a value

    def _blank(self, count):
        self.blank_run += count
        if self.blank_run > self.max_blank_run:
            raise _Stop  # where the reader stops too

    def _column_of(self, ref):
        letters = ref.rstrip("0123456789")
        column = self.columns.get(letters)
        if column is None:
            column = self.columns[letters] = _column(letters)
        return column

    def start(self, name, attrs):
        if name == CELL:
            ref = attrs.get("r")
            self.column = self._column_of(ref) if ref else self.column + 1
            self.cells_in_row += 1
            if self.column > self.width:
                self.width = self.column
            if self.width > EXCEL_MAX_COLUMNS or self.cells_in_row > EXCEL_MAX_COLUMNS:
                widest = max(self.width, self.cells_in_row)
                raise self.error("too_many_columns", width=widest, limit=self.limits.max_columns)
        elif name in (VALUE, INLINE):
            if self.column > self.last_value:
                self.last_value = self.column
        elif name == ROW:
            ref = attrs.get("r", "")
            number = int(ref) if ref.isdigit() else self.last_row + 1
            if number > self.last_row + 1:
                self._blank(number - self.last_row - 1)
            self.last_row = max(self.last_row, number)
            self._new_row()

    def end(self, name):
        if name != ROW:
            return
        limits = self.limits
        self.cells += self.width
        if self.cells > limits.max_cells:
            raise self.error("too_many_cells", limit=limits.max_cells)
        if not self.last_value:
            self._blank(1)
            return
        if self.last_value > limits.max_columns:
            raise self.error("too_many_columns", width=self.last_value, limit=limits.max_columns)
        self.blank_run = 0
        self.rows += 1
        if self.rows - 1 > limits.max_rows:  # the first row with values is the header
            raise self.error("too_many_rows", limit=limits.max_rows)
        if self.tick and self.rows % TICK_ROWS == 0:
            self.tick(self.rows)
        if self.rows_wanted and self.rows >= self.rows_wanted:
            raise _Stop


def scan_sheet(package: Package, limits, error, *, max_blank_run, rows_wanted=None, tick=None):
    """Refuse the sheet at its first row past a limit; read no further than `rows_wanted`
    rows with values, when given."""
    scan = _SheetScan(
        limits, error, max_blank_run=max_blank_run, rows_wanted=rows_wanted, tick=tick
    )
    try:
        _parse(package.archive, package.sheet, scan.start, scan.end)
    except PART_ERRORS as exc:
        raise error("unreadable") from exc
