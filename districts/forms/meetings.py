"""Forms for meetings with residents and the proposals raised at them."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.forms.base import BeatRecordForm
from districts.models import Meeting, Proposal, ProposalSource
from portal.bilingual import BilingualFormMixin, bilingual

# Enough room for a long meeting; the formset refuses more rows than this.
MAX_PROPOSALS = 50


def this_hour():
    """Now in local time, rounded down to the hour: a sensible default that is never future."""
    return timezone.localtime().replace(minute=0, second=0, microsecond=0)


class MeetingForm(BilingualFormMixin, BeatRecordForm):
    """A short form for a phone: what, whether held, when, where, how many, about what."""

    class Meta:
        model = Meeting
        fields = [
            "beat",
            "kind",
            "status",
            "held_at",
            *bilingual("place"),
            "attendance",
            *bilingual("topics"),
            "partners",
            "is_public",
        ]
        widgets = {
            "attendance": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "topics_kk": forms.Textarea(attrs={"rows": 3}),
            "topics_ru": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("held_at", this_hour())
            # An inspector with one beat need not be asked which beat.
            beat = self.fields["beat"]
            if self.initial.get("beat") and len(beat.queryset[:2]) == 1:
                beat.widget = forms.HiddenInput()


class ProposalForm(forms.ModelForm):
    """One proposal or problem raised at a meeting."""

    class Meta:
        model = Proposal
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _post_clean(self):
        # A proposal belongs to its meeting's beat, which the meeting form may just have changed
        # (validate the meeting form first). In an inline formset the "meeting" field cleans to
        # the formset's own meeting object.
        meeting = self.cleaned_data.get("meeting") or getattr(self.instance, "meeting", None)
        if meeting is not None and meeting.beat_id:
            self.instance.beat_id = meeting.beat_id
        super()._post_clean()


class BaseProposalFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        # Rows in the order they were raised.
        kwargs.setdefault("queryset", Proposal.objects.order_by("created_at", "pk"))
        super().__init__(*args, **kwargs)

    def disable(self):
        """Read-only: every field of every row, for a role that may not change the meeting."""
        for form in self.forms:
            for field in form.fields.values():
                field.disabled = True


ProposalFormSet = forms.inlineformset_factory(
    Meeting,
    Proposal,
    form=ProposalForm,
    formset=BaseProposalFormSet,
    extra=2,
    max_num=MAX_PROPOSALS,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


class ProposalStatusForm(BeatRecordForm):
    """The proposal's record page: where it stands and what came of it.

    A proposal sent from the beat's page is also moderated here: the inspector writes the
    text residents may read (names, addresses, phones and abuse taken out) and approves it
    for publication; until then it is never shown publicly.
    """

    class Meta:
        model = Proposal
        fields = ["status", "outcome", "moderation", "public_text", "internal_note"]
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "public_text": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"outcome": _("Answer to residents")}
        help_texts = {
            "outcome": _(
                "What was done, or why the proposal was declined. Residents read it on the "
                "beat's page and in the quarterly report."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The text for publication starts empty, not as the resident wrote it: approving in a
        # hurry must not publish a name or a phone number.
        if self.instance.source != ProposalSource.RESIDENT_SITE:
            del self.fields["moderation"]
            del self.fields["public_text"]
