"""Offence statistics: quarters, writing values with history, and the import from CSV/XLSX.

Writing (`write_values`): every value of a request or an import is written in ONE
transaction — created, changed or (for a blank value typed by hand) removed — with a
history row per change whose user is the person who made it. Unchanged values are not
touched, so the history shows real changes only.

The import is two steps:

1. **Dry run** (`check_file`): every row is checked and each bad one is listed with its
   row number and reasons (unknown beat, beat outside the user's scope, unknown category,
   bad year or quarter, a future quarter, a negative or non-integer count, a row that
   repeats an earlier one); the good rows are summed up as new values and changed values
   (old → new). Nothing is written.
2. **Apply** (`apply_upload`): the file is checked again and, when the plan is still the
   one the user saw (its fingerprint), the good rows are written in one transaction.

Between the steps the uploaded content lives in the Django cache for an hour under a
random id bound to the user (the user's primary key is part of the cache key, so another
user's id finds nothing). Beats, categories and existing values are read up front in a
fixed number of queries, never per row.
"""

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from districts.checklist import Cadence, period_of, previous_period
from districts.models import Beat
from portal import policy, tabular
from portal.tabular import TableFileError, cell_text
from reports.models import OffenceCategory, OffenceStatistic

MIN_YEAR = 2000
MAX_COUNT = 1_000_000  # far above any beat's quarter; catches a typed-in extra digit or two
UPLOAD_TTL = 60 * 60  # the uploaded file is kept for an hour between the two steps
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
CACHE_PREFIX = "statistics-import"
TEMPLATE_MAX_BEATS = 50  # beats pre-filled in the template file


# --- quarters -----------------------------------------------------------------------------


def quarter_of(day) -> tuple[int, int]:
    start = period_of(Cadence.QUARTERLY, day).start
    return start.year, (start.month - 1) // 3 + 1


def current_quarter(today=None) -> tuple[int, int]:
    return quarter_of(today or timezone.localdate())


def last_completed_quarter(today=None) -> tuple[int, int]:
    """The quarter before the running one: what a report is written about."""
    return quarter_of(previous_period(Cadence.QUARTERLY, today or timezone.localdate()).start)


def is_future(year, quarter, today=None) -> bool:
    """Whether the quarter has not started yet (the running quarter may be entered)."""
    return (year, quarter) > current_quarter(today)


# --- writing ------------------------------------------------------------------------------


class WriteConflict(Exception):
    """Another request saved one of the same values meanwhile; nothing was written."""


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.created + self.updated + self.deleted


def _existing(keys, *, lock=False) -> dict:
    """{(beat_id, category_id, year, quarter): OffenceStatistic} for `keys`, in one query."""
    keys = set(keys)
    if not keys:
        return {}
    queryset = OffenceStatistic.objects.filter(
        beat_id__in={k[0] for k in keys},
        category_id__in={k[1] for k in keys},
        year__in={k[2] for k in keys},
        quarter__in={k[3] for k in keys},
    ).order_by()
    if lock:
        queryset = queryset.select_for_update()
    found = {}
    for obj in queryset:
        key = (obj.beat_id, obj.category_id, obj.year, obj.quarter)
        if key in keys:
            found[key] = obj
    return found


