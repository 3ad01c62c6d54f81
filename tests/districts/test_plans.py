"""Positive cases and the work plan: create, edit, list, filter, bad input, scope, overdue."""

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import ProposalStatus, TrustCase, WorkPlanItem, WorkPlanStatus
from portal.models import Role
from tests.dates import days
from tests.factories import (
    BeatFactory,
    ProposalFactory,
    TrustCaseFactory,
    WorkPlanItemFactory,
)

TODAY = timezone.localdate
OVERDUE_ROW = "table-danger border-danger overdue"


def case_data(world, **overrides):
    data = {
        "beat": world.beat.pk,
        "date": days(-1).isoformat(),
        "title": "Жители помогли найти угнанный велосипед",
        "story": "Соседи сообщили участковому, велосипед вернули владельцу.",
    }
    return {**data, **overrides}


def plan_data(world, **overrides):
    data = {
        "beat": world.beat.pk,
        "title": "Освещение во дворе дома 12",
        "proposal": "",
        "due_on": days(10).isoformat(),
        "status": WorkPlanStatus.PLANNED,
        "done_on": "",
        "note": "",
    }
    return {**data, **overrides}


# --- positive cases ----------------------------------------------------------------------------


def test_inspector_records_a_positive_case(inspector_client, world):
    form = inspector_client.get(reverse("trustcase-create")).context["form"]
    assert form.initial["date"] == TODAY()
    assert form.initial["beat"] == world.beat.pk
    response = inspector_client.post(reverse("trustcase-create"), case_data(world))
    case = TrustCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("trustcase-edit", args=[case.pk])
    assert (case.beat, case.created_by, case.date) == (world.beat, world.inspector, days(-1))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"title": ""}, "title"),
        ({"story": ""}, "story"),
        ({"beat": "999999"}, "beat"),
    ],
)
def test_bad_positive_case_is_refused_and_nothing_saved(inspector_client, world, overrides, field):
    response = inspector_client.post(reverse("trustcase-create"), case_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert TrustCase.objects.count() == 0


def test_inspector_edits_a_positive_case(inspector_client, world):
    case = TrustCaseFactory(beat=world.beat)
    url = reverse("trustcase-edit", args=[case.pk])
    assert inspector_client.get(url).status_code == 200
    response = inspector_client.post(url, case_data(world, title="Исправленный заголовок"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Исправленный заголовок"


def test_positive_cases_filter_by_date_range_and_beat(client, world):
    old = TrustCaseFactory(beat=world.beat, date=days(-60))
    recent = TrustCaseFactory(beat=world.beat, date=days(-2))
    colleague = TrustCaseFactory(beat=world.colleague_beat, date=days(-2))
    TrustCaseFactory(beat=world.other_beat, date=days(-2))
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("trustcase-list")

    def listed(**params):
        return set(client.get(url, params).context["object_list"])

    assert listed() == {old, recent, colleague}
    assert listed(date_from=days(-10).isoformat()) == {recent, colleague}
    assert listed(date_to=days(-10).isoformat()) == {old}
    assert listed(beat=world.colleague_beat.pk) == {colleague}


# --- the work plan -----------------------------------------------------------------------------


def test_inspector_adds_a_task_from_a_residents_proposal(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    response = inspector_client.post(
        reverse("workplan-create"), plan_data(world, proposal=proposal.pk)
    )
    item = WorkPlanItem.objects.get()
    assert response.status_code == 302 and response.url == reverse("workplan-edit", args=[item.pk])
    assert (item.beat, item.proposal, item.created_by) == (world.beat, proposal, world.inspector)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PLANNED
    assert proposal.history.latest().history_user == world.inspector


def test_proposal_choices_are_new_proposals_of_my_beats_not_yet_planned(inspector_client, world):
    mine = ProposalFactory(meeting__beat=world.beat)
    ProposalFactory(meeting__beat=world.beat, status=ProposalStatus.DONE)
    ProposalFactory(meeting__beat=world.beat, status=ProposalStatus.PLANNED)
    WorkPlanItemFactory(beat=world.beat, proposal=ProposalFactory(meeting__beat=world.beat))
    ProposalFactory(meeting__beat=world.colleague_beat)
    form = inspector_client.get(reverse("workplan-create")).context["form"]
    assert list(form.fields["proposal"].queryset) == [mine]


def test_task_keeps_its_proposal_when_the_proposal_is_done(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat, status=ProposalStatus.DONE)
    item = WorkPlanItemFactory(beat=world.beat, proposal=proposal)
    form = inspector_client.get(reverse("workplan-edit", args=[item.pk])).context["form"]
    assert proposal in form.fields["proposal"].queryset


def test_inspector_marks_a_task_done(inspector_client, world):
    item = WorkPlanItemFactory(beat=world.beat)
    data = plan_data(world, due_on=item.due_on.isoformat(), status="done", done_on=TODAY())
    response = inspector_client.post(reverse("workplan-edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.done_on) == (WorkPlanStatus.DONE, TODAY())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": "done"}, "done_on"),
        ({"status": "done", "done_on": days(3).isoformat()}, "done_on"),
        ({"title": ""}, "title"),
        ({"due_on": ""}, "due_on"),
        ({"status": "finished"}, "status"),
        ({"beat": "999999"}, "beat"),
    ],
)
def test_bad_task_is_refused_and_nothing_saved(inspector_client, world, overrides, field):
    response = inspector_client.post(reverse("workplan-create"), plan_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert WorkPlanItem.objects.count() == 0


def test_proposal_of_another_beat_is_refused(inspector_client, world):
    # Not in scope at all: a colleague's beat.
    theirs = ProposalFactory(meeting__beat=world.colleague_beat)
    # In scope but of another beat of the same inspector.
    second_beat = BeatFactory(police_point=world.point, inspector=world.inspector)
    other_of_mine = ProposalFactory(meeting__beat=second_beat)
    for proposal in (theirs, other_of_mine):
        response = inspector_client.post(
            reverse("workplan-create"), plan_data(world, proposal=proposal.pk)
        )
        assert response.status_code == 200
        assert "proposal" in response.context["form"].errors
    assert WorkPlanItem.objects.count() == 0
    theirs.refresh_from_db()
    other_of_mine.refresh_from_db()
    assert theirs.status == other_of_mine.status == ProposalStatus.NEW


def test_overdue_tasks_are_highlighted_and_filterable(inspector_client, world):
    overdue = WorkPlanItemFactory(beat=world.beat, due_on=days(-3))
    WorkPlanItemFactory(beat=world.beat, due_on=days(-3), status="done", done_on=days(-4))
    WorkPlanItemFactory(beat=world.beat, due_on=days(-3), status="cancelled")
    WorkPlanItemFactory(beat=world.beat, due_on=days(0))  # due today: not overdue yet
    WorkPlanItemFactory(beat=world.beat, due_on=days(5), status="in_progress")
    html = inspector_client.get(reverse("workplan-list")).content.decode()
    assert html.count(OVERDUE_ROW) == 2  # the card and the table row of the one overdue task
    listed = inspector_client.get(reverse("workplan-list"), {"overdue": "true"})
    assert list(listed.context["object_list"]) == [overdue]


def test_open_tasks_are_listed_first_by_due_date(inspector_client, world):
    done = WorkPlanItemFactory(beat=world.beat, due_on=days(-30), status="done", done_on=days(-31))
    later = WorkPlanItemFactory(beat=world.beat, due_on=days(20))
    sooner = WorkPlanItemFactory(beat=world.beat, due_on=days(2), status="in_progress")
    listed = inspector_client.get(reverse("workplan-list")).context["object_list"]
    assert list(listed) == [sooner, later, done]


def test_work_plan_filters_by_due_range_status_and_beat(client, world):
    soon = WorkPlanItemFactory(beat=world.beat, due_on=days(3))
    late = WorkPlanItemFactory(beat=world.beat, due_on=days(40), status="in_progress")
    colleague = WorkPlanItemFactory(beat=world.colleague_beat, due_on=days(3))
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("workplan-list")

    def listed(**params):
        return set(client.get(url, params).context["object_list"])

    assert listed(due_to=days(10).isoformat()) == {soon, colleague}
    assert listed(due_from=days(10).isoformat()) == {late}
    assert listed(status="in_progress") == {late}
    assert listed(beat=world.beat.pk) == {soon, late}


# --- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "edit", "data"),
    [
        (TrustCaseFactory, "trustcase-edit", case_data),
        (WorkPlanItemFactory, "workplan-edit", plan_data),
    ],
)
def test_inspector_cannot_open_or_change_another_beats_record(
    inspector_client, world, factory, edit, data
):
    for beat in (world.colleague_beat, world.other_beat):
        record = factory(beat=beat)
        url = reverse(edit, args=[record.pk])
        assert inspector_client.get(url).status_code == 404
        assert inspector_client.post(url, data(world, title="Подмена")).status_code == 404
        record.refresh_from_db()
        assert record.title != "Подмена"


@pytest.mark.parametrize(
    ("factory", "name"), [(TrustCaseFactory, "trustcase"), (WorkPlanItemFactory, "workplan")]
)
def test_supervisor_reads_the_department_but_cannot_change(client, world, factory, name):
    mine = factory(beat=world.beat)
    colleague = factory(beat=world.colleague_beat)
    factory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    assert set(client.get(reverse(f"{name}-list")).context["object_list"]) == {mine, colleague}
    page = client.get(reverse(f"{name}-edit", args=[mine.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert client.post(reverse(f"{name}-edit", args=[mine.pk]), {}).status_code == 403
    assert client.get(reverse(f"{name}-create")).status_code == 403


@pytest.mark.parametrize("url_name", ["trustcase-list", "workplan-list", "workplan-create"])
def test_akimat_staff_cannot_see_plans(client, world, url_name):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("url_name", ["trustcase-list", "workplan-list"])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, url_name):
    client.force_login(world.users[Role.SUPERVISOR])

    def add(beat, count):
        for _ in range(count):
            if url_name == "trustcase-list":
                TrustCaseFactory(beat=beat)
            else:
                WorkPlanItemFactory(
                    beat=beat, due_on=days(-2), proposal=ProposalFactory(meeting__beat=beat)
                )

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse(url_name)).status_code == 200
        return len(captured)

    add(world.beat, 2)
    small = measure()
    for _ in range(3):
        add(BeatFactory(police_point=world.point), 5)
    assert measure() == small
