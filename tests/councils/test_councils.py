"""Public councils: councils, members, composition warnings, sessions with attendance and
quorum, decisions, the secretary's start page, scope per role and flat query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.composition import composition_of_annotated, composition_of_members
from councils.models import (
    CouncilMember,
    CouncilSession,
    MemberRole,
    MemberSide,
    PublicCouncil,
    RecommendationStatus,
    SessionDecision,
)
from councils.quorum import quorum_needed, session_quorum
from councils.selectors.councils import councils_for
from councils.services.councils import decision_add
from portal.models import Role
from tests.clients import as_role
from tests.dates import days, local_input
from tests.factories import (
    CouncilFactory,
    DecisionFactory,
    MemberFactory,
    RecommendationFactory,
    SessionFactory,
    UserFactory,
)


def staffed(council, *, civil, state, chair=True, secretary=True):
    """A council with `civil` + `state` current members; the chair and the secretary (when
    asked) come first, from civil society."""
    roles = []
    if chair:
        roles.append(MemberRole.CHAIR)
    if secretary:
        roles.append(MemberRole.SECRETARY)
    members = []
    for i in range(civil + state):
        side = MemberSide.CIVIL_SOCIETY if i < civil else MemberSide.STATE_BODY
        role = roles[i] if i < len(roles) else MemberRole.MEMBER
        members.append(MemberFactory(council=council, side=side, role=role))
    return members


@pytest.fixture
def council(world):
    return CouncilFactory(department=world.department)


@pytest.fixture
def secretary(world):
    return world.users[Role.COUNCIL_SECRETARY]


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


# --- rules on known data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "needed"), [(0, 1), (1, 1), (3, 2), (5, 4), (6, 4), (7, 5), (9, 6), (10, 7)]
)
def test_quorum_is_two_thirds_rounded_up(total, needed):
    assert quorum_needed(total) == needed


def test_five_members_with_three_from_civil_society_warn_3_of_5(council):
    members = staffed(council, civil=3, state=2)
    composition = composition_of_members(council, members)
    assert (composition.total, composition.civil, composition.civil_needed) == (5, 3, 4)
    [warning] = composition.warnings
    assert warning.code == "civil_share"
    assert warning.params == {"civil": 3, "total": 5, "needed": 4}
    assert "3" in warning.message and "5" in warning.message


def test_six_members_with_four_from_civil_society_are_in_order(council):
    members = staffed(council, civil=4, state=2)
    assert composition_of_members(council, members).warnings == []


def test_chair_secretary_and_term_warnings(world):
    council = CouncilFactory(department=world.department, term_end=days(-1))
    staffed(council, civil=4, state=0, chair=False, secretary=True)
    MemberFactory(council=council, role=MemberRole.SECRETARY)
    composition = composition_of_members(council, list(council.members.all()))
    assert composition.warning_codes == ["no_chair", "many_secretaries", "term_ended"]
    assert composition.warnings[1].params == {"count": 2}


def test_empty_council_warns_of_no_members(council):
    codes = composition_of_members(council, []).warning_codes
    assert codes == ["no_members", "no_chair", "no_secretary"]


def test_only_current_members_count(council):
    staffed(council, civil=4, state=2)
    # Left yesterday, joins next week: neither sits today.
    MemberFactory(council=council, side=MemberSide.STATE_BODY, left_on=days(-1))
    MemberFactory(council=council, side=MemberSide.STATE_BODY, joined_on=days(7))
    # A member leaving today still sits today.
    MemberFactory(council=council, side=MemberSide.CIVIL_SOCIETY, left_on=days(0))
    composition = composition_of_members(council, list(council.members.all()))
    assert (composition.total, composition.civil) == (7, 5)
    assert composition.warnings == []


def test_a_civil_servant_chair_saved_around_the_form_is_warned_about(council):
    staffed(council, civil=4, state=2)
    # CouncilMember.clean refuses this; data imported around it is still reported.
    council.members.filter(role=MemberRole.CHAIR).update(is_civil_servant=True)
    assert composition_of_members(council, list(council.members.all())).warning_codes == [
        "civil_servant_chair"
    ]


@pytest.mark.parametrize(("civil", "state"), [(3, 2), (4, 2), (0, 3), (1, 0)])
def test_list_annotations_agree_with_the_detail_page(world, civil, state):
    council = CouncilFactory(department=world.department)
    staffed(council, civil=civil, state=state)
    MemberFactory(council=council, left_on=days(-3))
    from_list = composition_of_annotated(councils_for(world.users[Role.ADMINISTRATOR]).get())
    from_detail = composition_of_members(council, list(council.members.all()))
    assert from_list == from_detail


# --- councils -------------------------------------------------------------------------------


def council_data(world, **overrides):
    return {
        "department": world.department.pk,
        "name_ru": "Общественный совет при УП Алмалинского района",
        "term_start": days(0).isoformat(),
        "term_end": days(3 * 365).isoformat(),
        **overrides,
    }


def test_secretary_creates_a_council(secretary_client, world):
    page = secretary_client.get(reverse("council-create"))
    assert page.status_code == 200
    # The secretary's area has one police department: it is preselected.
    assert page.context["form"].initial["department"] == world.department.pk
    assert list(page.context["form"].fields["department"].queryset) == [world.department]
    response = secretary_client.post(reverse("council-create"), council_data(world))
    council = PublicCouncil.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("council-detail", args=[council.pk])
    assert council.department == world.department


def test_term_ending_before_it_starts_is_refused(secretary_client, world):
    data = council_data(world, term_start=days(10).isoformat(), term_end=days(5).isoformat())
    response = secretary_client.post(reverse("council-create"), data)
    assert response.status_code == 200
    assert "term_end" in response.context["form"].errors
    assert not PublicCouncil.objects.exists()


def test_a_department_of_another_area_is_refused(secretary_client, world):
    data = council_data(world, department=world.other_department.pk)
    response = secretary_client.post(reverse("council-create"), data)
    assert "department" in response.context["form"].errors
    assert not PublicCouncil.objects.exists()


def test_secretary_edits_a_council(secretary_client, world, council):
    data = council_data(world, name_ru="Новое имя", term_start=council.term_start.isoformat())
    response = secretary_client.post(reverse("council-edit", args=[council.pk]), data)
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.name == "Новое имя"


def test_council_list_and_detail_show_composition(secretary_client, world, council):
    staffed(council, civil=3, state=2)
    in_order = CouncilFactory(department=world.department)
    staffed(in_order, civil=4, state=2)
    response = secretary_client.get(reverse("council-list"))
    rows = {c.pk: c.composition.warning_codes for c in response.context["councils"]}
    assert rows == {council.pk: ["civil_share"], in_order.pk: []}
    detail = secretary_client.get(reverse("council-detail", args=[council.pk]))
    assert [w.code for w in detail.context["warnings"]] == ["civil_share"]
    assert (detail.context["composition"].civil, detail.context["composition"].total) == (3, 5)
    assert b'data-code="civil_share"' in detail.content
    assert len(detail.context["members"]) == 5


def test_council_list_filters_by_term(secretary_client, world, council):
    ended = CouncilFactory(department=world.department, term_end=days(-1))
    url = reverse("council-list")
    assert [c.pk for c in secretary_client.get(url, {"term": "ended"}).context["councils"]] == [
        ended.pk
    ]
    assert [c.pk for c in secretary_client.get(url, {"term": "current"}).context["councils"]] == [
        council.pk
    ]


# --- members ---------------------------------------------------------------------------------


def member_data(**overrides):
    return {
        "full_name": "Сейткали Айгерим",
        "role": MemberRole.MEMBER,
        "side": MemberSide.CIVIL_SOCIETY,
        "organisation": "ОО «Безопасный город»",
        "joined_on": days(0).isoformat(),
        "left_on": "",
        **overrides,
    }


def test_secretary_adds_a_member(secretary_client, council):
    url = reverse("councilmember-create", args=[council.pk])
    initial = secretary_client.get(url).context["form"].initial
    assert (initial["joined_on"], initial["side"]) == (days(0), MemberSide.CIVIL_SOCIETY)
    response = secretary_client.post(url, member_data(role=MemberRole.CHAIR))
    assert response.status_code == 302
    member = council.members.get()
    assert response.url == reverse("councilmember-edit", args=[member.pk])
    assert (member.role, member.side) == (MemberRole.CHAIR, MemberSide.CIVIL_SOCIETY)


def test_a_civil_servant_chair_is_refused(secretary_client, council):
    url = reverse("councilmember-create", args=[council.pk])
    data = member_data(role=MemberRole.CHAIR, side=MemberSide.STATE_BODY, is_civil_servant="on")
    response = secretary_client.post(url, data)
    assert response.status_code == 200
    assert "is_civil_servant" in response.context["form"].errors
    assert not CouncilMember.objects.exists()


def test_a_civil_servant_cannot_become_chair_on_edit(secretary_client, council):
    member = MemberFactory(council=council, side=MemberSide.STATE_BODY, is_civil_servant=True)
    data = member_data(
        role=MemberRole.CHAIR,
        side=MemberSide.STATE_BODY,
        is_civil_servant="on",
        joined_on=member.joined_on.isoformat(),
    )
    response = secretary_client.post(reverse("councilmember-edit", args=[member.pk]), data)
    assert "is_civil_servant" in response.context["form"].errors
    member.refresh_from_db()
    assert member.role == MemberRole.MEMBER


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"joined_on": days(0).isoformat(), "left_on": days(-1).isoformat()}, "left_on"),
        ({"joined_on": days(800).isoformat()}, "joined_on"),  # after the term ends
        ({"side": ""}, "side"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_member_input_is_refused(secretary_client, council, overrides, field):
    url = reverse("councilmember-create", args=[council.pk])
    response = secretary_client.post(url, member_data(**overrides))
    assert field in response.context["form"].errors
    assert not CouncilMember.objects.exists()


def test_left_on_ends_a_membership(secretary_client, council):
    staffed(council, civil=4, state=2)
    leaving = council.members.filter(side=MemberSide.CIVIL_SOCIETY, role=MemberRole.MEMBER)[0]
    data = member_data(
        full_name=leaving.full_name,
        joined_on=leaving.joined_on.isoformat(),
        left_on=days(-1).isoformat(),
    )
    response = secretary_client.post(reverse("councilmember-edit", args=[leaving.pk]), data)
    assert response.status_code == 302
    detail = secretary_client.get(reverse("council-detail", args=[council.pk]))
    assert leaving in detail.context["former_members"]
    assert leaving not in detail.context["members"]
    # 3 of 5 from civil society now: below two thirds.
    assert [w.params for w in detail.context["warnings"]] == [{"civil": 3, "total": 5, "needed": 4}]


# --- sessions and quorum -----------------------------------------------------------------------


def session_data(held_at, present=(), **overrides):
    return {
        "held_at": local_input(held_at),
        "place_ru": "УП, актовый зал",
        "agenda_ru": "1. Отчёт участковых инспекторов\n2. Рекомендации",
        "is_open": "on",
        "present": [m.pk for m in present],
        **overrides,
    }


def test_secretary_records_a_session_with_attendance(secretary_client, council):
    members = staffed(council, civil=5, state=2)
    url = reverse("councilsession-create", args=[council.pk])
    page = secretary_client.get(url)
    assert set(page.context["form"].fields["present"].queryset) == set(members)
    held_at = timezone.now() - datetime.timedelta(days=2)
    response = secretary_client.post(url, session_data(held_at, members[:5]))
    session = CouncilSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("councilsession-detail", args=[session.pk])
    assert set(session.present.all()) == set(members[:5])
    assert session.is_open
    detail = secretary_client.get(response.url)
    assert detail.context["quorum"].reached


def test_a_member_of_another_council_in_attendance_is_refused(secretary_client, world, council):
    members = staffed(council, civil=4, state=2)
    stranger = MemberFactory(council=CouncilFactory(department=world.department))
    url = reverse("councilsession-create", args=[council.pk])
    held_at = timezone.now() - datetime.timedelta(days=2)
    response = secretary_client.post(url, session_data(held_at, [*members[:4], stranger]))
    assert response.status_code == 200
    assert "present" in response.context["form"].errors
    assert not CouncilSession.objects.exists()


def test_attendance_of_a_future_session_is_refused(secretary_client, council):
    members = staffed(council, civil=4, state=2)
    url = reverse("councilsession-create", args=[council.pk])
    held_at = timezone.now() + datetime.timedelta(days=10)
    response = secretary_client.post(url, session_data(held_at, members))
    assert "present" in response.context["form"].errors
    assert not CouncilSession.objects.exists()
    # A planned session without attendance is fine.
    assert secretary_client.post(url, session_data(held_at)).status_code == 302
    assert CouncilSession.objects.get().present.count() == 0


def test_a_session_outside_the_term_is_refused(secretary_client, world):
    council = CouncilFactory(department=world.department, term_start=days(-30))
    url = reverse("councilsession-create", args=[council.pk])
    response = secretary_client.post(url, session_data(timezone.now() - datetime.timedelta(60)))
    assert "held_at" in response.context["form"].errors
    assert not CouncilSession.objects.exists()


def test_a_member_who_had_left_cannot_be_marked_present(secretary_client, council):
    members = staffed(council, civil=4, state=2)
    gone = MemberFactory(council=council, left_on=days(-20))
    url = reverse("councilsession-create", args=[council.pk])
    response = secretary_client.post(
        url, session_data(timezone.now() - datetime.timedelta(days=5), [*members, gone])
    )
    assert "present" in response.context["form"].errors
    assert not CouncilSession.objects.exists()


@pytest.mark.parametrize(("present", "had_quorum"), [(4, False), (5, True), (7, True)])
def test_quorum_of_seven_members(secretary_client, council, present, had_quorum):
    members = staffed(council, civil=5, state=2)
    session = SessionFactory(council=council, present=members[:present])
    assert session_quorum(session).needed == 5
    url = reverse("sessiondecision-create", args=[session.pk])
    response = secretary_client.post(url, {"text": "Одобрить план профилактики"})
    assert response.status_code == 302
    decision = SessionDecision.objects.get()
    assert decision.had_quorum is had_quorum
    page = secretary_client.get(reverse("councilsession-detail", args=[session.pk]))
    flag = b'data-had-quorum="%s"' % (b"true" if had_quorum else b"false")
    assert flag in page.content
    assert (b"no-quorum" in page.content) is not had_quorum


def test_quorum_counts_the_members_on_the_day_of_the_session(council):
    members = staffed(council, civil=5, state=1)
    # Joined after the session: does not count for it.
    MemberFactory(council=council, joined_on=days(-1))
    session = SessionFactory(council=council, present=members[:4])
    quorum = session_quorum(session)
    assert (quorum.present, quorum.members, quorum.needed, quorum.reached) == (4, 6, 4, True)


def test_a_decision_of_a_future_session_is_refused(secretary_client, council):
    staffed(council, civil=4, state=2)
    session = SessionFactory(council=council, held_at=timezone.now() + datetime.timedelta(days=3))
    url = reverse("sessiondecision-create", args=[session.pk])
    response = secretary_client.post(url, {"text": "Решение"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not SessionDecision.objects.exists()


def test_an_empty_decision_is_refused(secretary_client, council):
    session = SessionFactory(council=council)
    response = secretary_client.post(
        reverse("sessiondecision-create", args=[session.pk]), {"text": ""}
    )
    assert "text" in response.context["form"].errors
    assert not SessionDecision.objects.exists()


def test_correcting_attendance_corrects_the_recorded_quorum(secretary_client, council):
    members = staffed(council, civil=5, state=2)
    session = SessionFactory(council=council, present=members[:4])
    decision = decision_add(session=session, text="Решение")
    assert not decision.had_quorum
    data = session_data(session.held_at, members[:5], is_open="")
    response = secretary_client.post(reverse("councilsession-edit", args=[session.pk]), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.had_quorum


def test_a_session_with_decisions_cannot_move_to_the_future(secretary_client, council):
    session = SessionFactory(council=council)
    DecisionFactory(session=session)
    data = session_data(timezone.now() + datetime.timedelta(days=3))
    response = secretary_client.post(reverse("councilsession-edit", args=[session.pk]), data)
    assert "held_at" in response.context["form"].errors
    held_at = session.held_at
    session.refresh_from_db()
    assert session.held_at == held_at


def test_decisions_without_quorum_are_flagged_in_the_council_page(secretary_client, council):
    session = SessionFactory(council=council)
    DecisionFactory(session=session, had_quorum=False)
    DecisionFactory(session=session, had_quorum=True)
    page = secretary_client.get(reverse("council-detail", args=[council.pk]))
    [row] = page.context["sessions"]
    assert (row.decision_count, row.no_quorum_count) == (2, 1)
    assert b"no-quorum" in page.content


# --- scope per role -----------------------------------------------------------------------------


def other_area_objects(world):
    council = CouncilFactory(department=world.other_department)
    member = MemberFactory(council=council)
    session = SessionFactory(council=council)
    return council, member, session


def test_secretary_of_another_area_gets_404_and_sees_nothing(client, world):
    council, member, session = other_area_objects(world)
    CouncilFactory(department=world.department, name="Свой совет")
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    urls = [
        reverse("council-detail", args=[council.pk]),
        reverse("council-edit", args=[council.pk]),
        reverse("councilmember-create", args=[council.pk]),
        reverse("councilmember-edit", args=[member.pk]),
        reverse("councilsession-create", args=[council.pk]),
        reverse("councilsession-detail", args=[session.pk]),
        reverse("councilsession-edit", args=[session.pk]),
        reverse("sessiondecision-create", args=[session.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    decision_url = reverse("sessiondecision-create", args=[session.pk])
    assert client.post(decision_url, {"text": "x"}).status_code == 404
    member_url = reverse("councilmember-create", args=[council.pk])
    assert client.post(member_url, member_data()).status_code == 404
    assert not SessionDecision.objects.exists()
    assert CouncilMember.objects.count() == 1
    listed = [c.name for c in client.get(reverse("council-list")).context["councils"]]
    assert listed == ["Свой совет"]
    overview = client.get(reverse("council-overview")).context
    assert [c.name for c in overview["councils"]] == ["Свой совет"]


def test_inspector_reads_the_department_area_councils_and_cannot_write(client, world, council):
    session = SessionFactory(council=council)
    member = MemberFactory(council=council)
    other, _member, other_session = other_area_objects(world)
    client.force_login(world.users[Role.INSPECTOR])
    assert client.get(reverse("council-detail", args=[council.pk])).status_code == 200
    assert client.get(reverse("councilsession-detail", args=[session.pk])).status_code == 200
    assert client.get(reverse("council-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("councilsession-detail", args=[other_session.pk])).status_code == 404
    listed = [c.pk for c in client.get(reverse("council-list")).context["councils"]]
    assert listed == [council.pk]
    writes = [
        (reverse("council-create"), council_data(world)),
        (reverse("council-edit", args=[council.pk]), council_data(world)),
        (reverse("councilmember-create", args=[council.pk]), member_data()),
        (reverse("councilmember-edit", args=[member.pk]), member_data()),
        (reverse("councilsession-create", args=[council.pk]), session_data(timezone.now())),
        (reverse("councilsession-edit", args=[session.pk]), session_data(timezone.now())),
        (reverse("sessiondecision-create", args=[session.pk]), {"text": "x"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert client.get(reverse("council-overview")).status_code == 403
    assert PublicCouncil.objects.count() == 2
    assert not SessionDecision.objects.exists()
    # The page offers no edit links to a reader.
    page = client.get(reverse("council-detail", args=[council.pk]))
    assert not page.context["can_write"]
    assert reverse("council-edit", args=[council.pk]).encode() not in page.content


@pytest.mark.parametrize(
    ("role", "sees_other_area"),
    [
        (Role.SUPERVISOR, False),
        (Role.AKIMAT_REGISTRAR, False),
        (Role.REGIONAL_REGISTRAR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_readers_see_their_territory(client, world, council, role, sees_other_area):
    other, _member, _session = other_area_objects(world)
    far = CouncilFactory(department=world.far_department)
    client.force_login(world.users[role])
    listed = {c.pk for c in client.get(reverse("council-list")).context["councils"]}
    expected = {council.pk} | ({other.pk} if sees_other_area else set())
    if role == Role.ADMINISTRATOR:
        expected.add(far.pk)
    assert listed == expected
    status = client.get(reverse("council-detail", args=[other.pk])).status_code
    assert status == (200 if sees_other_area else 404)


# --- the secretary's start page -----------------------------------------------------------------


def test_overview_shows_what_needs_the_secretarys_attention(secretary_client, world, council):
    staffed(council, civil=3, state=2)
    upcoming = SessionFactory(council=council, held_at=timezone.now() + datetime.timedelta(days=5))
    past = SessionFactory(council=council, held_at=timezone.now() - datetime.timedelta(days=5))
    no_quorum = DecisionFactory(session=past, had_quorum=False)
    DecisionFactory(session=past, had_quorum=True)
    last_year = SessionFactory(
        council=council,
        held_at=timezone.make_aware(datetime.datetime(timezone.localdate().year - 1, 6, 1)),
    )
    DecisionFactory(session=last_year, had_quorum=False)
    overdue = RecommendationFactory(council=council, due_on=days(-3))
    due_soon = RecommendationFactory(
        council=council, due_on=days(20), status=RecommendationStatus.IN_PROGRESS
    )
    RecommendationFactory(council=council, due_on=days(45))  # not due yet
    RecommendationFactory(
        council=council, due_on=days(-3), status=RecommendationStatus.IMPLEMENTED, outcome="Да"
    )
    other, _member, other_session = other_area_objects(world)
    RecommendationFactory(council=other, due_on=days(-3))
    DecisionFactory(session=other_session, had_quorum=False)

    response = secretary_client.get(reverse("council-overview"))
    assert response.status_code == 200
    context = response.context
    [row] = context["councils"]
    assert row.composition.warning_codes == ["civil_share"]
    assert [s.pk for s in context["upcoming_sessions"]] == [upcoming.pk]
    assert [r.pk for r in context["due_recommendations"]] == [overdue.pk, due_soon.pk]
    assert [r.is_overdue for r in context["due_recommendations"]] == [True, False]
    assert [d.pk for d in context["decisions_without_quorum"]] == [no_quorum.pk]


def test_administrator_opens_the_overview(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    assert client.get(reverse("council-overview")).status_code == 200


# --- query counts ---------------------------------------------------------------------------------


def _measure(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(15) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, council):
    """More councils in the area with members, sessions, decisions and recommendations; more
    of everything on `council` too."""
    for target in [council, *CouncilFactory.create_batch(3, department=world.department)]:
        members = staffed(target, civil=4, state=3)
        MemberFactory(council=target, left_on=days(-10))
        for n in range(3):
            session = SessionFactory(
                council=target,
                held_at=timezone.now() + datetime.timedelta(days=n * 20 - 25),
                present=members[: 3 + n],
            )
            DecisionFactory.create_batch(2, session=session, had_quorum=bool(n))
            RecommendationFactory.create_batch(2, council=target, session=session, due_on=days(n))


def _seed(council):
    members = staffed(council, civil=2, state=1)
    session = SessionFactory(council=council, present=members[:2])
    DecisionFactory(session=session, had_quorum=False)
    RecommendationFactory(council=council, session=session, due_on=days(-1))
    return session


@pytest.mark.parametrize("role", [Role.COUNCIL_SECRETARY, Role.INSPECTOR, Role.ADMINISTRATOR])
def test_council_pages_query_counts_are_flat(
    client, world, council, django_assert_max_num_queries, role
):
    session = _seed(council)
    member = council.members.first()
    as_role(client, world, role)
    urls = [
        reverse("council-list"),
        reverse("council-detail", args=[council.pk]),
        reverse("councilsession-detail", args=[session.pk]),
    ]
    if role != Role.INSPECTOR:
        urls += [
            reverse("council-overview"),
            reverse("council-edit", args=[council.pk]),
            reverse("councilmember-create", args=[council.pk]),
            reverse("councilmember-edit", args=[member.pk]),
            reverse("councilsession-create", args=[council.pk]),
            reverse("councilsession-edit", args=[session.pk]),
            reverse("sessiondecision-create", args=[session.pk]),
        ]
    small = [_measure(client, url, django_assert_max_num_queries) for url in urls]
    _grow(world, council)
    CouncilFactory.create_batch(3, department=world.other_department)
    assert [_measure(client, url, django_assert_max_num_queries) for url in urls] == small


def test_overview_query_count_is_flat_for_a_secretary(
    secretary_client, world, council, django_assert_max_num_queries
):
    _seed(council)
    url = reverse("council-overview")
    small = _measure(secretary_client, url, django_assert_max_num_queries)
    _grow(world, council)
    assert _measure(secretary_client, url, django_assert_max_num_queries) == small


def test_a_secretary_without_an_area_sees_an_empty_overview(client, world, council):
    _seed(council)
    client.force_login(UserFactory(role=Role.COUNCIL_SECRETARY))
    context = client.get(reverse("council-overview")).context
    assert context["councils"] == []
    assert context["due_recommendations"] == []
    assert context["decisions_without_quorum"] == []
