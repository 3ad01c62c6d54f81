"""The QR code on a certificate: the absolute URL of its public verification page.

The code carries only that URL, whose token is random (see Certificate.token) and says
nothing about the holder (portal.qr draws it).
"""

from django.urls import reverse

from portal.qr import make_qr, qr_data_uri, qr_svg

__all__ = ["make_qr", "qr_data_uri", "qr_svg", "verification_url"]


def verification_url(request, certificate) -> str:
    """The absolute address of the certificate's public verification page."""
    return request.build_absolute_uri(reverse("verify", args=[certificate.token]))
