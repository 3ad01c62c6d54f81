"""Export of the register as CSV and XLSX: scope, filters, masking and safe cells."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from portal.models import Role
from tests.factories import AssistantFactory, valid_iin
from volunteers.models import AssistantStatus

URL = reverse("register-export")
# The rule (DESIGN.md, personal data): an IIN masked to its last four digits, `********0123`.
STARS = "********"
PHONE = "+7 701 123 45 67"
ADDRESS = "ул. Абая, 10, кв. 5"


# The columns in order (the headers themselves are translated).
KEYS = [
    "registration_number",
    "last_name",
    "first_name",
    "middle_name",
    "iin",
    "birth_date",
    "sex",
    "phone",
    "address",
    "status",
    "area",
    "beat",
    "forms",
    "applied_on",
    "consent_given_on",
    "petition_sent_on",
    "registered_on",
    "suspended_on",
    "deregistered_on",
    "refused_on",
]


def export_csv(client, user, query=""):
    """The rows of the CSV export as dicts by column key."""
    client.force_login(user)
    response = client.get(URL + "?format=csv" + query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # a BOM for spreadsheet programs
    # Russian: ";" between cells, as a Russian-locale Excel splits them.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == len(KEYS)
    return [dict(zip(KEYS, values, strict=True)) for values in rows[1:]]


def export_xlsx(client, user):
    client.force_login(user)
    response = client.get(URL + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    return [dict(zip(KEYS, values, strict=True)) for values in rows[1:]]


@pytest.fixture
def register(world):
    mine = AssistantFactory(
        beat=world.beat,
        iin=valid_iin(datetime.date(1990, 1, 1), "M", start=11),
        last_name="Сапаров",
        status=AssistantStatus.ACTIVE,
        registration_number="01-00001",
        registered_on=datetime.date(2024, 3, 1),
    )
    neighbour = AssistantFactory(
        beat=world.other_beat,
        iin=valid_iin(datetime.date(1991, 2, 2), "F", start=21),
        last_name="Ким",
    )
    far = AssistantFactory(
        beat=world.far_beat, iin=valid_iin(datetime.date(1992, 3, 3), "M", start=31), last_name="Ли"
    )
    return mine, neighbour, far


def test_the_akimat_registrar_of_the_area_sees_personal_data(client, world, register):
    mine, _neighbour, _far = register
    rows = export_csv(client, world.users[Role.AKIMAT_REGISTRAR])
    assert [r["last_name"] for r in rows] == ["Сапаров"]  # the registrar's area only
    row = rows[0]
    assert row["registration_number"] == "01-00001"
    assert row["iin"] == mine.iin
    assert row["birth_date"] == "01.01.1990"  # day-first, as the import reads it back
    assert row["phone"] == "'" + PHONE  # "+" starts a formula in a spreadsheet
    assert row["address"] == ADDRESS
    assert row["area"] == world.area.name
    assert world.beat.code in row["beat"]
    assert row["applied_on"] == mine.applied_on.strftime("%d.%m.%Y")
    assert row["registered_on"] == "01.03.2024"
    assert row["petition_sent_on"] == ""
    assert row["forms"]  # the label of "patrols"
    assert row["status"]


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.REGIONAL_REGISTRAR, Role.INSPECTOR])
def test_other_roles_get_masked_values(client, world, register, role):
    mine, neighbour, _far = register
    rows = export_csv(client, world.users[role])
    expected = {
        Role.SUPERVISOR: {mine.iin},
        Role.INSPECTOR: {mine.iin},
        Role.REGIONAL_REGISTRAR: {mine.iin, neighbour.iin},
    }[role]
    assert {r["iin"] for r in rows} == {STARS + i[-4:] for i in expected}
    content = repr(rows)
    for assistant in (mine, neighbour):
        assert assistant.iin not in content
        assert assistant.iin[:6] not in content  # the birth date inside the IIN
        assert assistant.address not in content
        assert assistant.birth_date.isoformat() not in content
        assert assistant.birth_date.strftime("%d.%m.%Y") not in content
    assert PHONE not in content
    assert all(r["phone"] == "'+7 701 *** ** 67" for r in rows)
    assert all(r["address"] and r["address"] != ADDRESS for r in rows)
    assert all(r["birth_date"] == r["address"] for r in rows)  # both "hidden"


def test_the_administrator_sees_everything(client, world, register):
    rows = export_csv(client, world.users[Role.ADMINISTRATOR])
    assert {r["iin"] for r in rows} == {a.iin for a in register}


def test_the_regional_registrar_reads_the_region_only(client, world, register):
    rows = export_csv(client, world.users[Role.REGIONAL_REGISTRAR])
    assert sorted(r["last_name"] for r in rows) == ["Ким", "Сапаров"]


def test_filters_of_the_register_list(client, world, register):
    user = world.users[Role.REGIONAL_REGISTRAR]
    rows = export_csv(client, user, "&status=active")
    assert [r["last_name"] for r in rows] == ["Сапаров"]
    rows = export_csv(client, user, f"&area={world.other_area.pk}")
    assert [r["last_name"] for r in rows] == ["Ким"]
    rows = export_csv(client, user, f"&beat={world.beat.pk}")
    assert [r["last_name"] for r in rows] == ["Сапаров"]
    # An area outside the scope is not a choice.
    assert client.get(URL + f"?area={world.far_area.pk}").status_code == 400


def test_text_that_looks_like_a_formula_is_defused(client, world):
    AssistantFactory(beat=world.beat, last_name='=HYPERLINK("http://x")', first_name="@SUM(1)")
    row = export_csv(client, world.users[Role.AKIMAT_REGISTRAR])[0]
    assert row["last_name"] == '\'=HYPERLINK("http://x")'
    assert row["first_name"] == "'@SUM(1)"


def test_xlsx_has_dates_as_dates(client, world, register):
    mine = register[0]
    rows = export_xlsx(client, world.users[Role.AKIMAT_REGISTRAR])
    assert len(rows) == 1
    assert rows[0]["iin"] == mine.iin
    for key, expected in [("applied_on", mine.applied_on), ("birth_date", mine.birth_date)]:
        value = rows[0][key]
        assert isinstance(value, datetime.date), (key, value)
        assert (value.date() if isinstance(value, datetime.datetime) else value) == expected


def test_xlsx_masks_for_the_supervisor(client, world, register):
    mine = register[0]
    rows = export_xlsx(client, world.users[Role.SUPERVISOR])
    assert mine.iin.startswith("900101")
    assert rows[0]["iin"] == "********" + mine.iin[-4:]
    assert not isinstance(rows[0]["birth_date"], datetime.date)
    cells = [str(value) for row in rows for value in row.values()]
    assert not any("900101" in cell or "1990-01-01" in cell for cell in cells)


def test_an_unknown_format_is_not_found(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(URL + "?format=pdf").status_code == 404


def test_the_council_secretary_may_not_export(client, world):
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_query_count_does_not_grow_with_the_register(client, world):
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    counts = []
    for extra in (1, 40):
        for _ in range(extra):
            AssistantFactory(beat=world.other_beat)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL + f"?format=csv&area={world.other_area.pk}")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