def write_values(user, values: dict, *, reason="") -> WriteResult:
    """Write {(beat_id, category_id, year, quarter): count or None} in ONE transaction.

    A count creates or changes the value (an update-or-create keyed by the unique beat,
    category and quarter); None removes an existing value ("no data"). Each change leaves
    a history row with `user` and `reason`. Raises WriteConflict, with nothing written,
    when a concurrent request created one of the same values first.
    """
    result = WriteResult()
    reason = (reason or "")[:100] or None
    try:
        with transaction.atomic():
            existing = _existing(values, lock=True)
            to_create, to_update, to_delete = [], [], []
            for key, count in values.items():
                obj = existing.get(key)
                if count is None:
                    if obj is not None:
                        to_delete.append(obj)
                    else:
                        result.unchanged += 1
                elif obj is None:
                    beat_id, category_id, year, quarter = key
                    to_create.append(
                        OffenceStatistic(
                            beat_id=beat_id,
                            category_id=category_id,
                            year=year,
                            quarter=quarter,
                            count=count,
                        )
                    )
                elif obj.count != count:
                    obj.count = count
                    to_update.append(obj)
                else:
                    result.unchanged += 1
            if to_create:
                bulk_create_with_history(
                    to_create,
                    OffenceStatistic,
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            if to_update:
                bulk_update_with_history(
                    to_update,
                    OffenceStatistic,
                    ["count"],
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
            for obj in to_delete:
                obj._history_user = user
                obj._change_reason = reason
                obj.delete()
    except IntegrityError as exc:
        raise WriteConflict from exc
    result.created, result.updated, result.deleted = len(to_create), len(to_update), len(to_delete)
    return result


def quarter_values(beat, year, quarter) -> tuple[dict, dict]:
    """({category_id: count} of the quarter, {category_id: count} of the same quarter a
    year earlier (АППГ)), in one query."""
    current, previous = {}, {}
    rows = OffenceStatistic.objects.filter(
        beat=beat, quarter=quarter, year__in=[year, year - 1]
    ).values_list("category_id", "year", "count")
    for category_id, row_year, count in rows:
        (current if row_year == year else previous)[category_id] = count
    return current, previous


def save_quarter(user, beat, year, quarter, counts: dict) -> WriteResult:
    """The hand-entry form: {category: count or None} of one beat and quarter."""
    values = {(beat.pk, category.pk, year, quarter): count for category, count in counts.items()}
    return write_values(user, values, reason="Entered by hand")


# --- the columns of the file --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translated name for the page
    header: str  # the name in the template file
    aliases: tuple  # accepted header names (Russian, Kazakh, English)


def _norm(value) -> str:
    """Lower case, ё → е, punctuation and runs of blanks → one space."""
    text = str(value if value is not None else "").casefold().replace("ё", "е")
    text = re.sub(r"[_\-.,:;*№#\"'«»()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


COLUMNS = (
    Column(
        "beat",
        _("Beat"),
        "Участок / beat",
        (
            "участок",
            "административный участок",
            "код участка",
            "номер участка",
            "учаске",
            "әкімшілік учаске",
            "учаске коды",
            "учаске нөмірі",
            "beat",
            "beat code",
            "beat number",
        ),
    ),
    Column("year", _("Year"), "Год / year", ("год", "жыл", "year")),
    Column("quarter", _("Quarter"), "Квартал / quarter", ("квартал", "тоқсан", "quarter")),
    Column(
        "category",
        _("Category"),
        "Категория / category",
        (
            "категория",
            "вид правонарушения",
            "вид преступления",
            "санат",
            "құқық бұзушылық түрі",
            "category",
            "offence category",
            "offence",
        ),
    ),
    Column(
        "count",
        _("Count"),
        "Количество / count",
        (
            "количество",
            "кол во",
            "число",
            "зарегистрировано",
            "саны",
            "тіркелді",
            "count",
            "number",
            "registered offences",
        ),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_ALIASES = {_norm(alias): column.key for column in COLUMNS for alias in column.aliases}
_ALIASES.update({_norm(column.key): column.key for column in COLUMNS})


# --- reasons ------------------------------------------------------------------------------

# Row reasons are kept as (code, params) and translated when shown, in the reader's language.
REASONS = {
    "required": _("%(column)s: a value is required."),
    "unknown_beat": _("There is no beat “%(value)s”."),
    "foreign_beat": _(
        "The beat “%(value)s” is outside your scope: you may import only your beats."
    ),
    "ambiguous_beat": _("Several of your beats have the number %(value)s: give the beat code."),
    "bad_year": _("“%(value)s” is not a year."),
    "early_year": _("The year %(value)s is before %(limit)s: statistics are kept from %(limit)s."),
    "bad_quarter": _("“%(value)s” is not a quarter: use 1, 2, 3 or 4."),
    "future_quarter": _("Quarter %(quarter)s of %(year)s has not begun yet."),
    "unknown_category": _("Unknown offence category “%(value)s”."),
    "inactive_category": _("The category “%(value)s” is no longer in use."),
    "bad_count": _("The count “%(value)s” is not a whole number."),
    "negative_count": _("The count cannot be negative (%(value)s)."),
    "large_count": _("The count %(value)s is larger than %(limit)s: check it for a typing error."),
    "duplicate_in_file": _(
        "This beat, quarter and category repeat row %(row)s of the file: keep one of the rows."
    ),
}

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
}


def reason_text(code, params=None) -> str:
    params = dict(params or {})
    if params.get("column") in COLUMN_BY_KEY:
        params["column"] = str(COLUMN_BY_KEY[params["column"]].label)
    if "columns" in params:
        params["columns"] = ", ".join(
            str(COLUMN_BY_KEY[key].label) if key in COLUMN_BY_KEY else key
            for key in params["columns"]
        )
    message = REASONS.get(code) or FILE_ERRORS.get(code) or code
    return str(message) % params if params else str(message)


class ImportFileError(TableFileError):
    def __str__(self):
        return reason_text(self.code, self.params)


# --- reading the file ---------------------------------------------------------------------


def read_table(content: bytes, filename: str = "") -> tuple[list, list]:
    """(header, rows) of the uploaded file; raises ImportFileError (see portal.tabular)."""
    return tabular.read_table(
        content, filename, max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS, error=ImportFileError
    )


def map_columns(header) -> dict:
    """{column key: index in the row}. A header may name a column in two languages:
    “Участок / beat”. Raises ImportFileError when a column is missing or repeated."""
    found = {}
    duplicates = set()
    for index, name in enumerate(header):
        text = cell_text(name)
        keys = {_ALIASES.get(_norm(part)) for part in [text, *text.split("/")]}
        keys.discard(None)
        for key in keys:
            if key in found:
                duplicates.add(key)
            found[key] = index
    if duplicates:
        raise ImportFileError("duplicate_columns", columns=sorted(duplicates))
    missing = [c.key for c in COLUMNS if c.key not in found]
    if missing:
        raise ImportFileError("missing_columns", columns=missing)
    return found


# --- checking rows ------------------------------------------------------------------------


@dataclass
class BadRow:
    row: int
    values: dict  # column key → the cell as text, for the report
    reasons: list  # [(code, params)]


@dataclass
class GoodRow:
    row: int
    key: tuple  # (beat_id, category_id, year, quarter)
    beat: str
    category: str
    year: int
    quarter: int
    old: int | None
    new: int

    @property
    def status(self):
        if self.old is None:
            return "new"
        return "same" if self.old == self.new else "changed"


@dataclass
class CheckResult:
    total: int = 0
    good: list = field(default_factory=list)  # GoodRow
    bad: list = field(default_factory=list)  # BadRow
    skipped: list = field(default_factory=list)  # row numbers without a count

    @property
    def new(self):
        return [row for row in self.good if row.status == "new"]

    @property
    def changed(self):
        return [row for row in self.good if row.status == "changed"]

    @property
    def unchanged(self):
        return [row for row in self.good if row.status == "same"]

    @property
    def fingerprint(self) -> str:
        """What the user confirms: every good row with its old and new value, every bad
        and skipped row. The apply writes only when the check still gives the same."""
        plan = {
            "good": [[r.row, list(r.key), r.old, r.new] for r in self.good],
            "bad": [[r.row, [code for code, _params in r.reasons]] for r in self.bad],
            "skipped": self.skipped,
        }
        return hashlib.sha256(json.dumps(plan, sort_keys=True).encode()).hexdigest()

    def values(self) -> dict:
        return {row.key: row.new for row in self.good}


ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _integer(value):
    """An int from a cell (5, 5.0, "5", " 5 ", "5,0"), or None when it is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = cell_text(value).replace("\u00a0", "").replace(" ", "").replace("−", "-")
    match = re.fullmatch(r"([+-]?\d+)(?:[.,]0+)?", text)
    return int(match.group(1)) if match else None


def _quarter(value):
    text = _norm(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _integer(value)
        return number if number in (1, 2, 3, 4) else None
    text = re.sub(r"(квартал|тоқсан|quarter|кв|q)", " ", text).strip()
    text = re.sub(r"^(\d)\s*(й|ый|ий|ой|ші|шы|th|st|nd|rd)$", r"\1", text)
    if text in ROMAN_QUARTERS:
        return ROMAN_QUARTERS[text]
    number = _integer(text)
    return number if number in (1, 2, 3, 4) else None


class Checker:
    """Checks rows against the beats, categories and values read once up front."""

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()
        self.current = current_quarter(self.today)
        categories = list(OffenceCategory.objects.order_by("order", "code"))
        self.categories = {}
        for category in categories:
            names = [category.code]
            names += [getattr(category, f"name_{lang}", None) for lang in ("ru", "kk", "en")]
            names.append(category.name)
            for name in names:
                if name:
                    self.categories.setdefault(_norm(name), category)
        self.category_labels = {category.pk: str(category.name) for category in categories}

    def _load_beats(self, texts):
        """The user's beats by code and number; codes outside the scope, in three queries."""
        scope = list(
            policy.scoped(self.user, Beat.objects.all())
            .order_by()
            .values_list("pk", "code", "number")
        )
        self.scope_ids = {pk for pk, _code, _number in scope}
        self.beat_labels = {}
        self.by_code = {}
        self.by_number = {}
        for pk, code, number in scope:
            self.by_code[code.casefold()] = pk
            self.beat_labels[pk] = f"{code} (№ {number})"
            self.by_number.setdefault(number, []).append(pk)
        # Beats of the user's area that the user does not serve: "outside your scope".
        department_id = getattr(self.user, "department_id", None)
        self.area_numbers = set()
        if department_id and not self.user.is_administrator:
            self.area_numbers = set(
                Beat.objects.filter(police_point__department__area__departments=department_id)
                .exclude(pk__in=self.scope_ids)
                .order_by()
                .values_list("number", flat=True)
            )
        unknown = {t for t in texts if t.casefold() not in self.by_code}
        candidates = unknown | {t.casefold() for t in unknown}
        self.foreign_codes = set()
        if candidates:
            self.foreign_codes = {
                code.casefold()
                for code in Beat.objects.filter(code__in=candidates).values_list("code", flat=True)
            }

    def _beat(self, text):
        """(beat_id, None) or (None, reason)."""
        folded = text.casefold()
        if folded in self.by_code:
            return self.by_code[folded], None
        if folded in self.foreign_codes:
            return None, ("foreign_beat", {"value": text[:100]})
        match = re.fullmatch(r"(?:№|no\.?|n)?\s*(\d+)(?:[.,]0+)?", folded)
        if match:
            number = int(match.group(1))
            pks = self.by_number.get(number, [])
            if len(pks) == 1:
                return pks[0], None
            if len(pks) > 1:
                return None, ("ambiguous_beat", {"value": number})
            if number in self.area_numbers:
                return None, ("foreign_beat", {"value": text[:100]})
        return None, ("unknown_beat", {"value": text[:100]})

    def check(self, header, rows) -> CheckResult:
        columns = map_columns(header)

        def cell(values, key):
            index = columns[key]
            return values[index] if index < len(values) else None

        self._load_beats({cell_text(cell(values, "beat")) for _n, values in rows} - {""})
        result = CheckResult(total=len(rows))
        parsed = []
        for number, values in rows:
            raw = {key: cell(values, key) for key in columns}
            key, count, reasons = self._row(raw)
            parsed.append((number, raw, key, count, reasons))

        # The existing values of every quarter the file touches, in one query.
        existing = {
            k: obj.count for k, obj in _existing([p[2] for p in parsed if p[2] is not None]).items()
        }
        seen = {}
        for number, raw, key, count, reasons in parsed:
            blank = count is None and not reasons
            if key is not None and not blank:
                if key in seen:
                    reasons.append(("duplicate_in_file", {"row": seen[key]}))
                else:
                    seen[key] = number
            if reasons:
                texts = {k: cell_text(v)[:100] for k, v in raw.items()}
                result.bad.append(BadRow(number, texts, reasons))
            elif blank:
                result.skipped.append(number)
            else:
                beat_id, category_id, year, quarter = key
                result.good.append(
                    GoodRow(
                        row=number,
                        key=key,
                        beat=self.beat_labels[beat_id],
                        category=self.category_labels[category_id],
                        year=year,
                        quarter=quarter,
                        old=existing.get(key),
                        new=count,
                    )
                )
        return result

    def _row(self, raw):
        """(key or None, count or None, reasons) of one row."""
        reasons = []
        beat_id = category_id = year = quarter = None

        beat_text = cell_text(raw["beat"])
        if not beat_text:
            reasons.append(("required", {"column": "beat"}))
        else:
            beat_id, reason = self._beat(beat_text)
            if reason:
                reasons.append(reason)

        year_text = cell_text(raw["year"])
        if not year_text:
            reasons.append(("required", {"column": "year"}))
        else:
            year = _integer(raw["year"])
            if year is None or year > 9999 or year < 0:
                reasons.append(("bad_year", {"value": year_text[:20]}))
                year = None
            elif year < MIN_YEAR:
                reasons.append(("early_year", {"value": year, "limit": MIN_YEAR}))
                year = None

        quarter_text = cell_text(raw["quarter"])
        if not quarter_text:
            reasons.append(("required", {"column": "quarter"}))
        else:
            quarter = _quarter(raw["quarter"])
            if quarter is None:
                reasons.append(("bad_quarter", {"value": quarter_text[:20]}))
        if year is not None and quarter is not None and (year, quarter) > self.current:
            reasons.append(("future_quarter", {"year": year, "quarter": quarter}))
            year = None

        category_text = cell_text(raw["category"])
        if not category_text:
            reasons.append(("required", {"column": "category"}))
        else:
            category = self.categories.get(_norm(category_text))
            if category is None:
                reasons.append(("unknown_category", {"value": category_text[:100]}))
            elif not category.is_active:
                reasons.append(("inactive_category", {"value": str(category.name)}))
            else:
                category_id = category.pk

        count = None
        count_text = cell_text(raw["count"])
        if count_text:
            count = _integer(raw["count"])
            if count is None:
                reasons.append(("bad_count", {"value": count_text[:20]}))
            elif count < 0:
                reasons.append(("negative_count", {"value": count}))
                count = None
            elif count > MAX_COUNT:
                reasons.append(("large_count", {"value": count, "limit": MAX_COUNT}))
                count = None

        known = None not in (beat_id, category_id, year, quarter)
        key = (beat_id, category_id, year, quarter) if known else None
        return key, count, reasons


def check_file(user, content: bytes, filename: str = "", today=None) -> CheckResult:
    """The dry run: every row checked, nothing written. Raises ImportFileError."""
    header, rows = read_table(content, filename)
    return Checker(user, today=today).check(header, rows)


# --- uploads kept between the two steps ---------------------------------------------------


def _key(user, upload_id):
    return f"{CACHE_PREFIX}:{user.pk}:{upload_id}"


def store_upload(user, content: bytes, filename: str, upload_id=None) -> str:
    """Keep an upload for the user; returns its new random id (or keeps `upload_id`)."""
    upload_id = upload_id or secrets.token_urlsafe(24)
    cache.set(
        _key(user, upload_id),
        {"filename": filename[:200], "content": content},
        UPLOAD_TTL,
    )
    return upload_id


def load_upload(user, upload_id):
    """The user's upload ({filename, content}), or None: unknown, expired or another's."""
    if not (user.is_authenticated and isinstance(upload_id, str)):
        return None
    if not re.fullmatch(r"[\w-]{16,64}", upload_id):
        return None
    return cache.get(_key(user, upload_id))


def discard_upload(user, upload_id):
    cache.delete(_key(user, upload_id))


class PlanChanged(Exception):
    """The check now gives another plan than the one the user confirmed."""

    def __init__(self, result):
        super().__init__("plan changed")
        self.result = result


def apply_upload(user, upload, fingerprint, today=None) -> tuple[CheckResult, WriteResult]:
    """Check the upload again and write its good rows in ONE transaction.

    Raises ImportFileError, PlanChanged (nothing written) or WriteConflict.
    """
    with transaction.atomic():
        result = check_file(user, upload["content"], upload["filename"], today=today)
        if result.fingerprint != fingerprint:
            raise PlanChanged(result)
        written = write_values(user, result.values(), reason=f"Import: {upload['filename']}")
    return result, written
