"""Joint actions: the form with its checks, scope per role, campaigns, photos, and the
participants whose hours go to their duty log or volunteer activities."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from councils.forms import actions as action_forms
from councils.models import (
    ActionAssistant,
    ActionVolunteer,
    Campaign,
    JointAction,
    JointActionPhoto,
)
from councils.services import actions as services
from portal.models import Role
from tests.builders.people import outsider
from tests.dates import local_input
from tests.factories import (
    BeatFactory,
    JointActionFactory,
    PartnerFactory,
    UserFactory,
    VolunteerFactory,
    VolunteerGroupFactory,
    active_assistant,
)
from tests.uploads import png_bytes
from volunteers.models import (
    AssistantStatus,
    Duty,
    ParticipationForm,
    VolunteerActivity,
    VolunteerActivityKind,
)

NOW = timezone.now


def hours_ago(n):
    return timezone.now() - datetime.timedelta(hours=n)


def in_days(n):
    return timezone.now() + datetime.timedelta(days=n)


def action_data(world, **changes):
    start = in_days(3)
    data = {
        "campaign": "",
        "title_ru": "Правовой урок в школе № 12",
        "area": world.area.pk,
        "beats": [world.beat.pk],
        "starts_at": local_input(start),
        "ends_at": local_input(start + datetime.timedelta(hours=2)),
        "place_ru": "Школа № 12, актовый зал",
        "partners": [],
        "is_public": "on",
        "people_reached": "",
        "results": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- create and edit -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.COUNCIL_SECRETARY])
def test_action_recorders_of_the_area_announce_an_action(client, world, role):
    partner = PartnerFactory(area=world.area)
    client.force_login(world.users[role])
    page = client.get(reverse("action-create"))
    form = page.context["form"]
    html = page.content.decode()
    assert f'name="beats" value="{world.beat.pk}"' in html
    assert f'name="partners" value="{partner.pk}"' in html
    assert f'name="beats" value="{world.other_beat.pk}"' not in html
    assert form.fields["area"].widget.is_hidden
    assert form.initial["starts_at"] > timezone.now()
    # The inspector's only beat is ticked to start with.
    assert form.initial.get("beats") == ([world.beat.pk] if role == Role.INSPECTOR else None)
    campaign = Campaign.objects.get(name="Правовые уроки в школах")
    data = action_data(world, campaign=campaign.pk, partners=[partner.pk])
    response = client.post(reverse("action-create"), data)
    action = JointAction.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("action-detail", args=[action.pk])
    assert (action.area, action.campaign, action.is_public) == (world.area, campaign, True)
    assert list(action.beats.all()) == [world.beat]
    assert list(action.partners.all()) == [partner]
    assert action.created_by == world.users[role]


def test_default_campaigns_are_created_once(client, world):
    client.force_login(world.inspector)
    client.get(reverse("action-create"))
    names = set(Campaign.objects.values_list("name", flat=True))
    assert {
        "Безопасный двор",
        "Студенты против правонарушений",
        "Семья без насилия",
        "Профилактические рейды",
    } <= names
    count = Campaign.objects.count()
    services.campaigns_ensure_defaults()
    client.get(reverse("action-create"))
    assert Campaign.objects.count() == count == len(services.DEFAULT_CAMPAIGNS)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # Ends before it starts.
        (
            {
                "starts_at": local_input(in_days(3)),
                "ends_at": local_input(in_days(3) - datetime.timedelta(hours=1)),
            },
            "ends_at",
        ),
        ({"people_reached": "-5"}, "people_reached"),
        ({"beats": [999999]}, "beats"),  # unknown beat
        ({"title_ru": ""}, "title_ru"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"campaign": "999999"}, "campaign"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, world, changes, field):
    client.force_login(world.inspector)
    response = client.post(reverse("action-create"), action_data(world, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not JointAction.objects.exists()


def test_beat_or_partner_of_another_area_is_refused(client, world):
    foreign_partner = PartnerFactory(area=world.other_area)
    for user in (world.inspector, world.users[Role.ADMINISTRATOR]):
        client.force_login(user)
        for changes, field in (
            ({"beats": [world.other_beat.pk]}, "beats"),
            ({"partners": [foreign_partner.pk]}, "partners"),
        ):
            response = client.post(reverse("action-create"), action_data(world, **changes))
            assert response.status_code == 200
            assert field in response.context["form"].errors, (user.role, field)
    assert not JointAction.objects.exists()


def test_edit_changes_the_action(client, world):
    action = JointActionFactory(area=world.area, beats=[world.beat])
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    url = reverse("action-edit", args=[action.pk])
    assert client.get(url).context["form"].initial["title_ru"] == action.title
    data = action_data(
        world,
        title_ru="Рейд «Подросток»",
        beats=[world.colleague_beat.pk],
        people_reached="120",
        results="Проверено 12 мест досуга",
        starts_at=local_input(action.starts_at),
        ends_at=local_input(action.ends_at),
    )
    response = client.post(url, data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.people_reached == 120
    assert list(action.beats.all()) == [world.colleague_beat]


def test_edit_with_end_before_start_is_refused(client, world):
    action = JointActionFactory(area=world.area)
    client.force_login(world.inspector)
    data = action_data(
        world,
        title_ru=action.title,
        starts_at=local_input(action.starts_at),
        ends_at=local_input(action.starts_at - datetime.timedelta(hours=1)),
    )
    response = client.post(reverse("action-edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors
    action.refresh_from_db()
    assert action.ends_at > action.starts_at


# --- scope -----------------------------------------------------------------------------------


def test_inspector_of_another_area_gets_404_and_an_empty_list(client, world):
    action = JointActionFactory(area=world.area)
    client.force_login(outsider(world))
    assert list(client.get(reverse("action-list")).context["object_list"]) == []
    for name in ("action-detail", "action-edit"):
        assert client.get(reverse(name, args=[action.pk])).status_code == 404
    url = reverse("action-edit", args=[action.pk])
    assert client.post(url, action_data(world)).status_code == 404
    assert client.post(reverse("action-photo-create", args=[action.pk])).status_code == 404


def test_akimat_registrar_reads_and_cannot_post(client, world):
    action = JointActionFactory(area=world.area)
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert list(client.get(reverse("action-list")).context["object_list"]) == [action]
    detail = client.get(reverse("action-detail", args=[action.pk]))
    assert detail.status_code == 200
    assert detail.context["can_write"] is False
    assert "assistant_form" not in detail.context
    edit = client.get(reverse("action-edit", args=[action.pk]))
    assert all(f.disabled for f in edit.context["form"].fields.values())
    for name in ("action-edit", "action-assistant-add", "action-volunteer-add"):
        response = client.post(reverse(name, args=[action.pk]), action_data(world))
        assert response.status_code == 403, name
    assert client.post(reverse("action-create"), action_data(world)).status_code == 403
    action.refresh_from_db()
    assert action.title.startswith("Безопасный двор")


def test_secretary_writes_actions_of_the_area(client, world):
    action = JointActionFactory(area=world.area)
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    detail = client.get(reverse("action-detail", args=[action.pk]))
    assert detail.context["can_write"] is True
    # The register is not the secretary's: volunteers yes, assistants by count only.
    assert "volunteer_form" in detail.context
    assert "assistant_form" not in detail.context
    assert detail.context["show_assistants"] is False


def test_list_filters(client, world):
    raid = Campaign.objects.create(name="Профилактические рейды")
    public = JointActionFactory(area=world.area, is_public=True, beats=[world.beat])
    internal = JointActionFactory(
        area=world.area, campaign=raid, title="Ночной рейд", beats=[world.colleague_beat]
    )
    client.force_login(world.inspector)
    url = reverse("action-list")

    def found(**params):
        return set(client.get(url, params).context["object_list"])

    assert found() == {public, internal}
    assert found(is_public="true") == {public}
    assert found(is_public="false") == {internal}
    assert found(campaign=raid.pk) == {internal}
    assert found(beat=world.colleague_beat.pk) == {internal}
    assert found(q="Ночной") == {internal}


# --- participants and the duty log -----------------------------------------------------------


def duty_total(assistant):
    return Duty.objects.filter(assistant=assistant).aggregate(total=Sum("hours"))["total"] or 0


def add_assistant(client, action, assistant, hours):
    return client.post(
        reverse("action-assistant-add", args=[action.pk]),
        {"assistant-assistant": assistant.pk, "assistant-hours": hours},
    )


def test_assistant_hours_go_to_the_duty_log_and_leave_it_when_removed(client, world):
    assistant = active_assistant(world.beat)
    Duty.objects.create(
        assistant=assistant,
        date=timezone.localdate() - datetime.timedelta(days=10),
        hours=Decimal("4"),
        kind=ParticipationForm.PATROLS,
        beat=world.beat,
        supervisor=world.inspector,
    )
    action = JointActionFactory(area=world.area, beats=[world.beat], title="Безопасный двор")
    client.force_login(world.inspector)

    response = add_assistant(client, action, assistant, "3.5")
    assert response.status_code == 302
    entry = ActionAssistant.objects.get()
    duty = entry.duty
    assert duty_total(assistant) == Decimal("7.5")
    assert duty.date == timezone.localdate(action.starts_at)
    assert (duty.hours, duty.beat, duty.supervisor) == (Decimal("3.5"), world.beat, world.inspector)
    assert duty.kind == ParticipationForm.LEGAL_PROPAGANDA
    assert duty.joint_action == action.title

    # Adding again changes the hours: one entry, one duty.
    add_assistant(client, action, assistant, "5")
    assert ActionAssistant.objects.count() == 1
    assert Duty.objects.filter(joint_action=action.title).count() == 1
    assert duty_total(assistant) == Decimal("9")

    page = client.get(reverse("action-detail", args=[action.pk]))
    assert page.context["assistant_hours"] == Decimal("5")
    assert assistant.full_name in page.content.decode()

    url = reverse("action-assistant-remove", args=[action.pk, entry.pk])
    assert client.post(url).status_code == 302
    assert not ActionAssistant.objects.exists()
    assert not Duty.objects.filter(pk=duty.pk).exists()
    assert duty_total(assistant) == Decimal("4")


def test_participation_shows_in_the_register_duty_totals(world):
    """The register's own totals (volunteers.selectors.activity.duty_totals) count the hours."""
    from volunteers.models import Assistant
    from volunteers.selectors.activity import duty_totals

    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat])
    year = timezone.localdate(action.starts_at).year

    def year_hours():
        return duty_totals(Assistant.objects.filter(pk=assistant.pk), year=year).get().year_hours

    assert year_hours() == 0
    entry = services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("6.5"), user=world.inspector
    )
    assert year_hours() == Decimal("6.5")
    services.action_assistant_remove(entry=entry)
    assert year_hours() == 0


