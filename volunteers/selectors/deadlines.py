"""Reads of the register that several pages share.

Deadlines of Law No. 590, Art. 5, for the start pages: the police check records within
30 calendar days of the application; the akimat registers within 7 working days of the
police petition. Each list is one query (plus one count), whatever the amount of data.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from portal import policy
from volunteers.models import Assistant, AssistantStatus
from volunteers.models.assistant import POLICE_CHECK_DAYS
from volunteers.services.lifecycle import deadline_state

WARN_DAYS = 5
# How many rows a start page lists; the rest is counted and linked to the register.
SHOWN = 10
# Seven working days always span a weekend: at least nine calendar days.
MIN_REGISTRATION_SPAN = datetime.timedelta(days=9)


@dataclass
class DeadlineList:
    """Assistants whose deadline is near or missed, most urgent first."""

    kind: str  # "police_check" or "registration"
    rows: list = field(default_factory=list)  # (assistant, due_on, state)
    total: int = 0

    @property
    def more(self):
        return self.total - len(self.rows)


def _base(user):
    return policy.scoped(user, Assistant.objects.select_related("area", "beat"))


def police_check_deadlines(user, today=None, warn_days=WARN_DAYS) -> DeadlineList:
    """Applications in the user's scope whose police check is due within `warn_days` or late."""
    today = today or timezone.localdate()
    latest_applied_on = today + datetime.timedelta(days=warn_days - POLICE_CHECK_DAYS)
    queryset = _base(user).filter(status=AssistantStatus.APPLIED, applied_on__lte=latest_applied_on)
    total = queryset.count()
    rows = [
        (a, a.police_check_due_on, deadline_state(a.police_check_due_on, today, warn_days))
        for a in queryset.order_by("applied_on", "pk")[:SHOWN]
    ]
    return DeadlineList("police_check", rows, total)


def registration_deadlines(user, today=None, warn_days=WARN_DAYS) -> DeadlineList:
    """Petitioned assistants in the user's scope whose registration is due soon or late.

    The due date counts working days (holidays included), so it is computed in Python;
    the database only drops the petitions too recent to be near their deadline.
    """
    today = today or timezone.localdate()
    latest_sent_on = today + datetime.timedelta(days=warn_days) - MIN_REGISTRATION_SPAN
    candidates = (
        _base(user)
        .filter(status=AssistantStatus.PETITIONED, petition_sent_on__lte=latest_sent_on)
        .order_by("petition_sent_on", "pk")
    )
    rows = []
    for assistant in candidates:
        due_on = assistant.registration_due_on
        state = deadline_state(due_on, today, warn_days)
        if state != "ok":
            rows.append((assistant, due_on, state))
    return DeadlineList("registration", rows[:SHOWN], len(rows))


def start_page_deadlines(user, today=None) -> list[DeadlineList]:
    """The deadline lists a user's start page shows: the police check for the police,
    the registration for the akimat (an administrator sees both)."""
    if not (user.is_authenticated and user.is_active):
        return []
    lists = []
    # The police who take applications follow their check; the akimat, its registration.
    if policy.may(user, "register.apply"):
        lists.append(police_check_deadlines(user, today))
    if policy.may(user, "register.record"):
        lists.append(registration_deadlines(user, today))
    return lists
