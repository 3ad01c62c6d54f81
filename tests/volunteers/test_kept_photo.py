"""Nothing typed is lost: a photo chosen with a form that failed on another field is kept for
the next submit (portal/kept_uploads.py), under a token of the user's own, and saved with the
record once the form is valid."""

import datetime
import re

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councils.models import JointActionPhoto
from portal import kept_uploads
from portal.models import Role
from tests.builders.people import application
from tests.clients import as_role
from tests.factories import AssistantFactory, JointActionFactory, UserFactory, valid_iin
from tests.uploads import png_bytes
from volunteers.models import Assistant

PHOTO = png_bytes(size=(30, 40), color=(200, 10, 10))


def photo(name="Портрет Нурланова.png", content=PHOTO):
    return SimpleUploadedFile(name, content, content_type="image/png")


def kept_token(html, field="photo"):
    match = re.search(rf'name="{field}-kept" value="([\w-]+)"', html)
    return match.group(1) if match else None


def keep_a_photo(client, world):
    """Apply with a photo and a phone too short: the token of the kept photo."""
    response = client.post(reverse("assistant-apply"), application(world, phone="1", photo=photo()))
    return kept_token(response.content.decode())


def test_a_photo_survives_an_invalid_phone_and_is_saved_with_the_application(client, world):
    as_role(client, world, Role.INSPECTOR)
    url = reverse("assistant-apply")

    response = client.post(url, application(world, phone="12", photo=photo()))

    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Assistant.objects.exists()
    html = response.content.decode()
    token = kept_token(html)
    assert token
    # The user sees which file is kept, with a way to drop it; the URL carries nothing.
    kept = html.split('class="border border-success-subtle rounded p-2 mb-2 kept-upload"', 1)[1]
    assert "Портрет Нурланова.png" in kept.split("</div>", 1)[0]
    assert 'name="photo-kept-remove"' in kept
    assert token not in response.request["PATH_INFO"] + response.request.get("QUERY_STRING", "")

    response = client.post(url, application(world, **{"photo-kept": token}))

    assert response.status_code == 302
    assistant = Assistant.objects.get()
    assert response.url == assistant.get_absolute_url()
    with assistant.photo.open("rb") as saved:
        assert saved.read() == PHOTO
    # The photo's stored name says nothing about the person.
    assert "Нурланов" not in assistant.photo.name
    # Used once: the kept copy is gone.
    assert cache.get(f"kept-upload:{world.inspector.pk}:{token}") is None


def test_a_photo_kept_twice_is_still_the_same_file(client, world):
    as_role(client, world, Role.INSPECTOR)
    url = reverse("assistant-apply")
    first = client.post(url, application(world, phone="1", photo=photo()))
    token = kept_token(first.content.decode())
    second = client.post(url, application(world, address="", **{"photo-kept": token}))
    assert second.status_code == 200 and "address" in second.context["form"].errors
    assert kept_token(second.content.decode()) == token
    client.post(url, application(world, **{"photo-kept": token}))
    with Assistant.objects.get().photo.open("rb") as saved:
        assert saved.read() == PHOTO


def test_a_new_file_replaces_the_kept_one_and_removal_drops_it(client, world):
    as_role(client, world, Role.INSPECTOR)
    url = reverse("assistant-apply")
    token = kept_token(
        client.post(url, application(world, phone="1", photo=photo())).content.decode()
    )
    other = png_bytes(size=(12, 12), color=(0, 200, 0))
    client.post(url, application(world, photo=photo("new.png", other), **{"photo-kept": token}))
    with Assistant.objects.get().photo.open("rb") as saved:
        assert saved.read() == other
    assert cache.get(f"kept-upload:{world.inspector.pk}:{token}") is None

    Assistant.objects.all().delete()
    token = kept_token(
        client.post(url, application(world, phone="1", photo=photo())).content.decode()
    )
    data = application(world, **{"photo-kept": token, "photo-kept-remove": "on"})
    assert client.post(url, data).status_code == 302
    assert not Assistant.objects.get().photo


