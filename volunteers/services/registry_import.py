"""Import of the Law No. 590 register from a CSV or XLSX file: a dry run, then one transaction.

Step 1 (`check`) reads every row and reports each bad one with its row number and the
reasons; nothing is written. Step 2 (`apply`) checks the file again and writes the good
rows in ONE transaction as applications (status "applied"), with a history row per
record whose user is the registrar — the rules of `lifecycle.assistant_apply`, in bulk.

Speed: the areas, the beats and the IINs of the file that already have a live
registration are each read in one query (the IINs in chunks), never per row, so 10,000
rows take seconds.

Jobs: the uploaded file and the job's state live in the Django cache (locmem in
development, Redis in production) for at most `JOB_TTL` seconds under a random id bound
to the user who uploaded it; the file is deleted after the apply. A view starts each
step in a background thread (`run_async=True`) and the page polls the progress; tests
run the steps synchronously.
"""

import contextlib
import datetime
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import (
    IntegrityError,
    close_old_connections,
    connection,
    connections,
    transaction,
)
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from districts.models import Area, Beat
from portal import policy, tabular
from portal.tabular import TableFileError, cell_text
from volunteers.iin import age_on, parse_iin
from volunteers.models import LIVE_STATUSES, Assistant, AssistantStatus, ParticipationForm
from volunteers.models.assistant import MINIMUM_AGE

logger = logging.getLogger(__name__)

JOB_TTL = 60 * 60  # the file and the report are kept for an hour at most
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
PROGRESS_EVERY = 500  # rows between two progress updates
WRITE_BATCH = 500
IIN_CHUNK = 500  # IINs per query (SQLite limits the number of query parameters)
SQLITE_WRITE_CACHE = -256 * 1024  # KiB: an upper bound, taken only as the pages are written
STALLED_AFTER = 5 * 60  # seconds without progress after which a running job is given up
CACHE_PREFIX = "register-import"


# --- the columns of the file --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translated name for the page
    header: str  # the name in the template file
    aliases: tuple  # accepted header names (Russian, Kazakh, English), normalised
    required: bool = True
    max_length: int | None = None


