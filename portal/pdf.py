"""The portal's one PDF renderer: a Django template rendered by WeasyPrint.

Everything WeasyPrint would load while rendering — images, stylesheets, fonts, SVG
references — goes through `SafeURLFetcher`, which serves only:

* the project's own static files, found by the `django.contrib.staticfiles` finders
  (or, in production, in the collected static root), addressed as `static:path/to/file`
  or by a `/static/...` URL on the render's base URL;
* `data:` URIs (a QR code, an embedded photo);
* the DejaVu font files of the system font directory, by their exact `file://` URL.

Anything else — another `file://` path, `http(s)://`, `ftp:`, a path that climbs out of
the static directories — raises `ResourceRefused` and nothing is read. WeasyPrint then
leaves the resource out and goes on. A user's text reaches a template only through
Django's autoescaping, so it cannot add an element that loads anything either.
"""

import base64
import binascii
import posixpath
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A placeholder origin that resolves nowhere: relative and `/static/...` URLs in a PDF
# template resolve against it, and the fetcher maps its static path to the static files.
BASE_URL = "https://pdf.portal.invalid/"
STATIC_SCHEME = "static:"
# The only font files the renderer may read from the file system (fonts-dejavu-core).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}
MAX_RESOURCE_BYTES = 10 * 1024 * 1024
# Tagged PDF for assistive technology (PDF/UA-1: structure tags, document language).
PDF_VARIANT = "pdf/ua-1"

CONTENT_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class ResourceRefused(ValueError):
    """The PDF renderer may not load this URL."""


def _content_type(name):
    return CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_RESOURCE_BYTES:
        raise ResourceRefused(f"Resource too large: {path.name}")
    return path.read_bytes()


def _static_path(name: str) -> Path:
    """The file of a static asset by its name relative to the static root, or refuse."""
    name = unquote(name)
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        raise ResourceRefused(f"Not a static file name: {name!r}")
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts) or posixpath.normpath(name) != name:
        raise ResourceRefused(f"Not a static file name: {name!r}")
    try:
        found = finders.find(name)
    except SuspiciousFileOperation as exc:
        raise ResourceRefused(f"Not a static file name: {name!r}") from exc
    if found:
        return Path(found)
    # Production: hashed names exist only in the collected static root.
    root = getattr(settings, "STATIC_ROOT", None)
    if root:
        root = Path(root).resolve()
        candidate = (root / name).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise ResourceRefused(f"No such static file: {name!r}")


def _static_name_from_storage_url(url: str) -> str | None:
    """`name` when `url` is how the static storage spells an asset's URL, else None."""
    try:
        prefix = staticfiles_storage.base_url or settings.STATIC_URL
    except Exception:  # pragma: no cover - misconfigured storage
        return None
    if prefix and "://" in prefix and url.startswith(prefix):
        return url[len(prefix) :]
    return None


def _static_prefix():
    prefix = urlsplit(settings.STATIC_URL).path
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    return prefix if prefix.endswith("/") else prefix + "/"


def _decode_data_uri(url: str):
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise ResourceRefused("Malformed data: URI")
    params = header.split(";")
    content_type = params[0].strip() or "text/plain"
    try:
        if params[-1].strip().lower() == "base64":
            body = base64.b64decode(unquote(payload), validate=False)
        else:
            body = unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as exc:
        raise ResourceRefused("Malformed data: URI") from exc
    if len(body) > MAX_RESOURCE_BYTES:
        raise ResourceRefused("data: URI too large")
    return content_type, body


