"""The audit log as people read it: what happened, to which record, and each changed field
as "label: old → new" in the reader's language, personal data as "changed" only.

Entries keep raw values (choice codes, ids of related records, dates in ISO form); the
labels, names and local dates are found when the page is shown. The related records of a
page of entries are read in one query per kind of record, never per entry.
"""

import datetime
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from audit.registry import CONCEALED, LIST_CHOICES, concealed_fields

A = LogEntry.Action
ACTIONS = {
    A.CREATE: _("created"),
    A.UPDATE: _("changed"),
    A.DELETE: _("deleted"),
    A.ACCESS: _("personal data shown"),
}
# What showed personal data (`audit.record.SEEN_EVENTS`).
EVENTS = {
    "list": _("page of the register"),
    "view": _("record page"),
    "photo": _("photo"),
    "export": _("register export"),
    "certificate": _("certificate with photo"),
    "lookup": _("look-up by IIN"),
}
EMPTY = "—"


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""
    concealed: bool = False  # personal data: changed, values not kept


@dataclass
class Row:
    entry: LogEntry
    action: str
    event: str
    kind: str
    changes: list = field(default_factory=list)


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related_keys(entries):
    """{related model: {pk text}} of every foreign key value in the entries' changes."""
    keys = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes or {}).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.many_to_one or not isinstance(values, list):
                continue
            for value in values:
                if value not in (None, ""):
                    keys.setdefault(model_field.related_model, set()).add(str(value))
    return keys


def related_names(entries) -> dict:
    """{(related model, pk text): its name} for the foreign keys of the entries' changes."""
    names = {}
    for model, pks in _related_keys(entries).items():
        valid = []
        for pk in pks:
            try:
                valid.append(model._meta.pk.to_python(pk))
            except Exception:  # noqa: BLE001, S112 - a value of a field that changed type
                continue
        for obj in model._base_manager.filter(pk__in=valid):
            names[(model, str(obj.pk))] = str(obj)
    return names


def _choices_of(model, model_field):
    path = LIST_CHOICES.get(f"{model._meta.label}.{model_field.name}")
    return dict(import_string(path).choices) if path else {}


def value_text(model, model_field, value, names) -> str:
    """One recorded value as text for the reader."""
    if value is None or value == "":
        return EMPTY
    if model_field is None:
        return str(value)
    if model_field.many_to_one:
        return names.get((model_field.related_model, str(value)), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value in (True, "True") else _("no"))
    if isinstance(model_field, models.DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(value)
    if isinstance(value, list):
        labels = _choices_of(model, model_field)
        return ", ".join(str(labels.get(item, item)) for item in value) or EMPTY
    return str(value)


def changes_of(entry, names) -> list:
    model = entry.content_type.model_class()
    concealed = set(concealed_fields(model)) if model else set()
    result = []
    for name, values in (entry.changes or {}).items():
        model_field = _field(model, name)
        label = capfirst(str(model_field.verbose_name)) if model_field else name
        if isinstance(values, dict) and values.get("type") == "m2m":
            objects = ", ".join(str(o) for o in values.get("objects", []))
            added = values.get("operation") == "add"
            result.append(Change(label, old="" if added else objects, new=objects if added else ""))
        elif name in concealed or values == [CONCEALED, CONCEALED]:
            result.append(Change(label, concealed=True))
        else:
            old, new = (values + [None, None])[:2] if isinstance(values, list) else (None, values)
            result.append(
                Change(
                    label,
                    old=value_text(model, model_field, old, names),
                    new=value_text(model, model_field, new, names),
                )
            )
    return result


def rows(entries) -> list:
    """The page's entries as rows to show; one query per kind of related record."""
    entries = list(entries)
    names = related_names(entries)
    result = []
    for entry in entries:
        model = entry.content_type.model_class()
        event = (entry.additional_data or {}).get("event", "")
        result.append(
            Row(
                entry=entry,
                action=ACTIONS.get(entry.action, entry.action),
                event=EVENTS.get(event, event),
                kind=capfirst(model._meta.verbose_name) if model else entry.content_type.model,
                changes=[] if entry.action == A.ACCESS else changes_of(entry, names),
            )
        )
    return result