def test_a_raid_is_logged_as_a_raid_and_supervised_by_the_beats_inspector(client, world):
    raid = Campaign.objects.create(name="Профилактические рейды")
    colleague = world.colleague_beat.inspector
    assistant = active_assistant(world.colleague_beat)
    action = JointActionFactory(area=world.area, campaign=raid, beats=[world.colleague_beat])
    client.force_login(world.users[Role.SUPERVISOR])
    assert add_assistant(client, action, assistant, "2").status_code == 302
    duty = Duty.objects.get()
    assert duty.kind == ParticipationForm.RAIDS
    assert (duty.beat, duty.supervisor) == (world.colleague_beat, colleague)


def test_the_action_beat_is_used_when_it_does_not_cover_the_assistants_beat(world):
    assistant = active_assistant(world.colleague_beat)
    action = JointActionFactory(area=world.area, beats=[world.beat], title="Концерт, массовое")
    entry = services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    assert (entry.duty.beat, entry.duty.supervisor) == (world.beat, world.inspector)
    assert entry.duty.kind == ParticipationForm.MASS_EVENTS


def test_without_an_inspector_the_participation_is_refused(client, world):
    """The action's beat has no inspector: a supervisor is refused, an inspector supervises."""
    world.colleague_beat.inspector = None
    world.colleague_beat.save()
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.colleague_beat])
    client.force_login(world.users[Role.SUPERVISOR])
    response = add_assistant(client, action, assistant, "2")
    assert response.status_code == 200
    assert response.context["assistant_form"].non_field_errors()
    assert not ActionAssistant.objects.exists()
    assert not Duty.objects.exists()
    client.force_login(world.inspector)
    assert add_assistant(client, action, assistant, "2").status_code == 302
    duty = Duty.objects.get()
    assert (duty.beat, duty.supervisor) == (world.colleague_beat, world.inspector)