class SafeURLFetcher(URLFetcher):
    """A URL fetcher that reads only static files, data: URIs and the DejaVu fonts.

    It never opens a network connection and never reads another file: `fetch` is
    replaced whole, so none of urllib's handlers is ever reached.
    """

    def __init__(self, base_url=BASE_URL):
        super().__init__(allowed_protocols=("data", "static", "file", "https", "http"))
        origin = urlsplit(base_url)
        self._origin = (origin.scheme.lower(), origin.netloc.lower())

    def fetch(self, url, headers=None):
        if not isinstance(url, str):
            raise ResourceRefused("Not a URL")
        if url.startswith("data:"):
            content_type, body = _decode_data_uri(url)
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        if url.startswith(STATIC_SCHEME):
            path = _static_path(url[len(STATIC_SCHEME) :].split("?")[0].split("#")[0])
            return self._file_response(url, path)
        storage_name = _static_name_from_storage_url(url)
        if storage_name is not None:
            return self._file_response(url, _static_path(storage_name.split("?")[0]))
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise ResourceRefused(f"Malformed URL: {url!r}") from exc
        scheme = parts.scheme.lower()
        if scheme == "file":
            return self._file_response(url, self._font_path(parts))
        if scheme in ("http", "https") and (scheme, parts.netloc.lower()) == self._origin:
            prefix = _static_prefix()
            if parts.path.startswith(prefix):
                return self._file_response(url, _static_path(parts.path[len(prefix) :]))
        raise ResourceRefused(f"The PDF renderer does not load {url[:200]!r}")

    def open(self, url, data=None, timeout=None):
        target = getattr(url, "full_url", url)
        return self.fetch(target)

    @staticmethod
    def _font_path(parts) -> Path:
        """Only a font file that lies directly in FONT_DIR, after resolving any link."""
        if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
            raise ResourceRefused("Only local font files may be read")
        raw = unquote(parts.path)
        if "\x00" in raw:
            raise ResourceRefused("Not a font file")
        path = Path(raw)
        font_dir = FONT_DIR.resolve()
        if path.parent != FONT_DIR and path.parent != font_dir:
            raise ResourceRefused(f"Not a font file of {FONT_DIR}: {raw[:200]!r}")
        if path.suffix.lower() not in (".ttf", ".otf") or ".." in path.parts:
            raise ResourceRefused(f"Not a font file: {raw[:200]!r}")
        resolved = path.resolve()
        if resolved.parent != font_dir:  # a link that leads out of the directory
            raise ResourceRefused(f"Not a font file of {FONT_DIR}: {raw[:200]!r}")
        if not resolved.is_file():
            raise ResourceRefused(f"No such font file: {raw[:200]!r}")
        return resolved

    @staticmethod
    def _file_response(url, path: Path):
        return URLFetcherResponse(url, _read(path), {"Content-Type": _content_type(path.name)})


def font_face_css() -> str:
    """@font-face rules that bind the PDF font family to the DejaVu files by exact URL."""
    rules = []
    for (weight, style), filename in FONT_FILES.items():
        path = FONT_DIR / filename
        if path.is_file():
            rules.append(
                "@font-face { "
                f'font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
                f'src: url("{path.as_uri()}"); }}'
            )
    # Without the files, fontconfig still finds the system's DejaVu Sans by name.
    rules.append(f'html {{ font-family: "{FONT_FAMILY}", sans-serif; }}')
    return "\n".join(rules)


def html_to_pdf(html: str, *, base_url: str = BASE_URL) -> bytes:
    """PDF bytes of an HTML string, loading nothing but what SafeURLFetcher allows.

    Every PDF is tagged (WeasyPrint's PDF/UA-1 variant), so screen readers follow its
    headings, lists and tables; its language is the `lang` of the template's <html>.
    """
    fetcher = SafeURLFetcher(base_url)
    font_config = FontConfiguration()
    fonts = weasyprint.CSS(string=font_face_css(), url_fetcher=fetcher, font_config=font_config)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[fonts], font_config=font_config, pdf_variant=PDF_VARIANT)


def render_pdf(template_name, context, *, base_url: str = BASE_URL, language=None) -> bytes:
    """Render a Django template (autoescaped, no request) to PDF bytes, in `language` (the
    active one by default: dates and numbers are formatted as on the page)."""
    if language is None:
        return html_to_pdf(render_to_string(template_name, context), base_url=base_url)
    with translation.override(language):
        return html_to_pdf(render_to_string(template_name, context), base_url=base_url)
