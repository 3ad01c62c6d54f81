"""Each public event's own page, with its outcome once it is over, and the archive of past
events: keyset pages, filtered by area and by a beat's number in it."""

import datetime

import pytest
from django.urls import reverse

from councils.selectors.events import ARCHIVE_PAGE, ArchiveCursor, past_public_events
from districts.models import MeetingKind, MeetingStatus, ProposalStatus
from tests.builders.events import council_of, later, planned_meeting, public_action, session
from tests.factories import (
    BeatFactory,
    DecisionFactory,
    JointActionFactory,
    MeetingFactory,
    PartnerFactory,
    ProposalFactory,
)


def detail(client, source, pk):
    return client.get(reverse("event-detail", kwargs={"source": source, "pk": pk}))


def past_action(area, beats=(), days=3, **kwargs):
    return public_action(area, beats, days=-days, **kwargs)


# --- one event ------------------------------------------------------------------------------


def test_an_upcoming_action_shows_place_beats_and_no_outcome(client, world):
    action = public_action(
        world.area, [world.beat], results="Итоги заранее", people_reached=40, place="Двор Абая 10"
    )
    response = detail(client, "action", action.pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-event-state="upcoming"' in html
    assert "Двор Абая 10" in html and f'data-beat="{world.beat.code}"' in html
    assert 'id="event-outcome"' not in html and "Итоги заранее" not in html


def test_a_past_action_shows_its_results(client, world):
    partner = PartnerFactory(area=world.area, name="ОСИ «Нурлы»", phone="+7 701 999 88 77")
    action = past_action(
        world.area, [world.beat], results="Освещены 3 двора", people_reached=120, partners=[partner]
    )
    html = detail(client, "action", action.pk).content.decode()
    assert 'data-event-state="past"' in html and 'id="event-outcome"' in html
    assert 'data-outcome="people-reached">120<' in html
    assert "Освещены 3 двора" in html and "ОСИ «Нурлы»" in html
    assert "+7 701 999 88 77" not in html  # a partner's contacts are not public


def test_an_internal_action_is_not_found(client, world):
    action = JointActionFactory(area=world.area, beats=[world.beat], is_public=False)
    assert detail(client, "action", action.pk).status_code == 404


def test_an_open_session_shows_its_agenda_then_its_decisions(client, world):
    council = council_of(world.department)
    coming = session(council)
    DecisionFactory(session=coming, text="Решение заранее")
    html = detail(client, "session", coming.pk).content.decode()
    assert 'data-event-state="upcoming"' in html and "Решение заранее" not in html
    assert 'id="event-agenda"' in html

    held = session(council, days=-7)
    DecisionFactory(session=held, text="Усилить освещение парка")
    DecisionFactory(session=held, text="Провести приём в школе № 5")
    html = detail(client, "session", held.pk).content.decode()
    assert 'data-outcome="decisions"' in html
    assert "Усилить освещение парка" in html and "Провести приём в школе № 5" in html


def test_a_closed_session_is_not_found(client, world):
    closed = session(council_of(world.department), days=-7, is_open=False)
    assert detail(client, "session", closed.pk).status_code == 404


def test_a_held_meeting_shows_counts_never_what_residents_wrote(client, world):
    meeting = MeetingFactory(
        beat=world.beat, kind=MeetingKind.REPORT, is_public=True, attendance=37
    )
    ProposalFactory(
        meeting=meeting,
        text="Фонарь у дома Иванова",
        resident_name="Иванов Пётр",
        resident_contact="+7 701 123 45 67",
    )
    ProposalFactory(meeting=meeting, status=ProposalStatus.DONE)
    ProposalFactory(meeting=meeting, status=ProposalStatus.PLANNED)
    response = detail(client, "meeting", meeting.pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-outcome="attendance">37<' in html
    assert 'data-outcome="proposals">3<' in html
    assert 'data-outcome="proposals-taken">2<' in html
    for private in ("Иванов", "+7 701 123 45 67", "Фонарь у дома"):
        assert private not in html


def test_a_planned_meeting_has_no_outcome_until_held(client, world):
    meeting = planned_meeting(world.beat)
    html = detail(client, "meeting", meeting.pk).content.decode()
    assert 'data-event-state="upcoming"' in html and 'id="event-outcome"' not in html
    # Its day has passed but the inspector has not recorded it yet.
    meeting.held_at = later(-1)
    meeting.save()
    html = detail(client, "meeting", meeting.pk).content.decode()
    assert 'data-event-state="past"' in html and 'id="outcome-pending"' in html


def test_a_cancelled_meeting_says_so(client, world):
    meeting = planned_meeting(world.beat)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    html = detail(client, "meeting", meeting.pk).content.decode()
    assert 'id="event-cancelled"' in html and 'id="event-outcome"' not in html


def test_an_unannounced_meeting_is_not_found(client, world):
    assert detail(client, "meeting", MeetingFactory(beat=world.beat).pk).status_code == 404
    hidden = planned_meeting(world.beat, is_public=False)
    assert detail(client, "meeting", hidden.pk).status_code == 404


@pytest.mark.parametrize(
    ("source", "pk"), [("party", 1), ("action", 999999), ("meeting", 2**63), ("session", 0)]
)
def test_an_unknown_event_is_not_found(client, world, source, pk):
    assert detail(client, source, pk).status_code == 404


def test_the_calendar_links_each_event_to_its_page(client, world):
    action = public_action(world.area, [world.beat])
    meeting = planned_meeting(world.beat)
    html = client.get(reverse("events")).content.decode()
    assert f'href="/events/action/{action.pk}/"' in html
    assert f'href="/events/meeting/{meeting.pk}/"' in html


def _detail_queries(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(10) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_event_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    action = past_action(world.area, [world.beat], partners=[PartnerFactory(area=world.area)])
    held = session(council_of(world.department), days=-2)
    DecisionFactory(session=held)
    meeting = MeetingFactory(beat=world.beat, is_public=True)
    ProposalFactory(meeting=meeting)
    urls = [
        reverse("event-detail", args=["action", action.pk]),
        reverse("event-detail", args=["session", held.pk]),
        reverse("event-detail", args=["meeting", meeting.pk]),
    ]
    small = [_detail_queries(client, url, django_assert_max_num_queries) for url in urls]
    for _ in range(8):
        action.beats.add(BeatFactory(police_point=world.point))
        action.partners.add(PartnerFactory(area=world.area))
        DecisionFactory(session=held)
        ProposalFactory(meeting=meeting)
    assert [_detail_queries(client, url, django_assert_max_num_queries) for url in urls] == small


# --- the archive ----------------------------------------------------------------------------


def archive_uids(client, **params):
    response = client.get(reverse("events-past"), params)
    assert response.status_code == 200
    return [e.uid for e in response.context["events"]], response.context["next_cursor"]


def test_the_archive_holds_past_public_events_only(client, world):
    old_action = past_action(world.area, [world.beat], days=10)
    held = MeetingFactory(beat=world.beat, is_public=True)
    old_session = session(council_of(world.department), days=-5)
    public_action(world.area, [world.beat])  # still to come
    JointActionFactory(area=world.area, is_public=False)  # internal, over
    MeetingFactory(beat=world.beat, is_public=False)  # not announced
    cancelled = MeetingFactory(beat=world.beat, is_public=True, status=MeetingStatus.CANCELLED)
    session(council_of(world.department), days=-5, is_open=False)
    uids, cursor = archive_uids(client)
    assert uids == [f"meeting-{held.pk}", f"session-{old_session.pk}", f"action-{old_action.pk}"]
    assert cursor is None
    assert f"meeting-{cancelled.pk}" not in uids


def test_the_archive_pages_by_keyset_without_gaps_or_repeats(client, world):
    # Events at equal times in every source, so the order's tie-breakers are exercised.
    moment = later(-4)
    council = council_of(world.department)
    made = set()
    for index in range(ARCHIVE_PAGE + 7):
        start = moment - datetime.timedelta(hours=index // 3)
        action = JointActionFactory(
            area=world.area,
            is_public=True,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
        meeting = MeetingFactory(beat=world.beat, is_public=True, held_at=start)
        held = session(council, days=0)
        held.held_at = start
        held.save()
        made |= {f"action-{action.pk}", f"meeting-{meeting.pk}", f"session-{held.pk}"}

    seen, params, pages = [], {}, 0
    while True:
        uids, cursor = archive_uids(client, **params)
        assert len(uids) <= ARCHIVE_PAGE
        seen += uids
        pages += 1
        if cursor is None:
            break
        params = {"before": cursor}
    assert len(seen) == len(set(seen)) == len(made)
    assert set(seen) == made
    assert pages == -(-len(made) // ARCHIVE_PAGE)


def test_the_archive_filters_by_area_and_beat_number(client, world):
    mine = past_action(world.area, [world.beat])
    colleague = MeetingFactory(beat=world.colleague_beat, is_public=True)
    other = past_action(world.other_area, [world.other_beat])
    own_session = session(council_of(world.department), days=-2)

    uids, _ = archive_uids(client, area=world.area.pk)
    assert set(uids) == {
        f"action-{mine.pk}",
        f"meeting-{colleague.pk}",
        f"session-{own_session.pk}",
    }
    uids, _ = archive_uids(client, area=world.area.pk, beat=world.beat.number)
    assert uids == [f"action-{mine.pk}"]
    uids, _ = archive_uids(client, area=world.other_area.pk)
    assert uids == [f"action-{other.pk}"]


def test_a_beat_number_without_an_area_is_asked_for_one(client, world):
    past_action(world.area, [world.beat])
    response = client.get(reverse("events-past"), {"beat": world.beat.number})
    assert response.status_code == 200
    assert response.context["form"].errors["area"]
    # The archive still lists every area's events.
    assert response.context["events"]


@pytest.mark.parametrize("cursor", ["x", "1.2.3", "9" * 30 + ".action.1", "1.party.2", ".."])
def test_a_garbled_cursor_gives_the_first_page(client, world, cursor):
    action = past_action(world.area, [world.beat])
    uids, _ = archive_uids(client, before=cursor)
    assert uids == [f"action-{action.pk}"]


def test_a_cursor_reads_back_what_it_wrote(world):
    action = past_action(world.area, [world.beat])
    events, _ = past_public_events()
    cursor = ArchiveCursor.of(events[0])
    assert ArchiveCursor.decode(cursor.encode()) == cursor
    assert cursor.pk == action.pk


def test_the_beat_page_links_to_its_past_events(client, world):
    html = client.get(reverse("beat-detail", args=[world.beat.code])).content.decode()
    assert f"?area={world.area.pk}&amp;beat={world.beat.number}" in html


def _archive_queries(client, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(12) as captured:
        assert client.get(reverse("events-past"), params).status_code == 200
    return len(captured)


def _grow(world, count):
    council = council_of(world.department)
    for index in range(count):
        beat = BeatFactory(police_point=world.point)
        past_action(
            world.area,
            [beat, world.beat],
            days=index + 1,
            partners=[PartnerFactory(area=world.area)],
        )
        MeetingFactory(beat=world.beat, is_public=True)
        session(council, days=-(index + 1))


@pytest.mark.parametrize(
    "params",
    [{}, {"area": "area"}, {"area": "area", "beat": "beat"}],
    ids=["all", "area", "beat"],
)
def test_the_archive_query_count_is_flat(client, world, django_assert_max_num_queries, params):
    values = {"area": world.area.pk, "beat": world.beat.number}
    query = {key: values[key] for key in params}
    _grow(world, 2)
    small = _archive_queries(client, django_assert_max_num_queries, **query)
    _grow(world, 25)
    assert _archive_queries(client, django_assert_max_num_queries, **query) == small
