"""Encouragement: commission decisions with their awards, the area budget, the candidates.

The commission's decisions and the budget are the akimat's business: registrars of the
area record them, the region's registrars read them. The candidates ranking reads the
duty log, so the police see it for the assistants of their beats.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import Area
from portal import policy
from portal.query_params import parse_id
from volunteers.filters.activity import CommissionDecisionFilter
from volunteers.forms.activity import PeriodForm
from volunteers.forms.encouragement import (
    BudgetLineForm,
    CommissionDecisionForm,
    EncouragementForm,
)
from volunteers.models import (
    Assistant,
    AssistantStatus,
    BudgetLine,
    CommissionDecision,
    Encouragement,
)
from volunteers.selectors.activity import (
    areas_with_budget,
    budget_state,
    duty_totals,
    mrp_of,
)
from volunteers.services.encouragement import budget_set, encouragement_record
from volunteers.views.activity import ActivityCreateView, ActivityListView


def add_refusal(form, refused: ValidationError):
    """Show a service's refusal next to the fields it names (the rest above the form)."""
    if hasattr(refused, "error_dict"):
        for field, errors in refused.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refused)


# --- commission decisions ---------------------------------------------------------------------


@policy.guard("encouragement.view")
class CommissionList(ActivityListView):
    model = CommissionDecision
    related = ("area",)
    filterset_class = CommissionDecisionFilter
    columns = (
        ("date", _("Date of the decision")),
        ("level", _("Commission")),
        ("area", _("Area")),
        ("award_count", _("Encouragements")),
        ("award_cost", _("Cost, KZT")),
    )
    create_url_name = "commission-create"
    detail_url_name = "commission-detail"
    extra_links = (
        ("encouragement-candidates", _("Candidates"), "bi-trophy"),
        ("budget-overview", _("Budget"), "bi-cash-coin"),
    )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                award_count=Count("encouragements"),
                award_cost=Coalesce(
                    Sum("encouragements__cost_kzt"),
                    Value(0),
                    output_field=DecimalField(max_digits=14, decimal_places=2),
                ),
            )
            .order_by("-date", "-pk")
        )


@policy.guard("register.record")
class CommissionCreate(ActivityCreateView):
    model = CommissionDecision
    form_class = CommissionDecisionForm
    related = ("area",)
    list_url_name = "commission-list"
    success_message = _("The commission's decision is recorded: now add its encouragements.")


def _decision_page(request, decision, form):
    awards = (
        policy.scoped(request.user, decision.encouragements.all())
        .select_related("assistant__beat")
        .order_by("resolution_date", "pk")
    )
    year = decision.date.year
    return render(
        request,
        "volunteers/encouragement/commission_detail.html",
        {
            "decision": decision,
            "awards": awards,
            "form": form,
            "can_write": policy.may(request.user, "register.record"),
            "budget_year": year,
            "budget": budget_state(decision.area_id, year),
            "mrp": mrp_of(year),
        },
    )


def _scoped_decision(request, pk):
    decisions = CommissionDecision.objects.select_related("area")
    return policy.get_scoped_or_404(request.user, decisions, pk=pk)


@policy.guard("encouragement.view")
def commission_detail(request, pk):
    decision = _scoped_decision(request, pk)
    form = None
    if policy.may(request.user, "register.record"):
        form = EncouragementForm(user=request.user, decision=decision)
    return _decision_page(request, decision, form)


@policy.guard("register.record")
def encouragement_create(request, pk):
    """Add an award to a commission's decision; the service checks the money and the budget."""
    decision = _scoped_decision(request, pk)
    form = EncouragementForm(request.POST or None, user=request.user, decision=decision)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                award = encouragement_record(
                    decision=decision,
                    user=request.user,
                    assistant=data["assistant"],
                    resolution_number=data["resolution_number"],
                    resolution_date=data["resolution_date"],
                    kind=data["kind"],
                    amount_kzt=data["amount_kzt"],
                    amount_mrp=data["amount_mrp"],
                )
            except ValidationError as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, _("The encouragement is recorded."))
                return redirect(award.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "volunteers/encouragement/encouragement_form.html",
        {
            "decision": decision,
            "form": form,
            "budget_year": _resolution_year(form),
            "budget": budget_state(decision.area_id, _resolution_year(form)),
            "mrp": mrp_of(_resolution_year(form)),
        },
    )


