"""A new draft takes its next report meeting from one already planned for the beat, says so,
and lets the inspector change it; without a planned report meeting it takes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import MeetingKind, MeetingStatus
from portal.models import Role
from portal.periods import Quarter
from reports.models import QuarterlyReport
from reports.selectors.meetings import planned_report_meeting
from tests.builders.reports import ALMATY, QUARTER, YEAR
from tests.dates import local_input
from tests.factories import MeetingFactory


def planned(beat, when, *, kind=MeetingKind.REPORT, status=MeetingStatus.PLANNED, **fields):
    return MeetingFactory(
        beat=beat,
        kind=kind,
        status=status,
        held_at=when,
        attendance=None if status == MeetingStatus.PLANNED else 30,
        **{"place": "Школа № 9, актовый зал", **fields},
    )


def in_days(days, hour=18):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def create(client, world, *, year=YEAR, quarter=QUARTER):
    client.force_login(world.inspector)
    response = client.post(
        reverse("report-create"), {"beat": world.beat.pk, "year": year, "quarter": quarter}
    )
    report = QuarterlyReport.objects.get(beat=world.beat, year=year, quarter=quarter)
    assert response.status_code == 302
    assert response.url == reverse("report-edit", args=[report.pk])
    return report


def test_a_new_draft_takes_the_planned_report_meeting(client, world):
    meeting = planned(world.beat, in_days(20), place="ОСИ «Бахыт-10», двор")
    planned(world.beat, in_days(40))  # a later one: the earliest is the next
    report = create(client, world)
    assert report.next_meeting_at == meeting.held_at
    # The place as written, in both languages until the inspector writes the other one.
    assert report.next_meeting_place_ru == report.next_meeting_place_kk == "ОСИ «Бахыт-10», двор"
    assert report.next_meeting_from == meeting
    page = client.get(reverse("report-edit", args=[report.pk]))
    html = page.content.decode()
    assert 'id="next-meeting-source"' in html
    assert timezone.localtime(meeting.held_at).strftime("%d.%m.%Y") in html
    assert reverse("meeting-detail", args=[meeting.pk]) in html
    form = page.context["text_form"]
    assert form["next_meeting_place_ru"].value() == "ОСИ «Бахыт-10», двор"
    # The check before publishing finds the next meeting set.
    blocking = [item["problem"].code for item in page.context["check_blocking"]]
    assert "no_next_meeting" not in blocking


@pytest.mark.parametrize(
    "other",
    [
        {"when": -2, "status": MeetingStatus.HELD},  # held already
        {"when": -2},  # planned, but its day has passed
        {"when": 20, "kind": MeetingKind.RESIDENTS},  # not a report meeting
        {"when": 20, "status": MeetingStatus.CANCELLED},
        {"when": 20, "beat": "colleague"},  # another beat's
    ],
)
def test_nothing_is_taken_without_a_planned_report_meeting_of_the_beat(client, world, other):
    other = dict(other)
    beat = world.colleague_beat if other.pop("beat", None) else world.beat
    planned(beat, in_days(other.pop("when")), **other)
    report = create(client, world)
    assert (report.next_meeting_at, report.next_meeting_place_ru, report.next_meeting_from) == (
        None,
        "",
        None,
    )
    html = client.get(reverse("report-edit", args=[report.pk])).content.decode()
    assert 'id="next-meeting-source"' not in html


def test_a_meeting_before_the_report_can_be_submitted_is_not_its_next_one(world):
    """Q4 2026 opens for submission on 22 December: a report meeting on 5 December cannot
    present it."""
    now = datetime.datetime(2026, 11, 1, 12, tzinfo=ALMATY)
    planned(world.beat, datetime.datetime(2026, 12, 5, 18, tzinfo=ALMATY))
    later = planned(world.beat, datetime.datetime(2027, 1, 15, 18, tzinfo=ALMATY))
    assert planned_report_meeting(world.beat.pk, Quarter(2026, 4), now=now) == later
    assert planned_report_meeting(world.colleague_beat.pk, Quarter(2026, 4), now=now) is None


def test_the_inspector_changes_the_taken_meeting_and_the_note_goes(client, world):
    meeting = planned(world.beat, in_days(20))
    report = create(client, world)
    url = reverse("report-edit", args=[report.pk])
    texts = {
        "summary_ru": "Текст",
        "summary_kk": "Мәтін",
        "measures_ru": "Меры",
        "measures_kk": "Шаралар",
        "plan_next_quarter_ru": "План",
        "plan_next_quarter_kk": "Жоспар",
        "next_meeting_at": local_input(meeting.held_at),
        "next_meeting_place_ru": meeting.place,
        "next_meeting_place_kk": meeting.place,
    }
    client.post(url, texts)  # the same meeting: still taken from the plan
    report.refresh_from_db()
    assert report.next_meeting_from == meeting and report.summary_ru == "Текст"

    client.post(url, {**texts, "next_meeting_at": local_input(in_days(30))})
    report.refresh_from_db()
    assert report.next_meeting_from is None
    assert timezone.localtime(report.next_meeting_at).date() == in_days(30).date()
    assert 'id="next-meeting-source"' not in client.get(url).content.decode()


def test_the_note_says_when_the_planned_meeting_has_moved(client, world):
    meeting = planned(world.beat, in_days(20))
    report = create(client, world)
    meeting.held_at = in_days(25)
    meeting.save()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("report-edit", args=[report.pk])).content.decode()
    assert "The planned meeting has changed since" in html


def test_the_supervisor_reads_where_the_meeting_came_from(client, world):
    planned(world.beat, in_days(20))
    report = create(client, world)
    client.force_login(world.users[Role.SUPERVISOR])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("report-edit", args=[report.pk])).content.decode()
    assert 'id="next-meeting-source"' in html
    assert "You can change the date and the place below." not in html
