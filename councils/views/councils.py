"""Public councils at police bodies: councils and their members, sessions with attendance and
decisions, recommendations to the police, and the council secretary's start page.

Everyone on the staff reads the councils of their territory (the police those of their
department's area); the council secretary of the area and administrators change them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import CreateView, DetailView, UpdateView

from councils.composition import (
    attach_compositions,
    composition_of_members,
    with_composition_counts,
)
from councils.forms.councils import (
    CouncilFilter,
    CouncilMemberForm,
    CouncilSessionForm,
    PublicCouncilForm,
    RecommendationFilter,
    RecommendationForm,
    SessionDecisionForm,
)
from councils.membership import is_current, ordered_members
from councils.models import (
    CouncilMember,
    CouncilSession,
    PublicCouncil,
    Recommendation,
    SessionDecision,
)
from councils.quorum import session_quorum
from councils.selectors.councils import (
    OPEN_STATUSES,
    overdue_q,
    overview,
    sessions_with_counts,
    status_changes,
    with_overdue,
)
from councils.services.councils import decision_add, session_save
from districts.views.base import RecordFormMixin, RecordListView, ScopedMixin
from portal import policy
from portal.query_params import parse_id

COUNCIL_RELATED = ("department__area",)
CHILD_RELATED = ("council__department__area",)


def may_write(user):
    return policy.may(user, "council.record")


class CouncilScopedMixin(ScopedMixin):
    """Scoped reads; `can_write` says whether the user is a council secretary (or admin)."""

    related = COUNCIL_RELATED

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = may_write(self.request.user)
        return context


class CouncilFormMixin(CouncilScopedMixin, RecordFormMixin):
    """A council record's form; read-only (fields disabled, no Save) for those who only read."""

    template_name = "councils/councils/form.html"
    list_url_name = "council-list"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not may_write(self.request.user):
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_cancel_url(self):
        return reverse(self.list_url_name)


