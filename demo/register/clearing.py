"""Deleting an area's demo register before it is written again."""

from django.apps import apps
from django.db import models
from django.db.models import Q

from demo.recording import without_history
from volunteers.models import (
    AreaCounter,
    Assistant,
    BudgetLine,
    Certificate,
    CommissionDecision,
    Duty,
    Encouragement,
    InterestLead,
    Training,
    Volunteer,
    VolunteerActivity,
    VolunteerGroup,
)


def historied(model):
    return hasattr(model, "history")


def release(queryset):
    """Delete the rows of other models that PROTECT `queryset`'s rows, e.g. the entries of
    assistants and volunteers in the councils' joint actions."""
    for relation in queryset.model._meta.related_objects:
        if relation.on_delete is models.PROTECT and relation.related_model not in OWN_MODELS:
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": queryset}
            ).delete()


OWN_MODELS = {
    Assistant,
    Certificate,
    Duty,
    Encouragement,
    CommissionDecision,
    Training,
    Volunteer,
    VolunteerGroup,
    VolunteerActivity,
}


def clear_register(area_ids):
    """Delete the areas' register, the history of their assistants, certificates, volunteers
    and groups, and the numbering counters (so the numbers start again from 1)."""

    def wipe(queryset):
        release(queryset)
        with without_history():
            queryset.delete()

    wipe(InterestLead.objects.filter(area_id__in=area_ids))
    InterestLead.history.model.objects.filter(area_id__in=area_ids).delete()
    wipe(
        Encouragement.objects.filter(
            Q(assistant__area_id__in=area_ids) | Q(decision__area_id__in=area_ids)
        )
    )
    wipe(CommissionDecision.objects.filter(area_id__in=area_ids))
    wipe(BudgetLine.objects.filter(area_id__in=area_ids))
    wipe(Duty.objects.filter(assistant__area_id__in=area_ids))
    wipe(Training.objects.filter(area_id__in=area_ids))
    wipe(Certificate.objects.filter(area_id__in=area_ids))
    wipe(Assistant.objects.filter(area_id__in=area_ids))
    AreaCounter.objects.filter(area_id__in=area_ids).delete()
    wipe(VolunteerActivity.objects.filter(area_id__in=area_ids))
    wipe(Volunteer.objects.filter(area_id__in=area_ids))
    wipe(VolunteerGroup.objects.filter(area_id__in=area_ids))
    # The demo's history starts afresh.
    for model in (Assistant, Certificate, Volunteer, VolunteerGroup):
        if historied(model):
            model.history.model.objects.filter(area_id__in=area_ids).delete()
    decisions = CommissionDecision.history.model.objects.filter(area_id__in=area_ids)
    Encouragement.history.model.objects.filter(decision_id__in=decisions.values("id")).delete()
    decisions.delete()
    BudgetLine.history.model.objects.filter(area_id__in=area_ids).delete()
    trainings = Training.history.model.objects.filter(area_id__in=area_ids)
    apps.get_model("volunteers", "HistoricalTraining_attendees").objects.filter(
        history__in=trainings
    ).delete()
    trainings.delete()
    Duty.history.model.objects.filter(beat__police_point__department__area_id__in=area_ids).delete()
