"""Public assistants (Law No. 590): the register, the application, the record page and
each step of the lifecycle as its own action.

Reads go through `portal.policy.scoped`, so an outsider's guess of an id is a 404.
Personal data reaches templates only through `volunteers.privacy` (the `personal_data`
tags). Status changes only through `volunteers.services.lifecycle`.
"""

import datetime
import mimetypes
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import UpdateView

from audit import record as audit
from districts.views.base import RecordListView, ScopedMixin
from portal import kept_uploads, policy
from portal.periods import quarter_of
from portal.query_params import parse_id
from volunteers import privacy
from volunteers.filters.assistants import AssistantFilter
from volunteers.forms.assistants import AssistantApplicationForm, AssistantContactForm, add_errors
from volunteers.models import (
    LIVE_STATUSES,
    Assistant,
    AssistantStatus,
    DeregistrationGround,
    Duty,
    InterestLead,
    LeadKind,
    ParticipationForm,
)
from volunteers.privacy import PERSONAL_FIELDS
from volunteers.services import lifecycle
from volunteers.services.leads import lead_convert
from volunteers.views.assistant_steps import ACTIONS, step_offers

S = AssistantStatus
DETAIL_RELATED = ("area", "beat__police_point__department__area")


# --- the register ----------------------------------------------------------------------------


@policy.guard("register.view")
class AssistantList(RecordListView):
    model = Assistant
    related = ("area", "beat")
    filterset_class = AssistantFilter
    template_name = "volunteers/assistants/list.html"
    detail_url_name = "assistant-detail"

    def get_queryset(self):
        return super().get_queryset().order_by("last_name", "first_name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_apply"] = policy.may(self.request.user, "register.apply")
        context["can_find_by_iin"] = policy.may(self.request.user, "register.find_by_iin")
        # The page shows the IINs of the records whose data the user sees: logged as seen,
        # one entry per person, in one query.
        unmasked = [a for a in context["object_list"] if privacy.can_see(self.request.user, a)]
        if unmasked:
            audit.personal_data_seen(self.request, unmasked, event="list")
        return context


# --- the application -------------------------------------------------------------------------


def _lead_of(request):
    """The resident's interest (`?lead=<id>`) this application answers: one of the user's
    open leads of an assistant, else None; a guessed id of another territory is a 404."""
    pk = parse_id(request.GET.get("lead"))
    if pk is None:
        return None
    lead = policy.get_scoped_or_404(request.user, InterestLead.objects.all(), pk=pk)
    return lead if lead.is_open and lead.kind == LeadKind.ASSISTANT else None


def _lead_initial(lead):
    """The application form filled in from a lead: the name as the resident wrote it
    (surname, given name, patronymic), the phone, the beat."""
    parts = lead.name.split()
    initial = {"beat": lead.beat_id} if lead.beat_id else {}
    if len(parts) == 1:
        initial["first_name"] = parts[0]
    elif parts:
        initial.update(last_name=parts[0], first_name=parts[1], middle_name=" ".join(parts[2:]))
    if "@" not in lead.contact:
        initial["phone"] = lead.contact
    return initial


@policy.guard("register.apply")
@require_http_methods(["GET", "HEAD", "POST"])
def assistant_apply(request):
    """A citizen applies to the police; the police enter the application (answering a
    resident's interest, `?lead=<id>`, when they came from it)."""
    lead = _lead_of(request)
    if request.method == "POST":
        # A photo chosen with a submit that failed on another field is kept for this one.
        files = kept_uploads.files(request)
        form = AssistantApplicationForm(request.POST, files, user=request.user)
        if form.is_valid():
            try:
                with transaction.atomic():
                    assistant = lifecycle.assistant_apply(
                        user=request.user, **form.service_fields()
                    )
                    if lead is not None:
                        lead_convert(lead=lead, user=request.user, assistant=assistant)
            except ValidationError as error:
                # The one-live-registration constraint reports itself without a field.
                if hasattr(error, "error_dict") and NON_FIELD_ERRORS in error.error_dict:
                    error.error_dict["iin"] = error.error_dict.pop(NON_FIELD_ERRORS)
                add_errors(form, error)
            else:
                kept_uploads.forget(request, form)
                messages.success(
                    request,
                    _("The application is recorded. The police check is due by %(date)s.")
                    % {"date": assistant.police_check_due_on.strftime("%d.%m.%Y")},
                )
                return redirect(assistant)
        kept_uploads.keep(request, form)
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    else:
        initial = _lead_initial(lead) if lead is not None else None
        form = AssistantApplicationForm(user=request.user, initial=initial)
    return render(request, "volunteers/assistants/apply.html", {"form": form, "lead": lead})


# --- the lifecycle actions -------------------------------------------------------------------


def _scoped_assistant(request, pk):
    queryset = Assistant.objects.select_related(*DETAIL_RELATED)
    return policy.get_scoped_or_404(request.user, queryset, pk=pk)