@pytest.mark.parametrize(
    "case", ["future", "inactive", "other_area", "too_many_hours", "too_few_hours"]
)
def test_bad_participants_are_refused(client, world, case):
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat])
    hours = "2"
    if case == "future":
        action.starts_at, action.ends_at = in_days(2), in_days(2) + datetime.timedelta(hours=2)
        action.save()
    elif case == "inactive":
        assistant.status = AssistantStatus.SUSPENDED
        assistant.save()
    elif case == "other_area":
        assistant = active_assistant(world.other_beat)
    elif case == "too_many_hours":
        hours = "25"
    else:
        hours = "0.2"
    client.force_login(world.users[Role.ADMINISTRATOR])
    response = add_assistant(client, action, assistant, hours)
    assert response.status_code == 200
    assert response.context["assistant_form"].errors
    assert not ActionAssistant.objects.exists()
    assert not Duty.objects.exists()


def test_the_service_refuses_a_future_action(world):
    action = JointActionFactory(
        area=world.area, starts_at=in_days(1), ends_at=in_days(1) + datetime.timedelta(hours=1)
    )
    with pytest.raises(services.ValidationError):
        services.action_assistant_add(
            action=action,
            assistant=active_assistant(world.beat),
            hours=Decimal("2"),
            user=world.inspector,
        )
    assert not Duty.objects.exists()


