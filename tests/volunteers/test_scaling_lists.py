"""What keeps the register and its regional record as fast for a country as for an area:
stored duty totals that follow the duty log, the register read stage by stage in the same
order as one sort, a beat code box instead of a drop-down of every beat, capped counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from districts.filters import base as beat_filters
from portal import pagination
from portal.models import Role
from portal.periods import add_working_days
from tests.clients import as_role
from tests.dates import days
from tests.factories import AssistantFactory, valid_iin
from volunteers.filters.assistants import NAME_ORDER, STAGES
from volunteers.models import AreaDutyHours, AssistantStatus, Duty
from volunteers.views.registry import regional_rows

S = AssistantStatus
TODAY = datetime.date.today()


def duty(assistant, hours):
    return Duty.objects.create(
        assistant=assistant,
        date=TODAY,
        hours=Decimal(hours),
        kind="patrols",
        beat=assistant.beat,
        supervisor=assistant.beat.inspector,
    )


def hours_by_area(world):
    rows, _grand = regional_rows(world.users[Role.ADMINISTRATOR], year=TODAY.year)
    return {row.area.pk: row.hours for row in rows}


def test_stored_duty_totals_follow_every_change_of_the_duty_log(world):
    mine = AssistantFactory(beat=world.beat, status=S.ACTIVE)
    first = duty(mine, "3.5")
    assert hours_by_area(world)[world.area.pk] == Decimal("3.5")
    assert AreaDutyHours.objects.filter(area=world.area, year=TODAY.year).exists()

    duty(mine, "2")
    assert hours_by_area(world)[world.area.pk] == Decimal("5.5")
    first.hours = Decimal("1")
    first.save()
    assert hours_by_area(world)[world.area.pk] == Decimal("3")
    first.delete()
    assert hours_by_area(world)[world.area.pk] == Decimal("2")

    # The assistant moves to the other area: the hours go with them.
    mine.area, mine.beat = world.other_area, world.other_beat
    mine.save()
    totals = hours_by_area(world)
    assert (totals[world.area.pk], totals[world.other_area.pk]) == (0, Decimal("2"))


def waiting_register(world):
    """Records in every stage, with applications and petitions on many days, petitions on
    a Friday, a Saturday and a Sunday (due the same working day), and names that tie."""
    made = []
    for n in range(30):
        applied_on = days(-(n % 29))
        fields = {"status": S.APPLIED, "applied_on": applied_on, "consent_given_on": applied_on}
        if n % 3 == 1:
            fields.update(status=S.PETITIONED, petition_sent_on=days(-(n % 11)))
        elif n % 3 == 2:
            fields["status"] = [S.REGISTERED, S.ACTIVE, S.REFUSED, S.CERTIFIED][n % 4]
        made.append(
            AssistantFactory(
                beat=world.beat,
                last_name=f"Фамилия{n % 7}",
                iin=valid_iin(datetime.date(1985, 5, 5), start=300 + n * 7),
                **fields,
            )
        )
    return made


def expected_order(records):
    stage = {status: index for index, statuses in enumerate(STAGES) for status in statuses}

    def deadline(record):
        if record.status == S.APPLIED:
            return record.applied_on + datetime.timedelta(days=30)
        if record.status == S.PETITIONED and record.petition_sent_on:
            return add_working_days(record.petition_sent_on, 7)
        return datetime.date.max

    def key(record):
        names = tuple(getattr(record, f) for f in NAME_ORDER)
        return (stage[record.status], deadline(record), names)

    return sorted(records, key=key)


@pytest.mark.parametrize("page_size", [1, 4, 7])
def test_the_register_read_stage_by_stage_is_one_sort_page_after_page(
    client, world, monkeypatch, page_size
):
    made = waiting_register(world)
    monkeypatch.setattr("volunteers.views.assistants.AssistantList.paginate_by", page_size)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    seen, page = [], 1
    while True:
        response = client.get(reverse("assistant-list"), {"page": page})
        seen += list(response.context["object_list"])
        if not response.context["page_obj"].has_next():
            break
        page += 1
    assert seen == expected_order(made)


def test_a_large_scope_types_the_beat_code_and_a_small_one_picks_from_a_list(
    client, world, monkeypatch
):
    theirs = AssistantFactory(beat=world.other_beat)
    AssistantFactory(beat=world.beat)
    as_role(client, world, Role.ADMINISTRATOR)
    response = client.get(reverse("assistant-list"))
    assert 'name="beat"' in response.content.decode()
    assert response.context["filter"].form.fields["beat"].by_code is False

    monkeypatch.setattr(beat_filters, "BEAT_SELECT_LIMIT", 2)
    response = client.get(reverse("assistant-list"), {"beat": world.other_beat.code})
    field = response.context["filter"].form.fields["beat"]
    assert field.by_code is True
    assert f'value="{world.other_beat.code}"' in response.content.decode()
    assert list(response.context["object_list"]) == [theirs]
    # A link from another page still names the beat by its id.
    response = client.get(reverse("meeting-list"), {"beat": world.other_beat.pk})
    assert response.context["filter"].form.is_valid()


def test_a_beat_outside_the_scope_is_not_a_choice_by_its_code(client, world, monkeypatch):
    monkeypatch.setattr(beat_filters, "BEAT_SELECT_LIMIT", 0)
    as_role(client, world, Role.SUPERVISOR)
    response = client.get(reverse("meeting-list"), {"beat": world.far_beat.code})
    assert "beat" in response.context["filter"].form.errors


def test_a_long_list_counts_up_to_the_cap(client, world, monkeypatch):
    for n in range(4):
        AssistantFactory(
            beat=world.beat, iin=valid_iin(datetime.date(1985, 5, 5), start=900 + n * 7)
        )
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("assistant-list"))
    assert response.context["paginator"].capped
    assert response.context["paginator"].count == 3
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 10)
    response = client.get(reverse("assistant-list"))
    assert not response.context["paginator"].capped
    assert response.context["paginator"].count == 4


def test_a_total_read_while_a_duty_is_written_is_forgotten_at_the_commit(
    world, django_capture_on_commit_callbacks
):
    """Another request may sum the duties before this one commits (it cannot see the new
    duty yet) and store that total: the commit forgets it again."""
    mine = AssistantFactory(beat=world.beat, status=S.ACTIVE)
    with django_capture_on_commit_callbacks(execute=True):
        duty(mine, "4")
        # What a concurrent reader stores meanwhile: the total without the new duty.
        AreaDutyHours.objects.create(area=world.area, year=TODAY.year, hours=Decimal("0"))
    assert hours_by_area(world)[world.area.pk] == Decimal("4")


def test_a_total_read_while_an_assistant_moves_is_forgotten_at_the_commit(
    world, django_capture_on_commit_callbacks
):
    mine = AssistantFactory(beat=world.beat, status=S.ACTIVE)
    duty(mine, "2")
    with django_capture_on_commit_callbacks(execute=True):
        mine.area, mine.beat = world.other_area, world.other_beat
        mine.save()
        AreaDutyHours.objects.create(area=world.area, year=TODAY.year, hours=Decimal("2"))
        AreaDutyHours.objects.create(area=world.other_area, year=TODAY.year, hours=Decimal("0"))
    totals = hours_by_area(world)
    assert (totals[world.area.pk], totals[world.other_area.pk]) == (0, Decimal("2"))
