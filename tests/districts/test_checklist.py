"""The Appendix B checklist: periods and automatic ticks across boundaries, hand ticks,
compliance and overdue, the checklist page, ticking and unticking, scope, the admin."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

# admin_checklist: registers the checklist admin until districts/admin.py imports it.
from districts import admin_checklist, checklist  # noqa: F401
from districts.models import (
    Appeal,
    AppealStatus,
    AutoRule,
    Cadence,
    ChecklistItem,
    ChecklistMark,
    MeetingKind,
    MeetingStatus,
    WorkPlanItem,
)
from portal.models import Role
from portal.periods import Period, period_of, previous_period
from tests.factories import (
    AppealFactory,
    BeatFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    ServiceRecordFactory,
    UserFactory,
)

ALMATY = ZoneInfo("Asia/Almaty")
D = datetime.date


def at(*args):
    """A local date-time in Almaty (UTC+5)."""
    return datetime.datetime(*args, tzinfo=ALMATY)


def item(rule):
    return ChecklistItem.objects.get(auto_rule=rule)


def state(beat, rule, day, **kwargs):
    rows = checklist.evaluate([beat.pk], day=day, **kwargs)[beat.pk]
    return next(row for row in rows if row.item.auto_rule == rule)


def done(beat, rule, day, **kwargs):
    return state(beat, rule, day, **kwargs).done


def answered_appeal(beat, *, due_on, answered_on):
    return AppealFactory(
        beat=beat,
        received_on=due_on - datetime.timedelta(days=15),
        due_on=due_on,
        status=AppealStatus.ANSWERED,
        answer="Разъяснено",
        answered_on=answered_on,
    )


# --- periods (their arithmetic: tests/portal/test_periods.py) ---------------------------------


@pytest.mark.parametrize("cadence", list(Cadence))
def test_every_cadence_has_a_period(cadence):
    period = period_of(cadence, D(2026, 1, 1))
    assert period.contains(D(2026, 1, 1))
    assert previous_period(cadence, D(2026, 1, 1)).end == period.start


# --- automatic ticks across boundaries ---------------------------------------------------------


def test_round_on_sunday_counts_for_that_week_not_the_next(world):
    DoorToDoorRoundFactory(beat=world.beat, date=D(2025, 11, 23))  # a Sunday
    assert done(world.beat, AutoRule.ROUND, D(2025, 11, 17))  # Monday of that week
    assert done(world.beat, AutoRule.ROUND, D(2025, 11, 23))
    assert not done(world.beat, AutoRule.ROUND, D(2025, 11, 24))  # the next Monday
    assert done(world.beat, AutoRule.ROUND, D(2025, 11, 24), previous=True)


def test_meeting_late_on_the_last_evening_of_march_counts_for_march(world):
    # 23:30 in Almaty is 18:30 UTC: still March locally.
    MeetingFactory(beat=world.beat, kind=MeetingKind.RESIDENTS, held_at=at(2025, 3, 31, 23, 30))
    assert done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 3, 31))
    assert not done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 4, 1))


def test_meeting_just_after_local_midnight_counts_for_april(world):
    # 00:30 on 1 April in Almaty is still 31 March in UTC: April locally.
    MeetingFactory(beat=world.beat, kind=MeetingKind.OSI_KSK, held_at=at(2025, 4, 1, 0, 30))
    assert not done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 3, 15))
    assert done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 4, 30))


def test_school_event_on_31_march_counts_for_q1_not_q2(world):
    MeetingFactory(beat=world.beat, kind=MeetingKind.LESSON, held_at=at(2025, 3, 31, 23, 30))
    assert done(world.beat, AutoRule.SCHOOL_EVENT, D(2025, 2, 1))
    assert not done(world.beat, AutoRule.SCHOOL_EVENT, D(2025, 4, 1))
    assert done(world.beat, AutoRule.SCHOOL_EVENT, D(2025, 4, 1), previous=True)


def test_report_meeting_is_a_meeting_with_residents(world):
    MeetingFactory(beat=world.beat, kind=MeetingKind.REPORT, held_at=at(2025, 3, 31, 23, 30))
    # The short-report item waits for the published report (test_checklist_rules.py); the
    # report meeting is a meeting with residents of its month.
    assert done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 3, 1))


def test_yearly_item_counts_for_the_year_of_the_local_date(world):
    plan = WorkPlanItem.objects.create(beat=world.beat, title="План", due_on=D(2025, 3, 1))
    WorkPlanItem.objects.filter(pk=plan.pk).update(created_at=at(2024, 12, 31, 23, 30))
    assert done(world.beat, AutoRule.WORK_PLAN, D(2024, 1, 1))
    assert not done(world.beat, AutoRule.WORK_PLAN, D(2025, 1, 1))
    assert done(world.beat, AutoRule.WORK_PLAN, D(2025, 1, 1), previous=True)


def test_planned_or_cancelled_meeting_does_not_tick(world):
    for status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
        MeetingFactory(beat=world.beat, status=status, held_at=at(2025, 3, 10, 18, 0))
    assert not done(world.beat, AutoRule.RESIDENTS_MEETING, D(2025, 3, 10))


def test_work_of_another_beat_does_not_tick(world):
    DoorToDoorRoundFactory(beat=world.colleague_beat, date=D(2025, 11, 20))
    assert not done(world.beat, AutoRule.ROUND, D(2025, 11, 20))
    assert done(world.colleague_beat, AutoRule.ROUND, D(2025, 11, 20))


# --- the appeals rule ------------------------------------------------------------------------


def test_week_with_nothing_due_is_done(world):
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 19))


def test_appeal_answered_in_time_ticks_and_answered_late_does_not(world):
    answered_appeal(world.beat, due_on=D(2025, 11, 19), answered_on=D(2025, 11, 18))
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 23))
    answered_appeal(world.beat, due_on=D(2025, 11, 20), answered_on=D(2025, 11, 21))
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 23))
    # The week before and after are not affected.
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 16))
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 24))


def test_appeal_left_unanswered_past_its_due_date_is_not_done(world):
    AppealFactory(beat=world.beat, received_on=D(2025, 11, 4), due_on=D(2025, 11, 19))
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 23))


def test_a_past_week_counts_every_appeal_due_in_it_whichever_day_is_asked(world):
    # Looking back at a past week from its Monday must still see the appeal due on Wednesday
    # that was never answered: the appeals rule looks up to today, not up to the day asked.
    AppealFactory(beat=world.beat, received_on=D(2025, 11, 4), due_on=D(2025, 11, 19))
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 17))


def test_appeal_due_later_this_week_does_not_count_yet(world):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    week = period_of(Cadence.WEEKLY, today)
    if week.contains(tomorrow):
        AppealFactory(beat=world.beat, received_on=today, due_on=tomorrow)
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, today)


# --- hand ticks, compliance, overdue -----------------------------------------------------------


def manual_item():
    """A quarterly item ticked by hand. Every quarterly item of Appendix B has an automatic
    rule now, so the information campaign's is taken off for the test."""
    ChecklistItem.objects.filter(auto_rule=AutoRule.INFORMATION_CAMPAIGN).update(auto_rule="")
    return ChecklistItem.objects.filter(auto_rule="", cadence=Cadence.QUARTERLY).first()


def test_hand_tick_with_a_note_ticks_the_item_for_its_period(world):
    manual = manual_item()
    ChecklistMark.objects.create(
        beat=world.beat, item=manual, period_start=D(2025, 1, 1), note="Акция в ТРЦ"
    )
    rows = {
        row.item.pk: row
        for row in checklist.evaluate([world.beat.pk], day=D(2025, 2, 10))[world.beat.pk]
    }
    ticked = rows[manual.pk]
    assert ticked.done and not ticked.done_auto and ticked.mark.note == "Акция в ТРЦ"
    next_quarter = checklist.evaluate([world.beat.pk], day=D(2025, 4, 1))[world.beat.pk]
    assert not next(row for row in next_quarter if row.item.pk == manual.pk).done
    # Another beat is not ticked by it.
    other = checklist.evaluate([world.colleague_beat.pk], day=D(2025, 2, 10))
    assert next(r for r in other[world.colleague_beat.pk] if r.item.pk == manual.pk).mark is None


def known_data(world):
    """Work of world.beat done in the periods before Wednesday 14 May 2025."""
    DoorToDoorRoundFactory(beat=world.beat, date=D(2025, 5, 8))  # the week before
    MeetingFactory(beat=world.beat, held_at=at(2025, 4, 10, 18, 0))  # April
    MeetingFactory(beat=world.beat, kind=MeetingKind.REPORT, held_at=at(2025, 2, 10, 18, 0))
    ChecklistMark.objects.create(
        beat=world.beat, item=manual_item(), period_start=D(2025, 1, 1), note="Акция"
    )
    ServiceRecordFactory(beat=world.beat, date=D(2025, 5, 12))  # this month only
    return D(2025, 5, 14)


