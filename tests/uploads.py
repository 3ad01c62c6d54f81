"""Tables as the files a user uploads to an import: CSV (semicolons, UTF-8) or XLSX bytes."""

import csv
import io

from openpyxl import Workbook


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
