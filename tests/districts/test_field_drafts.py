"""Drafts sent from a device: stored once by their id, refused with the reason, in scope."""

import datetime
import io
import threading
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from districts import drafts
from districts.drafts import KINDS
from districts.models import (
    Appeal,
    DoorToDoorRound,
    DraftReceipt,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalKind,
)
from districts.views.field import DRAFT_ACTION, DRAFT_ID, DRAFT_VERSION
from portal.models import Role
from tests.dates import days, local_input
from tests.factories import BeatFactory, BeatStreetFactory, ProblemSpotFactory, UserFactory

API = "field-api"


def proposals(*rows):
    data = {
        "proposals-TOTAL_FORMS": str(len(rows)),
        "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0",
        "proposals-MAX_NUM_FORMS": "1000",
    }
    for i, (kind, text) in enumerate(rows):
        data.update({f"proposals-{i}-kind": kind, f"proposals-{i}-text": text})
    return data


def meeting_draft(world, client_id, **overrides):
    """A meeting with two proposals, as the form of /staff/meetings/new/ sends it."""
    data = {
        DRAFT_ID: str(client_id),
        DRAFT_ACTION: reverse("meeting-create"),
        "beat": world.beat.pk,
        "kind": MeetingKind.RESIDENTS,
        "status": MeetingStatus.HELD,
        "held_at": local_input(timezone.now() - datetime.timedelta(hours=2)),
        "place_ru": "Подъезд 3, ул. Абая 12",
        "attendance": "14",
        "topics_ru": "Освещение",
        **proposals(
            (ProposalKind.PROPOSAL, "Поставить фонарь у подъезда"),
            (ProposalKind.PROBLEM, "Подвал открыт"),
        ),
    }
    return {**data, **overrides}


def send(client, data, **headers):
    return client.post(reverse(API), data, **headers)


# --- stored once ---------------------------------------------------------------------------


def test_a_meeting_draft_sent_twice_is_stored_once(inspector_client, world):
    client_id = uuid.uuid4()
    first = send(inspector_client, meeting_draft(world, client_id))
    assert first.status_code == 201
    meeting = Meeting.objects.get()
    assert first.json() == {
        "status": "stored",
        "location": meeting.get_absolute_url(),
        "message": first.json()["message"],
        "again": False,
    }
    assert meeting.created_by == world.inspector
    assert sorted(meeting.proposals.values_list("text", flat=True)) == [
        "Подвал открыт",
        "Поставить фонарь у подъезда",
    ]

    # The answer was lost on the way back: the device sends the same draft again.
    again = send(inspector_client, meeting_draft(world, client_id))
    assert again.status_code == 200
    assert again.json()["location"] == meeting.get_absolute_url()
    assert again.json()["again"] is True
    assert Meeting.objects.count() == 1
    assert Proposal.objects.count() == 2
    assert DraftReceipt.objects.get().client_id == client_id


def test_two_drafts_with_their_own_ids_are_two_records(inspector_client, world):
    for _ in range(2):
        assert send(inspector_client, meeting_draft(world, uuid.uuid4())).status_code == 201
    assert Meeting.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_same_draft_sent_at_once_from_five_tabs_is_stored_once(world):
    client_id = uuid.uuid4()
    barrier = threading.Barrier(5)
    codes = []

    def sender():
        from django.test import Client

        tab = Client()
        tab.force_login(world.inspector)
        barrier.wait()
        codes.append(send(tab, meeting_draft(world, client_id)).status_code)
        connection.close()

    threads = [threading.Thread(target=sender) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200, 200, 200, 200, 201]
    assert Meeting.objects.count() == 1
    assert Proposal.objects.count() == 2


# --- every kind ----------------------------------------------------------------------------


