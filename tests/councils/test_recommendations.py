"""Recommendations of public councils to the police: create, edit, bad input, status changes
kept in history, overdue highlighting and filter, scope per role, flat query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Recommendation, RecommendationStatus
from portal.models import Role
from tests.dates import days
from tests.factories import CouncilFactory, RecommendationFactory, SessionFactory


@pytest.fixture
def council(world):
    return CouncilFactory(department=world.department)


@pytest.fixture
def secretary_client(client, world):
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    return client


def recommendation_data(council, **overrides):
    return {
        "council": council.pk,
        "session": "",
        "text": "Установить камеры видеонаблюдения у школы №12",
        "responsible_unit": "УПП №3",
        "due_on": days(45).isoformat(),
        "status": RecommendationStatus.SENT,
        "outcome": "",
        "service_quality_score": "4",
        **overrides,
    }


# --- create and edit -------------------------------------------------------------------------


def test_secretary_records_a_recommendation(secretary_client, world, council):
    session = SessionFactory(council=council)
    url = reverse("recommendation-create")
    page = secretary_client.get(url, {"session": session.pk})
    assert page.status_code == 200
    assert page.context["form"].initial["session"] == session.pk
    assert page.context["form"].initial["council"] == council.pk
    response = secretary_client.post(url, recommendation_data(council, session=session.pk))
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("recommendation-edit", args=[recommendation.pk])
    assert recommendation.session == session
    assert recommendation.service_quality_score == 4
    assert recommendation.created_by == world.users[Role.COUNCIL_SECRETARY]
    assert recommendation.history.get().history_user == world.users[Role.COUNCIL_SECRETARY]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": RecommendationStatus.IMPLEMENTED, "outcome": ""}, "outcome"),
        ({"status": RecommendationStatus.PARTLY, "outcome": "   "}, "outcome"),
        ({"service_quality_score": "6"}, "service_quality_score"),
        ({"service_quality_score": "0"}, "service_quality_score"),
        ({"due_on": ""}, "due_on"),
        ({"responsible_unit": ""}, "responsible_unit"),
        ({"status": "unknown"}, "status"),
    ],
)
def test_bad_input_is_refused(secretary_client, council, overrides, field):
    response = secretary_client.post(
        reverse("recommendation-create"), recommendation_data(council, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_a_session_of_another_council_is_refused(secretary_client, world, council):
    session = SessionFactory(council=CouncilFactory(department=world.department))
    data = recommendation_data(council, session=session.pk)
    response = secretary_client.post(reverse("recommendation-create"), data)
    assert "session" in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_a_due_date_before_the_session_is_refused(secretary_client, council):
    session = SessionFactory(council=council, held_at=timezone.now() - datetime.timedelta(10))
    data = recommendation_data(council, session=session.pk, due_on=days(-20).isoformat())
    response = secretary_client.post(reverse("recommendation-create"), data)
    assert "due_on" in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_a_council_of_another_area_is_refused(secretary_client, world):
    other = CouncilFactory(department=world.other_department)
    response = secretary_client.post(reverse("recommendation-create"), recommendation_data(other))
    assert "council" in response.context["form"].errors
    assert not Recommendation.objects.exists()


def test_implemented_with_an_outcome_is_saved(secretary_client, council):
    recommendation = RecommendationFactory(council=council)
    data = recommendation_data(
        council,
        due_on=recommendation.due_on.isoformat(),
        status=RecommendationStatus.IMPLEMENTED,
        outcome="Камеры установлены 1 сентября",
    )
    url = reverse("recommendation-edit", args=[recommendation.pk])
    assert secretary_client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.IMPLEMENTED


# --- status history --------------------------------------------------------------------------


def test_status_changes_are_kept_in_history(client, world, council):
    secretary = world.users[Role.COUNCIL_SECRETARY]
    admin = world.users[Role.ADMINISTRATOR]
    client.force_login(secretary)
    client.post(reverse("recommendation-create"), recommendation_data(council))
    recommendation = Recommendation.objects.get()
    url = reverse("recommendation-edit", args=[recommendation.pk])
    steps = [
        (secretary, RecommendationStatus.IN_PROGRESS, ""),
        (secretary, RecommendationStatus.IN_PROGRESS, ""),  # no change of status
        (admin, RecommendationStatus.PARTLY, "Камеры установлены у одного входа"),
    ]
    for user, status, outcome in steps:
        client.force_login(user)
        response = client.post(url, recommendation_data(council, status=status, outcome=outcome))
        assert response.status_code == 302
        assert response.url == url

    history = recommendation.history.order_by("history_date", "pk")
    assert [h.status for h in history] == ["sent", "in_progress", "in_progress", "partly"]
    assert [h.history_user for h in history] == [secretary, secretary, secretary, admin]

    page = client.get(url)
    changes = page.context["status_changes"]
    assert [c.status for c in changes] == ["partly", "in_progress", "sent"]
    assert [c.history_user for c in changes] == [admin, secretary, secretary]
    assert changes[0].outcome == "Камеры установлены у одного входа"
    assert b'id="status-history"' in page.content


def test_a_refused_change_leaves_no_history(secretary_client, council):
    recommendation = RecommendationFactory(council=council)
    data = recommendation_data(council, status=RecommendationStatus.IMPLEMENTED, outcome="")
    secretary_client.post(reverse("recommendation-edit", args=[recommendation.pk]), data)
    assert recommendation.history.count() == 1
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SENT


# --- overdue ---------------------------------------------------------------------------------


def test_overdue_recommendations_are_highlighted_and_filterable(secretary_client, council):
    overdue = RecommendationFactory(council=council, due_on=days(-1))
    late_in_progress = RecommendationFactory(
        council=council, due_on=days(-30), status=RecommendationStatus.IN_PROGRESS
    )
    RecommendationFactory(
        council=council, due_on=days(-5), status=RecommendationStatus.IMPLEMENTED, outcome="Да"
    )
    RecommendationFactory(council=council, due_on=days(-5), status=RecommendationStatus.REJECTED)
    RecommendationFactory(council=council, due_on=days(0))  # due today: not yet overdue

    url = reverse("recommendation-list")
    response = secretary_client.get(url)
    flags = {r.pk: r.is_overdue for r in response.context["object_list"]}
    assert sorted(pk for pk, late in flags.items() if late) == sorted(
        [overdue.pk, late_in_progress.pk]
    )
    assert response.content.count(b"table-danger overdue") == 2

    only_overdue = secretary_client.get(url, {"overdue": "true"}).context["object_list"]
    assert {r.pk for r in only_overdue} == {overdue.pk, late_in_progress.pk}
    not_overdue = secretary_client.get(url, {"overdue": "false"}).context["object_list"]
    assert len(not_overdue) == 3

    page = secretary_client.get(reverse("recommendation-edit", args=[overdue.pk]))
    assert page.context["object"].is_overdue
    assert b'id="overdue"' in page.content


def test_list_filters_by_council_and_status(secretary_client, world, council):
    other = CouncilFactory(department=world.department)
    mine = RecommendationFactory(council=council, status=RecommendationStatus.IN_PROGRESS)
    RecommendationFactory(council=council)
    RecommendationFactory(council=other, status=RecommendationStatus.IN_PROGRESS)
    url = reverse("recommendation-list")
    filtered = secretary_client.get(url, {"council": council.pk, "status": "in_progress"})
    assert [r.pk for r in filtered.context["object_list"]] == [mine.pk]


# --- scope per role -------------------------------------------------------------------------


def test_secretary_of_another_area_gets_404_and_sees_nothing(client, world, council):
    other = RecommendationFactory(council=CouncilFactory(department=world.other_department))
    mine = RecommendationFactory(council=council)
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    url = reverse("recommendation-edit", args=[other.pk])
    assert client.get(url).status_code == 404
    data = recommendation_data(council, status=RecommendationStatus.REJECTED)
    assert client.post(url, data).status_code == 404
    other.refresh_from_db()
    assert other.status == RecommendationStatus.SENT
    listed = [r.pk for r in client.get(reverse("recommendation-list")).context["object_list"]]
    assert listed == [mine.pk]


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.AKIMAT_REGISTRAR])
def test_the_police_and_the_akimat_read_but_cannot_write(client, world, council, role):
    recommendation = RecommendationFactory(council=council)
    other = RecommendationFactory(council=CouncilFactory(department=world.other_department))
    client.force_login(world.users[role])
    listed = [r.pk for r in client.get(reverse("recommendation-list")).context["object_list"]]
    assert listed == [recommendation.pk]
    url = reverse("recommendation-edit", args=[recommendation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["can_write"]
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert client.get(reverse("recommendation-edit", args=[other.pk])).status_code == 404
    data = recommendation_data(council, status=RecommendationStatus.REJECTED)
    assert client.post(url, data).status_code == 403
    assert client.get(reverse("recommendation-create")).status_code == 403
    assert client.post(reverse("recommendation-create"), data).status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SENT
    assert Recommendation.objects.count() == 2


# --- query counts -----------------------------------------------------------------------------


def _measure(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, council, recommendation):
    for target in [council, *CouncilFactory.create_batch(2, department=world.department)]:
        session = SessionFactory(council=target)
        RecommendationFactory.create_batch(4, council=target, session=session, due_on=days(-2))
        RecommendationFactory.create_batch(3, council=target, due_on=days(20))
    for status in (RecommendationStatus.IN_PROGRESS, RecommendationStatus.SENT):
        recommendation.status = status
        recommendation.save()


@pytest.mark.parametrize("role", [Role.COUNCIL_SECRETARY, Role.SUPERVISOR])
def test_query_counts_are_flat(client, world, council, django_assert_max_num_queries, role):
    recommendation = RecommendationFactory(council=council, session=SessionFactory(council=council))
    RecommendationFactory(council=council, due_on=days(-1))  # so the overdue list is not empty
    client.force_login(world.users[role])
    urls = [
        reverse("recommendation-list"),
        reverse("recommendation-list") + "?overdue=true",
        reverse("recommendation-edit", args=[recommendation.pk]),
    ]
    if role == Role.COUNCIL_SECRETARY:
        urls.append(reverse("recommendation-create"))
    small = [_measure(client, url, django_assert_max_num_queries) for url in urls]
    _grow(world, council, recommendation)
    assert [_measure(client, url, django_assert_max_num_queries) for url in urls] == small


def test_the_list_opens_on_the_overdue_ones(secretary_client, world, council):
    later = RecommendationFactory(council=council, due_on=days(40))
    done = RecommendationFactory(
        council=council, due_on=days(-30), status=RecommendationStatus.IMPLEMENTED
    )
    overdue = RecommendationFactory(council=council, due_on=days(-3))
    soon = RecommendationFactory(council=council, due_on=days(2))
    more_overdue = RecommendationFactory(council=council, due_on=days(-10))

    response = secretary_client.get(reverse("recommendation-list"))

    assert list(response.context["object_list"]) == [more_overdue, overdue, soon, later, done]
    assert 'id="list-default-order"' in response.content.decode()
    response = secretary_client.get(reverse("recommendation-list"), {"order": "due"})
    assert list(response.context["object_list"]) == [done, more_overdue, overdue, soon, later]
