import datetime
from decimal import Decimal

import pytest

from portal.spreadsheets import safe_cell, unguarded


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\n=1", "plain"])
def test_text_that_would_start_a_formula_is_quoted(value):
    text = safe_cell(value)
    assert text == (value if value == "plain" else "'" + value)


@pytest.mark.parametrize("value", [None, 0, -3, 2.5, Decimal("-1.5"), datetime.date(2026, 1, 1)])
def test_numbers_dates_and_empty_cells_stay_as_they_are(value):
    assert safe_cell(value) is value


def test_other_objects_become_text():
    class Named:
        def __str__(self):
            return "=cmd()"

    assert safe_cell(Named()) == "'=cmd()"


@pytest.mark.parametrize("value", ["+7 701 123 45 67", "=1+1", "-", "plain", "'quoted", "'"])
def test_a_guarded_cell_reads_back_as_it_was(value):
    assert unguarded(safe_cell(value)) == value