def test_a_photo_refused_by_its_own_field_is_not_kept(client, world):
    as_role(client, world, Role.INSPECTOR)
    not_an_image = SimpleUploadedFile("cv.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(
        reverse("assistant-apply"), application(world, phone="1", photo=not_an_image)
    )
    assert "photo" in response.context["form"].errors
    assert kept_token(response.content.decode()) is None


def test_a_kept_photo_is_not_reachable_by_another_user(client, world):
    as_role(client, world, Role.INSPECTOR)
    url = reverse("assistant-apply")
    token = kept_token(
        client.post(url, application(world, phone="1", photo=photo())).content.decode()
    )

    # A colleague of the same department who learnt the token gets nothing from it.
    colleague = UserFactory(role=Role.INSPECTOR, department=world.department)
    world.colleague_beat.inspector = colleague
    world.colleague_beat.save()
    client.force_login(colleague)
    data = application(world, beat=world.colleague_beat.pk, **{"photo-kept": token})
    assert client.post(url, data).status_code == 302
    assert not Assistant.objects.get().photo
    # The owner's copy is still there for the owner.
    assert cache.get(f"kept-upload:{world.inspector.pk}:{token}") is not None


def test_malformed_tokens_are_ignored(client, world):
    as_role(client, world, Role.INSPECTOR)
    for token in ("../../etc/passwd", "x", "a" * 300, ""):
        data = application(
            world, iin=valid_iin(datetime.date(1980, 1, 1), start=len(token) * 7 + 3)
        )
        data["photo-kept"] = token
        assert client.post(reverse("assistant-apply"), data).status_code == 302
    assert not any(a.photo for a in Assistant.objects.all())


def test_an_expired_kept_photo_is_gone(client, world):
    as_role(client, world, Role.INSPECTOR)
    url = reverse("assistant-apply")
    token = kept_token(
        client.post(url, application(world, phone="1", photo=photo())).content.decode()
    )
    cache.delete(f"kept-upload:{world.inspector.pk}:{token}")  # what the timeout does
    assert client.post(url, application(world, **{"photo-kept": token})).status_code == 302
    assert not Assistant.objects.get().photo
    assert kept_uploads.KEEP_SECONDS <= 2 * 60 * 60


def test_the_contact_form_keeps_a_new_photo_across_an_invalid_phone(client, world):
    assistant = AssistantFactory(beat=world.beat, status="active")
    as_role(client, world, Role.AKIMAT_REGISTRAR)
    url = reverse("assistant-edit", args=[assistant.pk])
    data = {"phone": "+7 777 999 88 77", "address": "мкр. Самал-2, 5", "forms": ["patrols"]}
    data["beat"] = world.beat.pk
    response = client.post(url, {**data, "phone": "", "photo": photo()})
    assert response.status_code == 200
    token = kept_token(response.content.decode())
    assert token
    response = client.post(url, {**data, "photo-kept": token})
    assert response.status_code == 302 and response.url == assistant.get_absolute_url()
    assistant.refresh_from_db()
    with assistant.photo.open("rb") as saved:
        assert saved.read() == PHOTO


def test_a_joint_action_photo_survives_a_caption_too_long(client, world):
    action = JointActionFactory(area=world.area)
    as_role(client, world, Role.COUNCIL_SECRETARY)
    url = reverse("action-photo-create", args=[action.pk])
    response = client.post(url, {"image": photo("двор.png"), "caption": "x" * 2000})
    assert response.status_code == 200
    assert "caption" in response.context["photo_form"].errors
    token = kept_token(response.content.decode(), field="image")
    assert token
    response = client.post(url, {"caption": "Двор", "image-kept": token})
    assert response.status_code == 302
    saved = JointActionPhoto.objects.get()
    assert response.url == saved.get_absolute_url()
    with saved.image.open("rb") as file:
        assert file.read() == PHOTO
