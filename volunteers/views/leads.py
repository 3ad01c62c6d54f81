"""The police's queue of residents' interests in becoming an assistant or volunteer (sent
from the public page of an area, volunteers.views.join).

A lead is the police's own: the inspector of the beat the resident named, else the police
of the area (`portal.policy`, "register.leads"); an outsider's guess of an id is a 404.
The list shows names only; the contact is on the lead's page, whose every view is logged
as a view of personal data. Converting an assistant's lead opens the register's
application form, filled in with the name (volunteers.views.assistants.assistant_apply).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from audit import record as audit
from districts.views.base import RecordListView
from portal import policy
from volunteers.filters.leads import LeadFilter
from volunteers.forms.assistants import add_errors
from volunteers.forms.leads import LeadDeclineForm, LeadNoteForm
from volunteers.models import InterestLead, LeadKind
from volunteers.services import leads as services
from volunteers.services.lifecycle import StepRefused

LEAD_RELATED = ("area", "beat__inspector", "handled_by", "assistant")


@policy.guard("register.leads")
class LeadList(RecordListView):
    model = InterestLead
    related = ("area", "beat")
    filterset_class = LeadFilter
    columns = (
        ("name", _("Name")),
        ("kind", _("Interested in")),
        ("beat", _("Beat")),
        ("residence", _("Street or beat of residence")),
        ("created_at", _("Received")),
        ("status", _("Status")),
    )
    detail_url_name = "lead-detail"

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-pk")


def scoped_lead(request, pk):
    queryset = InterestLead.objects.select_related(*LEAD_RELATED)
    return policy.get_scoped_or_404(request.user, queryset, pk=pk)


def render_lead(request, lead, *, bound=None, status=200):
    bound = bound or {}
    # The page shows the resident's contact: logged as seen.
    audit.personal_data_seen(request, [lead], event="view")
    context = {
        "lead": lead,
        "contacted_form": bound.get("contacted") or LeadNoteForm(prefix="contacted"),
        "decline_form": bound.get("decline") or LeadDeclineForm(prefix="decline"),
        "apply_url": f"{reverse('assistant-apply')}?lead={lead.pk}"
        if lead.kind == LeadKind.ASSISTANT and policy.may(request.user, "register.apply")
        else None,
        "history": lead.history.select_related("history_user").order_by("-history_date")[:20],
    }
    return render(request, "volunteers/leads/detail.html", context, status=status)


@policy.guard("register.leads")
@require_safe
def lead_detail(request, pk):
    return render_lead(request, scoped_lead(request, pk))


def _step_view(step, form_class, service, done):
    @policy.guard("register.leads")
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, pk):
        lead = scoped_lead(request, pk)
        if request.method != "POST":
            return redirect(lead)  # the forms live on the lead's page
        form = form_class(request.POST, prefix=step) if form_class else None
        if form is None or form.is_valid():
            kwargs = {"note": form.cleaned_data["note"]} if form else {}
            try:
                service(lead=lead, user=request.user, **kwargs)
            except StepRefused as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect(lead)
                add_errors(form, error)
            else:
                messages.success(request, done)
                return redirect(lead)
        messages.error(request, _("Nothing was changed: please correct the errors below."))
        return render_lead(request, lead, bound={step: form}, status=400)

    view.__name__ = view.__qualname__ = f"lead_{step}"
    return view


lead_contacted = _step_view(
    "contacted", LeadNoteForm, services.lead_contacted, _("Marked as contacted.")
)
lead_decline = _step_view("decline", LeadDeclineForm, services.lead_decline, _("Declined."))
# A volunteer's interest is closed when the police pass it on (the akimat keeps volunteers).
lead_convert = _step_view(
    "convert", None, services.lead_convert, _("Marked as passed on to an application.")
)
