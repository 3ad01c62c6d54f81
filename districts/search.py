"""Finding a beat from what a resident types: a street (Russian or Kazakh, in Cyrillic or in
Latin letters, with a typo or two), a house, a number.

Every street name is stored with a *search key*: the name without street-kind words,
spelled in a reduced Latin alphabet that Russian-style romanisation ("Zheltoksan",
"Abay"), the Kazakh Latin alphabets (2021: "Jeltoqsan", "Şevçenko"; 2018 with acute
accents; 2017 with apostrophes: "S'evc'enko") and Cyrillic with or without the Kazakh
letters all reduce to: "Желтоқсан", "Желтоксан", "Zheltoksan", "Jeltoqsan" → "jeltoksan".
The query is reduced the same way, so matching is a comparison of two keys: equal, a prefix,
a word inside, or a few edits apart (`match_rank`).
"""

import re
import unicodedata

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
# The same words as residents type them in Latin letters (English ones too); compared as keys.
LATIN_STREET_WORDS = {
    "ulitsa",
    "prospekt",
    "prospect",
    "avenue",
    "ave",
    "street",
    "str",
    "st",
    "lane",
    "boulevard",
    "blvd",
    "bulvar",
    "microdistrict",
    "mikrorayon",
    "koshesi",
    "dangyly",
    "dangily",
}

# Abbreviations with a hyphen would otherwise split into meaningless pieces.
_HYPHENATED_WORDS = re.compile(r"(?<!\w)(?:пр-т|пр-кт|б-р|ш\.?)(?!\w)")
_SPLIT = re.compile(r"[^\w]+", re.UNICODE)

# Residents often type Kazakh names without Kazakh letters: "Толе би" for "Төле би".
FOLD_KAZAKH = str.maketrans("әғқңөұүһіё", "агкноуухие")

# Apostrophes as typed after a Latin letter (the 2017 Kazakh alphabet: s' = ш, c' = ч,
# y' = ү; a', o', u', g', n', i' are ә, ө, ұ, ғ, ң, и) or for ь / ъ ("Zhel'toksan").
_APOSTROPHES = "'’ʼ‘`´ʻ"
_LATIN_APOSTROPHE = re.compile(f"([scy])[{_APOSTROPHES}]")
_APOSTROPHE_TO = {"s": "sh", "c": "ch", "y": "u"}
_ANY_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")

# One table for every letter that has to become Latin: Russian and Kazakh Cyrillic (Kazakh
# letters to their nearest Russian sound), and the Latin letters that Unicode decomposition
# would fold wrongly (ş is sh, not s; ý is ү in the 2018 alphabet, not й).
_TO_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхыэ", "abvgdeziiklmnoprstufhie", strict=True)),
        **dict(zip("әғқңөұүһіё", "agknouuhie", strict=True)),
        "ж": "j",
        "ц": "c",
        "ч": "ch",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ь": "",
        "ю": "iu",
        "я": "ia",
        "ş": "sh",
        "ç": "ch",
        "ı": "i",
        "ý": "u",
    }
)
# Romanisation habits reduced to one spelling: zh/dzh/j, kh/h, ts/c, y/i, q/k, w/u.
_DIGRAPHS = [
    ("shch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ts", "c"),
    ("x", "ks"),
]
_LETTERS = str.maketrans("yqw", "iku")
_NOT_KEY = re.compile(r"[^a-z0-9 ]+")
_REPEATED = re.compile(r"(.)\1+")


def normalize(text):
    """Lower-case, fold Kazakh letters and ё, read apostrophes, drop punctuation and
    street-kind words.

    'ул. Абая' → 'абая', 'Төле би көшесі' → 'толе би', "S'evc'enko" → 'shevchenko'.
    """
    text = _HYPHENATED_WORDS.sub(" ", (text or "").casefold())
    text = _LATIN_APOSTROPHE.sub(lambda m: _APOSTROPHE_TO[m.group(1)], text)
    text = _ANY_APOSTROPHE.sub("", text)
    words = _SPLIT.split(text)
    words = [w for w in words if w and w not in STREET_WORDS]
    return " ".join(words).translate(FOLD_KAZAKH)


def _latin(word):
    """One word in the reduced Latin alphabet: 'желтоқсан' → 'jeltoksan', 'abay' → 'abai'."""
    word = unicodedata.normalize("NFKD", word.translate(_TO_LATIN))
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    # Doubled letters come and go in romanisation: "Kassymov", "Сейфуллина".
    return _REPEATED.sub(r"\1", _NOT_KEY.sub("", word.translate(_LETTERS)))


