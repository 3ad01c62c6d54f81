"""The lifecycle steps an assistant's record page offers, in the order a registrar takes them.

A step is offered only when it can succeed: its status allows it, the user's role owns it
and every prerequisite of `volunteers.services.lifecycle.PREREQUISITES` is met. A step the
status allows but a prerequisite blocks is shown with the reason and a link to the step that
provides what is missing ("Record the Art. 7 briefing first").

Order and style on the page:
- the main next action first, as the one primary button: the first forward step of Art. 5
  that can be taken (or, when that step is blocked, the link to its prerequisite);
- other forward steps next, as outline buttons;
- destructive steps (refuse, suspend, deregister) last, outlined in red, each with a
  confirmation box the server checks.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.forms import Form
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal import policy
from volunteers.forms.assistants import (
    ConfirmForm,
    DeregisterForm,
    PetitionForm,
    RefuseForm,
    RegisterForm,
    SuspendForm,
)
from volunteers.models import TrainingKind
from volunteers.services import lifecycle

PRIMARY = "btn-primary"
SECONDARY = "btn-outline-primary"
DESTRUCTIVE = "btn-outline-danger"


@dataclass(frozen=True)
class Action:
    step: str
    label: str
    icon: str
    form_class: type[Form] | None  # None: the step has a page of its own (`url_name`)
    service: object
    permission: str  # the policy action that takes this step
    done: str
    destructive: bool = False
    url_name: str = ""

    @property
    def route(self):
        return self.url_name or f"assistant-{self.step}"

    def url(self, assistant):
        return reverse(self.route, args=[assistant.pk])


# In the order of Art. 5: the page offers the steps in this order, destructive ones last.
ACTIONS = {
    action.step: action
    for action in (
        Action(
            "petition",
            _("Petition the akimat"),
            "bi-send",
            PetitionForm,
            lifecycle.assistant_petition,
            "register.check",
            _("The petition to the akimat is recorded."),
        ),
        Action(
            "register",
            pgettext_lazy("verb", "Register"),
            "bi-journal-check",
            RegisterForm,
            lifecycle.assistant_register,
            "register.record",
            _("The assistant is registered."),
        ),
        Action(
            "issue_certificate",
            _("Issue a certificate"),
            "bi-person-badge",
            None,
            lifecycle.certificate_issue,
            "register.record",
            "",
            url_name="certificate-issue",
        ),
        Action(
            "activate",
            _("Admit to duties"),
            "bi-person-check",
            ConfirmForm,
            lifecycle.assistant_activate,
            "register.record",
            _("The assistant is admitted to duties."),
        ),
        Action(
            "resume",
            _("Resume"),
            "bi-play-circle",
            ConfirmForm,
            lifecycle.assistant_resume,
            "register.record",
            _("The assistant is active again."),
        ),
        Action(
            "refuse",
            _("Refuse in writing"),
            "bi-x-circle",
            RefuseForm,
            lifecycle.assistant_refuse,
            "register.check",
            _("The refusal is recorded."),
            destructive=True,
        ),
        Action(
            "suspend",
            _("Suspend"),
            "bi-pause-circle",
            SuspendForm,
            lifecycle.assistant_suspend,
            "register.record",
            _("The assistant is suspended."),
            destructive=True,
        ),
        Action(
            "deregister",
            _("Deregister"),
            "bi-person-x",
            DeregisterForm,
            lifecycle.assistant_deregister,
            "register.record",
            _("The assistant is deregistered."),
            destructive=True,
        ),
    )
}
FORM_STEPS = [step for step, action in ACTIONS.items() if action.form_class is not None]


@dataclass
class Prerequisite:
    """What blocks a step, and the link to the step that provides it (None: no link for
    this user, who cannot take that step)."""

    message: str
    link_label: str = ""
    url: str | None = None
    button_class: str = SECONDARY


@dataclass
class Offer:
    action: Action
    form: Form | None
    url: str
    button_class: str = SECONDARY
    blocked_by: list = field(default_factory=list)  # of Prerequisite

    @property
    def step(self):
        return self.action.step

    @property
    def blocked(self):
        return bool(self.blocked_by)


def briefing_url(assistant):
    """The training form with the Art. 7 briefing and this assistant chosen."""
    query = urlencode({"kind": TrainingKind.ART7_BRIEFING, "attendee": assistant.pk})
    return f"{reverse('training-create')}?{query}"


def _prerequisite(user, assistant, missing, options):
    may_record = policy.may(user, "register.record", assistant)
    if missing.code == "art7_briefing" and may_record:
        return Prerequisite(
            missing.message, _("Record the Art. 7 briefing first"), briefing_url(assistant)
        )
    if missing.code == "certificate" and may_record and options.get("issue_certificate") == []:
        return Prerequisite(
            missing.message,
            _("Issue a certificate first"),
            reverse("certificate-issue", args=[assistant.pk]),
        )
    if missing.certificate is not None:
        return Prerequisite(
            missing.message,
            _("Open certificate No. %(number)s to record its return")
            % {"number": missing.certificate.display_number},
            missing.certificate.get_absolute_url(),
        )
    return Prerequisite(missing.message)


def step_offers(user, assistant, *, certificates, trainings, bound=None):
    """The steps the page shows this user, in order, each with its form or what blocks it.

    A certificate still valid blocks a second one without a word: the page lists it.
    """
    options = lifecycle.step_options(assistant, certificates=certificates, trainings=trainings)
    bound = bound or {}
    offers = []
    for step, action in ACTIONS.items():
        if step not in options or not policy.may(user, action.permission, assistant):
            continue
        missing = options[step]
        if any(m.code == "certificate_held" for m in missing):
            continue
        form = None
        if action.form_class is not None:
            form = bound.get(step) or action.form_class(prefix=step)
        offers.append(
            Offer(
                action=action,
                form=form,
                url=action.url(assistant),
                button_class=DESTRUCTIVE if action.destructive else SECONDARY,
                blocked_by=[_prerequisite(user, assistant, m, options) for m in missing],
            )
        )
    _mark_main(offers)
    return offers


def _mark_main(offers):
    """The first forward step is the main next action: it, or the link that unblocks it."""
    for offer in offers:
        if offer.action.destructive:
            return
        if not offer.blocked:
            offer.button_class = PRIMARY
            return
        linked = next((p for p in offer.blocked_by if p.url), None)
        if linked is not None:
            linked.button_class = PRIMARY
            return
