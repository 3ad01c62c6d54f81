"""Volunteers, volunteer groups and their activities (Law No. 42-VI): record, list, filter,
bad input, the rules for minors, scope, masking of personal data and flat query counts.

The police (inspector, supervisor) read volunteers under policy.VOLUNTEER_READ, but
`policy.scoped` gives them nothing of area-level records yet; tests marked
"POLICE-SCOPE" change when the policy lets the police see their department's area.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.clients import as_role
from tests.dates import days
from tests.factories import VOLUNTEER_PHONE as PHONE
from tests.factories import (
    UserFactory,
    VolunteerActivityFactory,
    VolunteerFactory,
    VolunteerGroupFactory,
    born,
)
from volunteers.models import Volunteer, VolunteerActivity, VolunteerGroup
from volunteers.privacy import mask_phone
from volunteers.views.volunteer_groups import age_group_label

TODAY = timezone.localdate
MASKED_PHONE = "+7 701 *** ** 67"


def last_year():
    return datetime.date(TODAY().year, 1, 1) - datetime.timedelta(days=10)


@pytest.fixture
def registrar(world):
    return world.users[Role.AKIMAT_REGISTRAR]


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


def volunteer_data(world, **overrides):
    data = {
        "last_name": "Сапарова",
        "first_name": "Айгерим",
        "birth_date": born(20).isoformat(),
        "phone": PHONE,
        "area": world.area.pk,
        "group": "",
        "kinds": ["social", "events"],
        "parental_consent_on": "",
        "parent_name": "",
    }
    return {**data, **overrides}


def group_data(world, **overrides):
    data = {
        "name": "Жасыл ел",
        "area": world.area.pk,
        "contact_person": "Ахметова Дана",
        "phone": "+7 702 555 12 34",
        "kinds": ["environment"],
    }
    return {**data, **overrides}


def activity_data(**overrides):
    data = {
        "volunteer": "",
        "group": "",
        "date": days(-1).isoformat(),
        "kind": "social",
        "action": "Субботник во дворе",
        "hours": "3.5",
    }
    return {**data, **overrides}


def listed(response):
    return [obj.pk for obj in response.context["object_list"]]


# --- volunteers: create and edit ------------------------------------------------------------


def test_registrar_records_a_volunteer(registrar_client, world):
    group = VolunteerGroupFactory(area=world.area)
    response = registrar_client.post(
        reverse("volunteer-create"), volunteer_data(world, group=group.pk)
    )
    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("volunteer-detail", args=[volunteer.pk])
    assert volunteer.area == world.area
    assert volunteer.group == group
    assert volunteer.kinds == ["social", "events"]
    assert volunteer.phone == PHONE


def test_new_volunteer_form_offers_my_area_and_its_groups_only(registrar_client, world):
    mine = VolunteerGroupFactory(area=world.area)
    VolunteerGroupFactory(area=world.other_area)
    form = registrar_client.get(reverse("volunteer-create")).context["form"]
    assert form.initial["area"] == world.area.pk
    assert list(form.fields["area"].queryset) == [world.area]
    assert list(form.fields["group"].queryset) == [mine]
    assert form.fields["birth_date"].widget.input_type == "date"


def test_volunteer_under_14_needs_parental_consent(registrar_client, world):
    data = volunteer_data(world, birth_date=born(12).isoformat())
    response = registrar_client.post(reverse("volunteer-create"), data)
    assert response.status_code == 200
    assert "parental_consent_on" in response.context["form"].errors
    assert Volunteer.objects.count() == 0

    # A date without the parent's name is not a recorded consent either.
    data["parental_consent_on"] = days(-2).isoformat()
    response = registrar_client.post(reverse("volunteer-create"), data)
    assert "parental_consent_on" in response.context["form"].errors
    assert Volunteer.objects.count() == 0

    data["parent_name"] = "Сапаров Нурлан"
    assert registrar_client.post(reverse("volunteer-create"), data).status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.parental_consent_on == days(-2)
    assert volunteer.parent_name == "Сапаров Нурлан"


@pytest.mark.parametrize("kind", ["raids", "emergency"])
@pytest.mark.parametrize("age", [13, 16])
def test_a_minor_cannot_take_raids_or_hazardous_work(registrar_client, world, kind, age):
    data = volunteer_data(
        world,
        birth_date=born(age).isoformat(),
        kinds=["social", kind],
        parental_consent_on=days(-1).isoformat(),
        parent_name="Сапаров Нурлан",
    )
    response = registrar_client.post(reverse("volunteer-create"), data)
    assert response.status_code == 200
    assert "kinds" in response.context["form"].errors
    assert Volunteer.objects.count() == 0


def test_an_adult_may_take_raids(registrar_client, world):
    data = volunteer_data(world, birth_date=born(18, extra_days=1).isoformat(), kinds=["raids"])
    assert registrar_client.post(reverse("volunteer-create"), data).status_code == 302
    assert Volunteer.objects.get().kinds == ["raids"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"birth_date": days(1).isoformat()}, "birth_date"),
        ({"birth_date": ""}, "birth_date"),
        ({"last_name": ""}, "last_name"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "+7 701 abc 45 67"}, "phone"),
        ({"kinds": ["parachuting"]}, "kinds"),
        ({"area": "999999"}, "area"),
        ({"parental_consent_on": days(3).isoformat(), "parent_name": "X"}, "parental_consent_on"),
    ],
)
def test_bad_volunteer_is_refused_and_nothing_saved(registrar_client, world, overrides, field):
    response = registrar_client.post(
        reverse("volunteer-create"), volunteer_data(world, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Volunteer.objects.count() == 0


def test_the_group_must_be_of_the_volunteers_area(client, world):
    as_role(client, world, Role.ADMINISTRATOR)
    foreign = VolunteerGroupFactory(area=world.other_area)
    response = client.post(reverse("volunteer-create"), volunteer_data(world, group=foreign.pk))
    assert "group" in response.context["form"].errors
    assert Volunteer.objects.count() == 0


def test_a_registrar_cannot_record_a_volunteer_in_another_area(registrar_client, world):
    response = registrar_client.post(
        reverse("volunteer-create"), volunteer_data(world, area=world.other_area.pk)
    )
    assert "area" in response.context["form"].errors
    assert Volunteer.objects.count() == 0


def test_registrar_edits_a_volunteer(registrar_client, world):
    volunteer = VolunteerFactory(area=world.area)
    url = reverse("volunteer-edit", args=[volunteer.pk])
    form = registrar_client.get(url).context["form"]
    assert form.initial["kinds"] == ["social"]
    assert not form.fields["phone"].disabled
    data = volunteer_data(world, last_name="Новая", kinds=["prevention"])
    response = registrar_client.post(url, data)
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.last_name == "Новая"
    assert volunteer.kinds == ["prevention"]


def test_editing_a_volunteer_to_a_minor_with_raids_is_refused(registrar_client, world):
    volunteer = VolunteerFactory(area=world.area, kinds=["raids"])
    url = reverse("volunteer-edit", args=[volunteer.pk])
    response = registrar_client.post(
        url, volunteer_data(world, birth_date=born(17).isoformat(), kinds=["raids"])
    )
    assert "kinds" in response.context["form"].errors
    volunteer.refresh_from_db()
    assert volunteer.birth_date == born(25)


# --- scope ----------------------------------------------------------------------------------


def test_registrar_of_another_area_gets_404_and_does_not_see_the_record(client, world):
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    activity = VolunteerActivityFactory(volunteer=volunteer)
    client.force_login(UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.other_area))
    for name, pk in [
        ("volunteer-edit", volunteer.pk),
        ("volunteer-detail", volunteer.pk),
        ("volunteergroup-edit", group.pk),
        ("volunteergroup-detail", group.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.post(reverse("volunteer-edit", args=[volunteer.pk]), {}).status_code == 404
    assert listed(client.get(reverse("volunteer-list"))) == []
    assert listed(client.get(reverse("volunteergroup-list"))) == []
    assert listed(client.get(reverse("volunteeractivity-list"))) == []
    url = reverse("volunteeractivity-create") + f"?volunteer={volunteer.pk}"
    assert client.get(url).status_code == 404
    assert client.post(url, activity_data(volunteer=volunteer.pk)).status_code == 404
    assert VolunteerActivity.objects.get() == activity


def test_lists_hold_the_users_territory(client, world):
    mine = VolunteerFactory(area=world.area)
    neighbour = VolunteerFactory(area=world.other_area)
    far = VolunteerFactory(area=world.far_area)
    expected = {
        Role.AKIMAT_REGISTRAR: {mine.pk},
        Role.REGIONAL_REGISTRAR: {mine.pk, neighbour.pk},
        Role.ADMINISTRATOR: {mine.pk, neighbour.pk, far.pk},
        # The police see the volunteers of their department's area.
        Role.INSPECTOR: {mine.pk},
        Role.SUPERVISOR: {mine.pk},
    }
    for role, pks in expected.items():
        as_role(client, world, role)
        response = client.get(reverse("volunteer-list"))
        assert response.status_code == 200, role
        assert set(listed(response)) == pks, role


def test_regional_registrar_reads_the_region_but_does_not_write(client, world):
    neighbour = VolunteerFactory(area=world.other_area)
    group = VolunteerGroupFactory(area=world.other_area)
    far_group = VolunteerGroupFactory(area=world.far_area)
    as_role(client, world, Role.REGIONAL_REGISTRAR)
    assert client.get(reverse("volunteer-detail", args=[neighbour.pk])).status_code == 200
    assert client.get(reverse("volunteergroup-detail", args=[group.pk])).status_code == 200
    assert client.get(reverse("volunteergroup-detail", args=[far_group.pk])).status_code == 404
    assert set(listed(client.get(reverse("volunteergroup-list")))) == {group.pk}
    assert client.get(reverse("volunteer-edit", args=[neighbour.pk])).status_code == 403
    assert client.post(reverse("volunteer-create"), volunteer_data(world)).status_code == 403
    response = client.get(reverse("volunteer-detail", args=[neighbour.pk]))
    assert response.context["can_write"] is False


def test_council_secretary_is_refused(client, world):
    volunteer = VolunteerFactory(area=world.area)
    as_role(client, world, Role.COUNCIL_SECRETARY)
    for url in [
        reverse("volunteer-list"),
        reverse("volunteergroup-list"),
        reverse("volunteeractivity-list"),
        reverse("volunteer-detail", args=[volunteer.pk]),
        reverse("volunteer-create"),
        reverse("volunteeractivity-create"),
    ]:
        assert client.get(url).status_code == 403, url


def test_police_read_their_department_area_and_cannot_write(client, world):
    volunteer = VolunteerFactory(area=world.area)
    activity = VolunteerActivityFactory(volunteer=volunteer)
    elsewhere = VolunteerFactory(area=world.other_area)
    for role in (Role.INSPECTOR, Role.SUPERVISOR):
        as_role(client, world, role)
        assert listed(client.get(reverse("volunteer-list"))) == [volunteer.pk]
        assert listed(client.get(reverse("volunteeractivity-list"))) == [activity.pk]
        assert client.get(reverse("volunteer-detail", args=[volunteer.pk])).status_code == 200
        assert client.get(reverse("volunteer-detail", args=[elsewhere.pk])).status_code == 404
        assert client.get(reverse("volunteer-create")).status_code == 403
        assert client.post(reverse("volunteer-create"), volunteer_data(world)).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("volunteer-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- masking of personal data ---------------------------------------------------------------


def test_mask_phone():
    assert mask_phone("+7 701 123 45 67") == MASKED_PHONE
    assert mask_phone("87011234567") == MASKED_PHONE
    assert mask_phone("") == ""


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (Role.AKIMAT_REGISTRAR, True),
        (Role.ADMINISTRATOR, True),
        (Role.REGIONAL_REGISTRAR, False),
    ],
)
def test_phone_and_birth_date_are_masked_for_roles_without_need(client, world, role, visible):
    volunteer = VolunteerFactory(area=world.area, birth_date=born(16))
    as_role(client, world, role)
    for url in (reverse("volunteer-list"), reverse("volunteer-detail", args=[volunteer.pk])):
        content = client.get(url).content.decode()
        assert ("123 45 67" in content) is visible, url
        assert (MASKED_PHONE in content) is not visible, url
        iso, local = volunteer.birth_date.isoformat(), volunteer.birth_date.strftime("%d.%m.%Y")
        assert (local in content or iso in content) is visible, url
    row = client.get(reverse("volunteer-list")).context["object_list"][0]
    assert row.phone_shown == (PHONE if visible else MASKED_PHONE)
    if visible:
        assert row.birth_shown == volunteer.birth_date
    else:
        assert str(row.birth_shown) == str(row.age_group)


def test_age_groups_shown_instead_of_birth_dates(client, world):
    child = VolunteerFactory(
        area=world.area, birth_date=born(12), parental_consent_on=days(-5), parent_name="Мама"
    )
    teen = VolunteerFactory(area=world.area, birth_date=born(15))
    adult = VolunteerFactory(area=world.area, birth_date=born(40))
    as_role(client, world, Role.REGIONAL_REGISTRAR)
    rows = {v.pk: v for v in client.get(reverse("volunteer-list")).context["object_list"]}
    assert rows[child.pk].birth_shown == age_group_label(12)
    assert rows[teen.pk].birth_shown == age_group_label(15)
    assert rows[adult.pk].birth_shown == age_group_label(40)
    assert len({str(age_group_label(a)) for a in (12, 15, 40)}) == 3
    # The parent's name is personal data too.
    content = client.get(reverse("volunteer-detail", args=[child.pk])).content.decode()
    assert "Мама" not in content
    assert 'id="volunteer-consent"' in content


def test_group_members_names_for_the_registrar_count_for_others(client, world):
    group = VolunteerGroupFactory(area=world.area, phone=PHONE)
    members = VolunteerFactory.create_batch(3, area=world.area, group=group)
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("volunteergroup-detail", args=[group.pk]))
    assert response.context["group"].member_count == 3
    assert {m.pk for m in response.context["members"]} == {m.pk for m in members}
    assert members[0].last_name in response.content.decode()
    assert "123 45 67" in response.content.decode()

    as_role(client, world, Role.REGIONAL_REGISTRAR)
    response = client.get(reverse("volunteergroup-detail", args=[group.pk]))
    content = response.content.decode()
    assert response.context["group"].member_count == 3
    assert response.context["members"] is None
    assert members[0].last_name not in content
    assert MASKED_PHONE in content
    assert "123 45 67" not in content


# --- lists, filters and hours ---------------------------------------------------------------


def test_volunteer_list_filters(registrar_client, world):
    group = VolunteerGroupFactory(area=world.area)
    raider = VolunteerFactory(area=world.area, last_name="Абаев", kinds=["raids", "social"])
    searcher = VolunteerFactory(
        area=world.area, last_name="Букеев", kinds=["missing_search"], group=group
    )
    teen = VolunteerFactory(area=world.area, last_name="Ветров", birth_date=born(15))
    url = reverse("volunteer-list")
    assert set(listed(registrar_client.get(url, {"kind": "raids"}))) == {raider.pk}
    assert set(listed(registrar_client.get(url, {"kind": "missing_search"}))) == {searcher.pk}
    assert set(listed(registrar_client.get(url, {"kind": "social"}))) == {raider.pk, teen.pk}
    assert listed(registrar_client.get(url, {"group": group.pk})) == [searcher.pk]
    assert listed(registrar_client.get(url, {"name": "букеев"})) == [searcher.pk]
    assert listed(registrar_client.get(url, {"age": "14to17"})) == [teen.pk]
    assert set(listed(registrar_client.get(url, {"age": "adult"}))) == {raider.pk, searcher.pk}
    assert listed(registrar_client.get(url, {"age": "under14"})) == []


def test_group_list_filters_and_counts(registrar_client, world):
    green = VolunteerGroupFactory(area=world.area, name="Зелёные", kinds=["environment"])
    social = VolunteerGroupFactory(area=world.area, name="Забота", kinds=["social"])
    VolunteerFactory.create_batch(2, area=world.area, group=green)
    VolunteerActivityFactory(volunteer=None, group=green, hours=Decimal("6"))
    VolunteerActivityFactory(volunteer=None, group=green, hours=Decimal("1.5"))
    VolunteerActivityFactory(volunteer=None, group=green, hours=Decimal("10"), date=last_year())
    url = reverse("volunteergroup-list")
    response = registrar_client.get(url)
    rows = {g.pk: g for g in response.context["object_list"]}
    assert rows[green.pk].member_count == 2
    assert rows[green.pk].hours_year == Decimal("7.5")
    assert rows[social.pk].member_count == 0
    assert rows[social.pk].hours_year == Decimal("0")
    assert listed(registrar_client.get(url, {"kind": "environment"})) == [green.pk]
    assert listed(registrar_client.get(url, {"name": "заб"})) == [social.pk]


def test_volunteer_hours_this_year(registrar_client, world):
    volunteer = VolunteerFactory(area=world.area)
    VolunteerActivityFactory(volunteer=volunteer, hours=Decimal("2.5"))
    VolunteerActivityFactory(volunteer=volunteer, hours=Decimal("4"))
    VolunteerActivityFactory(volunteer=volunteer, hours=Decimal("100"), date=last_year())
    idle = VolunteerFactory(area=world.area)
    rows = {v.pk: v for v in registrar_client.get(reverse("volunteer-list")).context["object_list"]}
    assert rows[volunteer.pk].hours_year == Decimal("6.5")
    assert rows[idle.pk].hours_year == Decimal("0")
    totals = registrar_client.get(reverse("volunteer-detail", args=[volunteer.pk])).context[
        "totals"
    ]
    assert (totals["year_count"], totals["count"]) == (2, 3)
    assert totals["year_hours"] == Decimal("6.5")
    assert totals["hours"] == Decimal("106.5")


def test_activity_list_filters_and_totals(registrar_client, world):
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    one = VolunteerActivityFactory(volunteer=volunteer, kind="events", hours=Decimal("2"))
    two = VolunteerActivityFactory(volunteer=None, group=group, kind="social", hours=Decimal("5"))
    old = VolunteerActivityFactory(volunteer=volunteer, date=days(-60), hours=Decimal("1"))
    VolunteerActivityFactory(volunteer=VolunteerFactory(area=world.other_area))
    url = reverse("volunteeractivity-list")
    response = registrar_client.get(url)
    assert listed(response) == [two.pk, one.pk, old.pk]  # the newest first
    assert response.context["totals"]["count"] == 3
    rows = {a.pk: a for a in response.context["object_list"]}
    assert rows[one.pk].row_url == reverse("volunteer-detail", args=[volunteer.pk])
    assert rows[two.pk].row_url == reverse("volunteergroup-detail", args=[group.pk])
    assert listed(registrar_client.get(url, {"party": "groups"})) == [two.pk]
    assert listed(registrar_client.get(url, {"kind": "events"})) == [one.pk]
    since = {"date_from": days(-30).isoformat()}
    response = registrar_client.get(url, since)
    assert set(listed(response)) == {one.pk, two.pk}
    assert response.context["totals"]["hours"] == Decimal("7")


# --- groups ---------------------------------------------------------------------------------


def test_registrar_records_and_edits_a_group(registrar_client, world):
    response = registrar_client.post(reverse("volunteergroup-create"), group_data(world))
    group = VolunteerGroup.objects.get()
    assert response.url == reverse("volunteergroup-detail", args=[group.pk])
    assert group.kinds == ["environment"]
    url = reverse("volunteergroup-edit", args=[group.pk])
    response = registrar_client.post(
        url, group_data(world, name="Жасыл ел — 2", kinds=["environment", "events"])
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Жасыл ел — 2"
    assert group.kinds == ["environment", "events"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"phone": "01"}, "phone"),
        ({"contact_person": ""}, "contact_person"),
        ({"kinds": ["nonsense"]}, "kinds"),
        ({"area": ""}, "area"),
    ],
)
def test_bad_group_is_refused(registrar_client, world, overrides, field):
    response = registrar_client.post(
        reverse("volunteergroup-create"), group_data(world, **overrides)
    )
    assert field in response.context["form"].errors
    assert VolunteerGroup.objects.count() == 0


def test_a_group_with_members_cannot_move_away_from_them(client, world):
    as_role(client, world, Role.ADMINISTRATOR)
    group = VolunteerGroupFactory(area=world.area)
    VolunteerFactory(area=world.area, group=group)
    url = reverse("volunteergroup-edit", args=[group.pk])
    response = client.post(url, group_data(world, area=world.other_area.pk))
    assert "area" in response.context["form"].errors
    group.refresh_from_db()
    assert group.area == world.area


# --- activities -----------------------------------------------------------------------------


def test_activity_from_a_volunteers_page(registrar_client, world):
    volunteer = VolunteerFactory(area=world.area)
    detail = registrar_client.get(reverse("volunteer-detail", args=[volunteer.pk]))
    url = reverse("volunteeractivity-create") + f"?volunteer={volunteer.pk}"
    assert url in detail.content.decode().replace("&amp;", "&")
    response = registrar_client.get(url)
    form = response.context["form"]
    assert form.initial["volunteer"] == volunteer.pk
    assert form.initial["date"] == TODAY()
    assert form.fields["volunteer"].widget.input_type == "hidden"
    assert response.context["party"] == volunteer

    response = registrar_client.post(url, activity_data(volunteer=volunteer.pk))
    assert response.status_code == 302
    activity = VolunteerActivity.objects.get()
    assert (
        response.url
        == reverse("volunteer-detail", args=[volunteer.pk]) + f"#activity-{activity.pk}"
    )
    assert activity.area == world.area
    assert activity.volunteer == volunteer
    assert activity.group is None
    assert activity.hours == Decimal("3.5")


def test_activity_from_a_groups_page(registrar_client, world):
    group = VolunteerGroupFactory(area=world.area)
    url = reverse("volunteeractivity-create") + f"?group={group.pk}"
    response = registrar_client.post(url, activity_data(group=group.pk, kind="environment"))
    activity = VolunteerActivity.objects.get()
    assert (
        response.url
        == reverse("volunteergroup-detail", args=[group.pk]) + f"#activity-{activity.pk}"
    )
    assert (activity.group, activity.volunteer, activity.area) == (group, None, world.area)


@pytest.mark.parametrize("kind", ["raids", "emergency"])
def test_a_minor_on_a_raid_is_refused_and_nothing_saved(registrar_client, world, kind):
    minor = VolunteerFactory(area=world.area, birth_date=born(17, extra_days=300))
    url = reverse("volunteeractivity-create") + f"?volunteer={minor.pk}"
    response = registrar_client.post(url, activity_data(volunteer=minor.pk, kind=kind))
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert VolunteerActivity.objects.count() == 0


def test_the_age_on_the_activity_date_counts(registrar_client, world):
    # 18 today, 17 a month ago.
    volunteer = VolunteerFactory(area=world.area, birth_date=born(18, extra_days=5))
    url = reverse("volunteeractivity-create")
    data = activity_data(volunteer=volunteer.pk, kind="raids", date=days(-30).isoformat())
    assert "kind" in registrar_client.post(url, data).context["form"].errors
    data["date"] = days(-1).isoformat()
    assert registrar_client.post(url, data).status_code == 302


def test_a_group_with_minors_is_not_recorded_on_a_raid(registrar_client, world):
    group = VolunteerGroupFactory(area=world.area)
    VolunteerFactory(area=world.area, group=group, birth_date=born(16))
    url = reverse("volunteeractivity-create")
    response = registrar_client.post(url, activity_data(group=group.pk, kind="raids"))
    assert "kind" in response.context["form"].errors
    assert VolunteerActivity.objects.count() == 0
    adults = VolunteerGroupFactory(area=world.area)
    VolunteerFactory(area=world.area, group=adults)
    assert (
        registrar_client.post(url, activity_data(group=adults.pk, kind="raids")).status_code == 302
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"both": True}, "__all__"),
        ({"neither": True}, "__all__"),
        ({"date": days(1).isoformat()}, "date"),
        ({"hours": "0"}, "hours"),
        ({"hours": "0.4"}, "hours"),
        ({"hours": "500.5"}, "hours"),
        ({"hours": "-2"}, "hours"),
        ({"action": ""}, "action"),
        ({"kind": "nonsense"}, "kind"),
    ],
)
def test_bad_activity_is_refused_and_nothing_saved(registrar_client, world, overrides, field):
    volunteer = VolunteerFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    parties = {"volunteer": volunteer.pk}
    if overrides.pop("both", False):
        parties = {"volunteer": volunteer.pk, "group": group.pk}
    if overrides.pop("neither", False):
        parties = {}
    data = activity_data(**parties, **overrides)
    response = registrar_client.post(reverse("volunteeractivity-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert VolunteerActivity.objects.count() == 0


def test_activity_for_someone_outside_my_area_is_refused(registrar_client, world):
    foreign = VolunteerFactory(area=world.other_area)
    response = registrar_client.post(
        reverse("volunteeractivity-create"), activity_data(volunteer=foreign.pk)
    )
    assert "volunteer" in response.context["form"].errors
    assert VolunteerActivity.objects.count() == 0
    bad = reverse("volunteeractivity-create") + "?volunteer=abc"
    assert registrar_client.get(bad).status_code == 404


# --- query counts ---------------------------------------------------------------------------


def _populate(world, n):
    for _ in range(n):
        group = VolunteerGroupFactory(area=world.area)
        volunteer = VolunteerFactory(area=world.area, group=group)
        VolunteerFactory(area=world.other_area)
        VolunteerActivityFactory(volunteer=volunteer)
        VolunteerActivityFactory(volunteer=None, group=group)


@pytest.mark.parametrize(
    "url_name", ["volunteer-list", "volunteergroup-list", "volunteeractivity-list"]
)
@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, url_name, role):
    as_role(client, world, role)

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    _populate(world, 2)
    small = measure()
    _populate(world, 12)
    assert measure() == small


@pytest.mark.parametrize("url_name", ["volunteer-detail", "volunteergroup-detail"])
@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR])
def test_detail_query_count_is_flat(client, world, django_assert_max_num_queries, url_name, role):
    as_role(client, world, role)
    group = VolunteerGroupFactory(area=world.area)
    volunteer = VolunteerFactory(area=world.area, group=group)
    pk = volunteer.pk if url_name == "volunteer-detail" else group.pk

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse(url_name, args=[pk])).status_code == 200
        return len(captured)

    def add(n):
        for _ in range(n):
            VolunteerFactory(area=world.area, group=group)
            VolunteerActivityFactory(volunteer=volunteer)
            VolunteerActivityFactory(volunteer=None, group=group)

    add(1)
    small = measure()
    add(10)
    assert measure() == small