_STREET_WORD_KEYS = {_latin(w) for w in STREET_WORDS | LATIN_STREET_WORDS}


def search_key(text):
    """The search key of a street name or a query: 'ул. Желтоксан' → 'jeltoksan',
    'Jeltoqsan' → 'jeltoksan', 'Абай даңғылы' → 'abai', 'просп. Абая' → 'abaia'."""
    words = (_latin(w) for w in normalize(text).split())
    return " ".join(w for w in words if w and w not in _STREET_WORD_KEYS)


# "Абая 45", "Абая, д. 45а", "Абай 45 үй", "Abaya 120/1", "Абая 120 а": the house follows a space
# or comma, not a hyphen (so "Аксай-2" stays a microdistrict name).
_LETTER = r"[а-яәғқңөұүһіa-z]"
_STREET_AND_HOUSE = re.compile(
    rf"^(?P<street>.*?\w)[\s,]+(?:д\.?|дом|үй)?\s*"
    rf"(?P<house>\d+(?:\s?{_LETTER})?(?:\s*/\s*\d+{_LETTER}?)?)(?:\s+үй)?$",
    re.IGNORECASE,
)


def split_query(query):
    """Split 'Абая 45а' into the normalised street and an optional house number."""
    match = _STREET_AND_HOUSE.match((query or "").strip())
    if not match:
        return normalize(query), None
    house = re.sub(r"\s", "", match.group("house")).casefold().translate(FOLD_KAZAKH)
    return normalize(match.group("street")), house


def beat_number(query):
    """'7', '№ 7' or 'участок 7' → 7; anything else → None."""
    match = re.fullmatch(r"\s*(?:№|n|no\.?|участок|учаскесі)?\s*(\d{1,4})\s*", query.casefold())
    return int(match.group(1)) if match else None


def typo_allowance(key):
    """How many edits a key may be from a street's key and still find it: none for short keys
    (too many streets are that close), one from 4 letters, two from 8 ('жултоксн' finds
    Желтоксан)."""
    length = len(key.replace(" ", ""))
    return 0 if length < 4 else 1 if length < 8 else 2


EXACT, PREFIX, WORD, FUZZY = range(4)


def match_rank(key, name_key):
    """How well a query key finds a street key: (EXACT | PREFIX | WORD | FUZZY, edits), or None.

    EXACT: the same street; PREFIX: the street's name starts with it ('abai' → 'abaia');
    WORD: a word of the name starts with it ('batira' → 'kabanbai batira'); FUZZY: within
    `typo_allowance` edits of the whole name or of its first words.
    """
    if not key or not name_key:
        return None
    if name_key == key:
        return (EXACT, 0)
    if name_key.startswith(key):
        return (PREFIX, 0)
    if f" {key}" in f" {name_key}":
        return (WORD, 0)
    allowance = typo_allowance(key)
    if not allowance:
        return None
    edits = edit_distance(key, name_key, allowance)
    first_words = " ".join(name_key.split()[: key.count(" ") + 1])
    if edits and first_words != name_key:
        edits = min(edits, edit_distance(key, first_words, allowance))
    return (FUZZY, edits) if edits <= allowance else None


def edit_distance(a, b, bound):
    """Edits (insert, delete, substitute, swap two neighbours) from a to b, or bound + 1 as
    soon as it is certain to exceed `bound`; only a band of 2 × bound + 1 cells per row is
    computed, so a long key costs no more than a short one."""
    # Cheap certainties first: each edit changes the length by one at most, and the set of
    # letters used by two at most (a substitution takes one letter away and brings another).
    if abs(len(a) - len(b)) > bound or len(set(a).symmetric_difference(b)) > 2 * bound:
        return bound + 1
    over = bound + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        letter = a[i - 1]
        current = [over] * (len(b) + 1)
        current[0] = row_best = min(i, over)
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            cell = previous[j - 1] + (letter != b[j - 1])
            if previous[j] < cell:
                cell = previous[j] + 1
            if current[j - 1] < cell:
                cell = current[j - 1] + 1
            # Two neighbours swapped: "жетлоксан".
            swapped = j > 1 and i > 1 and letter == b[j - 2] and a[i - 2] == b[j - 1]
            if swapped and before[j - 2] < cell:
                cell = before[j - 2] + 1
            current[j] = cell if cell < over else over
            if cell < row_best:
                row_best = cell
        if row_best > bound:
            return over
        before, previous = previous, current
    return previous[len(b)]
