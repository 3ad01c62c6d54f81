"""Partner organisations of an area, shared by its police, akimat and public council."""

from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from councils.filters.shared_records import PartnerFilter
from councils.forms.partners import PartnerForm
from councils.models import PartnerOrganization
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy


class SharedRecordMixin:
    """Records shared within an area: read by any staff in scope, changed by action recorders."""

    related = ("area",)
    write_action = "action.record"

    def may_write(self):
        return policy.may(self.request.user, self.write_action)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = self.may_write()
        return context


class SharedUpdateMixin(SharedRecordMixin):
    """A record's page: an editable form for action recorders, read-only for other staff."""

    def get_form(self, form_class=None):
        form = super(RecordUpdateView, self).get_form(form_class)
        if not self.may_write():
            for field in form.fields.values():
                field.disabled = True
        return form


@policy.guard("council.view")
class PartnerList(SharedRecordMixin, RecordListView):
    model = PartnerOrganization
    filterset_class = PartnerFilter
    columns = (
        ("name", _("Name")),
        ("kind", _("Kind")),
        ("area", _("Area")),
        ("contact_person", _("Contact person")),
        ("phone", _("Phone")),
        ("helps_summary", _("What they help with")),
    )
    create_url_name = "partner-create"
    edit_url_name = "partner-edit"
    template_name = "councils/partners/partner_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().annotate(helps_summary=Substr("helps_with", 1, 100))
        return queryset.order_by("name", "pk")


class PartnerFormMixin(SharedRecordMixin):
    model = PartnerOrganization
    form_class = PartnerForm
    list_url_name = "partner-list"
    template_name = "councils/partners/partner_form.html"
    success_message = _("The partner organisation is saved.")


@policy.guard("action.record")
class PartnerCreate(PartnerFormMixin, RecordCreateView):
    pass


@policy.guard("council.view", write="action.record")
class PartnerUpdate(PartnerFormMixin, SharedUpdateMixin, RecordUpdateView):
    pass