def _action_view(step):
    """The POST of one step from the record page; the service refuses what cannot succeed."""
    action = ACTIONS[step]

    @policy.guard(action.permission)
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, pk):
        assistant = _scoped_assistant(request, pk)
        if request.method != "POST":
            return redirect(assistant)  # the forms live on the record page
        form = action.form_class(request.POST, prefix=step)
        if form.is_valid():
            try:
                action.service(assistant=assistant, user=request.user, **form.service_kwargs())
            except lifecycle.StepRefused as error:
                add_errors(form, error)
                assistant.refresh_from_db()
            else:
                messages.success(request, action.done)
                return redirect(assistant)
        for message in form.non_field_errors():
            messages.error(request, message)
        if not form.non_field_errors():
            messages.error(request, _("The step was not taken: please correct the errors below."))
        return render_detail(request, assistant, bound={step: form})

    view.__name__ = view.__qualname__ = f"assistant_{step}"
    return view


assistant_petition = _action_view("petition")
assistant_refuse = _action_view("refuse")
assistant_register = _action_view("register")
assistant_activate = _action_view("activate")
assistant_suspend = _action_view("suspend")
assistant_resume = _action_view("resume")
assistant_deregister = _action_view("deregister")


# --- the record page -------------------------------------------------------------------------

MAIN_PATH = [S.APPLIED, S.PETITIONED, S.REGISTERED, S.CERTIFIED, S.ACTIVE]
# How far along the main path a status off it implies the record has come.
IMPLIED_PROGRESS = {S.SUSPENDED: 4, S.DEREGISTERED: 2}


@dataclass
class TimelineStep:
    status: str
    label: str
    state: str  # done, current, todo, skipped
    date: datetime.date | None = None


def timeline(assistant, history, certificates):
    """The steps of Art. 5 with what is done, where the record stands and what is left."""
    reached = {row.status for row in history} | {assistant.status}
    if assistant.petition_sent_on:
        reached.add(S.PETITIONED)
    if assistant.registered_on:
        reached.add(S.REGISTERED)
    if certificates:
        reached.add(S.CERTIFIED)
    first_seen = {}
    for row in history:
        first_seen.setdefault(row.status, timezone.localdate(row.history_date))
    dates = {
        S.APPLIED: assistant.applied_on,
        S.PETITIONED: assistant.petition_sent_on,
        S.REFUSED: assistant.refused_on,
        S.REGISTERED: assistant.registered_on,
        S.CERTIFIED: min((c.issued_on for c in certificates), default=None),
        S.ACTIVE: first_seen.get(S.ACTIVE),
        S.SUSPENDED: assistant.suspended_on,
        S.DEREGISTERED: assistant.deregistered_on,
    }
    furthest = max(
        [i for i, status in enumerate(MAIN_PATH) if status in reached]
        + [IMPLIED_PROGRESS.get(assistant.status, 0)]
    )
    closed = assistant.status in (S.REFUSED, S.DEREGISTERED)
    steps = []
    for index, status in enumerate(MAIN_PATH):
        if assistant.status == status:
            state = "current"
        elif index <= furthest:
            state = "done"
        else:
            state = "skipped" if closed else "todo"
        if assistant.status == S.REFUSED and index > 0:
            continue  # a refused application never goes further
        steps.append(TimelineStep(status, S(status).label, state, dates[status]))
    if assistant.status in (S.REFUSED, S.SUSPENDED, S.DEREGISTERED):
        status = assistant.status
        steps.append(TimelineStep(status, S(status).label, "current", dates[status]))
    return steps


def _duty_totals(assistant, today):
    quarter = quarter_of(today)
    in_quarter = Q(date__gte=quarter.start, date__lt=quarter.end)
    return Duty.objects.filter(assistant=assistant, date__year=today.year).aggregate(
        year_hours=Sum("hours"),
        year_count=Count("pk"),
        quarter_hours=Sum("hours", filter=in_quarter),
        quarter_count=Count("pk", filter=in_quarter),
    )


def _field_label(name):
    if name == "first_name":
        return _("Given name")  # the model's "name" is translated as the name of a thing
    return Assistant._meta.get_field(name).verbose_name


def _value_text(field, value):
    """A historical value as a reader sees it (no foreign keys: they would need queries)."""
    model_field = Assistant._meta.get_field(field)
    if value in (None, "", []):
        return "—"
    if field == "forms":
        labels = dict(ParticipationForm.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


@dataclass
class HistoryRow:
    date: datetime.datetime
    user: object
    status: str
    kind: str  # created, changed
    changes: list  # (label, old text or None, new text or None)


def history_rows(history, *, show_personal):
    """Newest first: who changed the record, when, its status and which fields changed.

    Values of personal data appear only for users who may see them; for everyone else
    only the names of the changed fields. Photos and foreign keys: names only.
    """
    rows = []
    previous = None
    for record in history:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["status"])
            for change in delta.changes:
                name = change.field
                names_only = (
                    name in ("photo", "beat", "area")
                    or (name in PERSONAL_FIELDS and not show_personal)
                    or Assistant._meta.get_field(name).is_relation
                )
                if names_only:
                    changes.append((_field_label(name), None, None))
                else:
                    changes.append(
                        (
                            _field_label(name),
                            _value_text(name, change.old),
                            _value_text(name, change.new),
                        )
                    )
        rows.append(
            HistoryRow(
                date=record.history_date,
                user=record.history_user,
                status=record.get_status_display(),
                kind="created" if previous is None else "changed",
                changes=changes,
            )
        )
        previous = record
    rows.reverse()
    return rows


