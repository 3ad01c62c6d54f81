"""The duty log: recording by the supervising inspector, bad input, scope, totals, masking."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from portal.periods import quarter_of
from tests.dates import days
from tests.factories import (
    AssistantFactory,
    BeatFactory,
    DutyFactory,
    UserFactory,
    active_assistant,
)
from volunteers.models import Assistant, AssistantStatus, Duty, ParticipationForm
from volunteers.selectors.activity import duty_totals

TODAY = timezone.localdate


@pytest.fixture
def inspector(client, world):
    client.force_login(world.inspector)
    return client


def duty_data(world, assistant, **overrides):
    data = {
        "assistant": assistant.pk,
        "date": days(-1).isoformat(),
        "hours": "3.5",
        "kind": ParticipationForm.MASS_EVENTS,
        "beat": world.beat.pk,
        "supervisor": world.inspector.pk,
        "offences_stopped": "2",
        "persons_handed_over": "1",
        "joint_action": "",
        "note": "Концерт на площади",
    }
    return {**data, **overrides}


# --- happy path ---------------------------------------------------------------------------------


def test_inspector_records_a_duty_of_an_active_assistant(inspector, world):
    assistant = active_assistant(world.beat)
    response = inspector.post(reverse("duty-create"), duty_data(world, assistant))
    assert response.status_code == 302
    duty = Duty.objects.get()
    assert response.url == reverse("duty-edit", args=[duty.pk])
    assert duty.assistant == assistant
    assert duty.hours == Decimal("3.5")
    assert duty.supervisor == world.inspector
    assert (duty.offences_stopped, duty.persons_handed_over) == (2, 1)


def test_new_duty_form_defaults_and_scoped_choices(inspector, world):
    mine = active_assistant(world.beat)
    active_assistant(world.colleague_beat)
    active_assistant(world.other_beat)
    AssistantFactory(beat=world.beat, status=AssistantStatus.SUSPENDED)
    AssistantFactory(beat=world.beat, status=AssistantStatus.CERTIFIED)
    form = inspector.get(reverse("duty-create")).context["form"]
    assert form.initial["date"] == TODAY()
    assert form.initial["supervisor"] == world.inspector.pk
    assert form.initial["beat"] == world.beat.pk
    assert list(form.fields["assistant"].queryset) == [mine]
    assert list(form.fields["beat"].queryset) == [world.beat]
    assert world.inspector in form.fields["supervisor"].queryset


def test_supervisor_records_a_duty_naming_an_inspector_of_the_department(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    colleague = world.colleague_beat.inspector
    colleague.department = world.department
    colleague.save()
    stranger = UserFactory(role=Role.INSPECTOR, department=world.other_department)
    assistant = active_assistant(world.colleague_beat)
    form = client.get(reverse("duty-create")).context["form"]
    inspectors = set(form.fields["supervisor"].queryset)
    assert {world.inspector, colleague} <= inspectors
    assert stranger not in inspectors
    assert world.users[Role.SUPERVISOR] not in inspectors  # not an inspector
    data = duty_data(world, assistant, beat=world.colleague_beat.pk, supervisor=colleague.pk)
    assert client.post(reverse("duty-create"), data).status_code == 302
    assert Duty.objects.get().supervisor == colleague


def test_inspector_edits_a_duty_of_the_beat(inspector, world):
    duty = DutyFactory(assistant=active_assistant(world.beat))
    data = duty_data(world, duty.assistant, hours="6", offences_stopped="0")
    response = inspector.post(reverse("duty-edit", args=[duty.pk]), data)
    assert response.status_code == 302
    duty.refresh_from_db()
    assert duty.hours == Decimal("6")


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"hours": "0"}, "hours"),
        ({"hours": "0.4"}, "hours"),
        ({"hours": "25"}, "hours"),
        ({"hours": ""}, "hours"),
        ({"kind": "fishing"}, "kind"),
        ({"offences_stopped": "-1"}, "offences_stopped"),
        ({"assistant": "suspended"}, "assistant"),
        ({"assistant": "certified"}, "assistant"),
        ({"assistant": "colleague"}, "assistant"),
        ({"assistant": "other_area"}, "assistant"),
        ({"beat": "colleague_beat"}, "beat"),
        ({"supervisor": "stranger"}, "supervisor"),
    ],
)
def test_bad_duty_is_refused_and_nothing_saved(inspector, world, overrides, field):
    assistant = active_assistant(world.beat)
    replace = {
        "suspended": AssistantFactory(beat=world.beat, status=AssistantStatus.SUSPENDED).pk,
        "certified": AssistantFactory(beat=world.beat, status=AssistantStatus.CERTIFIED).pk,
        "colleague": active_assistant(world.colleague_beat).pk,
        "other_area": active_assistant(world.other_beat).pk,
        "colleague_beat": world.colleague_beat.pk,
        "stranger": UserFactory(role=Role.INSPECTOR, department=world.other_department).pk,
    }
    overrides = {key: replace.get(value, value) for key, value in overrides.items()}
    data = {**duty_data(world, assistant), **overrides}
    response = inspector.post(reverse("duty-create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    assert Duty.objects.count() == 0


def test_the_model_refuses_a_duty_of_an_assistant_who_is_not_active(world):
    suspended = AssistantFactory(beat=world.beat, status=AssistantStatus.SUSPENDED)
    duty = Duty(
        assistant=suspended,
        date=days(-1),
        hours=Decimal(2),
        kind=ParticipationForm.PATROLS,
        beat=world.beat,
        supervisor=world.inspector,
    )
    with pytest.raises(ValidationError) as refused:
        duty.full_clean()
    assert "assistant" in refused.value.message_dict


# --- access and scope ---------------------------------------------------------------------------


def test_inspector_cannot_open_or_change_a_duty_of_another_beat(inspector, world):
    for beat in (world.colleague_beat, world.other_beat):
        duty = DutyFactory(assistant=active_assistant(beat), note="Чужое")
        url = reverse("duty-edit", args=[duty.pk])
        assert inspector.get(url).status_code == 404
        data = duty_data(world, duty.assistant, note="Подмена")
        assert inspector.post(url, data).status_code == 404
        duty.refresh_from_db()
        assert duty.note == "Чужое"


def test_list_scope_per_role(client, world):
    mine = DutyFactory(assistant=active_assistant(world.beat))
    colleague = DutyFactory(assistant=active_assistant(world.colleague_beat))
    neighbour = DutyFactory(assistant=active_assistant(world.other_beat))
    DutyFactory(assistant=active_assistant(world.far_beat))
    expected = {
        Role.INSPECTOR: {mine},
        Role.SUPERVISOR: {mine, colleague},
        Role.AKIMAT_REGISTRAR: {mine, colleague},
        Role.REGIONAL_REGISTRAR: {mine, colleague, neighbour},
        Role.ADMINISTRATOR: set(Duty.objects.all()),
    }
    for role, duties in expected.items():
        client.force_login(world.users[role])
        response = client.get(reverse("duty-list"))
        assert response.status_code == 200, role
        assert set(response.context["object_list"]) == duties, role
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    assert client.get(reverse("duty-list")).status_code == 403


@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR])
def test_registrars_read_the_log_but_do_not_record_duties(client, world, role):
    duty = DutyFactory(assistant=active_assistant(world.beat))
    client.force_login(world.users[role])
    html = client.get(reverse("duty-list")).content.decode()
    assert reverse("duty-edit", args=[duty.pk]) not in html
    assert reverse("duty-create") not in html
    assert client.get(reverse("duty-create")).status_code == 403
    assert client.get(reverse("duty-edit", args=[duty.pk])).status_code == 403
    data = duty_data(world, duty.assistant)
    assert client.post(reverse("duty-create"), data).status_code == 403
    assert Duty.objects.count() == 1


def test_list_filters_and_totals(inspector, world):
    one = active_assistant(world.beat, last_name="Омаров")
    two = active_assistant(world.beat, last_name="Касымов")
    DutyFactory(assistant=one, hours=Decimal(2), offences_stopped=1, kind=ParticipationForm.RAIDS)
    DutyFactory(assistant=two, hours=Decimal(5), persons_handed_over=2, date=days(-40))
    url = reverse("duty-list")
    response = inspector.get(url)
    assert response.context["list_totals"]["hours"] == Decimal(7)
    assert response.context["list_totals"]["handed_over"] == 2
    listed = inspector.get(url, {"assistant_name": "Омаров"}).context["object_list"]
    assert [d.assistant for d in listed] == [one]
    listed = inspector.get(url, {"kind": ParticipationForm.RAIDS}).context["object_list"]
    assert [d.assistant for d in listed] == [one]
    listed = inspector.get(url, {"date_to": days(-10).isoformat()}).context["object_list"]
    assert [d.assistant for d in listed] == [two]


# --- totals -------------------------------------------------------------------------------------


def test_duty_totals_per_assistant_for_the_quarter_and_the_year(world):
    year = TODAY().year - 1  # a whole past year: every quarter lies in the past
    first, last = datetime.date(year, 4, 1), datetime.date(year, 6, 30)  # the second quarter
    one, two, idle = [active_assistant(world.beat) for _ in range(3)]
    DutyFactory(assistant=one, date=first, hours=Decimal("2.5"), offences_stopped=1)
    DutyFactory(assistant=one, date=last, hours=Decimal(3), persons_handed_over=2)
    DutyFactory(
        assistant=one, date=datetime.date(year, 11, 5), hours=Decimal(8), offences_stopped=4
    )
    # Another year:
    DutyFactory(assistant=one, date=datetime.date(year - 1, 5, 5), hours=Decimal(20))
    DutyFactory(assistant=two, date=datetime.date(year, 1, 10), hours=Decimal(1))

    rows = {a.pk: a for a in duty_totals(Assistant.objects.all(), year=year, quarter=2)}
    assert rows[one.pk].quarter_hours == Decimal("5.5")
    assert rows[one.pk].quarter_duties == 2
    assert rows[one.pk].quarter_offences == 1
    assert rows[one.pk].quarter_handed_over == 2
    assert rows[one.pk].quarter_outcomes == 3
    assert rows[one.pk].year_hours == Decimal("13.5")
    assert rows[one.pk].year_duties == 3
    assert rows[one.pk].year_offences == 5
    assert rows[two.pk].quarter_hours == 0
    assert rows[two.pk].year_hours == Decimal(1)
    assert rows[idle.pk].year_duties == 0 and rows[idle.pk].year_hours == 0

    yearly = duty_totals(Assistant.objects.filter(pk=one.pk), year=year).get()
    assert yearly.year_hours == Decimal("13.5")
    assert not hasattr(yearly, "quarter_hours")


def test_totals_page_scope_period_and_sorting(client, world):
    year = TODAY().year - 1
    busy = active_assistant(world.beat, last_name="Бекенов")
    quiet = active_assistant(world.beat, last_name="Абаев")
    DutyFactory(assistant=busy, date=datetime.date(year, 8, 1), hours=Decimal(9))
    DutyFactory(assistant=quiet, date=datetime.date(year, 8, 2), hours=Decimal(2))
    DutyFactory(assistant=quiet, date=datetime.date(year, 2, 2), hours=Decimal(12))
    DutyFactory(
        assistant=active_assistant(world.colleague_beat),
        date=datetime.date(year, 8, 1),
        hours=Decimal(1),
    )
    AssistantFactory(beat=world.beat, status=AssistantStatus.CERTIFIED)  # no duty, not active

    client.force_login(world.inspector)
    url = reverse("duty-totals")
    response = client.get(url, {"year": year, "quarter": 3})
    assert response.status_code == 200
    assert (response.context["year"], response.context["quarter"]) == (year, 3)
    assert [a.pk for a in response.context["rows"]] == [busy.pk, quiet.pk]  # quarter hours
    response = client.get(url, {"year": year, "quarter": 3, "order": "year_hours"})
    assert [a.pk for a in response.context["rows"]] == [quiet.pk, busy.pk]
    response = client.get(url, {"year": year, "quarter": 3, "order": "name"})
    assert [a.pk for a in response.context["rows"]] == [quiet.pk, busy.pk]
    assert response.context["summary"]["quarter_hours"] == Decimal(11)

    client.force_login(world.users[Role.SUPERVISOR])
    response = client.get(url, {"year": year, "quarter": 3})
    assert len(response.context["rows"]) == 3


def test_totals_page_falls_back_to_the_current_quarter_on_nonsense(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    response = client.get(reverse("duty-totals"), {"year": "abc", "quarter": "9"})
    assert response.status_code == 200
    assert response.context["year"] == TODAY().year
    assert response.context["quarter"] == quarter_of(TODAY()).number
    response = client.get(reverse("duty-totals"), {"year": TODAY().year + 5})
    assert response.context["year"] == TODAY().year


def test_council_secretary_has_no_totals(client, world):
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    assert client.get(reverse("duty-totals")).status_code == 403


# --- personal data ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.INSPECTOR, Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR]
)
def test_no_personal_data_on_duty_pages(client, world, role):
    assistant = active_assistant(world.beat)
    duty = DutyFactory(assistant=assistant)
    client.force_login(world.users[role])
    urls = [reverse("duty-list"), reverse("duty-totals")]
    if role != Role.AKIMAT_REGISTRAR:
        urls += [reverse("duty-create"), reverse("duty-edit", args=[duty.pk])]
    for url in urls:
        html = client.get(url).content.decode()
        assert assistant.last_name in html, url
        assert assistant.iin not in html, url
        assert assistant.iin[:6] not in html, url  # nor the birth date in it, masked or not
        assert "********" + assistant.iin[-4:] not in html, url
        assert assistant.phone not in html, url
        assert assistant.address not in html, url


# --- queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["duty-list", "duty-totals"])
def test_query_count_is_flat(client, world, django_assert_max_num_queries, url_name):
    client.force_login(world.users[Role.SUPERVISOR])

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    for assistant in (active_assistant(world.beat), active_assistant(world.beat)):
        DutyFactory(assistant=assistant)
    small = measure()
    for _ in range(3):
        beat = BeatFactory(police_point=world.point)
        for assistant in AssistantFactory.create_batch(3, beat=beat, status=AssistantStatus.ACTIVE):
            DutyFactory(assistant=assistant)
            DutyFactory(assistant=assistant, date=days(-1), hours=Decimal(2))
    assert measure() == small