def test_compliance_on_known_data(world):
    day = known_data(world)
    total = ChecklistItem.objects.filter(is_active=True).count()
    assert total == 20
    shares = checklist.compliance([world.beat.pk, world.colleague_beat.pk], day=day)
    # Round, appeals (nothing due), residents' meeting, the hand tick. The report meeting
    # is no short report: that item waits for the published report.
    assert shares[world.beat.pk] == pytest.approx(4 / 20)
    # The colleague has only the appeals item: nothing was due.
    assert shares[world.colleague_beat.pk] == pytest.approx(1 / 20)


def test_overdue_on_known_data(world):
    day = known_data(world)
    late = checklist.overdue([world.beat.pk], day=day)[world.beat.pk]
    done_before = {AutoRule.ROUND, AutoRule.APPEALS_ANSWERED, AutoRule.RESIDENTS_MEETING}
    expected = set(
        ChecklistItem.objects.filter(is_active=True)
        .exclude(auto_rule__in=[*done_before, AutoRule.SERVICE_RECORDS])  # done this month
        .exclude(pk=manual_item().pk)
        .values_list("pk", flat=True)
    )
    assert {row.item.pk for row in late} == expected
    assert all(not row.done for row in late)


def test_inactive_items_are_left_out(world):
    ChecklistItem.objects.filter(auto_rule=AutoRule.ROUND).update(is_active=False)
    rows = checklist.evaluate([world.beat.pk], day=D(2025, 5, 14))[world.beat.pk]
    assert len(rows) == 19
    assert AutoRule.ROUND not in {row.item.auto_rule for row in rows}


# --- the checklist page ------------------------------------------------------------------------


def page_states(response):
    return [row for _section, rows in response.context["sections"] for row in rows]


def test_checklist_page_defaults_to_my_first_beat_and_today(inspector_client, world):
    response = inspector_client.get(reverse("checklist"))
    assert response.status_code == 200
    assert response.context["beat"] == world.beat
    assert response.context["day"] == timezone.localdate()
    assert response.context["total"] == 20
    sections = [label for label, _rows in response.context["sections"]]
    assert len(sections) == 5
    html = response.content.decode()
    assert "<progress" in html and "style=" not in html


def test_checklist_page_shows_each_items_period_and_state(inspector_client, world):
    DoorToDoorRoundFactory(beat=world.beat, date=D(2025, 11, 23))
    manual = manual_item()
    ChecklistMark.objects.create(
        beat=world.beat,
        item=manual,
        period_start=D(2025, 10, 1),
        note="Провели акцию",
        marked_by=world.inspector,
    )
    response = inspector_client.get(
        reverse("checklist"), {"beat": world.beat.pk, "day": "2025-11-23"}
    )
    rows = {row.item.pk: row for row in page_states(response)}
    walk = rows[item(AutoRule.ROUND).pk]
    assert walk.done_auto and walk.period == Period(D(2025, 11, 17), D(2025, 11, 24))
    assert walk.period_label == "week of 17.11–23.11" or "17.11" in walk.period_label
    hand = rows[manual.pk]
    assert hand.mark.note == "Провели акцию" and hand.mark.marked_by == world.inspector
    html = response.content.decode()
    assert "Провели акцию" in html and str(world.inspector) in html
    assert f'id="item-{walk.item.pk}"' in html
    # A past week: links to the previous and next week and month.
    directions = [direction for direction, _label, _url in response.context["navigation"]]
    assert directions.count("previous") == 2 and directions.count("next") == 2


