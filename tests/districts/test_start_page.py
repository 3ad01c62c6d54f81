"""The inspector's start page: checklist summary, overdue items, appeals due, meetings and
tasks coming up, quick-add buttons; scope and a flat query count."""

import datetime

from django.urls import reverse
from django.utils import timezone

from districts import checklist
from districts.models import AppealStatus, MeetingKind, MeetingStatus
from districts.views import start
from portal.models import Role
from tests.dates import days
from tests.factories import (
    AppealFactory,
    BeatFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    WorkPlanItemFactory,
)

TODAY = timezone.localdate


def home(client):
    response = client.get(reverse("inspector-home"))
    assert response.status_code == 200
    return response


def card(response, beat):
    return next(b for b in response.context["beats"] if b.pk == beat.pk)


def planned(beat, when, **kwargs):
    return MeetingFactory(
        beat=beat, status=MeetingStatus.PLANNED, held_at=when, attendance=None, **kwargs
    )


def test_checklist_summary_links_to_the_checklist_page(inspector_client, world):
    DoorToDoorRoundFactory(beat=world.beat, date=TODAY())
    response = home(inspector_client)
    mine = card(response, world.beat)
    expected = checklist.evaluate([world.beat.pk])[world.beat.pk]
    assert mine.checklist_total == len(expected) == 20
    assert mine.checklist_done == sum(state.done for state in expected) >= 1
    html = response.content.decode()
    assert f'href="{reverse("checklist")}?beat={world.beat.pk}"' in html
    assert f'<progress id="beat-{world.beat.pk}-progress"' in html
    assert f'value="{mine.checklist_done}" max="20"' in html
    assert "style=" not in html


def test_overdue_checklist_items_are_the_engines(inspector_client, world):
    mine = card(home(inspector_client), world.beat)
    expected = checklist.overdue([world.beat.pk])[world.beat.pk]
    assert [s.item.pk for s in mine.checklist_overdue] == [s.item.pk for s in expected]
    assert all(s.period_label for s in mine.checklist_overdue)


def test_appeals_due_today_and_overdue_are_listed(inspector_client, world):
    overdue = AppealFactory(beat=world.beat, received_on=days(-20), due_on=days(-5))
    due_today = AppealFactory(beat=world.beat, received_on=days(-15), due_on=days(0))
    AppealFactory(beat=world.beat, received_on=days(-1), due_on=days(1))  # not yet
    AppealFactory(
        beat=world.beat,
        received_on=days(-20),
        due_on=days(-5),
        status=AppealStatus.ANSWERED,
        answer="ok",
        answered_on=days(-6),
    )
    AppealFactory(beat=world.colleague_beat, received_on=days(-20), due_on=days(-5))
    response = home(inspector_client)
    assert card(response, world.beat).appeals_due == [overdue, due_today]
    html = response.content.decode()
    for appeal in (overdue, due_today):
        assert f'href="{reverse("appeal-edit", args=[appeal.pk])}"' in html


def test_planned_meetings_of_the_next_two_weeks_are_listed(inspector_client, world):
    now = timezone.now()
    soon = planned(world.beat, now + datetime.timedelta(days=2), kind=MeetingKind.REPORT)
    planned(world.beat, now + datetime.timedelta(days=20))  # too far
    planned(world.beat, now - datetime.timedelta(hours=2))  # already past
    MeetingFactory(beat=world.beat)  # held
    planned(world.colleague_beat, now + datetime.timedelta(days=2))
    response = home(inspector_client)
    assert card(response, world.beat).meetings_soon == [soon]
    url = reverse("meeting-detail", args=[soon.pk])
    if url:
        assert f'href="{url}"' in response.content.decode()


def test_open_tasks_due_within_two_weeks_are_listed(inspector_client, world):
    late = WorkPlanItemFactory(beat=world.beat, due_on=days(-3))
    soon = WorkPlanItemFactory(beat=world.beat, due_on=days(7), status="in_progress")
    WorkPlanItemFactory(beat=world.beat, due_on=days(30))
    WorkPlanItemFactory(beat=world.beat, due_on=days(1), status="done", done_on=days(0))
    WorkPlanItemFactory(beat=world.beat, due_on=days(1), status="cancelled")
    WorkPlanItemFactory(beat=world.colleague_beat, due_on=days(1))
    response = home(inspector_client)
    tasks = card(response, world.beat).tasks_soon
    assert tasks == [late, soon]
    assert [task.overdue for task in tasks] == [True, False]
    html = response.content.decode()
    assert f'href="{reverse("workplan-edit", args=[late.pk])}"' in html


def test_quick_add_buttons_link_every_record_form(inspector_client, world):
    links = [url for url, _label, _icon in home(inspector_client).context["quick_add"]]
    for name in ("appeal-create", "service-create", "trustcase-create", "workplan-create"):
        assert reverse(name) in links
    assert links == [reverse(name) for name, _label, _icon in start.QUICK_ADD]


def test_only_inspectors_have_this_start_page(client, world):
    for role in (Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.ADMINISTRATOR):
        client.force_login(world.users[role])
        assert client.get(reverse("inspector-home")).status_code == 403


def test_inspector_sees_only_own_beats(inspector_client, world):
    second = BeatFactory(police_point=world.point, inspector=world.inspector)
    beats = home(inspector_client).context["beats"]
    assert {beat.pk for beat in beats} == {world.beat.pk, second.pk}


def test_start_page_query_count_is_flat(inspector_client, world, django_assert_max_num_queries):
    now = timezone.now()

    def add_work(beat, count):
        for index in range(count):
            AppealFactory(beat=beat, received_on=days(-20), due_on=days(-index))
            planned(beat, now + datetime.timedelta(days=index + 1))
            WorkPlanItemFactory(beat=beat, due_on=days(index - 2))
            DoorToDoorRoundFactory(beat=beat, date=days(-index))

    def measure():
        # About half are the checklist's: a query or two per automatic rule and period. The
        # report meetings are read for all the beats at once, after the beats themselves.
        with django_assert_max_num_queries(81) as captured:
            home(inspector_client)
        return len(captured)

    add_work(world.beat, 1)
    small = measure()
    for _ in range(2):
        add_work(BeatFactory(police_point=world.point, inspector=world.inspector), 4)
    add_work(world.beat, 4)
    assert measure() == small
