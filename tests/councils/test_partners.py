"""Partner organisations: shared within an area, searched and filtered, checked on input."""

import pytest
from django.urls import reverse

from councils.models import PartnerKind, PartnerOrganization
from portal.models import Role
from tests.builders.people import outsider
from tests.factories import BeatFactory, PartnerFactory


def partner_data(world, **changes):
    data = {
        "kind": PartnerKind.SCHOOL,
        "name": "Школа-гимназия № 120",
        "area": world.area.pk,
        "beats": [world.beat.pk],
        "contact_person": "Директор Сериков А. Б.",
        "phone": "+7 727 300 00 00",
        "email": "school120@example.kz",
        "helps_with": "Правовые уроки, родительские собрания",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- create and edit -------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.COUNCIL_SECRETARY, Role.SUPERVISOR])
def test_staff_of_the_area_records_a_partner(client, world, role):
    client.force_login(world.users[role])
    page = client.get(reverse("partner-create"))
    form = page.context["form"]
    assert f'name="beats" value="{world.colleague_beat.pk}"' in page.content.decode()
    # One area: preselected and not asked.
    assert form.initial["area"] == world.area.pk
    assert form.fields["area"].widget.is_hidden
    beats = set(form.fields["beats"].queryset)
    assert {world.beat, world.colleague_beat} <= beats
    assert world.other_beat not in beats

    response = client.post(reverse("partner-create"), partner_data(world))
    assert response.status_code == 302
    partner = PartnerOrganization.objects.get()
    assert response.url == reverse("partner-edit", args=[partner.pk])
    assert (partner.kind, partner.area) == (PartnerKind.SCHOOL, world.area)
    assert list(partner.beats.all()) == [world.beat]
    assert partner.email == "school120@example.kz"


def test_duplicate_name_in_the_area_is_refused_with_a_message(client, world):
    PartnerFactory(area=world.area, name="Школа-гимназия № 120")
    client.force_login(world.inspector)
    response = client.post(reverse("partner-create"), partner_data(world))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["name"]
    assert PartnerOrganization.objects.count() == 1


