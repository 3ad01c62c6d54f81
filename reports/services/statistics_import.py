"""Offence statistics: quarters, writing values with history, and the import from CSV/XLSX.

Writing (`write_values`): every value of a request or an import is written in ONE
transaction — created, changed or (for a blank value typed by hand) removed — with a
history row per change whose user is the person who made it. Unchanged values are not
touched, so the history shows real changes only.

The import (`STATISTICS`, on the import pipeline `portal.imports`) is two steps:

1. **Dry run**: every row is checked and each bad one is listed with its row number and
   reasons (unknown beat, beat outside the user's scope, unknown category, bad year or
   quarter, a future quarter, a negative or non-integer count, a row that repeats an
   earlier one); the good rows are summed up as new values and changed values
   (old → new). Nothing is written.
2. **Apply**: the file is checked again and, when the plan is still the one the user saw
   (its fingerprint), the good rows are written in one transaction.

Beats, categories and existing values are read up front in a fixed number of queries,
never per row.
"""

import copy
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from audit import record as audit
from districts.models import Beat
from portal import policy
from portal.imports.checker import Checker, CheckResult
from portal.imports.columns import CellError, Column, Columns, norm
from portal.imports.errors import Conflict
from portal.imports.spec import ImportSpec
from portal.periods import current_quarter
from portal.tabular import cell_text
from reports.models import OffenceCategory, OffenceStatistic

MIN_YEAR = 2000
MAX_COUNT = 1_000_000  # far above any beat's quarter; catches a typed-in extra digit or two
# Lower than the IMPORT_MAX_* settings: a file of statistics is a few hundred rows.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
TEMPLATE_MAX_BEATS = 50  # beats pre-filled in the template file