def _resolution_year(form):
    day = None
    if form.is_bound and not form.errors.get("resolution_date"):
        day = form.cleaned_data.get("resolution_date")
    return (day or form.initial["resolution_date"]).year


# --- the budget -------------------------------------------------------------------------------


@policy.guard("encouragement.view")
def budget_overview(request):
    """Per area of the user's scope: the year's budget line, what is used and what is left."""
    period = PeriodForm(request.GET, quarter="none")
    year, _quarter = period.period()
    areas = areas_with_budget(
        policy.scoped(request.user, Area.objects.select_related("region")), year=year
    ).order_by("region__name", "name")
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/encouragement/budget_overview.html",
        {
            "period": period,
            "year": year,
            "page_obj": page,
            "rows": page.object_list,
            "mrp": mrp_of(year),
            "can_write": policy.may(request.user, "register.record"),
        },
    )


@policy.guard("register.record")
def budget_edit(request):
    """Set the encouragement budget of the user's area (an administrator: any area) for a year."""
    user = request.user
    year, _quarter = PeriodForm(request.GET, quarter="none").period()
    area_id = user.area_id
    if user.is_administrator:
        area_id = parse_id(request.GET.get("area"))
    initial = {"year": year, "area": area_id}
    line = policy.scoped(user, BudgetLine.objects.all()).filter(area_id=area_id, year=year).first()
    if line is not None:
        initial["amount_kzt"] = line.amount_kzt
    form = BudgetLineForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                budget_set(
                    area=data["area"], year=data["year"], amount_kzt=data["amount_kzt"], user=user
                )
            except ValidationError as refused:
                add_refusal(form, refused)
            else:
                messages.success(request, _("The budget line is saved."))
                return redirect(f"{reverse('budget-overview')}?year={data['year']}")
        messages.error(request, _("Please correct the errors below."))
    state = budget_state(area_id, year) if area_id else None
    return render(
        request,
        "volunteers/encouragement/budget_form.html",
        {
            "form": form,
            "year": year,
            "state": state,
            "area_name": None if user.is_administrator else user.area,
        },
    )


# --- candidates -------------------------------------------------------------------------------


@policy.guard("register.view")
def encouragement_candidates(request):
    """Active assistants ranked by hours on duty, then by outcomes, for a year or a quarter."""
    period = PeriodForm(request.GET)
    year, quarter = period.period()
    prefix = "quarter" if quarter else "year"
    assistants = policy.scoped(
        request.user, Assistant.objects.filter(status=AssistantStatus.ACTIVE)
    )
    awards = Encouragement.objects.filter(resolution_date__year=year).order_by("resolution_date")
    ranked = (
        duty_totals(assistants.select_related("beat"), year=year, quarter=quarter)
        .prefetch_related(Prefetch("encouragements", queryset=awards, to_attr="year_awards"))
        .order_by(f"-{prefix}_hours", f"-{prefix}_outcomes", "last_name", "first_name", "pk")
    )
    page = Paginator(ranked, 50).get_page(request.GET.get("page"))
    rows = []
    for rank, assistant in enumerate(page.object_list, start=page.start_index()):
        rows.append(
            {
                "rank": rank,
                "assistant": assistant,
                "hours": getattr(assistant, f"{prefix}_hours"),
                "duties": getattr(assistant, f"{prefix}_duties"),
                "offences": getattr(assistant, f"{prefix}_offences"),
                "handed_over": getattr(assistant, f"{prefix}_handed_over"),
                "outcomes": getattr(assistant, f"{prefix}_outcomes"),
            }
        )
    return render(
        request,
        "volunteers/encouragement/candidates.html",
        {
            "period": period,
            "year": year,
            "quarter": quarter,
            "page_obj": page,
            "rows": rows,
            "can_record": policy.may(request.user, "encouragement.view"),
        },
    )
