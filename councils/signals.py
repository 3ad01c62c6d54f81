"""Keep the duty log and volunteer activities in step when an action goes away by any path
(the admin included), not only through the action pages."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from councils.models import JointAction
from councils.services.actions import action_assistant_remove, action_volunteer_remove


@receiver(pre_delete, sender=JointAction)
def remove_participants_hours(sender, instance, **kwargs):
    for entry in instance.assistants.select_related("duty"):
        action_assistant_remove(entry=entry)
    for entry in instance.volunteers.select_related("activity"):
        action_volunteer_remove(entry=entry)
