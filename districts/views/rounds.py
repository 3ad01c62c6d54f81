"""Door-to-door rounds (поквартирный обход) and the streets of the beat they covered."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from districts.filters.rounds import RoundFilter
from districts.forms.rounds import RoundForm, RoundStreetFormSet
from districts.models import DoorToDoorRound
from districts.services.rounds import round_save
from districts.views.base import RecordCreateView, RecordListView, RecordUpdateView
from portal import policy


@policy.guard("workspace.view")
class RoundList(RecordListView):
    model = DoorToDoorRound
    filterset_class = RoundFilter
    columns = (
        ("date", _("Date")),
        ("beat", _("Beat")),
        ("apartments_visited", _("Apartments and houses visited")),
        ("residents_met", _("Residents met")),
        ("street_count", _("Streets")),
    )
    create_url_name = "round-create"
    edit_url_name = "round-edit"

    def get_queryset(self):
        # An aggregate drops Meta.ordering: order explicitly for stable pages.
        return (
            super().get_queryset().annotate(street_count=Count("streets")).order_by("-date", "-pk")
        )


class RoundFormMixin:
    """The round's form with the formset of its streets under it, saved together."""

    model = DoorToDoorRound
    form_class = RoundForm
    list_url_name = "round-list"
    template_name = "districts/rounds/form.html"
    today_fields = ("date",)
    success_message = _("The round is saved.")
    editing = False

    def get_formset(self):
        writable = policy.may(self.request.user, "workspace.record")
        kwargs = {
            "instance": self.object or DoorToDoorRound(),
            "prefix": "streets",
            "user": self.request.user,
            # Spare rows for a new round; one for an edit; none for a read-only page.
            "extra": (1 if self.editing else 3) if writable else 0,
        }
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        formset = RoundStreetFormSet(**kwargs)
        if not writable:
            formset.disable()
        return formset

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.editing else None
        form = self.get_form()
        formset = self.get_formset()
        # Validate both, so every error is shown at once; the streets are checked against
        # the beat chosen in the form.
        form_ok = form.is_valid()
        formset.beat = form.cleaned_data.get("beat")
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            try:
                self.object = round_save(form=form, formset=formset, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.get_success_url())
        messages.error(request, _("Please correct the errors below."))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


@policy.guard("workspace.record")
class RoundCreate(RoundFormMixin, RecordCreateView):
    pass


@policy.guard("workspace.view", write="workspace.record")
class RoundUpdate(RoundFormMixin, RecordUpdateView):
    editing = True
