"""Import of the Law No. 590 register from a CSV or XLSX file, on the import pipeline
(`portal.imports`): a dry run, then one transaction.

The dry run reads every row and reports each bad one with its row number and the
reasons; nothing is written. The apply checks the file again and writes the good rows in
ONE transaction as applications (status "applied"), with a history row per record whose
user is the registrar — the rules of `lifecycle.assistant_apply`, in bulk.

A file exported from the register (`register-export`) imports back: a row with a status
describes a record, looked for by its IIN in the user's territory. The record's phone,
address, beat and forms of participation take the file's values (the changes its contact
form allows); a row that matches its record is left out as unchanged; a row that contradicts
it (another status, name, area or date) is refused with the reason; an application the
register does not have is written as a new one. A row without a status is a new
application, refused when the IIN has a live registration in the user's territory.

Speed: the areas, the beats and the IINs of the file that already have a live
registration are each read in one query (the IINs in chunks), never per row; the rows
are written in batches of WRITE_BATCH, so 10,000 rows take seconds.
"""

import copy
import datetime
import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from audit import record as audit
from districts.models import Area, Beat
from portal import policy
from portal.imports.checker import Checker, CheckResult
from portal.imports.columns import CellError, Column, Columns, norm
from portal.imports.errors import Conflict
from portal.imports.spec import ImportSpec
from portal.spreadsheets import unguarded
from portal.tabular import cell_text
from volunteers.iin import age_on, parse_iin
from volunteers.models import LIVE_STATUSES, Assistant, AssistantStatus, ParticipationForm
from volunteers.models.assistant import MINIMUM_AGE
from volunteers.status_counts import register_changed

WRITE_BATCH = 500
IIN_CHUNK = 500  # IINs per query (SQLite limits the number of query parameters)


# --- the columns of the file --------------------------------------------------------------

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


def _date_cell(key):
    def parse(value):
        day = _parse_date(value)
        if day is None:
            raise CellError("bad_date", column=key, value=cell_text(value)[:40])
        return day

    return parse


def _iin_cell(value):
    iin = _iin_text(value)
    if not iin:
        raise CellError("required", column="iin")
    try:
        return iin, parse_iin(iin)
    except ValidationError as error:
        raise CellError(error.code or "iin_format") from error


@functools.cache
def _statuses_lookup():
    lookup = {norm(code): code for code in AssistantStatus.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in AssistantStatus.choices:
                lookup.setdefault(norm(label), code)
    return lookup


def _status_cell(value):
    status = _statuses_lookup().get(norm(cell_text(value)))
    if status is None:
        raise CellError("unknown_status", value=cell_text(value)[:100])
    return status


def _field_length(name):
    return Assistant._meta.get_field(name).max_length


COLUMNS = Columns(
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
        blank=True,
        max_length=_field_length("middle_name"),
    ),
    Column("iin", _("IIN"), "ИИН / IIN", ("иин", "жсн", "iin"), parse=_iin_cell),
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
        (
            "адрес",
            "адрес проживания",
            "мекенжай",
            "тұрғылықты мекенжайы",
            "address",
            "home address",
        ),
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
        parse=_date_cell("applied_on"),
    ),
    Column(
        "consent_given_on",
        _("Consent date"),
        "Согласие / consent_given_on",
        (
            "согласие",
            "дата согласия",
            "келісім",
            "келісім берілген күн",
            "consent",
            "consent given on",
            "consent date",
        ),
        parse=_date_cell("consent_given_on"),
    ),
    # In a file exported from the register: each row's record is then looked for.
    Column(
        "status",
        _("Status"),
        "Статус / status",
        ("статус", "мәртебесі", "status"),
        required=False,
        blank=True,
        parse=_status_cell,
    ),
)
TEXT_COLUMNS = ("last_name", "first_name", "middle_name", "phone", "address")
# A row of an exported register and its record: what must agree (field → the column that
# says it), and what the import changes (as the record's contact form does).
MATCHED = {
    "last_name": "last_name",
    "first_name": "first_name",
    "middle_name": "middle_name",
    "area_id": "area",
    "applied_on": "applied_on",
    "consent_given_on": "consent_given_on",
}
CONTACT = ("phone", "address", "beat_id", "forms")

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
    "unknown_status": _("Unknown status “%(value)s”."),
    "status_not_imported": _(
        "The register has no record of this person in the status “%(status)s”; only "
        "applications are imported, the later steps are taken on the record page."
    ),
    "status_differs": _(
        "The status in the file (“%(status)s”) differs from the register's "
        "(“%(current)s”): export the register again."
    ),
    "differs": _(
        "%(column)s differs from the register's record; the import changes only the phone, "
        "the address, the beat and the forms of participation."
    ),
}

