"""The checklist agrees with the logged record (issue: "the checklist agrees with the record").

Every automatic rule, on the boundaries of its period (week, month, quarter, year), with the
one line that says why it is ticked or not:

* "answer appeals" is open while an appeal of the beat is overdue, whenever it was due;
* publishing the quarter's report ticks the short-report item;
* joint actions with NGOs or volunteers, public information campaigns, council sessions and
  the akimat's joint actions tick their items; the inspector's trainings and studies theirs.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from councils.models import ActionVolunteer, MemberSide, PartnerKind
from districts import checklist
from districts.models import AppealStatus, AutoRule, PreventiveCategory, StudyKind
from portal.models import Role
from portal.periods import Quarter
from tests import factories
from tests.factories.volunteers import VolunteerFactory

ALMATY = ZoneInfo("Asia/Almaty")
D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # The one-line reasons are read in English here; their kk and ru texts are in the catalogues.
    with translation.override("en"):
        yield


def at(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def state(beat, rule, day, **kwargs):
    rows = checklist.evaluate([beat.pk], day=day, **kwargs)[beat.pk]
    return next(row for row in rows if row.item.auto_rule == rule)


def done(beat, rule, day, **kwargs):
    return state(beat, rule, day, **kwargs).done


# --- appeals: not ticked while an appeal of the beat is overdue --------------------------------


def open_appeal(beat, due_on):
    return factories.AppealFactory(
        beat=beat, received_on=due_on - datetime.timedelta(days=15), due_on=due_on
    )


def test_an_appeal_overdue_since_last_week_keeps_this_weeks_item_open(world):
    # Due on Friday 14 November 2025, still unanswered: every later week is open too.
    open_appeal(world.beat, D(2025, 11, 14))
    for day in (D(2025, 11, 14), D(2025, 11, 17), D(2025, 12, 1)):
        row = state(world.beat, AutoRule.APPEALS_ANSWERED, day)
        assert not row.done and not row.done_auto, day
    why = state(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 12, 1)).why
    assert "14.11.2025" in why and "1" in why
    # The week it fell due in (Monday 10 to Sunday 16) is open as well; the week before is not.
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 10))
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 3))
    # The colleague's beat is not affected.
    assert done(world.colleague_beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 17))


def test_answering_the_overdue_appeal_frees_the_weeks_after_the_answer(world):
    appeal = open_appeal(world.beat, D(2025, 11, 14))
    appeal.status, appeal.answer, appeal.answered_on = (
        AppealStatus.ANSWERED,
        "Ответ",
        D(2025, 11, 19),
    )
    appeal.save()
    # Overdue until Wednesday 19 November: that week stays open, the next one is done.
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 17))
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 24))
    assert (
        state(world.beat, AutoRule.APPEALS_ANSWERED, D(2025, 11, 24)).why
        == "No appeal was overdue in this period."
    )


def test_an_appeal_due_today_is_not_overdue_yet(world):
    today = timezone.localdate()
    open_appeal(world.beat, today)
    assert done(world.beat, AutoRule.APPEALS_ANSWERED, today)
    open_appeal(world.beat, today - datetime.timedelta(days=1))
    assert not done(world.beat, AutoRule.APPEALS_ANSWERED, today)


# --- the short report: ticked by publishing the quarter's report -------------------------------


def test_publishing_the_quarters_report_ticks_the_short_report_item(world):
    revision = factories.ReportRevisionFactory(
        report__beat=world.beat,
        report__year=2025,
        report__quarter=1,
        published_at=at(2025, 4, 3, 11, 0),
    )
    assert done(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 1, 1))
    assert done(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 3, 31))
    why = state(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 3, 31)).why
    assert Quarter(2025, 1).label in why and "03.04.2025" in why
    # The next quarter waits for its own report; the previous one had none.
    assert not done(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 4, 1))
    assert not done(world.beat, AutoRule.REPORT_PUBLISHED, D(2024, 12, 31))
    assert (
        state(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 4, 1)).why
        == "The report for this quarter is not published yet."
    )
    assert not done(world.colleague_beat, AutoRule.REPORT_PUBLISHED, D(2025, 2, 1))
    assert revision.report.beat == world.beat


def test_a_report_meeting_alone_no_longer_ticks_the_short_report(world):
    factories.MeetingFactory(beat=world.beat, kind="report", held_at=at(2025, 2, 10, 18, 0))
    assert not done(world.beat, AutoRule.REPORT_PUBLISHED, D(2025, 2, 11))


# --- joint actions -------------------------------------------------------------------------------


def action(world, starts_at, **kwargs):
    kwargs.setdefault("beats", [world.beat])
    return factories.JointActionFactory(
        area=world.area,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **kwargs,
    )


def test_a_public_action_ticks_the_information_campaign_for_its_quarter(world):
    action(world, at(2025, 3, 31, 23, 30), is_public=True)  # Almaty time: still Q1
    assert done(world.beat, AutoRule.INFORMATION_CAMPAIGN, D(2025, 2, 1))
    assert "31.03.2025" in state(world.beat, AutoRule.INFORMATION_CAMPAIGN, D(2025, 2, 1)).why
    assert not done(world.beat, AutoRule.INFORMATION_CAMPAIGN, D(2025, 4, 1))
    # An internal action is no campaign with the public; another beat's action ticks nothing.
    action(world, at(2025, 5, 5, 10, 0), is_public=False)
    action(world, at(2025, 5, 6, 10, 0), is_public=True, beats=[world.colleague_beat])
    assert not done(world.beat, AutoRule.INFORMATION_CAMPAIGN, D(2025, 5, 10))
    assert done(world.colleague_beat, AutoRule.INFORMATION_CAMPAIGN, D(2025, 5, 10))


def test_an_action_announced_for_later_ticks_nothing_yet(world):
    action(world, timezone.now() + datetime.timedelta(days=1), is_public=True)
    assert not done(world.beat, AutoRule.INFORMATION_CAMPAIGN, timezone.localdate())


def test_an_ngo_partner_or_volunteers_tick_the_involvement_item(world):
    osi = factories.PartnerFactory(area=world.area, kind=PartnerKind.OSI)
    ngo = factories.PartnerFactory(area=world.area, kind=PartnerKind.NGO)
    action(world, at(2025, 7, 10, 10, 0), partners=[osi])
    assert not done(world.beat, AutoRule.NGO_VOLUNTEERS, D(2025, 7, 1))  # an OSI is no NGO
    action(world, at(2025, 9, 30, 10, 0), partners=[ngo])
    assert done(world.beat, AutoRule.NGO_VOLUNTEERS, D(2025, 7, 1))
    assert not done(world.beat, AutoRule.NGO_VOLUNTEERS, D(2025, 10, 1))
    with_volunteers = action(world, at(2025, 10, 2, 10, 0))
    ActionVolunteer.objects.create(
        action=with_volunteers, volunteer=VolunteerFactory(area=world.area), hours=2
    )
    row = state(world.beat, AutoRule.NGO_VOLUNTEERS, D(2025, 10, 1))
    assert row.done and "02.10.2025" in row.why


# --- council sessions and the akimat -----------------------------------------------------------


def test_a_session_of_the_departments_council_ticks_council_work_for_its_beats(world):
    council = factories.CouncilFactory(department=world.department)
    factories.SessionFactory(council=council, held_at=at(2025, 6, 30, 23, 0))
    for beat in (world.beat, world.colleague_beat):
        assert done(beat, AutoRule.COUNCIL_WORK, D(2025, 4, 1))
        assert not done(beat, AutoRule.COUNCIL_WORK, D(2025, 7, 1))
    assert not done(world.other_beat, AutoRule.COUNCIL_WORK, D(2025, 4, 1))
    assert "30.06.2025" in state(world.beat, AutoRule.COUNCIL_WORK, D(2025, 5, 1)).why


def test_akimat_contact_from_a_session_with_a_state_member_or_an_akimat_action(world):
    council = factories.CouncilFactory(department=world.department)
    civil = factories.MemberFactory(council=council, side=MemberSide.CIVIL_SOCIETY)
    state_member = factories.MemberFactory(council=council, side=MemberSide.STATE_BODY)
    factories.SessionFactory(council=council, held_at=at(2025, 2, 5, 15, 0), present=[civil])
    assert not done(world.beat, AutoRule.AKIMAT_CONTACT, D(2025, 2, 10))
    factories.SessionFactory(
        council=council, held_at=at(2025, 3, 5, 15, 0), present=[civil, state_member]
    )
    assert done(world.beat, AutoRule.AKIMAT_CONTACT, D(2025, 2, 10))
    assert not done(world.beat, AutoRule.AKIMAT_CONTACT, D(2025, 4, 10))
    registrar = factories.UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.area)
    action(world, at(2025, 4, 15, 10, 0), created_by=registrar)
    row = state(world.beat, AutoRule.AKIMAT_CONTACT, D(2025, 4, 10))
    assert row.done and "15.04.2025" in row.why


# --- the inspector's own development -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "rule"),
    [(StudyKind.TRAINING, AutoRule.TRAINING), (StudyKind.DIGITAL, AutoRule.DIGITAL_STUDY)],
)
def test_a_study_ticks_its_yearly_item(world, kind, rule):
    assert "No " in state(world.beat, rule, D(2025, 6, 1)).why
    factories.InspectorStudyFactory(beat=world.beat, kind=kind, date=D(2025, 12, 31))
    assert done(world.beat, rule, D(2025, 1, 1))
    assert not done(world.beat, rule, D(2026, 1, 1))
    assert not done(world.colleague_beat, rule, D(2025, 1, 1))
    other = AutoRule.DIGITAL_STUDY if rule == AutoRule.TRAINING else AutoRule.TRAINING
    assert not done(world.beat, other, D(2025, 6, 1))


def test_inspector_records_a_training_and_lands_on_it(inspector_client, world):
    response = inspector_client.post(
        reverse("study-create"),
        {
            "beat": world.beat.pk,
            "kind": StudyKind.TRAINING,
            "date": "2025-03-12",
            "topic": "Медиация в бытовых конфликтах",
            "organiser": "Академия МВД",
            "hours": "16",
        },
    )
    study = world.beat.inspectorstudys.get()
    assert response.status_code == 302 and response.url == reverse("study-edit", args=[study.pk])
    assert done(world.beat, AutoRule.TRAINING, D(2025, 3, 12))


@pytest.mark.parametrize(
    ("field", "value"),
    [("date", "2999-01-01"), ("hours", "0"), ("topic", ""), ("kind", "holiday")],
)
def test_a_bad_study_is_refused_and_nothing_saved(inspector_client, world, field, value):
    data = {"beat": world.beat.pk, "kind": "digital", "date": "2025-03-12", "topic": "eGov"}
    data[field] = value
    response = inspector_client.post(reverse("study-create"), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not world.beat.inspectorstudys.exists()


def test_studies_are_for_the_police_only(client, world):
    study = factories.InspectorStudyFactory(beat=world.beat)
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("study-list")).status_code == 403
    client.force_login(world.users[Role.SUPERVISOR])
    assert client.get(reverse("study-edit", args=[study.pk])).status_code == 200
    assert client.post(reverse("study-edit", args=[study.pk]), {}).status_code == 403
    client.force_login(
        factories.UserFactory(role=Role.INSPECTOR, department=world.other_department)
    )
    assert client.get(reverse("study-edit", args=[study.pk])).status_code == 404


# --- the groups of preventive work --------------------------------------------------------------


def test_every_group_the_seed_names_can_be_recorded(inspector_client, world):
    for category in PreventiveCategory:
        response = inspector_client.post(
            reverse("preventive-create"),
            {
                "beat": world.beat.pk,
                "category": category,
                "date": "2025-03-12",
                "address": "ул. Абая, 12",
                "reference": f"ПУ-2025-{len(category):04d}",
            },
        )
        assert response.status_code == 302, category
    assert world.beat.preventivevisits.count() == len(PreventiveCategory) == 7


# --- the page says why -------------------------------------------------------------------------


def test_the_checklist_page_says_why_each_rule_is_ticked_or_not(inspector_client, world):
    factories.DoorToDoorRoundFactory(beat=world.beat, date=D(2025, 11, 19))
    open_appeal(world.beat, D(2025, 11, 14))
    inspector_client.cookies.load({"django_language": "en"})
    response = inspector_client.get(
        reverse("checklist"), {"beat": world.beat.pk, "day": "2025-11-20"}
    )
    page = response.content.decode()
    assert "Door-to-door rounds: 1, the last on 19.11.2025." in page
    assert "Appeals overdue in this period: 1, the earliest due 14.11.2025." in page
    assert "No positive case is recorded." in page


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31", "2025-02-30", "x"])
def test_an_out_of_range_day_falls_back_to_today(inspector_client, world, day):
    response = inspector_client.get(reverse("checklist"), {"beat": world.beat.pk, "day": day})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_a_tick_for_year_one_is_refused_not_a_crash(inspector_client, world):
    item = checklist.ChecklistItem.objects.filter(auto_rule="").first()
    response = inspector_client.post(
        reverse("checklist-tick"),
        {"beat": world.beat.pk, "item": item.pk, "day": "0001-01-01", "note": "Акция"},
    )
    assert response.status_code == 302
    assert not world.beat.checklist_marks.exists()


@pytest.mark.parametrize("beat", ["²", "-1", "99999999999999999999", "abc"])
def test_a_garbled_beat_is_404(inspector_client, world, beat):
    response = inspector_client.get(reverse("checklist"), {"beat": beat})
    assert response.status_code == 404
