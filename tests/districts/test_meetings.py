"""Meetings with residents and their proposals: create with proposals, edit, list, filter,
bad input, scope, proposal status history, add to the work plan, flat query counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from districts.forms.meetings import this_hour
from districts.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    WorkPlanItem,
)
from districts.services.meetings import PLAN_TITLE_CHARS, proposal_add_to_plan
from portal.models import Role
from tests.dates import local_input
from tests.factories import BeatFactory, MeetingFactory, ProposalFactory, WorkPlanItemFactory

PREFIX = "proposals"


def hours(n):
    return timezone.localtime() + datetime.timedelta(hours=n)


def proposal_rows(rows, *, initial=0, existing=()):
    """Formset data: `existing` are saved proposals (pk, kind, text[, delete]), then `rows`."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(existing) + len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(initial or len(existing)),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(existing):
        pk, kind, text, *delete = row
        data.update({f"{PREFIX}-{i}-id": str(pk), f"{PREFIX}-{i}-kind": kind})
        data[f"{PREFIX}-{i}-text"] = text
        if delete:
            data[f"{PREFIX}-{i}-DELETE"] = "on"
    for j, (kind, text) in enumerate(rows, start=len(existing)):
        data.update({f"{PREFIX}-{j}-kind": kind, f"{PREFIX}-{j}-text": text})
    return data


def meeting_data(world, rows=(), **overrides):
    data = {
        "beat": world.beat.pk,
        "kind": MeetingKind.RESIDENTS,
        "status": MeetingStatus.HELD,
        "held_at": local_input(hours(-2)),
        "place_ru": "Двор дома 12 по ул. Абая",
        "attendance": "30",
        "topics_ru": "Освещение, парковка",
        "partners": "ОСИ «Абай 12»",
        "is_public": "",
        **proposal_rows(rows),
    }
    return {**data, **overrides}


TWO_ROWS = [
    (ProposalKind.PROPOSAL, "Установить освещение во дворе"),
    (ProposalKind.PROBLEM, "Машины паркуются на газоне"),
]


# --- create and edit -----------------------------------------------------------------------


def test_inspector_logs_a_meeting_with_two_proposals(inspector_client, world):
    # Two filled rows and one left empty, as the form offers it.
    rows = [*TWO_ROWS, (ProposalKind.PROPOSAL, "")]
    response = inspector_client.post(reverse("meeting-create"), meeting_data(world, rows))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meeting-detail", args=[meeting.pk])
    assert meeting.beat == world.beat
    assert meeting.created_by == world.inspector
    assert meeting.attendance == 30
    proposals = meeting.proposals.order_by("pk")
    assert [(p.kind, p.text) for p in proposals] == TWO_ROWS
    assert {p.beat for p in proposals} == {world.beat}
    assert {p.status for p in proposals} == {ProposalStatus.NEW}
    assert {p.history.get().history_user for p in proposals} == {world.inspector}

    detail = inspector_client.get(response.url)
    assert list(detail.context["proposals"]) == list(proposals)
    html = detail.content.decode()
    assert "Установить освещение во дворе" in html and "Машины паркуются на газоне" in html


def test_a_meeting_without_proposals_is_fine(inspector_client, world):
    response = inspector_client.post(reverse("meeting-create"), meeting_data(world))
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    assert Proposal.objects.count() == 0


def test_new_meeting_form_defaults_to_this_hour_and_offers_two_empty_proposals(
    inspector_client, world
):
    response = inspector_client.get(reverse("meeting-create"))
    form, formset = response.context["form"], response.context["formset"]
    held_at = form.initial["held_at"]
    assert (held_at.minute, held_at.second, held_at.microsecond) == (0, 0, 0)
    # Rounded down, so a held meeting logged right away is never "in the future".
    assert held_at <= timezone.now() < held_at + datetime.timedelta(hours=1, minutes=1)
    assert this_hour() - held_at in (datetime.timedelta(0), datetime.timedelta(hours=1))
    assert form.initial["beat"] == world.beat.pk
    assert list(form.fields["beat"].queryset) == [world.beat]
    assert len(formset.forms) == 2
    html = response.content.decode()
    # "Add another" works from a static script and an empty-form template, not inline code.
    assert "<template data-formset-template>" in html
    assert f"{PREFIX}-__prefix__-text" in html
    assert "js/formset.js" in html
    assert "<script>" not in html and "onclick" not in html


