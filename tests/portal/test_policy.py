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


def test_can_view_and_can_change(world):
    inspector = world.users[Role.INSPECTOR]
    admin = world.users[Role.ADMINISTRATOR]
    assert policy.can_view(inspector, world.beat)
    assert not policy.can_view(inspector, world.other_beat)
    # Territory itself is edited by administrators only.
    assert not policy.can_change(inspector, world.beat)
    assert not policy.can_change(world.users[Role.SUPERVISOR], world.beat)
    assert policy.can_change(admin, world.far_beat)


def test_scoping_a_model_without_territory_is_an_error(world):
    from portal.models import User

    with pytest.raises(TypeError):
        policy.scoped(world.users[Role.ADMINISTRATOR], User.objects.all())


def test_only_administrators_are_django_staff(world):
    for role, user in world.users.items():
        assert user.is_staff == (role == Role.ADMINISTRATOR)


def test_rule_allows_listed_roles_only(world):
    rule = policy.roles(Role.SUPERVISOR)
    assert rule.allows(world.users[Role.SUPERVISOR])
    assert not rule.allows(world.users[Role.INSPECTOR])
    assert not rule.allows(AnonymousUser())
    assert policy.PUBLIC.allows(AnonymousUser())


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
