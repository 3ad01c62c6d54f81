"""Sample objects for the joint actions' URLs: an action of `world.area` that took place."""

from django.core.files.base import ContentFile

from councils.models import ActionAssistant, ActionVolunteer, JointActionPhoto
from tests.factories import JointActionFactory, VolunteerGroupFactory, active_assistant
from tests.uploads import png_bytes


def _pk(world):
    return {"pk": JointActionFactory(area=world.area).pk}


def _assistant_entry(world):
    action = JointActionFactory(area=world.area)
    entry = ActionAssistant.objects.create(
        action=action, assistant=active_assistant(world.beat), hours=2
    )
    return {"pk": action.pk, "entry": entry.pk}


def _volunteer_entry(world):
    action = JointActionFactory(area=world.area)
    group = VolunteerGroupFactory(area=world.area)
    entry = ActionVolunteer.objects.create(action=action, group=group, hours=3)
    return {"pk": action.pk, "entry": entry.pk}


def _photo(world):
    action = JointActionFactory(area=world.area)
    photo = JointActionPhoto(action=action)
    photo.image.save("sample.png", ContentFile(png_bytes()))  # served by "action-photo"
    return {"pk": action.pk, "photo": photo.pk}


SAMPLES = {
    "action-detail": _pk,
    "action-edit": _pk,
    "action-assistant-add": _pk,
    "action-assistant-remove": _assistant_entry,
    "action-volunteer-add": _pk,
    "action-volunteer-remove": _volunteer_entry,
    "action-photo-create": _pk,
    "action-photo-delete": _photo,
    "action-photo": _photo,
}
