"""Ids read from a query string: only ASCII digits that fit a bigint name a record."""

import pytest
from django.http import Http404

from portal.query_params import BIGINT_MAX, id_or_404, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        ("007", 7),
        (42, 42),
        (str(BIGINT_MAX), BIGINT_MAX),
        (str(BIGINT_MAX + 1), None),  # past every id column
        ("99999999999999999999", None),
        ("9" * 5000, None),  # past what int() converts
        ("0", None),
        ("-1", None),
        (-1, None),
        ("", None),
        (None, None),
        (True, None),
        ("²", None),  # str.isdigit() is true, int() refuses it
        ("٤٢", None),  # Arabic-Indic digits: int() takes them, an id is ASCII
        (" 42", None),
        ("4 2", None),
        ("42\x00", None),
        ("1e9", None),
        ("1.0", None),
        (["42"], None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_id_or_404():
    assert id_or_404("42") == 42
    for value in ("²", "0", "", None, "99999999999999999999"):
        with pytest.raises(Http404):
            id_or_404(value)