def _norm(value) -> str:
    """Lower case, ё → е, punctuation and runs of blanks → one space."""
    text = str(value or "").casefold().replace("ё", "е")
    text = re.sub(r"[_\-.:*№#\"'«»()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _field_length(name):
    return Assistant._meta.get_field(name).max_length


COLUMNS = (
    Column(
        "last_name",
        _("Surname"),
        "Фамилия / surname",
        ("фамилия", "тегі", "surname", "last name", "family name"),
        max_length=_field_length("last_name"),
    ),
    Column(
        "first_name",
        _("Given name"),
        "Имя / name",
        ("имя", "аты", "name", "first name", "given name"),
        max_length=_field_length("first_name"),
    ),
    Column(
        "middle_name",
        _("Patronymic"),
        "Отчество / patronymic",
        ("отчество", "әкесінің аты", "patronymic", "middle name"),
        required=False,
        max_length=_field_length("middle_name"),
    ),
    Column("iin", _("IIN"), "ИИН / IIN", ("иин", "жсн", "iin")),
    Column(
        "phone",
        _("Phone"),
        "Телефон / phone",
        ("телефон", "phone", "phone number"),
        max_length=_field_length("phone"),
    ),
    Column(
        "address",
        _("Home address"),
        "Адрес / address",
        ("адрес", "мекенжай", "address", "home address"),
        max_length=_field_length("address"),
    ),
    Column("area", _("Area"), "Район / area", ("район", "аудан", "area", "district")),
    Column("beat", _("Beat"), "Участок / beat", ("участок", "учаске", "beat")),
    Column(
        "forms",
        _("Forms of participation"),
        "Формы участия / forms",
        ("формы участия", "қатысу нысандары", "forms", "forms of participation"),
    ),
    Column(
        "applied_on",
        _("Application date"),
        "Дата заявления / applied_on",
        ("дата заявления", "өтініш күні", "applied on", "application date"),
    ),
    Column(
        "consent_given_on",
        _("Consent date"),
        "Согласие / consent_given_on",
        (
            "согласие",
            "дата согласия",
            "келісім",
            "consent",
            "consent given on",
            "consent date",
        ),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_ALIASES = {_norm(alias): column.key for column in COLUMNS for alias in column.aliases}
_ALIASES.update({_norm(column.key): column.key for column in COLUMNS})

# Russian names of the forms of participation as a registrar types them; the translated
# labels in every language are accepted as well (see `_forms_lookup`).
FORM_ALIASES = {
    "патрулирование": ParticipationForm.PATROLS,
    "патрули": ParticipationForm.PATROLS,
    "патруль": ParticipationForm.PATROLS,
    "охрана порядка на массовых мероприятиях": ParticipationForm.MASS_EVENTS,
    "массовые мероприятия": ParticipationForm.MASS_EVENTS,
    "рейды": ParticipationForm.RAIDS,
    "рейд": ParticipationForm.RAIDS,
    "правовая пропаганда": ParticipationForm.LEGAL_PROPAGANDA,
    "розыск пропавших": ParticipationForm.MISSING_SEARCH,
    "поиск пропавших": ParticipationForm.MISSING_SEARCH,
    "поиск пропавших людей": ParticipationForm.MISSING_SEARCH,
    "розыск пропавших людей": ParticipationForm.MISSING_SEARCH,
    "другое": ParticipationForm.OTHER,
    "иное": ParticipationForm.OTHER,
}


# --- reasons ------------------------------------------------------------------------------

# Row reasons are kept as (code, params) and translated when shown, in the reader's language.
REASONS = {
    "required": _("%(column)s: a value is required."),
    "too_long": _("%(column)s: longer than %(limit)s characters."),
    "iin_format": _("An IIN is exactly 12 digits."),
    "iin_century": _("The 7th digit of an IIN must be from 1 to 6 (century and sex)."),
    "iin_date": _("The first six digits of an IIN must be a real birth date (YYMMDD)."),
    "iin_check": _("This IIN fails its check digit: check it for a typing error."),
    "duplicate_in_file": _("The IIN repeats row %(row)s of this file."),
    "live_registration": _("This IIN already has a registration that is not refused or ended."),
    "under_age": _("Under 18 on the application date: a public assistant must be at least 18."),
    "phone": _("Enter the phone number with the operator code, 10 or 11 digits."),
    "unknown_area": _("Unknown area “%(value)s”."),
    "foreign_area": _("The area “%(value)s” is outside your area: you may import only into it."),
    "ambiguous_area": _(
        "Several areas in your scope are called “%(value)s”: let the registrar of the area "
        "import these rows."
    ),
    "unknown_beat": _("There is no beat “%(value)s” in the area."),
    "ambiguous_beat": _("The area has several beats No. %(value)s: give the beat code."),
    "beat_outside_area": _("The beat “%(value)s” lies outside the area “%(area)s”."),
    "unknown_form": _("Unknown form of participation “%(value)s”."),
    "bad_date": _("%(column)s: “%(value)s” is not a date (use DD.MM.YYYY or YYYY-MM-DD)."),
    "future_date": _("%(column)s: the date is in the future."),
    "consent_after_application": _("The consent is given with the application, not after it."),
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
    "race": _(
        "Another registration of one of these IINs was saved while the import ran: nothing "
        "was written. Check the file again."
    ),
    "changed": _(
        "The register has changed since the check: nothing was written. Look at the new "
        "report and apply again."
    ),
    "failed": _("The import failed unexpectedly: nothing was written."),
    "expired": _("The uploaded file is no longer kept: upload it again."),
    "stalled": _(
        "The import stopped without finishing (the server may have restarted): nothing was "
        "written. Upload the file again."
    ),
}


def reason_text(code, params=None) -> str:
    params = dict(params or {})
    if "column" in params and params["column"] in COLUMN_BY_KEY:
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
    """{column key: index in the row}. A header may give a name in two languages:
    “Фамилия / surname”. Raises ImportFileError when a required column is missing."""
    found = {}
    duplicates = set()
    for index, name in enumerate(header):
        keys = {_ALIASES.get(_norm(part)) for part in [name, *str(name or "").split("/")]}
        keys.discard(None)
        for key in keys:
            if key in found:
                duplicates.add(key)
            found[key] = index
    if duplicates:
        raise ImportFileError("duplicate_columns", columns=sorted(duplicates))
    missing = [c.key for c in COLUMNS if c.required and c.key not in found]
    if missing:
        raise ImportFileError("missing_columns", columns=missing)
    return found


# --- checking rows ------------------------------------------------------------------------


@dataclass
class BadRow:
    row: int
    name: str
    iin: str
    reasons: list  # [(code, params)]

    def as_dict(self):
        return {"row": self.row, "name": self.name, "iin": self.iin, "reasons": self.reasons}


@dataclass
class CheckResult:
    total: int = 0
    good: list = field(default_factory=list)  # dicts of Assistant fields
    bad: list = field(default_factory=list)  # BadRow

    @property
    def bad_rows(self):
        return [b.as_dict() for b in self.bad]


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if " " in text:  # "2024-03-01 00:00:00" from a spreadsheet
        text = text.split(" ", 1)[0]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _iin_text(value) -> str:
    """An IIN as text; a spreadsheet that stored it as a number lost its leading zero."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return str(value)
        return f"{int(value):012d}"
    return re.sub(r"[\s\-]", "", cell_text(value))


def _forms_lookup():
    lookup = {_norm(code): code for code in ParticipationForm.values}
    lookup.update({_norm(name): code for name, code in FORM_ALIASES.items()})
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in ParticipationForm.choices:
                lookup.setdefault(_norm(label), code)
    return lookup


class Checker:
    """Checks rows against the register; preloads what it needs in a fixed number of queries."""

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()
        self.allowed_area_ids = set(
            policy.scoped(user, Area.objects.all()).values_list("pk", flat=True)
        )
        # normalised name (in any language) → {pk: display name}; two regions may each
        # have an area of the same name.
        self.areas = {}
        name_fields = ["name", *(f"name_{code}" for code, _n in settings.LANGUAGES)]
        for row in Area.objects.values("pk", *dict.fromkeys(name_fields)):
            for name in name_fields:
                if row.get(name):
                    self.areas.setdefault(_norm(row[name]), {})[row["pk"]] = row["name"]
        self.beats_by_code = {}  # code → (pk, area pk, code)
        self.beats_by_number = {}  # (area pk, number) → [beat pk]
        beats = Beat.objects.values_list("pk", "code", "number", "police_point__department__area")
        for pk, code, number, area_id in beats:
            self.beats_by_code[code.casefold()] = (pk, area_id, code)
            self.beats_by_number.setdefault((area_id, number), []).append(pk)
        self.forms = _forms_lookup()

    def live_iins(self, iins) -> set:
        found = set()
        iins = sorted(iins)
        for start in range(0, len(iins), IIN_CHUNK):
            chunk = iins[start : start + IIN_CHUNK]
            found.update(
                Assistant.objects.filter(status__in=LIVE_STATUSES, iin__in=chunk).values_list(
                    "iin", flat=True
                )
            )
        return found

    def check(self, header, rows, progress=None) -> CheckResult:
        columns = map_columns(header)
        result = CheckResult(total=len(rows))
        cleaned_rows = []
        first_row_of_iin = {}
        for position, (number, values) in enumerate(rows, start=1):
            raw = {
                key: values[index] if index < len(values) else None
                for key, index in columns.items()
            }
            data, reasons = self.check_row(raw)
            iin = data.get("iin")  # only a valid IIN is in `data`
            if iin:
                if iin in first_row_of_iin:
                    reasons.append(("duplicate_in_file", {"row": first_row_of_iin[iin]}))
                else:
                    first_row_of_iin[iin] = number
            cleaned_rows.append((number, raw, data, reasons))
            if progress and position % PROGRESS_EVERY == 0:
                progress(position)
        live = self.live_iins(first_row_of_iin)
        for number, raw, data, reasons in cleaned_rows:
            if data.get("iin") in live and not any(r[0] == "duplicate_in_file" for r in reasons):
                reasons.append(("live_registration", {}))
            if reasons:
                name = " ".join(
                    cell_text(raw.get(k)) for k in ("last_name", "first_name") if raw.get(k)
                )
                result.bad.append(
                    BadRow(number, name[:200], _iin_text(raw.get("iin"))[:20], reasons)
                )
            else:
                result.good.append(data)
        if progress:
            progress(len(rows))
        return result

    def check_row(self, raw) -> tuple[dict, list]:
        """({field: clean value}, [(reason code, params)]) of one row."""
        data, reasons = {}, []
        for column in COLUMNS:
            if column.key in ("iin", "area", "beat", "forms", "applied_on", "consent_given_on"):
                continue
            text = cell_text(raw.get(column.key))
            if column.required and not text:
                reasons.append(("required", {"column": column.key}))
            elif column.max_length and len(text) > column.max_length:
                reasons.append(("too_long", {"column": column.key, "limit": column.max_length}))
            else:
                data[column.key] = text
        if "phone" in data and sum(c.isdigit() for c in data["phone"]) < 10:
            reasons.append(("phone", {}))

        # IIN: structure, date and check digit; the age once the application date is known.
        iin = _iin_text(raw.get("iin"))
        info = None
        if not iin:
            reasons.append(("required", {"column": "iin"}))
        else:
            try:
                info = parse_iin(iin)
            except ValidationError as error:
                reasons.append((error.code or "iin_format", {}))
            else:
                data.update(iin=iin, birth_date=info.birth_date, sex=info.sex)

        # Dates.
        for key in ("applied_on", "consent_given_on"):
            value = raw.get(key)
            if not cell_text(value):
                reasons.append(("required", {"column": key}))
                continue
            day = _parse_date(value)
            if day is None:
                reasons.append(("bad_date", {"column": key, "value": cell_text(value)[:40]}))
            elif day > self.today:
                reasons.append(("future_date", {"column": key}))
            else:
                data[key] = day
        applied_on = data.get("applied_on")
        if info and applied_on and age_on(info.birth_date, applied_on) < MINIMUM_AGE:
            reasons.append(("under_age", {}))
        consent_on = data.get("consent_given_on")
        if consent_on and applied_on and consent_on > applied_on:
            reasons.append(("consent_after_application", {}))

        # Area and beat.
        area_text = cell_text(raw.get("area"))
        area_id = area_name = None
        matches = self.areas.get(_norm(area_text), {})
        mine = {pk: name for pk, name in matches.items() if pk in self.allowed_area_ids}
        if not area_text:
            reasons.append(("required", {"column": "area"}))
        elif not matches:
            reasons.append(("unknown_area", {"value": area_text[:100]}))
        elif not mine:
            reasons.append(("foreign_area", {"value": next(iter(matches.values()))}))
        elif len(mine) > 1:
            reasons.append(("ambiguous_area", {"value": area_text[:100]}))
        else:
            ((area_id, area_name),) = mine.items()
            data["area_id"] = area_id
        beat_text = cell_text(raw.get("beat"))
        if not beat_text:
            reasons.append(("required", {"column": "beat"}))
        elif area_id is not None:
            beat_id, reason = self._beat(beat_text, area_id, area_name)
            if reason:
                reasons.append(reason)
            else:
                data["beat_id"] = beat_id

        # Forms of participation.
        forms_text = cell_text(raw.get("forms"))
        forms = []
        for part in re.split(r"[,;\n]+", forms_text):
            if not part.strip():
                continue
            code = self.forms.get(_norm(part))
            if code is None:
                reasons.append(("unknown_form", {"value": part.strip()[:100]}))
            elif code not in forms:
                forms.append(code)
        if not forms_text:
            reasons.append(("required", {"column": "forms"}))
        data["forms"] = forms
        return data, reasons

    def _beat(self, text, area_id, area_name):
        by_code = self.beats_by_code.get(text.casefold())
        if by_code:
            pk, beat_area_id, code = by_code
            if beat_area_id != area_id:
                return None, ("beat_outside_area", {"value": code, "area": area_name})
            return pk, None
        digits = re.fullmatch(r"\D*?(\d+)(?:[.,]0+)?", text)
        if digits:
            number = int(digits.group(1))
            pks = self.beats_by_number.get((area_id, number), [])
            if len(pks) == 1:
                return pks[0], None
            if len(pks) > 1:
                return None, ("ambiguous_beat", {"value": number})
        return None, ("unknown_beat", {"value": text[:100]})


def check_file(user, content: bytes, filename: str = "", progress=None) -> CheckResult:
    """The dry run: every row checked, nothing written. Raises ImportFileError."""
    header, rows = read_table(content, filename)
    return Checker(user).check(header, rows, progress=progress)


# --- writing ------------------------------------------------------------------------------


class ImportRace(Exception):
    """The database constraint refused the batch: another registration got there first."""


def write_rows(user, good: list, progress=None, reason="") -> list:
    """Create the good rows as applications in ONE transaction, with their history.

    All or nothing: when the one-live-registration constraint fires (a registration of the
    same IIN was saved meanwhile), everything is rolled back and ImportRace is raised.
    """
    created = []
    try:
        with _whole_transaction_in_memory(), transaction.atomic():
            for start in range(0, len(good), WRITE_BATCH):
                batch = [
                    Assistant(status=AssistantStatus.APPLIED, **row)
                    for row in good[start : start + WRITE_BATCH]
                ]
                created += bulk_create_with_history(
                    batch,
                    Assistant,
                    batch_size=WRITE_BATCH,
                    default_user=user,
                    default_change_reason=reason[:100] or None,
                )
                if progress:
                    progress(len(created))
    except IntegrityError as exc:
        raise ImportRace from exc
    return created


@contextlib.contextmanager
def _whole_transaction_in_memory():
    """SQLite: keep the pages of the transaction in memory until it commits.

    With its default cache (2 MB) SQLite spills a large transaction to the file before the
    commit and, in the rollback-journal mode, takes an exclusive lock for it: every other
    request (the progress page too) then fails with "database is locked" until the commit.
    A larger cache for this one connection keeps the lock to the moment of the commit.
    PostgreSQL needs nothing of this.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {SQLITE_WRITE_CACHE}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def import_file(user, content: bytes, filename: str = "") -> tuple[CheckResult, list]:
    """Check and write in one go (the apply step without a job); for scripts and tests."""
    result = check_file(user, content, filename)
    return result, write_rows(user, result.good)


# --- jobs ---------------------------------------------------------------------------------

RUNNING = ("queued", "checking", "applying")
DONE = ("checked", "applied", "failed")


def _key(job_id, part=""):
    return f"{CACHE_PREFIX}:{job_id}{':' + part if part else ''}"


def _remaining(job) -> int:
    return max(1, int(job["created"] + JOB_TTL - time.time()))


def save_job(job):
    job["updated"] = time.time()
    cache.set(_key(job["id"]), job, _remaining(job))


def load_job(job_id):
    if not isinstance(job_id, str) or not re.fullmatch(r"[\w-]{16,64}", job_id):
        return None
    return cache.get(_key(job_id))


def job_for(user, job_id):
    """The job when `user` started it (administrators see every job); None otherwise."""
    job = load_job(job_id)
    if job is None or not user.is_authenticated:
        return None
    if job["owner"] != user.pk and not user.is_administrator:
        return None
    if job["state"] in RUNNING and time.time() - job["updated"] > STALLED_AFTER:
        # Its thread is gone (a restart of the server); the transaction was rolled back.
        cache.delete(_key(job["id"], "lock"))
        job = _update(job["id"], state="failed", error=("stalled", {})) or job
    return job


def job_report(job) -> list:
    return cache.get(_key(job["id"], "report")) or []


def create_job(user, content: bytes, filename: str) -> dict:
    job = {
        "id": secrets.token_urlsafe(24),
        "owner": user.pk,
        "filename": filename[:200],
        "created": time.time(),
        "state": "queued",
        "phase": "check",
        "total": 0,
        "processed": 0,
        "good": 0,
        "bad": 0,
        "written": 0,
        "error": None,  # (code, params) of a problem with the whole file
        "changed": False,
    }
    cache.set(_key(job["id"], "file"), content, JOB_TTL)
    save_job(job)
    return job


def _update(job_id, **changes):
    job = load_job(job_id)
    if job is None:
        return None
    job.update(changes)
    save_job(job)
    return job


def _content(job):
    return cache.get(_key(job["id"], "file"))


def run_check(job_id, user):
    """Step 1: the dry run of a job's file; the report goes to the cache."""
    job = _update(job_id, state="checking", phase="check", processed=0, error=None)
    if job is None:
        return None
    content = _content(job)
    if content is None:
        return _update(job_id, state="failed", error=("expired", {}))
    try:
        header, rows = read_table(content, job["filename"])
        _update(job_id, total=len(rows))
        result = Checker(user).check(header, rows, progress=lambda n: _update(job_id, processed=n))
    except ImportFileError as error:
        return _update(job_id, state="failed", error=(error.code, error.params))
    cache.set(_key(job_id, "report"), result.bad_rows, _remaining(job))
    return _update(
        job_id,
        state="checked",
        total=result.total,
        processed=result.total,
        good=len(result.good),
        bad=len(result.bad),
    )


def run_apply(job_id, user):
    """Step 2: check again, then write the good rows in one transaction.

    When the check gives a different report than the one the user saw (the register
    changed meanwhile), nothing is written and the new report is shown.
    """
    job = load_job(job_id)
    if job is None:
        return None
    lock = _key(job_id, "lock")
    try:
        content = _content(job)
        if content is None:
            return _update(job_id, state="failed", error=("expired", {}))
        seen = job_report(job)
        _update(job_id, state="checking", phase="apply", processed=0, error=None, changed=False)
        try:
            header, rows = read_table(content, job["filename"])
            _update(job_id, total=len(rows))
            result = Checker(user).check(
                header, rows, progress=lambda n: _update(job_id, processed=n)
            )
        except ImportFileError as error:
            return _update(job_id, state="failed", error=(error.code, error.params))
        if result.bad_rows != seen or len(result.good) != job["good"]:
            cache.set(_key(job_id, "report"), result.bad_rows, _remaining(job))
            return _update(
                job_id,
                state="checked",
                changed=True,
                error=("changed", {}),
                good=len(result.good),
                bad=len(result.bad),
                processed=result.total,
            )
        _update(job_id, state="applying", total=len(result.good), processed=0)
        try:
            created = write_rows(
                user,
                result.good,
                progress=lambda n: _update(job_id, processed=n),
                reason=f"Import: {job['filename']}",
            )
        except ImportRace:
            return _update(job_id, state="checked", error=("race", {}), processed=0)
        cache.delete(_key(job_id, "file"))
        return _update(job_id, state="applied", written=len(created), processed=len(created))
    finally:
        cache.delete(lock)


def claim_apply(job) -> bool:
    """Whether this request may start the apply (a second click while it runs may not)."""
    if job["state"] != "checked" or job["good"] == 0:
        return False
    if not cache.add(_key(job["id"], "lock"), 1, _remaining(job)):
        return False
    _update(job["id"], state="queued", phase="apply", processed=0, error=None)
    return True


def start(step, job_id, user, *, run_async=None):
    """Run `run_check` or `run_apply` now (tests) or in a background thread (the views)."""
    if run_async is None:
        run_async = getattr(settings, "REGISTER_IMPORT_ASYNC", True)
    target = {"check": run_check, "apply": run_apply}[step]
    if not run_async:
        return _guarded(target, job_id, user)

    def work():
        close_old_connections()
        try:
            _guarded(target, job_id, user)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name=f"register-import-{step}", daemon=True)
    # Start once the request's own transaction has ended (ATOMIC_REQUESTS).
    transaction.on_commit(thread.start)
    return None


def _guarded(target, job_id, user):
    try:
        return target(job_id, user)
    except Exception:
        logger.exception("Register import job %s failed", job_id)
        cache.delete(_key(job_id, "lock"))
        return _update(job_id, state="failed", error=("failed", {}))


def progress_message(job) -> str:
    """A one-line translated status for the page and its live region."""
    state = job["state"]
    if state == "queued":
        return str(_("Waiting to start…"))
    if state == "checking":
        return ngettext(
            "Checked %(processed)s of %(total)s row…",
            "Checked %(processed)s of %(total)s rows…",
            job["total"] or 0,
        ) % {"processed": job["processed"], "total": job["total"]}
    if state == "applying":
        return ngettext(
            "Written %(processed)s of %(total)s record…",
            "Written %(processed)s of %(total)s records…",
            job["total"] or 0,
        ) % {"processed": job["processed"], "total": job["total"]}
    if state == "checked":
        return str(
            _("Check finished: %(good)s good rows, %(bad)s bad rows.")
            % {"good": job["good"], "bad": job["bad"]}
        )
    if state == "applied":
        return ngettext(
            "Imported %(count)s record.", "Imported %(count)s records.", job["written"]
        ) % {"count": job["written"]}
    return reason_text(*(job["error"] or ("failed", {})))


def progress_data(job) -> dict:
    total = job["total"] or 0
    percent = 100 if job["state"] in DONE else int(job["processed"] * 100 / total) if total else 0
    return {
        "state": job["state"],
        "phase": job["phase"],
        "processed": job["processed"],
        "total": total,
        "percent": percent,
        "good": job["good"],
        "bad": job["bad"],
        "written": job["written"],
        "done": job["state"] in DONE,
        "message": progress_message(job),
    }
