"""Appendix B items ticked by joint actions and council sessions (see districts.checklist).

* an information campaign with the public: a joint action of the beat announced to residents;
* NGOs and volunteers involved: a joint action of the beat with an NGO, a youth or veterans'
  organisation among its partners, or volunteers taking part;
* contact with the akimat: a session of the department's public council with a member from a
  state body present, or a joint action of the beat recorded by the akimat's staff;
* work of the public council: a session of the department's public council.

Only what has already begun counts: an action announced for next week ticks nothing yet.
A council works for a police department, so its sessions count for every beat of it.
"""

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import CouncilSession, JointAction, MemberSide, PartnerKind
from districts.checklist import local_day, logged, merged, rule
from districts.models import AutoRule, Beat
from portal.models import Role
from portal.periods import aware_bounds

# Partners that count as non-governmental organisations for the involvement item.
NGO_KINDS = (PartnerKind.NGO, PartnerKind.YOUTH, PartnerKind.VETERANS)


def _begun(period):
    start, end = aware_bounds(period)
    return start, min(end, timezone.now())


def _actions(beat_ids, period, condition):
    """(beat_id, count, last day) of the joint actions of the beats begun in the period."""
    start, end = _begun(period)
    links = JointAction.beats.through.objects.filter(
        beat_id__in=beat_ids,
        jointaction__starts_at__gte=start,
        jointaction__starts_at__lt=end,
        jointaction__in=JointAction.objects.filter(condition),
    )
    rows = (
        links.order_by()
        .values("beat_id")
        .annotate(count=Count("jointaction_id", distinct=True), last=Max("jointaction__starts_at"))
        .values_list("beat_id", "count", "last")
    )
    return [(beat_id, count, local_day(last)) for beat_id, count, last in rows]


def _sessions(beat_ids, period, condition):
    """(beat_id, count, last day) of the sessions held by the councils of the beats'
    departments in the period: one query for the sessions, one for the beats."""
    start, end = _begun(period)
    held = (
        CouncilSession.objects.filter(condition, held_at__gte=start, held_at__lt=end)
        .order_by()
        .values("council__department_id")
        .annotate(count=Count("pk", distinct=True), last=Max("held_at"))
        .values_list("council__department_id", "count", "last")
    )
    by_department = {department: (count, last) for department, count, last in held}
    if not by_department:
        return []
    beats = Beat.objects.filter(
        pk__in=beat_ids, police_point__department_id__in=by_department
    ).values_list("pk", "police_point__department_id")
    return [
        (beat_id, by_department[department][0], local_day(by_department[department][1]))
        for beat_id, department in beats
    ]


@rule(
    AutoRule.INFORMATION_CAMPAIGN,
    missing=_("No joint action of the beat announced to residents was held."),
)
def information_campaign(beat_ids, period, today):
    return logged(_("Public joint actions held"), _actions(beat_ids, period, Q(is_public=True)))


@rule(
    AutoRule.NGO_VOLUNTEERS,
    missing=_("No joint action of the beat with an NGO or volunteers was held."),
)
def ngo_volunteers(beat_ids, period, today):
    involved = Q(partners__kind__in=NGO_KINDS) | Q(volunteers__isnull=False)
    return logged(_("Joint actions with NGOs or volunteers"), _actions(beat_ids, period, involved))


@rule(
    AutoRule.AKIMAT_CONTACT,
    missing=_(
        "No council session with a state body's member present and no joint action with the akimat."
    ),
)
def akimat_contact(beat_ids, period, today):
    sessions = _sessions(beat_ids, period, Q(present__side=MemberSide.STATE_BODY))
    actions = _actions(beat_ids, period, Q(created_by__role=Role.AKIMAT_REGISTRAR))
    return logged(_("Meetings with the akimat's representatives"), merged([sessions, actions]))


@rule(AutoRule.COUNCIL_WORK, missing=_("The department's public council held no session."))
def council_work(beat_ids, period, today):
    return logged(
        _("Sessions of the department's public council"), _sessions(beat_ids, period, Q())
    )
