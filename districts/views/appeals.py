"""Appeals from residents, and consultations and help given."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from districts.filters.appeals import AppealFilter, ServiceRecordFilter
from districts.forms.appeals import AppealForm, ServiceRecordForm
from districts.models import Appeal, ServiceRecord
from districts.services import submissions
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy


@policy.guard("workspace.view")
class AppealList(RecordListView):
    model = Appeal
    filterset_class = AppealFilter
    columns = (
        ("subject", _("Subject")),
        ("beat", _("Beat")),
        ("channel", _("Channel")),
        ("received_on", _("Received")),
        ("due_on", _("Due by")),
        ("status", _("Status")),
    )
    create_url_name = "appeal-create"
    edit_url_name = "appeal-edit"

    def row_class(self, obj):
        return "table-danger border-danger overdue" if obj.is_overdue else ""


class AppealFormMixin:
    model = Appeal
    form_class = AppealForm
    list_url_name = "appeal-list"
    today_fields = ("received_on",)


@policy.guard("workspace.record")
class AppealCreate(AppealFormMixin, RecordCreateView):
    success_message = _("The appeal is registered.")


@policy.guard("workspace.view", write="workspace.record")
class AppealUpdate(AppealFormMixin, RecordUpdateView):
    related = ("beat__police_point__department__area", "submission")
    template_name = "districts/records/appeal_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A reverse one-to-one raises an AttributeError subclass when there is none.
        context["submission"] = getattr(self.object, "submission", None)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        submissions.submission_answered(self.object)
        return response


@policy.guard("workspace.view")
class ServiceRecordList(RecordListView):
    model = ServiceRecord
    filterset_class = ServiceRecordFilter
    columns = (
        ("kind", _("Kind")),
        ("beat", _("Beat")),
        ("date", _("Date")),
        ("count", _("How many")),
        ("note", _("Note")),
    )
    create_url_name = "service-create"
    edit_url_name = "service-edit"
    template_name = "districts/records/service_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Totals by kind for the filtered records: one grouped query.
        totals = self.filterset.qs.order_by().values("kind").annotate(total=Sum("count"))
        labels = dict(ServiceRecord._meta.get_field("kind").choices)
        context["totals"] = [(labels[row["kind"]], row["total"]) for row in totals]
        return context


class ServiceRecordFormMixin:
    model = ServiceRecord
    form_class = ServiceRecordForm
    list_url_name = "service-list"
    today_fields = ("date",)


@policy.guard("workspace.record")
class ServiceRecordCreate(ServiceRecordFormMixin, RecordCreateView):
    pass


@policy.guard("workspace.view", write="workspace.record")
class ServiceRecordUpdate(ServiceRecordFormMixin, RecordUpdateView):
    pass
