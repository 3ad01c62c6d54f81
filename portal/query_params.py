"""Record ids read from a query string, whatever a hand-typed or garbled URL holds.

`str.isdigit()` is true for "²" and other digits `int()` refuses, and twenty nines pass
it too but overflow every integer column (SQLite and PostgreSQL answer with an error, not
with "no such row"). A view reading an id from `request.GET` asks here instead:

    parse_id("42"), parse_id(42) → 42
    parse_id("²"), parse_id("-1"), parse_id("0"), parse_id("9" * 20), parse_id(None) → None
    id_or_404("²") → Http404; id_or_404("42") → 42
"""

from django.http import Http404

# The largest value of a bigint column (the ids: DEFAULT_AUTO_FIELD is BigAutoField).
BIGINT_MAX = 2**63 - 1


def parse_id(value) -> int | None:
    """A positive id written in ASCII digits (or given as an int) that fits a bigint column,
    or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = value if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(BIGINT_MAX)):
        return None
    number = int(text)
    return number if 0 < number <= BIGINT_MAX else None


def id_or_404(value) -> int:
    """The id `value` names; a 404 for anything that cannot name a record."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number
