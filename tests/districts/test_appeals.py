"""Appeals and service records: create, edit, list, filter, bad input, scope, overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import Appeal, AppealStatus, ServiceRecord
from portal.models import Role
from portal.periods import add_working_days
from tests.dates import days
from tests.factories import AppealFactory, BeatFactory, ServiceRecordFactory

TODAY = timezone.localdate


def appeal_data(world, **overrides):
    data = {
        "beat": world.beat.pk,
        "channel": "messenger",
        "received_on": days(-1).isoformat(),
        "due_on": "",
        "subject": "Шумные соседи",
        "details": "",
        "status": "new",
        "answer": "",
        "answered_on": "",
    }
    return {**data, **overrides}


def test_inspector_registers_an_appeal_with_the_legal_due_date(inspector_client, world):
    response = inspector_client.post(reverse("appeal-create"), appeal_data(world))
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.beat == world.beat
    # 15 working days (portal.periods counts them; test_submissions checks a holiday).
    assert appeal.due_on == add_working_days(days(-1), 15)
    assert appeal.due_on >= days(-1) + datetime.timedelta(days=15 + 2 * 2)
    assert appeal.created_by == world.inspector


def test_new_appeal_form_defaults_to_today_and_my_beat(inspector_client, world):
    form = inspector_client.get(reverse("appeal-create")).context["form"]
    assert form.initial["received_on"] == TODAY()
    assert form.initial["beat"] == world.beat.pk
    assert list(form.fields["beat"].queryset) == [world.beat]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"received_on": days(2).isoformat()}, "received_on"),
        ({"due_on": days(-5).isoformat()}, "due_on"),
        ({"subject": ""}, "subject"),
        ({"status": "answered"}, "answer"),
        ({"status": "answered", "answer": "Провели беседу"}, "answered_on"),
        ({"beat": "999999"}, "beat"),
    ],
)
def test_bad_appeal_is_refused_with_a_message_and_nothing_saved(
    inspector_client, world, overrides, field
):
    response = inspector_client.post(reverse("appeal-create"), appeal_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Appeal.objects.count() == 0


def test_error_messages_are_translated(inspector_client, world):
    inspector_client.cookies.load({"django_language": "kk"})
    response = inspector_client.post(
        reverse("appeal-create"), appeal_data(world, received_on=days(3).isoformat())
    )
    message = response.context["form"].errors["received_on"][0]
    assert message != "This date is in the future."
    assert "болашақ" in message.lower()


def test_inspector_answers_an_appeal_and_history_is_kept(inspector_client, world):
    appeal = AppealFactory(beat=world.beat)
    data = appeal_data(
        world,
        received_on=appeal.received_on.isoformat(),
        due_on=appeal.due_on.isoformat(),
        status="answered",
        answer="Проведена профилактическая беседа",
        answered_on=TODAY().isoformat(),
    )
    response = inspector_client.post(reverse("appeal-edit", args=[appeal.pk]), data)
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ANSWERED
    assert [h.status for h in appeal.history.order_by("history_date")] == ["new", "answered"]
    assert appeal.history.latest().history_user == world.inspector


def test_inspector_cannot_open_or_change_another_beats_appeal(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat):
        appeal = AppealFactory(beat=beat)
        url = reverse("appeal-edit", args=[appeal.pk])
        assert inspector_client.get(url).status_code == 404
        data = appeal_data(world, beat=beat.pk, subject="Подмена")
        assert inspector_client.post(url, data).status_code == 404
        appeal.refresh_from_db()
        assert appeal.subject != "Подмена"


def test_inspector_cannot_move_an_appeal_to_another_beat(inspector_client, world):
    appeal = AppealFactory(beat=world.beat)
    data = appeal_data(
        world,
        beat=world.colleague_beat.pk,
        received_on=appeal.received_on.isoformat(),
        due_on=appeal.due_on.isoformat(),
    )
    response = inspector_client.post(reverse("appeal-edit", args=[appeal.pk]), data)
    assert "beat" in response.context["form"].errors
    appeal.refresh_from_db()
    assert appeal.beat == world.beat


def test_supervisor_reads_the_department_but_cannot_change(client, world):
    mine = AppealFactory(beat=world.beat)
    colleague = AppealFactory(beat=world.colleague_beat)
    AppealFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    listed = client.get(reverse("appeal-list")).context["object_list"]
    assert set(listed) == {mine, colleague}
    page = client.get(reverse("appeal-edit", args=[mine.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert client.post(reverse("appeal-edit", args=[mine.pk]), {}).status_code == 403
    assert client.get(reverse("appeal-create")).status_code == 403


def test_akimat_staff_cannot_see_appeals(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("appeal-list")).status_code == 403


def test_overdue_appeals_are_highlighted_and_filterable(inspector_client, world):
    overdue = AppealFactory(beat=world.beat, received_on=days(-20), due_on=days(-5))
    AppealFactory(beat=world.beat, received_on=days(-20), due_on=days(-5),
                  status="answered", answer="ok", answered_on=days(-6))  # fmt: skip
    on_time = AppealFactory(beat=world.beat, received_on=days(-1), due_on=days(14))
    assert overdue.is_overdue and not on_time.is_overdue
    assert list(Appeal.objects.overdue()) == [overdue]
    html = inspector_client.get(reverse("appeal-list")).content.decode()
    assert html.count("overdue") >= 2  # card and table row of the one overdue appeal
    listed = inspector_client.get(reverse("appeal-list"), {"overdue": "true"})
    assert list(listed.context["object_list"]) == [overdue]


def test_due_today_is_not_overdue(world):
    assert not AppealFactory(beat=world.beat, received_on=days(-15), due_on=days(0)).is_overdue


def test_list_filters_by_date_range_channel_and_status(inspector_client, world):
    old = AppealFactory(beat=world.beat, received_on=days(-40), channel="phone")
    recent = AppealFactory(beat=world.beat, received_on=days(-2), channel="online")
    url = reverse("appeal-list")

    def listed(**params):
        return set(inspector_client.get(url, params).context["object_list"])

    assert listed(received_from=days(-10).isoformat()) == {recent}
    assert listed(received_to=days(-10).isoformat()) == {old}
    assert listed(channel="phone") == {old}
    assert listed(status="answered") == set()


def test_service_records_count_by_kind(inspector_client, world):
    ServiceRecordFactory(beat=world.beat, kind="consultation", count=3)
    ServiceRecordFactory(beat=world.beat, kind="consultation", count=2)
    ServiceRecordFactory(beat=world.beat, kind="mediation", count=1)
    ServiceRecordFactory(beat=world.other_beat, kind="mediation", count=9)
    totals = dict(inspector_client.get(reverse("service-list")).context["totals"])
    assert totals == {"Юридическая консультация": 5, "Конфликт урегулирован примирением": 1}


def test_service_record_refuses_zero_or_negative_counts(inspector_client, world):
    for count in ("0", "-3"):
        data = {"beat": world.beat.pk, "date": TODAY().isoformat(), "kind": "help", "count": count}
        response = inspector_client.post(reverse("service-create"), data)
        assert "count" in response.context["form"].errors
    assert ServiceRecord.objects.count() == 0


@pytest.mark.parametrize("url_name", ["appeal-list", "service-list"])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, url_name):
    client.force_login(world.users[Role.SUPERVISOR])
    factory = AppealFactory if url_name == "appeal-list" else ServiceRecordFactory

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    factory.create_batch(2, beat=world.beat)
    small = measure()
    for _ in range(3):
        factory.create_batch(5, beat=BeatFactory(police_point=world.point))
    assert measure() == small
