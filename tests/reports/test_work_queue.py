"""Reports in the queues — the inspector's returned reports with the supervisor's comments, the
supervisor's reports to review — and the e-mail the inspector gets at once, after the commit,
when the supervisor returns their report."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal import work_queues
from portal.models import Role
from portal.periods import Quarter
from portal.work_queues import TO_DO
from reports.models import ReportStatus
from reports.tasks import send_report_returned
from tests.clients import as_role
from tests.factories import BeatFactory, PolicePointFactory, QuarterlyReportFactory
from tests.queues import by_key, queue_items

COMMENT = "Добавьте итоги рейдов и дату следующей встречи."


def report(beat, status, quarter=3, **kwargs):
    return QuarterlyReportFactory(beat=beat, year=2026, quarter=quarter, status=status, **kwargs)


def queue(world, role):
    return by_key(work_queues.queue_for(world.users[role]))


# --- the queues --------------------------------------------------------------------------------


def test_inspector_sees_each_returned_report_with_the_comments(world):
    mine = report(world.beat, ReportStatus.RETURNED, supervisor_comment=COMMENT)
    report(world.beat, ReportStatus.SUBMITTED, quarter=2)
    report(world.colleague_beat, ReportStatus.RETURNED, supervisor_comment="Чужой")
    report(world.other_beat, ReportStatus.RETURNED, supervisor_comment="Чужой")

    items = queue(world, Role.INSPECTOR)
    returned = [key for key in items if key.startswith("report-returned-")]
    assert returned == [f"report-returned-{mine.pk}"]
    item = items[returned[0]]
    assert (item.count, item.severity, item.due) == (1, TO_DO, None)
    assert item.detail == COMMENT
    assert item.url == reverse("report-edit", args=[mine.pk])
    assert Quarter(2026, 3).label in item.label


def test_supervisor_sees_the_departments_reports_awaiting_review(world):
    report(world.beat, ReportStatus.SUBMITTED, submitted_at=timezone.now())
    report(world.colleague_beat, ReportStatus.SUBMITTED, submitted_at=timezone.now())
    report(world.beat, ReportStatus.DRAFT, quarter=2)
    report(world.other_beat, ReportStatus.SUBMITTED)
    report(world.far_beat, ReportStatus.SUBMITTED)

    item = queue(world, Role.SUPERVISOR)["reports-to-review"]
    assert item.count == 2
    assert item.url == reverse("report-list") + "?status=submitted"
    assert "reports-to-review" not in queue(world, Role.INSPECTOR)


def test_the_review_link_lists_the_same_reports(client, world):
    waiting = report(world.beat, ReportStatus.SUBMITTED)
    report(world.colleague_beat, ReportStatus.PUBLISHED)
    url = queue(world, Role.SUPERVISOR)["reports-to-review"].url
    response = as_role(client, world, Role.SUPERVISOR).get(url)
    assert list(response.context["object_list"]) == [waiting]


def test_the_report_queues_cost_a_flat_number_of_queries(world, django_assert_max_num_queries):
    point = PolicePointFactory(department=world.department)

    def grow(n):
        for _ in range(n):
            beat = BeatFactory(police_point=point, inspector=world.inspector)
            report(beat, ReportStatus.RETURNED, supervisor_comment=COMMENT)
            report(beat, ReportStatus.SUBMITTED, quarter=2, submitted_at=timezone.now())

    def measure(role):
        with django_assert_max_num_queries(40) as captured:
            work_queues.queue_for(world.users[role])
        return len(captured)

    grow(1)
    small = [measure(Role.INSPECTOR), measure(Role.SUPERVISOR)]
    grow(5)
    assert [measure(Role.INSPECTOR), measure(Role.SUPERVISOR)] == small


# --- the e-mail of a returned report -----------------------------------------------------------


@pytest.fixture
def submitted(world):
    world.inspector.email = "inspector@police.example.kz"
    world.inspector.save()
    return report(world.beat, ReportStatus.SUBMITTED, submitted_at=timezone.now())


def return_it(client, world, submitted, comment=COMMENT):
    as_role(client, world, Role.SUPERVISOR)
    return client.post(reverse("report-return", args=[submitted.pk]), {"comment": comment})


def test_the_inspector_is_emailed_once_after_the_commit(
    client, world, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert return_it(client, world, submitted).status_code == 302
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["inspector@police.example.kz"]
    assert "возвращён" in message.subject
    assert COMMENT in message.body
    assert f"http://testserver{reverse('report-edit', args=[submitted.pk])}" in message.body
    assert reverse("my-settings") in message.body
    assert world.users[Role.SUPERVISOR].display_name in message.body

    # A second return is refused (the report is no longer submitted): no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, world, submitted, "Ещё раз")
    assert len(mail.outbox) == 1
    assert queue(world, Role.INSPECTOR)[f"report-returned-{submitted.pk}"].detail == COMMENT


def test_the_email_is_in_the_inspectors_language(
    client, world, submitted, django_capture_on_commit_callbacks
):
    world.inspector.language = "kk"
    world.inspector.save()
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, world, submitted)
    (message,) = mail.outbox
    assert "қайтарылды" in message.subject
    assert "Сәлеметсіз бе" in message.body


def test_nothing_is_sent_without_an_address_or_when_the_return_fails(
    client, world, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = return_it(client, world, submitted, comment="   ")
    assert response.status_code == 200  # the comment is required: nothing returned
    assert mail.outbox == []
    world.inspector.email = ""
    world.inspector.save()
    with django_capture_on_commit_callbacks(execute=True):
        return_it(client, world, submitted)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    assert mail.outbox == []


def test_a_report_submitted_again_before_the_task_runs_is_not_announced(world, submitted):
    assert send_report_returned(submitted.pk) == 0  # still submitted, never returned
    assert mail.outbox == []


def test_the_returned_page_offers_the_queue_item_to_the_inspector(client, world, submitted):
    return_it(client, world, submitted)
    response = as_role(client, world, Role.INSPECTOR).get(reverse("inspector-home"))
    assert (f"report-returned-{submitted.pk}", 1, "to_do") in queue_items(response)
    assert COMMENT in response.content.decode()
