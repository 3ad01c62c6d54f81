"""Every choice a user picks from or reads is in Kazakh: each label of every model field
with choices and of every TextChoices/IntegerChoices of the project's apps has a
non-empty, non-fuzzy translation in the Kazakh catalogue (locale/kk/LC_MESSAGES/django.po, read
as compiled: django.mo holds exactly the translated, non-fuzzy entries).

Labels made only of digits and signs ("1"–"5" of a score) need none. A label that is not
marked for translation at all is not in the catalogue either, and is reported too.
"""

import gettext
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from districts.models import MeetingKind
from portal.models import PoliceRank, Role

BASE_DIR = Path(settings.BASE_DIR).resolve()
KAZAKH = BASE_DIR / "locale" / "kk" / "LC_MESSAGES" / "django.mo"


def project_apps():
    """The apps of this repository (not Django's or third-party ones)."""
    # A top-level package of the repository; a virtualenv inside it holds others' apps.
    return [config for config in apps.get_app_configs() if Path(config.path).parent == BASE_DIR]


def import_project_modules():
    """Import every module of the project's apps, so that every Choices class is defined."""
    for config in project_apps():
        package = config.module
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            last = module.name.rsplit(".", 1)[-1]
            skipped = ".migrations" in module.name or ".management" in module.name
            if skipped or last in ("wsgi", "asgi") or last.startswith("settings"):
                continue  # no choices there; the entry points set Django up again
            importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def choice_labels():
    """{msgid: [where it comes from]} of every choice label of the project."""
    import_project_modules()
    names = tuple(f"{config.name}." for config in project_apps())
    found = {}

    def add(label, where):
        if isinstance(label, (list, tuple)):  # a named group of choices
            return
        with translation.override(None):  # the label as written in the code: its msgid
            msgid = str(label)
        if re.search(r"[^\W\d_]", msgid):  # has letters: a word to translate
            found.setdefault(msgid, []).append(where)

    for config in project_apps():
        for model in config.get_models():
            if model.__module__.startswith("simple_history") or model.__name__.startswith(
                "Historical"
            ):
                continue  # the history copies the model's own fields
            for field in model._meta.get_fields():
                for _value, label in getattr(field, "flatchoices", None) or ():
                    add(label, f"{model._meta.label}.{field.name}")
    for enum in _subclasses(models.Choices):
        if enum.__module__.startswith(names):
            for label in enum.labels:
                add(label, f"{enum.__module__}.{enum.__qualname__}")
    return found


def kazakh_translations():
    with KAZAKH.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    return {msgid: text for msgid, text in catalog.items() if msgid and str(text).strip()}


def test_the_walk_finds_the_choices_it_must_check():
    labels = choice_labels()
    with translation.override(None):
        expected = {str(c.label) for c in (Role.INSPECTOR, PoliceRank.CAPTAIN, MeetingKind.REPORT)}
    assert expected <= set(labels)
    assert "1" not in labels  # the quality score's digits


@pytest.mark.django_db
def test_every_choice_label_has_a_kazakh_translation():
    translated = kazakh_translations()
    missing = {
        msgid: where for msgid, where in sorted(choice_labels().items()) if msgid not in translated
    }
    assert missing == {}
