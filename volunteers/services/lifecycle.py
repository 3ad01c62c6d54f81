"""The steps of an assistant's registration (Law No. 590, Art. 5), each an explicit action.

Every function checks that the step is possible from the current status and raises
`StepRefused` (a ValidationError with a translated message) otherwise. Each change
is recorded by simple-history with the acting user.

Each step takes `now`, the moment it is recorded (default: the current time): no date of
the step may be later than that day, and the history rows of the step carry that moment.
A register kept on paper and entered afterwards gives the moments the steps were taken.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.iin import age_on
from volunteers.models import (
    REGISTERED_STATUSES,
    AreaCounter,
    Assistant,
    AssistantStatus,
    Certificate,
    CertificateState,
    DeregistrationGround,
    Series,
    Training,
    TrainingKind,
)
from volunteers.models.assistant import MINIMUM_AGE
from volunteers.models.certificate import CERTIFICATE_VALID_YEARS

S = AssistantStatus


class StepRefused(ValidationError):
    pass


# step: the statuses it may start from.
STEPS = {
    "petition": {S.APPLIED},
    "refuse": {S.APPLIED},
    "register": {S.PETITIONED},
    # A returned (worn or lost) card may be replaced; only one card is ever live.
    "issue_certificate": {S.REGISTERED, S.CERTIFIED, S.ACTIVE, S.SUSPENDED},
    "activate": {S.CERTIFIED},
    "suspend": {S.ACTIVE},
    "resume": {S.SUSPENDED},
    "deregister": {S.REGISTERED, S.CERTIFIED, S.ACTIVE, S.SUSPENDED},
}


@dataclass(frozen=True)
class Missing:
    """A prerequisite of a step that the record lacks.

    `code` names what would provide it (the page links to that step); `certificate` is the
    certificate concerned, when there is one.
    """

    code: str
    message: str
    certificate: Certificate | None = None


class _Facts:
    """What the prerequisites ask about one assistant on one day, each read at most once.

    The record page passes the certificates and trainings it has already loaded.
    """

    def __init__(self, assistant, today, certificates=None, trainings=None):
        self.assistant = assistant
        self.today = today
        self._certificates = certificates
        self._trainings = trainings

    @cached_property
    def held_certificate(self):
        """The certificate the assistant holds (issued, not returned nor revoked), if any."""
        if self._certificates is not None:
            held = [c for c in self._certificates if c.state == CertificateState.ISSUED]
            return max(held, key=lambda c: (c.issued_on, c.pk), default=None)
        return (
            self.assistant.certificates.filter(state=CertificateState.ISSUED)
            .order_by("-issued_on", "-pk")
            .first()
        )

    @cached_property
    def briefed(self):
        if self._trainings is not None:
            return any(
                t.kind == TrainingKind.ART7_BRIEFING and t.date <= self.today
                for t in self._trainings
            )
        return has_art7_briefing(self.assistant, on=self.today)


def _not_registered_elsewhere(facts):
    """One registration per person in the country (Law No. 590): the registrar who keeps
    the other one sees this application in their queue (volunteers.due.applying_elsewhere)."""
    if not registered_elsewhere(facts.assistant):
        return None
    return Missing("registered_elsewhere", REGISTERED_ELSEWHERE)


def _certificate_not_held(facts):
    """Only one card is ever live: a new one only once the old is returned or revoked."""
    held = facts.held_certificate
    if held is None:
        return None
    code = "certificate_expired" if held.valid_until < facts.today else "certificate_held"
    return Missing(
        code,
        _("The assistant still holds a certificate: it must be returned or revoked first."),
        held,
    )


def _valid_certificate(facts):
    """Duties are performed with the certificate: it must be held and still valid."""
    held = facts.held_certificate
    if held is None:
        return Missing("certificate", _("The assistant holds no certificate: issue one first."))
    if held.valid_until < facts.today:
        return Missing(
            "certificate_expired",
            _(
                "Certificate No. %(number)s expired on %(date)s: record its return and issue "
                "a new one first."
            )
            % {"number": held.display_number, "date": held.valid_until.strftime("%d.%m.%Y")},
            held,
        )
    return None


def _art7_briefing(facts):
    """Admission to duties only after the briefing on rights and duties (Art. 7)."""
    if facts.briefed:
        return None
    return Missing(
        "art7_briefing",
        _("The assistant must first attend the briefing on rights and duties (Art. 7)."),
    )


# step: the prerequisites besides the status, in the order they are to be met.
PREREQUISITES = {
    "register": (_not_registered_elsewhere,),
    "issue_certificate": (_certificate_not_held,),
    "activate": (_valid_certificate, _art7_briefing),
    "resume": (_valid_certificate,),
}


def step_options(assistant, *, today=None, certificates=None, trainings=None):
    """{step: [Missing, ...]} for every step the status allows; an empty list: it can be taken.

    `certificates` and `trainings`, when given, are all of the assistant's (already loaded).
    """
    facts = _Facts(assistant, today or timezone.localdate(), certificates, trainings)
    options = {}
    for step, sources in STEPS.items():
        if assistant.status in sources:
            checks = PREREQUISITES.get(step, ())
            options[step] = [missing for check in checks if (missing := check(facts))]
    return options


def possible_steps(assistant, *, today=None):
    """The steps that can succeed now: allowed by the status, every prerequisite met."""
    return [step for step, missing in step_options(assistant, today=today).items() if not missing]


def _lock(record):
    """Re-read the record under a row lock before a step: the same step sent several times
    at once is taken once, and each later request finds the status the first one left."""
    record.refresh_from_db(from_queryset=type(record).objects.select_for_update())


def _require(assistant, step, now=None):
    _lock(assistant)
    if assistant.status not in STEPS[step]:
        raise StepRefused(
            _("This step is not possible while the assistant's status is “%(status)s”."),
            code="impossible_step",
            params={"status": assistant.get_status_display()},
        )
    facts = _Facts(assistant, timezone.localdate(now))
    for check in PREREQUISITES.get(step, ()):
        if missing := check(facts):
            raise StepRefused(missing.message, code=missing.code)


def _not_future(day, field, now=None):
    if day > timezone.localdate(now):
        raise StepRefused({field: _("This date is in the future.")})


def _write(record, user, now, **save_options):
    """Save the record; its history row names the user and, when given, the moment `now`.

    The moment is not left on the record: a later save is dated when it happens.
    """
    record._history_user = user
    if now is not None:
        record._history_date = now
    try:
        record.save(**save_options)
    finally:
        record.__dict__.pop("_history_date", None)


def _save(assistant, user, fields, now=None):
    _write(assistant, user, now, update_fields=[*fields, "status"])


@transaction.atomic
def assistant_apply(*, user, now=None, **fields) -> Assistant:
    """The citizen's application to the police, with the consent to data processing."""
    assistant = Assistant(status=S.APPLIED, **fields)
    assistant.full_clean()
    try:
        with transaction.atomic():
            _write(assistant, user, now)
    except IntegrityError as exc:
        # Two applications raced past the form check: the database constraint decides.
        raise StepRefused(
            {"iin": _("This IIN already has a registration that is not refused or ended.")}
        ) from exc
    return assistant


