"""The inspector's own trainings and studies of digital services (Appendix B, section 5)."""

from django.utils.translation import gettext_lazy as _

from districts.filters.development import InspectorStudyFilter
from districts.forms.development import InspectorStudyForm
from districts.models import InspectorStudy
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy


@policy.guard("workspace.view")
class InspectorStudyList(RecordListView):
    model = InspectorStudy
    filterset_class = InspectorStudyFilter
    columns = (
        ("topic", _("Topic")),
        ("kind", _("Kind")),
        ("date", _("Date")),
        ("beat", _("Beat")),
        ("hours", _("Hours")),
    )
    create_url_name = "study-create"
    edit_url_name = "study-edit"


class InspectorStudyFormMixin:
    model = InspectorStudy
    form_class = InspectorStudyForm
    list_url_name = "study-list"
    today_fields = ("date",)


@policy.guard("workspace.record")
class InspectorStudyCreate(InspectorStudyFormMixin, RecordCreateView):
    success_message = _("The training or study is recorded.")


@policy.guard("workspace.view", write="workspace.record")
class InspectorStudyUpdate(InspectorStudyFormMixin, RecordUpdateView):
    pass
