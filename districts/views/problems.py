"""Problem places of a beat: list, record, status history, measures and an offline plan."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from districts.filters.base import scoped_beats
from districts.filters.problems import SPOT_ORDERING, ProblemSpotFilter, ProblemSpotListFilter
from districts.forms.problems import ProblemMeasureForm, ProblemSpotForm
from districts.models import ProblemSpot, ProblemStatus
from districts.plan import build_plan
from districts.services.problems import problem_measure_create, problem_status_history
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy

SPOT_RELATED = ("beat__police_point__department__area",)
# Colours and shapes of the plan's markers: the shape tells the status without colour.
STATUS_MARKERS = {
    ProblemStatus.OPEN: ("circle", "#b02a37"),
    ProblemStatus.IN_WORK: ("square", "#8a4b00"),
    ProblemStatus.RESOLVED: ("diamond", "#146c43"),
}


@policy.guard("workspace.view")
class ProblemSpotList(RecordListView):
    model = ProblemSpot
    filterset_class = ProblemSpotListFilter
    template_name = "districts/problems/list.html"
    columns = (
        ("address", _("Address or place")),
        ("kind", _("Kind")),
        ("beat", _("Beat")),
        ("status", _("Status")),
        ("resolved_on", _("Resolved on")),
        ("measure_count", _("Measures")),
    )
    create_url_name = "problem-create"
    detail_url_name = "problem-detail"

    def get_queryset(self):
        queryset = super().get_queryset().annotate(measure_count=Count("measures"))
        # Meta.ordering is not applied to a grouped query: order explicitly.
        return queryset.order_by(*SPOT_ORDERING)

    def row_class(self, obj):
        return "text-body-secondary" if obj.status == ProblemStatus.RESOLVED else ""


class ProblemSpotFormMixin:
    model = ProblemSpot
    form_class = ProblemSpotForm
    list_url_name = "problem-list"


@policy.guard("workspace.record")
class ProblemSpotCreate(ProblemSpotFormMixin, RecordCreateView):
    success_message = _("The problem place is recorded. Add the measures taken below.")


@policy.guard("workspace.view", write="workspace.record")
class ProblemSpotUpdate(ProblemSpotFormMixin, RecordUpdateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("problem-detail", args=[self.object.pk])
        return context


def _scoped_spot(request, pk):
    return policy.get_scoped_or_404(
        request.user, ProblemSpot.objects.select_related(*SPOT_RELATED), pk=pk
    )


def _render_detail(request, spot, measure_form):
    can_write = policy.may(request.user, "workspace.record")
    context = {
        "spot": spot,
        "status_history": problem_status_history(spot=spot),
        "measures": spot.measures.all(),
        "measure_form": measure_form if can_write else None,
        "can_write": can_write,
    }
    return render(request, "districts/problems/detail.html", context)


def _empty_measure_form(user):
    return ProblemMeasureForm(user=user, initial={"date": timezone.localdate()})


@policy.guard("workspace.view")
@require_safe
def problem_detail(request, pk):
    spot = _scoped_spot(request, pk)
    return _render_detail(request, spot, _empty_measure_form(request.user))


@policy.guard("workspace.record")
@require_http_methods(["GET", "HEAD", "POST"])
def problem_measure_add(request, pk):
    """Record a measure from the form on the place's page; errors show on that page."""
    spot = _scoped_spot(request, pk)
    detail_url = reverse("problem-detail", args=[spot.pk])
    if request.method != "POST":
        return redirect(f"{detail_url}#add-measure")
    form = ProblemMeasureForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            measure = problem_measure_create(spot=spot, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The measure is recorded."))
            return redirect(measure.get_absolute_url())
    messages.error(request, _("Please correct the errors below."))
    return _render_detail(request, spot, form)


@policy.guard("workspace.view")
@require_safe
def problem_plan(request):
    """The problem places of one beat on a plan drawn on the server (works offline)."""
    data = request.GET.copy()
    if not data.get("beat"):
        # A user with a single beat sees it at once; others choose.
        only = list(scoped_beats(request).values_list("pk", flat=True)[:2])
        if len(only) == 1:
            data["beat"] = str(only[0])
    queryset = policy.scoped(
        request.user, ProblemSpot.objects.select_related("beat").order_by(*SPOT_ORDERING)
    )
    filterset = ProblemSpotFilter(data, queryset=queryset, request=request)
    beat = filterset.form.cleaned_data.get("beat") if filterset.is_valid() else None
    places = list(filterset.qs) if beat else []
    plan = build_plan(places)
    markers = [
        (marker, *STATUS_MARKERS.get(marker.place.status, STATUS_MARKERS[ProblemStatus.OPEN]))
        for marker in plan.markers
    ]
    context = {
        "filter": filterset,
        "beat": beat,
        "plan": plan,
        "markers": markers,
        "without_coordinates": [place for place in places if not place.has_coordinates],
        "legend": [
            (label, *STATUS_MARKERS[ProblemStatus(value)]) for value, label in ProblemStatus.choices
        ],
        "can_write": policy.may(request.user, "workspace.record"),
    }
    return render(request, "districts/problems/plan.html", context)
