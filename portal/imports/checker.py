"""One checker for every import: each row of the file checked, each bad one reported with
its row number and reasons, the good ones collected. Nothing is written.

An import subclasses `Checker`, names its `columns` and plugs in its rules:

* `prepare(rows)` reads what the rows need from the database, once for the whole file
  (for example the beats the file names);
* `check_row(row)` holds the rules of one row: it fills `row.data`, refuses the row with
  `row.refuse(code, **params)` or marks it `row.skip` (nothing to import, nothing wrong);
* `check_across(rows)` holds the rules over the whole file: a value repeated in the
  file (`mark_repeats`), a record that already exists (one query for all the rows);
* `good(row)` and `bad(row)` say what the result keeps of a good and of a bad row.

The reasons stay (code, params) and are translated when shown, in the reader's language.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace

from django.utils import timezone

from portal.imports.columns import CellError, Columns
from portal.tabular import cell_text


@dataclass
class Row:
    number: int  # the row number as a spreadsheet shows it
    raw: dict  # column key → the cell as read
    data: dict = field(default_factory=dict)  # clean values
    reasons: list = field(default_factory=list)  # [(code, params)]
    skip: bool = False  # left out without a reason (a row with nothing to import)

    def refuse(self, code, **params):
        self.reasons.append((code, params))


@dataclass
class BadRow:
    row: int
    reasons: list  # [(code, params)]
    cells: dict = field(default_factory=dict)  # what the report shows of the row

    def as_dict(self):
        return {"row": self.row, "reasons": self.reasons, "cells": self.cells}


@dataclass
class CheckResult:
    total: int = 0
    good: list = field(default_factory=list)
    bad: list = field(default_factory=list)  # BadRow
    skipped: list = field(default_factory=list)  # row numbers

    @property
    def writable(self) -> int:
        """How many records the apply would write or change."""
        return len(self.good)

    def plan(self):
        """What the user confirms by applying: the bad and skipped rows and how many good."""
        return {
            "good": len(self.good),
            "bad": [bad.as_dict() for bad in self.bad],
            "skipped": self.skipped,
        }

    @property
    def fingerprint(self) -> str:
        """The apply writes only when a fresh check still gives this."""
        text = json.dumps(self.plan(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def without_good_rows(self):
        return replace(self, good=[])


class Checker:
    columns: Columns
    result_class = CheckResult
    progress_every = 500  # rows between two progress reports

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def check(self, header, rows, progress=None) -> CheckResult:
        """Every row of (header, rows) as `portal.tabular.read_table` gives them.

        Raises ImportFileError when the header lacks a column; `progress(n)` is called
        every `progress_every` rows and at the end."""
        index = self.columns.map(header)
        checked = [
            Row(number, {key: values[i] if i < len(values) else None for key, i in index.items()})
            for number, values in rows
        ]
        self.prepare(checked)
        for position, row in enumerate(checked, start=1):
            self.check_row(row)
            if progress and position % self.progress_every == 0:
                progress(position)
        self.check_across(checked)
        result = self.result_class(total=len(checked))
        for row in checked:
            if row.reasons:
                result.bad.append(self.bad(row))
            elif row.skip:
                result.skipped.append(row.number)
            else:
                result.good.append(self.good(row))
        if progress:
            progress(len(checked))
        return result

    # --- the rules an import plugs in ---------------------------------------------------

    def prepare(self, rows):
        """Read what the rows need, in a fixed number of queries."""

    def check_row(self, row):
        raise NotImplementedError

    def check_across(self, rows):
        """Rules over the whole file, after every row has been checked."""

    def good(self, row):
        return row.data

    def bad(self, row) -> BadRow:
        cells = {key: cell_text(value)[:100] for key, value in row.raw.items()}
        return BadRow(row.number, row.reasons, cells)

    # --- helpers for the rules ----------------------------------------------------------

    def value(self, row, key):
        """The clean value of the row's cell in column `key`: its text, or what the
        column's parser makes of it; None when the cell is refused.

        An empty cell is refused unless the column allows it (then it gives "", or None
        for a column with a parser); a text longer than the column's limit and a cell its
        parser refuses are refused with their reasons."""
        column = self.columns[key]
        cell = row.raw.get(key)
        text = cell_text(cell)
        if not text:
            if not column.blank:
                row.refuse("required", column=key)
            return "" if column.blank and column.parse is None else None
        if column.max_length and len(text) > column.max_length:
            row.refuse("too_long", column=key, limit=column.max_length)
            return None
        if column.parse is None:
            return text
        try:
            return column.parse(cell)
        except CellError as error:
            row.refuse(error.code, **error.params)
            return None

    @staticmethod
    def mark_repeats(rows, key_of, code="duplicate_in_file"):
        """Refuse every row whose key (None: no key) repeats an earlier row's, naming the
        row it repeats."""
        first = {}
        for row in rows:
            key = key_of(row)
            if key is None:
                continue
            if key in first:
                row.refuse(code, row=first[key])
            else:
                first[key] = row.number
