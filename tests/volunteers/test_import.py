"""Import of the register from CSV and XLSX: the dry run, the apply, jobs and speed."""

import datetime
import importlib.util
import io
import time
from pathlib import Path

import pytest
from django.urls import reverse

from portal.imports import jobs, tasks
from portal.imports.errors import ImportFileError
from portal.models import Role
from tests.commit import committed
from tests.factories import AssistantFactory, BeatFactory, UserFactory, valid_iin
from tests.uploads import to_csv, to_xlsx
from volunteers.models import Assistant, AssistantStatus
from volunteers.services import registry_import as service
from volunteers.services.registry_import import REGISTER

TODAY = datetime.date.today()
APPLIED = (TODAY - datetime.timedelta(days=10)).strftime("%d.%m.%Y")

_spec = importlib.util.spec_from_file_location(
    "make_register_file",
    Path(__file__).resolve().parents[2] / "scripts" / "make_register_file.py",
)
make_register_file = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_register_file)

RU_HEADER = [
    "Фамилия",
    "Имя",
    "Отчество",
    "ИИН",
    "Телефон",
    "Адрес",
    "Район",
    "Участок",
    "Формы участия",
    "Дата заявления",
    "Согласие",
]
EN_HEADER = [
    "surname",
    "name",
    "patronymic",
    "IIN",
    "phone",
    "address",
    "area",
    "beat",
    "forms",
    "applied_on",
    "consent_given_on",
]


def iin(year, serial, sex="M"):
    return valid_iin(datetime.date(year, 3, 15), sex, start=serial)


def bad_check_digit(value):
    return value[:11] + str((int(value[11]) + 1) % 10)


def row(world, *, surname="Ахметов", iin_value=None, area=None, beat=None, forms="patrols",
        applied=APPLIED, consent=None, serial=1):  # fmt: skip
    return [
        surname,
        "Дамир",
        "Маратович",
        iin_value if iin_value is not None else iin(1985, serial),
        "+7 701 555 12 34",
        "ул. Абая, 5, кв. 1",
        area if area is not None else world.area.name,
        beat if beat is not None else world.beat.code,
        forms,
        applied,
        consent if consent is not None else applied,
    ]


def mixed_rows(world):
    """Rows 2 and 3 are good; every other row is bad for one reason, in this order."""
    live = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    return [
        row(world, serial=1),  # 2 good
        row(world, serial=2000, forms="патрулирование, Рейды"),  # 3 good, Russian labels
        row(world, iin_value=bad_check_digit(iin(1985, 3000))),  # 4 check digit
        row(world, iin_value="12345"),  # 5 format
        row(world, serial=1),  # 6 duplicate of row 2
        row(world, iin_value=live.iin),  # 7 live registration in the database
        row(world, iin_value=iin(TODAY.year - 17, 5)),  # 8 under 18
        row(world, serial=4000, area="Нет такого района"),  # 9 unknown area
        row(world, serial=5000, area=world.other_area.name, beat=world.other_beat.code),  # 10
        row(world, serial=6000, beat="999"),  # 11 unknown beat
        row(world, serial=7000, beat=world.other_beat.code),  # 12 beat outside the area
        row(world, serial=8000, surname=""),  # 13 missing surname
        row(world, serial=9000, applied="31.02.2024"),  # 14 bad date
        row(world, serial=9500, forms="танцы"),  # 15 unknown form
        row(world, serial=9700, iin_value="900101700123"),  # 16 impossible century digit
    ]


EXPECTED_REASONS = {
    4: "iin_check",
    5: "iin_format",
    6: "duplicate_in_file",
    7: "live_registration",
    8: "under_age",
    9: "unknown_area",
    10: "foreign_area",
    11: "unknown_beat",
    12: "beat_outside_area",
    13: "required",
    14: "bad_date",
    15: "unknown_form",
    16: "iin_century",
}


def reasons_by_row(result):
    return {bad.row: [code for code, _params in bad.reasons] for bad in result.bad}


# --- the dry run ---------------------------------------------------------------------------


