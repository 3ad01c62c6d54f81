"""Forms for positive cases and the beat's work plan."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm
from districts.models import Proposal, ProposalStatus, TrustCase, WorkPlanItem
from portal import policy


class TrustCaseForm(BeatRecordForm):
    class Meta:
        model = TrustCase
        fields = ["beat", "date", "title", "story"]


class WorkPlanItemForm(BeatRecordForm):
    """A task of the work plan, optionally taken from a residents' proposal of the same beat."""

    class Meta:
        model = WorkPlanItem
        fields = ["beat", "title", "proposal", "due_on", "status", "done_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # New proposals of the user's beats not yet in the plan, and the one already linked.
        in_plan = WorkPlanItem.objects.exclude(proposal=None).values("proposal_id")
        choices = Q(status=ProposalStatus.NEW) & ~Q(pk__in=in_plan)
        if self.instance.proposal_id:
            choices |= Q(pk=self.instance.proposal_id)
        field = self.fields["proposal"]
        field.queryset = (
            policy.scoped(self.user, Proposal.objects.select_related("beat"))
            .filter(choices)
            .order_by("-created_at")
        )
        field.label_from_instance = lambda proposal: f"{proposal.beat} · {proposal}"
        field.help_text = _("Only proposals of the same beat can be linked.")

    def save(self, commit=True):
        item = super().save(commit=commit)
        proposal = item.proposal
        # A new proposal taken into the plan is now "in the work plan".
        if commit and proposal is not None and proposal.status == ProposalStatus.NEW:
            proposal.status = ProposalStatus.PLANNED
            proposal._history_user = self.user
            proposal.save(update_fields=["status"])
        return item
