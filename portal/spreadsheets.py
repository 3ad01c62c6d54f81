"""Cells of exported CSV/XLSX files that no spreadsheet runs as a formula."""

import datetime
import numbers

# A cell starting with one of these is taken for a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """Numbers, dates and empty cells unchanged; anything else as text, prefixed with an
    apostrophe when it would start a formula."""
    if value is None or isinstance(value, numbers.Number | datetime.date):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded(text: str) -> str:
    """A text cell as `safe_cell` wrote it, without the apostrophe put before a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