class ParentCouncilMixin:
    """Views under a council's URL: the council comes from the user's scope or is a 404."""

    def dispatch(self, request, *args, **kwargs):
        self.council = policy.get_scoped_or_404(
            request.user,
            PublicCouncil.objects.select_related(*COUNCIL_RELATED),
            pk=kwargs["council_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self):
        return reverse("council-detail", args=[self.council.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["council"] = self.council
        return context


# --- councils -----------------------------------------------------------------------------


@policy.guard("council.view")
class CouncilList(CouncilScopedMixin, RecordListView):
    model = PublicCouncil
    filterset_class = CouncilFilter
    template_name = "councils/councils/council_list.html"
    create_url_name = "council-create"
    detail_url_name = "council-detail"

    def get_queryset(self):
        return with_composition_counts(super().get_queryset()).order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["councils"] = attach_compositions(context["object_list"])
        return context


@policy.guard("council.view")
class CouncilDetail(CouncilScopedMixin, DetailView):
    model = PublicCouncil
    template_name = "councils/councils/council_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = self.object
        today = timezone.localdate()
        members = list(ordered_members(council.members.all()))
        composition = composition_of_members(council, members, today)
        sessions = sessions_with_counts(council.sessions.order_by("-held_at", "-pk"))
        counts = council.recommendations.aggregate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        context.update(
            members=[m for m in members if is_current(m, today)],
            former_members=[m for m in members if not is_current(m, today)],
            composition=composition,
            warnings=composition.warnings,
            sessions=list(sessions),
            recommendation_counts=counts,
            today=today,
        )
        return context


@policy.guard("council.record")
class CouncilCreate(CouncilFormMixin, CreateView):
    model = PublicCouncil
    form_class = PublicCouncilForm
    list_url_name = "council-list"
    success_message = _("The council is saved. Now add its members.")


@policy.guard("council.record")
class CouncilUpdate(CouncilFormMixin, UpdateView):
    model = PublicCouncil
    form_class = PublicCouncilForm
    list_url_name = "council-list"
    success_message = _("The council is saved.")

    def get_cancel_url(self):
        return reverse("council-detail", args=[self.object.pk])


# --- members ------------------------------------------------------------------------------


@policy.guard("council.record")
class CouncilMemberCreate(ParentCouncilMixin, CouncilFormMixin, CreateView):
    model = CouncilMember
    form_class = CouncilMemberForm
    success_message = _("The member is saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CouncilMember(council=self.council)
        return kwargs


@policy.guard("council.record")
class CouncilMemberUpdate(CouncilFormMixin, UpdateView):
    model = CouncilMember
    related = CHILD_RELATED
    form_class = CouncilMemberForm
    success_message = _("The member is saved.")

    def get_cancel_url(self):
        return reverse("council-detail", args=[self.object.council_id])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["council"] = self.object.council
        return context


# --- sessions and decisions ---------------------------------------------------------------


class SessionSaveMixin:
    model = CouncilSession
    form_class = CouncilSessionForm
    success_message = _("The session is saved.")

    def form_valid(self, form):
        self.object = session_save(form=form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


@policy.guard("council.record")
class CouncilSessionCreate(SessionSaveMixin, ParentCouncilMixin, CouncilFormMixin, CreateView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CouncilSession(council=self.council)
        return kwargs


@policy.guard("council.record")
class CouncilSessionUpdate(SessionSaveMixin, CouncilFormMixin, UpdateView):
    related = CHILD_RELATED

    def get_cancel_url(self):
        return reverse("councilsession-detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["council"] = self.object.council
        return context


@policy.guard("council.view")
class CouncilSessionDetail(CouncilScopedMixin, DetailView):
    model = CouncilSession
    related = CHILD_RELATED
    template_name = "councils/councils/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        held = session.held_at <= timezone.now()
        context.update(
            council=session.council,
            present=list(ordered_members(session.present.all())),
            quorum=session_quorum(session),
            held=held,
            decisions=list(session.decisions.order_by("pk")),
            recommendations=list(with_overdue(session.recommendations.order_by("due_on", "pk"))),
        )
        if context["can_write"] and held:
            context.setdefault("decision_form", SessionDecisionForm())
        return context


@policy.guard("council.record")
@require_http_methods(["GET", "HEAD", "POST"])
def session_decision_create(request, pk):
    """Record a decision of the session; its quorum is worked out from the attendance."""
    session = policy.get_scoped_or_404(
        request.user, CouncilSession.objects.select_related(*CHILD_RELATED), pk=pk
    )
    form = SessionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = decision_add(session=session, text=form.cleaned_data["text"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if decision.had_quorum:
                messages.success(request, _("The decision is recorded."))
            else:
                messages.warning(
                    request,
                    _(
                        "The decision is recorded without a quorum: fewer than two thirds of the "
                        "members were present."
                    ),
                )
            return redirect(decision.get_absolute_url())
    if request.method == "POST":
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "councils/councils/decision_form.html",
        {
            "session": session,
            "council": session.council,
            "form": form,
            "quorum": session_quorum(session),
            "opts": SessionDecision._meta,
        },
    )


# --- recommendations ----------------------------------------------------------------------


@policy.guard("council.view")
class RecommendationList(CouncilScopedMixin, RecordListView):
    model = Recommendation
    related = ("council__department", "session")
    filterset_class = RecommendationFilter
    template_name = "councils/councils/recommendation_list.html"
    create_url_name = "recommendation-create"
    edit_url_name = "recommendation-edit"

    def get_queryset(self):
        return with_overdue(super().get_queryset()).order_by("due_on", "pk")


@policy.guard("council.record")
class RecommendationCreate(CouncilFormMixin, CreateView):
    model = Recommendation
    form_class = RecommendationForm
    list_url_name = "recommendation-list"
    success_message = _("The recommendation is saved.")

    def get_initial(self):
        initial = super().get_initial()
        session_pk = parse_id(self.request.GET.get("session"))
        council_pk = parse_id(self.request.GET.get("council"))
        if session_pk is not None:
            session = (
                policy.scoped(self.request.user, CouncilSession.objects.all())
                .filter(pk=session_pk)
                .first()
            )
            if session is not None:
                initial.update(session=session.pk, council=session.council_id)
        elif council_pk is not None:
            initial["council"] = council_pk
        return initial


@policy.guard("council.view", write="council.record")
class RecommendationUpdate(CouncilFormMixin, UpdateView):
    """The recommendation's page: its status and outcome with the history of status changes;
    read-only for the police and the akimat."""

    model = Recommendation
    related = ("council__department__area", "session")
    form_class = RecommendationForm
    list_url_name = "recommendation-list"
    template_name = "councils/councils/recommendation_form.html"
    success_message = _("The recommendation is saved.")

    def get_queryset(self):
        return with_overdue(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = status_changes(self.object)
        return context


# --- the council secretary's start page -----------------------------------------------------


@policy.guard("councils.overview")
@require_safe
def council_overview(request):
    context = overview(request.user)
    context["can_write"] = may_write(request.user)
    context["area"] = request.user.area
    return render(request, "councils/councils/overview.html", context)
