"""Import of the Law No. 590 register from a CSV or XLSX file, on the import pipeline
(`portal.imports`): a dry run, then one transaction.

The dry run reads every row and reports each bad one with its row number and the
reasons; nothing is written. The apply checks the file again and writes the good rows in
ONE transaction as applications (status "applied"), with a history row per record whose
user is the registrar — the rules of `lifecycle.assistant_apply`, in bulk.

Speed: the areas, the beats and the IINs of the file that already have a live
registration are each read in one query (the IINs in chunks), never per row; the rows
are written in batches of WRITE_BATCH, so 10,000 rows take seconds.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from audit import record as audit
from districts.models import Area, Beat
from portal import policy
from portal.imports.checker import Checker
from portal.imports.columns import CellError, Column, Columns, norm
from portal.imports.errors import Conflict
from portal.imports.spec import ImportSpec
from portal.tabular import cell_text
from volunteers.iin import age_on, parse_iin
from volunteers.models import LIVE_STATUSES, Assistant, AssistantStatus, ParticipationForm
from volunteers.models.assistant import MINIMUM_AGE

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
            "consent",
            "consent given on",
            "consent date",
        ),
        parse=_date_cell("consent_given_on"),
    ),
)
TEXT_COLUMNS = ("last_name", "first_name", "middle_name", "phone", "address")

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


class RegisterChecker(Checker):
    """Checks rows against the register; preloads what it needs in a fixed number of queries."""

    columns = COLUMNS

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
                data[key] = text
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

    def check_across(self, rows):
        self.mark_repeats(rows, lambda row: row.data.get("iin"))
        live = self.live_iins({row.data["iin"] for row in rows if "iin" in row.data})
        for row in rows:
            repeated = any(code == "duplicate_in_file" for code, _params in row.reasons)
            if row.data.get("iin") in live and not repeated:
                row.refuse("live_registration")

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


class RegisterImport(ImportSpec):
    kind = "register"
    columns = COLUMNS
    checker = RegisterChecker  # the file's limits: the IMPORT_MAX_* settings
    reasons = REASONS
    messages = MESSAGES
    administrators_see_every_job = True

    def write(self, user, result, *, progress=None, reason=""):
        return {"written": len(write_rows(user, result.good, progress, reason))}


REGISTER = RegisterImport()


def import_file(user, content: bytes, filename: str = "") -> tuple:
    """Check and write in one go (the apply without a job); for scripts and tests."""
    result = REGISTER.check(user, content, filename)
    return result, write_rows(user, result.good)