@transaction.atomic
def assistant_petition(*, assistant, user, sent_on, petition_number, now=None) -> Assistant:
    """The police found no obstacles and petition the district akimat."""
    _require(assistant, "petition")
    _not_future(sent_on, "sent_on", now)
    if sent_on < assistant.applied_on:
        raise StepRefused({"sent_on": _("The petition cannot precede the application.")})
    assistant.status = S.PETITIONED
    assistant.petition_sent_on = sent_on
    assistant.petition_number = petition_number
    _save(assistant, user, ["petition_sent_on", "petition_number"], now)
    return assistant


@transaction.atomic
def assistant_refuse(*, assistant, user, refused_on, reason, now=None) -> Assistant:
    """The police refuse in writing, with reasons."""
    _require(assistant, "refuse")
    _not_future(refused_on, "refused_on", now)
    if not reason.strip():
        raise StepRefused({"reason": _("A refusal must give its reasons.")})
    assistant.status = S.REFUSED
    assistant.refused_on = refused_on
    assistant.refusal_reason = reason
    _save(assistant, user, ["refused_on", "refusal_reason"], now)
    return assistant


@transaction.atomic
def assistant_register(*, assistant, user, registered_on, now=None) -> Assistant:
    """The akimat registers the assistant and gives a number without gaps per area."""
    _require(assistant, "register")
    _not_future(registered_on, "registered_on", now)
    if registered_on < assistant.petition_sent_on:
        raise StepRefused({"registered_on": _("Registration cannot precede the petition.")})
    if age_on(assistant.birth_date, registered_on) < MINIMUM_AGE:
        raise StepRefused({"registered_on": _("A public assistant must be at least 18 years old.")})
    assistant.registered_on = registered_on
    number = AreaCounter.next_number(assistant.area, Series.REGISTRATION)
    assistant.registration_number = f"{assistant.area_id:02d}-{number:05d}"
    assistant.status = S.REGISTERED
    try:
        with transaction.atomic():
            _save(assistant, user, ["registered_on", "registration_number"], now)
    except IntegrityError as exc:
        # Registered elsewhere at the same moment: the number taken above is rolled back.
        raise StepRefused(REGISTERED_ELSEWHERE, code="registered_elsewhere") from exc
    return assistant


REGISTERED_ELSEWHERE = _(
    "This person is already registered as a public assistant. The registrar who keeps that "
    "registration sees this application in their work queue and must end it first (for "
    "example on the person's own application after a move)."
)


def registered_elsewhere(assistant) -> bool:
    """Whether another record of the same IIN is registered (Law No. 590 allows one)."""
    return (
        Assistant.objects.filter(iin=assistant.iin, status__in=REGISTERED_STATUSES)
        .exclude(pk=assistant.pk)
        .exists()
    )


