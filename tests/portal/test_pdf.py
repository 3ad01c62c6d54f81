"""The portal's PDF renderer: valid PDFs with embedded fonts, Kazakh text, and a fetcher that
reads nothing but the project's static files, data: URIs and the DejaVu fonts."""

import base64

import pytest

from portal import pdf as renderer
from portal.pdf import BASE_URL, FONT_DIR, ResourceRefused, SafeURLFetcher, html_to_pdf
from tests.pdf_checks import embedded_fonts, reader, text_of

KAZAKH = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі"
# A 1×1 red PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


def image_count(data: bytes) -> int:
    # WeasyPrint shares one resource dictionary between pages: count distinct images.
    return len({image.name for page in reader(data).pages for image in page.images})


# --- rendering -------------------------------------------------------------------------------


def test_a_pdf_renders_with_embedded_dejavu_and_extractable_kazakh_text():
    data = html_to_pdf(f"<h1>Куәлік</h1><p>{KAZAKH}</p><p><b>Қазақстан</b></p>")
    pages = reader(data).pages
    assert len(pages) == 1
    text = text_of(data)
    for letter in "әғқңөұүһіӘҒҚҢӨҰҮҺІ":
        assert letter in text, letter
    assert "Қазақстан" in text
    fonts = embedded_fonts(data)
    assert fonts
    assert all(embedded for _name, embedded in fonts), fonts
    assert all("DejaVu" in name for name, _embedded in fonts), fonts


def test_the_fonts_come_from_the_font_directory_through_the_fetcher(fetched):
    html_to_pdf("<p>Сәлем</p>")
    font_urls = [url for url, served in fetched if url.startswith("file:") and served]
    assert (FONT_DIR / "DejaVuSans.ttf").as_uri() in font_urls


def test_render_pdf_renders_a_django_template_with_autoescaped_user_text(fetched, no_network):
    hostile = '<img src="file:///etc/passwd"><img src="http://example.com/x.png">'
    data = renderer.render_pdf(
        "volunteers/pdf/card.html",
        {
            "lang": "kk",
            "card": {
                "number": "00042",
                "surname": hostile,
                "given_names": "Нұрлан Өмірұлы",
                "photo": None,
                "area": "Әуезов ауданы",
                "akimat": "Әуезов ауданының әкімдігі",
                "issued_on": None,
                "valid_until": None,
                "qr": "data:image/svg+xml;charset=utf-8,"
                "%3Csvg%20xmlns%3D%27http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%27%2F%3E",
                "verify_url": "https://portal.example.kz/verify/abc/",
            },
        },
    )
    text = text_of(data)
    # The user's markup is printed as text, never obeyed.
    assert '<img src="file:///etc/passwd">' in text.replace("\n", "").lower()
    assert "Әуезов ауданы" in text
    assert "Нұрлан Өмірұлы" in text
    assert not [url for url, _served in fetched if "passwd" in url or "example.com" in url]
    assert no_network == []


# --- the fetcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file:///usr/share/fonts/truetype/dejavu/../../../../etc/passwd",
        "file:///usr/share/fonts/truetype/dejavu/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "file:///usr/share/fonts/truetype/DejaVuSans.ttf",
        "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf.bak",
        "file://evil.example/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "http://example.com/x.png",
        "https://example.com/static/volunteers/emblem.svg",
        "http://pdf.portal.invalid/static/volunteers/emblem.svg",
        "https://pdf.portal.invalid/media/assistants/photo.jpg",
        "https://pdf.portal.invalid/static/../../../../etc/passwd",
        "https://pdf.portal.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.portal.invalid/static/volunteers/%2e%2e/%2e%2e/%2e%2e/portal/settings.py",
        "static:../portal/settings.py",
        "static:/etc/passwd",
        "static:volunteers/../../portal/settings.py",
        "static:volunteers/%2e%2e/%2e%2e/portal/settings.py",
        "static:volunteers\\..\\..\\portal\\settings.py",
        "static:volunteers/no-such-file.svg",
        "ftp://example.com/x.png",
        "javascript:alert(1)",
        "/etc/passwd",
        "../../etc/passwd",
        "emblem.svg",
        "",
    ],
)
def test_the_fetcher_refuses_everything_but_its_own_resources(url, no_network, monkeypatch):
    opened = []
    real_open = open

    def watch(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watch)
    with pytest.raises(ResourceRefused):
        SafeURLFetcher(BASE_URL).fetch(url)
    assert not [p for p in opened if "passwd" in p or "settings.py" in p]
    assert no_network == []


def test_the_fetcher_serves_static_files_data_uris_and_the_fonts(no_network):
    fetcher = SafeURLFetcher(BASE_URL)
    emblem = fetcher.fetch("static:volunteers/emblem.svg")
    assert emblem.read().startswith(b"<svg")
    assert emblem.content_type == "image/svg+xml"
    by_url = fetcher.fetch(BASE_URL + "static/volunteers/emblem.svg")
    assert by_url.read().startswith(b"<svg")
    png = fetcher.fetch("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert png.read() == PNG
    assert png.content_type == "image/png"
    svg = fetcher.fetch("data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E")
    assert svg.read() == b"<svg/>"
    font = fetcher.fetch((FONT_DIR / "DejaVuSans.ttf").as_uri())
    assert font.read(4) in (b"\x00\x01\x00\x00", b"true")
    assert no_network == []


def test_the_fetcher_serves_static_urls_on_the_given_base_only():
    fetcher = SafeURLFetcher("http://testserver/")
    assert fetcher.fetch("http://testserver/static/volunteers/emblem.svg").read()
    with pytest.raises(ResourceRefused):
        fetcher.fetch(BASE_URL + "static/volunteers/emblem.svg")


def test_the_fetcher_cannot_be_bypassed_through_urllib_open(no_network):
    from urllib.request import Request

    with pytest.raises(ResourceRefused):
        SafeURLFetcher().open(Request("http://example.com/x.png"))
    with pytest.raises(ResourceRefused):
        SafeURLFetcher().open("file:///etc/passwd")


def test_a_template_that_really_loads_file_and_http_urls_gets_nothing(
    tmp_path, fetched, no_network
):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    control = html_to_pdf(f'<img src="data:image/png;base64,{base64.b64encode(PNG).decode()}">')
    assert image_count(control) == 1  # an image that is allowed does end up in the PDF
    fetched.clear()

    data = html_to_pdf(
        '<p>x</p><img src="file:///etc/passwd">'
        f'<img src="{secret.as_uri()}">'
        '<img src="http://example.com/x.png">'
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<img src="/static/../../../etc/passwd">'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image xlink:href="{secret.as_uri()}" width="10" height="10"/></svg>'
        "<style>body { background: url(file:///etc/passwd) }</style>"
    )
    assert image_count(data) == 0
    refused = {url for url, served in fetched if not served}
    assert "file:///etc/passwd" in refused
    assert secret.as_uri() in refused
    assert "http://example.com/x.png" in refused
    assert not [
        url for url, served in fetched if served and not url.startswith("file:///usr/share/fonts")
    ]
    assert no_network == []


def test_data_uris_that_are_malformed_are_refused():
    with pytest.raises(ResourceRefused):
        SafeURLFetcher().fetch("data:image/png;base64")
