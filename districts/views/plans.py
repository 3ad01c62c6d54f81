"""Positive cases of residents' trust, and the beat's work plan."""

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from districts.filters.plans import CLOSED_STATUSES, TrustCaseFilter, WorkPlanItemFilter
from districts.forms.plans import TrustCaseForm, WorkPlanItemForm
from districts.models import TrustCase, WorkPlanItem
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy

OVERDUE_ROW = "table-danger border-danger overdue"


def is_overdue(item, today=None):
    """A plan item past its due date that is neither done nor cancelled."""
    return item.status not in CLOSED_STATUSES and item.due_on < (today or timezone.localdate())


# --- positive cases --------------------------------------------------------------------------


@policy.guard("workspace.view")
class TrustCaseList(RecordListView):
    model = TrustCase
    filterset_class = TrustCaseFilter
    columns = (
        ("title", _("Title")),
        ("beat", _("Beat")),
        ("date", _("Date")),
    )
    create_url_name = "trustcase-create"
    edit_url_name = "trustcase-edit"


class TrustCaseFormMixin:
    model = TrustCase
    form_class = TrustCaseForm
    list_url_name = "trustcase-list"
    today_fields = ("date",)


@policy.guard("workspace.record")
class TrustCaseCreate(TrustCaseFormMixin, RecordCreateView):
    success_message = _("The positive case is recorded.")


@policy.guard("workspace.view", write="workspace.record")
class TrustCaseUpdate(TrustCaseFormMixin, RecordUpdateView):
    pass


# --- work plan -------------------------------------------------------------------------------


@policy.guard("workspace.view")
class WorkPlanList(RecordListView):
    model = WorkPlanItem
    related = (*RecordListView.related, "proposal")
    filterset_class = WorkPlanItemFilter
    columns = (
        ("title", _("Task")),
        ("beat", _("Beat")),
        ("due_on", _("Due by")),
        ("status", _("Status")),
        ("done_on", _("Done on")),
        ("proposal", _("From residents' proposal")),
    )
    create_url_name = "workplan-create"
    edit_url_name = "workplan-edit"

    def get_queryset(self):
        # Open tasks first, each group by due date.
        closed_last = Case(
            When(status__in=CLOSED_STATUSES, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return super().get_queryset().order_by(closed_last, "due_on", "pk")

    @cached_property
    def today(self):
        return timezone.localdate()

    def row_class(self, obj):
        return OVERDUE_ROW if is_overdue(obj, self.today) else ""


class WorkPlanFormMixin:
    model = WorkPlanItem
    form_class = WorkPlanItemForm
    list_url_name = "workplan-list"


@policy.guard("workspace.record")
class WorkPlanCreate(WorkPlanFormMixin, RecordCreateView):
    success_message = _("The task is added to the work plan.")


@policy.guard("workspace.view", write="workspace.record")
class WorkPlanUpdate(WorkPlanFormMixin, RecordUpdateView):
    pass
