"""An appeal not answered by its due date is escalated to the supervisors of its department:
once, with the moment recorded, and an e-mail sent at once after the commit."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from districts import tasks
from districts.models import Appeal, AppealStatus
from districts.services.escalation import appeals_escalate
from portal.models import Role
from tests.dates import days
from tests.factories import AppealFactory, UserFactory


def appeal(beat, due_in, **kwargs):
    due_on = days(due_in)
    received = min(due_on - datetime.timedelta(days=15), timezone.localdate())
    return AppealFactory(beat=beat, received_on=received, due_on=due_on, **kwargs)


@pytest.fixture
def supervisor(world):
    user = world.users[Role.SUPERVISOR]
    user.email = "head@police.example.kz"
    user.save()
    return user


def escalated_ids():
    return set(Appeal.objects.exclude(escalated_at=None).values_list("pk", flat=True))


def test_only_open_appeals_past_their_due_date_are_escalated(world, supervisor):
    late = appeal(world.beat, -1)
    older = appeal(world.colleague_beat, -10, status=AppealStatus.IN_WORK)
    appeal(world.beat, 0)  # due today: still in time
    appeal(world.beat, 5)
    appeal(world.beat, -3, status=AppealStatus.ANSWERED, answer="Ответ", answered_on=days(-4))
    now = timezone.now()
    assert sorted(appeals_escalate(now=now)) == sorted([late.pk, older.pk])
    assert escalated_ids() == {late.pk, older.pk}
    late.refresh_from_db()
    assert late.escalated_at == now


def test_the_supervisors_are_emailed_once_after_the_commit(
    world, supervisor, django_capture_on_commit_callbacks
):
    late = appeal(world.beat, -2, subject="Шум во дворе по ночам")
    other_head = UserFactory(
        role=Role.SUPERVISOR, department=world.other_department, email="other@police.example.kz"
    )
    second_head = UserFactory(
        role=Role.SUPERVISOR, department=world.department, email="deputy@police.example.kz"
    )
    UserFactory(role=Role.SUPERVISOR, department=world.department, email="")  # no address
    world.inspector.email = "inspector@police.example.kz"
    world.inspector.save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        appeals_escalate()
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [second_head.email, supervisor.email]
    message = next(m for m in mail.outbox if m.to == [supervisor.email])
    assert "Шум во дворе по ночам" in message.body
    assert f"http://testserver{reverse('appeal-edit', args=[late.pk])}" in message.body
    assert world.inspector.display_name in message.body
    assert reverse("my-settings") in message.body
    assert other_head.email not in [m.to[0] for m in mail.outbox]

    # Run again, by the task or the command: nothing new, no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_overdue_appeals.delay().get() == 0
        out = io.StringIO()
        call_command("escalate_overdue_appeals", stdout=out)
    assert "0" in out.getvalue()
    assert len(mail.outbox) == 2


def test_one_email_per_supervisor_lists_the_departments_new_escalations(
    world, supervisor, django_capture_on_commit_callbacks
):
    appeal(world.beat, -1)
    appeal(world.colleague_beat, -4)
    appeal(world.other_beat, -4)  # another department: not this supervisor's
    with django_capture_on_commit_callbacks(execute=True):
        appeals_escalate()
    (message,) = mail.outbox
    assert message.subject == "2 обращения переданы вам: нет ответа в срок"
    # Later, one more becomes overdue: only that one is announced.
    later = appeal(world.beat, -1, subject="Новое просроченное")
    with django_capture_on_commit_callbacks(execute=True):
        assert appeals_escalate() == [later.pk]
    assert len(mail.outbox) == 2
    assert "Новое просроченное" in mail.outbox[1].body
    assert mail.outbox[1].subject.startswith("1 обращение")


def test_the_email_is_in_the_supervisors_language(
    world, supervisor, django_capture_on_commit_callbacks
):
    supervisor.language = "kk"
    supervisor.save()
    appeal(world.beat, -1)
    with django_capture_on_commit_callbacks(execute=True):
        appeals_escalate()
    (message,) = mail.outbox
    assert message.subject == "Сізге өтініш жіберілді: мерзімінде жауап берілмеген"
    assert "Сәлеметсіз бе" in message.body
    assert days(-1).strftime("%d.%m.%Y") in message.body  # day-first in Kazakh too


def test_an_appeal_answered_before_the_email_goes_is_left_out(world, supervisor):
    late = appeal(world.beat, -1)
    appeals_escalate()
    Appeal.objects.filter(pk=late.pk).update(status=AppealStatus.ANSWERED)
    assert tasks.send_escalation_notices([late.pk]) == 0
    assert mail.outbox == []


def test_beat_runs_it_every_hour(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["escalate-overdue-appeals"]
    assert schedule["task"] == tasks.escalate_overdue_appeals.name
    assert tasks.escalate_overdue_appeals.name == "districts.escalate_overdue_appeals"
