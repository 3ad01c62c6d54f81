"""Field mode: what an inspector can record without signal, and how a draft becomes a record.

A draft is the form of a "new record" page filled in on a device and kept there
(static/js/field/store.js). It comes back as the form's own fields and the address of the
form it was filled in, which names its kind here. Each kind checks the draft with the same
forms and saves it with the same services as its page, so a draft is held to every rule an
ordinary submission is; what fails comes back as `Rejected`, with the reason in the user's
language and the message of each field by the field's name in the form.
"""

from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from districts.forms.appeals import AppealForm
from districts.forms.meetings import MeetingForm, ProposalFormSet
from districts.forms.prevention import PreventiveVisitForm
from districts.forms.problems import ProblemMeasureForm, ProblemSpotForm
from districts.forms.rounds import RoundForm, RoundStreetFormSet
from districts.models import Beat, DoorToDoorRound, Meeting, ProblemSpot
from districts.services.meetings import meeting_save
from districts.services.problems import problem_measure_create
from districts.services.rounds import round_save
from portal import policy
from portal.templatetags.form_errors import error_entries

NOT_ACCEPTED = _("The draft was not accepted: correct it and it will be sent again.")
PLACE_OUT_OF_SCOPE = _("This problem place is no longer among the places of your beats.")


class Rejected(Exception):
    """A draft the server will not store as it is; `errors` are [{field, label, messages}]."""

    def __init__(self, reason, errors=()):
        super().__init__(str(reason))
        self.reason = str(reason)
        self.errors = list(errors)


def check(form, *formsets):
    """Validate every part, so that every error comes back at once; raise Rejected if any,
    each field's messages under the name of its input."""
    valid = form.is_valid()
    for formset in formsets:
        valid = formset.is_valid() and valid
    if valid:
        return
    grouped = {}
    for label, bound_field, message in error_entries(form, *formsets):
        name = bound_field.html_name if bound_field is not None else ""
        grouped.setdefault((name, str(label)), []).append(str(message))
    errors = [
        {"field": name, "label": label, "messages": messages}
        for (name, label), messages in grouped.items()
    ]
    raise Rejected(NOT_ACCEPTED, errors)


def check_beat(user, data):
    """A draft for a beat that is not the user's (given to another inspector while the device
    was away) says so plainly rather than "select a valid choice" — and the same for an id
    that names no beat, so that nothing can be learnt of other beats."""
    value = str(data.get("beat", "")).strip()
    if not value:
        return
    whole = value.isascii() and value.isdigit() and len(value) < 18  # not "²"
    beats = Beat.objects.filter(pk=int(value)) if whole else None
    if beats is None or not policy.scoped(user, beats).exists():
        reason = _(
            "The beat of this draft is not among your beats: it may have been given to "
            "another inspector."
        )
        raise Rejected(reason, [{"field": "beat", "label": str(_("beat")), "messages": [reason]}])


def _saved(store):
    """Turn a service's ValidationError into Rejected."""
    try:
        return store()
    except ValidationError as error:
        errors = [{"field": "", "label": "", "messages": error.messages}]
        raise Rejected(NOT_ACCEPTED, errors) from error


class DraftKind:
    """One kind of record that can be drafted offline: the page it is filled in (`url_name`),
    its name in the list of drafts, the fields that tell drafts apart in that list."""

    url_name = ""
    label = ""
    summary_fields = ()
    saved_message = _("Saved.")
    # A draft that changes an existing record carries the record's version as it was when
    # the draft was made (`version_of`): a record changed since by someone else is not
    # overwritten.
    edits = False

    def version_of(self, record) -> str:
        return ""

    def store(self, *, user, data, kwargs, version=""):
        raise NotImplementedError


class MeetingDraft(DraftKind):
    url_name = "meeting-create"
    label = _("Meeting")
    summary_fields = ("held_at", "place_ru", "place_kk")
    saved_message = _("The meeting is saved.")

    def store(self, *, user, data, kwargs, version=""):
        form = MeetingForm(data, user=user)
        formset = ProposalFormSet(data, instance=Meeting(), prefix="proposals")
        check(form, formset)
        return meeting_save(form=form, formset=formset, user=user)


