"""Languages: the switcher works on every page and the kk/ru/en catalogues are complete."""

import gettext
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGS = [code for code, _name in settings.LANGUAGES]


def unescape(text):
    return text.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def po_entries(lang, *, with_context=False):
    """(msgid, [msgstr...], flags) for each entry of a catalogue, the header left out.

    With `with_context`, each entry is (msgctxt or None, msgid, [msgstr...], flags).
    """
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        fields, current, flags = {}, None, ""
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif match := re.match(
                r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line
            ):
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strs = [unescape(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            context = unescape(fields["msgctxt"]) if "msgctxt" in fields else None
            entry = (unescape(fields["msgid"]), strs, flags)
            entries.append((context, *entry) if with_context else entry)
    return entries


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_complete(lang):
    entries = po_entries(lang)
    assert len(entries) > 50
    untranslated = [msgid for msgid, strs, _ in entries if not all(strs)]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_compiled_catalogue_matches_the_source(lang):
    mo = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    def compiled_text(context, msgid):
        return compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)

    stale = [
        msgid
        for context, msgid, strs, _ in po_entries(lang, with_context=True)
        if len(strs) == 1 and compiled_text(context, msgid) != strs[0]
    ]
    assert stale == [], "run `make messages` to recompile"


def test_kazakh_catalogue_uses_kazakh_letters():
    text = " ".join(s for _, strs, _ in po_entries("kk") for s in strs)
    assert set("әғқңөұүі") <= set(text)


@pytest.mark.django_db
def test_language_switch_sets_kazakh_and_back(client):
    with translation.override("kk"):
        kazakh_title = translation.gettext("Find your beat and inspector")
    with translation.override("ru"):
        russian_title = translation.gettext("Find your beat and inspector")
    assert kazakh_title != russian_title

    # Russian by default.
    html = client.get(reverse("public-home")).content.decode()
    assert '<html lang="ru">' in html and russian_title in html

    response = client.post(reverse("set_language"), {"language": "kk", "next": "/?q=Абая"})
    assert response.status_code == 302
    assert unquote(response.url) == "/?q=Абая"
    html = client.get(reverse("public-home")).content.decode()
    assert '<html lang="kk">' in html and kazakh_title in html

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("public-home")).content.decode()
    assert '<html lang="en">' in html and "Find your beat and inspector" in html


@pytest.mark.django_db
def test_switcher_is_on_every_public_page(client, world):
    for url in (
        reverse("public-home"),
        reverse("beat-detail", args=[world.beat.code]),
        reverse("login"),
    ):
        html = client.get(url).content.decode()
        assert f'action="{reverse("set_language")}"' in html
        for code in LANGS:
            assert f'value="{code}"' in html


def test_switcher_rejects_an_unknown_language(client, db):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="ru">' in client.get("/").content.decode()


def test_switcher_does_not_redirect_off_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "kk", "next": "https://evil.example.com/"}
    )
    assert "evil.example.com" not in response.get("Location", "")
