"""The daily digest: one e-mail per staff user with what waits for them (their start page's
queue), in their language, with the link to their settings; nothing when they switched it
off, have no address or nothing waits; once a day, from Celery beat or the command."""

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal import digests, tasks
from portal.models import Role
from tests.dates import days
from tests.factories import AppealFactory, CouncilFactory, RecommendationFactory

ROOT = Path(__file__).resolve().parents[2]
TODAY = timezone.localdate


def with_address(user, **fields):
    user.email = f"{user.username}@police.example.kz"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def overdue_appeal(beat, subject="Шум по ночам"):
    return AppealFactory(beat=beat, received_on=days(-20), due_on=days(-4), subject=subject)


def test_the_digest_lists_the_users_queue_in_their_language(world):
    inspector = with_address(world.inspector, language="kk")
    overdue_appeal(world.beat)
    overdue_appeal(world.beat)
    overdue_appeal(world.other_beat)  # not theirs

    assert digests.staff_digests_send() == 1
    (message,) = mail.outbox
    assert message.to == [inspector.email]
    assert message.subject.startswith("Порталда сізді күтіп тұр: ")
    body = message.body
    assert "Сәлеметсіз бе" in body
    assert "* Мерзімі өтіп кеткен өтініштер: жауап беріңіз: 2." in body
    assert days(-4).strftime("%d.%m.%Y") in body
    assert f"http://testserver{reverse('appeal-list')}?overdue=true" in body
    assert f"http://testserver{reverse('my-settings')}" in body
    assert "Auto-Submitted" in message.extra_headers


def test_the_digest_holds_the_same_items_as_the_start_page(client, world):
    inspector = with_address(world.inspector)
    overdue_appeal(world.beat)
    client.force_login(inspector)
    page = client.get(reverse("inspector-home")).content.decode()
    digests.staff_digests_send()
    (message,) = mail.outbox
    assert message.subject.startswith("Вас ждёт на портале: ")
    labels = re.findall(r"^\* (.+): \d+\. ", message.body, re.MULTILINE)
    assert labels and all(label in page for label in labels)
    assert "Просроченные обращения: дайте ответ" in labels


def test_nothing_is_sent_when_switched_off_without_an_address_or_when_nothing_waits(world):
    overdue_appeal(world.beat)
    with_address(world.inspector, wants_digest=False)
    world.users[Role.SUPERVISOR].email = ""  # something waits, but no address
    world.users[Role.SUPERVISOR].save()
    with_address(world.users[Role.COUNCIL_SECRETARY])  # nothing waits
    with_address(world.users[Role.ADMINISTRATOR])  # no queue at all
    assert digests.staff_digests_send() == 0
    assert mail.outbox == []


def test_an_inactive_user_gets_nothing(world):
    overdue_appeal(world.beat)
    with_address(world.inspector, is_active=False)
    assert digests.staff_digests_send() == 0
    assert mail.outbox == []


def test_once_a_day_however_often_it_runs(world):
    secretary = with_address(world.users[Role.COUNCIL_SECRETARY])
    RecommendationFactory(council=CouncilFactory(department=world.department), due_on=days(-3))
    assert digests.staff_digests_send() == 1
    assert digests.staff_digests_send() == 0
    out = io.StringIO()
    call_command("send_staff_digests", stdout=out)
    assert "Digests sent: 0" in out.getvalue()
    assert len(mail.outbox) == 1
    secretary.refresh_from_db()
    assert secretary.digest_sent_on == TODAY()
    # The next morning it goes again.
    assert digests.staff_digests_send(today=TODAY() + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


def test_a_digest_that_could_not_be_sent_is_tried_again(world, monkeypatch):
    secretary = with_address(world.users[Role.COUNCIL_SECRETARY])
    RecommendationFactory(council=CouncilFactory(department=world.department), due_on=days(-3))
    monkeypatch.setattr(digests.mail, "send", lambda messages: 0)  # the mail server is down
    assert digests.staff_digests_send() == 0
    secretary.refresh_from_db()
    assert secretary.digest_sent_on is None
    monkeypatch.undo()
    assert digests.staff_digests_send() == 1


def test_the_command_and_the_periodic_task_send_the_digests(world):
    with_address(world.inspector)
    overdue_appeal(world.beat)
    out = io.StringIO()
    call_command("send_staff_digests", stdout=out)
    assert "Digests sent: 1" in out.getvalue()

    with_address(world.users[Role.SUPERVISOR])  # something waits for them too
    assert tasks.send_staff_digests.delay().get() == 1  # one queued: the inspector had theirs
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.inspector.email, world.users[Role.SUPERVISOR].email]
    )


def test_beat_sends_the_digest_every_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-staff-digests"]
    assert entry["task"] == tasks.send_staff_digests.name == "portal.send_staff_digests"
    assert entry["schedule"].hour == {settings.STAFF_DIGEST_HOUR}
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE


@pytest.mark.parametrize("hour", ["24", "-1", "seven"])
def test_a_bad_digest_hour_stops_the_portal(hour):
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, "DEBUG": "True", "STAFF_DIGEST_HOUR": hour},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "STAFF_DIGEST_HOUR" in result.stderr or "invalid literal" in result.stderr
