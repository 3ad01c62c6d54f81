"""The printable certificate cards (Law No. 590): what one card shows and how cards sit on A4
sheets. Used by the single card's view and by the batch, which a task renders
(volunteers/file_makers.py): a batch of hundreds of cards takes too long for a request."""

import base64
import io

from PIL import Image, ImageOps

from portal import policy
from volunteers.qr import qr_data_uri

# The card speaks the state language or Russian (Constitution, Art. 7).
CARD_LANGUAGES = ("kk", "ru")
# Cards per A4 sheet: two columns of four CR80 cards (85.6 × 54 mm).
CARDS_PER_SHEET = 8
CARD_COLUMNS = 2
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_BOX = (360, 450)  # pixels: 3:4, enough for 24 × 30 mm at about 380 dpi


def photo_data_uri(assistant):
    """The holder's photo, re-encoded as a small JPEG data: URI; None without a usable photo."""
    if not assistant.photo:
        return None
    try:
        with assistant.photo.open("rb") as file:
            data = file.read(PHOTO_MAX_BYTES + 1)
        if len(data) > PHOTO_MAX_BYTES:
            return None
        with Image.open(io.BytesIO(data)) as original:
            image = ImageOps.exif_transpose(original)
            image = ImageOps.fit(image.convert("RGB"), PHOTO_BOX)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def card(user, site_url, certificate):
    """What one card shows, both sides, printed by `user`; `site_url` is the portal's address
    as the user reached it (the QR code's verification link). No IIN, phone, address or birth
    date; the photo only for a user who may see the holder's personal data."""
    assistant = certificate.assistant
    url = site_url.rstrip("/") + certificate.verification_url()
    show_photo = policy.may(user, "personal_data.view", assistant)
    return {
        "certificate": certificate,
        "number": certificate.display_number,
        "surname": assistant.last_name,
        "given_names": " ".join(p for p in (assistant.first_name, assistant.middle_name) if p),
        "photo": photo_data_uri(assistant) if show_photo else None,
        "area": certificate.area.name,
        "akimat": certificate.area.akimat,
        "issued_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
        "qr": qr_data_uri(url),
        "verify_url": url,
    }


def holders_with_photo(cards):
    """The holders whose photo the cards carry, for the audit log."""
    return [c["certificate"].assistant for c in cards if c["photo"]]


def sheets(cards):
    """A4 sheets of up to eight cards; each sheet's back mirrors its columns so that the
    backs fall behind their fronts when printed on both sides (flip on the long edge)."""
    result = []
    for start in range(0, len(cards), CARDS_PER_SHEET):
        chunk = cards[start : start + CARDS_PER_SHEET]
        front = [{"slot": i, "card": c} for i, c in enumerate(chunk)]
        back = [
            {
                "slot": (i // CARD_COLUMNS) * CARD_COLUMNS + (CARD_COLUMNS - 1 - i % CARD_COLUMNS),
                "card": c,
            }
            for i, c in enumerate(chunk)
        ]
        result.append({"front": front, "back": back})
    return result