def test_checklist_page_today_has_no_next_period_and_future_days_are_today(inspector_client, world):
    future = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    response = inspector_client.get(reverse("checklist"), {"day": future})
    assert response.context["day"] == timezone.localdate()
    assert [d for d, _label, _url in response.context["navigation"]] == ["previous", "previous"]


def test_bad_day_falls_back_to_today(inspector_client, world):
    response = inspector_client.get(reverse("checklist"), {"day": "31.02.2025"})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_another_beats_checklist_is_404(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat):
        assert inspector_client.get(reverse("checklist"), {"beat": beat.pk}).status_code == 404
    assert inspector_client.get(reverse("checklist"), {"beat": "abc"}).status_code == 404
    assert inspector_client.get(reverse("checklist"), {"beat": "999999"}).status_code == 404


def test_supervisor_reads_the_departments_checklists_but_cannot_tick(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("checklist")
    assert client.get(url, {"beat": world.colleague_beat.pk}).status_code == 200
    assert client.get(url, {"beat": world.other_beat.pk}).status_code == 404
    page = client.get(url, {"beat": world.beat.pk})
    assert not page.context["can_write"]
    assert 'name="note"' not in page.content.decode()
    data = {"beat": world.beat.pk, "item": manual_item().pk, "day": "2025-11-20", "note": "x"}
    assert client.post(reverse("checklist-tick"), data).status_code == 403
    assert ChecklistMark.objects.count() == 0


def test_akimat_staff_cannot_see_the_checklist(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("checklist")).status_code == 403


def test_user_without_beats_sees_an_empty_page(client, world):
    client.force_login(UserFactory(role=Role.INSPECTOR, department=world.department))
    response = client.get(reverse("checklist"))
    assert response.status_code == 200 and response.context["beat"] is None


# --- ticking by hand ---------------------------------------------------------------------------


def tick(client, world, **overrides):
    data = {"beat": world.beat.pk, "item": manual_item().pk, "day": "2025-11-20", "note": "Готово"}
    return client.post(reverse("checklist-tick"), {**data, **overrides})


def test_inspector_ticks_an_item_with_a_note(inspector_client, world):
    response = tick(inspector_client, world)
    manual = manual_item()
    assert response.status_code == 302
    assert response.url == (
        f"{reverse('checklist')}?beat={world.beat.pk}&day=2025-11-20#item-{manual.pk}"
    )
    mark = ChecklistMark.objects.get()
    assert (mark.beat, mark.item, mark.period_start) == (world.beat, manual, D(2025, 10, 1))
    assert mark.note == "Готово" and mark.marked_by == world.inspector
    assert next(
        row for row in checklist.evaluate([world.beat.pk], day=D(2025, 12, 31))[world.beat.pk]
        if row.item.pk == manual.pk
    ).done  # fmt: skip


def test_a_second_tick_of_the_same_period_updates_the_note(inspector_client, world):
    tick(inspector_client, world, day="2025-10-02")
    tick(inspector_client, world, day="2025-12-30", note="Уточнено")
    mark = ChecklistMark.objects.get()
    assert mark.note == "Уточнено" and mark.period_start == D(2025, 10, 1)
    tick(inspector_client, world, day="2026-01-05", note="Новый квартал")
    assert ChecklistMark.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"note": ""},
        {"note": "   "},
        {"note": "x" * 301},
        {"day": ""},
        {"day": "not-a-date"},
        {"item": "999999"},
        {"item": ""},
    ],
)
def test_bad_tick_is_refused_with_a_message_and_nothing_saved(inspector_client, world, overrides):
    response = tick(inspector_client, world, **overrides)
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert ChecklistMark.objects.count() == 0


def test_tick_for_a_future_period_is_refused(inspector_client, world):
    future = timezone.localdate() + datetime.timedelta(days=100)
    tick(inspector_client, world, day=future.isoformat())
    assert ChecklistMark.objects.count() == 0


