"""Trainings and briefings: recording, the Art. 7 briefing that admits to duties, scope, masking."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.dates import days
from tests.factories import AssistantFactory, BeatFactory, PolicePointFactory, TrainingFactory
from volunteers.models import AssistantStatus, Training, TrainingKind
from volunteers.services import lifecycle

TODAY = timezone.localdate


@pytest.fixture
def registrar(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    return client


def training_data(world, **overrides):
    data = {
        "kind": TrainingKind.ART7_BRIEFING,
        "date": days(-1).isoformat(),
        "police_point": world.point.pk,
        "held_by": "Подполковник полиции Сеитов А.",
        "topic": "Статья 7: права, обязанности, когда нельзя применять силу",
        "attendees": [],
    }
    return {**data, **overrides}


# --- happy path ---------------------------------------------------------------------------------


def test_registrar_records_a_briefing_and_the_assistant_can_then_be_activated(registrar, world):
    certified = AssistantFactory(beat=world.beat, status=AssistantStatus.CERTIFIED)
    lifecycle.certificate_issue(assistant=certified, user=None, issued_on=timezone.localdate())
    other = AssistantFactory(beat=world.colleague_beat, status=AssistantStatus.ACTIVE)
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_activate(assistant=certified, user=world.users[Role.AKIMAT_REGISTRAR])
    assert refused.value.code == "art7_briefing"
    certified.refresh_from_db()
    assert certified.status == AssistantStatus.CERTIFIED

    response = registrar.post(
        reverse("training-create"), training_data(world, attendees=[certified.pk, other.pk])
    )
    assert response.status_code == 302
    training = Training.objects.get()
    assert response.url == reverse("training-edit", args=[training.pk])
    assert training.area == world.area
    assert training.kind == TrainingKind.ART7_BRIEFING
    assert set(training.attendees.all()) == {certified, other}

    assert "activate" in lifecycle.possible_steps(certified)
    lifecycle.assistant_activate(assistant=certified, user=world.users[Role.AKIMAT_REGISTRAR])
    certified.refresh_from_db()
    assert certified.status == AssistantStatus.ACTIVE


def test_a_legal_training_does_not_admit_to_duties(registrar, world):
    certified = AssistantFactory(beat=world.beat, status=AssistantStatus.CERTIFIED)
    lifecycle.certificate_issue(assistant=certified, user=None, issued_on=timezone.localdate())
    data = training_data(world, kind=TrainingKind.LEGAL_TRAINING, attendees=[certified.pk])
    assert registrar.post(reverse("training-create"), data).status_code == 302
    with pytest.raises(lifecycle.StepRefused) as refused:
        lifecycle.assistant_activate(assistant=certified, user=world.users[Role.AKIMAT_REGISTRAR])
    assert refused.value.code == "art7_briefing"


def test_new_training_form_defaults_and_scoped_choices(registrar, world):
    PolicePointFactory(department=world.other_department)
    eligible = {
        AssistantFactory(beat=world.beat, status=status)
        for status in (
            AssistantStatus.REGISTERED,
            AssistantStatus.CERTIFIED,
            AssistantStatus.ACTIVE,
            AssistantStatus.SUSPENDED,
        )
    }
    for status in (
        AssistantStatus.APPLIED,
        AssistantStatus.PETITIONED,
        AssistantStatus.REFUSED,
        AssistantStatus.DEREGISTERED,
    ):
        AssistantFactory(beat=world.beat, status=status)
    AssistantFactory(beat=world.other_beat, status=AssistantStatus.ACTIVE)

    response = registrar.get(reverse("training-create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["date"] == TODAY()
    assert "area" not in form.fields  # a registrar records for their own area
    assert list(form.fields["police_point"].queryset) == [world.point]
    assert set(form.fields["attendees"].queryset) == eligible


def test_the_attendee_list_is_a_filterable_checkbox_list_without_inline_script(registrar, world):
    AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    html = registrar.get(reverse("training-create")).content.decode()
    assert 'type="checkbox"' in html
    assert 'data-checkbox-filter="attendee-choices"' in html
    assert 'id="attendee-choices"' in html
    assert "js/checkbox-filter.js" in html
    assert "<script>" not in html and 'style="' not in html


def test_registrar_edits_a_training_of_the_area(registrar, world):
    attendee = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    training = TrainingFactory(area=world.area, police_point=world.point)
    data = training_data(
        world, kind=TrainingKind.LEGAL_TRAINING, topic="Новая тема", attendees=[attendee.pk]
    )
    response = registrar.post(reverse("training-edit", args=[training.pk]), data)
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.topic == "Новая тема"
    assert list(training.attendees.all()) == [attendee]


def test_a_deregistered_attendee_stays_on_an_edited_record(registrar, world):
    gone = AssistantFactory(beat=world.beat, status=AssistantStatus.DEREGISTERED)
    training = TrainingFactory(area=world.area, police_point=world.point, attendees=[gone])
    data = training_data(world, kind=training.kind, attendees=[gone.pk], topic="Уточнено")
    assert registrar.post(reverse("training-edit", args=[training.pk]), data).status_code == 302
    assert list(training.attendees.all()) == [gone]


def test_administrator_chooses_the_area_and_the_point_must_lie_in_it(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    attendee = AssistantFactory(beat=world.beat, status=AssistantStatus.REGISTERED)
    data = training_data(world, area=world.other_area.pk, attendees=[attendee.pk])
    response = client.post(reverse("training-create"), data)
    assert response.status_code == 200
    assert "police_point" in response.context["form"].errors  # the point is in world.area
    data = training_data(world, area=world.area.pk, attendees=[attendee.pk])
    assert client.post(reverse("training-create"), data).status_code == 302
    assert Training.objects.get().area == world.area


def test_administrator_cannot_record_attendees_of_another_area(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    outsider = AssistantFactory(beat=world.other_beat, status=AssistantStatus.ACTIVE)
    data = training_data(world, area=world.area.pk, attendees=[outsider.pk])
    response = client.post(reverse("training-create"), data)
    assert "attendees" in response.context["form"].errors
    assert Training.objects.count() == 0


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"kind": "party"}, "kind"),
        ({"held_by": ""}, "held_by"),
        ({"attendees": []}, "attendees"),
        ({"police_point": "other"}, "police_point"),
        ({"attendees": ["outsider"]}, "attendees"),
        ({"attendees": ["applicant"]}, "attendees"),
    ],
)
def test_bad_training_is_refused_and_nothing_saved(registrar, world, overrides, field):
    other_point = PolicePointFactory(department=world.other_department)
    outsider = AssistantFactory(beat=world.other_beat, status=AssistantStatus.ACTIVE)
    applicant = AssistantFactory(beat=world.beat, status=AssistantStatus.APPLIED)
    good = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    replace = {"other": other_point.pk, "outsider": outsider.pk, "applicant": applicant.pk}
    for key, value in overrides.items():
        if isinstance(value, list):
            overrides[key] = [replace.get(v, v) for v in value]
        else:
            overrides[key] = replace.get(value, value)
    data = training_data(world, attendees=[good.pk])
    response = registrar.post(reverse("training-create"), {**data, **overrides})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    assert Training.objects.count() == 0


# --- access and scope ---------------------------------------------------------------------------


def test_training_of_another_area_is_a_404_for_a_registrar(registrar, world):
    training = TrainingFactory(area=world.other_area, topic="Чужая")
    url = reverse("training-edit", args=[training.pk])
    assert registrar.get(url).status_code == 404
    assert registrar.post(url, training_data(world, topic="Подмена")).status_code == 404
    training.refresh_from_db()
    assert training.topic == "Чужая"


def test_list_scope_per_role(client, world):
    mine = TrainingFactory(area=world.area)
    neighbour = TrainingFactory(area=world.other_area)
    TrainingFactory(area=world.far_area)
    expected = {
        Role.AKIMAT_REGISTRAR: {mine},
        Role.REGIONAL_REGISTRAR: {mine, neighbour},
        Role.ADMINISTRATOR: set(Training.objects.all()),
        # The police read the trainings of their department's area.
        Role.INSPECTOR: {mine},
        Role.SUPERVISOR: {mine},
    }
    for role, trainings in expected.items():
        client.force_login(world.users[role])
        response = client.get(reverse("training-list"))
        assert response.status_code == 200, role
        assert set(response.context["object_list"]) == trainings, role
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    assert client.get(reverse("training-list")).status_code == 403


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_only_registrars_record_trainings(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("training-create")).status_code == 403
    assert client.post(reverse("training-create"), training_data(world)).status_code == 403
    assert Training.objects.count() == 0


def test_readers_get_rows_without_links_to_the_edit_page(client, world):
    training = TrainingFactory(area=world.area)
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    html = client.get(reverse("training-list")).content.decode()
    assert reverse("training-edit", args=[training.pk]) not in html
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    html = client.get(reverse("training-list")).content.decode()
    assert reverse("training-edit", args=[training.pk]) in html


def test_list_filters_by_kind_and_attendee(registrar, world):
    who = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE, last_name="Нурланов")
    briefing = TrainingFactory(area=world.area, kind=TrainingKind.ART7_BRIEFING, attendees=[who])
    lesson = TrainingFactory(area=world.area, kind=TrainingKind.LEGAL_TRAINING)
    url = reverse("training-list")
    listed = registrar.get(url, {"kind": TrainingKind.LEGAL_TRAINING}).context["object_list"]
    assert list(listed) == [lesson]
    assert list(registrar.get(url, {"attendee": "Нурлан"}).context["object_list"]) == [briefing]


# --- personal data ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR])
def test_no_personal_data_on_training_pages(client, world, role):
    assistant = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    training = TrainingFactory(area=world.area, attendees=[assistant])
    client.force_login(world.users[role])
    for url in (
        reverse("training-list"),
        reverse("training-create"),
        reverse("training-edit", args=[training.pk]),
    ):
        html = client.get(url).content.decode()
        assert assistant.last_name in html, url
        assert assistant.iin not in html, url
        assert assistant.iin[:6] not in html, url  # nor the birth date in it, masked or not
        assert "********" + assistant.iin[-4:] not in html, url
        assert assistant.phone not in html, url
        assert assistant.address not in html, url


# --- queries ------------------------------------------------------------------------------------


def test_list_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse("training-list")).status_code == 200
        return len(captured)

    people = [AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE) for _ in range(2)]
    TrainingFactory(area=world.area, attendees=people, police_point=world.point)
    small = measure()
    for _ in range(3):
        beat = BeatFactory(police_point=world.other_point)
        people = AssistantFactory.create_batch(3, beat=beat, status=AssistantStatus.ACTIVE)
        for _ in range(4):
            TrainingFactory(area=world.other_area, attendees=people, police_point=world.other_point)
    assert measure() == small
