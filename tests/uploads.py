"""Files a user uploads: tables for an import as CSV (semicolons, UTF-8) or XLSX bytes, and
images."""

import csv
import io

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
