"""QR codes as SVG from `segno`: a `data:` URI for PDFs, inline SVG (no script, no style
attribute) for pages. A code carries only the URL it is given."""

import segno
from django.utils.safestring import mark_safe

# M: about 15 % of the code may be damaged (a worn card, a torn notice) and it still reads.
ERROR_CORRECTION = "m"
# The standard's quiet zone of four modules around the code.
QUIET_ZONE = 4


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
