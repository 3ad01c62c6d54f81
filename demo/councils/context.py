"""What every area's councils share: the calendar, the accounts, the campaigns and the register."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from councils.models import JointAction, PartnerOrganization, PublicCouncil, Recommendation
from demo.councils.actions import Eligible
from demo.recording import without_history
from districts.models import Beat
from portal.periods import Period
from volunteers.models import (
    Assistant,
    AssistantStatus,
    Certificate,
    CertificateState,
    Duty,
    Volunteer,
    VolunteerGroup,
)


@dataclass
class Context:
    today: datetime.date
    now: datetime.datetime  # the moment of the seed
    latest: datetime.datetime  # nothing is dated later
    previous: Period  # the previous quarter
    current: Period  # the current quarter
    users: dict
    campaigns: dict
    eligible: dict  # area id → [Eligible]
    per_month: Counter  # (assistant id, first day of month) → duties
    groups: dict  # area id → [VolunteerGroup]
    volunteers: dict  # area id → [Volunteer]
    totals: Counter


def clear_councils(area_ids):
    """Delete the areas' joint actions (their participants' duties and activities go with
    them), partners and councils, and the history rows of their recommendations and of the
    duties logged on joint actions."""
    with without_history():
        # pre_delete of each action removes its participants' duties and activities.
        JointAction.objects.filter(area_id__in=area_ids).delete()
    beat_ids = list(
        Beat.objects.filter(police_point__department__area_id__in=area_ids).values_list(
            "pk", flat=True
        )
    )
    Duty.history.model.objects.filter(beat_id__in=beat_ids).exclude(joint_action="").delete()
    PartnerOrganization.objects.filter(area_id__in=area_ids).delete()
    councils = PublicCouncil.objects.filter(department__area_id__in=area_ids)
    council_ids = list(councils.values_list("pk", flat=True))
    with without_history():
        councils.delete()
    Recommendation.history.model.objects.filter(council_id__in=council_ids).delete()


def register_of(area_ids, today):
    """The active assistants who may join actions, and the volunteers of the areas."""
    assistants = list(
        Assistant.objects.filter(area_id__in=area_ids, status=AssistantStatus.ACTIVE)
        .select_related("beat")
        .order_by("iin")
    )
    ids = [a.pk for a in assistants]
    activated = {}
    for pk, moment in (
        Assistant.history.model.objects.filter(id__in=ids, status=AssistantStatus.ACTIVE)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date")
    ):
        activated.setdefault(pk, timezone.localdate(moment))
    valid = dict(
        Certificate.objects.filter(assistant_id__in=ids, state=CertificateState.ISSUED)
        .order_by("valid_until")
        .values_list("assistant_id", "valid_until")
    )
    eligible = defaultdict(list)
    for assistant in assistants:
        if assistant.pk in activated and assistant.pk in valid:
            eligible[assistant.area_id].append(
                Eligible(assistant, activated[assistant.pk], valid[assistant.pk])
            )
    per_month = Counter(
        (pk, day.replace(day=1))
        for pk, day in Duty.objects.filter(assistant_id__in=ids).values_list("assistant_id", "date")
    )
    groups, volunteers = defaultdict(list), defaultdict(list)
    for group in VolunteerGroup.objects.filter(area_id__in=area_ids).order_by("name", "pk"):
        groups[group.area_id].append(group)
    for volunteer in Volunteer.objects.filter(area_id__in=area_ids).order_by(
        "last_name", "first_name", "birth_date", "pk"
    ):
        # The service checks the age on the action's day; the demo keeps to adults' kinds.
        volunteers[volunteer.area_id].append(volunteer)
    return eligible, per_month, groups, volunteers