def test_editing_the_action_updates_its_duty_entries(client, world):
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat])
    services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    client.force_login(world.inspector)
    new_start = hours_ago(30)
    data = action_data(
        world,
        title_ru="Рейд по дворам",
        starts_at=local_input(new_start),
        ends_at=local_input(new_start + datetime.timedelta(hours=3)),
    )
    assert client.post(reverse("action-edit", args=[action.pk]), data).status_code == 302
    duty = Duty.objects.get()
    assert duty.joint_action == "Рейд по дворам"
    assert duty.kind == ParticipationForm.RAIDS
    assert duty.date == timezone.localdate(new_start)
    # Participants recorded: the action cannot move into the future.
    data = action_data(world, title_ru="Рейд по дворам")
    response = client.post(reverse("action-edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert "starts_at" in response.context["form"].errors


def test_an_action_stays_editable_after_a_participant_is_suspended(client, world):
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat])
    services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    assistant.status = AssistantStatus.SUSPENDED
    assistant.save()
    client.force_login(world.inspector)
    data = action_data(
        world,
        title_ru=action.title,
        starts_at=local_input(action.starts_at),
        ends_at=local_input(action.ends_at),
        people_reached="80",
        results="Раздано 200 памяток",
    )
    assert client.post(reverse("action-edit", args=[action.pk]), data).status_code == 302
    action.refresh_from_db()
    assert action.people_reached == 80
    assert Duty.objects.get().hours == Decimal("2")


def test_volunteer_hours_go_to_their_activities(client, world):
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    action = JointActionFactory(area=world.area)
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    url = reverse("action-volunteer-add", args=[action.pk])
    assert (
        client.post(url, {"volunteer-volunteer": volunteer.pk, "volunteer-hours": "3"}).status_code
        == 302
    )
    assert (
        client.post(url, {"volunteer-group": group.pk, "volunteer-hours": "40"}).status_code == 302
    )
    activity = VolunteerActivity.objects.get(volunteer=volunteer)
    assert (activity.kind, activity.hours, activity.area) == (
        VolunteerActivityKind.PREVENTION,
        Decimal("3"),
        world.area,
    )
    assert activity.action == action.title
    assert VolunteerActivity.objects.get(group=group).hours == Decimal("40")

    entry = ActionVolunteer.objects.get(volunteer=volunteer)
    client.post(reverse("action-volunteer-remove", args=[action.pk, entry.pk]))
    assert not VolunteerActivity.objects.filter(volunteer=volunteer).exists()
    assert VolunteerActivity.objects.filter(group=group).exists()


