"""The audit log of changes: every create, change and delete of register, workspace, report
and council records — through their pages, the Django admin and bulk writes alike — with
the user, the time, the client address and each changed field; personal data as "changed"
without its values."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from audit.registry import CONCEALED, audited_models
from councils.models import PartnerKind, PartnerOrganization
from districts.models import (
    Appeal,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Proposal,
    ResidentSubmission,
)
from districts.services.escalation import appeals_escalate
from portal.models import Role
from reports.models import OffenceCategory, OffenceStatistic
from tests.dates import local_input
from tests.factories import (
    AppealFactory,
    AssistantFactory,
    DutyFactory,
    MeetingFactory,
    PartnerFactory,
    ProposalFactory,
    active_assistant,
    valid_iin,
)
from tests.uploads import to_csv
from volunteers.models import Assistant, Duty
from volunteers.services.registry_import import import_file

A = LogEntry.Action
ADDRESS = "192.0.2.17"


def entries(obj_or_model, action=None):
    found = LogEntry.objects.get_for_model(
        obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    )
    if not isinstance(obj_or_model, type):
        found = found.filter(object_pk=str(obj_or_model.pk))
    if action is not None:
        found = found.filter(action=action)
    return found.order_by("pk")


def only(obj_or_model, action):
    (entry,) = entries(obj_or_model, action)
    return entry


def signed_in(client, user):
    client.force_login(user)
    client.defaults["REMOTE_ADDR"] = ADDRESS
    return client


def admin_delete(client, world, obj):
    signed_in(client, world.users[Role.ADMINISTRATOR])
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def assert_by(entry, user):
    assert entry.actor == user
    assert entry.remote_addr == ADDRESS
    assert timezone.now() - entry.timestamp < datetime.timedelta(minutes=1)


# --- the inspector's workspace (districts) ----------------------------------------------------


def meeting_data(world, **changes):
    data = {
        "beat": world.beat.pk,
        "kind": MeetingKind.RESIDENTS,
        "status": MeetingStatus.HELD,
        "held_at": local_input(timezone.localtime() - datetime.timedelta(hours=2)),
        "place_ru": "Двор дома 12 по ул. Абая",
        "attendance": "30",
        "topics_ru": "Освещение",
        "proposals-TOTAL_FORMS": "0",
        "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0",
        "proposals-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_workspace_create_change_and_delete_are_logged_with_user_address_and_fields(client, world):
    signed_in(client, world.inspector)
    assert client.post(reverse("meeting-create"), meeting_data(world)).status_code == 302
    meeting = Meeting.objects.get()
    created = only(meeting, A.CREATE)
    assert_by(created, world.inspector)
    assert created.changes["place"] == [None, "Двор дома 12 по ул. Абая"]
    assert created.changes["beat"] == [None, world.beat.pk]

    proposal = ProposalFactory(beat=world.beat, meeting=meeting, text="Фонари")
    data = meeting_data(world, place_ru="Школа № 5")
    data.update(
        {
            "proposals-TOTAL_FORMS": "1",
            "proposals-INITIAL_FORMS": "1",
            "proposals-0-id": str(proposal.pk),
            "proposals-0-kind": proposal.kind,
            "proposals-0-text": proposal.text,
            "proposals-0-DELETE": "on",
        }
    )
    response = client.post(reverse("meeting-edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    changed = only(meeting, A.UPDATE)
    assert_by(changed, world.inspector)
    assert changed.changes == {
        "place": ["Двор дома 12 по ул. Абая", "Школа № 5"],
        "place_ru": ["Двор дома 12 по ул. Абая", "Школа № 5"],
    }
    deleted = only(proposal, A.DELETE)
    assert_by(deleted, world.inspector)
    assert deleted.changes["text"] == ["Фонари", None]
    assert deleted.cid == changed.cid  # one request, one correlation id


def test_a_save_that_changes_nothing_logs_nothing(client, world):
    meeting = MeetingFactory(beat=world.beat, created_by=world.inspector)
    before = LogEntry.objects.count()
    meeting.save()
    assert LogEntry.objects.count() == before


# --- the register (volunteers) ----------------------------------------------------------------


def application(world, iin):
    today = timezone.localdate().isoformat()
    return {
        "last_name": "Нурланов",
        "first_name": "Ержан",
        "iin": iin,
        "phone": "+7 701 000 00 11",
        "address": "ул. Абая, 1",
        "beat": world.beat.pk,
        "forms": ["patrols"],
        "applied_on": today,
        "consent": "on",
        "consent_given_on": today,
    }


def test_register_records_are_logged_and_personal_data_only_as_changed(client, world):
    iin = valid_iin(datetime.date(1992, 5, 17), "M", start=7)
    signed_in(client, world.inspector)
    assert client.post(reverse("assistant-apply"), application(world, iin)).status_code == 302
    assistant = Assistant.objects.get()
    created = only(assistant, A.CREATE)
    assert_by(created, world.inspector)
    assert created.changes["last_name"] == [None, "Нурланов"]
    assert created.changes["forms"] == [None, ["patrols"]]
    for field in ("iin", "phone", "address", "birth_date", "sex"):
        assert created.changes[field] == [CONCEALED, CONCEALED]

    registrar = world.users[Role.AKIMAT_REGISTRAR]
    signed_in(client, registrar)
    contact = {"phone": "+7 777 999 88 77", "address": "мкр. Самал-2, 5", "forms": ["raids"]}
    contact["beat"] = world.colleague_beat.pk
    response = client.post(reverse("assistant-edit", args=[assistant.pk]), contact)
    assert response.status_code == 302
    changed = only(assistant, A.UPDATE)
    assert_by(changed, registrar)
    assert changed.changes == {
        "phone": [CONCEALED, CONCEALED],
        "address": [CONCEALED, CONCEALED],
        "forms": [["patrols"], ["raids"]],
        "beat": [world.beat.pk, world.colleague_beat.pk],
    }
    # No personal value anywhere in the log, not even in its other columns.
    text = json.dumps(list(LogEntry.objects.values()), default=str)
    for secret in (iin, iin[-4:] + '"', "701 000", "999 88", "Абая, 1", "Самал", "1992-05-17"):
        assert secret not in text


def test_the_admin_deleting_a_register_record_is_logged(client, world):
    duty = DutyFactory(assistant=active_assistant(world.beat), beat=world.beat)
    admin_delete(client, world, duty)
    deleted = only(duty, A.DELETE)
    assert_by(deleted, world.users[Role.ADMINISTRATOR])
    assert deleted.changes["hours"][1] is None


def test_an_imported_register_is_logged_with_the_registrar(world):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    iin = valid_iin(datetime.date(1990, 3, 3), "F", start=11)
    header = ["Фамилия", "Имя", "ИИН", "Телефон", "Адрес", "Район", "Участок", "Формы участия"]
    header += ["Дата заявления", "Согласие"]
    row = ["Ахметова", "Айгуль", iin, "+7 701 555 44 33", "ул. Байтурсынова, 3"]
    row += [world.area.name, world.beat.code, "Патрулирование", "01.03.2024", "01.03.2024"]
    result, created = import_file(registrar, to_csv(header, [row]))
    assert not result.bad and len(created) == 1
    entry = only(created[0], A.CREATE)
    assert entry.actor == registrar
    assert entry.changes["iin"] == [CONCEALED, CONCEALED]
    assert entry.changes["last_name"] == [None, "Ахметова"]
    assert iin not in json.dumps(entry.changes)


# --- reports ----------------------------------------------------------------------------------


def statistics_url(world):
    return f"{reverse('statistics-edit')}?beat={world.beat.pk}&year=2024&quarter=2"


def test_statistics_created_changed_and_removed_are_logged(client, world):
    signed_in(client, world.inspector)
    theft = OffenceCategory.objects.get(code="theft")
    client.post(statistics_url(world), {"count_theft": "4"})
    value = OffenceStatistic.objects.get(category=theft)
    assert_by(only(value, A.CREATE), world.inspector)
    client.post(statistics_url(world), {"count_theft": "6"})
    changed = only(value, A.UPDATE)
    assert_by(changed, world.inspector)
    assert changed.changes == {"count": [4, 6]}
    client.post(statistics_url(world), {"count_theft": ""})
    assert not OffenceStatistic.objects.exists()
    assert_by(only(value, A.DELETE), world.inspector)


# --- councils ---------------------------------------------------------------------------------


def partner_data(world, **changes):
    data = {
        "kind": PartnerKind.SCHOOL,
        "name": "Школа-гимназия № 120",
        "area": world.area.pk,
        "beats": [world.beat.pk],
        "contact_person": "Директор",
        "phone": "+7 727 300 00 00",
    }
    data.update(changes)
    return data


def test_council_records_created_changed_and_deleted_are_logged(client, world):
    secretary = world.users[Role.COUNCIL_SECRETARY]
    signed_in(client, secretary)
    assert client.post(reverse("partner-create"), partner_data(world)).status_code == 302
    partner = PartnerOrganization.objects.get()
    assert_by(only(partner, A.CREATE), secretary)
    beats = [e.changes for e in entries(partner, A.UPDATE) if "beats" in e.changes]
    assert beats == [{"beats": {"type": "m2m", "operation": "add", "objects": [str(world.beat)]}}]

    url = reverse("partner-edit", args=[partner.pk])
    response = client.post(url, partner_data(world, name="Гимназия № 120"))
    assert response.status_code == 302
    renamed = [e for e in entries(partner, A.UPDATE) if "name" in e.changes]
    assert [e.changes["name"] for e in renamed] == [["Школа-гимназия № 120", "Гимназия № 120"]]
    assert_by(renamed[0], secretary)

    admin_delete(client, world, PartnerFactory(area=world.area))
    assert LogEntry.objects.filter(action=A.DELETE).count() == 1


# --- writes without model signals, and the client address -------------------------------------


def test_the_hourly_escalation_is_logged_as_the_systems_change(world):
    appeal = AppealFactory(
        beat=world.beat,
        received_on=timezone.localdate() - datetime.timedelta(days=40),
        due_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    assert appeals_escalate() == [appeal.pk]
    entry = only(appeal, A.UPDATE)
    assert entry.actor is None and entry.remote_addr is None
    escalated_at = Appeal.objects.get(pk=appeal.pk).escalated_at
    assert entry.changes["escalated_at"][0] is None
    assert entry.changes["escalated_at"][1].startswith(
        timezone.make_naive(escalated_at, datetime.UTC).isoformat(sep=" ")[:16]
    )


def test_the_address_is_the_connections_not_a_forwarded_header(client, world):
    signed_in(client, world.inspector)
    client.post(
        reverse("meeting-create"),
        meeting_data(world),
        headers={"x-forwarded-for": "203.0.113.9", "x-forwarded-port": "4444"},
    )
    entry = only(Meeting.objects.get(), A.CREATE)
    assert (entry.remote_addr, entry.remote_port) == (ADDRESS, None)


def test_every_app_named_in_the_issue_is_audited():
    labels = {model._meta.app_label for model in audited_models()}
    assert {"volunteers", "districts", "reports", "councils", "portal"} <= labels
    names = {model._meta.label for model in audited_models()}
    for label in ("volunteers.Assistant", "volunteers.Certificate", "volunteers.Volunteer"):
        assert label in names
    for label in ("volunteers.Training", "volunteers.Duty", "volunteers.Encouragement"):
        assert label in names
    for label in ("districts.Meeting", "districts.DoorToDoorRound", "districts.PreventiveVisit"):
        assert label in names
    for label in ("districts.Appeal", "districts.ChecklistMark", "districts.ProblemSpot"):
        assert label in names
    assert "districts.WorkPlanItem" in names and "reports.QuarterlyReport" in names


def test_the_assistants_concealed_fields_cover_the_privacy_modules_personal_fields():
    from audit.registry import concealed_fields
    from volunteers.privacy import PERSONAL_FIELDS

    assert set(concealed_fields(Assistant)) >= PERSONAL_FIELDS


@pytest.mark.parametrize("model", [Assistant, Duty, Proposal])
def test_registered_models_are_in_auditlogs_registry(model):
    from auditlog.registry import auditlog

    assert auditlog.contains(model)


def test_a_user_given_another_role_is_logged_and_a_new_password_only_as_changed(client, world):
    target = world.users[Role.SUPERVISOR]
    LogEntry.objects.all().delete()
    target.role = Role.ADMINISTRATOR
    target.set_password("another-secret-123")
    target.save()
    entry = only(target, A.UPDATE)
    assert entry.changes["role"] == [Role.SUPERVISOR, Role.ADMINISTRATOR]
    assert entry.changes["password"] == [CONCEALED, CONCEALED]


def test_an_assistant_factory_record_logs_its_creation(world):
    assistant = AssistantFactory(beat=world.beat)
    assert only(assistant, A.CREATE).actor is None


def test_a_residents_proposal_is_logged_without_their_address(client, world):
    response = client.post(
        reverse("beat-proposal", args=[world.beat.code]),
        {
            "kind": "suggestion",
            "text": "Во дворе не горят фонари.",
            "name": "Айгуль",
            "contact": "+7 701 000 00 00",
        },
        REMOTE_ADDR="203.0.113.50",
    )
    assert response.status_code == 302
    entry = only(Proposal.objects.get(), A.CREATE)
    assert (entry.actor, entry.remote_addr) == (None, None)
    assert entry.changes["resident_name"] == [CONCEALED, CONCEALED]
    assert entry.changes["resident_contact"] == [CONCEALED, CONCEALED]
    # The submission that gives the resident a reference keeps its key out of the log too.
    handle = only(ResidentSubmission.objects.get(), A.CREATE)
    for field in ("resident_name", "resident_contact", "token"):
        assert handle.changes[field] == [CONCEALED, CONCEALED]


def test_a_quorum_corrected_with_the_attendance_is_audited_on_each_decision(world):
    """The session's attendance rewrites its decisions' quorum in one update(), which sends
    no model signals: the service writes their audit entries itself."""
    from councils.models import SessionDecision
    from councils.services.councils import session_save
    from tests.builders.events import council_of, session

    meeting = session(council_of(world.department), days=-5, is_open=True)
    decision = SessionDecision.objects.create(session=meeting, text="Решение", had_quorum=True)

    class AttendanceCleared:  # what the session form does when everyone is unticked
        def save(self):
            meeting.present.clear()
            return meeting

    session_save(form=AttendanceCleared())
    decision.refresh_from_db()
    assert decision.had_quorum is False
    (entry,) = LogEntry.objects.get_for_object(decision).filter(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict["had_quorum"] == [True, False]
    session_save(form=AttendanceCleared())  # nothing changes: nothing logged
    assert LogEntry.objects.get_for_object(decision).filter(action=1).count() == 1