def test_tick_of_an_inactive_item_is_refused(inspector_client, world):
    manual = manual_item()
    ChecklistItem.objects.filter(pk=manual.pk).update(is_active=False)
    tick(inspector_client, world, item=manual.pk)
    assert ChecklistMark.objects.count() == 0


def test_tick_for_another_beat_is_404_and_nothing_saved(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat):
        assert tick(inspector_client, world, beat=beat.pk).status_code == 404
    assert tick(inspector_client, world, beat="").status_code == 404
    assert ChecklistMark.objects.count() == 0


def test_untick_removes_a_hand_tick_of_my_beat_only(inspector_client, world):
    manual = manual_item()
    mine = ChecklistMark.objects.create(
        beat=world.beat, item=manual, period_start=D(2025, 10, 1), note="a"
    )
    theirs = ChecklistMark.objects.create(
        beat=world.colleague_beat, item=manual, period_start=D(2025, 10, 1), note="b"
    )
    url = reverse("checklist-untick")
    data = {"item": manual.pk, "day": "2025-11-20"}
    assert inspector_client.post(url, {**data, "beat": world.colleague_beat.pk}).status_code == 404
    assert inspector_client.post(url, {**data, "beat": world.beat.pk}).status_code == 302
    assert list(ChecklistMark.objects.all()) == [theirs]
    assert not ChecklistMark.objects.filter(pk=mine.pk).exists()


def test_get_on_tick_urls_leads_back_to_the_checklist(inspector_client, world):
    for name in ("checklist-tick", "checklist-untick"):
        response = inspector_client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("checklist")


def test_administrator_may_tick_any_beat(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    assert tick(client, world, beat=world.far_beat.pk).status_code == 302
    assert ChecklistMark.objects.get().beat == world.far_beat


# --- query counts ------------------------------------------------------------------------------


def test_checklist_page_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("checklist")
    params = {"beat": world.beat.pk}
    today = timezone.localdate()
    items = list(ChecklistItem.objects.filter(auto_rule=""))

    def measure():
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    def add_work(beat, marked):
        for manual in marked:
            DoorToDoorRoundFactory(beat=beat, date=today)
            AppealFactory(beat=beat, received_on=today)
            ChecklistMark.objects.create(
                beat=beat,
                item=manual,
                period_start=period_of(manual.cadence, today).start,
                note="n",
                marked_by=UserFactory(),
            )

    add_work(world.beat, items[:1])
    small = measure()
    for _ in range(3):
        BeatFactory(police_point=world.point)
    add_work(world.beat, items[1:6])
    assert measure() == small


# --- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def admin_client_(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    return client


def test_administrator_edits_the_checklist_template(admin_client_):
    changelist = reverse("admin:districts_checklistitem_changelist")
    assert admin_client_.get(changelist).status_code == 200
    assert admin_client_.get(changelist, {"section__exact": "prevention"}).status_code == 200
    manual = manual_item()
    page = admin_client_.get(reverse("admin:districts_checklistitem_change", args=[manual.pk]))
    html = page.content.decode()
    for name in ("text_ru", "text_kk", "text_en", "section", "cadence", "auto_rule", "order"):
        assert f'name="{name}"' in html
    data = {
        "section": manual.section,
        "text_ru": "Провести акцию",
        "text_kk": "Акция өткізу",
        "text_en": "Hold a campaign",
        "cadence": Cadence.MONTHLY,
        "auto_rule": "",
        "order": 5,
        "is_active": "on",
    }
    response = admin_client_.post(
        reverse("admin:districts_checklistitem_change", args=[manual.pk]), data
    )
    assert response.status_code == 302
    manual.refresh_from_db()
    assert (manual.text_kk, manual.cadence, manual.order) == ("Акция өткізу", "monthly", 5)


def test_checklist_admin_is_for_administrators_only(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    response = client.get(reverse("admin:districts_checklistitem_changelist"))
    assert response.status_code == 302
    assert Appeal.objects.count() == 0
