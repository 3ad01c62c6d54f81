"""Preventive visits: seen by the police alone (the model's view_action)."""

from django.utils.translation import gettext_lazy as _

from districts.filters.prevention import PreventiveVisitFilter
from districts.forms.prevention import PreventiveVisitForm
from districts.models import PreventiveVisit
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy


@policy.guard("workspace.view")
class PreventiveVisitList(RecordListView):
    model = PreventiveVisit
    filterset_class = PreventiveVisitFilter
    columns = (
        ("category", _("Category")),
        ("date", _("Date")),
        ("beat", _("Beat")),
        ("address", _("Address")),
        ("reference", _("Internal reference")),
    )
    create_url_name = "preventive-create"
    edit_url_name = "preventive-edit"
    template_name = "districts/prevention/list.html"


class PreventiveVisitFormMixin:
    model = PreventiveVisit
    form_class = PreventiveVisitForm
    list_url_name = "preventive-list"
    today_fields = ("date",)


@policy.guard("workspace.record")
class PreventiveVisitCreate(PreventiveVisitFormMixin, RecordCreateView):
    success_message = _("The preventive visit is recorded.")


@policy.guard("workspace.view", write="workspace.record")
class PreventiveVisitUpdate(PreventiveVisitFormMixin, RecordUpdateView):
    pass
