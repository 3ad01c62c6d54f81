"""Uploaded photos made safe to keep and to show: one helper for every image the portal
takes (an assistant's photo, a joint action's photos, a staff member's photo).

An uploaded image may be hostile, and a photo says more than it shows:

* A small file can decode to gigabytes: a 20,000 × 20,000 PNG of one colour packs into
  50 KB. The size in pixels is read from the file's header and refused above
  IMAGE_MAX_PIXELS before a pixel is decoded; Pillow itself refuses anything twice that
  size anywhere in the portal (`Image.MAX_IMAGE_PIXELS`, set by `PortalConfig.ready`).
* A photo's EXIF says where (GPS) and when it was taken and with what; a JPEG may carry a
  comment and XMP, a PNG text. The image is decoded and encoded again with none of it
  (only its colour profile and transparency), its EXIF orientation applied to the pixels.
* The uploader's file name may name the person: the file is stored under a random name.

Only JPEG, PNG and WebP are opened (Pillow's many other formats are never tried). A PNG,
or an image with transparency, stays PNG; anything else becomes JPEG. A photo longer than
MAX_SIDE pixels on a side is scaled down: nothing the portal shows needs more.

`PhotoField` is the form field every one of those images uses.
"""

import io
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SIDE = 2560
JPEG_QUALITY = 85
KEPT_INFO = ("icc_profile", "transparency")  # colour and transparency: nothing about anyone
MB = 1024 * 1024

TOO_MANY_PIXELS = _(
    "The image is too large: at most %(limit)s megapixels are accepted. Make it smaller "
    "and upload it again."
)


def guard_pillow():
    """Pillow refuses, wherever the portal opens an image, what is twice the upload limit."""
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def random_name(extension: str) -> str:
    """An unguessable file name that says nothing about the person or the uploader."""
    return f"{secrets.token_hex(16)}.{extension}"


def _too_many_pixels():
    limit = settings.IMAGE_MAX_PIXELS
    return ValidationError(
        TOO_MANY_PIXELS, code="image_pixels", params={"limit": round(limit / 1_000_000)}
    )


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _encoded(image, source_format) -> tuple[bytes, str, str]:
    """(bytes, extension, content type) of the image encoded again, without metadata."""
    as_png = source_format == "PNG" or _has_alpha(image)
    if as_png and image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    elif not as_png and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    if not as_png:
        kept.pop("transparency", None)
    image.info = kept  # the encoders read comments, XMP and text from here: none is left
    out = io.BytesIO()
    if as_png:
        image.save(out, "PNG")
        return out.getvalue(), "png", "image/png"
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue(), "jpg", "image/jpeg"


def clean_image(file) -> SimpleUploadedFile:
    """The uploaded `file` checked, decoded and encoded again, under a random name.

    Raises ValidationError: "invalid_image" for anything but a sound JPEG, PNG or WebP,
    "image_pixels" for an image of more than IMAGE_MAX_PIXELS."""
    file.seek(0)
    try:
        with Image.open(file, formats=FORMATS) as original:
            width, height = original.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise _too_many_pixels()
            source_format = original.format
            if source_format == "JPEG":
                original.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a fraction if large
            image = ImageOps.exif_transpose(original)  # a copy, its orientation applied
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        content, extension, content_type = _encoded(image, source_format)
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    except ValidationError:
        raise
    except Exception as exc:  # whatever a broken file makes Pillow raise
        message = forms.ImageField.default_error_messages["invalid_image"]
        raise ValidationError(message, code="invalid_image") from exc
    return SimpleUploadedFile(random_name(extension), content, content_type)


class PhotoField(forms.ImageField):
    """An image upload made safe by `clean_image`: what the form's cleaned data holds is
    the image encoded again, under a random name, never the uploaded file.

    `max_bytes` (None: no limit of its own) is checked before the image is opened."""

    max_bytes = None

    def __init__(self, *, max_bytes=None, **kwargs):
        super().__init__(**kwargs)
        if max_bytes is not None:
            self.max_bytes = max_bytes

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # empty or no file: None
        if upload is None:
            return None
        limit = self.max_bytes
        if limit is not None and upload.size > limit:
            raise ValidationError(
                _("The photo is larger than %(size)s MB."),
                code="photo_size",
                params={"size": limit // MB},
            )
        return clean_image(upload)
