"""The beat's electronic passport: house lists, street coverage, the first full round,
this year's counts, scope and query counts."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from districts.houses import houses_within, street_fully_covered
from districts.models import RoundStreet
from districts.selectors.passport import (
    FirstRoundStatus,
    first_full_round,
    street_coverage,
    year_partners,
)
from portal.models import Role
from portal.periods import quarter_of
from tests.factories import (
    AppealFactory,
    BeatFactory,
    BeatStreetFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    PreventiveVisitFactory,
    ProblemSpotFactory,
    ServiceRecordFactory,
    TrustCaseFactory,
    WorkPlanItemFactory,
)

TODAY = timezone.localdate


def walk(beat, date, *streets):
    """A round of `beat` on `date` covering (street, houses) pairs."""
    record = DoorToDoorRoundFactory(beat=beat, date=date)
    for street, houses in streets:
        RoundStreet.objects.create(round=record, street=street, houses=houses)
    return record


def passport(client, beat):
    return client.get(reverse("staff-beat-detail", args=[beat.code]))


# --- house lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("street", "visited", "expected"),
    [
        ("1–45, 2–60", "1–45", True),
        ("1–45, 2–60", "3, 5, 10", True),
        ("1–45, 2–60", "47", False),  # beyond the odd side
        ("1–45, 2–60", "62", False),
        ("1–45, 2–60", "1–60", False),  # the odd houses 47–59 belong to another beat
        ("1–45, 2–60", "", True),  # every house of the street in this beat
        ("", "1–500", True),  # the beat has the whole street
        ("1–99", "71А", True),
        ("1–45, 71А", "71а", True),
        ("1–45", "71А", False),
        ("2–60", "12/1", True),
    ],
)
def test_visited_houses_must_lie_in_the_beats_part_of_the_street(street, visited, expected):
    assert houses_within(street, visited) is expected


@pytest.mark.parametrize(
    ("street", "visits", "expected"),
    [
        ("1–45, 2–60", ["1–45"], False),  # the even side was not walked
        ("1–45, 2–60", [""], True),  # a "whole street" visit is full
        ("1–45, 2–60", ["1–45", "2–60"], True),  # two visits together
        ("1–45, 2–60", ["1–45, 2–60"], True),
        ("1–45, 2–60", ["1–21", "23–45", "2–30", "32–60"], True),
        ("1–45, 2–60", ["1–21", "25–45", "2–60"], False),  # house 23 missed
        ("1–45, 2–60", ["1–60"], True),  # both sides of 1–60
        ("", ["1–200"], False),  # whole street in the beat: its last house is unknown
        ("", [""], True),
        ("1–45, 2–60", [], False),
        ("1–9, 71А", ["1–9"], False),
        ("1–9, 71А", ["1–9", "71а"], True),
    ],
)
def test_street_is_fully_covered_only_when_every_house_was_walked(street, visits, expected):
    assert street_fully_covered(street, visits) is expected


# --- the first full round ---------------------------------------------------------------------


@pytest.fixture
def new_beat(world):
    """A beat whose inspector was appointed 100 days ago, with two streets."""
    beat = world.beat
    beat.inspector_since = TODAY() - datetime.timedelta(days=100)
    beat.save()
    sides = BeatStreetFactory(beat=beat, name_ru="ул. Абая", houses="1–45, 2–60")
    whole = BeatStreetFactory(beat=beat, name_ru="ул. Панфилова", houses="")
    return beat, sides, whole


def day(beat, n):
    return beat.inspector_since + datetime.timedelta(days=n)


def test_first_round_done_on_the_date_of_the_round_completing_coverage(new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, 3), (sides, ""))
    walk(beat, day(beat, 30), (whole, ""))  # the last day that counts
    result = first_full_round(beat)
    assert result.status == FirstRoundStatus.DONE
    assert result.completed_on == day(beat, 30)
    assert result.due_on == day(beat, 30)
    assert (result.covered, result.total) == (2, 2)


def test_day_31_is_too_late_for_the_first_round(new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, 3), (sides, ""))
    walk(beat, day(beat, 31), (whole, ""))
    result = first_full_round(beat)
    assert result.status == FirstRoundStatus.LATE
    assert result.completed_on == day(beat, 31)
    assert result.due_on == day(beat, 30)


def test_partial_house_coverage_does_not_complete_the_first_round(new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, 2), (sides, "1–45"), (whole, ""))
    result = first_full_round(beat)
    assert result.status == FirstRoundStatus.OVERDUE
    assert result.completed_on is None
    assert result.overdue_since == day(beat, 31)
    assert (result.covered, result.total) == (1, 2)

    walk(beat, day(beat, 20), (sides, "2–60"))
    result = first_full_round(beat)
    assert result.status == FirstRoundStatus.DONE
    assert result.completed_on == day(beat, 20)


def test_rounds_before_the_appointment_do_not_count(new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, -1), (sides, ""), (whole, ""))
    assert first_full_round(beat).status == FirstRoundStatus.OVERDUE


def test_first_round_is_due_within_the_month(new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, 1), (sides, ""))
    today = day(beat, 30)
    result = first_full_round(beat, today=today)
    assert result.status == FirstRoundStatus.DUE
    assert result.due_on == day(beat, 30)
    assert (result.covered, result.total) == (1, 2)
    assert first_full_round(beat, today=day(beat, 31)).status == FirstRoundStatus.OVERDUE


def test_first_round_without_appointment_date_or_streets(world):
    assert first_full_round(world.beat) is None
    world.beat.inspector_since = TODAY()
    world.beat.save()
    assert first_full_round(world.beat).status == FirstRoundStatus.NO_STREETS


def test_passport_shows_the_first_round_status(client, world, new_beat):
    beat, sides, whole = new_beat
    walk(beat, day(beat, 5), (sides, ""), (whole, ""))
    client.force_login(world.users[Role.INSPECTOR])
    response = passport(client, beat)
    assert response.context["first_round"].completed_on == day(beat, 5)
    assert 'data-status="done"' in response.content.decode()


# --- street coverage --------------------------------------------------------------------------


def test_street_coverage_shows_the_last_round_and_this_quarter(world):
    today = TODAY()
    last_quarter = quarter_of(today).start - datetime.timedelta(days=1)
    beat = world.beat
    walked = BeatStreetFactory(beat=beat, name_ru="ул. Абая", houses="1–45, 2–60")
    partly = BeatStreetFactory(beat=beat, name_ru="ул. Байзакова", houses="1–45, 2–60")
    old = BeatStreetFactory(beat=beat, name_ru="ул. Жарокова", houses="")
    never = BeatStreetFactory(beat=beat, name_ru="ул. Панфилова", houses="")
    walk(beat, last_quarter, (walked, "1–45"), (old, "4"))
    latest = walk(beat, today, (walked, ""), (partly, "1–45"))

    coverage = street_coverage(beat)
    rows = {row.street: row for row in coverage.streets}
    assert [row.street for row in coverage.streets] == [walked, partly, old, never]
    assert rows[walked].last_date == today and rows[walked].last_was_whole
    assert rows[walked].last_round_id == latest.pk
    assert rows[walked].covered_this_quarter
    assert rows[partly].visited_this_quarter and not rows[partly].covered_this_quarter
    assert rows[partly].last_houses == "1–45"
    assert rows[old].last_date == last_quarter and not rows[old].visited_this_quarter
    assert rows[never].last_date is None and not rows[never].visited_this_quarter
    assert (coverage.visited, coverage.covered, coverage.total) == (2, 1, 4)
    assert coverage.percent == 50


def test_passport_highlights_streets_not_visited_this_quarter(client, world):
    visited = BeatStreetFactory(beat=world.beat, name_ru="ул. Абая")
    BeatStreetFactory(beat=world.beat, name_ru="ул. Жарокова")
    record = walk(world.beat, TODAY(), (visited, ""))
    client.force_login(world.users[Role.INSPECTOR])
    html = passport(client, world.beat).content.decode()
    assert html.count("not-visited") == 1
    assert '<progress class="w-100 d-block mb-3" id="coverage-bar" max="2" value="1">' in html
    assert reverse("round-edit", args=[record.pk]) in html
    assert 'style="' not in html


# --- this year's work -------------------------------------------------------------------------


def fill_year(beat):
    today = TODAY()
    last_year = today.replace(month=1, day=1) - datetime.timedelta(days=1)
    now = timezone.now() - datetime.timedelta(minutes=1)
    MeetingFactory(beat=beat, held_at=now, attendance=20, partners="ОСИ «Самал»")
    MeetingFactory(beat=beat, held_at=now, attendance=15, partners=" ОСИ  «Самал» ")
    MeetingFactory(beat=beat, held_at=now, attendance=5, partners="Школа № 12")
    MeetingFactory(beat=beat, held_at=now, attendance=9, partners="")
    MeetingFactory(beat=beat, held_at=now, status="planned", attendance=None, partners="КСК")
    last_year_meeting = timezone.make_aware(datetime.datetime.combine(last_year, datetime.time(12)))
    MeetingFactory(beat=beat, held_at=last_year_meeting, partners="Колледж")
    DoorToDoorRoundFactory(beat=beat, date=today, apartments_visited=30, residents_met=20)
    DoorToDoorRoundFactory(beat=beat, date=last_year)
    AppealFactory(beat=beat, received_on=today, due_on=today)
    AppealFactory(beat=beat, received_on=today, due_on=today, status="answered",
                  answer="ok", answered_on=today)  # fmt: skip
    AppealFactory(beat=beat, received_on=last_year, due_on=last_year)  # overdue now
    ServiceRecordFactory(beat=beat, date=today, count=4)
    ServiceRecordFactory(beat=beat, date=last_year, count=9)
    PreventiveVisitFactory(beat=beat, date=today)
    PreventiveVisitFactory(beat=beat, date=today)
    TrustCaseFactory(beat=beat, date=today)
    WorkPlanItemFactory(beat=beat)
    WorkPlanItemFactory(beat=beat, status="done", done_on=today)
    ProblemSpotFactory(beat=beat, status="open")
    ProblemSpotFactory(beat=beat, status="in_work")
    ProblemSpotFactory(beat=beat, status="resolved", resolved_on=today)


def test_supervisor_sees_this_years_work_with_preventive_visits(client, world):
    fill_year(world.colleague_beat)
    fill_year(world.other_beat)  # another department: not counted
    client.force_login(world.users[Role.SUPERVISOR])
    response = passport(client, world.colleague_beat)
    work = response.context["work"]
    assert (work.meetings_held, work.attendance) == (4, 49)
    assert (work.rounds, work.apartments_visited, work.residents_met) == (1, 30, 20)
    assert (work.appeals_received, work.appeals_answered, work.appeals_overdue) == (2, 1, 1)
    assert work.services == 4
    assert work.preventive_visits == 2
    assert work.trust_cases == 1
    assert (work.plan_open, work.plan_done) == (1, 1)
    assert response.context["partners"] == ["ОСИ «Самал»", "Школа № 12"]
    problems = response.context["problems"]
    assert (problems.open, problems.in_work, problems.resolved) == (1, 1, 1)
    assert len(response.context["problem_rows"]) == 2
    for _spot, url in response.context["problem_rows"]:
        assert url is None or url.startswith("/staff/problems/")
    assert 'id="passport-preventive"' in response.content.decode()


def test_partners_are_this_years_held_meetings_only(world):
    fill_year(world.beat)
    assert year_partners(world.beat) == ["ОСИ «Самал»", "Школа № 12"]


@pytest.mark.parametrize(
    "role", [Role.REGIONAL_REGISTRAR, Role.AKIMAT_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_akimat_roles_read_passports_without_preventive_work_or_police_links(client, world, role):
    fill_year(world.beat)
    client.force_login(world.users[role])
    response = passport(client, world.beat)
    assert response.status_code == 200
    assert response.context["work"].preventive_visits is None
    assert response.context["work"].rounds == 1
    html = response.content.decode()
    assert 'id="passport-preventive"' not in html
    assert reverse("round-list") not in html
    assert reverse("round-create") not in html
    assert response.context["round_links"] is False
    assert all(url is None for _spot, url in response.context["problem_rows"])


def test_regional_registrar_reads_the_regions_passports(client, world):
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    for beat in (world.beat, world.colleague_beat, world.other_beat):
        assert passport(client, beat).status_code == 200
    assert passport(client, world.far_beat).status_code == 404


def test_inspector_cannot_open_another_beats_passport(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    assert passport(client, world.beat).status_code == 200
    for beat in (world.colleague_beat, world.other_beat, world.far_beat):
        assert passport(client, beat).status_code == 404


def test_supervisor_reads_the_departments_passports(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    assert passport(client, world.beat).status_code == 200
    assert passport(client, world.colleague_beat).status_code == 200
    assert passport(client, world.other_beat).status_code == 404
    assert passport(client, world.far_beat).status_code == 404


def test_inspector_gets_links_to_log_and_list_rounds(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    response = passport(client, world.beat)
    assert response.context["round_create_url"] == reverse("round-create")
    assert f"{reverse('round-list')}?beat={world.beat.pk}" in response.content.decode()


# --- query counts -----------------------------------------------------------------------------


def grow(beat, n):
    today = TODAY()
    streets = BeatStreetFactory.create_batch(n, beat=beat, houses="1–45, 2–60")
    for i, street in enumerate(streets):
        walk(beat, today - datetime.timedelta(days=i), (street, "1–45"))
    walk(beat, today, *[(street, "") for street in streets])
    fill_year(beat)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.INSPECTOR, Role.REGIONAL_REGISTRAR])
def test_passport_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    world.beat.inspector_since = TODAY() - datetime.timedelta(days=60)
    world.beat.save()
    client.force_login(world.users[role])

    def measure():
        with django_assert_max_num_queries(30) as captured:
            assert passport(client, world.beat).status_code == 200
        return len(captured)

    grow(world.beat, 2)
    small = measure()
    grow(world.beat, 12)
    for _ in range(3):
        grow(BeatFactory(police_point=world.point), 3)
    assert measure() == small


def test_links_only_to_pages_that_exist_and_that_the_user_may_open(world):
    from portal.links import link_for

    inspector, registrar = world.users[Role.INSPECTOR], world.users[Role.AKIMAT_REGISTRAR]
    with pytest.raises(NoReverseMatch):
        link_for(inspector, "no-such-page")
    assert link_for(inspector, "round-list") == reverse("round-list")
    assert link_for(registrar, "round-list") is None
    assert link_for(inspector, "round-create") == reverse("round-create")
    assert link_for(world.users[Role.SUPERVISOR], "round-create") is None
