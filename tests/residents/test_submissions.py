"""A resident's problem becomes an appeal with a legal term, a suggestion a proposal; each gets
a reference and a private status page, the inspector answers, the resident reads the answer."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    Moderation,
    Proposal,
    ProposalStatus,
    ResidentSubmission,
    SubmissionKind,
)
from districts.services.escalation import appeals_escalate
from districts.services.submissions import reference_prefix, submission_receive
from portal import work_queues
from portal.models import Role
from portal.periods import Quarter
from reports.assembly import assemble
from tests.builders.reports import QUARTER, YEAR
from tests.factories import QuarterlyReportFactory

TEXT = "Во дворе дома 12 не горят фонари, вечером темно и опасно."
INTERNAL = "Звонил в КСК, обещали к пятнице — не для жителя"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def send(client, beat, **data):
    fields = {"kind": "problem", "text": TEXT, "name": "", "contact": "", **data}
    return client.post(reverse("beat-proposal", args=[beat.code]), fields)


def noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_a_problem_becomes_an_appeal_due_in_fifteen_working_days_across_nauryz(world):
    # Friday 20 March 2026; Nauryz 21–23 March and the days off it moved (24–25 March) are
    # not counted: Thu 26, Fri 27, Mon 30 … the fifteenth working day is Wednesday 15 April.
    submission = submission_receive(
        beat=world.beat,
        kind=SubmissionKind.PROBLEM,
        text=TEXT,
        now=noon(datetime.date(2026, 3, 20)),
    )

    appeal = submission.appeal
    assert appeal.received_on == datetime.date(2026, 3, 20)
    assert appeal.due_on == datetime.date(2026, 4, 15)
    assert appeal.channel == AppealChannel.ONLINE
    assert appeal.status == AppealStatus.NEW
    assert appeal.details == TEXT
    assert submission.proposal is None
    assert re.fullmatch(rf"{reference_prefix(world.beat)}-2026-\d{{6}}", submission.reference)


def test_references_are_numbered_without_gaps_per_prefix_and_year(world):
    day = noon(datetime.date(2026, 5, 4))
    made = [
        submission_receive(beat=world.beat, kind=kind, text=TEXT, now=day)
        for kind in (SubmissionKind.PROBLEM, SubmissionKind.SUGGESTION, SubmissionKind.PROBLEM)
    ]
    next_year = submission_receive(
        beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT, now=noon(datetime.date(2027, 1, 5))
    )

    prefix = reference_prefix(world.beat)
    assert [s.reference for s in made] == [f"{prefix}-2026-00000{n}" for n in (1, 2, 3)]
    assert next_year.reference == f"{prefix}-2027-000001"
    assert len({s.token for s in [*made, next_year]}) == 4
    assert all(len(s.token) >= 40 for s in made)


def test_the_prefix_comes_from_the_beats_code(world):
    world.beat.code = "almaly-07"
    assert reference_prefix(world.beat) == "ALM"
    world.beat.code = "07"
    assert reference_prefix(world.beat) == "KZ"


def test_resident_reports_a_problem_and_lands_on_the_status_page(client, world):
    response = send(client, world.beat, contact="+7 701 555 12 34", name="Жанар")

    assert response.status_code == 302
    submission = ResidentSubmission.objects.get()
    assert response.url == reverse("submission-status", args=[submission.token])
    assert submission.kind == SubmissionKind.PROBLEM
    assert Appeal.objects.get() == submission.appeal
    assert not Proposal.objects.exists()
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert submission.reference in html
    assert 'id="submission-status" data-status="new"' in html
    assert submission.appeal.due_on.strftime("%Y") in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    # The resident's own contact is not repeated on a page reached by a link.
    assert "+7 701 555 12 34" not in html and "Жанар" not in html


def test_a_suggestion_becomes_a_proposal_waiting_for_moderation(client, world):
    send(client, world.beat, kind="suggestion")

    submission = ResidentSubmission.objects.get()
    assert submission.kind == SubmissionKind.SUGGESTION
    proposal = submission.proposal
    assert proposal.status == ProposalStatus.NEW
    assert proposal.moderation == Moderation.PENDING
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("bad", ["x" * 43, "nope", "a" * 200])
def test_the_status_page_opens_only_with_its_token(client, world, bad):
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)

    assert client.get(reverse("submission-status", args=[bad])).status_code == 404
    near = submission.token[:-1] + ("A" if submission.token[-1] != "A" else "B")
    assert client.get(reverse("submission-status", args=[near])).status_code == 404
    assert client.get(submission.get_absolute_url()).status_code == 200


def test_the_resident_reads_the_answer_but_never_the_internal_note(client, world):
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)
    inspector = Client()
    inspector.force_login(world.inspector)
    appeal = submission.appeal
    form = {
        "beat": world.beat.pk,
        "channel": appeal.channel,
        "received_on": appeal.received_on.isoformat(),
        "due_on": appeal.due_on.isoformat(),
        "subject": appeal.subject,
        "details": appeal.details,
        "status": AppealStatus.IN_WORK,
        "answer": "",
        "answered_on": "",
        "internal_note": INTERNAL,
    }
    assert inspector.post(appeal.get_absolute_url(), form).status_code == 302
    html = client.get(submission.get_absolute_url()).content.decode()
    assert 'data-status="in_work"' in html
    assert "data-answer" not in html
    assert INTERNAL not in html

    answer = "Фонари заменены 5 декабря, двор освещён."
    form.update(status=AppealStatus.ANSWERED, answer=answer, answered_on=appeal.received_on)
    assert inspector.post(appeal.get_absolute_url(), form).status_code == 302
    html = client.get(submission.get_absolute_url()).content.decode()
    assert 'data-status="answered"' in html
    assert answer in html
    assert INTERNAL not in html


def test_e_mails_go_after_the_commit(world, django_capture_on_commit_callbacks):
    world.inspector.email = "inspector@police.example.kz"
    world.inspector.save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = submission_receive(
            beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT, contact="zhanar@example.kz"
        )
    assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    to = {tuple(m.to): m for m in mail.outbox}
    assert set(to) == {("inspector@police.example.kz",), ("zhanar@example.kz",)}
    inspector_mail = to[("inspector@police.example.kz",)]
    assert submission.reference in inspector_mail.subject
    assert submission.appeal.get_absolute_url() in inspector_mail.body
    # Only the resident learns the private link.
    assert submission.token not in inspector_mail.body
    assert submission.get_absolute_url() in to[("zhanar@example.kz",)].body


def test_a_failed_submission_sends_nothing_and_takes_no_number(world, monkeypatch):
    from districts.models import ResidentSubmission as Model

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Model.objects, "create", broken)
    with pytest.raises(RuntimeError):
        submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)
    monkeypatch.undo()

    assert not Appeal.objects.exists()
    assert mail.outbox == []
    made = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)
    assert made.reference.endswith("-000001")


def test_the_resident_is_e_mailed_the_answer_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_receive(
            beat=world.beat, kind=SubmissionKind.SUGGESTION, text=TEXT, contact="a@example.kz"
        )
    mail.outbox.clear()
    inspector = Client()
    inspector.force_login(world.inspector)
    proposal = submission.proposal
    data = {
        "status": ProposalStatus.DONE,
        "outcome": "Освещение установлено",
        "moderation": Moderation.PENDING,
        "public_text": "",
        "internal_note": INTERNAL,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert inspector.post(proposal.get_absolute_url(), data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert inspector.post(proposal.get_absolute_url(), data).status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.kz"]
    assert "Освещение установлено" in message.body
    assert INTERNAL not in message.body
    assert submission.get_absolute_url() in message.body


def test_an_appeal_from_the_site_escalates_after_its_term(world):
    long_ago = timezone.localdate() - datetime.timedelta(days=40)
    late = submission_receive(
        beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT, now=noon(long_ago)
    )
    fresh = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)

    assert appeals_escalate() == [late.appeal.pk]
    supervisor = world.users[Role.SUPERVISOR]
    overdue = [item for item in work_queues.queue_for(supervisor) if item.count]
    assert any("appeal" in item.key for item in overdue)
    assert fresh.appeal.escalated_at is None


def test_the_inspector_sees_new_submissions_on_the_start_page(world):
    submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)
    submission_receive(beat=world.beat, kind=SubmissionKind.SUGGESTION, text=TEXT)
    submission_receive(beat=world.other_beat, kind=SubmissionKind.SUGGESTION, text=TEXT)

    counts = {item.key: item.count for item in work_queues.queue_for(world.inspector)}
    assert counts["appeals-from-site"] == 1
    assert counts["proposals-site"] == 1
    assert counts["proposals-moderation"] == 1


def test_an_unmoderated_proposal_is_never_public(client, world):
    secret = "Сосед из кв. 5 Иванов торгует — телефон 8 701 000 00 00"
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.SUGGESTION, text=secret)
    proposal = submission.proposal
    proposal.status = ProposalStatus.PLANNED
    proposal.outcome = "Взято в план"
    proposal.save()

    assert secret not in client.get(world.beat.get_absolute_url()).content.decode()
    report = QuarterlyReportFactory(beat=world.beat, year=YEAR, quarter=QUARTER)
    assert not [p for p in assemble(report, language="ru")["proposals"] if p["source"] == "site"]
    assert Proposal.objects.public().filter(pk=proposal.pk).count() == 0


def test_an_approved_proposal_appears_as_moderated_with_its_status(client, world):
    secret = "Иванов из кв. 5 просит поставить лежачего полицейского у школы"
    cleaned = "Поставить «лежачего полицейского» у школы"
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.SUGGESTION, text=secret)
    inspector = Client()
    inspector.force_login(world.inspector)
    data = {
        "status": ProposalStatus.PLANNED,
        "outcome": "Направлено письмо в акимат",
        "moderation": Moderation.APPROVED,
        "public_text": cleaned,
        "internal_note": "",
    }
    assert inspector.post(submission.proposal.get_absolute_url(), data).status_code == 302

    html = client.get(world.beat.get_absolute_url()).content.decode()
    assert escape(cleaned) in html
    assert "Иванов" not in html
    assert f'data-proposal="{submission.proposal.pk}" data-status="planned"' in html


def test_the_text_for_publication_starts_empty_not_as_the_resident_wrote(world):
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.SUGGESTION, text=TEXT)
    inspector = Client()
    inspector.force_login(world.inspector)

    form = inspector.get(submission.proposal.get_absolute_url()).context["form"]

    assert not form["public_text"].value()


def test_approving_needs_a_text_for_publication(world):
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.SUGGESTION, text=TEXT)
    inspector = Client()
    inspector.force_login(world.inspector)
    data = {
        "status": ProposalStatus.NEW,
        "outcome": "",
        "moderation": Moderation.APPROVED,
        "public_text": "   ",
        "internal_note": "",
    }

    response = inspector.post(submission.proposal.get_absolute_url(), data)

    assert response.status_code == 200
    assert "public_text" in response.context["form"].errors
    submission.proposal.refresh_from_db()
    assert submission.proposal.moderation == Moderation.PENDING


def test_approved_site_proposals_of_the_quarter_join_the_report(world):
    report = QuarterlyReportFactory(beat=world.beat, year=YEAR, quarter=QUARTER)
    day = Quarter(YEAR, QUARTER).period.start + datetime.timedelta(days=10)
    submission = submission_receive(
        beat=world.beat, kind=SubmissionKind.SUGGESTION, text=TEXT, now=noon(day)
    )
    proposal = submission.proposal
    proposal.created_at = noon(day)  # sent during the report's quarter
    proposal.moderation = Moderation.APPROVED
    proposal.public_text = "Осветить двор дома 12"
    proposal.status = ProposalStatus.DONE
    proposal.outcome = "Фонари установлены"
    proposal.save()

    site = [p for p in assemble(report, language="ru")["proposals"] if p["source"] == "site"]
    assert site == [
        {
            "text": "Осветить двор дома 12",
            "status": "done",
            "status_label": str(ProposalStatus.DONE.label),
            "outcome": "Фонари установлены",
            "source": "site",
        }
    ]


def test_another_inspector_cannot_open_a_submission_record(world):
    submission = submission_receive(beat=world.beat, kind=SubmissionKind.PROBLEM, text=TEXT)
    other = Client()
    other.force_login(world.other_beat.inspector)

    assert other.get(submission.appeal.get_absolute_url()).status_code == 404


def test_the_inspector_sees_who_wrote_and_the_reference(world):
    submission = submission_receive(
        beat=world.beat,
        kind=SubmissionKind.PROBLEM,
        text=TEXT,
        name="Жанар",
        contact="+7 701 555 12 34",
    )
    inspector = Client()
    inspector.force_login(world.inspector)

    html = inspector.get(submission.appeal.get_absolute_url()).content.decode()

    assert submission.reference in html
    assert "+7 701 555 12 34" in html