class RoundDraft(DraftKind):
    url_name = "round-create"
    label = _("Door-to-door round")
    summary_fields = ("date", "apartments_visited", "residents_met")
    saved_message = _("The round is saved.")

    def store(self, *, user, data, kwargs, version=""):
        form = RoundForm(data, user=user)
        formset = RoundStreetFormSet(
            data, instance=DoorToDoorRound(), prefix="streets", user=user, extra=3
        )
        # The streets are checked against the beat chosen in the form.
        formset.beat = form.cleaned_data.get("beat") if form.is_valid() else None
        check(form, formset)
        return _saved(lambda: round_save(form=form, formset=formset, user=user))


class SimpleDraft(DraftKind):
    """A record of one form, saved as its page saves it."""

    form_class = None

    def store(self, *, user, data, kwargs, version=""):
        form = self.form_class(data, user=user)
        check(form)
        form.instance.created_by = user
        return _saved(form.save)


class PreventiveVisitDraft(SimpleDraft):
    url_name = "preventive-create"
    label = _("Preventive visit")
    # Never the address or the reference: the list of drafts says only what and when.
    summary_fields = ("category", "date")
    saved_message = _("The preventive visit is recorded.")
    form_class = PreventiveVisitForm


class AppealDraft(SimpleDraft):
    url_name = "appeal-create"
    label = _("Appeal")
    summary_fields = ("received_on", "subject")
    saved_message = _("The appeal is registered.")
    form_class = AppealForm


class ProblemMeasureDraft(DraftKind):
    url_name = "problem-measure-create"
    label = _("Measure about a problem place")
    summary_fields = ("date", "description")
    saved_message = _("The measure is recorded.")

    def store(self, *, user, data, kwargs, version=""):
        spot = _scoped_place(user, kwargs["pk"])
        form = ProblemMeasureForm(data, user=user)
        check(form)
        return _saved(lambda: problem_measure_create(spot=spot, **form.cleaned_data))


class ProblemSpotDraft(SimpleDraft):
    url_name = "problem-create"
    label = _("Problem place")
    summary_fields = ("kind", "address")
    saved_message = _("The problem place is recorded. Add the measures taken below.")
    form_class = ProblemSpotForm


class ProblemSpotChangeDraft(DraftKind):
    """A change of a problem place (its status, say, when it is resolved)."""

    url_name = "problem-edit"
    label = _("Change of a problem place")
    summary_fields = ("address", "status")
    edits = True

    def version_of(self, record) -> str:
        """The place's last change in its history."""
        latest = record.history.order_by("-history_id").values_list("history_id", flat=True)
        return str(latest.first() or 0)

    def store(self, *, user, data, kwargs, version=""):
        spot = _scoped_place(user, kwargs["pk"], lock=True)
        # Changes since by the inspector themself (a measure sent before this draft puts the
        # place "under way") are no conflict; anyone else's are.
        since = int(version) if version.isascii() and version.isdigit() else None
        if (
            since is None
            or spot.history.filter(history_id__gt=since).exclude(history_user=user).exists()
        ):
            raise Rejected(
                _(
                    "The place was changed after this draft was made. Open the place again "
                    "and repeat your change."
                )
            )
        form = ProblemSpotForm(data, instance=spot, user=user)
        check(form)
        return _saved(form.save)


def _scoped_place(user, pk, *, lock=False):
    places = policy.scoped(user, ProblemSpot.objects.filter(pk=pk))
    if lock:
        places = places.select_for_update(of=("self",))
    spot = places.first()
    if spot is None:
        raise Rejected(PLACE_OUT_OF_SCOPE)
    return spot


KINDS = {
    kind.url_name: kind
    for kind in (
        MeetingDraft(),
        RoundDraft(),
        PreventiveVisitDraft(),
        AppealDraft(),
        ProblemMeasureDraft(),
        ProblemSpotDraft(),
        ProblemSpotChangeDraft(),
    )
}


def kind_for(action: str):
    """(kind, URL keyword arguments) of the form at `action`, the path a draft was filled in."""
    try:
        match = resolve(action.split("?", 1)[0])
    except Resolver404:
        match = None
    if match is None or match.url_name not in KINDS:
        raise Rejected(_("This form cannot be sent from a draft."))
    return KINDS[match.url_name], match.kwargs
