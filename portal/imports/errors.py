"""What can go wrong with an import as a whole, and the messages for it.

Reasons are kept as (code, params) in the job and translated when shown, in the reader's
language; a param named `column` or `columns` holds column keys and is shown as labels.
"""

from django.utils.translation import gettext_lazy as _

from portal.tabular import TableFileError

# Problems with the whole file; nothing is checked row by row.
FILE_ERRORS = {
    "too_large": _("The file is larger than %(limit)s MB."),
    "unknown_type": _("Upload a CSV (UTF-8) or an XLSX file."),
    "not_utf8": _("The CSV file is not in UTF-8: save it as “CSV UTF-8” and upload it again."),
    "unreadable": _("The file cannot be read as a spreadsheet."),
    "empty": _("The file has no rows under its header."),
    "missing_columns": _("The file has no column for: %(columns)s."),
    "duplicate_columns": _("The file has more than one column for: %(columns)s."),
    "too_many_rows": _("The file has more than %(limit)s rows: split it into several files."),
    # The limits of portal.tabular: checked before the file is parsed, and while it is read.
    "too_many_columns": _(
        "The file has %(width)s columns; at most %(limit)s are accepted. Delete the "
        "columns the import does not need."
    ),
    "too_many_cells": _("The file has more than %(limit)s cells: split it into several files."),
    "line_too_long": _("Line %(line)s of the file is longer than %(limit)s characters."),
    "unpacked_too_large": _(
        "Unpacked, the file takes %(size)s MB; at most %(limit)s MB are accepted."
    ),
    "packed_too_tightly": _(
        "A part of the file (%(part)s) unpacks to %(ratio)s times its packed size; at most "
        "%(limit)s times is accepted, so the file is not read."
    ),
    "part_too_large": _(
        "A part of the file (%(part)s) unpacks to %(size)s MB; at most %(limit)s MB are accepted."
    ),
    "other_sheet_too_large": _(
        "Another sheet of the file (%(part)s) unpacks to %(size)s MB; sheets other than the "
        "first may take at most %(limit)s MB. Delete them or save the first sheet alone."
    ),
}

# How a job can end without writing; an import may word "changed" and "conflict" its own way.
JOB_ERRORS = {
    "changed": _(
        "The data have changed since the check: nothing was written. Look at the new check "
        "and confirm again."
    ),
    "conflict": _(
        "Someone saved some of the same records while the import ran: nothing was written. "
        "Look at the new check and confirm again."
    ),
    "failed": _("The import failed unexpectedly: nothing was written."),
    "expired": _("The uploaded file is no longer kept: upload it again."),
    "stalled": _(
        "The import stopped without finishing (the server may have restarted): nothing was "
        "written. Upload the file again."
    ),
    "timeout": _(
        "The import took longer than %(minutes)s minutes and was stopped: nothing was "
        "written. Split the file into smaller ones."
    ),
    "cancelled": _("The import was cancelled: nothing was written."),
    "not_started": _(
        "The import could not be started (the task queue does not answer): nothing was "
        "written. Try again in a few minutes."
    ),
}


class ImportFileError(TableFileError):
    """A file refused as a whole; `str()` is the message in the active language."""

    def __init__(self, code, columns=None, **params):
        if columns is not None:
            params["columns"] = columns
        super().__init__(code, **params)
        self.column_set = None  # set by the import that raised it, for column labels

    def __str__(self):
        return message(self.code, self.params, columns=self.column_set)


class Conflict(Exception):
    """The database refused the write (someone saved the same record first); nothing was
    written."""


def message(code, params=None, *, columns=None, messages=None) -> str:
    """The translated text of a reason or an error; `messages` are the import's own."""
    params = dict(params or {})
    if columns is not None:
        if params.get("column") in columns.by_key:
            params["column"] = columns.label(params["column"])
        if "columns" in params:
            params["columns"] = ", ".join(columns.label(key) for key in params["columns"])
    text = (messages or {}).get(code) or FILE_ERRORS.get(code) or JOB_ERRORS.get(code) or code
    return str(text) % params if params else str(text)