@transaction.atomic
def certificate_issue(*, assistant, user, issued_on, valid_until=None, now=None) -> Certificate:
    """Issue the certificate and breast badge; numbers run without gaps per area."""
    _require(assistant, "issue_certificate", now)
    _not_future(issued_on, "issued_on", now)
    valid_until = valid_until or _years_later(issued_on, CERTIFICATE_VALID_YEARS)
    if valid_until <= issued_on:
        raise StepRefused({"valid_until": _("The certificate must be valid after its issue.")})
    # The assistant's row is locked (`_require`): a second request waits here and then
    # finds the certificate this one issues; the constraint is the last word.
    certificate = Certificate(
        assistant=assistant,
        area=assistant.area,
        number=AreaCounter.next_number(assistant.area, Series.CERTIFICATE),
        issued_on=issued_on,
        valid_until=valid_until,
    )
    try:
        with transaction.atomic():
            _write(certificate, user, now)
    except IntegrityError as exc:
        raise StepRefused(
            _("The assistant still holds a certificate: it must be returned or revoked first."),
            code="certificate_held",
        ) from exc
    if assistant.status == S.REGISTERED:
        assistant.status = S.CERTIFIED
        _save(assistant, user, [], now)
    return certificate


@transaction.atomic
def certificate_return(*, certificate, user, returned_on, badge_returned, now=None) -> Certificate:
    _lock(certificate)
    if certificate.state != CertificateState.ISSUED:
        raise StepRefused(_("Only an issued certificate can be returned."))
    _not_future(returned_on, "returned_on", now)
    certificate.state = CertificateState.RETURNED
    certificate.returned_on = returned_on
    certificate.badge_returned = badge_returned
    _write(certificate, user, now)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate, user, revoked_on, reason, now=None) -> Certificate:
    _lock(certificate)
    if certificate.state != CertificateState.ISSUED:
        raise StepRefused(_("Only an issued certificate can be revoked."))
    _not_future(revoked_on, "revoked_on", now)
    if not reason.strip():
        raise StepRefused({"reason": _("Give the reason for revocation.")})
    certificate.state = CertificateState.REVOKED
    certificate.revoked_on = revoked_on
    certificate.revocation_reason = reason
    _write(certificate, user, now)
    return certificate


def has_art7_briefing(assistant, *, on=None):
    """Whether the assistant attended the Art. 7 briefing on or before the day `on`."""
    briefings = Training.objects.filter(kind=TrainingKind.ART7_BRIEFING, attendees=assistant)
    return briefings.filter(date__lte=on or timezone.localdate()).exists()


@transaction.atomic
def assistant_activate(*, assistant, user, now=None) -> Assistant:
    """Admit to duties: needs a valid certificate and the briefing on rights and duties (Art. 7)."""
    _require(assistant, "activate", now)
    assistant.status = S.ACTIVE
    _save(assistant, user, [], now)
    return assistant


@transaction.atomic
def assistant_suspend(*, assistant, user, suspended_on, reason, now=None) -> Assistant:
    _require(assistant, "suspend")
    _not_future(suspended_on, "suspended_on", now)
    if not reason.strip():
        raise StepRefused({"reason": _("Give the reason for suspension.")})
    assistant.status = S.SUSPENDED
    assistant.suspended_on = suspended_on
    assistant.suspension_reason = reason
    _save(assistant, user, ["suspended_on", "suspension_reason"], now)
    return assistant


@transaction.atomic
def assistant_resume(*, assistant, user, now=None) -> Assistant:
    """Back to duties after a suspension: with a valid certificate."""
    _require(assistant, "resume", now)
    assistant.status = S.ACTIVE
    _save(assistant, user, [], now)
    return assistant


@transaction.atomic
def assistant_deregister(
    *, assistant, user, deregistered_on, ground, note="", now=None
) -> Assistant:
    """End the registration; a certificate still held is revoked with the same ground."""
    _require(assistant, "deregister")
    _not_future(deregistered_on, "deregistered_on", now)
    if ground not in DeregistrationGround.values:
        raise StepRefused({"ground": _("Choose the ground for deregistration.")})
    if ground == DeregistrationGround.OTHER and not note.strip():
        raise StepRefused({"note": _("Describe the ground for deregistration.")})
    for certificate in assistant.certificates.filter(state=CertificateState.ISSUED):
        certificate_revoke(
            certificate=certificate,
            user=user,
            revoked_on=deregistered_on,
            reason=str(DeregistrationGround(ground).label),
            now=now,
        )
    assistant.status = S.DEREGISTERED
    assistant.deregistered_on = deregistered_on
    assistant.deregistration_ground = ground
    assistant.deregistration_note = note
    _save(
        assistant,
        user,
        ["deregistered_on", "deregistration_ground", "deregistration_note"],
        now,
    )
    return assistant


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def deadline_state(due_on, today=None, warn_days=5):
    """'missed', 'near' (within `warn_days`) or 'ok' for a deadline."""
    today = today or timezone.localdate()
    if due_on < today:
        return "missed"
    if due_on - today <= datetime.timedelta(days=warn_days):
        return "near"
    return "ok"
