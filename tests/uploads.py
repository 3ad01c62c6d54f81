"""Files a user uploads: tables for an import as CSV (semicolons, UTF-8) or XLSX bytes, and
images."""

import csv
import io
import struct
import zipfile
import zlib

from openpyxl import Workbook
from PIL import Image


def to_csv(header, rows, delimiter=";", bom=False):
    """`bom` starts the file with a byte-order mark, as Excel saves "CSV UTF-8"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes(size=(8, 8), color=(40, 90, 160)):
    """A PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


# --- hostile files --------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_by_hand(sheet_data, shared_strings=None, *, dimension=None):
    """An XLSX package written part by part, as Excel lays it out: `sheet_data` and
    `shared_strings` are iterables of XML bytes (the <row> and the <si> elements), streamed
    into the ZIP, so a part may unpack to far more than the test ever holds."""
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{SHEET_TYPE}.worksheet+xml"/>'
    )
    relations = (
        f'<Relationship Id="rId1" Type="{RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/>'
    )
    if shared_strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{SHEET_TYPE}.sharedStrings+xml"/>'
        )
        relations += (
            f'<Relationship Id="rId2" Type="{RELATIONS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PACKAGE}">{relations}</Relationships>',
        )
        with package.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'<worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for chunk in sheet_data:
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
        if shared_strings is not None:
            with package.open("xl/sharedStrings.xml", "w") as part:
                part.write(f'<sst xmlns="{MAIN}">'.encode())
                for chunk in shared_strings:
                    part.write(chunk)
                part.write(b"</sst>")
    return buffer.getvalue()


def shared_text_row(number, *indexes):
    """A <row> whose cells are the shared texts `indexes`, from column A on."""
    cells = "".join(
        f'<c r="{chr(65 + column)}{number}" t="s"><v>{index}</v></c>'
        for column, index in enumerate(indexes)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def png_bomb(width=20_000, height=20_000):
    """A real 1-bit PNG of `width` × `height` white pixels (400 megapixels by default) that
    packs into some 50 KB: written chunk by chunk, never held as an image."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    line = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte, then the pixels
    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(line * 500) for _ in range(height // 500))
    packed += packer.compress(line * (height % 500)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", packed) + chunk(b"IEND", b"")
    )


def jpeg_with_exif(size=(40, 20), *, orientation=6, gps=True, comment=b"Almaty, Abay 5"):
    """A JPEG whose EXIF says how it is turned, where it was taken and with what camera,
    with a comment: what an upload must not keep."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: 6 = the camera was turned, rotate 90°
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    if gps:
        exif[0x8825] = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 54.0, 10.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=comment)
    return buffer.getvalue()
