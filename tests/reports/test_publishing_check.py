"""The check before publishing: what blocks (no statistics, no next report meeting, an empty
required section) stops the service and is not offered on the page; warnings are shown and
do not block; publishing and correcting need the reviewer's confirmation."""

import copy
import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from districts.models import Meeting, ProposalStatus
from portal.models import Role
from reports import readiness
from reports.models import OffenceStatistic, ReportRevision, ReportStatus
from reports.services import publishing
from reports.snapshot import ANSWERED_PROPOSAL_STATUSES, example
from tests.builders.reports import ALMATY, QUARTER, YEAR, build_quarter

BEFORE_MEETING = datetime.datetime(2026, 10, 1, 12, tzinfo=ALMATY)  # example()'s is 25.10


def codes(snapshot, now=BEFORE_MEETING):
    return readiness.check(snapshot, now=now).codes()


def changed(**sections):
    snapshot = copy.deepcopy(example(year=2026))
    for key, value in sections.items():
        snapshot[key] = value
    return snapshot


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# --- the rule --------------------------------------------------------------------------------


def test_a_complete_report_has_nothing_to_say():
    assert codes(example(year=2026)) == ([], [])


def test_answered_means_a_real_proposal_status():
    assert set(ANSWERED_PROPOSAL_STATUSES) <= set(ProposalStatus.values)
    assert ProposalStatus.NEW not in ANSWERED_PROPOSAL_STATUSES


def test_no_statistics_entered_blocks():
    snapshot = example(year=2026)
    for row in [*snapshot["statistics"]["rows"], snapshot["statistics"]["total"]]:
        row.update(current=None, change_percent=None, trend="unknown")
    blocking, _warnings = codes(snapshot)
    assert blocking == ["no_statistics"]


def test_statistics_of_zero_are_entered_but_warned_about():
    snapshot = example(year=2026)
    for row in [*snapshot["statistics"]["rows"], snapshot["statistics"]["total"]]:
        row.update(current=0)
    assert codes(snapshot) == ([], ["statistics_zero"])


def test_missing_categories_and_last_year_are_warnings():
    snapshot = example(year=2026)
    row = dict(snapshot["statistics"]["rows"][0], code="fraud", current=None)
    snapshot["statistics"]["rows"].append(row)
    snapshot["statistics"]["total"]["previous"] = None
    assert codes(snapshot) == ([], ["statistics_incomplete", "no_previous_year"])


def test_no_next_meeting_or_no_place_blocks():
    assert codes(changed(next_meeting={"at": None, "place": "Школа"}))[0] == ["no_next_meeting"]
    assert codes(changed(next_meeting={"at": "2026-10-25T18:00:00+05:00", "place": "  "}))[0] == [
        "no_next_meeting_place"
    ]


def test_a_next_meeting_in_the_past_is_a_warning():
    later = datetime.datetime(2026, 11, 1, tzinfo=ALMATY)
    assert codes(example(year=2026), now=later) == ([], ["next_meeting_passed"])


def test_an_empty_measures_or_plan_section_blocks():
    empty_measures = changed(measures={"text": " ", "problems_resolved": [], "submissions": 0})
    assert codes(empty_measures)[0] == ["empty_measures"]
    # Resolved problem places or a submission fill the section without a text.
    assert codes(changed(measures={"text": "", "problems_resolved": [], "submissions": 2})) == (
        [],
        [],
    )
    assert codes(changed(plan={"text": "", "items": []}))[0] == ["empty_plan"]
    items = [{"title": "Рейд", "due_on": "2026-11-01"}]
    assert codes(changed(plan={"text": "", "items": items})) == ([], [])


def test_warnings_about_the_work_of_the_quarter():
    snapshot = example(year=2026)
    snapshot["residents"]["meetings"] = 0
    snapshot["joint_work"]["actions"] = []
    snapshot["positive_cases"] = []
    snapshot["summary"] = ""
    assert codes(snapshot) == (
        [],
        ["no_meetings", "no_joint_actions", "no_positive_cases", "no_summary"],
    )


