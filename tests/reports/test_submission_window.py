"""A quarter's report is submitted in the quarter's last days or after it ends: earlier the
button is not offered and the step is refused with the date it opens, day-first in every
language; the number of days is a setting."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Role
from portal.periods import Quarter, current_quarter
from reports import submission
from reports.models import ReportStatus
from reports.services import publishing
from tests.builders.reports import ALMATY
from tests.factories import QuarterlyReportFactory

Q4 = Quarter(2026, 4)  # 1 October – 31 December 2026


def moment(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=ALMATY)


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# --- the rule --------------------------------------------------------------------------------


def test_the_window_opens_ten_days_before_the_quarter_ends_by_default(settings):
    assert settings.REPORT_SUBMIT_DAYS_BEFORE_END == 10
    assert submission.opens_on(Q4) == datetime.date(2026, 12, 22)
    assert submission.opens_on(Quarter(2026, 3)) == datetime.date(2026, 9, 21)
    assert not submission.is_open(Q4, datetime.date(2026, 12, 21))
    assert submission.is_open(Q4, datetime.date(2026, 12, 22))
    assert submission.is_open(Q4, datetime.date(2026, 12, 31))
    assert submission.is_open(Q4, datetime.date(2027, 3, 1))  # after the quarter, long after


def test_the_number_of_days_is_a_setting(settings):
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 0  # only once the quarter has ended
    assert submission.opens_on(Q4) == datetime.date(2027, 1, 1)
    assert not submission.is_open(Q4, datetime.date(2026, 12, 31))
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 92  # never before the quarter begins
    assert submission.opens_on(Q4) == datetime.date(2026, 10, 1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "22.12.2026"),
        ("kk", "22.12.2026"),
        ("en", "22.12.2026"),
    ],
)
def test_the_reason_gives_the_date_day_first_in_each_language(language, expected):
    with translation.override(language):
        reason = submission.too_early(Q4)
    assert expected in reason
    assert "12/22/2026" not in reason and "2026-12-22" not in reason


def test_the_reason_is_translated():
    with translation.override("ru"):
        russian = submission.too_early(Q4)
    with translation.override("kk"):
        kazakh = submission.too_early(Q4)
    with translation.override("en"):
        english = submission.too_early(Q4)
    assert "можно подать" in russian
    assert "тапсыруға болады" in kazakh
    assert len({russian, kazakh, english}) == 3


# --- the service ---------------------------------------------------------------------------


def test_submitting_too_early_is_refused_and_changes_nothing(world):
    report = QuarterlyReportFactory(beat=world.beat, year=2026, quarter=4)
    with translation.override("ru"), pytest.raises(publishing.TransitionRefused) as refused:
        publishing.report_submit(report=report, user=world.inspector, now=moment(2026, 12, 21))
    assert refused.value.code == "too_early"
    assert "22.12.2026" in " ".join(refused.value.messages)
    report.refresh_from_db()
    assert (report.status, report.submitted_at) == (ReportStatus.DRAFT, None)


@pytest.mark.parametrize(
    "when",
    [
        moment(2026, 12, 22, 0),  # local midnight of the first day of the window
        moment(2026, 12, 31, 23),
        moment(2027, 2, 10),  # after the quarter ended
    ],
)
def test_submitting_in_the_window_or_after_the_quarter_is_allowed(world, when):
    report = QuarterlyReportFactory(beat=world.beat, year=2026, quarter=4)
    publishing.report_submit(report=report, user=world.inspector, now=when)
    report.refresh_from_db()
    assert (report.status, report.submitted_at) == (ReportStatus.SUBMITTED, when)


def test_the_window_is_counted_in_local_days(world):
    """21 December 19:30 UTC is already 22 December in Almaty."""
    report = QuarterlyReportFactory(beat=world.beat, year=2026, quarter=4)
    when = datetime.datetime(2026, 12, 21, 19, 30, tzinfo=datetime.UTC)
    publishing.report_submit(report=report, user=world.inspector, now=when)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# --- the page and the step ------------------------------------------------------------------


@pytest.fixture
def running(world):
    """A draft of the running quarter (whatever today is)."""
    year, quarter = current_quarter()
    return QuarterlyReportFactory(beat=world.beat, year=year, quarter=quarter)


def test_before_the_window_the_button_is_not_offered_and_the_page_says_when(
    client, world, running, settings
):
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 0  # the running quarter has not ended
    opens = submission.opens_on(Quarter(running.year, running.quarter)).strftime("%d.%m.%Y")
    client.force_login(world.inspector)
    client.cookies["django_language"] = "kk"
    response = client.get(reverse("report-edit", args=[running.pk]))
    assert response.status_code == 200
    assert not response.context["can_submit"]
    html = response.content.decode()
    assert 'id="report-submit"' not in html
    assert 'id="submit-too-early"' in html and opens in html
    assert response.context["editable"]  # the texts can still be written


def test_a_direct_post_before_the_window_is_refused_with_the_translated_reason(
    client, world, running, settings
):
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 0
    opens = submission.opens_on(Quarter(running.year, running.quarter)).strftime("%d.%m.%Y")
    client.force_login(world.inspector)
    for language, words in (("ru", "можно подать"), ("kk", "тапсыруға болады")):
        client.cookies["django_language"] = language
        response = client.post(reverse("report-submit", args=[running.pk]))
        assert response.status_code == 302
        level, text = messages_of(response)[-1]
        assert level == "error" and opens in text and words in text, text
    running.refresh_from_db()
    assert running.status == ReportStatus.DRAFT and running.submitted_at is None


def test_in_the_window_the_inspector_submits(client, world, running, settings):
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 92  # the whole quarter is the window
    client.force_login(world.inspector)
    page = client.get(reverse("report-edit", args=[running.pk]))
    assert page.context["can_submit"] and 'id="report-submit"' in page.content.decode()
    response = client.post(reverse("report-submit", args=[running.pk]))
    assert [level for level, _text in messages_of(response)] == ["success"]
    running.refresh_from_db()
    assert running.status == ReportStatus.SUBMITTED
    assert running.submitted_at <= timezone.now()


def test_a_returned_report_of_a_past_quarter_is_submitted_again(client, world):
    report = QuarterlyReportFactory(
        beat=world.beat, year=2025, quarter=3, status=ReportStatus.RETURNED
    )
    client.force_login(world.inspector)
    client.post(reverse("report-submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_window_does_not_change_who_may_submit(client, world, running, settings):
    settings.REPORT_SUBMIT_DAYS_BEFORE_END = 92
    client.force_login(world.users[Role.SUPERVISOR])
    assert client.post(reverse("report-submit", args=[running.pk])).status_code == 403
    running.refresh_from_db()
    assert running.status == ReportStatus.DRAFT
