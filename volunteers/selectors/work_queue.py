"""What the register puts in the work queues (portal.work_queues).

* the police check of applications (30 days), for the police who take them and the akimat
  that waits for their petitions: overdue, and due within WARN_DAYS;
* the registration of petitions (7 working days), for the akimat registrar: the same;
* certificates expiring within 30 days, and assistants due for the Art. 7 briefing or
  their yearly legal training (volunteers.due), for the akimat registrar;
* for the regional registrar, each area of the region with steps overdue, linked to that
  area's register filtered to them;
* residents' interests in becoming an assistant or volunteer not yet answered, for the
  police whose queue they are in (the beat's inspector, else the area's police), due
  LEAD_ANSWER_DAYS after the oldest was sent.

Each source is one or two queries (grouped counts), whatever the size of the register.
"""

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext

from districts.models import Area
from portal import policy, work_queues
from portal.periods import add_working_days
from portal.work_queues import DUE_SOON, OVERDUE, QueueItem, link, severity_of
from volunteers import due
from volunteers.forms.certificates import EXPIRY_WARNING_DAYS
from volunteers.models import (
    Assistant,
    AssistantStatus,
    Certificate,
    CertificateState,
    InterestLead,
    LeadStatus,
)
from volunteers.models.assistant import AKIMAT_REGISTRATION_WORKING_DAYS, POLICE_CHECK_DAYS
from volunteers.models.lead import LEAD_ANSWER_DAYS

S = AssistantStatus


def _assistants(user):
    return policy.scoped(user, Assistant.objects.all()).order_by()


def _police_check_due(applied_on):
    return applied_on + datetime.timedelta(days=POLICE_CHECK_DAYS) if applied_on else None


def _registration_due(sent_on):
    return add_working_days(sent_on, AKIMAT_REGISTRATION_WORKING_DAYS) if sent_on else None


def police_checks(user, today):
    """Applications whose police check (30 days) is overdue or due within WARN_DAYS."""
    overdue = due.police_check_overdue(today)
    soon = due.police_check_due_by(today + datetime.timedelta(days=due.WARN_DAYS)) & ~overdue
    row = _assistants(user).aggregate(
        overdue=Count("pk", filter=overdue),
        overdue_oldest=Min("applied_on", filter=overdue),
        soon=Count("pk", filter=soon),
        soon_oldest=Min("applied_on", filter=soon),
    )
    url = link(user, "assistant-list", status=S.APPLIED)
    return [
        QueueItem(
            "police-check-overdue",
            gettext("Public assistants: police check overdue (30 days after the application)"),
            row["overdue"],
            link(user, "assistant-list", status=S.APPLIED, needs="overdue"),
            _police_check_due(row["overdue_oldest"]),
            OVERDUE,
        ),
        QueueItem(
            "police-check-due",
            gettext("Public assistants: police check due soon (30 days after the application)"),
            row["soon"],
            url,
            _police_check_due(row["soon_oldest"]),
            DUE_SOON,
        ),
    ]


def registrations(user, today):
    """Petitions whose registration (7 working days) is overdue or due within WARN_DAYS."""
    overdue = due.registration_overdue(today)
    soon = due.registration_due_by(today + datetime.timedelta(days=due.WARN_DAYS)) & ~overdue
    row = _assistants(user).aggregate(
        overdue=Count("pk", filter=overdue),
        overdue_oldest=Min("petition_sent_on", filter=overdue),
        soon=Count("pk", filter=soon),
        soon_oldest=Min("petition_sent_on", filter=soon),
    )
    url = link(user, "assistant-list", status=S.PETITIONED)
    return [
        QueueItem(
            "registration-overdue",
            gettext("Public assistants: registration overdue (7 working days after the petition)"),
            row["overdue"],
            link(user, "assistant-list", status=S.PETITIONED, needs="overdue"),
            _registration_due(row["overdue_oldest"]),
            OVERDUE,
        ),
        QueueItem(
            "registration-due",
            gettext("Public assistants: registration due soon (7 working days after the petition)"),
            row["soon"],
            url,
            _registration_due(row["soon_oldest"]),
            DUE_SOON,
        ),
    ]


