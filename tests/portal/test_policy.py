"""portal.policy: each role sees its own territory and nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from districts.models import Area, Beat, BeatStreet, PolicePoint
from portal import policy
from portal.models import Role
from tests.factories import BeatStreetFactory, UserFactory


def visible_beats(user):
    return set(policy.scoped(user, Beat.objects.all()))


def test_inspector_sees_only_assigned_beats(world):
    assert visible_beats(world.users[Role.INSPECTOR]) == {world.beat}


def test_supervisor_sees_exactly_the_department(world):
    assert visible_beats(world.users[Role.SUPERVISOR]) == {world.beat, world.colleague_beat}


def test_akimat_registrar_sees_the_area(world):
    assert visible_beats(world.users[Role.AKIMAT_REGISTRAR]) == {world.beat, world.colleague_beat}


def test_council_secretary_sees_the_area(world):
    assert visible_beats(world.users[Role.COUNCIL_SECRETARY]) == {
        world.beat,
        world.colleague_beat,
    }


def test_regional_registrar_sees_the_region_but_not_another(world):
    assert visible_beats(world.users[Role.REGIONAL_REGISTRAR]) == {
        world.beat,
        world.colleague_beat,
        world.other_beat,
    }


def test_administrator_sees_everything(world):
    assert visible_beats(world.users[Role.ADMINISTRATOR]) == set(Beat.objects.all())


def test_anonymous_and_inactive_users_see_nothing(world):
    inactive = world.users[Role.SUPERVISOR]
    inactive.is_active = False
    inactive.save()
    assert visible_beats(AnonymousUser()) == set()
    assert visible_beats(inactive) == set()


def test_staff_without_a_territory_see_nothing(world):
    for role in (Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR):
        assert visible_beats(UserFactory(role=role)) == set()


def test_user_without_a_role_sees_nothing(world):
    assert visible_beats(UserFactory(role="")) == set()


def test_scope_follows_related_models(world):
    BeatStreetFactory(beat=world.beat)
    BeatStreetFactory(beat=world.other_beat)
    inspector = world.users[Role.INSPECTOR]
    assert {s.beat for s in policy.scoped(inspector, BeatStreet.objects.all())} == {world.beat}
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    assert set(policy.scoped(registrar, Area.objects.all())) == {world.area}
    assert set(policy.scoped(registrar, PolicePoint.objects.all())) == {world.point}
    regional = world.users[Role.REGIONAL_REGISTRAR]
    assert set(policy.scoped(regional, Area.objects.all())) == {world.area, world.other_area}


def test_police_roles_see_no_area_level_records(world):
    # Area-level registers (e.g. assistants later) are not the police's to browse by area.
    assert set(policy.scoped(world.users[Role.INSPECTOR], Area.objects.all())) == set()


def test_get_scoped_or_404_hides_other_beats(world):
    inspector = world.users[Role.INSPECTOR]
    assert policy.get_scoped_or_404(inspector, Beat.objects.all(), code=world.beat.code)
    with pytest.raises(Http404):
        policy.get_scoped_or_404(inspector, Beat.objects.all(), code=world.colleague_beat.code)
    with pytest.raises(Http404):
        policy.get_scoped_or_404(inspector, Beat.objects.all(), code="no-such-beat")


def test_may_asks_the_role_and_the_territory(world):
    inspector = world.users[Role.INSPECTOR]
    admin = world.users[Role.ADMINISTRATOR]
    assert policy.may(inspector, "workspace.view", world.beat)
    assert not policy.may(inspector, "workspace.view", world.other_beat)
    # Territory itself is edited by administrators only.
    assert not policy.may(inspector, "territory.change", world.beat)
    assert not policy.may(world.users[Role.SUPERVISOR], "territory.change", world.beat)
    assert policy.may(admin, "territory.change", world.far_beat)


def test_may_without_an_object_asks_the_role_alone(world):
    assert policy.may(world.users[Role.INSPECTOR], "workspace.record")
    assert not policy.may(world.users[Role.SUPERVISOR], "workspace.record")
    assert not policy.may(AnonymousUser(), "workspace.view")
    assert policy.may(AnonymousUser(), "site.view")


def test_an_unknown_action_is_an_error(world):
    with pytest.raises(KeyError):
        policy.may(world.users[Role.ADMINISTRATOR], "workspace.recrod")
    with pytest.raises(KeyError):
        policy.guard("no.such.action")


def test_inactive_users_may_nothing_but_public_actions(world):
    admin = world.users[Role.ADMINISTRATOR]
    admin.is_active = False
    admin.save()
    assert not policy.may(admin, "staff.view")
    assert policy.may(admin, "site.view")


def test_a_superuser_without_a_role_acts_as_an_administrator(world):
    root = UserFactory(role="", is_superuser=True)
    assert policy.may(root, "territory.change", world.far_beat)
    assert not policy.may(UserFactory(role=""), "staff.view")


def test_personal_data_is_for_the_registrars_of_the_records_area(world):
    from tests.factories import AssistantFactory

    mine = AssistantFactory(area=world.area)
    other = AssistantFactory(area=world.other_area)
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    assert policy.may(registrar, "personal_data.view", mine)
    assert not policy.may(registrar, "personal_data.view", other)
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY):
        assert not policy.may(world.users[role], "personal_data.view", mine)
    assert policy.may(world.users[Role.ADMINISTRATOR], "personal_data.view", other)


def test_scoping_a_model_without_territory_is_an_error(world):
    from portal.models import User

    with pytest.raises(TypeError):
        policy.scoped(world.users[Role.ADMINISTRATOR], User.objects.all())


def test_only_administrators_are_django_staff(world):
    for role, user in world.users.items():
        assert user.is_staff == (role == Role.ADMINISTRATOR)


def test_rule_allows_the_roles_of_its_action_only(world):
    rule = policy.Rule("start.supervisor")
    assert rule.allows(world.users[Role.SUPERVISOR])
    assert not rule.allows(world.users[Role.INSPECTOR])
    assert not rule.allows(AnonymousUser())
    assert policy.Rule("site.view").allows(AnonymousUser())


def test_rule_asks_the_write_action_for_unsafe_methods(world):
    rule = policy.Rule("workspace.view", "workspace.record")
    supervisor = world.users[Role.SUPERVISOR]
    assert rule.allows(supervisor, "GET")
    assert not rule.allows(supervisor, "POST")
    assert rule.allows(world.users[Role.INSPECTOR], "POST")


def test_police_see_area_wide_shared_records_of_their_department_area(world):
    from councils.models import PartnerOrganization

    mine = PartnerOrganization.objects.create(kind="osi", name="ОСИ «Достык»", area=world.area)
    PartnerOrganization.objects.create(kind="ksk", name="КСК «Самал»", area=world.other_area)
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.COUNCIL_SECRETARY, Role.AKIMAT_REGISTRAR):
        assert list(policy.scoped(world.users[role], PartnerOrganization.objects.all())) == [mine]
    assert (
        policy.scoped(
            world.users[Role.REGIONAL_REGISTRAR], PartnerOrganization.objects.all()
        ).count()
        == 2
    )
    # Without a department an inspector sees none of them.
    assert not policy.scoped(
        UserFactory(role=Role.INSPECTOR), PartnerOrganization.objects.all()
    ).exists()
