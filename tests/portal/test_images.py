"""Uploaded photos (portal/images.py), through each form that takes one: the assistant's
photo, a joint action's photos, the staff photo in the admin. Too many pixels are refused
before a pixel is decoded; what is kept is encoded again without EXIF, GPS, comments or
text, its orientation applied, under a random name."""

import io
import re
import time
import tracemalloc

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageFile, PngImagePlugin

from councils.models import JointActionPhoto
from portal import images
from portal.models import Role, User
from tests.builders.people import application
from tests.factories import JointActionFactory
from tests.uploads import jpeg_with_exif, png_bomb, png_bytes
from volunteers.models import Assistant

RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png)")


@pytest.fixture(scope="module")
def bomb():
    return png_bomb()


def upload(content, name="Нурланов у дома.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def cleaned(content, name="photo.jpg"):
    return images.clean_image(upload(content, name))


def opened(file):
    file.seek(0)
    return Image.open(io.BytesIO(file.read()))


# --- the helper -----------------------------------------------------------------------------


def test_a_decompression_bomb_is_refused_at_once_in_bounded_memory(bomb):
    assert len(bomb) < 100 * 1024  # 20,000 × 20,000 pixels: 400 megapixels

    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as error:
            cleaned(bomb, "bomb.png")
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.value.code == "image_pixels"
    assert seconds < 1 and peak < 2 * 1024 * 1024
    with translation.override("en"):
        assert error.value.messages == [
            "The image is too large: at most 40 megapixels are accepted. Make it smaller and "
            "upload it again."
        ]


def test_pillow_refuses_twice_the_limit_anywhere_in_the_portal(settings, bomb):
    assert Image.MAX_IMAGE_PIXELS == settings.IMAGE_MAX_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(bomb))


def test_the_limit_is_read_from_the_header_before_anything_is_decoded(settings, monkeypatch):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    assert cleaned(png_bytes((1000, 1000)), "ok.png")
    too_large = png_bytes((1001, 1000))

    def no_decoding(image):
        raise AssertionError("decoded an image that was too large")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError) as error:
        cleaned(too_large, "big.png")
    assert error.value.code == "image_pixels" and error.value.params == {"limit": 1}


def test_exif_gps_and_comments_are_stripped_and_the_orientation_applied():
    content = jpeg_with_exif(size=(40, 20), orientation=6)
    assert b"PhoneMaker" in content and b"Almaty" in content

    result = cleaned(content, "Нурланов у дома.jpg")

    assert RANDOM_NAME.fullmatch(result.name) and result.name.endswith(".jpg")
    data = result.read()
    assert b"PhoneMaker" not in data and b"Almaty" not in data and b"Exif" not in data
    with opened(result) as image:
        assert image.format == "JPEG" and image.size == (20, 40)  # turned as the camera was
        assert not image.getexif() and "comment" not in image.info
        top, bottom = image.getpixel((10, 5)), image.getpixel((10, 35))
        assert top[2] > 150 > top[0]  # the blue half, once on the left, is now on top
        assert bottom[0] > 150 > bottom[2]


def test_a_png_keeps_its_transparency_and_loses_its_text():
    image = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Нурланов Ержан")
    text.add_text("Location", "43.2567, 76.9286")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=text)

    result = cleaned(buffer.getvalue(), "logo.png")

    assert result.name.endswith(".png") and result.content_type == "image/png"
    assert "Нурланов".encode() not in result.read()
    with opened(result) as saved:
        assert saved.mode == "RGBA" and saved.getpixel((5, 5))[3] == 0
        assert "Author" not in saved.info and "Location" not in saved.info


def test_a_large_photo_is_scaled_down():
    buffer = io.BytesIO()
    Image.new("RGB", (5120, 1000), "green").save(buffer, "JPEG")
    with opened(cleaned(buffer.getvalue())) as image:
        assert image.size == (images.MAX_SIDE, 500)


@pytest.mark.parametrize("fmt", ["GIF", "TIFF", "BMP", "PDF"])
def test_only_jpeg_png_and_webp_are_opened(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, fmt)
    with pytest.raises(ValidationError) as error:
        cleaned(buffer.getvalue(), f"file.{fmt.lower()}")
    assert error.value.code == "invalid_image"


def test_a_webp_photo_becomes_a_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, "WEBP")
    result = cleaned(buffer.getvalue(), "photo.webp")
    assert result.name.endswith(".jpg") and opened(result).format == "JPEG"


# --- each form that takes a photo ----------------------------------------------------------


def test_the_assistants_photo_is_stored_clean_under_a_random_name(client, world, bomb):
    client.force_login(world.users[Role.INSPECTOR])
    data = application(world)
    response = client.post(reverse("assistant-apply"), {**data, "photo": upload(bomb, "b.png")})
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["photo"]] == ["image_pixels"]

    response = client.post(reverse("assistant-apply"), {**data, "photo": upload(jpeg_with_exif())})

    assert response.status_code == 302
    photo = Assistant.objects.get().photo
    assert re.fullmatch(r"assistants/[0-9a-f]{32}\.jpg", photo.name)
    with photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif() and image.size == (20, 40)


def test_a_joint_action_photo_is_stored_clean_under_a_random_name(client, world, bomb):
    action = JointActionFactory(area=world.area)
    client.force_login(world.inspector)
    url = reverse("action-photo-create", args=[action.pk])
    response = client.post(url, {"image": upload(bomb, "bomb.png")})
    errors = response.context["photo_form"].errors.as_data()["image"]
    assert [e.code for e in errors] == ["image_pixels"]

    assert client.post(url, {"image": upload(jpeg_with_exif())}).status_code == 302

    photo = JointActionPhoto.objects.get()
    assert re.fullmatch(r"actions/[0-9a-f]{32}\.jpg", photo.image.name)
    with photo.image.open("rb") as file, Image.open(file) as image:
        assert not image.getexif()


def test_the_staff_photo_in_the_admin_goes_through_the_same_helper(world, settings):
    user = world.users[Role.INSPECTOR]
    user_admin = admin.site._registry[User]
    request = RequestFactory().get("/")
    request.user = world.users[Role.ADMINISTRATOR]
    field = user_admin.get_form(request, obj=user).base_fields["photo"]
    assert isinstance(field, images.PhotoField) and field.max_bytes == 5 * 1024 * 1024

    photo = field.clean(upload(jpeg_with_exif(), "Асанов.jpg"), None)
    user.photo.save(photo.name, photo)

    assert re.fullmatch(r"staff/[0-9a-f]{32}\.jpg", user.photo.name)
    assert user.photo.url.startswith(settings.MEDIA_URL)  # public: shown to residents
    with user.photo.open("rb") as file, Image.open(file) as image:
        assert not image.getexif()