def test_proposals_unanswered_and_none_answered():
    snapshot = example(year=2026)
    fresh = dict(snapshot["proposals"][0], status="new", outcome="")
    snapshot["proposals"].append(fresh)
    assert codes(snapshot) == ([], ["proposals_unanswered"])
    snapshot["proposals"] = [fresh]
    assert codes(snapshot) == ([], ["no_proposals_answered"])
    snapshot["proposals"] = []
    assert codes(snapshot) == ([], ["no_proposals_answered"])


def test_figures_typed_into_the_summary_are_a_warning():
    assert codes(changed(summary="Зарегистрировано 9 правонарушений."))[1] == [
        "summary_has_numbers"
    ]


def test_an_old_or_partial_snapshot_is_checked_without_an_error():
    blocking, _warnings = codes({})
    assert blocking == ["no_statistics", "no_next_meeting", "empty_measures", "empty_plan"]


# --- the service -----------------------------------------------------------------------------


@pytest.fixture
def data(world):
    return build_quarter(world)


def submitted(report):
    report.status = ReportStatus.SUBMITTED
    report.save()
    return report


def without_statistics(beat):
    OffenceStatistic.objects.filter(beat=beat, year=YEAR, quarter=QUARTER).delete()


def test_the_service_refuses_to_publish_without_statistics(world, data):
    report = submitted(data.report)
    without_statistics(report.beat)
    with translation.override("en"), pytest.raises(publishing.PublicationBlocked) as blocked:
        publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    assert {error.code for error in blocked.value.error_list} == {"blocked"}
    with translation.override("en"):
        assert any("statistics" in message for message in blocked.value.messages)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert not ReportRevision.objects.exists()
    assert not default_storage.exists(f"reports/{report.beat.code}")


def test_the_service_refuses_a_report_without_its_next_meeting(world, data):
    report = data.report
    report.next_meeting_at = None
    report.status = ReportStatus.SUBMITTED
    report.save()
    with pytest.raises(publishing.PublicationBlocked):
        publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    assert not ReportRevision.objects.exists()


def test_a_correction_is_checked_too(world, data):
    report = submitted(data.report)
    supervisor = world.users[Role.SUPERVISOR]
    publishing.report_publish(report=report, user=supervisor)
    without_statistics(report.beat)
    with pytest.raises(publishing.PublicationBlocked):
        publishing.report_correct(
            report=report, user=supervisor, reasons={"kk": "Қате", "ru": "Ошибка"}
        )
    assert ReportRevision.objects.count() == 2  # the first revision's two versions
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def test_warnings_do_not_stop_the_service(world, data):
    report = submitted(data.report)
    Meeting.objects.filter(beat=report.beat).delete()  # no meeting held, no proposals
    revision, _other = publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    assert revision.number == 1 and revision.snapshot["residents"]["meetings"] == 0


# --- the page and the steps ------------------------------------------------------------------


def page(client, report):
    return client.get(reverse("report-edit", args=[report.pk]))


def publish(client, report, **data):
    return client.post(reverse("report-publish", args=[report.pk]), {"language": "ru", **data})


def test_the_reviewer_is_not_offered_publishing_while_something_blocks(client, world, data):
    report = submitted(data.report)
    without_statistics(report.beat)
    client.force_login(world.users[Role.SUPERVISOR])
    response = page(client, report)
    assert response.context["can_review"] and not response.context["can_publish"]
    blocking = [item["problem"].code for item in response.context["check_blocking"]]
    assert blocking == ["no_statistics"]
    html = response.content.decode()
    assert 'id="report-check"' in html and 'data-problem="no_statistics"' in html
    assert 'id="report-publish"' not in html and 'id="publish-blocked"' in html
    assert 'id="report-return"' in html  # returning stays possible
    # The problem leads to the statistics of the beat and quarter.
    link = (
        reverse("statistics-edit") + f"?beat={report.beat.pk}&amp;year={YEAR}&amp;quarter={QUARTER}"
    )
    assert link in html