def round_draft(world):
    street = BeatStreetFactory(beat=world.beat)
    return DoorToDoorRound, {
        DRAFT_ACTION: reverse("round-create"),
        "beat": world.beat.pk,
        "date": days(0).isoformat(),
        "apartments_visited": "40",
        "residents_met": "25",
        "streets-TOTAL_FORMS": "1",
        "streets-INITIAL_FORMS": "0",
        "streets-MIN_NUM_FORMS": "0",
        "streets-MAX_NUM_FORMS": "1000",
        "streets-0-street": street.pk,
        "streets-0-houses": "",
    }


def preventive_draft(world):
    return PreventiveVisit, {
        DRAFT_ACTION: reverse("preventive-create"),
        "beat": world.beat.pk,
        "category": PreventiveCategory.FAMILY,
        "date": days(0).isoformat(),
        "address": "ул. Абая, 12, кв. 4",
        "reference": "ПУ-0042",
    }


def appeal_draft(world):
    return Appeal, {
        DRAFT_ACTION: reverse("appeal-create"),
        "beat": world.beat.pk,
        "channel": "phone",
        "received_on": days(0).isoformat(),
        "subject": "Шум по ночам",
        "status": "new",
    }


def measure_draft(world):
    spot = ProblemSpotFactory(beat=world.beat)
    return ProblemMeasure, {
        DRAFT_ACTION: reverse("problem-measure-create", args=[spot.pk]),
        "date": days(0).isoformat(),
        "description": "Написано письмо в акимат об освещении",
    }


@pytest.mark.parametrize("build", [round_draft, preventive_draft, appeal_draft, measure_draft])
def test_each_kind_of_draft_becomes_its_record(inspector_client, world, build):
    model, data = build(world)
    client_id = uuid.uuid4()
    response = send(inspector_client, {**data, DRAFT_ID: str(client_id)})
    assert response.status_code == 201, response.json()
    record = model.objects.get()
    assert response.json()["location"] == record.get_absolute_url()
    again = send(inspector_client, {**data, DRAFT_ID: str(client_id)})
    assert again.status_code == 200
    assert model.objects.count() == 1
    if hasattr(record, "created_by_id"):
        assert record.created_by == world.inspector


def problem_place_draft(world):
    return ProblemSpot, {
        DRAFT_ACTION: reverse("problem-create"),
        "beat": world.beat.pk,
        "kind": ProblemKind.DARK_YARD,
        "address": "Двор дома 14",
        "description": "Нет освещения",
        "status": ProblemStatus.OPEN,
    }


def place_change(spot, **changes):
    data = {
        DRAFT_ID: str(uuid.uuid4()),
        DRAFT_ACTION: reverse("problem-edit", args=[spot.pk]),
        DRAFT_VERSION: KINDS["problem-edit"].version_of(spot),
        "beat": spot.beat_id,
        "kind": spot.kind,
        "address": spot.address,
        "description": spot.description,
        "status": spot.status,
    }
    return {**data, **changes}


def test_a_new_problem_place_from_a_draft(inspector_client, world):
    model, data = problem_place_draft(world)
    response = send(inspector_client, {**data, DRAFT_ID: str(uuid.uuid4())})
    assert response.status_code == 201
    assert model.objects.get().created_by == world.inspector


