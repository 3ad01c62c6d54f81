"""Joint actions' photos show people: they are kept in private storage under random names and
served by the portal to whoever may see the action, never from the public media folder.
Photos uploaded before were moved there by a data migration."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from councils.models import JointActionPhoto
from portal.models import Role
from tests.factories import JointActionFactory, UserFactory
from tests.uploads import jpeg_with_exif, png_bytes

MIGRATION = importlib.import_module("councils.migrations.0002_joint_action_photos_private")


@pytest.fixture
def photo(world):
    action = JointActionFactory(area=world.area)
    photo = JointActionPhoto(action=action, caption="Двор")
    photo.image.save("yard.png", ContentFile(png_bytes((20, 20), (10, 120, 10))))
    return photo


def url(photo):
    return reverse("action-photo", args=[photo.action_id, photo.pk])


def test_a_photo_lives_in_private_storage_and_the_page_links_the_portal(client, world, settings):
    action = JointActionFactory(area=world.area)
    client.force_login(world.inspector)
    image = ContentFile(jpeg_with_exif(), name="Ержан у школы.jpg")

    client.post(reverse("action-photo-create", args=[action.pk]), {"image": image})

    photo = JointActionPhoto.objects.get()
    assert re.fullmatch(r"actions/[0-9a-f]{32}\.jpg", photo.image.name)
    assert photo.image.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not (settings.MEDIA_ROOT / photo.image.name).exists()
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018 - no address in the public media folder
    page = client.get(action.get_absolute_url()).content.decode()
    assert f'src="{url(photo)}"' in page
    assert settings.MEDIA_URL not in page and "Ержан" not in page


@pytest.mark.parametrize("role", list(Role))
def test_everyone_who_sees_the_action_gets_its_photo(client, world, photo, role):
    client.force_login(world.users[role])
    assert client.get(photo.action.get_absolute_url()).status_code == 200

    response = client.get(url(photo))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.size == (20, 20)
    assert client.head(url(photo)).status_code == 200


@pytest.mark.parametrize(
    "outsider",
    [
        lambda world: UserFactory(role=Role.COUNCIL_SECRETARY, area=world.other_area),
        lambda world: UserFactory(role=Role.AKIMAT_REGISTRAR, area=world.far_area),
        lambda world: UserFactory(role=Role.INSPECTOR, department=world.other_department),
        lambda world: UserFactory(role=Role.REGIONAL_REGISTRAR, region=world.far_region),
    ],
    ids=["secretary-next-door", "akimat-far", "inspector-next-door", "region-far"],
)
def test_staff_of_another_territory_do_not_find_it(client, world, photo, outsider):
    client.force_login(outsider(world))
    assert client.get(photo.action.get_absolute_url()).status_code == 404
    assert client.get(url(photo)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, photo):
    response = client.get(url(photo))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_photo_is_found_only_under_its_own_action(client, world, photo):
    client.force_login(world.inspector)
    other = JointActionFactory(area=world.area)
    assert client.get(reverse("action-photo", args=[other.pk, photo.pk])).status_code == 404
    assert client.get(reverse("action-photo", args=[photo.action_id, 10**9])).status_code == 404
    assert client.post(url(photo)).status_code == 405


def test_a_photo_whose_file_is_gone_is_404(client, world, photo):
    client.force_login(world.inspector)
    photo.image.storage.delete(photo.image.name)
    assert client.get(url(photo)).status_code == 404


def test_a_removed_photo_takes_its_file_with_it(client, world, photo):
    client.force_login(world.inspector)
    storage, name = photo.image.storage, photo.image.name
    delete = reverse("action-photo-delete", args=[photo.action_id, photo.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(delete)
    assert not storage.exists(name)
    assert client.get(url(photo)).status_code == 404


# --- the data migration ---------------------------------------------------------------------


def test_the_migration_moves_public_photos_to_private_storage_clean_and_renamed(world, settings):
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    old = public.save("actions/Нурланов Ержан у школы.jpg", ContentFile(jpeg_with_exif()))
    broken = public.save("actions/scan.pdf", ContentFile(b"%PDF-1.4 not an image"))
    action = JointActionFactory(area=world.area)
    photo = JointActionPhoto.objects.create(action=action, image=old)
    odd = JointActionPhoto.objects.create(action=action, image=broken)
    lost = JointActionPhoto.objects.create(action=action, image="actions/gone.jpg")

    with TestCase.captureOnCommitCallbacks(execute=True):
        MIGRATION.to_private(apps, None)

    photo.refresh_from_db()
    assert re.fullmatch(r"actions/[0-9a-f]{32}\.jpg", photo.image.name)
    assert photo.image.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with photo.image.open("rb") as file, Image.open(file) as image:
        assert not image.getexif() and image.size == (20, 40)
    assert not public.exists(old) and not public.exists(broken)
    odd.refresh_from_db()  # not an image: kept as it was, under a random name
    assert re.fullmatch(r"actions/[0-9a-f]{32}\.pdf", odd.image.name)
    with odd.image.open("rb") as file:
        assert file.read() == b"%PDF-1.4 not an image"
    lost.refresh_from_db()
    assert lost.image.name == "actions/gone.jpg"

    with TestCase.captureOnCommitCallbacks(execute=True):
        MIGRATION.to_public(apps, None)

    photo.refresh_from_db()
    assert public.exists(photo.image.name) and not photo.image.storage.exists(photo.image.name)