def test_a_direct_post_is_refused_while_something_blocks(client, world, data):
    report = submitted(data.report)
    without_statistics(report.beat)
    client.force_login(world.users[Role.SUPERVISOR])
    client.cookies["django_language"] = "en"
    response = publish(client, report, confirm="on")
    assert response.status_code == 302
    [(level, text)] = messages_of(response)
    assert level == "error" and text.startswith("Nothing was published")
    assert "No offence statistics" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not ReportRevision.objects.exists()


def test_warnings_are_shown_and_publishing_goes_ahead(client, world, data):
    report = submitted(data.report)
    Meeting.objects.filter(beat=report.beat).delete()
    client.force_login(world.users[Role.SUPERVISOR])
    response = page(client, report)
    warnings = [item["problem"].code for item in response.context["check_warnings"]]
    assert "no_meetings" in warnings and "no_proposals_answered" in warnings
    assert "next_meeting_passed" in warnings  # build_quarter's meeting is in 2025
    assert response.context["can_publish"] and not response.context["check_blocking"]
    html = response.content.decode()
    assert 'id="check-ok"' in html and 'data-problem="no_meetings"' in html
    response = publish(client, report, confirm="on")
    revision = ReportRevision.objects.get(language="ru")
    assert response.url == reverse("report-revision", args=[revision.pk])


@pytest.mark.parametrize("confirm", [None, "", "false"])
def test_publishing_needs_the_confirmation(client, world, data, confirm):
    report = submitted(data.report)
    client.force_login(world.users[Role.SUPERVISOR])
    client.cookies["django_language"] = "en"
    response = publish(client, report, **({} if confirm is None else {"confirm": confirm}))
    assert response.status_code == 200
    assert "confirm" in response.context["publish_form"].errors
    [(level, text)] = messages_of(response)
    assert level == "error" and "confirm" in text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not ReportRevision.objects.exists()


def test_the_confirmation_is_on_the_page(client, world, data):
    report = submitted(data.report)
    client.force_login(world.users[Role.SUPERVISOR])
    client.cookies["django_language"] = "en"
    html = page(client, report).content.decode()
    assert 'name="confirm"' in html
    assert "I have read the report and confirm its publication" in html


def test_a_correction_needs_the_confirmation_and_nothing_blocking(client, world, data):
    report = submitted(data.report)
    client.force_login(world.users[Role.SUPERVISOR])
    publish(client, report, confirm="on")
    url = reverse("report-correct", args=[report.pk])
    reasons = {"reason_kk": "Нақтыланды", "reason_ru": "Уточнено"}
    response = client.post(url, reasons)
    assert response.status_code == 200
    assert "confirm" in response.context["correct_form"].errors
    assert ReportRevision.objects.count() == 2

    without_statistics(report.beat)
    response = page(client, report)
    assert response.context["can_correct"] and not response.context["can_publish_correction"]
    html = response.content.decode()
    assert 'id="report-correct"' not in html and 'id="correct-blocked"' in html
    response = client.post(url, {**reasons, "confirm": "on"})
    assert response.status_code == 302 and messages_of(response)[0][0] == "error"
    assert ReportRevision.objects.count() == 2


def test_the_inspector_sees_the_check_with_links_to_put_things_right(client, world, data):
    report = data.report
    report.next_meeting_at = None
    report.plan_next_quarter_kk = report.plan_next_quarter_ru = ""
    report.save()
    report.beat.workplanitems.all().delete()
    client.force_login(world.inspector)
    response = page(client, report)
    items = {item["problem"].code: item["href"] for item in response.context["check_blocking"]}
    assert items == {
        "no_next_meeting": "#id_next_meeting_at",
        "empty_plan": "#id_plan_next_quarter_kk",
    }
    html = response.content.decode()
    assert 'id="id_next_meeting_at"' in html and 'id="id_plan_next_quarter_kk"' in html
    # The inspector may still submit: the supervisor's check is where publication stops.
    assert response.context["can_submit"]


def test_the_check_adds_no_step_for_other_roles(client, world, data):
    submitted(data.report)
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert page(client, data.report).status_code == 403
    assert publish(client, data.report, confirm="on").status_code == 403
    assert not ReportRevision.objects.exists()