# The register's wording of how a job can end without writing.
MESSAGES = {
    "conflict": _(
        "Another registration of one of these IINs was saved while the import ran: nothing "
        "was written. Check the file again."
    ),
    "changed": _(
        "The register has changed since the check: nothing was written. Look at the new "
        "report and apply again."
    ),
}


# --- the rules of a row -------------------------------------------------------------------


def _forms_lookup():
    lookup = {norm(code): code for code in ParticipationForm.values}
    lookup.update({norm(name): code for name, code in FORM_ALIASES.items()})
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in ParticipationForm.choices:
                lookup.setdefault(norm(label), code)
    return lookup


@dataclass
class RegisterCheckResult(CheckResult):
    changes: int = 0  # good rows that change a record's contact data (the others are new)

    def plan(self):
        return {**super().plan(), "changes": self.changes}


class RegisterChecker(Checker):
    """Checks rows against the register; preloads what it needs in a fixed number of queries."""

    columns = COLUMNS
    result_class = RegisterCheckResult

    def check(self, header, rows, progress=None):
        result = super().check(header, rows, progress)
        result.changes = sum("pk" in row for row in result.good)
        return result

    def __init__(self, user, today=None):
        super().__init__(user, today)
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
                    self.areas.setdefault(norm(row[name]), {})[row["pk"]] = row["name"]
        self.beats_by_code = {}  # code → (pk, area pk, code)
        self.beats_by_number = {}  # (area pk, number) → [beat pk]
        beats = Beat.objects.values_list("pk", "code", "number", "police_point__department__area")
        for pk, code, number, area_id in beats:
            self.beats_by_code[code.casefold()] = (pk, area_id, code)
            self.beats_by_number.setdefault((area_id, number), []).append(pk)
        self.forms = _forms_lookup()

    def live_iins(self, iins) -> set:
        """The IINs with a live record in the user's territory: a file must not tell its
        importer whether a person is registered anywhere else."""
        found = set()
        live = policy.scoped(self.user, Assistant.objects.filter(status__in=LIVE_STATUSES))
        iins = sorted(iins)
        for start in range(0, len(iins), IIN_CHUNK):
            chunk = iins[start : start + IIN_CHUNK]
            found.update(live.filter(iin__in=chunk).values_list("iin", flat=True))
        return found

    def check_row(self, row):
        data = row.data
        for key in TEXT_COLUMNS:
            text = self.value(row, key)
            if text is not None:
                data[key] = unguarded(text)
        if "phone" in data and sum(c.isdigit() for c in data["phone"]) < 10:
            row.refuse("phone")

        # IIN: structure, date and check digit; the age once the application date is known.
        iin = self.value(row, "iin")
        info = None
        if iin is not None:
            data["iin"], info = iin
            data.update(birth_date=info.birth_date, sex=info.sex)

        # Dates.
        for key in ("applied_on", "consent_given_on"):
            day = self.value(row, key)
            if day is not None and day > self.today:
                row.refuse("future_date", column=key)
            elif day is not None:
                data[key] = day
        applied_on = data.get("applied_on")
        if info and applied_on and age_on(info.birth_date, applied_on) < MINIMUM_AGE:
            row.refuse("under_age")
        consent_on = data.get("consent_given_on")
        if consent_on and applied_on and consent_on > applied_on:
            row.refuse("consent_after_application")

        self._area_and_beat(row)
        self._forms(row)
        if "status" in row.raw:
            status = self.value(row, "status")
            if status is not None:
                data["status"] = status

    def _area_and_beat(self, row):
        area_text = cell_text(row.raw.get("area"))
        area_id = area_name = None
        matches = self.areas.get(norm(area_text), {})
        mine = {pk: name for pk, name in matches.items() if pk in self.allowed_area_ids}
        if not area_text:
            row.refuse("required", column="area")
        elif not matches:
            row.refuse("unknown_area", value=area_text[:100])
        elif not mine:
            row.refuse("foreign_area", value=next(iter(matches.values())))
        elif len(mine) > 1:
            row.refuse("ambiguous_area", value=area_text[:100])
        else:
            ((area_id, area_name),) = mine.items()
            row.data["area_id"] = area_id
        beat_text = cell_text(row.raw.get("beat"))
        if not beat_text:
            row.refuse("required", column="beat")
        elif area_id is not None:
            beat_id, reason = self._beat(beat_text, area_id, area_name)
            if reason:
                row.refuse(reason[0], **reason[1])
            else:
                row.data["beat_id"] = beat_id

    def _beat(self, text, area_id, area_name):
        # The register's export writes "almaly-07 (No. 7)": the code before the bracket.
        by_code = self.beats_by_code.get(text.casefold()) or self.beats_by_code.get(
            text.split("(", 1)[0].strip().casefold()
        )
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

    def _forms(self, row):
        forms_text = cell_text(row.raw.get("forms"))
        forms = []
        for part in re.split(r"[,;\n]+", forms_text):
            if not part.strip():
                continue
            code = self.forms.get(norm(part))
            if code is None:
                row.refuse("unknown_form", value=part.strip()[:100])
            elif code not in forms:
                forms.append(code)
        if not forms_text:
            row.refuse("required", column="forms")
        row.data["forms"] = forms

    def records(self, iins) -> dict:
        """{IIN: [record values]} of the records in the user's territory with these IINs."""
        found = {}
        scoped = policy.scoped(self.user, Assistant.objects.order_by("pk"))
        iins = sorted(iins)
        for start in range(0, len(iins), IIN_CHUNK):
            chunk = iins[start : start + IIN_CHUNK]
            for record in scoped.filter(iin__in=chunk).values(
                "pk", "iin", "status", *MATCHED, *CONTACT
            ):
                found.setdefault(record["iin"], []).append(record)
        return found

    def check_across(self, rows):
        self.mark_repeats(rows, lambda row: row.data.get("iin"))
        unique = [
            row
            for row in rows
            if "iin" in row.data
            and not any(code == "duplicate_in_file" for code, _params in row.reasons)
        ]
        # A row with a status (an export of the register) describes a record; a row
        # without one is a new application.
        register = [row for row in unique if "status" in row.data]
        new = [row for row in unique if "status" not in row.data]
        live = self.live_iins({row.data["iin"] for row in new})
        for row in new:
            if row.data["iin"] in live:
                row.refuse("live_registration")
        known = self.records({row.data["iin"] for row in register})
        for row in register:
            self.match(row, known.get(row.data["iin"], []))

    def match(self, row, records):
        """A row of an exported register against the records of its IIN: a change of the
        live record's contact data, unchanged (left out), a new application, or refused."""
        data = row.data
        status = data.pop("status", None)
        label = dict(AssistantStatus.choices)
        live = next((r for r in records if r["status"] in LIVE_STATUSES), None)
        if status is not None and status not in LIVE_STATUSES:
            # A refused or ended registration: there is nothing to import about it.
            if any(r["status"] == status for r in records):
                row.skip = True
            else:
                row.refuse("status_not_imported", status=str(label[status]))
            return
        if live is None:
            if status not in (None, AssistantStatus.APPLIED):
                row.refuse("status_not_imported", status=str(label[status]))
            return  # a new application
        if status is not None and status != live["status"]:
            row.refuse(
                "status_differs", status=str(label[status]), current=str(label[live["status"]])
            )
            return
        for key in MATCHED:
            if key in data and data[key] != live[key]:
                row.refuse("differs", column=MATCHED[key])
        if row.reasons:
            return
        changes = {
            key: data[key]
            for key in CONTACT
            if key in data
            and (set(data[key]) != set(live[key]) if key == "forms" else data[key] != live[key])
        }
        if changes:
            row.data = {"pk": live["pk"], **changes}
        else:
            row.skip = True

    def bad(self, row):
        bad = super().bad(row)
        name = " ".join(
            cell_text(row.raw.get(k)) for k in ("last_name", "first_name") if row.raw.get(k)
        )
        bad.cells = {"name": name[:200], "iin": _iin_text(row.raw.get("iin"))[:20]}
        return bad


