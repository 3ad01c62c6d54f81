"""The work-queue registry: sources registered by the apps that own the data, asked of the
policy, their items ordered by due date; the "Waiting for you" block on every start page."""

import datetime

import pytest
from django.urls import reverse

from portal import work_queues
from portal.models import Role
from portal.work_queues import DUE_SOON, OVERDUE, TO_DO, QueueItem
from tests.clients import as_role
from tests.queues import queue_items

DAY = datetime.date(2026, 5, 20)
START_PAGES = {
    Role.INSPECTOR: "inspector-home",
    Role.SUPERVISOR: "department-home",
    Role.AKIMAT_REGISTRAR: "area-home",
    Role.REGIONAL_REGISTRAR: "region-home",
    Role.COUNCIL_SECRETARY: "council-overview",
}
START_ACTIONS = {
    Role.INSPECTOR: "start.inspector",
    Role.SUPERVISOR: "start.supervisor",
    Role.AKIMAT_REGISTRAR: "start.akimat",
    Role.REGIONAL_REGISTRAR: "start.region",
    Role.COUNCIL_SECRETARY: "start.secretary",
}


@pytest.fixture
def only_sources():
    """Run a test with no sources but the ones it registers; the apps' come back after."""
    kept = dict(work_queues._sources)
    work_queues._sources.clear()
    yield work_queues
    work_queues._sources.clear()
    work_queues._sources.update(kept)


def item(key, due=None, severity=TO_DO, count=1):
    return QueueItem(key, key, count, None, due, severity)


def test_every_role_with_a_start_page_has_sources_and_the_administrator_none(world):
    for role in START_PAGES:
        assert work_queues.has_queue(world.users[role]), role
    assert not work_queues.has_queue(world.users[Role.ADMINISTRATOR])


def test_a_source_with_an_unknown_action_is_refused(only_sources):
    with pytest.raises(KeyError):
        only_sources.register("nowhere", lambda user, today: [], action="no.such.action")
    with pytest.raises(ValueError):
        only_sources.register("nowhere", lambda user, today: [], action=())


def test_items_are_ordered_by_due_date_overdue_first_undated_last(world, only_sources):
    only_sources.register(
        "first",
        lambda user, today: [item("undated"), item("next-week", DAY + datetime.timedelta(7))],
        action="start.inspector",
    )
    only_sources.register(
        "second",
        lambda user, today: [
            item("today", DAY, DUE_SOON),
            item("late", DAY - datetime.timedelta(3), OVERDUE),
            item("nothing", DAY, DUE_SOON, count=0),
            item("undated-too"),
        ],
        action="start.inspector",
    )
    queue = only_sources.queue_for(world.users[Role.INSPECTOR], DAY)
    assert [i.key for i in queue] == ["late", "today", "next-week", "undated", "undated-too"]


def test_a_source_serves_only_the_roles_of_its_actions(world, only_sources):
    only_sources.register(
        "both",
        lambda user, today: [item("both")],
        action=("start.akimat", "start.region"),
    )
    keys = {role: [i.key for i in only_sources.queue_for(world.users[role], DAY)] for role in Role}
    assert keys[Role.AKIMAT_REGISTRAR] == keys[Role.REGIONAL_REGISTRAR] == ["both"]
    assert keys[Role.INSPECTOR] == keys[Role.SUPERVISOR] == keys[Role.ADMINISTRATOR] == []


def test_an_unknown_severity_is_refused():
    with pytest.raises(ValueError):
        QueueItem("x", "x", 1, None, None, "urgent")


def test_severity_follows_the_due_date():
    assert work_queues.severity_of(None, DAY) == TO_DO
    assert work_queues.severity_of(DAY - datetime.timedelta(1), DAY) == OVERDUE
    assert work_queues.severity_of(DAY, DAY) == DUE_SOON
    assert work_queues.severity_of(DAY + datetime.timedelta(7), DAY) == DUE_SOON
    assert work_queues.severity_of(DAY + datetime.timedelta(8), DAY) == TO_DO


def test_a_link_is_given_only_to_a_user_who_may_open_the_page(world):
    inspector = world.users[Role.INSPECTOR]
    secretary = world.users[Role.COUNCIL_SECRETARY]
    url = work_queues.link(inspector, "appeal-list", overdue="true", beat=None)
    assert url == reverse("appeal-list") + "?overdue=true"
    assert work_queues.link(secretary, "appeal-list", overdue="true") is None


@pytest.mark.parametrize("role", list(START_PAGES))
def test_the_start_page_shows_the_queue_at_the_top(client, world, role, only_sources):
    only_sources.register(
        "probe",
        lambda user, today: [
            QueueItem("probe", "Проверка", 3, "/staff/appeals/", today, OVERDUE, "деталь")
        ],
        action=START_ACTIONS[role],
    )
    response = as_role(client, world, role).get(reverse(START_PAGES[role]))
    html = response.content.decode()
    assert queue_items(response) == [("probe", 3, "overdue")]
    # The first heading under the page's title is the queue's.
    first_heading = html.index("<h2", html.index("</h1>"))
    assert html.index('id="work-queue-heading"', first_heading) < html.index(">", first_heading)
    assert 'href="/staff/appeals/"' in html and "деталь" in html


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_when_nothing_waits_the_block_says_so(client, world, role):
    response = as_role(client, world, role).get(reverse(START_PAGES[role]))
    assert queue_items(response) == []
    assert "Сейчас вас ничего не ждёт." in response.content.decode()


def test_an_administrator_opening_a_role_page_sees_no_queue_block(client, world):
    response = as_role(client, world, Role.ADMINISTRATOR).get(reverse("council-overview"))
    assert response.status_code == 200
    assert 'id="work-queue"' not in response.content.decode()
