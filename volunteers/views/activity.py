"""Trainings and briefings of assistants, their duty log and the duty totals.

Lists read through `portal.policy.scoped`; these pages show assistants by name, beat
and registration number only: nobody needs their personal data here.
"""

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView

from districts.views.base import RecordFormMixin, RecordListView
from portal import policy
from portal.periods import Quarter
from portal.query_params import parse_id
from volunteers.filters.activity import DutyFilter, TrainingFilter
from volunteers.forms.activity import DutyForm, PeriodForm, TrainingForm
from volunteers.models import Assistant, AssistantStatus, Duty, Training, TrainingKind
from volunteers.selectors.activity import duty_totals

NAME_FIELDS = ("id", "last_name", "first_name", "middle_name")


class WriteRuleMixin:
    """`can_write` in the context follows the action of the page's writing views."""

    write_action = "register.record"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = policy.may(self.request.user, self.write_action)
        return context


class ActivityListView(WriteRuleMixin, RecordListView):
    """A scoped list whose rows link to the edit page only for those who may open it."""

    template_name = "volunteers/activity/list.html"
    extra_links = ()  # (url name, label, icon)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_links"] = self.extra_links
        # Readers without the right to edit get plain rows rather than links to a 403.
        edit = self.edit_url_name if context["can_write"] else None
        context["row_url_name"] = self.detail_url_name or edit
        return context


class ActivityCreateView(WriteRuleMixin, RecordFormMixin, CreateView):
    pass


class ActivityUpdateView(WriteRuleMixin, RecordFormMixin, UpdateView):
    pass


# --- trainings and briefings ------------------------------------------------------------------


@policy.guard("register.view")
class TrainingList(ActivityListView):
    model = Training
    related = ("area", "police_point")
    filterset_class = TrainingFilter
    columns = (
        ("date", _("Date")),
        ("kind", _("Kind")),
        ("area", _("Area")),
        ("police_point", _("Police point")),
        ("held_by", _("Held by")),
        ("topic", _("Topic")),
        ("attendee_names", _("Attended")),
    )
    create_url_name = "training-create"
    edit_url_name = "training-edit"

    def get_queryset(self):
        attendees = Assistant.objects.only(*NAME_FIELDS).order_by("last_name", "first_name")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("attendees", queryset=attendees))
            .order_by("-date", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for training in context["object_list"]:
            names = [a.full_name for a in training.attendees.all()]
            training.attendee_names = f"{len(names)}: {', '.join(names)}" if names else "—"
        return context


class TrainingFormMixin:
    model = Training
    form_class = TrainingForm
    related = ("area", "police_point")
    list_url_name = "training-list"
    template_name = "volunteers/activity/training_form.html"


@policy.guard("register.record")
class TrainingCreate(TrainingFormMixin, ActivityCreateView):
    """A training or briefing. Opened from an assistant's record to meet a prerequisite
    (`?kind=art7_briefing&attendee=<id>`), the form comes filled in for them, and saving
    leads back to their record, where the step it unblocks is now offered."""

    success_message = _("The training is recorded.")

    def prefilled_attendee(self):
        """The assistant the form was opened for: in the user's scope, or nobody."""
        attendee_id = parse_id(self.request.GET.get("attendee"))
        if attendee_id is None:
            return None
        assistants = policy.scoped(self.request.user, Assistant.objects.all())
        return assistants.filter(pk=attendee_id).first()

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("kind") in TrainingKind.values:
            initial["kind"] = self.request.GET["kind"]
        attendee = self.prefilled_attendee()
        if attendee is not None:
            initial["attendees"] = [attendee.pk]
        return initial

    def get_success_url(self):
        attendee = self.prefilled_attendee()
        if attendee is not None and self.object.attendees.filter(pk=attendee.pk).exists():
            return attendee.get_absolute_url()
        return super().get_success_url()


@policy.guard("register.record")
class TrainingUpdate(TrainingFormMixin, ActivityUpdateView):
    pass


# --- the duty log -----------------------------------------------------------------------------


@policy.guard("register.view")
class DutyList(ActivityListView):
    model = Duty
    related = ("assistant", "beat", "supervisor")
    write_action = "duty.record"
    filterset_class = DutyFilter
    columns = (
        ("date", _("Date")),
        ("assistant", _("Public assistant")),
        ("kind", _("Kind")),
        ("hours", _("Hours")),
        ("beat", _("Beat")),
        ("supervisor", _("Supervising inspector")),
        ("offences_stopped", _("Offences stopped")),
        ("persons_handed_over", _("Handed over to the police")),
    )
    create_url_name = "duty-create"
    edit_url_name = "duty-edit"
    extra_links = (("duty-totals", _("Totals per assistant"), "bi-calculator"),)

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_totals"] = self.filterset.qs.order_by().aggregate(
            hours=Coalesce(Sum("hours"), Value(0), output_field=DecimalField()),
            offences=Coalesce(Sum("offences_stopped"), 0),
            handed_over=Coalesce(Sum("persons_handed_over"), 0),
        )
        return context


class DutyFormMixin:
    model = Duty
    form_class = DutyForm
    related = ("assistant", "beat", "supervisor")
    list_url_name = "duty-list"
    write_action = "duty.record"


@policy.guard("duty.record")
class DutyCreate(DutyFormMixin, ActivityCreateView):
    success_message = _("The duty is recorded.")


@policy.guard("duty.record")
class DutyUpdate(DutyFormMixin, ActivityUpdateView):
    pass


TOTALS_ORDER = {
    "name": ("last_name", "first_name", "pk"),
    "hours": ("-quarter_hours", "-year_hours", "last_name", "first_name", "pk"),
    "year_hours": ("-year_hours", "-quarter_hours", "last_name", "first_name", "pk"),
}


@policy.guard("register.view")
def duty_totals_page(request):
    """Hours, duties and outcomes per assistant for a quarter and its year."""
    period = PeriodForm(request.GET, quarter="required")
    year, quarter = period.period()
    order = request.GET.get("order")
    if order not in TOTALS_ORDER:
        order = "hours"
    assistants = policy.scoped(request.user, Assistant.objects.all())
    rows = (
        duty_totals(assistants.select_related("beat"), year=year, quarter=quarter)
        .filter(Q(status=AssistantStatus.ACTIVE) | Q(year_duties__gt=0))
        .order_by(*TOTALS_ORDER[order])
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    in_year = Q(date__year=year)
    this_quarter = Quarter(year, quarter)
    in_quarter = Q(date__gte=this_quarter.start, date__lt=this_quarter.end)
    scope_duties = Duty.objects.filter(assistant__in=assistants).order_by()
    summary = scope_duties.aggregate(
        quarter_hours=Sum("hours", filter=in_quarter),
        quarter_duties=Count("pk", filter=in_quarter),
        year_hours=Sum("hours", filter=in_year),
        year_duties=Count("pk", filter=in_year),
    )
    return render(
        request,
        "volunteers/activity/duty_totals.html",
        {
            "period": period,
            "year": year,
            "quarter": quarter,
            "order": order,
            "page_obj": page,
            "rows": page.object_list,
            "summary": summary,
        },
    )
