import datetime

from django.utils import timezone

from councils.models import JointAction, JointActionPhoto


def action(world):
    start = timezone.now() - datetime.timedelta(hours=3)
    return JointAction.objects.create(
        title="Безопасный двор",
        area=world.area,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Двор дома 12",
    )


def _pk(world):
    return {"pk": action(world).pk}


def _assistant_entry(world):
    from councils.models import ActionAssistant
    from tests.factories import AssistantFactory
    from volunteers.models import AssistantStatus

    item = action(world)
    assistant = AssistantFactory(beat=world.beat, status=AssistantStatus.ACTIVE)
    entry = ActionAssistant.objects.create(action=item, assistant=assistant, hours=2)
    return {"pk": item.pk, "entry": entry.pk}


def _volunteer_entry(world):
    from councils.models import ActionVolunteer
    from volunteers.models import VolunteerGroup

    item = action(world)
    group = VolunteerGroup.objects.create(
        name="Студотряд", area=world.area, contact_person="Иванов", phone="+7 701 000 00 00"
    )
    entry = ActionVolunteer.objects.create(action=item, group=group, hours=3)
    return {"pk": item.pk, "entry": entry.pk}


def _photo(world):
    item = action(world)
    photo = JointActionPhoto.objects.create(action=item, image="actions/sample.jpg")
    return {"pk": item.pk, "photo": photo.pk}


SAMPLES = {
    "action-detail": _pk,
    "action-edit": _pk,
    "action-assistant-add": _pk,
    "action-assistant-remove": _assistant_entry,
    "action-volunteer-add": _pk,
    "action-volunteer-remove": _volunteer_entry,
    "action-photo-create": _pk,
    "action-photo-delete": _photo,
}
