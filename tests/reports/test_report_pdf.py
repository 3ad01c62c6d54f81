"""The published report's PDF: valid, A4, paged with page numbers, fonts embedded, Kazakh text
extractable, no personal data, and user text that cannot make the renderer fetch anything."""

import re

import pytest
from django.core.files.storage import default_storage

from portal.models import Role
from reports.models import ReportStatus
from reports.services import publishing
from tests.builders.reports import build_quarter, personal_data
from tests.pdf_checks import embedded_fonts, reader, text_of

A4 = (595.28, 841.89)  # points


def publish(world, report, language):
    report.status = ReportStatus.SUBMITTED
    report.save()
    versions = publishing.report_publish(report=report, user=world.users[Role.SUPERVISOR])
    (revision,) = [version for version in versions if version.language == language]
    return revision, default_storage.open(revision.pdf.name).read()


@pytest.fixture
def kazakh(world, no_network):
    data = build_quarter(world)
    revision, pdf = publish(world, data.report, "kk")
    return data, revision, pdf


def test_a_valid_a4_pdf_with_several_numbered_pages(kazakh):
    _data, _revision, pdf = kazakh
    pages = reader(pdf).pages
    assert len(pages) >= 2
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
    texts = [page.extract_text() for page in pages]
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\b{number} / {len(pages)}\b", text), (number, text[-200:])


def test_the_fonts_are_embedded(kazakh):
    fonts = embedded_fonts(kazakh[2])
    assert fonts
    assert all(embedded for _name, embedded in fonts), fonts
    assert all("DejaVu" in name for name, _embedded in fonts), fonts


def test_kazakh_text_is_extractable(kazakh):
    text = text_of(kazakh[2])
    assert "Ұрлық" in text  # the category name in Kazakh
    assert "Алмалы ауданы" in text  # the area's Kazakh name
    assert "Жібек Жолы" in text
    for letter in "әұіқ":
        assert letter in text, letter
    assert "Сапаров Ерлан Маратович" in text  # the inspector and the data as logged
    assert "Безопасный двор" in text
    assert "Установить освещение во дворе домов 12–14" in text


def test_every_section_is_in_the_pdf(kazakh):
    data, revision, pdf = kazakh
    text = text_of(pdf)
    snapshot = revision.snapshot
    for needle in (
        snapshot["summary"],
        snapshot["measures"]["text"],
        "Двор домов 12–14",
        "ОСИ «Бахыт-10»",
        "Освещение установлено акиматом",
        "Вернули потерявшегося ребёнка",
        snapshot["plan"]["text"],
        "Встреча с ОСИ",
        snapshot["next_meeting"]["place"],  # the Kazakh version's place: "№ 9 мектеп, ..."
        "+7 727 272 31 17",
    ):
        assert needle in text, needle


def test_no_personal_data_in_the_pdf(kazakh):
    data, _revision, pdf = kazakh
    text = text_of(pdf)
    flat = text.replace("\n", " ")
    for secret in personal_data(data):
        assert secret not in text and secret not in flat, secret
    assert data.assistant.iin[:6] not in text  # not even a masked IIN
    assert "********" + data.assistant.iin[-4:] not in flat


def test_russian_publication(world, no_network):
    data = build_quarter(world)
    _revision, pdf = publish(world, data.report, "ru")
    text = text_of(pdf)
    assert "Кражи" in text and "Ұрлық" not in text
    assert "Алмалинский район" in text


def test_the_pdf_is_rendered_once(world, no_network, monkeypatch):
    data = build_quarter(world)
    calls = []
    original = publishing.render_pdf

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(publishing, "render_pdf", counting)
    publish(world, data.report, "ru")
    assert calls == ["reports/pdf/report.html"] * 2  # once for each language version


SSRF_SUMMARY = (
    'Итоги квартала <img src="file:///etc/passwd"> и '
    '<img src="http://169.254.169.254/latest"> '
    '<link rel=stylesheet href="file:///etc/passwd"> конец.'
)


def test_user_text_cannot_make_the_renderer_fetch_anything(world, fetched, no_network):
    data = build_quarter(world)
    report = data.report
    report.summary_ru = report.summary_kk = SSRF_SUMMARY
    report.measures_kk = '<img src="https://example.com/track.png">'
    report.next_meeting_place_ru = report.next_meeting_place_kk = (
        '<link rel="stylesheet" href="http://169.254.169.254/x.css">'
    )
    report.save()
    revision, pdf = publish(world, report, "kk")
    assert revision.snapshot["summary"] == SSRF_SUMMARY
    text = text_of(pdf).replace("\n", " ")
    # The markup is printed as the inspector typed it: text, never obeyed.
    assert '<img src="file:///etc/passwd">' in text
    assert '<img src="http://169.254.169.254/latest">' in text
    assert '<link rel=stylesheet href="file:///etc/passwd">' in text
    assert '<img src="https://example.com/track.png">' in text
    asked = [url for url, _served in fetched]
    assert not [u for u in asked if "passwd" in u or "169.254" in u or "example.com" in u]
    # Everything that was fetched is the renderer's own: fonts (and data: URIs, static files).
    assert all(url.startswith(("file:///usr/share/fonts/", "data:", "static:")) for url in asked)
    assert no_network == []