def detail_context(request, assistant, bound=None):
    user = request.user
    today = timezone.localdate()
    history = list(
        assistant.history.select_related("history_user").order_by("history_date", "history_id")
    )
    certificates = list(assistant.certificates.order_by("-issued_on", "-pk"))
    for certificate in certificates:
        certificate.url = reverse("certificate-detail", args=[certificate.pk])
    trainings = list(assistant.trainings.select_related("police_point").order_by("-date", "-pk"))
    show_personal = privacy.can_see(user, assistant)

    deadlines = []
    police_due = assistant.police_check_due_on
    deadlines.append(
        {
            "label": _("Police check of records (30 calendar days)"),
            "due_on": police_due,
            "state": lifecycle.deadline_state(police_due, today)
            if assistant.status == S.APPLIED
            else "closed",
            "done_on": assistant.petition_sent_on or assistant.refused_on,
        }
    )
    registration_due = assistant.registration_due_on
    if registration_due:
        deadlines.append(
            {
                "label": _("Registration by the akimat (7 working days)"),
                "due_on": registration_due,
                "state": lifecycle.deadline_state(registration_due, today)
                if assistant.status == S.PETITIONED
                else "closed",
                "done_on": assistant.registered_on,
            }
        )

    offers = step_offers(
        user, assistant, certificates=certificates, trainings=trainings, bound=bound
    )

    return {
        "assistant": assistant,
        "object": assistant,
        "show_personal": show_personal,
        "forms_display": [
            str(dict(ParticipationForm.choices).get(code, code)) for code in assistant.forms
        ],
        "timeline": timeline(assistant, history, certificates),
        "deadlines": deadlines,
        "certificates": certificates,
        "trainings": trainings,
        "duty": _duty_totals(assistant, today),
        "history": history_rows(history, show_personal=show_personal),
        "offers": offers,
        "actions": [offer for offer in offers if not offer.blocked],
        "open_step": next(iter(bound or {}), None),
        "can_edit": policy.may(user, "register.record", assistant)
        and assistant.status in LIVE_STATUSES,
        "deregistration_ground": DeregistrationGround(assistant.deregistration_ground).label
        if assistant.deregistration_ground
        else "",
    }


def render_detail(request, assistant, bound=None):
    """The record page; a user shown its personal data unmasked is logged in the audit log."""
    context = detail_context(request, assistant, bound)
    if context["show_personal"]:
        audit.personal_data_seen(request, [assistant], event="view")
    return render(request, "volunteers/assistants/detail.html", context)


@policy.guard("register.view")
@require_safe
def assistant_detail(request, pk):
    return render_detail(request, _scoped_assistant(request, pk))


@policy.guard("register.view")
@require_safe
def assistant_photo(request, pk):
    """The photo, for users who may see personal data; others go back to the record."""
    assistant = _scoped_assistant(request, pk)
    if not privacy.can_see(request.user, assistant):
        return redirect(assistant)
    if not assistant.photo:
        raise Http404
    content_type = mimetypes.guess_type(assistant.photo.name)[0] or "application/octet-stream"
    try:
        handle = assistant.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    audit.personal_data_seen(request, [assistant], event="photo")
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


# --- contact data ----------------------------------------------------------------------------


@policy.guard("register.view", write="register.record")
class AssistantUpdate(ScopedMixin, UpdateView):
    """Phone, address, photo, forms of participation and beat; never the status or the IIN.

    Only registrars change the record; other readers are sent to the record page, which
    shows what they may see (the form would show personal data).
    """

    model = Assistant
    related = DETAIL_RELATED
    form_class = AssistantContactForm
    template_name = "volunteers/assistants/edit.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self._may_edit():
            return redirect(self.object)
        # The form shows the phone, the address and the photo as they are.
        audit.personal_data_seen(request, [self.object], event="view")
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        # Locked and read again (the request is one transaction): a lifecycle step sent at
        # the same moment waits for this save, or this save sees what the step left.
        self.object.refresh_from_db(from_queryset=Assistant.objects.select_for_update())
        if not self._may_edit():
            messages.error(request, _("A refused or ended registration cannot be changed."))
            return redirect(self.object)
        return super().post(request, *args, **kwargs)

    def _may_edit(self):
        return (
            policy.may(self.request.user, "register.record", self.object)
            and self.object.status in LIVE_STATUSES
            and privacy.can_see(self.request.user, self.object)
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if "files" in kwargs:
            # A new photo chosen with a submit that failed on another field is kept.
            kwargs["files"] = kept_uploads.files(self.request)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        return context

    def form_valid(self, form):
        self.object = form.save()
        kept_uploads.forget(self.request, form)
        messages.success(self.request, _("The record is saved."))
        return redirect(self.object)

    def form_invalid(self, form):
        kept_uploads.keep(self.request, form)
        messages.error(self.request, _("Please correct the errors below. Nothing was saved."))
        return super().form_invalid(form)
