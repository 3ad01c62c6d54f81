"""Generated avatars of the demo's staff: their initials in white on a coloured circle."""

import functools
import zlib
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
AVATAR_SIZE = 256
AVATAR_FONT_SIZE = 104
AVATAR_COLOURS = [
    "#1d4ed8",
    "#0f766e",
    "#15803d",
    "#b45309",
    "#b91c1c",
    "#7e22ce",
    "#be185d",
    "#0369a1",
    "#4d7c0f",
    "#c2410c",
]


def ensure_avatar(user):
    """Give the user a generated avatar unless they already have a photo."""
    if user.photo:
        return
    filename = f"demo-{user.username}.png"
    path = user.photo.field.generate_filename(user, filename)
    if user.photo.storage.exists(path):
        # Left over from an earlier seed of a since-emptied database: reuse it.
        user.photo.name = path
    else:
        user.photo.save(filename, ContentFile(avatar_png(user.initials, user.username)), save=False)
    user.save(update_fields=["photo"])


@functools.cache
def avatar_font():
    try:
        return ImageFont.truetype(str(FONT_PATH), AVATAR_FONT_SIZE)
    except OSError:
        return ImageFont.load_default(size=AVATAR_FONT_SIZE)


def avatar_png(initials, seed):
    """A 256×256 PNG: the initials in white on a coloured circle chosen by `seed`."""
    colour = AVATAR_COLOURS[zlib.crc32(seed.encode()) % len(AVATAR_COLOURS)]
    image = Image.new("RGBA", (AVATAR_SIZE, AVATAR_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, AVATAR_SIZE - 1, AVATAR_SIZE - 1), fill=colour)
    font = avatar_font()
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    position = ((AVATAR_SIZE - (right - left)) / 2 - left, (AVATAR_SIZE - (bottom - top)) / 2 - top)
    draw.text(position, initials, font=font, fill="white")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
