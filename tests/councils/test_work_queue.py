"""The council secretary's queue: recommendations past their due date and the next sessions,
from the councils of the secretary's area only; on the overview page; flat in queries."""

import datetime

from django.urls import reverse
from django.utils import timezone

from councils.models import RecommendationStatus
from portal import work_queues
from portal.models import Role
from portal.work_queues import DUE_SOON, OVERDUE, TO_DO
from tests.clients import as_role
from tests.dates import days
from tests.factories import CouncilFactory, RecommendationFactory, SessionFactory
from tests.queues import by_key, queue_items


def councils(world):
    """A council of the secretary's area, one of the neighbouring area, one far away."""
    return (
        CouncilFactory(department=world.department),
        CouncilFactory(department=world.other_department),
        CouncilFactory(department=world.far_department),
    )


def ahead(n_days, hour=15):
    moment = timezone.localtime() + datetime.timedelta(days=n_days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def queue(world):
    return by_key(work_queues.queue_for(world.users[Role.COUNCIL_SECRETARY]))


def test_recommendations_past_their_due_date(world):
    mine, other, far = councils(world)
    RecommendationFactory(council=mine, due_on=days(-10))
    RecommendationFactory(council=mine, due_on=days(-1), status=RecommendationStatus.IN_PROGRESS)
    RecommendationFactory(council=mine, due_on=days(0))  # due today: not past
    RecommendationFactory(council=mine, due_on=days(-5), status=RecommendationStatus.IMPLEMENTED)
    RecommendationFactory(council=other, due_on=days(-30))
    RecommendationFactory(council=far, due_on=days(-30))

    item = queue(world)["recommendations-overdue"]
    assert (item.count, item.due, item.severity) == (2, days(-10), OVERDUE)
    assert item.url == reverse("recommendation-list") + "?overdue=true"


def test_the_next_three_sessions_each_with_its_link(world):
    mine, other, far = councils(world)
    first = SessionFactory(council=mine, held_at=ahead(2))
    SessionFactory(council=mine, held_at=ahead(60))
    SessionFactory(council=mine, held_at=ahead(20))
    SessionFactory(council=mine, held_at=ahead(90))  # the fourth: not named
    SessionFactory(council=mine)  # held a week ago
    SessionFactory(council=other, held_at=ahead(1))
    SessionFactory(council=far, held_at=ahead(1))

    items = work_queues.queue_for(world.users[Role.COUNCIL_SECRETARY])
    sessions = [i for i in items if i.key.startswith("session-")]
    assert [i.due for i in sessions] == [ahead(2).date(), ahead(20).date(), ahead(60).date()]
    assert [i.severity for i in sessions] == [DUE_SOON, TO_DO, TO_DO]
    assert sessions[0].url == reverse("councilsession-detail", args=[first.pk])
    assert mine.name in sessions[0].label and first.place in sessions[0].detail


def test_the_overview_shows_the_queue_ordered_by_date(client, world):
    mine, *_ = councils(world)
    RecommendationFactory(council=mine, due_on=days(-3))
    session = SessionFactory(council=mine, held_at=ahead(4))
    response = as_role(client, world, Role.COUNCIL_SECRETARY).get(reverse("council-overview"))
    assert queue_items(response) == [
        ("recommendations-overdue", 1, "overdue"),
        (f"session-{session.pk}", 1, "due_soon"),
    ]


def test_the_secretarys_queue_costs_a_flat_number_of_queries(
    client, world, django_assert_max_num_queries
):
    secretary = world.users[Role.COUNCIL_SECRETARY]
    as_role(client, world, Role.COUNCIL_SECRETARY)

    def grow(n):
        for i in range(n):
            council = CouncilFactory(department=world.department)
            RecommendationFactory(council=council, due_on=days(-2 - i))
            SessionFactory(council=council, held_at=ahead(3 + i))

    def measure():
        with django_assert_max_num_queries(10) as captured:
            work_queues.queue_for(secretary)
        with django_assert_max_num_queries(60) as page:
            assert client.get(reverse("council-overview")).status_code == 200
        return len(captured), len(page)

    grow(1)
    small = measure()
    grow(6)
    assert measure() == small
