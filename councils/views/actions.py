"""Joint actions with civil society: the list, the form, and the action's page with its
participants (whose hours go to their duty log or volunteer activities) and photos."""

import posixpath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from councils.filters.shared_records import JointActionFilter
from councils.forms.actions import (
    ActionAssistantForm,
    ActionVolunteerForm,
    JointActionForm,
    JointActionPhotoForm,
)
from councils.models import JointAction
from councils.services.actions import (
    action_assistant_add,
    action_assistant_remove,
    action_save,
    action_volunteer_add,
    action_volunteer_remove,
    is_raid,
)
from councils.views.partners import SharedRecordMixin, SharedUpdateMixin
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import kept_uploads, policy
from volunteers.models import Assistant

ACTION_RELATED = ("area", "campaign")


@policy.guard("council.view")
class ActionList(SharedRecordMixin, RecordListView):
    model = JointAction
    related = ACTION_RELATED
    filterset_class = JointActionFilter
    columns = (
        ("title", _("Title")),
        ("campaign", _("Campaign")),
        ("starts_at", _("Starts")),
        ("place", _("Place")),
        ("area", _("Area")),
        ("is_public", _("Announced to residents")),
        ("people_reached", _("People reached")),
    )
    create_url_name = "action-create"
    detail_url_name = "action-detail"
    template_name = "councils/actions/action_list.html"

    def get_queryset(self):
        return super().get_queryset().order_by("-starts_at", "-pk")


class ActionFormMixin(SharedRecordMixin):
    model = JointAction
    related = ACTION_RELATED
    form_class = JointActionForm
    list_url_name = "action-list"
    template_name = "councils/actions/action_form.html"
    success_message = _("The joint action is saved.")

    def form_valid(self, form):
        try:
            self.object = action_save(form=form, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.object.get_absolute_url())


@policy.guard("action.record")
class ActionCreate(ActionFormMixin, RecordCreateView):
    pass


