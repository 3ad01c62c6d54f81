"""Door-to-door rounds: create, edit, list, filter, bad input, scope, query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districts.forms.rounds import RoundForm, RoundStreetFormSet
from districts.models import DoorToDoorRound, RoundStreet
from districts.services.rounds import round_save
from portal.models import Role
from tests.dates import days
from tests.factories import BeatFactory, BeatStreetFactory, DoorToDoorRoundFactory

TODAY = timezone.localdate


@pytest.fixture
def streets(world):
    """Two streets of the inspector's beat and one of a colleague's beat."""
    abaya = BeatStreetFactory(beat=world.beat, name_ru="ул. Абая", houses="1–45, 2–60")
    zharokova = BeatStreetFactory(beat=world.beat, name_ru="ул. Жарокова", houses="")
    colleague = BeatStreetFactory(beat=world.colleague_beat, name_ru="ул. Тимирязева")
    return abaya, zharokova, colleague


def round_data(for_beat, rows=(), existing=(), **overrides):
    """POST data of the round form; `rows` are (street, houses) or (street, houses, DELETE),
    the first len(existing) of them editing the existing RoundStreet rows."""
    data = {
        "beat": for_beat.pk,
        "date": days(-1).isoformat(),
        "apartments_visited": "40",
        "residents_met": "25",
        "notes": "",
        "streets-TOTAL_FORMS": str(len(rows)),
        "streets-INITIAL_FORMS": str(len(existing)),
        "streets-MIN_NUM_FORMS": "0",
        "streets-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        street, houses, *delete = row
        data[f"streets-{i}-street"] = street.pk if street else ""
        data[f"streets-{i}-houses"] = houses
        if i < len(existing):
            data[f"streets-{i}-id"] = existing[i].pk
        if delete:
            data[f"streets-{i}-DELETE"] = "on"
    return {**data, **overrides}


def saved_streets(record):
    return {(rs.street_id, rs.houses) for rs in record.streets.all()}


# --- create ------------------------------------------------------------------------------------


def test_inspector_logs_a_round_with_its_streets(inspector_client, world, streets):
    abaya, zharokova, _ = streets
    data = round_data(world.beat, [(abaya, " 1–45 "), (zharokova, "")])
    response = inspector_client.post(reverse("round-create"), data)
    assert response.status_code == 302
    record = DoorToDoorRound.objects.get()
    assert response.url == reverse("round-edit", args=[record.pk])
    assert record.beat == world.beat
    assert record.created_by == world.inspector
    assert (record.date, record.apartments_visited, record.residents_met) == (days(-1), 40, 25)
    assert saved_streets(record) == {(abaya.pk, "1–45"), (zharokova.pk, "")}


def test_empty_spare_rows_are_not_saved(inspector_client, world, streets):
    abaya = streets[0]
    data = round_data(world.beat, [(abaya, ""), (None, ""), (None, "")])
    assert inspector_client.post(reverse("round-create"), data).status_code == 302
    assert RoundStreet.objects.count() == 1


def test_new_round_form_defaults_to_today_my_beat_and_my_streets(inspector_client, world, streets):
    abaya, zharokova, colleague = streets
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    mine_too = BeatStreetFactory(beat=second_beat, name_ru="ул. Гоголя", houses="1–9")
    response = inspector_client.get(reverse("round-create"))
    assert response.status_code == 200
    form, formset = response.context["form"], response.context["formset"]
    assert form.initial["date"] == TODAY()
    assert set(form.fields["beat"].queryset) == {world.beat, second_beat}
    assert len(formset.forms) == 3
    choices = dict(formset.forms[0].fields["street"].choices)
    assert set(choices) - {""} == {abaya.pk, zharokova.pk, mine_too.pk}
    assert colleague.pk not in choices
    assert choices[abaya.pk] == f"ул. Абая — 1–45, 2–60 — {world.beat}"
    assert choices[mine_too.pk] == f"ул. Гоголя — 1–9 — {second_beat}"


def test_a_single_beat_is_preselected(inspector_client, world, streets):
    form = inspector_client.get(reverse("round-create")).context["form"]
    assert form.initial["beat"] == world.beat.pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"apartments_visited": "-1"}, "apartments_visited"),
        ({"residents_met": "-5"}, "residents_met"),
        ({"residents_met": ""}, "residents_met"),
        ({"beat": "999999"}, "beat"),
    ],
)
def test_bad_round_is_refused_and_nothing_saved(inspector_client, world, streets, overrides, field):
    data = round_data(world.beat, [(streets[0], "")], **overrides)
    response = inspector_client.post(reverse("round-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert DoorToDoorRound.objects.count() == 0
    assert RoundStreet.objects.count() == 0


def test_error_messages_follow_the_users_language(inspector_client, world, streets):
    # Django's own messages are translated; the portal's new strings get their kk/ru
    # translations when the catalogues are refreshed.
    inspector_client.cookies.load({"django_language": "kk"})
    data = round_data(world.beat, [(streets[0], "")], residents_met="")
    response = inspector_client.post(reverse("round-create"), data)
    message = str(response.context["form"].errors["residents_met"][0])
    assert message != "This field is required."
    assert DoorToDoorRound.objects.count() == 0


def street_errors(response):
    return [form.errors for form in response.context["formset"].forms]


def test_a_street_of_another_of_my_beats_is_refused(inspector_client, world, streets):
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    elsewhere = BeatStreetFactory(beat=second_beat, name_ru="ул. Гоголя")
    data = round_data(world.beat, [(streets[0], ""), (elsewhere, "")])
    response = inspector_client.post(reverse("round-create"), data)
    assert response.status_code == 200
    errors = street_errors(response)
    assert "street" in errors[1] and not errors[0]
    assert DoorToDoorRound.objects.count() == 0
    assert RoundStreet.objects.count() == 0


def test_a_street_outside_my_beats_is_not_a_valid_choice(inspector_client, world, streets):
    colleague_street = streets[2]
    data = round_data(world.beat, [(colleague_street, "")])
    response = inspector_client.post(reverse("round-create"), data)
    assert "street" in street_errors(response)[0]
    assert DoorToDoorRound.objects.count() == 0


@pytest.mark.parametrize("houses", ["47", "2–62", "1–45, 100", "дом <b>"])
def test_houses_outside_the_beats_part_of_the_street_are_refused(
    inspector_client, world, streets, houses
):
    data = round_data(world.beat, [(streets[0], houses)])
    response = inspector_client.post(reverse("round-create"), data)
    assert "houses" in street_errors(response)[0]
    assert DoorToDoorRound.objects.count() == 0


def test_the_same_street_twice_is_refused(inspector_client, world, streets):
    data = round_data(world.beat, [(streets[0], "1–45"), (streets[0], "2–60")])
    response = inspector_client.post(reverse("round-create"), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert not formset.is_valid()
    assert DoorToDoorRound.objects.count() == 0


def test_a_round_must_cover_at_least_one_street_of_the_beat(inspector_client, world, streets):
    data = round_data(world.beat, [(None, "")])
    response = inspector_client.post(reverse("round-create"), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert DoorToDoorRound.objects.count() == 0


def test_a_beat_without_a_street_list_still_gets_rounds(inspector_client, world):
    data = round_data(world.beat, [(None, "")])
    assert inspector_client.post(reverse("round-create"), data).status_code == 302
    assert DoorToDoorRound.objects.count() == 1


def test_the_service_refuses_a_street_of_another_beat(world, streets):
    """The formset checks the beat first; the service is the last line of defence."""
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    elsewhere = BeatStreetFactory(beat=second_beat)
    data = round_data(world.beat, [(elsewhere, "")])
    form = RoundForm(data, user=world.inspector)
    formset = RoundStreetFormSet(data, instance=DoorToDoorRound(), prefix="streets",
                                 user=world.inspector)  # fmt: skip
    assert form.is_valid() and formset.is_valid()  # no beat given to the formset
    with pytest.raises(ValidationError):
        round_save(form=form, formset=formset, user=world.inspector)
    assert DoorToDoorRound.objects.count() == 0
    assert RoundStreet.objects.count() == 0


# --- edit --------------------------------------------------------------------------------------


def make_round(beat, *rows, **fields):
    record = DoorToDoorRoundFactory(beat=beat, **fields)
    existing = [RoundStreet.objects.create(round=record, street=s, houses=h) for s, h in rows]
    return record, existing


def test_inspector_edits_a_round_and_its_streets(inspector_client, world, streets):
    abaya, zharokova, _ = streets
    record, existing = make_round(world.beat, (abaya, "1–45"), (zharokova, ""))
    page = inspector_client.get(reverse("round-edit", args=[record.pk]))
    assert page.status_code == 200
    assert len(page.context["formset"].forms) == 3  # two streets and a spare row
    data = round_data(
        world.beat,
        [(abaya, "1–45, 2–60"), (zharokova, "", "DELETE")],
        existing=existing,
        apartments_visited="55",
    )
    response = inspector_client.post(reverse("round-edit", args=[record.pk]), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.apartments_visited == 55
    assert saved_streets(record) == {(abaya.pk, "1–45, 2–60")}


def test_moving_a_round_to_another_beat_keeps_its_streets_honest(inspector_client, world, streets):
    abaya = streets[0]
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    record, existing = make_round(world.beat, (abaya, ""))
    data = round_data(second_beat, [(abaya, "")], existing=existing)
    response = inspector_client.post(reverse("round-edit", args=[record.pk]), data)
    assert response.status_code == 200
    assert "street" in street_errors(response)[0]
    record.refresh_from_db()
    assert record.beat == world.beat


def test_inspector_cannot_open_or_change_another_beats_round(inspector_client, world, streets):
    for beat in (world.colleague_beat, world.other_beat):
        record = DoorToDoorRoundFactory(beat=beat, apartments_visited=7)
        url = reverse("round-edit", args=[record.pk])
        assert inspector_client.get(url).status_code == 404
        data = round_data(world.beat, [(streets[0], "")], apartments_visited="99")
        assert inspector_client.post(url, data).status_code == 404
        record.refresh_from_db()
        assert record.apartments_visited == 7
    assert DoorToDoorRound.objects.filter(beat=world.beat).count() == 0


def test_supervisor_reads_the_department_but_cannot_change(client, world, streets):
    mine, existing = make_round(world.beat, (streets[0], "1–45"))
    colleague = DoorToDoorRoundFactory(beat=world.colleague_beat)
    DoorToDoorRoundFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    listed = client.get(reverse("round-list")).context["object_list"]
    assert set(listed) == {mine, colleague}
    page = client.get(reverse("round-edit", args=[mine.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    formset = page.context["formset"]
    assert len(formset.forms) == 1  # no spare rows on a read-only page
    assert all(f.disabled for form in formset.forms for f in form.fields.values())
    data = round_data(world.beat, [(streets[0], "")], existing=existing)
    assert client.post(reverse("round-edit", args=[mine.pk]), data).status_code == 403
    assert client.get(reverse("round-create")).status_code == 403
    assert saved_streets(mine) == {(streets[0].pk, "1–45")}


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_akimat_staff_cannot_see_rounds(client, world, role):
    record = DoorToDoorRoundFactory(beat=world.beat)
    client.force_login(world.users[role])
    assert client.get(reverse("round-list")).status_code == 403
    assert client.get(reverse("round-edit", args=[record.pk])).status_code == 403


# --- list --------------------------------------------------------------------------------------


def test_list_shows_counts_and_number_of_streets(inspector_client, world, streets):
    record, _ = make_round(world.beat, (streets[0], ""), (streets[1], ""))
    DoorToDoorRoundFactory(beat=world.colleague_beat)
    response = inspector_client.get(reverse("round-list"))
    [listed] = response.context["object_list"]
    assert listed == record and listed.street_count == 2
    assert [name for name, _ in response.context["columns"]] == [
        "date",
        "beat",
        "apartments_visited",
        "residents_met",
        "street_count",
    ]
    assert reverse("round-edit", args=[record.pk]) in response.content.decode()


def test_list_filters_by_date_range_and_beat(inspector_client, world):
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    old = DoorToDoorRoundFactory(beat=world.beat, date=days(-40))
    recent = DoorToDoorRoundFactory(beat=world.beat, date=days(-2))
    other = DoorToDoorRoundFactory(beat=second_beat, date=days(-3))
    url = reverse("round-list")

    def listed(**params):
        return list(inspector_client.get(url, params).context["object_list"])

    assert listed() == [recent, other, old]  # newest first
    assert set(listed(date_from=days(-10).isoformat())) == {recent, other}
    assert listed(date_to=days(-10).isoformat()) == [old]
    assert listed(date_from=days(-3).isoformat(), date_to=days(-3).isoformat()) == [other]
    assert listed(beat=second_beat.pk) == [other]
    # Another inspector's beat is not a choice: the filter refuses it and shows nothing of it.
    response = inspector_client.get(url, {"beat": world.colleague_beat.pk})
    assert "beat" in response.context["filter"].form.errors


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.INSPECTOR])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse("round-list")).status_code == 200
        return len(captured)

    def add(beat, n):
        street = BeatStreetFactory(beat=beat)
        for record in DoorToDoorRoundFactory.create_batch(n, beat=beat):
            RoundStreet.objects.create(round=record, street=street)

    add(world.beat, 2)
    small = measure()
    add(world.beat, 6)
    for _ in range(3):
        add(BeatFactory(police_point=world.point), 5)
    assert measure() == small


def test_edit_page_query_count_does_not_grow_with_streets(
    inspector_client, world, django_assert_max_num_queries
):
    def measure(record):
        with django_assert_max_num_queries(25) as captured:
            assert inspector_client.get(reverse("round-edit", args=[record.pk])).status_code == 200
        return len(captured)

    few = [BeatStreetFactory(beat=world.beat, name_ru=f"ул. {i}") for i in range(2)]
    small = measure(make_round(world.beat, *[(s, "") for s in few])[0])
    many = [BeatStreetFactory(beat=world.beat, name_ru=f"пр. {i}") for i in range(10)]
    assert measure(make_round(world.beat, *[(s, "") for s in many])[0]) == small


def test_two_rows_can_swap_their_streets(inspector_client, world, streets):
    abaya, zharokova, _ = streets
    record, existing = make_round(world.beat, (abaya, "1–45"), (zharokova, ""))
    data = round_data(world.beat, [(zharokova, ""), (abaya, "2–60")], existing=existing)
    response = inspector_client.post(reverse("round-edit", args=[record.pk]), data)
    assert response.status_code == 302
    assert saved_streets(record) == {(abaya.pk, "2–60"), (zharokova.pk, "")}
