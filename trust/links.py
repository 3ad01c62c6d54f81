"""The survey's address for printed QR codes made outside a request (a report's PDF)."""

from django.urls import reverse

from districts.models.survey import Source
from portal.mail import absolute
from portal.qr import qr_data_uri


def survey_address(beat_code: str, source: str = Source.REPORT) -> str:
    """The absolute address of a beat's survey, marked with where the resident came from."""
    return absolute(reverse("beat-survey", args=[beat_code])) + f"?from={source}"


def survey_code(beat_code: str, source: str = Source.REPORT) -> dict:
    """`survey_url` and `survey_qr` (a data: URI) for a PDF template."""
    url = survey_address(beat_code, source)
    return {"survey_url": url, "survey_qr": qr_data_uri(url)}