def test_a_place_resolved_offline_is_resolved_when_the_draft_arrives(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    change = place_change(spot, status=ProblemStatus.RESOLVED, resolved_on=days(0).isoformat())
    response = send(inspector_client, change)
    assert response.status_code == 201, response.json()
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.RESOLVED
    assert spot.history.first().history_user == world.inspector
    # Sent again, the change is not applied twice (nor refused for the new version).
    assert send(inspector_client, change).status_code == 200


def test_a_change_of_a_place_changed_since_is_refused(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    change = place_change(spot, status=ProblemStatus.RESOLVED, resolved_on=days(0).isoformat())
    # Meanwhile a colleague rewrote the description online.
    spot.description = "Освещение починили частично"
    spot._history_user = world.users[Role.SUPERVISOR]
    spot.save()
    response = send(inspector_client, change)
    assert response.status_code == 422
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.OPEN
    assert spot.description == "Освещение починили частично"
    # Without a version, nothing is overwritten either.
    del change[DRAFT_VERSION]
    assert send(inspector_client, {**change, DRAFT_ID: str(uuid.uuid4())}).status_code == 422


def test_a_measure_then_a_change_of_the_same_place_both_offline_are_both_stored(
    inspector_client, world
):
    """The measure puts the open place "under way"; the inspector's own change made on the
    same copy of the page (resolving it) is no conflict."""
    spot = ProblemSpotFactory(beat=world.beat)
    change = place_change(spot, status=ProblemStatus.RESOLVED, resolved_on=days(0).isoformat())
    measure = {
        DRAFT_ID: str(uuid.uuid4()),
        DRAFT_ACTION: reverse("problem-measure-create", args=[spot.pk]),
        "date": days(0).isoformat(),
        "description": "Фонарь заменён",
    }
    assert send(inspector_client, measure).status_code == 201
    assert send(inspector_client, change).status_code == 201
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.RESOLVED


def test_a_change_of_a_place_outside_the_scope_is_refused(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.far_beat)
    response = send(inspector_client, place_change(spot, status=ProblemStatus.IN_WORK))
    assert response.status_code == 422
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.OPEN


def test_a_measure_draft_moves_an_open_place_under_way(inspector_client, world):
    _model, data = measure_draft(world)
    send(inspector_client, {**data, DRAFT_ID: str(uuid.uuid4())})
    assert ProblemMeasure.objects.get().spot.status == ProblemStatus.IN_WORK


# --- refused, with the reason ---------------------------------------------------------------


def test_a_draft_with_bad_input_is_refused_with_the_reasons_and_nothing_is_saved(
    inspector_client, world
):
    client_id = uuid.uuid4()
    bad = meeting_draft(
        world,
        client_id,
        held_at=local_input(timezone.now() + datetime.timedelta(days=2)),
        attendance="",
        **{"proposals-1-kind": "nonsense"},
    )
    with translation.override("kk"):
        response = send(inspector_client, bad, HTTP_ACCEPT_LANGUAGE="kk")
        expected_reason = str(drafts.NOT_ACCEPTED)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "rejected"
    assert body["reason"] == expected_reason
    by_field = {error["field"]: error for error in body["errors"]}
    assert {"held_at", "attendance", "proposals-1-kind"} <= by_field.keys()
    assert all(error["messages"] and error["label"] for error in by_field.values())
    assert Meeting.objects.count() == Proposal.objects.count() == 0
    assert not DraftReceipt.objects.exists()

    # Corrected on the device, the same draft is sent again and stored.
    fixed = send(inspector_client, meeting_draft(world, client_id))
    assert fixed.status_code == 201
    assert Meeting.objects.count() == 1


BEAT_NOT_YOURS = (
    "The beat of this draft is not among your beats: it may have been given to another inspector."
)


def test_a_draft_for_a_beat_given_to_another_inspector_says_so(inspector_client, world):
    data = meeting_draft(world, uuid.uuid4())
    world.beat.inspector = UserFactory(role=Role.INSPECTOR, department=world.department)
    world.beat.save()
    response = send(inspector_client, data)
    assert response.status_code == 422
    body = response.json()
    with translation.override("ru"):
        assert body["reason"] == translation.gettext(BEAT_NOT_YOURS)
    assert [error["field"] for error in body["errors"]] == ["beat"]
    assert not Meeting.objects.exists()


def test_a_beat_id_that_names_no_beat_is_answered_alike(inspector_client, world):
    """Nothing can be learnt of which beats exist outside one's own."""
    answers = [
        send(inspector_client, meeting_draft(world, uuid.uuid4(), beat=beat)).json()
        for beat in (world.far_beat.pk, 987654321, "99999999999999999999999", "x", "²")
    ]
    assert len({(a["reason"], str(a["errors"])) for a in answers}) == 1
    assert not Meeting.objects.exists()


def test_a_draft_the_server_cannot_read_is_refused_in_json(inspector_client, world):
    response = send(inspector_client, meeting_draft(world, uuid.uuid4(), place_ru="Двор\x00"))
    assert response.status_code == 422
    assert response.json()["status"] == "rejected"
    assert [e["field"] for e in response.json()["errors"]] == ["place_ru"]
    assert not Meeting.objects.exists()


def test_a_draft_for_another_beat_is_refused(inspector_client, world):
    response = send(inspector_client, meeting_draft(world, uuid.uuid4(), beat=world.far_beat.pk))
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_a_measure_about_a_place_outside_the_scope_is_refused(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.far_beat)
    data = {
        DRAFT_ID: str(uuid.uuid4()),
        DRAFT_ACTION: reverse("problem-measure-create", args=[spot.pk]),
        "date": days(0).isoformat(),
        "description": "Проверено",
    }
    response = send(inspector_client, data)
    assert response.status_code == 422
    assert response.json()["errors"] == []
    assert not ProblemMeasure.objects.exists()


def test_another_accounts_draft_id_reveals_nothing(client, world):
    client_id = uuid.uuid4()
    client.force_login(world.inspector)
    assert send(client, meeting_draft(world, client_id)).status_code == 201

    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    BeatFactory(police_point=world.point, inspector=colleague)
    client.force_login(colleague)
    response = send(client, meeting_draft(world, client_id))
    assert response.status_code == 422
    assert "location" not in response.json()
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    "action",
    ["/staff/meetings/1/edit/", "/admin/", "/no/such/page/", "", "/staff/prevention/"],
)
def test_only_the_forms_of_new_records_take_drafts(inspector_client, world, action):
    response = send(inspector_client, meeting_draft(world, uuid.uuid4(), **{DRAFT_ACTION: action}))
    assert response.status_code == 422
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("client_id", ["", "not-a-uuid", "1" * 500])
def test_a_draft_without_a_valid_id_is_refused(inspector_client, world, client_id):
    response = send(inspector_client, meeting_draft(world, client_id))
    assert response.status_code == 422
    assert not Meeting.objects.exists()


# --- who may send -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.COUNCIL_SECRETARY, Role.AKIMAT_REGISTRAR])
def test_only_those_who_record_work_may_send_drafts(client, world, role):
    client.force_login(world.users[role])
    assert send(client, meeting_draft(world, uuid.uuid4())).status_code == 403
    assert client.get(reverse(API)).status_code == 403
    assert not Meeting.objects.exists()


def test_a_signed_out_device_is_sent_to_sign_in(client, world):
    response = send(client, meeting_draft(world, uuid.uuid4()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Meeting.objects.exists()


def test_the_api_says_who_is_signed_in_and_what_to_keep(inspector_client, world):
    open_spot = ProblemSpotFactory(beat=world.beat)
    resolved = ProblemSpotFactory(
        beat=world.beat, status=ProblemStatus.RESOLVED, resolved_on=days(-1)
    )
    others = ProblemSpotFactory(beat=world.colleague_beat)
    body = inspector_client.get(reverse(API)).json()
    assert body["user"] == world.inspector.pk
    assert body["csrf"]
    pages = body["pages"]
    assert reverse("inspector-home") in pages
    assert reverse("staff-beat-detail", args=[world.beat.code]) in pages
    assert reverse("staff-beat-detail", args=[world.colleague_beat.code]) not in pages
    assert reverse("problem-detail", args=[open_spot.pk]) in pages
    assert reverse("problem-detail", args=[resolved.pk]) not in pages
    assert reverse("problem-detail", args=[others.pk]) not in pages
    assert reverse("meeting-create") in pages
    # Preventive visits, appeals and the register are never kept.
    assert not [page for page in pages if "prevention/" in page and not page.endswith("/new/")]
    assert reverse("appeal-list") not in pages


def test_receipts_are_forgotten_after_ninety_days(inspector_client, world):
    from districts import tasks
    from districts.services.drafts import KEEP_RECEIPTS

    send(inspector_client, meeting_draft(world, uuid.uuid4()))
    send(inspector_client, meeting_draft(world, uuid.uuid4()))
    old = DraftReceipt.objects.order_by("pk").first()
    DraftReceipt.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP_RECEIPTS - datetime.timedelta(minutes=1)
    )
    assert tasks.forget_old_draft_receipts() == 1
    assert list(DraftReceipt.objects.all()) != [old] and DraftReceipt.objects.count() == 1
    assert Meeting.objects.count() == 2  # the records stay, of course
    out = io.StringIO()
    call_command("forget_old_draft_receipts", stdout=out)  # cron's way: nothing old is left
    assert out.getvalue().strip().endswith(": 0")


# --- a form whose sending seemed to fail -----------------------------------------------------


def test_a_draft_of_a_form_that_reached_the_server_after_all_is_not_stored_twice(
    inspector_client, world
):
    # The phone sent the form (its `_once` token is the draft's id), but the answer never
    # came back: the service worker kept a draft of it, which is sent when the signal returns.
    token = str(uuid.uuid4())
    data = meeting_draft(world, token)
    form = {k: v for k, v in data.items() if k not in (DRAFT_ID, DRAFT_ACTION)}
    posted = inspector_client.post(reverse("meeting-create"), {**form, "_once": token})
    assert posted.status_code == 302
    meeting = Meeting.objects.get()

    response = send(inspector_client, data)
    assert response.status_code == 200
    assert response.json()["location"] == meeting.get_absolute_url() == posted.url
    assert Meeting.objects.count() == 1
    assert not DraftReceipt.objects.exists()


def test_a_draft_of_a_form_still_being_handled_is_sent_again_later(inspector_client, world):
    from portal.models import SubmittedForm

    token = str(uuid.uuid4())
    SubmittedForm.objects.create(token=f"{world.inspector.pk}:{token}")  # handled right now
    response = send(inspector_client, meeting_draft(world, token))
    assert response.status_code == 409
    assert not Meeting.objects.exists()


def test_the_form_arriving_after_its_draft_was_stored_is_not_stored_again(inspector_client, world):
    # The phone gave up waiting for the form, and its draft got through first.
    token = str(uuid.uuid4())
    data = meeting_draft(world, token)
    stored = send(inspector_client, data)
    assert stored.status_code == 201
    form = {k: v for k, v in data.items() if k not in (DRAFT_ID, DRAFT_ACTION)}
    late = inspector_client.post(reverse("meeting-create"), {**form, "_once": token})
    assert late.status_code == 303
    assert late.url == stored.json()["location"]
    assert Meeting.objects.count() == 1


def test_a_forms_token_is_remembered_for_its_draft_for_days(inspector_client, world):
    from portal import once

    token = str(uuid.uuid4())
    data = meeting_draft(world, token)
    form = {k: v for k, v in data.items() if k not in (DRAFT_ID, DRAFT_ACTION)}
    inspector_client.post(reverse("meeting-create"), {**form, "_once": "an-ordinary-token"})
    inspector_client.post(reverse("meeting-create"), {**form, "_once": token})
    assert once.forget_old_submissions(now=timezone.now() + datetime.timedelta(days=2)) == 1
    assert send(inspector_client, data).status_code == 200
    assert Meeting.objects.count() == 2
    assert once.forget_old_submissions(now=timezone.now() + datetime.timedelta(days=91)) == 1


def test_another_users_form_token_does_not_answer_for_a_draft(inspector_client, world):
    from portal.models import SubmittedForm

    token = str(uuid.uuid4())
    other = world.users[Role.SUPERVISOR]
    SubmittedForm.objects.create(token=f"{other.pk}:{token}", location="/staff/meetings/999999/")
    response = send(inspector_client, meeting_draft(world, token))
    assert response.status_code == 201
    assert response.json()["location"] != "/staff/meetings/999999/"