def test_same_name_in_another_area_is_fine(client, world):
    PartnerFactory(area=world.other_area, name="Школа-гимназия № 120")
    client.force_login(world.users[Role.ADMINISTRATOR])
    response = client.post(reverse("partner-create"), partner_data(world))
    assert response.status_code == 302
    assert PartnerOrganization.objects.filter(name="Школа-гимназия № 120").count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"beats": [999999]}, "beats"),  # unknown beat
        ({"area": "999999"}, "area"),  # unknown area
        ({"email": "not-an-address"}, "email"),
        ({"name": ""}, "name"),
        ({"kind": "circus"}, "kind"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, world, changes, field):
    client.force_login(world.inspector)
    response = client.post(reverse("partner-create"), partner_data(world, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not PartnerOrganization.objects.exists()


def test_beat_or_area_of_another_area_is_refused(client, world):
    client.force_login(world.inspector)
    for changes, field in (
        ({"beats": [world.other_beat.pk]}, "beats"),
        ({"area": world.other_area.pk, "beats": []}, "area"),
    ):
        response = client.post(reverse("partner-create"), partner_data(world, **changes))
        assert response.status_code == 200
        assert field in response.context["form"].errors
    assert not PartnerOrganization.objects.exists()


def test_a_multi_area_user_cannot_mix_areas(client, world):
    """An administrator chooses the area; beats of another area are named as the problem."""
    client.force_login(world.users[Role.ADMINISTRATOR])
    data = partner_data(world, area=world.other_area.pk, beats=[world.beat.pk])
    response = client.post(reverse("partner-create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["beats"]
    assert not PartnerOrganization.objects.exists()


def test_secretary_edits_a_partner_recorded_by_the_police(client, world):
    partner = PartnerFactory(area=world.area, beats=[world.beat])
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    url = reverse("partner-edit", args=[partner.pk])
    data = partner_data(world, name=partner.name, beats=[world.colleague_beat.pk])
    response = client.post(url, data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.kind == PartnerKind.SCHOOL
    assert list(partner.beats.all()) == [world.colleague_beat]


def test_editing_keeps_the_own_name_allowed(client, world):
    partner = PartnerFactory(area=world.area, name="КСК «Самал»")
    client.force_login(world.inspector)
    data = partner_data(world, name="КСК «Самал»", kind=PartnerKind.KSK)
    assert client.post(reverse("partner-edit", args=[partner.pk]), data).status_code == 302


# --- scope -----------------------------------------------------------------------------------


def test_akimat_registrar_reads_but_cannot_write(client, world):
    partner = PartnerFactory(area=world.area)
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("partner-list")).context["object_list"][0] == partner
    response = client.get(reverse("partner-edit", args=[partner.pk]))
    assert response.status_code == 200
    assert response.context["can_write"] is False
    assert all(f.disabled for f in response.context["form"].fields.values())
    url = reverse("partner-edit", args=[partner.pk])
    assert client.post(url, partner_data(world)).status_code == 403
    assert client.get(reverse("partner-create")).status_code == 403
    assert client.post(reverse("partner-create"), partner_data(world)).status_code == 403
    partner.refresh_from_db()
    assert partner.kind == PartnerKind.OSI


def test_inspector_of_another_area_sees_nothing(client, world):
    partner = PartnerFactory(area=world.area)
    mine = PartnerFactory(area=world.other_area)
    client.force_login(outsider(world))
    assert list(client.get(reverse("partner-list")).context["object_list"]) == [mine]
    assert client.get(reverse("partner-edit", args=[partner.pk])).status_code == 404
    url = reverse("partner-edit", args=[partner.pk])
    assert client.post(url, partner_data(world)).status_code == 404


def test_partners_are_shared_across_the_area(client, world):
    """A partner recorded for a colleague's beat is visible to every inspector of the area."""
    partner = PartnerFactory(area=world.area, beats=[world.colleague_beat])
    client.force_login(world.inspector)
    assert list(client.get(reverse("partner-list")).context["object_list"]) == [partner]
    assert client.get(reverse("partner-edit", args=[partner.pk])).status_code == 200


def test_regional_registrar_reads_the_region(client, world):
    here = PartnerFactory(area=world.area)
    there = PartnerFactory(area=world.other_area)
    PartnerFactory(area=world.far_area)
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    assert set(client.get(reverse("partner-list")).context["object_list"]) == {here, there}


# --- search and filters ----------------------------------------------------------------------


def test_search_and_filters(client, world):
    school = PartnerFactory(
        area=world.area,
        kind=PartnerKind.SCHOOL,
        name="Школа № 12",
        contact_person="Бекова Айгерим",
        helps_with="Правовые уроки",
        beats=[world.beat],
    )
    osi = PartnerFactory(
        area=world.area,
        kind=PartnerKind.OSI,
        name="ОСИ «Жетысу»",
        contact_person="Тулеев Марат",
        helps_with="Видеонаблюдение во дворе",
        beats=[world.colleague_beat],
    )
    client.force_login(world.inspector)
    url = reverse("partner-list")

    def names(**params):
        return {p.name for p in client.get(url, params).context["object_list"]}

    assert names() == {school.name, osi.name}
    assert names(q="Жетысу") == {osi.name}  # name
    assert names(q="Бекова") == {school.name}  # contact person
    assert names(q="Видеонаблюдение") == {osi.name}  # what they help with
    assert names(kind=PartnerKind.SCHOOL) == {school.name}
    assert names(beat=world.colleague_beat.pk) == {osi.name}
    # The beat filter offers the beats of the area, not only the inspector's own.
    form = client.get(url).context["filter"].form
    assert world.colleague_beat in form.fields["beat"].queryset
    assert world.other_beat not in form.fields["beat"].queryset


# --- query counts ----------------------------------------------------------------------------


def _measure(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.COUNCIL_SECRETARY, Role.ADMINISTRATOR])
def test_partner_list_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])
    PartnerFactory(area=world.area, beats=[world.beat])
    url = reverse("partner-list")
    small = _measure(client, url, django_assert_max_num_queries)
    for _ in range(12):
        beat = BeatFactory(police_point=world.point)
        PartnerFactory(area=world.area, beats=[beat, world.beat])
    assert _measure(client, url, django_assert_max_num_queries) == small


def test_partner_page_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.inspector)
    partner = PartnerFactory(area=world.area, beats=[world.beat])
    url = reverse("partner-edit", args=[partner.pk])
    small = _measure(client, url, django_assert_max_num_queries)
    for _ in range(10):
        beat = BeatFactory(police_point=world.point)
        partner.beats.add(beat)
        PartnerFactory(area=world.area)
    assert _measure(client, url, django_assert_max_num_queries) == small
