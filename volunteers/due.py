"""What the register waits for: the deadlines of Law No. 590 and the assistants' training.

Each rule is a filter (a `Q` on Assistant), so lists, counts and the register's filter
(`?needs=...`) ask the database the same question.

* **Police check** (Art. 5): the police check the records within 30 calendar days of the
  application — due on `applied_on + 30`, overdue the day after.
* **Registration** (Art. 5): the akimat registers within 7 working days of the police
  petition (`portal.periods.add_working_days`, Kazakh holidays counted). Working days are
  not arithmetic in SQL, so the due date is turned around: a petition is due by day D
  when it was sent by `latest_start_ending_by(D, 7)`.
* **Art. 7 briefing**: an assistant is admitted to duties only after the briefing on rights
  and duties (`volunteers.services.lifecycle.assistant_activate`), so a registered or
  certified assistant without it is waiting for it.
* **Legal training**: the police points give legal training to the assistants (seed
  document, section 3); the portal asks for it once a year: an active assistant with no
  legal training in the last LEGAL_TRAINING_DAYS days is due for one. The law sets no
  period; this is the portal's own rule.
* **Applying elsewhere**: a person holds one registration in the country. An application
  in another area is taken without telling its police officer (who must not learn of
  registrations outside their territory); the registrar who keeps the registration sees
  it here and ends the registration (the person moved) or tells the other area's
  registrar, whose registration step refuses until then.
"""

import datetime

from django.db.models import Exists, OuterRef, Q

from portal.periods import latest_start_ending_by
from volunteers.models import (
    REGISTERED_STATUSES,
    Assistant,
    AssistantStatus,
    Training,
    TrainingKind,
)
from volunteers.models.assistant import AKIMAT_REGISTRATION_WORKING_DAYS, POLICE_CHECK_DAYS

S = AssistantStatus
# A deadline this many days ahead (or nearer) is "near".
WARN_DAYS = 5
LEGAL_TRAINING_DAYS = 365


def police_check_due_by(day: datetime.date) -> Q:
    """Applications whose police check is due on `day` or earlier."""
    latest = day - datetime.timedelta(days=POLICE_CHECK_DAYS)
    return Q(status=S.APPLIED, applied_on__lte=latest)


def registration_due_by(day: datetime.date) -> Q:
    """Petitions the akimat has to register on `day` or earlier."""
    latest = latest_start_ending_by(day, AKIMAT_REGISTRATION_WORKING_DAYS)
    return Q(status=S.PETITIONED, petition_sent_on__lte=latest)


def _yesterday(today):
    return today - datetime.timedelta(days=1)


def police_check_overdue(today: datetime.date) -> Q:
    return police_check_due_by(_yesterday(today))


def registration_overdue(today: datetime.date) -> Q:
    return registration_due_by(_yesterday(today))


def deadline_missed(today: datetime.date) -> Q:
    """Either step of Art. 5 not taken in time."""
    return police_check_overdue(today) | registration_overdue(today)


def _attended(kind, since=None):
    through = Training.attendees.through.objects.filter(
        assistant_id=OuterRef("pk"), training__kind=kind
    )
    if since is not None:
        through = through.filter(training__date__gte=since)
    return Exists(through)


def briefing_due() -> Q:
    """Registered assistants who may not be admitted to duties yet: no Art. 7 briefing."""
    return Q(status__in=[S.REGISTERED, S.CERTIFIED]) & ~_attended(TrainingKind.ART7_BRIEFING)


def training_due(today: datetime.date) -> Q:
    """Active assistants with no legal training in the last LEGAL_TRAINING_DAYS days."""
    since = today - datetime.timedelta(days=LEGAL_TRAINING_DAYS)
    return Q(status=S.ACTIVE) & ~_attended(TrainingKind.LEGAL_TRAINING, since)


def applying_elsewhere() -> Q:
    """Registered assistants whose IIN is on a pending application in another area."""
    pending = Assistant.objects.filter(
        iin=OuterRef("iin"), status__in=[S.APPLIED, S.PETITIONED]
    ).exclude(area=OuterRef("area"))
    return Q(status__in=REGISTERED_STATUSES) & Exists(pending)


# The register's filter `?needs=<key>` (volunteers.filters.assistants).
NEEDS = {
    "overdue": deadline_missed,
    "briefing": lambda today: briefing_due(),
    "training": training_due,
    "elsewhere": lambda today: applying_elsewhere(),
}
