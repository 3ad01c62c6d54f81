"""A resident's submission from the beat's page: received, told to the inspector, answered.

    submission_receive(beat=..., kind=..., text=..., ...)  → ResidentSubmission
    submission_answered(record)                            → queues the resident's e-mail

A problem or complaint is registered as an appeal received today and due within the legal
term in working days; a suggestion as a new proposal waiting for moderation. The reference
number is taken inside the same transaction (districts.models.submissions), and the e-mails
(the inspector's notice, the resident's receipt with the status link) go only once it
commits, so a failed submission tells nobody anything.
"""

import re

from django.db import transaction
from django.utils import timezone, translation

from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    Proposal,
    ProposalKind,
    ProposalSource,
    ProposalStatus,
    ReferenceCounter,
    ResidentSubmission,
    SubmissionKind,
)
from portal.tasks import after_commit

SUBJECT_LENGTH = 120
DEFAULT_PREFIX = "KZ"


def reference_prefix(beat) -> str:
    """Three letters of the area the beat's code starts with: `almaly-07` → `ALM`."""
    head = re.split(r"[-_]", beat.code, maxsplit=1)[0]
    letters = re.sub(r"[^A-Za-z]", "", head)[:3].upper()
    return letters or DEFAULT_PREFIX


def _subject(text):
    line = " ".join(text.split())
    if len(line) <= SUBJECT_LENGTH:
        return line
    return line[: SUBJECT_LENGTH - 1].rstrip() + "…"


@transaction.atomic
def submission_receive(*, beat, kind, text, name="", contact="", language=None, now=None):
    """Register what the resident sent and give it a reference; e-mails follow the commit."""
    from districts import tasks  # the tasks module imports this one

    now = now or timezone.now()
    today = timezone.localdate(now)
    appeal = proposal = None
    if kind == SubmissionKind.PROBLEM:
        appeal = Appeal.objects.create(
            beat=beat,
            channel=AppealChannel.ONLINE,
            received_on=today,
            due_on=Appeal.default_due(today),
            subject=_subject(text),
            details=text,
            status=AppealStatus.NEW,
        )
    else:
        proposal = Proposal.objects.create(
            beat=beat,
            meeting=None,
            source=ProposalSource.RESIDENT_SITE,
            kind=ProposalKind.PROPOSAL,
            status=ProposalStatus.NEW,
            text=text,
            resident_name=name,
            resident_contact=contact,
        )
    submission = ResidentSubmission.objects.create(
        beat=beat,
        kind=kind,
        reference=ReferenceCounter.next_reference(reference_prefix(beat), today.year),
        appeal=appeal,
        proposal=proposal,
        resident_name=name,
        resident_contact=contact,
        language=language or translation.get_language() or "ru",
    )
    after_commit(tasks.send_submission_received, submission.pk)
    return submission


def status_of(submission):
    """(status value, its label) of the appeal or proposal behind the submission."""
    record = submission.record
    return record.status, record.get_status_display()


def steps_of(submission):
    """The steps from received to answered, each marked reached or not, for the status page."""
    record = submission.record
    if submission.kind == SubmissionKind.PROBLEM:
        order, labels = (
            [AppealStatus.NEW, AppealStatus.IN_WORK, AppealStatus.ANSWERED],
            dict(AppealStatus.choices),
        )
    else:
        final = ProposalStatus.DECLINED if record.status == ProposalStatus.DECLINED else None
        order = [ProposalStatus.NEW, ProposalStatus.PLANNED, final or ProposalStatus.DONE]
        labels = dict(ProposalStatus.choices)
    reached = order.index(record.status) if record.status in order else 0
    return [
        {"status": step, "label": labels[step], "reached": i <= reached, "current": i == reached}
        for i, step in enumerate(order)
    ]


def answer_of(submission):
    """What the resident reads as the answer: never the internal note."""
    record = submission.record
    if submission.kind == SubmissionKind.PROBLEM:
        return record.answer if record.status == AppealStatus.ANSWERED else ""
    return record.outcome if record.status != ProposalStatus.NEW else ""


def submission_answered(record):
    """Queue the resident's e-mail when the answer or status they can see has changed.

    Called by the staff forms after saving an appeal or a proposal; does nothing for records
    that did not come from the beat's page or whose resident left no e-mail address.
    """
    from districts import tasks

    submission = ResidentSubmission.objects.filter(
        **({"appeal": record} if isinstance(record, Appeal) else {"proposal": record})
    ).first()
    if submission is None or not submission.email:
        return
    if record.status == submission.notified_status or not answer_of(submission):
        return
    after_commit(tasks.send_submission_answer, submission.pk)
