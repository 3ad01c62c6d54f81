"""Writes for meetings with residents and their proposals: each is all or nothing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from districts.models import Meeting, Proposal, ProposalStatus, WorkPlanItem

# How long the inspector has, by default, for a task taken from residents' proposals.
PLAN_DUE_DAYS = 30
PLAN_TITLE_CHARS = 150


@transaction.atomic
def meeting_save(*, form, formset, user) -> Meeting:
    """Save a meeting and the proposals raised at it, or nothing at all.

    `form` is a bound MeetingForm and `formset` a bound ProposalFormSet; both must be
    valid. Every proposal belongs to the meeting's beat (it follows the meeting if the
    beat is changed).
    """
    if not (form.is_valid() and formset.is_valid()):
        raise ValueError("meeting_save() needs a valid form and formset")
    meeting = form.save(commit=False)
    if not meeting.pk:
        meeting.created_by = user
    meeting.save()

    formset.instance = meeting
    for proposal in formset.save(commit=False):
        proposal.meeting = meeting
        proposal.beat_id = meeting.beat_id
        proposal._history_user = user
        proposal.save()
    for proposal in formset.deleted_objects:
        proposal.delete()
    for proposal in meeting.proposals.exclude(beat_id=meeting.beat_id):
        proposal.beat_id = meeting.beat_id
        proposal._history_user = user
        proposal.save(update_fields=["beat"])
    return meeting


def plan_title(text: str) -> str:
    """A work plan task's title from a resident's proposal: one line, not too long."""
    return Truncator(" ".join(text.split())).chars(PLAN_TITLE_CHARS)


@transaction.atomic
def proposal_add_to_plan(*, proposal: Proposal, user) -> WorkPlanItem:
    """Take a proposal into the beat's work plan: a task due in 30 days, the proposal planned.

    Refused (ValidationError) for a proposal that is done, declined or already planned.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status in (ProposalStatus.DONE, ProposalStatus.DECLINED):
        raise ValidationError(
            _("A proposal that is done or declined cannot be added to the work plan."),
            code="closed",
        )
    if proposal.plan_items.exists():
        raise ValidationError(
            _("This proposal is already in the work plan."), code="already_planned"
        )
    item = WorkPlanItem(
        beat_id=proposal.beat_id,
        proposal=proposal,
        title=plan_title(proposal.text),
        due_on=timezone.localdate() + datetime.timedelta(days=PLAN_DUE_DAYS),
        created_by=user,
    )
    item.full_clean()
    item.save()
    proposal.status = ProposalStatus.PLANNED
    proposal._history_user = user
    proposal.save(update_fields=["status"])
    return item
