"""Administrators read and filter the audit log (its staff page and the Django admin); nobody
edits it through any page, and nobody else reads it. Old entries go after
AUDIT_RETENTION_DAYS."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.display import EVENTS
from audit.retention import purge_expired
from districts.models import Meeting
from portal.models import Role
from tests.factories import AssistantFactory, MeetingFactory, valid_iin
from volunteers.models import Assistant

URL = reverse("audit-log")
A = LogEntry.Action


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    return client


def test_the_page_shows_who_what_when_where_and_each_change(admin_client, world):
    LogEntry.objects.all().delete()
    assistant = AssistantFactory(beat=world.beat, iin=valid_iin(datetime.date(1991, 7, 8)))
    admin_client.get(reverse("assistant-detail", args=[assistant.pk]))  # a view of its data
    assistant.phone = "+7 705 111 22 33"
    assistant.beat = world.colleague_beat
    assistant.status = "active"
    assistant.save()
    response = admin_client.get(URL, headers={"accept-language": "ru"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    rows = response.context["rows"]
    assert [row.entry.action for row in rows] == [A.UPDATE, A.ACCESS, A.CREATE]
    change = {c.label: c for c in rows[0].changes}
    assert change["Телефон"].concealed and not change["Статус"].concealed
    assert (change["Статус"].old, change["Статус"].new) == (
        "Подано заявление в полицию",
        "Действующий",
    )
    assert change["Участок деятельности"].new == str(world.colleague_beat)
    assert rows[1].event == EVENTS["view"]
    assert "127.0.0.1" in html and str(world.users[Role.ADMINISTRATOR]) in html
    for secret in (assistant.iin, "705 111", "ул. Абая"):
        assert secret not in html


def test_filters_narrow_the_log(admin_client, world):
    LogEntry.objects.all().delete()
    meeting = MeetingFactory(beat=world.beat, created_by=world.inspector)
    assistant = AssistantFactory(beat=world.beat)
    LogEntry.objects.update(actor=world.inspector, remote_addr="10.0.0.5")
    admin_client.get(reverse("assistant-detail", args=[assistant.pk]))
    meeting_type = ContentType.objects.get_for_model(Meeting)

    def found(**query):
        response = admin_client.get(URL, query)
        assert response.status_code == 200, response.context["filter"].errors
        return {(row.entry.content_type_id, row.entry.action) for row in response.context["rows"]}

    assert found(kind=meeting_type.pk) == {(meeting_type.pk, A.CREATE)}
    assert found(kind=meeting_type.pk, record=meeting.pk) == {(meeting_type.pk, A.CREATE)}
    assistant_type = ContentType.objects.get_for_model(Assistant).pk
    assert found(what="view") == {(assistant_type, A.ACCESS)}
    assert found(what="export") == set()
    assert found(user=world.inspector.last_name) == {
        (meeting_type.pk, A.CREATE),
        (assistant_type, A.CREATE),
    }
    assert found(address="10.0.0.5") == found(user=world.inspector.username)
    today = timezone.localdate()
    assert len(found(since=today.isoformat(), until=today.isoformat())) == 3
    assert found(until=(today - datetime.timedelta(days=1)).isoformat()) == set()


@pytest.mark.parametrize(
    "query", [{"address": "not-an-ip"}, {"kind": "999999"}, {"what": "drop"}, {"record": "x"}]
)
def test_a_bad_filter_is_refused_with_an_empty_list(admin_client, world, query):
    AssistantFactory(beat=world.beat)
    response = admin_client.get(URL, query)
    assert response.status_code == 400
    assert response.context["rows"] == []


def test_the_page_answers_in_a_fixed_number_of_queries(
    admin_client, world, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            AssistantFactory(beat=world.beat).save()

    fill(3)
    with django_assert_max_num_queries(12) as small:
        admin_client.get(URL)
    fill(20)
    with django_assert_max_num_queries(12) as large:
        admin_client.get(URL)
    assert len(large) == len(small)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_read_the_log(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 302


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_no_page_writes_to_the_log(admin_client, world):
    LogEntry.objects.all().delete()
    AssistantFactory(beat=world.beat)
    entry = LogEntry.objects.get()
    assert admin_client.post(URL, {"what": "create"}).status_code == 405
    changelist = admin_client.get(reverse("admin:auditlog_logentry_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    change_url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    assert admin_client.get(change_url).status_code == 200  # read only
    admin_client.post(change_url, {"object_repr": "forged", "action": A.DELETE})
    delete_url = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    admin_client.post(reverse("admin:auditlog_logentry_changelist"), bulk)
    entry.refresh_from_db()
    assert entry.object_repr != "forged" and entry.action == A.CREATE


def test_entries_past_their_retention_are_purged(world, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    LogEntry.objects.all().delete()
    for _ in range(3):
        AssistantFactory(beat=world.beat)
    old, recent, kept = LogEntry.objects.order_by("pk")
    now = timezone.now()
    LogEntry.objects.filter(pk=old.pk).update(timestamp=now - datetime.timedelta(days=31))
    LogEntry.objects.filter(pk=recent.pk).update(timestamp=now - datetime.timedelta(days=29))
    assert purge_expired() == 1
    assert set(LogEntry.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    LogEntry.objects.filter(pk=recent.pk).update(timestamp=now - datetime.timedelta(days=40))
    call_command("purge_audit_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(LogEntry.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_purge_runs_every_night(settings, db):
    from audit.tasks import purge_expired_entries

    schedule = settings.CELERY_BEAT_SCHEDULE["purge-audit-log"]
    assert schedule["task"] == purge_expired_entries.name
    assert purge_expired_entries.apply().get() == 0


def test_the_menu_links_the_log_for_administrators_only(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    assert URL in client.get(reverse("my-settings")).content.decode()
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert URL not in client.get(reverse("my-settings")).content.decode()
