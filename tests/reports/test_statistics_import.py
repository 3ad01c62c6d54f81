"""Import of offence statistics from CSV and XLSX: the dry run, the apply, scope and speed."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from portal.imports import jobs
from portal.models import Role
from portal.periods import last_completed_quarter
from reports.models import OffenceCategory, OffenceStatistic
from reports.services import statistics_import as service
from reports.services.statistics_import import STATISTICS
from tests.commit import committed
from tests.factories import BeatFactory, OffenceStatisticFactory
from tests.uploads import to_csv, to_xlsx

HEADER = ["Участок", "Год", "Квартал", "Категория", "Количество"]
NEXT_YEAR = datetime.date.today().year + 1


def upload(client, content, name="statistics.csv"):
    file = io.BytesIO(content)
    file.name = name
    with committed():  # the dry run is queued when the request commits
        return client.post(reverse("statistics-import"), {"file": file})


def upload_id(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def check(client, content, name="statistics.csv"):
    uid = upload_id(upload(client, content, name))
    response = client.get(reverse("statistics-import-check", kwargs={"upload": uid}))
    assert response.status_code == 200
    return uid, response


def apply(client, uid, check_response):
    fingerprint = check_response.context["result"].fingerprint
    with committed():  # the apply is queued when the request commits
        return client.post(
            reverse("statistics-import-apply", kwargs={"upload": uid}), {"fingerprint": fingerprint}
        )


def stat(beat, code, count, year=2024, quarter=2):
    return OffenceStatisticFactory(beat=beat, code=code, year=year, quarter=quarter, count=count)


def snapshot():
    return sorted(
        OffenceStatistic.objects.values_list(
            "beat_id", "category__code", "year", "quarter", "count"
        )
    )


def reasons_by_row(response):
    return {
        bad.row: [code for code, _params in bad.reasons] for bad in response.context["result"].bad
    }


@pytest.fixture
def stored(monkeypatch):
    """The ids of the uploads kept in the cache during the test."""
    ids = []
    original = jobs.create

    def store(*args, **kwargs):
        ids.append(original(*args, **kwargs)["id"])
        return ids[-1]

    monkeypatch.setattr(jobs, "create", store)
    return ids


@pytest.fixture
def inspector(client, world):
    client.force_login(world.inspector)
    return client


def mixed_rows(world):
    """Rows 2–5 are good; each later row is bad for one reason (16 has no count)."""
    b = world.beat
    return [
        [b.code, 2024, 2, "theft", 4],  # 2 new, by code
        [str(b.number), 2024, 2, "Мошенничество", 5],  # 3 changed 2 → 5, by number, Russian
        [b.code.upper(), "2024", "II", "Бұзақылық", "0"],  # 4 new zero, Kazakh, roman quarter
        [b.code, 2024, 2, "robbery", 3],  # 5 unchanged (already 3)
        ["nope-99", 2024, 2, "theft", 1],  # 6 unknown beat
        [world.other_beat.code, 2024, 2, "theft", 1],  # 7 beat outside the scope
        [b.code, 2024, 2, "Пиратство", 1],  # 8 unknown category
        [b.code, "20x4", 2, "theft", 1],  # 9 bad year
        [b.code, 1999, 2, "theft", 1],  # 10 year before 2000
        [b.code, 2024, 5, "theft", 1],  # 11 bad quarter
        [b.code, NEXT_YEAR, 1, "theft", 1],  # 12 future quarter
        [b.code, 2024, 3, "theft", -3],  # 13 negative count
        [b.code, 2024, 4, "theft", "2.5"],  # 14 not a whole number
        [b.code, 2024, 2, "theft", 9],  # 15 repeats row 2
        [b.code, 2024, 1, "theft", ""],  # 16 no count: left out
        [str(world.colleague_beat.number), 2024, 2, "theft", 1],  # 17 colleague's number
    ]


EXPECTED_REASONS = {
    6: ["unknown_beat"],
    7: ["foreign_beat"],
    8: ["unknown_category"],
    9: ["bad_year"],
    10: ["early_year"],
    11: ["bad_quarter"],
    12: ["future_quarter"],
    13: ["negative_count"],
    14: ["bad_count"],
    15: ["duplicate_in_file"],
    17: ["foreign_beat"],
}


def test_dry_run_lists_every_bad_row_and_writes_nothing(inspector, world):
    stat(world.beat, "fraud", 2)
    stat(world.beat, "robbery", 3)
    before, history_before = snapshot(), OffenceStatistic.history.count()

    uid, response = check(inspector, to_csv(HEADER, mixed_rows(world)))

    assert reasons_by_row(response) == EXPECTED_REASONS
    result = response.context["result"]
    assert result.total == 16
    assert [r.row for r in response.context["new_rows"]] == [2, 4]
    (changed,) = response.context["changed_rows"]
    assert (changed.row, changed.old, changed.new) == (3, 2, 5)
    assert response.context["unchanged_count"] == 1
    assert result.skipped == [16]
    assert response.context["may_apply"] is True
    # The duplicate names the row it repeats.
    duplicate = next(b for b in result.bad if b.row == 15)
    assert duplicate.reasons == [("duplicate_in_file", {"row": 2})]
    content = response.content.decode()
    for row in EXPECTED_REASONS:
        assert f'id="bad-row-{row}"' in content
    assert 'id="import-apply-form"' in content
    # Nothing written.
    assert snapshot() == before
    assert OffenceStatistic.history.count() == history_before


def test_apply_writes_exactly_the_good_rows_with_history(inspector, world):
    stat(world.beat, "fraud", 2)
    stat(world.beat, "robbery", 3)
    uid, checked = check(inspector, to_csv(HEADER, mixed_rows(world)), "mixed.csv")

    response = apply(inspector, uid, checked)

    assert response.status_code == 302
    # The applied job sends the user on to the statistics it wrote.
    response = inspector.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("statistics-list"))
    assert snapshot() == sorted(
        [
            (world.beat.pk, "theft", 2024, 2, 4),
            (world.beat.pk, "fraud", 2024, 2, 5),
            (world.beat.pk, "hooliganism", 2024, 2, 0),
            (world.beat.pk, "robbery", 2024, 2, 3),
        ]
    )
    history = OffenceStatistic.history.filter(history_user=world.inspector)
    assert sorted(history.values_list("category__code", "history_type", "count")) == [
        ("fraud", "~", 5),
        ("hooliganism", "+", 0),
        ("theft", "+", 4),
    ]
    assert set(history.values_list("history_change_reason", flat=True)) == {"Import: mixed.csv"}
    # The upload is gone after the apply.
    assert (
        inspector.get(reverse("statistics-import-check", kwargs={"upload": uid})).status_code == 404
    )


def test_reimport_updates_values(inspector, world):
    first = to_csv(HEADER, [[world.beat.code, 2024, 2, "theft", 4]])
    uid, checked = check(inspector, first)
    assert apply(inspector, uid, checked).status_code == 302

    second = to_csv(HEADER, [[world.beat.code, 2024, 2, "кражи", 7]])
    uid, checked = check(inspector, second)
    (changed,) = checked.context["changed_rows"]
    assert (changed.old, changed.new) == (4, 7)
    assert apply(inspector, uid, checked).status_code == 302

    theft = OffenceStatistic.objects.get(beat=world.beat, category__code="theft")
    assert theft.count == 7
    assert [h.history_type for h in theft.history.order_by("history_date")] == ["+", "~"]

    # The same file again changes nothing and offers nothing to apply.
    uid, checked = check(inspector, second)
    assert checked.context["may_apply"] is False
    assert checked.context["unchanged_count"] == 1


def test_xlsx_with_kazakh_headers(inspector, world):
    header = ["Учаске", "Жыл", "Тоқсан", "Санат", "Саны"]
    rows = [
        [world.beat.code, 2024, 1, "Ұрлық", 3],  # numbers as numeric cells
        [world.beat.number, 2024.0, "1 тоқсан", "drugs", 2.0],
    ]
    uid, checked = check(inspector, to_xlsx(header, rows), "statistics.xlsx")
    assert checked.context["result"].bad == []
    assert apply(inspector, uid, checked).status_code == 302
    assert snapshot() == sorted(
        [(world.beat.pk, "theft", 2024, 1, 3), (world.beat.pk, "drugs", 2024, 1, 2)]
    )


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", True), (";", False), (",", True), (",", False)]
)
def test_csv_with_either_delimiter_and_bom(inspector, world, delimiter, bom):
    header = ["Участок / beat", "year", "quarter", "category", "count"]
    content = to_csv(header, [[world.beat.code, 2023, 4, "Theft", 1]], delimiter, bom)
    uid, checked = check(inspector, content)
    assert checked.context["result"].bad == []
    assert len(checked.context["new_rows"]) == 1
    assert apply(inspector, uid, checked).status_code == 302
    assert snapshot() == [(world.beat.pk, "theft", 2023, 4, 1)]


def test_another_users_upload_is_404(client, world, inspector):
    uid, checked = check(inspector, to_csv(HEADER, [[world.beat.code, 2024, 2, "theft", 4]]))
    fingerprint = checked.context["result"].fingerprint
    client.force_login(world.users[Role.SUPERVISOR])
    assert client.get(reverse("statistics-import-check", kwargs={"upload": uid})).status_code == 404
    response = client.post(
        reverse("statistics-import-apply", kwargs={"upload": uid}), {"fingerprint": fingerprint}
    )
    assert response.status_code == 404
    assert not OffenceStatistic.objects.exists()
    unknown = reverse("statistics-import-check", kwargs={"upload": "x" * 32})
    assert client.get(unknown).status_code == 404


def test_apply_refuses_when_the_plan_has_changed(inspector, world):
    uid, checked = check(inspector, to_csv(HEADER, [[world.beat.code, 2024, 2, "theft", 4]]))
    stat(world.beat, "theft", 2)  # saved by someone else after the check
    response = apply(inspector, uid, checked)
    assert response.status_code == 302
    assert response.url == reverse("statistics-import-check", kwargs={"upload": uid})
    assert OffenceStatistic.objects.get().count == 2
    # The new check shows the new old value; confirming it writes.
    again = inspector.get(response.url)
    (changed,) = again.context["changed_rows"]
    assert (changed.old, changed.new) == (2, 4)
    assert apply(inspector, uid, again).status_code == 302
    assert OffenceStatistic.objects.get().count == 4


def test_apply_by_get_only_redirects(inspector, world):
    uid, _checked = check(inspector, to_csv(HEADER, [[world.beat.code, 2024, 2, "theft", 4]]))
    response = inspector.get(reverse("statistics-import-apply", kwargs={"upload": uid}))
    assert response.status_code == 302
    assert not OffenceStatistic.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (to_csv(["beat", "year", "quarter", "count"], [["x", 2024, 1, 1]]), "a.csv"),  # no category
        (to_csv(HEADER, []), "a.csv"),  # no rows
        ("Участок;Год\n".encode("cp1251"), "a.csv"),  # not UTF-8
        (b"not a workbook", "a.xlsx"),
        (b"beat;year", "a.txt"),  # wrong type
    ],
)
def test_bad_files_are_refused_on_the_upload_page(inspector, stored, content, name):
    response = upload(inspector, content, name)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert stored == []  # nothing kept


def test_supervisor_imports_department_beats_by_number(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    rows = [
        [str(world.colleague_beat.number), 2024, 2, "theft", 1],
        [f"№ {world.beat.number}", 2024, 2, "theft", 2],
        [world.other_beat.code, 2024, 2, "theft", 3],  # another department
        [world.far_beat.code, 2024, 2, "theft", 3],  # another region
    ]
    uid, checked = check(client, to_csv(HEADER, rows))
    assert reasons_by_row(checked) == {4: ["foreign_beat"], 5: ["foreign_beat"]}
    assert apply(client, uid, checked).status_code == 302
    assert snapshot() == sorted(
        [(world.colleague_beat.pk, "theft", 2024, 2, 1), (world.beat.pk, "theft", 2024, 2, 2)]
    )


def test_ambiguous_beat_number_asks_for_the_code(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    BeatFactory(police_point=world.other_point, number=world.beat.number)
    rows = [[str(world.beat.number), 2024, 2, "theft", 1], [world.beat.code, 2024, 2, "theft", 1]]
    _uid, checked = check(client, to_csv(HEADER, rows))
    assert reasons_by_row(checked) == {2: ["ambiguous_beat"]}


def test_inactive_category_is_refused(inspector, world):
    OffenceCategory.objects.filter(code="traffic").update(is_active=False)
    _uid, checked = check(inspector, to_csv(HEADER, [[world.beat.code, 2024, 2, "traffic", 1]]))
    assert reasons_by_row(checked) == {2: ["inactive_category"]}
    assert checked.context["may_apply"] is False


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_non_police_roles_cannot_import(client, world, stored, role):
    client.force_login(world.users[role])
    assert client.get(reverse("statistics-import")).status_code == 403
    response = upload(client, to_csv(HEADER, [[world.beat.code, 2024, 2, "theft", 1]]))
    assert response.status_code == 403
    assert client.get(reverse("statistics-import-template")).status_code == 403
    assert stored == []


def test_dry_run_query_count_is_flat(world):
    def count_queries(rows):
        content = to_csv(HEADER, rows)
        with CaptureQueriesContext(connection) as context:
            STATISTICS.check(world.inspector, content, "a.csv")
        return len(context)

    beats = [world.beat] + [
        BeatFactory(police_point=world.point, inspector=world.inspector) for _ in range(4)
    ]
    codes = list(OffenceCategory.objects.values_list("code", flat=True))
    # Both files name a beat that is not the user's: one query looks such codes up.
    small = count_queries([[world.beat.code, 2024, 1, "theft", 1], ["nope", 2024, 1, "theft", 1]])
    for beat in beats:
        stat(beat, "theft", 1, year=2023, quarter=3)
    rows = [
        [beat.code if n % 2 else str(beat.number), year, quarter, code, n]
        for n, (beat, year, quarter, code) in enumerate(
            (b, y, q, c) for b in beats for y in (2023, 2024) for q in (1, 2, 3, 4) for c in codes
        )
    ]
    rows += [["nope", 2024, 1, "theft", 1], [world.other_beat.code, 2024, 1, "nope", -1]]
    assert len(rows) > 400
    assert count_queries(rows) == small


def test_check_page_query_count_is_flat(inspector, world):
    def count_queries(rows):
        uid = upload_id(upload(inspector, to_csv(HEADER, rows)))
        with CaptureQueriesContext(connection) as context:
            response = inspector.get(reverse("statistics-import-check", kwargs={"upload": uid}))
            assert response.status_code == 200
        return len(context)

    small = count_queries([[world.beat.code, 2024, 1, "theft", 1], ["nope", 2024, 1, "theft", 1]])
    codes = list(OffenceCategory.objects.values_list("code", flat=True))
    rows = [
        [world.beat.code, year, q, c, 1] for year in (2022, 2023) for q in (1, 2, 3) for c in codes
    ]
    rows += [["nope", 2024, 1, "theft", 1]] * 5
    assert count_queries(rows) == small


def test_apply_query_count_is_flat(inspector, world):
    codes = list(OffenceCategory.objects.values_list("code", flat=True))

    def count_queries(rows):
        uid, checked = check(inspector, to_csv(HEADER, rows))
        with CaptureQueriesContext(connection) as context:
            assert apply(inspector, uid, checked).status_code == 302
        return len(context)

    # A new value and a changed one each time; many more of both the second time.
    stat(world.beat, "theft", 1, year=2020, quarter=1)
    small = count_queries(
        [[world.beat.code, 2020, 1, "theft", 2], [world.beat.code, 2020, 1, "fraud", 1]]
    )
    rows = [[world.beat.code, 2021, q, c, 1] for q in (1, 2) for c in codes]
    rows += [[world.beat.code, 2020, 1, c, 5] for c in codes]
    assert count_queries(rows) == small


# --- the template file --------------------------------------------------------------------


def test_template_round_trip(inspector, world):
    response = inspector.get(reverse("statistics-import-template") + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('statistics-template.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(rows) == 1 + OffenceCategory.objects.filter(is_active=True).count()
    year, quarter = last_completed_quarter()
    assert {(r[0], r[1], r[2]) for r in rows[1:]} == {(world.beat.code, year, quarter)}
    # Filled in, it imports; rows left empty change nothing.
    rows[1][4] = 3
    uid, checked = check(inspector, to_xlsx(rows[0], rows[1:]), "template.xlsx")
    assert checked.context["result"].bad == []
    assert len(checked.context["new_rows"]) == 1
    assert len(checked.context["result"].skipped) == len(rows) - 2


def test_template_csv_has_bom_and_semicolons(inspector, world):
    response = inspector.get(reverse("statistics-import-template") + "?format=csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.count(";") == 4
    assert STATISTICS.columns.map(first_line.split(";")) == {
        "beat": 0,
        "year": 1,
        "quarter": 2,
        "category": 3,
        "count": 4,
    }
    assert inspector.get(reverse("statistics-import-template") + "?format=pdf").status_code == 404


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1), (4.0, 4), ("2", 2), ("III", 3), ("Q4", 4), ("1 кв", 1), ("2 тоқсан", 2), (5, None),
     ("0", None), ("first", None), ("1.5", None)],
)  # fmt: skip
def test_quarter_values(value, expected):
    assert service._quarter(value) == expected