def test_neither_or_both_volunteer_and_group_is_refused(client, world):
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    action = JointActionFactory(area=world.area)
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    url = reverse("action-volunteer-add", args=[action.pk])
    for data in (
        {"volunteer-hours": "3"},
        {"volunteer-volunteer": volunteer.pk, "volunteer-group": group.pk, "volunteer-hours": "3"},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["volunteer_form"].errors
    assert not ActionVolunteer.objects.exists()
    assert not VolunteerActivity.objects.exists()


def test_a_minor_is_never_added_to_a_raid(client, world):
    today = timezone.localdate()
    minor = VolunteerFactory(area=world.area, birth_date=today.replace(year=today.year - 16))
    adult = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    VolunteerFactory(area=world.area, group=group, birth_date=minor.birth_date)
    raid = JointActionFactory(area=world.area, title="Ночной рейд по компьютерным клубам")
    lesson = JointActionFactory(area=world.area, title="Правовой урок")
    client.force_login(world.users[Role.ADMINISTRATOR])

    def add(action, **data):
        return client.post(reverse("action-volunteer-add", args=[action.pk]), data)

    response = add(raid, **{"volunteer-volunteer": minor.pk, "volunteer-hours": "2"})
    assert response.status_code == 200
    assert "volunteer" in response.context["volunteer_form"].errors
    response = add(raid, **{"volunteer-group": group.pk, "volunteer-hours": "2"})
    assert "group" in response.context["volunteer_form"].errors
    assert not ActionVolunteer.objects.filter(action=raid).exists()

    assert add(raid, **{"volunteer-volunteer": adult.pk, "volunteer-hours": "2"}).status_code == 302
    assert VolunteerActivity.objects.get(volunteer=adult).kind == VolunteerActivityKind.RAIDS
    # The same minor may help at a legal lesson.
    assert (
        add(lesson, **{"volunteer-volunteer": minor.pk, "volunteer-hours": "2"}).status_code == 302
    )
    assert VolunteerActivity.objects.get(volunteer=minor).kind == VolunteerActivityKind.PREVENTION


def test_a_lesson_with_a_minor_cannot_become_a_raid(client, world):
    today = timezone.localdate()
    minor = VolunteerFactory(area=world.area, birth_date=today.replace(year=today.year - 15))
    action = JointActionFactory(area=world.area, title="Правовой урок")
    services.action_volunteer_add(action=action, volunteer=minor, hours=Decimal("2"))
    client.force_login(world.users[Role.ADMINISTRATOR])
    data = action_data(
        world,
        title_ru="Рейд",
        starts_at=local_input(action.starts_at),
        ends_at=local_input(action.ends_at),
    )
    response = client.post(reverse("action-edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    action.refresh_from_db()
    assert action.title == "Правовой урок"
    assert VolunteerActivity.objects.get().kind == VolunteerActivityKind.PREVENTION


# --- photos ----------------------------------------------------------------------------------


def test_photos_are_images_up_to_5_mb(client, world, monkeypatch):
    action = JointActionFactory(area=world.area)
    client.force_login(world.inspector)
    url = reverse("action-photo-create", args=[action.pk])

    good = SimpleUploadedFile("yard.png", png_bytes((20, 20), "navy"), content_type="image/png")
    assert client.post(url, {"image": good, "caption": "Двор"}).status_code == 302
    photo = JointActionPhoto.objects.get()
    assert photo.caption == "Двор"

    text = SimpleUploadedFile("notes.png", b"not an image", content_type="image/png")
    response = client.post(url, {"image": text})
    assert response.status_code == 200
    assert "image" in response.context["photo_form"].errors

    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert "image" in client.post(url, {"image": pdf}).context["photo_form"].errors

    monkeypatch.setattr(action_forms, "PHOTO_MAX_BYTES", 100)
    big = SimpleUploadedFile("big.png", png_bytes((200, 200), "navy"), content_type="image/png")
    assert "image" in client.post(url, {"image": big}).context["photo_form"].errors
    assert JointActionPhoto.objects.count() == 1

    delete = reverse("action-photo-delete", args=[action.pk, photo.pk])
    assert client.post(delete).status_code == 302
    assert not JointActionPhoto.objects.exists()


# --- query counts ----------------------------------------------------------------------------


def _measure(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(25) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.COUNCIL_SECRETARY, Role.REGIONAL_REGISTRAR])
def test_action_list_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])
    campaign = Campaign.objects.create(name="Семья без насилия")
    JointActionFactory(area=world.area, campaign=campaign, beats=[world.beat])
    url = reverse("action-list")
    small = _measure(client, url, django_assert_max_num_queries)
    for n in range(12):
        other = Campaign.objects.create(name=f"Кампания {n}")
        JointActionFactory(area=world.area, campaign=other, beats=[world.beat])
    assert _measure(client, url, django_assert_max_num_queries) == small


