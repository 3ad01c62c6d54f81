"""Indexes that only PostgreSQL has, created by migrations and left out of the models' state.

Trigram GIN indexes (pg_trgm) serve the `icontains` searches of names: Django writes
`UPPER(col) LIKE UPPER('%word%')` on PostgreSQL, which an index on the expression
`UPPER(col) gin_trgm_ops` answers without reading the table. SQLite has no such index
and would try to rebuild one whenever it remakes a table, so on SQLite the operations do
nothing and the models do not declare the indexes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def _on_postgres(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


class TrigramExtensionOnPostgres(TrigramExtension):
    """pg_trgm on PostgreSQL; nothing on SQLite, forwards or back."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if _on_postgres(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # other apps' indexes may still need the extension


def upper_trigram(column):
    """What `column__icontains` reads on PostgreSQL, as a GIN trigram index key."""
    return f'USING gin (UPPER("{column}") gin_trgm_ops)'


def trigram(column):
    """A GIN trigram index on the column itself (for LIKE on stored lower-case keys)."""
    return f'USING gin ("{column}" gin_trgm_ops)'


class PostgresIndexes(migrations.operations.base.Operation):
    """Indexes {name: "USING … (…)"} on `model_name`'s table, on PostgreSQL only."""

    reversible = True

    def __init__(self, model_name, indexes):
        self.model_name = model_name
        self.indexes = indexes

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_name, self.indexes], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not _on_postgres(schema_editor):
            return
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        for name, using in self.indexes.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" {using}')

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if not _on_postgres(schema_editor):
            return
        for name in self.indexes:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    def describe(self):
        return f"PostgreSQL-only indexes on {self.model_name}: {', '.join(self.indexes)}"
