"""Meetings with residents, and the proposals and problems residents raise at them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView

from districts.filters.meetings import MeetingFilter, ProposalFilter
from districts.forms.meetings import MeetingForm, ProposalFormSet, ProposalStatusForm
from districts.models import Meeting, MeetingStatus, Proposal, ProposalStatus
from districts.services import submissions
from districts.services.meetings import meeting_save, proposal_add_to_plan
from districts.views.base import (
    RecordCreateView,
    RecordListView,
    RecordUpdateView,
    ScopedMixin,
)
from portal import policy

# --- meetings ------------------------------------------------------------------------------


@policy.guard("workspace.view")
class MeetingList(RecordListView):
    model = Meeting
    filterset_class = MeetingFilter
    columns = (
        ("kind", _("Kind")),
        ("beat", _("Beat")),
        ("held_at", _("Date and time")),
        ("place", _("Place")),
        ("attendance", _("Attendance")),
        ("proposal_count", _("Proposals")),
        ("status", _("Status")),
    )
    create_url_name = "meeting-create"
    detail_url_name = "meeting-detail"
    template_name = "districts/meetings/meeting_list.html"

    def get_queryset(self):
        # Newest first with a tie-breaker: the order of the (held_at, id) index.
        return super().get_queryset().order_by("-held_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The proposals of the page's meetings only, counted in one grouped query: counting
        # them in the list's query would group every meeting in scope before the page.
        meetings = list(context["object_list"])
        counts = dict(
            Proposal.objects.filter(meeting__in=meetings)
            .order_by()
            .values_list("meeting")
            .annotate(n=Count("pk"))
        )
        for meeting in meetings:
            meeting.proposal_count = counts.get(meeting.pk, 0)
        return context

    def row_class(self, obj):
        return "text-body-secondary" if obj.status == MeetingStatus.CANCELLED else ""


@policy.guard("workspace.view")
class MeetingDetail(ScopedMixin, DetailView):
    model = Meeting
    related = ("beat__police_point__department__area", "created_by")
    template_name = "districts/meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = self.object.proposals.order_by("created_at", "pk")
        return context


class MeetingFormMixin:
    """The meeting's form with the formset of proposals under it, saved together."""

    model = Meeting
    form_class = MeetingForm
    list_url_name = "meeting-list"
    template_name = "districts/meetings/meeting_form.html"
    success_message = _("The meeting is saved.")

    def get_formset(self):
        kwargs = {"instance": self.object or Meeting(), "prefix": "proposals"}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        formset = ProposalFormSet(**kwargs)
        if not policy.may(self.request.user, "workspace.record"):
            formset.extra = 0  # a reader has no use for empty rows
            formset.disable()
        return formset

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.editing else None
        form = self.get_form()
        formset = self.get_formset()
        # Validate both, so every error is shown at once.
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if not (form_ok and formset_ok):
            messages.error(request, _("Please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        self.object = meeting_save(form=form, formset=formset, user=request.user)
        messages.success(request, self.success_message)
        return redirect(self.object.get_absolute_url())


@policy.guard("workspace.record")
class MeetingCreate(MeetingFormMixin, RecordCreateView):
    editing = False


@policy.guard("workspace.view", write="workspace.record")
class MeetingUpdate(MeetingFormMixin, RecordUpdateView):
    editing = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        return context


# --- proposals -----------------------------------------------------------------------------


@policy.guard("workspace.view")
class ProposalList(RecordListView):
    model = Proposal
    related = ("beat__police_point__department__area", "meeting")
    filterset_class = ProposalFilter
    columns = (
        ("summary", _("What residents raised")),
        ("kind", _("Kind")),
        ("source", _("Source")),
        ("beat", _("Beat")),
        ("meeting", _("Meeting")),
        ("created_at", _("Recorded")),
        ("status", _("Status")),
    )
    edit_url_name = "proposal-edit"
    template_name = "districts/meetings/proposal_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().annotate(summary=Substr("text", 1, 100))
        return queryset.order_by("-created_at", "-pk")


@policy.guard("workspace.view", write="workspace.record")
class ProposalUpdate(RecordUpdateView):
    model = Proposal
    related = ("beat__police_point__department__area", "meeting", "submission")
    form_class = ProposalStatusForm
    list_url_name = "proposal-list"
    template_name = "districts/meetings/proposal_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        context["plan_items"] = list(proposal.plan_items.order_by("due_on", "pk"))
        context["can_add_to_plan"] = (
            context["can_write"]
            and not context["plan_items"]
            and proposal.status in (ProposalStatus.NEW, ProposalStatus.PLANNED)
        )
        context["status_changes"] = status_changes(proposal)
        context["submission"] = getattr(proposal, "submission", None)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        submissions.submission_answered(self.object)
        return response


def status_changes(proposal):
    """The proposal's history reduced to changes of status, newest first."""
    records = proposal.history.select_related("history_user").order_by("history_date", "pk")
    changes, previous = [], None
    for record in records:
        if record.status != previous:
            changes.append(record)
            previous = record.status
    labels = dict(ProposalStatus.choices)
    for record in changes:
        record.status_label = labels.get(record.status, record.status)
    return changes[::-1]


@policy.guard("workspace.record")
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_add_to_plan_view(request, pk):
    """POST: take the proposal into the work plan. GET just leads back to the proposal."""
    proposal = policy.get_scoped_or_404(request.user, Proposal.objects.all(), pk=pk)
    if request.method == "POST":
        try:
            proposal_add_to_plan(proposal=proposal, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The proposal is added to the work plan."))
    return redirect("proposal-edit", pk=proposal.pk)