def test_dry_run_reports_every_bad_row_with_its_reason_and_writes_nothing(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    content = to_csv(RU_HEADER, mixed_rows(world))
    before = Assistant.objects.count()
    history_before = Assistant.history.count()

    result = REGISTER.check(registrar, content, "register.csv")

    assert result.total == 15
    assert len(result.good) == 2
    found = reasons_by_row(result)
    assert sorted(found) == sorted(EXPECTED_REASONS)
    for number, code in EXPECTED_REASONS.items():
        assert code in found[number], (number, found[number])
    assert dict(result.bad[[b.row for b in result.bad].index(6)].reasons)["duplicate_in_file"] == {
        "row": 2
    }
    assert Assistant.objects.count() == before
    assert Assistant.history.count() == history_before


def test_every_reason_has_a_message(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    result = REGISTER.check(registrar, to_csv(RU_HEADER, mixed_rows(world)))
    for bad in result.bad:
        for code, params in bad.reasons:
            text = REGISTER.text(code, params)
            assert text and "%(" not in text


def test_good_rows_are_cleaned(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    rows = [row(world, serial=1), row(world, serial=2000, forms="патрулирование, Рейды")]
    rows[1][7] = str(world.beat.number)  # the beat by its number within the area
    result = REGISTER.check(registrar, to_csv(RU_HEADER, rows))
    assert result.bad == []
    first, second = result.good
    assert first["area_id"] == world.area.pk
    assert first["beat_id"] == world.beat.pk
    assert first["birth_date"] == datetime.date(1985, 3, 15)
    assert first["sex"] == "M"
    assert first["forms"] == ["patrols"]
    assert second["forms"] == ["patrols", "raids"]
    assert second["beat_id"] == world.beat.pk


# --- the apply -----------------------------------------------------------------------------


def test_apply_writes_exactly_the_good_rows_as_applications_with_history(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    content = to_csv(RU_HEADER, mixed_rows(world))
    before = Assistant.objects.count()

    result, created = service.import_file(registrar, content, "register.csv")

    assert len(created) == 2
    assert Assistant.objects.count() == before + 2
    imported = Assistant.objects.filter(iin__in=[iin(1985, 1), iin(1985, 2000)])
    assert imported.count() == 2
    for assistant in imported:
        assert assistant.status == AssistantStatus.APPLIED
        assert assistant.area == world.area
        assert assistant.beat == world.beat
        assert assistant.birth_date == datetime.date(1985, 3, 15)
        history = assistant.history.all()
        assert history.count() == 1
        assert history[0].history_user == registrar
        assert history[0].history_type == "+"


def test_the_same_file_again_gives_duplicates_as_bad_rows(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    content = to_csv(RU_HEADER, mixed_rows(world))
    service.import_file(registrar, content)
    count = Assistant.objects.count()

    again, created = service.import_file(registrar, content)

    assert created == []
    assert again.good == []
    assert "live_registration" in reasons_by_row(again)[2]
    assert "live_registration" in reasons_by_row(again)[3]
    assert Assistant.objects.count() == count


def test_a_constraint_race_rolls_the_whole_batch_back(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    rows = [row(world, serial=1), row(world, serial=2000)]
    result = REGISTER.check(registrar, to_csv(RU_HEADER, rows))
    assert len(result.good) == 2
    # Another registration of the second IIN is saved after the check.
    AssistantFactory(beat=world.beat, iin=iin(1985, 2000))
    count = Assistant.objects.count()

    with pytest.raises(service.ImportRace):
        service.write_rows(registrar, result.good)

    assert Assistant.objects.count() == count
    assert not Assistant.objects.filter(iin=iin(1985, 1)).exists()


# --- formats and headers -------------------------------------------------------------------


def test_xlsx_with_english_headers_dates_and_numbers_as_cells(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    applied = TODAY - datetime.timedelta(days=3)
    young = valid_iin(datetime.date(2005, 1, 2), "F")
    values = row(world, iin_value=int(young), beat=world.beat.number)
    values[9] = applied  # a date cell
    values[10] = datetime.datetime.combine(applied, datetime.time())
    content = to_xlsx(EN_HEADER, [values, row(world, iin_value="123")])

    result = REGISTER.check(registrar, content, "register.xlsx")

    assert [bad.row for bad in result.bad] == [3]
    good = result.good[0]
    # The spreadsheet kept the IIN as a number and lost its leading zero.
    assert good["iin"] == young and young.startswith("0")
    assert good["sex"] == "F"
    assert good["applied_on"] == applied
    assert good["consent_given_on"] == applied
    assert good["beat_id"] == world.beat.pk


def test_csv_with_semicolons_and_russian_headers(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    content = "\ufeff".encode() + to_csv(RU_HEADER, [row(world, serial=1)], delimiter=";")
    result = REGISTER.check(registrar, content, "register.csv")
    assert result.bad == [] and len(result.good) == 1


def test_csv_with_commas_and_bilingual_headers_in_any_order(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    header = [f"{ru} / {en}" for ru, en in zip(RU_HEADER, EN_HEADER, strict=True)]
    values = row(world, serial=1, forms="patrols, mass_events")
    order = list(reversed(range(len(header))))
    content = to_csv([header[i] for i in order], [[values[i] for i in order]], delimiter=",")
    result = REGISTER.check(registrar, content, "register.csv")
    assert result.bad == []
    assert result.good[0]["forms"] == ["patrols", "mass_events"]
    assert result.good[0]["last_name"] == "Ахметов"


def test_area_by_its_kazakh_name(world):
    world.area.name_kk = "Алмалы ауданы"
    world.area.save()
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    result = REGISTER.check(
        registrar, to_csv(RU_HEADER, [row(world, serial=1, area="алмалы  ауданы")])
    )
    assert result.bad == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        ("Фамилия;Имя\nА;Б\n".encode(), "missing_columns"),
        ("Фамилия;Имя\n".encode(), "empty"),
        ("Фамилия;Имя\nАхметов;Дамир\n".encode("cp1251"), "not_utf8"),
        (b"PK\x03\x04not really a zip", "unreadable"),
    ],
)
def test_bad_files_are_refused_as_a_whole(world, content, code):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    with pytest.raises(ImportFileError) as error:
        REGISTER.check(registrar, content, "register.csv")
    assert error.value.code == code
    assert str(error.value)


def test_missing_columns_are_named(world):
    with pytest.raises(ImportFileError) as error:
        REGISTER.columns.map(["Фамилия", "Имя", "ИИН"])
    assert "phone" in error.value.params["columns"]
    assert "middle_name" not in error.value.params["columns"]


# --- scope ---------------------------------------------------------------------------------


def test_a_registrar_cannot_import_into_another_area(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    rows = [
        row(world, serial=1, area=world.other_area.name, beat=world.other_beat.code),
        row(world, serial=2000, area=world.far_area.name, beat=world.far_beat.code),
    ]
    result, created = service.import_file(registrar, to_csv(RU_HEADER, rows))
    assert created == []
    assert {code for bad in result.bad for code, _p in bad.reasons} == {"foreign_area"}
    # The registrar of that area may.
    neighbour = UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.other_area)
    result, created = service.import_file(neighbour, to_csv(RU_HEADER, rows))
    assert len(created) == 1
    assert reasons_by_row(result) == {3: ["foreign_area"]}


def test_an_administrator_imports_into_any_area(world):
    admin = world.users[Role.ADMINISTRATOR]
    rows = [
        row(world, serial=1),
        row(world, serial=2000, area=world.far_area.name, beat=world.far_beat.code),
    ]
    _result, created = service.import_file(admin, to_csv(RU_HEADER, rows))
    assert {a.area_id for a in created} == {world.area.pk, world.far_area.pk}


def test_an_ambiguous_beat_number_asks_for_the_code(world):
    BeatFactory(police_point=world.point, number=world.beat.number)
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    rows = [row(world, serial=1, beat=str(world.beat.number)), row(world, serial=2000)]
    result = REGISTER.check(registrar, to_csv(RU_HEADER, rows))
    assert reasons_by_row(result) == {2: ["ambiguous_beat"]}


# --- jobs and the pages --------------------------------------------------------------------


def upload(client, content, name="register.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with committed():  # the dry run is queued when the request commits
        return client.post(reverse("register-import"), {"file": SimpleUploadedFile(name, content)})


def apply(client, job):
    with committed():
        return client.post(reverse("register-import-apply", args=[job]))


def stored(registrar, job_id):
    return jobs.get(REGISTER, registrar.pk, job_id)


def job_id_of(response):
    assert response.status_code == 302, response.status_code
    return response.url.rstrip("/").split("/")[-1]


def test_the_pages_run_a_dry_run_then_apply(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    assert client.get(reverse("register-import")).status_code == 200
    before = Assistant.objects.count()

    job = job_id_of(upload(client, to_xlsx(RU_HEADER, mixed_rows(world)), "register.xlsx"))
    before += 1  # the live assistant of mixed_rows

    page = client.get(reverse("register-import-job", args=[job]))
    assert page.status_code == 200
    assert page.context["job"]["state"] == "checked"
    assert page.context["may_apply"] is True
    assert [r["row"] for r in page.context["report"]] == sorted(EXPECTED_REASONS)
    assert all(r["reasons"] for r in page.context["report"])
    assert b'id="import-report"' in page.content
    assert Assistant.objects.count() == before  # nothing written by the dry run

    progress = client.get(reverse("register-import-progress", args=[job])).json()
    assert progress["state"] == "checked"
    assert progress["done"] is True
    assert (progress["good"], progress["bad"], progress["total"]) == (2, 13, 15)

    response = apply(client, job)
    assert response.status_code == 302
    page = client.get(reverse("register-import-job", args=[job]))
    assert page.context["job"]["state"] == "applied"
    assert page.context["job"]["written"] == 2
    # The summary still counts the rows of the file, not the records written.
    assert (page.context["job"]["total"], page.context["job"]["good"]) == (15, 2)
    assert page.content.decode().count('id="import-total">15<') == 1
    assert Assistant.objects.count() == before + 2
    assert Assistant.objects.filter(status=AssistantStatus.APPLIED, area=world.area).count() >= 2
    # The file is gone; applying again does nothing.
    assert jobs.content(REGISTER, stored(registrar, job)) is None
    apply(client, job)
    assert Assistant.objects.count() == before + 2


def test_the_job_page_shows_progress_while_running(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    job = jobs.create(REGISTER, registrar, to_csv(RU_HEADER, [row(world)]), "register.csv")
    jobs.update(REGISTER, job, state="checking", total=10_000, processed=2_500)

    page = client.get(reverse("register-import-job", args=[job["id"]]))

    assert page.status_code == 200
    assert b'<progress id="import-progress"' in page.content
    assert b'aria-live="polite"' in page.content
    assert b"js/import-progress.js" in page.content
    assert b'id="import-refresh"' in page.content
    assert b"style=" not in page.content
    progress = client.get(reverse("register-import-progress", args=[job["id"]])).json()
    assert (progress["processed"], progress["total"], progress["percent"]) == (2500, 10000, 25)
    assert progress["done"] is False and progress["message"]


def test_the_register_changing_between_check_and_apply_writes_nothing(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    job = job_id_of(
        upload(client, to_csv(RU_HEADER, [row(world, serial=1), row(world, serial=2000)]))
    )
    AssistantFactory(beat=world.beat, iin=iin(1985, 2000))
    count = Assistant.objects.count()

    apply(client, job)

    state = stored(registrar, job)
    assert state["state"] == "checked" and state["changed"] is True
    assert state["error"][0] == "changed"
    assert (state["good"], state["bad"]) == (1, 1)
    assert Assistant.objects.count() == count
    # Confirmed once more, the remaining good row goes in.
    apply(client, job)
    assert stored(registrar, job)["state"] == "applied"
    assert Assistant.objects.count() == count + 1


def test_a_bad_upload_is_refused_with_a_message(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    response = upload(client, b"hello", name="register.pdf")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_a_file_level_problem_fails_the_job(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    job = job_id_of(upload(client, "Фамилия;Имя\nА;Б\n".encode()))
    page = client.get(reverse("register-import-job", args=[job]))
    assert page.context["job"]["state"] == "failed"
    assert page.context["error"]
    assert page.context["may_apply"] is False


def test_another_users_job_is_not_found(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    job = jobs.create(REGISTER, registrar, to_csv(RU_HEADER, [row(world)]), "register.csv")
    tasks.check.delay(REGISTER.path, registrar.pk, job["id"])
    stranger = UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.other_area)
    client.force_login(stranger)
    for name in ("register-import-job", "register-import-progress"):
        assert client.get(reverse(name, args=[job["id"]])).status_code == 404
    assert client.post(reverse("register-import-apply", args=[job["id"]])).status_code == 404
    assert client.get(reverse("register-import-job", args=["x" * 32])).status_code == 404
    # An administrator may read the job but not apply it for the registrar.
    client.force_login(world.users[Role.ADMINISTRATOR])
    assert client.get(reverse("register-import-progress", args=[job["id"]])).status_code == 200
    assert client.post(reverse("register-import-apply", args=[job["id"]])).status_code == 404
    assert stored(registrar, job["id"])["state"] == "checked"


@pytest.mark.parametrize(
    "role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_only_registrars_import(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("register-import")).status_code == 403
    response = upload(client, to_csv(RU_HEADER, [row(world)]))
    assert response.status_code == 403


def test_the_template_file_is_read_back(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("register-import-template") + f"?format={fmt}")
        assert response.status_code == 200
        content = response.content
        if fmt == "csv":
            names = content.decode("utf-8-sig").strip().split(";")
        else:
            from openpyxl import load_workbook

            names = [c.value for c in next(load_workbook(io.BytesIO(content)).active.rows)]
        assert set(REGISTER.columns.map(names)) == {c.key for c in REGISTER.columns}
    bad = client.get(reverse("register-import-template") + "?format=pdf")
    assert bad.status_code == 404


def test_the_page_query_count_does_not_grow_with_the_report(client, world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    small = job_id_of(upload(client, to_csv(RU_HEADER, [row(world, iin_value="1")])))
    many = [row(world, iin_value=str(n)) for n in range(300)]
    large = job_id_of(upload(client, to_csv(RU_HEADER, many)))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for job in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("register-import-job", args=[job])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- speed ---------------------------------------------------------------------------------

SPEED_ROWS = 10_000


def test_a_generated_10000_row_file_checks_and_applies_in_under_a_minute(world):
    """Through the Celery tasks (eager, as without a broker); scripts/bench_import.py prints
    rows per second on a file database."""
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    colleague = BeatFactory(police_point=world.point)
    header, data = make_register_file.generate(
        SPEED_ROWS, area=world.area.name, beats=[world.beat.code, colleague.number]
    )
    content = make_register_file.to_csv(header, data)
    job = jobs.create(REGISTER, registrar, content, "big.csv")

    started = time.perf_counter()
    tasks.check.delay(REGISTER.path, registrar.pk, job["id"])
    checked = time.perf_counter()
    state = stored(registrar, job["id"])
    assert (state["state"], state["good"], state["bad"]) == ("checked", SPEED_ROWS, 0)
    assert Assistant.objects.count() == 0
    assert jobs.claim_apply(REGISTER, state)
    tasks.apply.delay(REGISTER.path, registrar.pk, job["id"])
    applied = time.perf_counter()

    state = stored(registrar, job["id"])
    assert (state["state"], state["written"]) == ("applied", SPEED_ROWS)
    assert Assistant.objects.filter(area=world.area).count() == SPEED_ROWS
    assert Assistant.history.filter(area=world.area, history_user=registrar).count() == SPEED_ROWS
    assert checked - started < 60
    assert applied - checked < 60


def test_the_dry_run_query_count_is_flat(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    registrar = world.users[Role.AKIMAT_REGISTRAR]
    counts = []
    for size in (5, 400):
        header, data = make_register_file.generate(size, area=world.area.name, beats=[1])
        data = [[*values[:7], world.beat.code, *values[8:]] for values in data]
        with CaptureQueriesContext(connection) as queries:
            REGISTER.check(registrar, make_register_file.to_csv(header, data))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_view_queues_the_dry_run_after_the_commit(
    client, world, django_capture_on_commit_callbacks
):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    client.force_login(registrar)
    content = to_csv(RU_HEADER, [row(world, serial=1)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("register-import"), {"file": SimpleUploadedFile("register.csv", content)}
        )
    job = job_id_of(response)
    assert stored(registrar, job)["state"] == "queued"  # nothing runs before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task is sent and, without a broker, runs at once

    assert stored(registrar, job)["state"] == "checked"


def test_a_job_whose_worker_died_is_given_up(client, world, monkeypatch):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    job = jobs.create(REGISTER, registrar, to_csv(RU_HEADER, [row(world)]), "register.csv")
    jobs.update(REGISTER, job, state="applying", phase="apply")
    client.force_login(registrar)
    assert client.get(reverse("register-import-progress", args=[job["id"]])).json()["done"] is False

    # As if nothing had been heard of it for longer than a task may run.
    monkeypatch.setattr(jobs, "stalled_after", lambda: -1)
    progress = client.get(reverse("register-import-progress", args=[job["id"]])).json()
    assert (progress["state"], progress["done"]) == ("failed", True)
    assert progress["message"] == REGISTER.text("stalled")


def test_an_area_name_shared_by_two_regions(world):
    world.far_area.name = world.area.name
    world.far_area.save()
    rows = [row(world, serial=1)]
    # The registrar's own area is meant.
    result = REGISTER.check(world.users[Role.AKIMAT_REGISTRAR], to_csv(RU_HEADER, rows))
    assert result.bad == [] and result.good[0]["area_id"] == world.area.pk
    # An administrator's scope holds both: the name does not tell which.
    result = REGISTER.check(world.users[Role.ADMINISTRATOR], to_csv(RU_HEADER, rows))
    assert reasons_by_row(result) == {2: ["ambiguous_area"]}