def expiring_certificates(user, today):
    """Issued certificates whose validity ends within EXPIRY_WARNING_DAYS."""
    horizon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    row = (
        policy.scoped(user, Certificate.objects.filter(state=CertificateState.ISSUED))
        .filter(valid_until__gte=today, valid_until__lte=horizon)
        .aggregate(count=Count("pk"), first=Min("valid_until"))
    )
    return [
        QueueItem(
            "certificates-expiring",
            gettext("Certificates expiring within %(days)s days") % {"days": EXPIRY_WARNING_DAYS},
            row["count"],
            link(user, "certificate-list", expiring="true"),
            row["first"],
            DUE_SOON,
        )
    ]


def trainings(user, today):
    """Assistants waiting for the Art. 7 briefing, those due for legal training, and those
    registered here whose IIN is on an application in another area (due.applying_elsewhere)."""
    row = _assistants(user).aggregate(
        briefing=Count("pk", filter=due.briefing_due()),
        training=Count("pk", filter=due.training_due(today)),
        elsewhere=Count("pk", filter=due.applying_elsewhere()),
    )
    return [
        QueueItem(
            "briefing-due",
            gettext("Registered assistants waiting for the Art. 7 briefing before duties"),
            row["briefing"],
            link(user, "assistant-list", needs="briefing"),
        ),
        QueueItem(
            "training-due",
            gettext("Active assistants with no legal training in the last year"),
            row["training"],
            link(user, "assistant-list", needs="training"),
        ),
        QueueItem(
            "applying-elsewhere",
            gettext(
                "Registered here and applying in another area: end the registration or "
                "tell that area's registrar"
            ),
            row["elsewhere"],
            link(user, "assistant-list", needs="elsewhere"),
            None,
            OVERDUE,
        ),
    ]


def regional_overdue(user, today):
    """Per area of the region: the register's steps overdue, linked to that area's list."""
    checks, registrations_ = due.police_check_overdue(today), due.registration_overdue(today)
    rows = list(
        _assistants(user)
        .filter(checks | registrations_)
        .values("area")
        .annotate(
            count=Count("pk"),
            applied_on=Min("applied_on", filter=Q(status=S.APPLIED)),
            petition_sent_on=Min("petition_sent_on", filter=Q(status=S.PETITIONED)),
        )
    )
    areas = Area.objects.in_bulk([row["area"] for row in rows])
    result = []
    for row in rows:
        area = areas[row["area"]]
        dates = [
            _police_check_due(row["applied_on"]),
            _registration_due(row["petition_sent_on"]),
        ]
        result.append(
            QueueItem(
                f"area-{area.pk}-overdue",
                gettext("%(area)s: steps of the register overdue") % {"area": area},
                row["count"],
                link(user, "assistant-list", area=area.pk, needs="overdue"),
                min(d for d in dates if d is not None),
                OVERDUE,
            )
        )
    return result


def interest_leads(user, today):
    """New interests from the public site waiting for a call back (one query)."""
    row = (
        policy.scoped(user, InterestLead.objects.filter(status=LeadStatus.NEW))
        .order_by()
        .aggregate(count=Count("pk"), oldest=Min("created_at"))
    )
    due_on = None
    if row["oldest"] is not None:
        due_on = timezone.localdate(row["oldest"]) + datetime.timedelta(days=LEAD_ANSWER_DAYS)
    return [
        QueueItem(
            "interest-leads",
            gettext("Residents who want to become an assistant or volunteer: call them back"),
            row["count"],
            link(user, "lead-list", status=LeadStatus.NEW),
            due_on,
            severity_of(due_on, today),
        )
    ]


def register():
    """Called from VolunteersConfig.ready()."""
    work_queues.register(
        "volunteers.police_checks",
        police_checks,
        action=("start.inspector", "start.supervisor", "start.akimat"),
    )
    work_queues.register("volunteers.registrations", registrations, action="start.akimat")
    work_queues.register("volunteers.certificates", expiring_certificates, action="start.akimat")
    work_queues.register("volunteers.trainings", trainings, action="start.akimat")
    work_queues.register("volunteers.regional", regional_overdue, action="start.region")
    work_queues.register(
        "volunteers.leads", interest_leads, action=("start.inspector", "start.supervisor")
    )