# --- writing ------------------------------------------------------------------------------


class ImportRace(Conflict):
    """The database constraint refused the batch: another registration got there first."""


def write_rows(user, good: list, progress=None, reason="") -> list:
    """Create the good rows as applications in ONE transaction, with their history.

    All or nothing: when the one-live-registration constraint fires (a registration of the
    same IIN was saved meanwhile), everything is rolled back and ImportRace is raised.
    """
    created = []
    try:
        with transaction.atomic():
            for start in range(0, len(good), WRITE_BATCH):
                batch = [
                    Assistant(status=AssistantStatus.APPLIED, **row)
                    for row in good[start : start + WRITE_BATCH]
                ]
                saved = bulk_create_with_history(
                    batch,
                    Assistant,
                    batch_size=WRITE_BATCH,
                    default_user=user,
                    default_change_reason=reason[:100] or None,
                )
                audit.created_in_bulk(saved, actor=user, reason=reason[:200])
                created += saved
                if progress:
                    progress(len(created))
    except IntegrityError as exc:
        raise ImportRace from exc
    return created


def update_rows(user, changes: list, reason="") -> int:
    """Write the contact data of the matched records (rows with a "pk"), in the caller's
    transaction, with their history and audit entries; returns how many."""
    by_pk = {row["pk"]: row for row in changes}
    updated = []
    pairs = []
    for start in range(0, len(changes), WRITE_BATCH):
        pks = list(by_pk)[start : start + WRITE_BATCH]
        for assistant in Assistant.objects.select_for_update().filter(pk__in=pks).order_by("pk"):
            before = copy.copy(assistant)
            for key, value in by_pk[assistant.pk].items():
                if key != "pk":
                    setattr(assistant, key, value)
            updated.append(assistant)
            pairs.append((before, assistant))
    bulk_update_with_history(
        updated,
        Assistant,
        list(CONTACT),
        batch_size=WRITE_BATCH,
        default_user=user,
        default_change_reason=reason[:100] or None,
    )
    audit.changed_in_bulk(pairs, actor=user, reason=reason[:200])
    return len(updated)


def write_good(user, good: list, progress=None, reason="") -> dict:
    """Write the good rows in ONE transaction: new applications and changed contact data."""
    new = [row for row in good if "pk" not in row]
    changes = [row for row in good if "pk" in row]
    with transaction.atomic():
        created = write_rows(user, new, progress, reason)
        updated = update_rows(user, changes, reason)
        register_changed()  # bulk writes send no signals
    return {"written": len(created) + updated, "created": len(created), "updated": updated}


class RegisterImport(ImportSpec):
    kind = "register"
    columns = COLUMNS
    checker = RegisterChecker  # the file's limits: the IMPORT_MAX_* settings
    reasons = REASONS
    messages = MESSAGES
    administrators_see_every_job = True

    def write(self, user, result, *, progress=None, reason=""):
        return write_good(user, result.good, progress, reason)


REGISTER = RegisterImport()


def import_file(user, content: bytes, filename: str = "") -> tuple:
    """Check and write in one go (the apply without a job); for scripts and tests."""
    result = REGISTER.check(user, content, filename)
    with transaction.atomic():
        created = write_rows(user, [row for row in result.good if "pk" not in row])
        update_rows(user, [row for row in result.good if "pk" in row])
    return result, created
