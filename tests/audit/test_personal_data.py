"""Views and exports of an assistant's unmasked personal data leave an entry in the audit
log, one per person: the record page (and its edit form), the photo, the register export and
a printed certificate with the photo. Masked pages and exports leave none."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.factories import AssistantFactory, valid_iin
from tests.uploads import png_bytes
from volunteers.services import lifecycle

A = LogEntry.Action


def seen(assistant=None, event=None):
    found = LogEntry.objects.filter(action=A.ACCESS)
    if assistant is not None:
        found = found.filter(object_pk=str(assistant.pk))
    if event is not None:
        found = found.filter(additional_data__event=event)
    return found


def person(world, beat=None, n=1, **fields):
    iin = valid_iin(datetime.date(1988, 2, 3), "F", start=n * 5)
    return AssistantFactory(beat=beat or world.beat, iin=iin, **fields)


def signed_in(client, world, role):
    client.force_login(world.users[role])
    return client


@pytest.fixture
def assistant(world):
    return person(world, status="active")


def test_the_record_page_for_the_registrar_is_logged(client, world, assistant):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    signed_in(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("assistant-detail", args=[assistant.pk]))
    assert response.status_code == 200 and assistant.iin in response.content.decode()
    (entry,) = seen(assistant)
    assert (entry.actor, entry.remote_addr) == (registrar, "127.0.0.1")
    assert entry.additional_data == {"event": "view"}
    assert entry.object_repr == str(assistant) and entry.changes is None
    client.get(reverse("assistant-edit", args=[assistant.pk]))
    assert seen(assistant, "view").count() == 2


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_masked_record_pages_are_not_logged(client, world, assistant, role):
    response = signed_in(client, world, role).get(reverse("assistant-detail", args=[assistant.pk]))
    assert response.status_code == 200 and assistant.iin not in response.content.decode()
    assert not seen().exists()


def test_the_photo_is_logged_only_when_served(client, world):
    with_photo = person(world)
    with_photo.photo.save("p.png", ContentFile(png_bytes()), save=True)
    url = reverse("assistant-photo", args=[with_photo.pk])
    # The police are sent back to the record: nothing shown, nothing logged.
    assert signed_in(client, world, Role.INSPECTOR).get(url).status_code == 302
    assert not seen().exists()
    response = signed_in(client, world, Role.AKIMAT_REGISTRAR).get(url)
    assert response.status_code == 200
    assert list(seen(with_photo).values_list("additional_data__event", flat=True)) == ["photo"]


def test_an_export_with_personal_data_logs_each_person_once(client, world):
    mine = [person(world, n=n) for n in range(1, 4)]
    elsewhere = person(world, beat=world.other_beat, n=9)
    signed_in(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse("register-export") + "?format=xlsx")
    assert response.status_code == 200
    entries = seen(event="export")
    assert sorted(int(e.object_pk) for e in entries) == sorted(a.pk for a in mine)
    assert {e.additional_data["format"] for e in entries} == {"xlsx"}
    assert len({e.cid for e in entries}) == 1  # one export, one correlation id
    assert not seen(elsewhere).exists()


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.REGIONAL_REGISTRAR])
def test_a_masked_export_is_not_logged(client, world, role):
    person(world)
    response = signed_in(client, world, role).get(reverse("register-export") + "?format=csv")
    assert response.status_code == 200
    assert not seen().exists()


def test_a_printed_certificate_is_logged_only_with_the_photo(client, world):
    plain = person(world, status="registered", n=1)
    pictured = person(world, status="registered", n=2)
    pictured.photo.save("p.png", ContentFile(png_bytes((60, 80))), save=True)
    today = timezone.localdate()
    first = lifecycle.certificate_issue(assistant=plain, user=None, issued_on=today)
    second = lifecycle.certificate_issue(assistant=pictured, user=None, issued_on=today)
    signed_in(client, world, Role.AKIMAT_REGISTRAR)
    assert client.get(reverse("certificate-pdf", args=[first.pk])).status_code == 200
    assert not seen().exists()
    assert client.get(reverse("certificate-pdf", args=[second.pk])).status_code == 200
    assert list(seen().values_list("object_pk", "additional_data__event")) == [
        (str(pictured.pk), "certificate")
    ]
    batch = reverse("certificate-batch-pdf") + f"?ids={first.pk},{second.pk}"
    assert client.get(batch).status_code == 200
    assert seen(pictured).count() == 2 and not seen(plain).exists()


def test_the_register_list_and_an_outsiders_guess_log_nothing(client, world, assistant):
    outsider = world.users[Role.AKIMAT_REGISTRAR]
    outsider.area = world.other_area
    outsider.save()
    signed_in(client, world, Role.AKIMAT_REGISTRAR)
    assert client.get(reverse("assistant-detail", args=[assistant.pk])).status_code == 404
    assert client.get(reverse("assistant-list")).status_code == 200
    assert not seen().exists()


def test_a_page_of_the_register_logs_each_person_whose_iin_it_shows(client, world, assistant):
    other = person(world, beat=world.colleague_beat, n=2)
    far = person(world, beat=world.other_beat, n=3)
    signed_in(client, world, Role.INSPECTOR).get(reverse("assistant-list"))
    assert not seen().exists()  # masked: nothing shown
    response = signed_in(client, world, Role.AKIMAT_REGISTRAR).get(reverse("assistant-list"))
    assert assistant.iin in response.content.decode()
    assert {int(pk) for pk in seen(event="list").values_list("object_pk", flat=True)} == {
        assistant.pk,
        other.pk,
    }
    assert not seen(far).exists()


def test_a_look_up_by_iin_is_logged_for_the_records_it_found_without_the_iin(client, world):
    assistant = person(world)
    signed_in(client, world, Role.AKIMAT_REGISTRAR)
    response = client.post(reverse("assistant-find-by-iin"), {"iin": assistant.iin})
    assert response.status_code == 302
    (entry,) = seen(assistant, "lookup")
    assert entry.actor == world.users[Role.AKIMAT_REGISTRAR]
    assert assistant.iin not in str(LogEntry.objects.values_list())
    client.post(reverse("assistant-find-by-iin"), {"iin": valid_iin(datetime.date(1970, 1, 1))})
    assert seen(event="lookup").count() == 1  # nothing found, nobody's data shown
