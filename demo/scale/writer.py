"""Fast inserts for the synthetic country: COPY on PostgreSQL, bulk_create elsewhere.

Rows are tuples of the fields a caller names; every other concrete column gets the field's
default (auto_now fields: the moment of the run), so COPY never misses a NOT NULL column.
Primary keys are given by the writer (`reserve`), so rows of one table can point at rows of
another before either is written; the sequences are moved past them at the end (`finish`).
Bulk inserts bypass django-simple-history and auditlog: synthetic data has no history.
"""

import json

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

# Rows per COPY statement and per bulk_create batch.
BATCH = 5000


class Writer:
    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()
        self.counts = {}
        self._next = {}
        self._models = []

    def reserve(self, model, count):
        """The first of `count` fresh primary keys of `model`, taken in a row."""
        if model not in self._next:
            last = model.objects.aggregate(last=Max("pk"))["last"] or 0
            self._next[model] = last + 1
            self._models.append(model)
        first = self._next[model]
        self._next[model] = first + count
        return first

    def insert(self, model, fields, rows):
        """Insert `rows` (tuples in the order of `fields`, an iterable) into `model`'s table."""
        columns, defaults, json_at = self._columns(model, fields)
        if model not in self._next:
            self.reserve(model, 0)
        count = 0
        if self.postgres:
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    row = (*row, *defaults)
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            row[i] = json.dumps(row[i], ensure_ascii=False)
                    copy.write_row(row)
                    count += 1
        else:
            attnames = [*fields, *(f.attname for f in self._missing(model, fields))]
            batch = []
            for row in rows:
                batch.append(model(**dict(zip(attnames, (*row, *defaults), strict=True))))
                if len(batch) >= BATCH:
                    model.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            if batch:
                model.objects.bulk_create(batch)
                count += len(batch)
        self.counts[model.__name__] = self.counts.get(model.__name__, 0) + count
        return count

    def _missing(self, model, fields):
        given = set(fields)
        return [
            f
            for f in model._meta.concrete_fields
            if f.attname not in given and not (f.primary_key and f.attname in given)
        ]

    def _columns(self, model, fields):
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        named = [by_attname[name] for name in fields]
        missing = self._missing(model, fields)
        defaults = []
        for field in missing:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults.append(self.now)
            elif field.primary_key:
                raise ValueError(f"{model.__name__}: give the primary key")
            elif field.has_default():
                defaults.append(field.get_default())
            elif field.null:
                defaults.append(None)
            elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
                defaults.append("")
            else:
                raise ValueError(f"{model.__name__}.{field.name} needs a value")
        all_fields = named + missing
        json_at = [i for i, f in enumerate(all_fields) if isinstance(f, models.JSONField)]
        return [f.column for f in all_fields], defaults, json_at

    def analyze(self):
        """Fresh planner statistics and visibility maps of the tables written (PostgreSQL):
        the state autovacuum keeps a live database in, so the first benchmark runs neither on
        the plans of empty tables nor without index-only scans. Outside the transaction."""
        if not self.postgres:
            return
        # VACUUM cannot run in a transaction (a test's): statistics alone there.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for model in self._models:
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")

    def finish(self):
        """Move every sequence past the keys given (PostgreSQL; SQLite needs nothing)."""
        statements = connection.ops.sequence_reset_sql(no_style(), self._models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
