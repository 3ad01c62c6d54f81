"""Lists open on what needs action, say so beside the list, and the user can still choose:
appeals (open, nearest due date first), proposals (new first), problem places (open first)."""

from django.urls import reverse

from districts.models import AppealStatus, ProblemStatus, ProposalStatus
from portal.models import Role
from tests.clients import as_role
from tests.dates import days
from tests.factories import AppealFactory, ProblemSpotFactory, ProposalFactory


def shown(client, url_name, **query):
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    return response, list(response.context["object_list"])


def test_appeals_open_on_the_open_ones_overdue_first(client, world):
    later = AppealFactory(beat=world.beat, received_on=days(-1), due_on=days(10))
    overdue = AppealFactory(beat=world.beat, received_on=days(-20), due_on=days(-2))
    today = AppealFactory(
        beat=world.beat, received_on=days(-3), due_on=days(0), status=AppealStatus.IN_WORK
    )
    answered = AppealFactory(
        beat=world.beat,
        received_on=days(-30),
        due_on=days(-15),
        status=AppealStatus.ANSWERED,
        answered_on=days(-16),
        answer="Ответ дан",
    )
    as_role(client, world, Role.INSPECTOR)

    response, rows = shown(client, "appeal-list")

    assert rows == [overdue, today, later]
    html = response.content.decode()
    assert 'id="list-default-order"' in html
    assert str(response.context["filter"].default_note) in html
    # The filter form shows what the list opened on.
    form = response.context["filter"].form
    assert (form["status"].value(), form["order"].value()) == ("open", "due")

    # The user can still choose: every appeal, and another order.
    _response, rows = shown(client, "appeal-list", status="")
    assert rows == [answered, overdue, today, later]
    _response, rows = shown(client, "appeal-list", status="", order="-received")
    assert rows == [later, today, overdue, answered]
    _response, rows = shown(client, "appeal-list", status=AppealStatus.ANSWERED)
    assert rows == [answered]
    # Other filters keep the default status.
    _response, rows = shown(client, "appeal-list", beat=world.beat.pk)
    assert rows == [overdue, today, later]


def test_a_malformed_order_or_status_falls_back_to_the_default(client, world):
    appeal = AppealFactory(beat=world.beat)
    AppealFactory(beat=world.beat, status=AppealStatus.ANSWERED, answered_on=days(-1))
    as_role(client, world, Role.INSPECTOR)
    response = client.get(reverse("appeal-list"), {"order": "x' OR 1=1", "status": "nonsense"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [appeal]


def test_proposals_open_on_the_new_ones(client, world):
    old_new = ProposalFactory(meeting__beat=world.beat)
    planned = ProposalFactory(meeting__beat=world.beat, status=ProposalStatus.PLANNED)
    fresh_new = ProposalFactory(meeting__beat=world.beat)
    as_role(client, world, Role.INSPECTOR)

    response, rows = shown(client, "proposal-list")

    assert rows == [fresh_new, old_new, planned]
    assert 'id="list-default-order"' in response.content.decode()
    _response, rows = shown(client, "proposal-list", order="-created")
    assert rows == [fresh_new, planned, old_new]


def test_problem_places_open_on_the_open_ones(client, world):
    in_work = ProblemSpotFactory(beat=world.beat, status=ProblemStatus.IN_WORK)
    first_open = ProblemSpotFactory(beat=world.beat)
    second_open = ProblemSpotFactory(beat=world.beat)
    resolved = ProblemSpotFactory(
        beat=world.beat, status=ProblemStatus.RESOLVED, resolved_on=days(-1)
    )
    as_role(client, world, Role.INSPECTOR)

    response, rows = shown(client, "problem-list")

    assert rows == [second_open, first_open, in_work, resolved]
    assert 'id="list-default-order"' in response.content.decode()
    _response, rows = shown(client, "problem-list", order="-created")
    assert rows == [resolved, second_open, first_open, in_work]
    # The plan of the beat keeps its own form: no order there.
    plan = client.get(reverse("problem-plan"), {"beat": world.beat.pk})
    assert "order" not in plan.context["filter"].form.fields