# --- quarters -----------------------------------------------------------------------------


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
            to_create, to_update, to_delete, changed = [], [], [], []
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
                    before = copy.copy(obj)
                    obj.count = count
                    to_update.append(obj)
                    changed.append((before, obj))
                else:
                    result.unchanged += 1
            if to_create:
                to_create = bulk_create_with_history(
                    to_create,
                    OffenceStatistic,
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
                audit.created_in_bulk(to_create, actor=user, reason=reason)
            if to_update:
                bulk_update_with_history(
                    to_update,
                    OffenceStatistic,
                    ["count"],
                    batch_size=500,
                    default_user=user,
                    default_change_reason=reason,
                )
                audit.changed_in_bulk(changed, actor=user, reason=reason)
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
    text = norm(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _integer(value)
        return number if number in (1, 2, 3, 4) else None
    text = re.sub(r"(квартал|тоқсан|quarter|кв|q)", " ", text).strip()
    text = re.sub(r"^(\d)\s*(й|ый|ий|ой|ші|шы|th|st|nd|rd)$", r"\1", text)
    if text in ROMAN_QUARTERS:
        return ROMAN_QUARTERS[text]
    number = _integer(text)
    return number if number in (1, 2, 3, 4) else None


def _year_cell(value):
    year = _integer(value)
    if year is None or year > 9999 or year < 0:
        raise CellError("bad_year", value=cell_text(value)[:20])
    if year < MIN_YEAR:
        raise CellError("early_year", value=year, limit=MIN_YEAR)
    return year


def _quarter_cell(value):
    quarter = _quarter(value)
    if quarter is None:
        raise CellError("bad_quarter", value=cell_text(value)[:20])
    return quarter


def _count_cell(value):
    count = _integer(value)
    if count is None:
        raise CellError("bad_count", value=cell_text(value)[:20])
    if count < 0:
        raise CellError("negative_count", value=count)
    if count > MAX_COUNT:
        raise CellError("large_count", value=count, limit=MAX_COUNT)
    return count


COLUMNS = Columns(
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
    Column("year", _("Year"), "Год / year", ("год", "жыл", "year"), parse=_year_cell),
    Column(
        "quarter",
        _("Quarter"),
        "Квартал / quarter",
        ("квартал", "тоқсан", "quarter"),
        parse=_quarter_cell,
    ),
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
        blank=True,  # a row without a count is left out and changes nothing
        parse=_count_cell,
    ),
)


# --- reasons ------------------------------------------------------------------------------

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

# The statistics' wording of how a job can end without writing.
MESSAGES = {
    "changed": _(
        "The statistics have changed since the check: nothing was written. Look at the new "
        "check and confirm again."
    ),
    "conflict": _(
        "Someone saved some of these statistics at the same moment: nothing was written. "
        "Look at the new check and confirm again."
    ),
}


# --- checking rows ------------------------------------------------------------------------


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
class StatisticsResult(CheckResult):
    """The good rows are GoodRow; rows without a count are `skipped`."""

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
    def writable(self) -> int:
        return len(self.new) + len(self.changed)

    def plan(self):
        """What the user confirms: every good row with its old and new value, every bad
        and skipped row. The apply writes only when the check still gives the same."""
        return {
            "good": [[r.row, list(r.key), r.old, r.new] for r in self.good],
            "bad": [[r.row, [code for code, _params in r.reasons]] for r in self.bad],
            "skipped": self.skipped,
        }

    def values(self) -> dict:
        return {row.key: row.new for row in self.good}


class StatisticsChecker(Checker):
    """Checks rows against the beats, categories and values read once up front."""

    columns = COLUMNS
    result_class = StatisticsResult

    def __init__(self, user, today=None):
        super().__init__(user, today)
        self.current = current_quarter(self.today)
        categories = list(OffenceCategory.objects.order_by("order", "code"))
        self.categories = {}
        for category in categories:
            names = [category.code]
            names += [getattr(category, f"name_{lang}", None) for lang in ("ru", "kk", "en")]
            names.append(category.name)
            for name in names:
                if name:
                    self.categories.setdefault(norm(name), category)
        self.category_labels = {category.pk: str(category.name) for category in categories}
        self.existing = {}

    def prepare(self, rows):
        """The user's beats by code and number; codes outside the scope, in three queries."""
        texts = {cell_text(row.raw["beat"]) for row in rows} - {""}
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

    def check_row(self, row):
        beat_id = category_id = None
        beat_text = self.value(row, "beat")
        if beat_text:
            beat_id, reason = self._beat(beat_text)
            if reason:
                row.refuse(reason[0], **reason[1])

        year = self.value(row, "year")
        quarter = self.value(row, "quarter")
        if year is not None and quarter is not None and (year, quarter) > self.current:
            row.refuse("future_quarter", year=year, quarter=quarter)
            year = None

        category_text = self.value(row, "category")
        if category_text:
            category = self.categories.get(norm(category_text))
            if category is None:
                row.refuse("unknown_category", value=category_text[:100])
            elif not category.is_active:
                row.refuse("inactive_category", value=str(category.name))
            else:
                category_id = category.pk

        count = self.value(row, "count")
        row.skip = count is None and not row.reasons  # no count: nothing to import
        known = None not in (beat_id, category_id, year, quarter)
        row.data.update(key=(beat_id, category_id, year, quarter) if known else None, count=count)

    def check_across(self, rows):
        # The existing values of every quarter the file touches, in one query.
        keys = [row.data["key"] for row in rows if row.data["key"] is not None]
        self.existing = {key: obj.count for key, obj in _existing(keys).items()}
        self.mark_repeats(rows, lambda row: None if row.skip else row.data["key"])

    def good(self, row):
        key = row.data["key"]
        beat_id, category_id, year, quarter = key
        return GoodRow(
            row=row.number,
            key=key,
            beat=self.beat_labels[beat_id],
            category=self.category_labels[category_id],
            year=year,
            quarter=quarter,
            old=self.existing.get(key),
            new=row.data["count"],
        )


# --- the import ---------------------------------------------------------------------------


class StatisticsImport(ImportSpec):
    kind = "statistics"
    columns = COLUMNS
    checker = StatisticsChecker
    max_file_bytes = MAX_FILE_BYTES
    max_rows = MAX_ROWS
    reasons = REASONS
    messages = MESSAGES

    def keep(self, result):
        return result  # the page shows the new and changed values, not only the bad rows

    def write(self, user, result, *, progress=None, reason=""):
        try:
            written = write_values(user, result.values(), reason=reason)
        except WriteConflict as exc:
            raise Conflict from exc
        return {
            "written": written.changed,
            "created": written.created,
            "updated": written.updated,
            "deleted": written.deleted,
            "unchanged": written.unchanged,
        }


STATISTICS = StatisticsImport()
