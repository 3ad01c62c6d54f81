"""`seed_demo` gives the demo beats residents' submissions from the beat's page in every
state: appeals answered and waiting, suggestions approved for publication and waiting."""

import re

from django.test import Client

from districts.models import (
    AppealChannel,
    AppealStatus,
    Moderation,
    ProposalSource,
    ResidentSubmission,
    SubmissionKind,
)
from districts.services.submissions import reference_prefix


def test_every_submission_has_its_record_and_a_reference_in_order(seeded):
    submissions = list(
        ResidentSubmission.objects.select_related("beat", "appeal", "proposal").order_by(
            "created_at", "pk"
        )
    )
    assert len(submissions) >= 48
    numbers = {}
    for submission in submissions:
        submission.full_clean()
        prefix = reference_prefix(submission.beat)
        match = re.fullmatch(rf"{prefix}-(\d{{4}})-(\d{{6}})", submission.reference)
        assert match, submission.reference
        numbers.setdefault((prefix, match[1]), []).append(int(match[2]))
        if submission.kind == SubmissionKind.PROBLEM:
            assert submission.appeal.channel == AppealChannel.ONLINE
        else:
            assert submission.proposal.source == ProposalSource.RESIDENT_SITE
    for series in numbers.values():
        assert series == list(range(1, len(series) + 1))


def test_every_state_is_shown(seeded):
    appeals = ResidentSubmission.objects.filter(kind=SubmissionKind.PROBLEM)
    suggestions = ResidentSubmission.objects.filter(kind=SubmissionKind.SUGGESTION)
    assert appeals.filter(appeal__status=AppealStatus.ANSWERED).exists()
    assert appeals.exclude(appeal__status=AppealStatus.ANSWERED).exists()
    assert suggestions.filter(proposal__moderation=Moderation.APPROVED).exists()
    assert suggestions.filter(proposal__moderation=Moderation.PENDING).exists()
    assert not suggestions.filter(
        proposal__moderation=Moderation.APPROVED, proposal__public_text=""
    ).exists()


def test_status_pages_and_beat_pages_show_only_what_is_public(seeded):
    client = Client()
    approved = ResidentSubmission.objects.filter(proposal__moderation=Moderation.APPROVED).first()
    pending = (
        ResidentSubmission.objects.filter(
            proposal__moderation=Moderation.PENDING, beat=approved.beat
        ).first()
        or ResidentSubmission.objects.filter(proposal__moderation=Moderation.PENDING).first()
    )

    assert client.get(approved.get_absolute_url()).status_code == 200
    approved_page = client.get(approved.beat.get_absolute_url()).content.decode()
    assert f'data-proposal="{approved.proposal.pk}"' in approved_page
    pending_page = client.get(pending.beat.get_absolute_url()).content.decode()
    assert f'data-proposal="{pending.proposal.pk}"' not in pending_page