@policy.guard("council.view", write="action.record")
class ActionUpdate(ActionFormMixin, SharedUpdateMixin, RecordUpdateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        return context


# --- the action's page ---------------------------------------------------------------------


def _action(request, pk):
    return policy.get_scoped_or_404(
        request.user, JointAction.objects.select_related(*ACTION_RELATED, "created_by"), pk=pk
    )


def may_see_assistants(user):
    """Whether the user's role works with the register: a council secretary sees how many
    assistants took part and their hours, not who."""
    return policy.may(user, Assistant.view_action)


def _detail(request, action, *, status=200, **forms):
    user = request.user
    can_write = policy.may(user, "action.record")
    started = action.starts_at <= timezone.now()
    assistants = list(
        action.assistants.select_related("assistant__beat").order_by(
            "assistant__last_name", "assistant__first_name", "pk"
        )
    )
    volunteers = list(
        action.volunteers.select_related("volunteer", "group").order_by(
            "group__name", "volunteer__last_name", "volunteer__first_name", "pk"
        )
    )
    context = {
        "object": action,
        "action": action,
        "opts": JointAction._meta,
        "beats": sorted(action.beats.all(), key=lambda b: (b.number, b.pk)),
        "partners": list(action.partners.order_by("name").values_list("name", flat=True)),
        "photos": list(action.photos.order_by("pk")),
        "assistants": assistants,
        "assistant_hours": sum((e.hours for e in assistants), 0),
        "volunteers": volunteers,
        "volunteer_hours": sum((e.hours for e in volunteers), 0),
        "show_assistants": may_see_assistants(user),
        "is_raid": is_raid(action),
        "started": started,
        "can_write": can_write,
    }
    if can_write:
        # A submitted form comes back with its errors; fresh ones once hours can be recorded.
        if started and context["show_assistants"]:
            context["assistant_form"] = ActionAssistantForm(action=action, user=user)
        if started:
            context["volunteer_form"] = ActionVolunteerForm(action=action, user=user)
        context["photo_form"] = JointActionPhotoForm()
        context.update(forms)
    return render(request, "councils/actions/action_detail.html", context, status=status)


@policy.guard("council.view")
@require_http_methods(["GET", "HEAD"])
def action_detail(request, pk):
    return _detail(request, _action(request, pk))


def _refused(form, error):
    """Put a service's refusal next to the form's fields (or above them)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_assistant_add_view(request, pk):
    """POST: an assistant takes part (or their hours change). GET leads back to the action."""
    action = _action(request, pk)
    if request.method != "POST":
        return redirect(action.get_absolute_url())
    form = ActionAssistantForm(request.POST, action=action, user=request.user)
    if form.is_valid():
        try:
            action_assistant_add(
                action=action,
                assistant=form.cleaned_data["assistant"],
                hours=form.cleaned_data["hours"],
                user=request.user,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The assistant's hours are recorded in the duty log."))
            return redirect(action.get_absolute_url() + "#participants")
    messages.error(request, _("Please correct the errors below."))
    return _detail(request, action, assistant_form=form)


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_assistant_remove_view(request, pk, entry):
    action = _action(request, pk)
    if request.method == "POST":
        row = action.assistants.select_related("duty").filter(pk=entry).first()
        if row is not None:
            action_assistant_remove(entry=row)
            messages.success(request, _("The assistant and their hours are removed."))
    return redirect(action.get_absolute_url() + "#participants")


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_volunteer_add_view(request, pk):
    """POST: a volunteer or a group takes part (or their hours change)."""
    action = _action(request, pk)
    if request.method != "POST":
        return redirect(action.get_absolute_url())
    form = ActionVolunteerForm(request.POST, action=action, user=request.user)
    if form.is_valid():
        try:
            action_volunteer_add(
                action=action,
                volunteer=form.cleaned_data["volunteer"],
                group=form.cleaned_data["group"],
                hours=form.cleaned_data["hours"],
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The volunteer hours are recorded."))
            return redirect(action.get_absolute_url() + "#participants")
    messages.error(request, _("Please correct the errors below."))
    return _detail(request, action, volunteer_form=form)


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_volunteer_remove_view(request, pk, entry):
    action = _action(request, pk)
    if request.method == "POST":
        row = action.volunteers.select_related("activity").filter(pk=entry).first()
        if row is not None:
            action_volunteer_remove(entry=row)
            messages.success(request, _("The volunteer and their hours are removed."))
    return redirect(action.get_absolute_url() + "#participants")


# The types a photo is stored as (portal.images); anything else is sent as a download.
PHOTO_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


@policy.guard("council.view")
@require_http_methods(["GET", "HEAD"])
def action_photo(request, pk, photo):
    """The image of a photo, for whoever may see the action (its area's staff); served by
    the portal from private storage, never by the web server."""
    action = _action(request, pk)
    row = action.photos.filter(pk=photo).first()
    if row is None or not row.image:
        raise Http404
    try:
        handle = row.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = PHOTO_TYPES.get(posixpath.splitext(row.image.name)[1].lower())
    response = FileResponse(
        handle,
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
    )
    # People in the photos: no shared cache keeps them, and they leave with the access.
    response["Cache-Control"] = "private, no-store"
    return response


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_photo_create(request, pk):
    action = _action(request, pk)
    if request.method != "POST":
        return redirect(action.get_absolute_url())
    # A photo chosen with a submit that failed on the caption is kept for the next one.
    form = JointActionPhotoForm(request.POST, kept_uploads.files(request))
    if form.is_valid():
        photo = form.save(commit=False)
        photo.action = action
        photo.save()
        kept_uploads.forget(request, form)
        messages.success(request, _("The photo is added."))
        return redirect(photo.get_absolute_url())
    kept_uploads.keep(request, form)
    messages.error(request, _("Please correct the errors below."))
    return _detail(request, action, photo_form=form)


@policy.guard("action.record")
@require_http_methods(["GET", "HEAD", "POST"])
def action_photo_delete(request, pk, photo):
    action = _action(request, pk)
    if request.method == "POST":
        row = action.photos.filter(pk=photo).first()
        if row is not None:
            storage, name = row.image.storage, row.image.name
            row.delete()
            # The file goes only once the row is gone for good.
            transaction.on_commit(lambda: storage.delete(name))
            messages.success(request, _("The photo is removed."))
    return redirect(action.get_absolute_url() + "#photos")
