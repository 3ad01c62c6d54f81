"""The QR code on a certificate: the absolute URL of its public verification page.

The code carries only that URL, whose token is random (see Certificate.token) and says
nothing about the holder. SVG from `segno`: a `data:` URI for the PDF card, inline SVG
(no script, no style attribute) for the staff pages.
"""

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe

# M: about 15 % of the code may be damaged (a worn card) and it still reads.
ERROR_CORRECTION = "m"
# The standard's quiet zone of four modules around the code.
QUIET_ZONE = 4


def verification_url(request, certificate) -> str:
    """The absolute address of the certificate's public verification page."""
    return request.build_absolute_uri(reverse("verify", args=[certificate.token]))


def make_qr(url: str):
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def qr_data_uri(url: str) -> str:
    """An SVG `data:` URI that scales to whatever size the PDF gives it."""
    return make_qr(url).svg_data_uri(
        omitsize=True, border=QUIET_ZONE, dark="#000", light="#fff", xmldecl=False
    )


def qr_svg(url: str, *, title: str = "") -> str:
    """Inline SVG for an HTML page; `title` (escaped by segno) names it for screen readers."""
    svg = make_qr(url).svg_inline(
        omitsize=True,
        border=QUIET_ZONE,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        title=title or None,
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the title is escaped by segno
