"""The register's own export imports back: a registrar exports the register of their area
(CSV or XLSX, in any of the portal's languages), and the file checks with zero bad rows —
every row matched to its record and left as it is. Edited contact data in the file changes
the records; a new person in it becomes an application; a row that contradicts its record is
refused with the reason."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from portal.imports import jobs
from portal.models import Role
from tests.commit import committed
from tests.factories import AssistantFactory, valid_iin
from tests.uploads import to_xlsx
from volunteers.models import Assistant, AssistantStatus
from volunteers.services.registry_import import REGISTER

S = AssistantStatus
DAY = datetime.date(2024, 3, 1)


def later(days):
    return DAY + datetime.timedelta(days=days)


def register_of(world):
    """One assistant in every state of the lifecycle, with the awkward values a register
    holds: a phone that a spreadsheet would run as a formula, commas and quotes, no
    patronymic, an IIN with leading zeros, several forms of participation."""
    states = [
        (S.APPLIED, {}),
        (S.PETITIONED, {"petition_sent_on": later(5), "petition_number": "П-12"}),
        (S.REGISTERED, {"petition_sent_on": later(5), "registered_on": later(9)}),
        (S.CERTIFIED, {"petition_sent_on": later(5), "registered_on": later(9)}),
        (S.ACTIVE, {"petition_sent_on": later(5), "registered_on": later(9)}),
        (S.SUSPENDED, {"registered_on": later(9), "suspended_on": later(30)}),
        (S.REFUSED, {"refused_on": later(20), "refusal_reason": "Судимость"}),
        (S.DEREGISTERED, {"registered_on": later(9), "deregistered_on": later(60)}),
    ]
    people = []
    for n, (status, fields) in enumerate(states, start=1):
        if status in (S.REGISTERED, S.CERTIFIED, S.ACTIVE, S.SUSPENDED, S.DEREGISTERED):
            fields["registration_number"] = f"{n:05d}"
        born = datetime.date(2000, 1, 5) if n == 1 else datetime.date(1980 + n, 4, 12)
        people.append(
            AssistantFactory(
                beat=world.colleague_beat if n % 2 else world.beat,
                iin=valid_iin(born, "F" if n % 3 else "M", start=n * 7),
                last_name=f"Серикбаева-{n}",
                first_name="Айгерим",
                middle_name="" if n == 3 else "Нурлановна",
                phone=f"+7 701 555 44 {n:02d}",
                address=f'ул. Абая, {n}, кв. "{n}"',
                forms=["patrols", "mass_events"] if n % 2 else ["legal_propaganda"],
                status=status,
                applied_on=DAY,
                consent_given_on=DAY,
                **fields,
            )
        )
    # Another area's assistant is in neither the export nor the import.
    AssistantFactory(beat=world.other_beat, status=S.ACTIVE, iin=valid_iin(DAY.replace(1970)))
    return people


def export(client, fmt, language="ru"):
    response = client.get(
        reverse("register-export") + f"?format={fmt}", headers={"accept-language": language}
    )
    assert response.status_code == 200
    return response.content


def snapshot():
    return list(Assistant.objects.order_by("pk").values())


@pytest.fixture
def registrar(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    return world.users[Role.AKIMAT_REGISTRAR]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_unchanged_export_checks_with_no_bad_row_and_changes_nothing(
    client, world, registrar, fmt, language
):
    people = register_of(world)
    content = export(client, fmt, language)
    before = snapshot()

    result = REGISTER.check(registrar, content, f"register.{fmt}")

    assert [bad.as_dict() for bad in result.bad] == []
    assert result.total == len(people)
    assert result.good == [] and len(result.skipped) == len(people)
    assert snapshot() == before


def rows_of(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column(header, name):
    return header.index(name)


def test_edited_contact_data_and_a_new_person_import_through_the_pages(client, world, registrar):
    people = register_of(world)
    active = next(p for p in people if p.status == S.ACTIVE)
    header, *rows = rows_of(export(client, "xlsx"))
    iin_at, phone_at, status_at = (column(header, n) for n in ("ИИН", "Телефон", "Статус"))
    edited = next(row for row in rows if row[iin_at] == active.iin)
    edited[phone_at] = "+7 777 000 11 22"
    newcomer = list(rows[0])
    newcomer[iin_at] = valid_iin(datetime.date(1991, 9, 9), "M", start=500)
    newcomer[column(header, "Фамилия")] = "Новиков"
    newcomer[status_at] = None  # a new person: no status yet
    rows.append(newcomer)
    before = {a["id"]: a for a in snapshot()}

    upload = SimpleUploadedFile("register.xlsx", to_xlsx(header, rows))
    with committed():
        response = client.post(reverse("register-import"), {"file": upload})
    job_id = response.url.rstrip("/").rsplit("/", 1)[-1]
    page = client.get(reverse("register-import-job", args=[job_id]))
    assert page.context["report"] == []
    job = jobs.get(REGISTER, registrar.pk, job_id)
    assert (job["state"], job["good"], job["bad"]) == ("checked", 2, 0)
    assert (page.context["changes"], page.context["unchanged"]) == (1, len(people) - 1)

    with committed():
        client.post(reverse("register-import-apply", args=[job_id]))
    job = jobs.get(REGISTER, registrar.pk, job_id)
    assert job["state"] == "applied", job
    assert job["outcome"] == {"written": 2, "created": 1, "updated": 1}
    done = client.get(reverse("register-import-job", args=[job_id]))
    assert (done.context["created"], done.context["updated"]) == (1, 1)

    after = {a["id"]: a for a in snapshot()}
    assert after[active.pk]["phone"] == "+7 777 000 11 22"
    assert {k: v for k, v in after[active.pk].items() if k != "phone"} == {
        k: v for k, v in before[active.pk].items() if k != "phone"
    }
    for pk, record in before.items():
        if pk != active.pk:
            assert after[pk] == record
    (new,) = [a for pk, a in after.items() if pk not in before]
    assert (new["last_name"], new["status"]) == ("Новиков", S.APPLIED)
    assert Assistant.objects.get(pk=active.pk).history.latest().history_user == registrar
    entry = LogEntry.objects.get_for_object(Assistant(pk=active.pk)).latest()
    assert entry.changes == {"phone": ["***", "***"]} and entry.actor == registrar


def test_rows_that_contradict_the_register_are_refused_with_reasons(world, registrar, client):
    people = register_of(world)
    header, *rows = rows_of(export(client, "xlsx", "en"))
    iin_at, status_at = column(header, "IIN"), column(header, "Status")
    by_status = {p.status: p for p in people}

    def row_of(person):
        return next(row for row in rows if row[iin_at] == person.iin)

    row_of(by_status[S.ACTIVE])[status_at] = "Suspended"
    row_of(by_status[S.APPLIED])[column(header, "Surname")] = "Другая"
    row_of(by_status[S.PETITIONED])[column(header, "Area")] = world.other_area.name
    stranger = list(row_of(by_status[S.DEREGISTERED]))
    stranger[iin_at] = valid_iin(datetime.date(1979, 1, 1), "M", start=900)
    rows.append(stranger)  # an ended registration the register does not have
    rows.append([*stranger[:status_at], "Sleeping", *stranger[status_at + 1 :]])

    result = REGISTER.check(registrar, to_xlsx(header, rows), "register.xlsx")

    reasons = {bad.row: [code for code, _params in bad.reasons] for bad in result.bad}
    assert reasons == {
        rows.index(row_of(by_status[S.ACTIVE])) + 2: ["status_differs"],
        rows.index(row_of(by_status[S.APPLIED])) + 2: ["differs"],
        rows.index(row_of(by_status[S.PETITIONED])) + 2: ["foreign_area"],
        len(rows): ["status_not_imported"],
        len(rows) + 1: ["unknown_status", "duplicate_in_file"],
    }
    for bad in result.bad:
        for code, params in bad.reasons:
            assert "%(" not in REGISTER.text(code, params)


def test_a_masked_export_cannot_be_imported_back(client, world):
    register_of(world)
    client.force_login(world.users[Role.SUPERVISOR])
    content = export(client, "csv")
    result = REGISTER.check(world.users[Role.AKIMAT_REGISTRAR], content, "register.csv")
    assert result.good == [] and {code for b in result.bad for code, _p in b.reasons} >= {
        "iin_format"
    }
