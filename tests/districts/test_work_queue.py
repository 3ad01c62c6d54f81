"""What the inspector's and the supervisor's queues hold from the workspace: appeals due and
overdue, new proposals, open checklist items, report meetings; per beat for the supervisor;
only from the user's territory; a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts import checklist
from districts.models import AppealStatus, MeetingKind, MeetingStatus, ProposalStatus
from portal import work_queues
from portal.models import Role
from portal.periods import current_quarter
from portal.work_queues import DUE_SOON, OVERDUE, TO_DO
from tests.clients import as_role
from tests.dates import days
from tests.factories import (
    AppealFactory,
    BeatFactory,
    MeetingFactory,
    PolicePointFactory,
    ProposalFactory,
    UserFactory,
)
from tests.queues import by_key, queue_items

TODAY = timezone.localdate


def appeal(beat, due_in, **kwargs):
    """An appeal of `beat` due `due_in` days from today (received 15 days before)."""
    due_on = days(due_in)
    received = min(due_on - datetime.timedelta(days=15), TODAY())
    return AppealFactory(beat=beat, received_on=received, due_on=due_on, **kwargs)


def site_proposal(beat, **kwargs):
    return ProposalFactory(meeting=None, beat=beat, source="site", **kwargs)


def report_meeting(beat, when, status=MeetingStatus.PLANNED):
    return MeetingFactory(beat=beat, kind=MeetingKind.REPORT, status=status, held_at=when)


def queue(world, role):
    return by_key(work_queues.queue_for(world.users[role]))


def everywhere(world, make):
    """`make(beat)` on the inspector's beat, a colleague's, another area's and another
    region's: a queue shows only what lies in its user's territory."""
    return {
        name: make(beat)
        for name, beat in [
            ("mine", world.beat),
            ("colleague", world.colleague_beat),
            ("other", world.other_beat),
            ("far", world.far_beat),
        ]
    }


# --- the inspector -----------------------------------------------------------------------------


def test_inspector_sees_overdue_appeals_and_those_due_today_of_their_beats(world):
    appeal(world.beat, -6)
    appeal(world.beat, -2)
    appeal(world.beat, 0)
    appeal(world.beat, 3)  # not due yet
    appeal(world.beat, -9, status=AppealStatus.ANSWERED, answer="Дан ответ", answered_on=days(-1))
    everywhere(world, lambda beat: appeal(beat, -20))

    items = queue(world, Role.INSPECTOR)
    overdue, today = items["appeals-overdue"], items["appeals-due-today"]
    assert (overdue.count, overdue.due, overdue.severity) == (3, days(-20), OVERDUE)
    assert overdue.url == reverse("appeal-list") + "?overdue=true"
    assert (today.count, today.due, today.severity) == (1, TODAY(), DUE_SOON)
    assert today.url == reverse("appeal-list") + "?due_today=true"


def test_the_appeal_links_open_the_same_appeals(client, world):
    late = appeal(world.beat, -2)
    due = appeal(world.beat, 0)
    appeal(world.colleague_beat, -2)
    items = queue(world, Role.INSPECTOR)
    as_role(client, world, Role.INSPECTOR)
    listed = client.get(items["appeals-overdue"].url).context["object_list"]
    assert list(listed) == [late]
    listed = client.get(items["appeals-due-today"].url).context["object_list"]
    assert list(listed) == [due]


def test_inspector_sees_new_proposals_by_source(client, world):
    site_proposal(world.beat)
    site_proposal(world.beat)
    ProposalFactory(meeting=MeetingFactory(beat=world.beat))
    site_proposal(world.beat, status=ProposalStatus.PLANNED)
    everywhere(world, site_proposal)  # one more of mine, and others' beats

    items = queue(world, Role.INSPECTOR)
    site, meeting = items["proposals-site"], items["proposals-meeting"]
    assert (site.count, site.due, site.severity) == (3, None, TO_DO)
    assert meeting.count == 1
    as_role(client, world, Role.INSPECTOR)
    listed = client.get(site.url).context["object_list"]
    assert len(listed) == 3 and {p.source for p in listed} == {"site"}


def test_inspector_sees_this_periods_open_checklist_items_per_cadence(world):
    items = queue(world, Role.INSPECTOR)
    states = checklist.evaluate([world.beat.pk])[world.beat.pk]
    expected = {}
    for state in states:
        if not state.done:
            key = f"checklist-{world.beat.pk}-{state.item.cadence}"
            expected.setdefault(key, (0, state.period.last_day))
            expected[key] = (expected[key][0] + 1, state.period.last_day)
    shown = {key: (i.count, i.due) for key, i in items.items() if key.startswith("checklist-")}
    assert shown == expected and expected
    weekly = items[f"checklist-{world.beat.pk}-weekly"]
    assert weekly.severity == DUE_SOON  # a week always ends within seven days
    assert weekly.url == reverse("checklist") + f"?beat={world.beat.pk}"


def test_the_next_report_meeting_or_a_reminder_to_schedule_one(world):
    key = f"no-report-meeting-{world.beat.pk}"
    items = queue(world, Role.INSPECTOR)
    reminder = items[key]
    assert (reminder.due, reminder.url) == (current_quarter().last_day, reverse("meeting-create"))

    # Held this quarter: nothing to remind, nothing ahead.
    held = report_meeting(
        world.beat, timezone.now() - datetime.timedelta(minutes=5), MeetingStatus.HELD
    )
    if current_quarter(timezone.localdate(held.held_at)) == current_quarter():
        assert key not in queue(world, Role.INSPECTOR)

    ahead = report_meeting(world.beat, timezone.now() + datetime.timedelta(days=20))
    report_meeting(world.beat, timezone.now() + datetime.timedelta(days=40))
    report_meeting(world.colleague_beat, timezone.now() + datetime.timedelta(days=2))
    items = queue(world, Role.INSPECTOR)
    upcoming = items[f"report-meeting-{world.beat.pk}"]
    assert upcoming.due == timezone.localdate(ahead.held_at)
    assert upcoming.url == reverse("meeting-detail", args=[ahead.pk])
    assert upcoming.severity == TO_DO
    assert key not in items


def test_the_inspectors_page_orders_the_queue_by_due_date(client, world):
    appeal(world.beat, -3)
    appeal(world.beat, 0)
    site_proposal(world.beat)
    response = as_role(client, world, Role.INSPECTOR).get(reverse("inspector-home"))
    shown = queue_items(response)
    items = work_queues.queue_for(world.inspector)
    assert [key for key, _count, _severity in shown] == [item.key for item in items]
    assert shown[:2] == [("appeals-overdue", 1, "overdue"), ("appeals-due-today", 1, "due_soon")]
    # Undated: last. The suggestion sent from the site also waits for a decision on publication.
    assert shown[-2:] == [("proposals-site", 1, "to_do"), ("proposals-moderation", 1, "to_do")]
    dated = [item.due for item in items if item.due is not None]
    assert dated == sorted(dated)
    assert all(item.due is None for item in items[len(dated) :])


# --- the supervisor ---------------------------------------------------------------------------


def test_supervisor_sees_overdue_appeals_per_beat_of_the_department(world):
    appeal(world.beat, -3)
    appeal(world.beat, -8)
    appeal(world.colleague_beat, -1)
    appeal(world.colleague_beat, 0)  # due today: not overdue yet
    appeal(world.other_beat, -30)
    appeal(world.far_beat, -30)

    items = queue(world, Role.SUPERVISOR)
    mine = items[f"escalated-appeals-{world.beat.pk}"]
    colleague = items[f"escalated-appeals-{world.colleague_beat.pk}"]
    assert (mine.count, mine.due, mine.severity) == (2, days(-8), OVERDUE)
    assert mine.detail == world.inspector.display_name
    assert mine.url == reverse("appeal-list") + f"?beat={world.beat.pk}&overdue=true"
    assert (colleague.count, colleague.due) == (1, days(-1))
    assert {key for key in items if key.startswith("escalated-appeals-")} == {
        mine.key,
        colleague.key,
    }
    ordered = [i.key for i in work_queues.queue_for(world.users[Role.SUPERVISOR])]
    assert ordered.index(mine.key) < ordered.index(colleague.key)


def test_supervisor_sees_the_beats_with_no_report_meeting_this_quarter(world):
    items = queue(world, Role.SUPERVISOR)
    missing = items["beats-without-report-meeting"]
    assert missing.count == 2  # the two beats of the department, not the others
    assert missing.due == current_quarter().last_day
    assert missing.url == reverse("meeting-list") + "?kind=report"

    # Planned a minute ago and not yet marked held: still this quarter's meeting.
    when = timezone.now() - datetime.timedelta(minutes=1)
    report_meeting(world.beat, when)
    report_meeting(world.colleague_beat, when, MeetingStatus.CANCELLED)
    missing = queue(world, Role.SUPERVISOR)["beats-without-report-meeting"]
    assert missing.count == 1
    assert missing.detail == str(world.colleague_beat)


def test_the_inspectors_items_are_not_the_supervisors(world):
    appeal(world.beat, 0)
    site_proposal(world.beat)
    supervisor = queue(world, Role.SUPERVISOR)
    assert "appeals-due-today" not in supervisor and "proposals-site" not in supervisor
    assert not any(key.startswith("checklist-") for key in supervisor)
    inspector = queue(world, Role.INSPECTOR)
    assert "beats-without-report-meeting" not in inspector


# --- query counts ----------------------------------------------------------------------------


def grow(world, n):
    """`n` more beats of the inspector in the department, each with appeals, proposals and
    meetings of every kind that the queues count."""
    point = PolicePointFactory(department=world.department)
    for _ in range(n):
        beat = BeatFactory(police_point=point, inspector=world.inspector)
        appeal(beat, -4)
        appeal(beat, 0)
        site_proposal(beat)
        ProposalFactory(meeting=MeetingFactory(beat=beat))
        report_meeting(beat, timezone.now() + datetime.timedelta(days=5))
    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    for _ in range(n):
        appeal(BeatFactory(police_point=point, inspector=colleague), -2)


@pytest.mark.parametrize(
    ("role", "url_name"),
    [(Role.INSPECTOR, "inspector-home"), (Role.SUPERVISOR, "department-home")],
)
def test_the_queue_and_the_page_cost_a_flat_number_of_queries(
    client, world, django_assert_max_num_queries, role, url_name
):
    user = world.users[role]
    as_role(client, world, role)

    def measure():
        with django_assert_max_num_queries(40) as queue_queries:
            items = work_queues.queue_for(user)
        with django_assert_max_num_queries(90) as page_queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queue_queries), len(page_queries), len(items)

    grow(world, 1)
    small = measure()
    grow(world, 6)
    large = measure()
    assert large[:2] == small[:2]
    assert large[2] > small[2]  # more beats, more lines
