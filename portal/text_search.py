"""Searching names whatever their case, on every database."""

import functools
import operator

from django.db import connection
from django.db.models import Q


def text_contains(fields, text, *, max_words=3):
    """Every word of `text` in one of `fields`, whatever its case.

    SQLite folds case for ASCII letters only, so Cyrillic and Kazakh words are also
    looked for as typed in lower case, capitalised and in capitals. PostgreSQL folds
    every letter, so there each word is one `UPPER(field) LIKE` per field, which the
    trigram indexes on UPPER(field) answer (portal.pg_indexes).
    """
    condition = Q()
    folds_case = connection.vendor == "postgresql"
    for word in text.split()[:max_words]:
        variants = {word} if folds_case else {word, word.lower(), word.capitalize(), word.upper()}
        condition &= functools.reduce(
            operator.or_,
            (Q(**{f"{field}__icontains": v}) for field in fields for v in sorted(variants)),
        )
    return condition
