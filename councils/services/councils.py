"""Writes of public councils that take more than one step: a session with its attendance, and
a decision with the quorum it was taken with."""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import record as audit
from councils.models import CouncilSession, SessionDecision
from councils.quorum import session_quorum


@transaction.atomic
def session_save(*, form) -> CouncilSession:
    """Save a session form with its attendance.

    Attendance is a fact about the session: when the secretary corrects it, the quorum
    recorded on the session's decisions is corrected with it.
    """
    session = form.save()
    reached = session_quorum(session).reached
    changed = list(session.decisions.exclude(had_quorum=reached))
    if changed:
        session.decisions.filter(pk__in=[d.pk for d in changed]).update(had_quorum=reached)
        # update() sends no model signals: the audit log is written here.
        pairs = []
        for decision in changed:
            before = copy.copy(decision)
            decision.had_quorum = reached
            pairs.append((before, decision))
        audit.changed_in_bulk(pairs)
    return session


@transaction.atomic
def decision_add(*, session: CouncilSession, text: str, now=None) -> SessionDecision:
    """Record a decision of a session that has taken place (by `now`, default: the current
    time), with whether it had a quorum.

    A decision without a quorum is saved (the minutes say what was decided) and flagged.
    """
    if session.held_at > (now or timezone.now()):
        raise ValidationError(_("Decisions can be recorded once the session has taken place."))
    decision = SessionDecision(session=session, text=text.strip())
    decision.had_quorum = session_quorum(session).reached
    decision.full_clean()
    decision.save()
    return decision