def _grow_action(world, action, count):
    for _ in range(count):
        beat = BeatFactory(police_point=world.point, inspector=world.inspector)
        action.beats.add(beat)
        action.partners.add(PartnerFactory(area=world.area))
        services.action_assistant_add(
            action=action,
            assistant=active_assistant(beat),
            hours=Decimal("2"),
            user=world.inspector,
        )
        services.action_volunteer_add(
            action=action, volunteer=VolunteerFactory(area=world.area), hours=Decimal("1")
        )
        services.action_volunteer_add(
            action=action, group=VolunteerGroupFactory(area=world.area), hours=Decimal("5")
        )
        JointActionPhoto.objects.create(action=action, image="actions/x.jpg", caption="x")


@pytest.mark.parametrize(
    "role", [Role.INSPECTOR, Role.COUNCIL_SECRETARY, Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR]
)
def test_action_pages_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])
    services.campaigns_ensure_defaults()  # the first form creates them
    action = JointActionFactory(area=world.area)
    _grow_action(world, action, 1)
    urls = [reverse(n, args=[action.pk]) for n in ("action-detail", "action-edit")]
    small = [_measure(client, url, django_assert_max_num_queries) for url in urls]
    _grow_action(world, action, 6)
    assert [_measure(client, url, django_assert_max_num_queries) for url in urls] == small


def test_action_page_shows_no_personal_data_of_assistants(client, world):
    assistant = active_assistant(world.beat, phone="+7 701 765 43 21", address="ул. Тайная, 7")
    action = JointActionFactory(area=world.area)
    services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    for role in (Role.INSPECTOR, Role.COUNCIL_SECRETARY):
        client.force_login(world.users[role])
        html = client.get(reverse("action-detail", args=[action.pk])).content.decode()
        assert assistant.iin not in html
        assert "765 43 21" not in html and "ул. Тайная" not in html
    # The secretary sees how many took part, not who.
    assert assistant.last_name not in html
    client.force_login(world.inspector)
    assert (
        assistant.last_name
        in client.get(reverse("action-detail", args=[action.pk])).content.decode()
    )


def test_a_new_inspector_user_without_department_sees_no_actions(client, world):
    JointActionFactory(area=world.area)
    client.force_login(UserFactory(role=Role.INSPECTOR))
    assert list(client.get(reverse("action-list")).context["object_list"]) == []


def test_deleting_an_action_anywhere_removes_its_hours_from_the_duty_log(world):
    """The admin deletes actions without the action pages: a signal keeps the log true."""
    assistant = active_assistant(world.beat)
    action = JointActionFactory(area=world.area, beats=[world.beat])
    entry = services.action_assistant_add(
        action=action, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    assert Duty.objects.filter(pk=entry.duty_id).exists()
    action.delete()
    assert not Duty.objects.filter(assistant=assistant).exists()
