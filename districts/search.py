"""Finding a beat from what a resident types: a street (Russian or Kazakh), a house, a number.

Matching is done on a normalised key rather than with the database's
case-insensitive lookups, because SQLite folds case for ASCII letters only.
"""

import re

# Words that name the kind of street in Russian and Kazakh; residents may or may not type them.
STREET_WORDS = {
    "ул",
    "улица",
    "пр",
    "пр-т",
    "просп",
    "проспект",
    "пер",
    "переулок",
    "бул",
    "бульвар",
    "мкр",
    "микрорайон",
    "шоссе",
    "тракт",
    "площадь",
    "көшесі",
    "көш",
    "даңғылы",
    "даңғ",
    "шағын",
    "шағынаудан",
    "ауданы",
    "аудан",
    "тұйығы",
    "бульвары",
    "шоссесі",
    "алаңы",
    "қиылысы",
}

# Abbreviations with a hyphen would otherwise split into meaningless pieces.
_HYPHENATED_WORDS = re.compile(r"(?<!\w)(?:пр-т|пр-кт|б-р|ш\.?)(?!\w)")
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)


# Residents often type Kazakh names without Kazakh letters: "Толе би" for "Төле би".
FOLD_KAZAKH = str.maketrans("әғқңөұүһіё", "агкноуухие")


def normalize(text):
    """Lower-case, fold Kazakh letters and ё, drop punctuation and street-kind words.

    'ул. Абая' → 'абая', 'Төле би көшесі' → 'толе би'.
    """
    text = _HYPHENATED_WORDS.sub(" ", (text or "").casefold())
    words = _SPLIT.split(text)
    words = [w for w in words if w and w not in STREET_WORDS]
    return " ".join(words).translate(FOLD_KAZAKH)


# "Абая 45", "Абая, д. 45а", "Абай 45 үй": the house follows a space or comma, not a hyphen
# (so "Аксай-2" stays a microdistrict name).
_STREET_AND_HOUSE = re.compile(
    r"^(?P<street>.*?\w)[\s,]+(?:д\.?|дом|үй)?\s*(?P<house>\d+\s?[а-яәғқңөұүһіa-z]?)(?:\s+үй)?$",
    re.IGNORECASE,
)


def split_query(query):
    """Split 'Абая 45а' into the normalised street and an optional house number."""
    match = _STREET_AND_HOUSE.match((query or "").strip())
    if not match:
        return normalize(query), None
    house = match.group("house").replace(" ", "").casefold().translate(FOLD_KAZAKH)
    return normalize(match.group("street")), house


def beat_number(query):
    """'7', '№ 7' or 'участок 7' → 7; anything else → None."""
    match = re.fullmatch(r"\s*(?:№|n|no\.?|участок|учаскесі)?\s*(\d{1,4})\s*", query.casefold())
    return int(match.group(1)) if match else None
