"""Looking inside the PDFs the portal renders (pypdf), shared by the PDF tests."""

import io

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(data).pages)


def embedded_fonts(data: bytes):
    """(base font name, has an embedded font file) of every font the PDF uses."""
    fonts = []
    for page in reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            owner = descendants[0].get_object() if descendants else font
            descriptor = owner["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts
