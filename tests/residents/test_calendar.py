"""The residents' calendar: upcoming public events on a page, on the beat page and as iCal."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from councils.models import CouncilSession
from councils.selectors.events import EventKind, upcoming_public_events
from councils.services import actions as services
from districts.models import MeetingKind, MeetingStatus
from tests.builders.events import council_of, later, planned_meeting, public_action, session
from tests.factories import (
    BeatFactory,
    JointActionFactory,
    MeetingFactory,
    PartnerFactory,
    VolunteerFactory,
    active_assistant,
)


class Calendar7:
    """Visible and invisible events around world.beat."""

    def __init__(self, world):
        self.partner = PartnerFactory(
            area=world.area, name="Школа № 12", phone="+7 727 311 22 33", email="s12@example.kz"
        )
        self.action = public_action(
            world.area, [world.beat], title="Безопасный двор на Абая", partners=[self.partner]
        )
        self.colleague_action = public_action(
            world.area, [world.colleague_beat], title="Студенты против правонарушений"
        )
        self.other_area_action = public_action(
            world.other_area, [world.other_beat], title="Семья без насилия"
        )
        self.report = planned_meeting(world.beat)
        self.osi_meeting = planned_meeting(world.beat, kind=MeetingKind.OSI_KSK, days=6)
        self.session = session(council_of(world.department))
        # Not for residents:
        self.internal = JointActionFactory(
            area=world.area, beats=[world.beat], title="Внутренний рейд", starts_at=later(2)
        )
        self.past = JointActionFactory(
            area=world.area, beats=[world.beat], title="Прошедшая акция", is_public=True
        )
        self.closed = session(self.session.council, is_open=False)
        self.unannounced = planned_meeting(world.beat, is_public=False)
        self.held = MeetingFactory(beat=world.beat, is_public=True)  # held three days ago
        self.cancelled = planned_meeting(world.beat)
        self.cancelled.status = MeetingStatus.CANCELLED
        self.cancelled.save()
        self.past_session = CouncilSession.objects.create(
            council=self.session.council,
            held_at=later(-3),
            place="Зал",
            agenda="Прошлое",
            is_open=True,
        )

    def visible_uids(self):
        return {
            f"action-{self.action.pk}",
            f"action-{self.colleague_action.pk}",
            f"action-{self.other_area_action.pk}",
            f"meeting-{self.report.pk}",
            f"meeting-{self.osi_meeting.pk}",
            f"session-{self.session.pk}",
        }


@pytest.fixture
def cal(world):
    return Calendar7(world)


# --- the selector ----------------------------------------------------------------------------


def test_only_public_upcoming_events_are_listed(world, cal):
    events = upcoming_public_events()
    assert {e.uid for e in events} == cal.visible_uids()
    assert [e.starts_at for e in events] == sorted(e.starts_at for e in events)
    by_uid = {e.uid: e for e in events}
    assert by_uid[f"meeting-{cal.report.pk}"].kind == EventKind.REPORT_MEETING
    assert by_uid[f"meeting-{cal.osi_meeting.pk}"].kind == EventKind.MEETING
    assert by_uid[f"session-{cal.session.pk}"].kind == EventKind.SESSION
    action = by_uid[f"action-{cal.action.pk}"]
    assert action.partners == ("Школа № 12",)
    assert [b.code for b in action.beats] == [world.beat.code]


def test_an_action_under_way_is_still_listed(world):
    start = timezone.now() - datetime.timedelta(hours=1)
    running = JointActionFactory(
        area=world.area,
        is_public=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    assert [e.uid for e in upcoming_public_events()] == [f"action-{running.pk}"]


def test_filter_by_area_and_beat(world, cal):
    in_area = {e.uid for e in upcoming_public_events(area=world.area)}
    assert in_area == cal.visible_uids() - {f"action-{cal.other_area_action.pk}"}
    on_beat = {e.uid for e in upcoming_public_events(beat=world.beat)}
    assert on_beat == {
        f"action-{cal.action.pk}",
        f"meeting-{cal.report.pk}",
        f"meeting-{cal.osi_meeting.pk}",
    }
    assert [e.uid for e in upcoming_public_events(beat=world.colleague_beat)] == [
        f"action-{cal.colleague_action.pk}"
    ]


# --- the page --------------------------------------------------------------------------------


def test_events_page_lists_and_filters(client, world, cal):
    url = reverse("events")
    response = client.get(url)
    assert response.status_code == 200
    assert {e.uid for e in response.context["events"]} == cal.visible_uids()
    html = response.content.decode()
    assert f'id="action-{cal.action.pk}"' in html
    assert "Безопасный двор на Абая" in html
    assert cal.internal.title not in html and cal.past.title not in html

    response = client.get(url, {"area": world.other_area.pk})
    assert [e.uid for e in response.context["events"]] == [f"action-{cal.other_area_action.pk}"]
    # No list of beats on the page (a country has thousands): the beat is typed as its code.
    assert f'value="{world.other_beat.code}"' not in response.content.decode()
    response = client.get(url, {"area": world.area.pk, "beat": world.other_beat.code})
    assert "beat" in response.context["form"].errors  # not a beat of the chosen area

    response = client.get(url, {"beat": world.colleague_beat.code})
    assert [e.uid for e in response.context["events"]] == [f"action-{cal.colleague_action.pk}"]
    assert response.context["area"] == world.area
    assert reverse("beat-events-ics", args=[world.colleague_beat.code]) in response.content.decode()


def test_events_page_ignores_unknown_filters(client, world, cal):
    response = client.get(reverse("events"), {"area": "abc", "beat": "no-such-beat"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert {e.uid for e in response.context["events"]} == cal.visible_uids()


def test_beat_page_shows_its_upcoming_events_and_feed(client, world, cal):
    response = client.get(reverse("beat-detail", args=[world.beat.code]))
    html = response.content.decode()
    assert "Безопасный двор на Абая" in html
    assert f'id="meeting-{cal.report.pk}"' in html
    assert cal.colleague_action.title not in html
    assert cal.internal.title not in html
    assert reverse("beat-events-ics", args=[world.beat.code]) in html


# --- iCal ------------------------------------------------------------------------------------


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Uchastok" in str(calendar["PRODID"])
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_holds_only_public_upcoming_events(client, world, cal):
    events = parse(client.get(reverse("events-ics")))
    assert set(events) == {f"{uid}@testserver" for uid in cal.visible_uids()}
    event = events[f"action-{cal.action.pk}@testserver"]
    start = event.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start == cal.action.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == cal.action.ends_at.replace(microsecond=0)
    assert str(event["SUMMARY"]) == "Безопасный двор на Абая"
    assert cal.action.place in str(event["LOCATION"])
    assert "Школа № 12" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/events/action/{cal.action.pk}/"
    assert "DTSTAMP" in event
    session = events[f"session-{cal.session.pk}@testserver"]
    assert str(session["URL"]) == f"http://testserver/events/session/{cal.session.pk}/"
    assert session.decoded("DTEND") > session.decoded("DTSTART")


def test_feed_of_one_area(client, world, cal):
    events = parse(client.get(reverse("events-ics"), {"area": world.other_area.pk}))
    assert set(events) == {f"action-{cal.other_area_action.pk}@testserver"}
    assert client.get(reverse("events-ics"), {"area": "999999"}).status_code == 404
    assert client.get(reverse("events-ics"), {"area": "x"}).status_code == 404


def test_beat_feed_holds_only_the_beats_events(client, world, cal):
    events = parse(client.get(reverse("beat-events-ics", args=[world.beat.code])))
    assert set(events) == {
        f"action-{cal.action.pk}@testserver",
        f"meeting-{cal.report.pk}@testserver",
        f"meeting-{cal.osi_meeting.pk}@testserver",
    }
    events = parse(client.get(reverse("beat-events-ics", args=[world.far_beat.code])))
    assert events == {}


def test_unknown_beat_feed_is_404(client, db):
    assert client.get(reverse("beat-events-ics", args=["no-such-beat"])).status_code == 404


def test_feed_is_cached_for_five_minutes(client, world, cal):
    url = reverse("events-ics")
    first = client.get(url)
    assert "max-age=300" in first["Cache-Control"]
    public_action(world.area, [world.beat], title="Новая акция")
    assert client.get(url).content == first.content
    cache.clear()
    assert "Новая акция" in Calendar.from_ical(client.get(url).content).to_ical().decode()


def test_uids_are_stable(client, world, cal):
    first = set(parse(client.get(reverse("events-ics"))))
    cache.clear()
    assert set(parse(client.get(reverse("events-ics")))) == first


# --- no personal data ------------------------------------------------------------------------


def test_no_personal_data_on_the_page_or_in_the_feeds(client, world, cal):
    # The public action already took place in part: participants are recorded.
    start = timezone.now() - datetime.timedelta(hours=1)
    running = JointActionFactory(
        area=world.area,
        beats=[world.beat],
        is_public=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        partners=[cal.partner],
    )
    assistant = active_assistant(world.beat, last_name="Секретов", phone="+7 701 246 80 24")
    services.action_assistant_add(
        action=running, assistant=assistant, hours=Decimal("2"), user=world.inspector
    )
    volunteer = VolunteerFactory(area=world.area, last_name="Волонтёров")
    services.action_volunteer_add(action=running, volunteer=volunteer, hours=Decimal("2"))
    pages = [
        client.get(reverse("events")).content.decode(),
        client.get(reverse("beat-detail", args=[world.beat.code])).content.decode(),
        client.get(reverse("events-ics")).content.decode(),
        client.get(reverse("beat-events-ics", args=[world.beat.code])).content.decode(),
    ]
    for text in pages:
        assert "Школа № 12" in text
        for secret in (
            "Секретов",
            "Волонтёров",
            assistant.iin,
            "246 80 24",
            "311 22 33",
            "s12@example.kz",
            cal.partner.contact_person,
        ):
            assert secret not in text


# --- query counts ----------------------------------------------------------------------------


# The beat page is the heaviest: besides the events it reads the reports, the channels, the
# councils of the area, the published proposals and the trust index.
def _measure(client, url, django_assert_max_num_queries, limit=18):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, count):
    council = council_of(world.department)
    for _ in range(count):
        beat = BeatFactory(police_point=world.point)
        public_action(world.area, [beat, world.beat], partners=[PartnerFactory(area=world.area)])
        planned_meeting(beat)
        planned_meeting(world.beat)
        session(council)


@pytest.mark.parametrize(
    "url",
    [
        lambda world: reverse("events"),
        lambda world: reverse("events") + f"?area={world.area.pk}",
        lambda world: reverse("events") + f"?beat={world.beat.code}",
        lambda world: reverse("beat-detail", args=[world.beat.code]),
        lambda world: reverse("events-ics"),
        lambda world: reverse("beat-events-ics", args=[world.beat.code]),
    ],
    ids=["events", "events-area", "events-beat", "beat-page", "ics", "beat-ics"],
)
def test_query_count_is_flat(client, world, django_assert_max_num_queries, url):
    _grow(world, 1)
    small = _measure(client, url(world), django_assert_max_num_queries)
    cache.clear()
    _grow(world, 8)
    assert _measure(client, url(world), django_assert_max_num_queries) == small


def test_the_events_page_shows_the_soonest_and_says_there_are_more(client, world):
    from residents.views.calendar import EVENTS_PAGE

    for day in range(EVENTS_PAGE + 2):
        planned_meeting(world.beat, days=day + 1)
    response = client.get(reverse("events"))
    shown = response.context["events"]
    assert len(shown) == EVENTS_PAGE and response.context["more"]
    assert shown[0].starts_at < shown[-1].starts_at
    assert b'id="events-more"' in response.content
    narrowed = client.get(reverse("events"), {"area": world.other_area.pk})
    assert not narrowed.context["more"] and b'id="events-more"' not in narrowed.content