def test_inspector_edits_a_meeting_adds_changes_and_deletes_proposals(inspector_client, world):
    meeting = MeetingFactory(beat=world.beat, attendance=10)
    kept = ProposalFactory(meeting=meeting, text="Старый текст")
    dropped = ProposalFactory(meeting=meeting, text="Уже не актуально")
    data = meeting_data(
        world,
        held_at=local_input(meeting.held_at),
        attendance="12",
        place_ru="Школа № 5",
        **proposal_rows(
            [(ProposalKind.PROBLEM, "Собаки без поводка")],
            existing=[
                (kept.pk, ProposalKind.PROPOSAL, "Новый текст"),
                (dropped.pk, ProposalKind.PROPOSAL, dropped.text, "delete"),
            ],
        ),
    )
    response = inspector_client.post(reverse("meeting-edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.attendance, meeting.place) == (12, "Школа № 5")
    texts = set(meeting.proposals.values_list("text", flat=True))
    assert texts == {"Новый текст", "Собаки без поводка"}
    assert not Proposal.objects.filter(pk=dropped.pk).exists()
    assert set(meeting.proposals.values_list("beat", flat=True)) == {world.beat.pk}


def test_moving_a_meeting_to_another_of_my_beats_moves_its_proposals(inspector_client, world):
    second = BeatFactory(police_point=world.point, inspector=world.inspector)
    meeting = MeetingFactory(beat=world.beat)
    proposal = ProposalFactory(meeting=meeting)
    data = meeting_data(
        world,
        beat=second.pk,
        held_at=local_input(meeting.held_at),
        **proposal_rows([], existing=[(proposal.pk, proposal.kind, proposal.text)]),
    )
    assert (
        inspector_client.post(reverse("meeting-edit", args=[meeting.pk]), data).status_code == 302
    )
    proposal.refresh_from_db()
    assert proposal.beat == second


def test_a_planned_meeting_may_be_in_the_future_without_attendance(inspector_client, world):
    data = meeting_data(
        world,
        status=MeetingStatus.PLANNED,
        kind=MeetingKind.REPORT,
        held_at=local_input(hours(48)),
        attendance="",
        is_public="on",
    )
    assert inspector_client.post(reverse("meeting-create"), data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.PLANNED and meeting.is_public
    assert meeting.held_at > timezone.now()


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"held_at": local_input(hours(3))}, "held_at"),
        ({"held_at": ""}, "held_at"),
        ({"attendance": "-5"}, "attendance"),
        ({"attendance": ""}, "attendance"),
        ({"place_ru": ""}, "place_ru"),
        ({"kind": "picnic"}, "kind"),
        ({"beat": "999999"}, "beat"),
    ],
)
def test_bad_meeting_is_refused_and_nothing_is_saved(inspector_client, world, overrides, field):
    data = meeting_data(world, TWO_ROWS, **overrides)
    response = inspector_client.post(reverse("meeting-create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Meeting.objects.count() == 0
    assert Proposal.objects.count() == 0


def test_an_invalid_proposal_row_saves_nothing_not_even_the_meeting(inspector_client, world):
    # The second row has its kind changed but no text: it is not an empty row, it is invalid.
    rows = [TWO_ROWS[0], (ProposalKind.PROBLEM, "   ")]
    response = inspector_client.post(reverse("meeting-create"), meeting_data(world, rows))
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.errors[0] == {}
    assert "text" in formset.errors[1]
    assert response.context["form"].errors == {}
    assert Meeting.objects.count() == 0
    assert Proposal.objects.count() == 0


def test_an_invalid_proposal_row_on_edit_changes_nothing(inspector_client, world):
    meeting = MeetingFactory(beat=world.beat, place="Двор")
    proposal = ProposalFactory(meeting=meeting, text="Было")
    data = meeting_data(
        world,
        held_at=local_input(meeting.held_at),
        place_ru="Стало",
        **proposal_rows(
            [(ProposalKind.PROPOSAL, "Новое")],
            existing=[(proposal.pk, "nonsense", "Изменено")],
        ),
    )
    response = inspector_client.post(reverse("meeting-edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "kind" in response.context["formset"].errors[0]
    meeting.refresh_from_db()
    proposal.refresh_from_db()
    assert (meeting.place, proposal.text) == ("Двор", "Было")
    assert Proposal.objects.count() == 1


def test_error_messages_are_translated(inspector_client, world):
    inspector_client.cookies.load({"django_language": "kk"})
    response = inspector_client.post(
        reverse("meeting-create"), meeting_data(world, place_ru="", attendance="-1")
    )
    errors = response.context["form"].errors
    assert errors["place_kk"][0] != "This field is required."
    assert errors["attendance"][0] != "Ensure this value is greater than or equal to 0."


# --- lists and filters ---------------------------------------------------------------------


def test_meeting_list_shows_my_meetings_with_their_proposal_counts(inspector_client, world):
    busy = MeetingFactory(beat=world.beat)
    ProposalFactory.create_batch(3, meeting=busy)
    quiet = MeetingFactory(beat=world.beat, held_at=timezone.now() - datetime.timedelta(days=9))
    MeetingFactory(beat=world.colleague_beat)
    response = inspector_client.get(reverse("meeting-list"))
    listed = list(response.context["object_list"])
    assert listed == [busy, quiet]  # newest first
    assert [m.proposal_count for m in listed] == [3, 0]
    html = response.content.decode()
    assert reverse("meeting-detail", args=[busy.pk]) in html
    assert reverse("meeting-create") in html


def test_meeting_list_filters_by_date_kind_status_and_beat(inspector_client, world):
    second = BeatFactory(police_point=world.point, inspector=world.inspector)
    now = timezone.now()
    old = MeetingFactory(beat=world.beat, held_at=now - datetime.timedelta(days=40))
    lesson = MeetingFactory(
        beat=world.beat, kind=MeetingKind.LESSON, held_at=now - datetime.timedelta(days=2)
    )
    planned = MeetingFactory(
        beat=second,
        status=MeetingStatus.PLANNED,
        attendance=None,
        held_at=now + datetime.timedelta(days=5),
    )
    url = reverse("meeting-list")

    def listed(**params):
        return set(inspector_client.get(url, params).context["object_list"])

    today = timezone.localdate()
    assert listed(held_from=(today - datetime.timedelta(days=10)).isoformat()) == {
        lesson,
        planned,
    }
    assert listed(held_to=(today - datetime.timedelta(days=10)).isoformat()) == {old}
    # "To" includes the whole day.
    lesson_day = timezone.localdate(lesson.held_at).isoformat()
    assert listed(held_from=lesson_day, held_to=lesson_day) == {lesson}
    assert listed(kind=MeetingKind.LESSON) == {lesson}
    assert listed(status=MeetingStatus.PLANNED) == {planned}
    assert listed(beat=second.pk) == {planned}
    # Another inspector's beat is not a valid choice: the filter is refused, nothing leaks.
    assert listed(beat=world.colleague_beat.pk) == set()


def test_proposal_list_filters_by_status_kind_beat_and_date(inspector_client, world):
    second = BeatFactory(police_point=world.point, inspector=world.inspector)
    new = ProposalFactory(meeting__beat=world.beat, kind=ProposalKind.PROBLEM)
    done = ProposalFactory(meeting__beat=second, status=ProposalStatus.DONE, outcome="Сделано")
    old = ProposalFactory(meeting__beat=world.beat)
    Proposal.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    ProposalFactory(meeting__beat=world.colleague_beat)
    url = reverse("proposal-list")

    def listed(**params):
        return set(inspector_client.get(url, params).context["object_list"])

    assert listed() == {new, done, old}
    assert listed(status=ProposalStatus.DONE) == {done}
    assert listed(kind=ProposalKind.PROBLEM) == {new}
    assert listed(beat=second.pk) == {done}
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert listed(recorded_from=month_ago) == {new, done}
    assert listed(recorded_to=month_ago) == {old}
    html = inspector_client.get(url).content.decode()
    assert reverse("proposal-edit", args=[new.pk]) in html


# --- scope ---------------------------------------------------------------------------------


def test_inspector_cannot_open_or_change_another_beats_meeting(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat):
        meeting = MeetingFactory(beat=beat, place="Чужой двор")
        proposal = ProposalFactory(meeting=meeting, text="Чужое")
        for name in ("meeting-detail", "meeting-edit"):
            assert inspector_client.get(reverse(name, args=[meeting.pk])).status_code == 404
        data = meeting_data(
            world,
            beat=beat.pk,
            place="Подмена",
            **proposal_rows([], existing=[(proposal.pk, proposal.kind, "Подмена")]),
        )
        url = reverse("meeting-edit", args=[meeting.pk])
        assert inspector_client.post(url, data).status_code == 404
        meeting.refresh_from_db()
        proposal.refresh_from_db()
        assert (meeting.place, proposal.text) == ("Чужой двор", "Чужое")


def test_inspector_cannot_slip_another_meetings_proposal_into_the_formset(inspector_client, world):
    mine = MeetingFactory(beat=world.beat)
    theirs = ProposalFactory(meeting__beat=world.colleague_beat, text="Чужое")
    their_meeting = theirs.meeting
    data = meeting_data(
        world,
        held_at=local_input(mine.held_at),
        **proposal_rows([], existing=[(theirs.pk, ProposalKind.PROPOSAL, "Подмена")]),
    )
    # Django's formset ignores a row whose id lies outside the meeting's proposals.
    inspector_client.post(reverse("meeting-edit", args=[mine.pk]), data)
    theirs.refresh_from_db()
    assert (theirs.text, theirs.meeting, theirs.beat) == (
        "Чужое",
        their_meeting,
        world.colleague_beat,
    )
    assert not mine.proposals.exists()


def test_inspector_cannot_open_or_change_another_beats_proposal(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat):
        proposal = ProposalFactory(meeting__beat=beat)
        url = reverse("proposal-edit", args=[proposal.pk])
        assert inspector_client.get(url).status_code == 404
        data = {"status": ProposalStatus.DONE, "outcome": "Подмена"}
        assert inspector_client.post(url, data).status_code == 404
        plan_url = reverse("proposal-add-to-plan", args=[proposal.pk])
        assert inspector_client.post(plan_url).status_code == 404
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.NEW
        assert WorkPlanItem.objects.count() == 0


def test_supervisor_reads_the_department_but_cannot_change(client, world):
    mine = MeetingFactory(beat=world.beat)
    colleague = MeetingFactory(beat=world.colleague_beat)
    MeetingFactory(beat=world.other_beat)
    proposal = ProposalFactory(meeting=mine)
    colleague_proposal = ProposalFactory(meeting=colleague)
    ProposalFactory(meeting__beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    meetings_before = Meeting.objects.count()

    assert set(client.get(reverse("meeting-list")).context["object_list"]) == {mine, colleague}
    listed = set(client.get(reverse("proposal-list")).context["object_list"])
    assert listed == {proposal, colleague_proposal}
    assert client.get(reverse("meeting-detail", args=[colleague.pk])).status_code == 200

    page = client.get(reverse("meeting-edit", args=[mine.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert all(f.disabled for form in page.context["formset"] for f in form.fields.values())
    page = client.get(reverse("proposal-edit", args=[proposal.pk]))
    assert page.status_code == 200
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert not page.context["can_add_to_plan"]

    data = meeting_data(world, place_ru="Подмена")
    assert client.post(reverse("meeting-edit", args=[mine.pk]), data).status_code == 403
    assert client.post(reverse("meeting-create"), data).status_code == 403
    assert client.get(reverse("meeting-create")).status_code == 403
    done = {"status": ProposalStatus.DONE, "outcome": "Подмена"}
    assert client.post(reverse("proposal-edit", args=[proposal.pk]), done).status_code == 403
    plan_url = reverse("proposal-add-to-plan", args=[proposal.pk])
    assert client.post(plan_url).status_code == 403
    mine.refresh_from_db()
    proposal.refresh_from_db()
    assert mine.place != "Подмена" and proposal.status == ProposalStatus.NEW
    assert Meeting.objects.count() == meetings_before and WorkPlanItem.objects.count() == 0


@pytest.mark.parametrize("role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR])
def test_akimat_staff_cannot_see_meetings_or_proposals(client, world, role):
    meeting = MeetingFactory(beat=world.beat)
    proposal = ProposalFactory(meeting=meeting)
    client.force_login(world.users[role])
    for url in (
        reverse("meeting-list"),
        reverse("meeting-create"),
        reverse("meeting-detail", args=[meeting.pk]),
        reverse("meeting-edit", args=[meeting.pk]),
        reverse("proposal-list"),
        reverse("proposal-edit", args=[proposal.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("proposal-add-to-plan", args=[proposal.pk])).status_code == 403


# --- proposal status and history -----------------------------------------------------------


def test_proposal_status_changes_are_kept_in_history(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    url = reverse("proposal-edit", args=[proposal.pk])
    for status, outcome in [
        (ProposalStatus.PLANNED, ""),
        (ProposalStatus.PLANNED, "Обсудили с акиматом"),  # outcome only: not a status change
        (ProposalStatus.DONE, "Фонари установлены"),
    ]:
        response = inspector_client.post(url, {"status": status, "outcome": outcome})
        assert response.status_code == 302
        assert response.url == url
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (ProposalStatus.DONE, "Фонари установлены")
    history = proposal.history.order_by("history_date")
    assert [h.status for h in history] == ["new", "planned", "planned", "done"]
    assert history.last().history_user == world.inspector

    changes = inspector_client.get(url).context["status_changes"]
    assert [c.status for c in changes] == ["done", "planned", "new"]
    assert changes[0].history_user == world.inspector


def test_declining_a_proposal_needs_a_reason(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    url = reverse("proposal-edit", args=[proposal.pk])
    response = inspector_client.post(url, {"status": ProposalStatus.DECLINED, "outcome": " "})
    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW
    assert proposal.history.count() == 1
    reason = {"status": ProposalStatus.DECLINED, "outcome": "Не в компетенции полиции"}
    assert inspector_client.post(url, reason).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_bad_proposal_status_is_refused(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    url = reverse("proposal-edit", args=[proposal.pk])
    response = inspector_client.post(url, {"status": "forgotten", "outcome": ""})
    assert "status" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW


# --- add to the work plan ------------------------------------------------------------------


def test_inspector_adds_a_proposal_to_the_work_plan(inspector_client, world):
    text = "Установить освещение во дворе домов 12–14 по улице Абая. " * 10
    proposal = ProposalFactory(meeting__beat=world.beat, text=text)
    page = inspector_client.get(reverse("proposal-edit", args=[proposal.pk]))
    assert page.context["can_add_to_plan"]
    plan_url = reverse("proposal-add-to-plan", args=[proposal.pk])
    assert plan_url in page.content.decode()

    response = inspector_client.post(plan_url)
    assert response.status_code == 302
    assert response.url == reverse("proposal-edit", args=[proposal.pk])
    item = WorkPlanItem.objects.get()
    assert item.proposal == proposal
    assert item.beat == world.beat
    assert item.created_by == world.inspector
    assert item.due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert len(item.title) <= PLAN_TITLE_CHARS
    assert item.title.startswith("Установить освещение во дворе домов 12–14")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PLANNED
    assert proposal.history.latest().history_user == world.inspector

    page = inspector_client.get(reverse("proposal-edit", args=[proposal.pk]))
    assert list(page.context["plan_items"]) == [item]
    assert not page.context["can_add_to_plan"]
    # A second click does not add a second task.
    inspector_client.post(plan_url)
    assert WorkPlanItem.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "outcome"), [(ProposalStatus.DONE, "Сделано"), (ProposalStatus.DECLINED, "Нет")]
)
def test_a_closed_proposal_is_not_added_to_the_plan(inspector_client, world, status, outcome):
    proposal = ProposalFactory(meeting__beat=world.beat, status=status, outcome=outcome)
    response = inspector_client.post(reverse("proposal-add-to-plan", args=[proposal.pk]))
    assert response.status_code == 302
    assert WorkPlanItem.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.status == status


def test_add_to_plan_by_get_only_leads_back(inspector_client, world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    response = inspector_client.get(reverse("proposal-add-to-plan", args=[proposal.pk]))
    assert response.status_code == 302
    assert response.url == reverse("proposal-edit", args=[proposal.pk])
    assert WorkPlanItem.objects.count() == 0


def test_add_to_plan_service_is_all_or_nothing(world, monkeypatch):
    proposal = ProposalFactory(meeting__beat=world.beat)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Proposal, "save", broken_save)
    with pytest.raises(RuntimeError):
        proposal_add_to_plan(proposal=proposal, user=world.inspector)
    monkeypatch.undo()
    assert WorkPlanItem.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW


def test_a_proposal_with_a_plan_item_is_not_added_twice(world):
    proposal = ProposalFactory(meeting__beat=world.beat)
    WorkPlanItemFactory(beat=world.beat, proposal=proposal)
    with pytest.raises(ValidationError):
        proposal_add_to_plan(proposal=proposal, user=world.inspector)
    assert WorkPlanItem.objects.count() == 1


# --- query counts --------------------------------------------------------------------------


def _measure(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, meeting=None, proposal=None):
    """More beats, meetings and proposals in the department, more proposals on `meeting`,
    more status changes of `proposal`."""
    for _ in range(3):
        beat = BeatFactory(police_point=world.point)
        for m in MeetingFactory.create_batch(3, beat=beat):
            ProposalFactory.create_batch(2, meeting=m)
    if meeting is not None:
        ProposalFactory.create_batch(6, meeting=meeting)
    if proposal is not None:
        for status in (ProposalStatus.PLANNED, ProposalStatus.NEW, ProposalStatus.PLANNED):
            proposal.status = status
            proposal.save()
        WorkPlanItemFactory(beat=proposal.beat, proposal=proposal)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
@pytest.mark.parametrize("url_name", ["meeting-list", "proposal-list"])
def test_list_query_count_is_flat(client, world, django_assert_max_num_queries, url_name, role):
    client.force_login(world.users[role])
    meeting = MeetingFactory(beat=world.beat)
    ProposalFactory(meeting=meeting)
    url = reverse(url_name)
    small = _measure(client, url, django_assert_max_num_queries)
    _grow(world, meeting=meeting)
    for m in MeetingFactory.create_batch(3, beat=world.beat):
        ProposalFactory.create_batch(2, meeting=m)
    assert _measure(client, url, django_assert_max_num_queries) == small


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
def test_meeting_pages_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])
    meeting = MeetingFactory(beat=world.beat)
    ProposalFactory(meeting=meeting)
    urls = [reverse(n, args=[meeting.pk]) for n in ("meeting-detail", "meeting-edit")]
    small = [_measure(client, url, django_assert_max_num_queries) for url in urls]
    _grow(world, meeting=meeting)
    assert [_measure(client, url, django_assert_max_num_queries) for url in urls] == small


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR])
def test_proposal_page_query_count_is_flat(client, world, django_assert_max_num_queries, role):
    client.force_login(world.users[role])
    proposal = ProposalFactory(meeting__beat=world.beat)
    url = reverse("proposal-edit", args=[proposal.pk])
    small = _measure(client, url, django_assert_max_num_queries)
    _grow(world, proposal=proposal)
    assert _measure(client, url, django_assert_max_num_queries) == small
