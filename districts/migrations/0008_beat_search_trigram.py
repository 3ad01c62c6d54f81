"""The public beat search matches transliterated keys, with typos, through trigram indexes.

Each street name gets its search key (`districts.search.search_key`), filled here for the
streets there are. On PostgreSQL the keys get trigram GiST indexes (pg_trgm): they serve the
search's LIKE filters and its nearest-neighbour ordering by word similarity. The indexes are
created by SQL outside the model's state, because SQLite has no such index (and would try to
rebuild it whenever it remakes the table); SQLite searches with the plain B-tree indexes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from districts.search import normalize, search_key

TRIGRAM_INDEXES = {
    "districts_beatstreet_search_ru_trgm": "search_ru",
    "districts_beatstreet_search_kk_trgm": "search_kk",
}


def fill_search_keys(apps, schema_editor):
    BeatStreet = apps.get_model("districts", "BeatStreet")
    streets = list(BeatStreet.objects.only("name_ru", "name_kk"))
    for street in streets:
        street.search_ru, street.search_kk = search_key(street.name_ru), search_key(street.name_kk)
    BeatStreet.objects.bulk_update(streets, ["search_ru", "search_kk"], batch_size=1000)


def fill_former_search_key(apps, schema_editor):
    """Going back: the former key, '|абая|абай|'."""
    BeatStreet = apps.get_model("districts", "BeatStreet")
    streets = list(BeatStreet.objects.only("name_ru", "name_kk"))
    for street in streets:
        street.search_key = f"|{normalize(street.name_ru)}|{normalize(street.name_kk)}|"
    BeatStreet.objects.bulk_update(streets, ["search_key"], batch_size=1000)


class TrigramExtensionOnPostgres(TrigramExtension):
    """pg_trgm, created on PostgreSQL; Django's operation asks SQLite about it going back."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class TrigramIndexes(migrations.operations.base.Operation):
    """GiST trigram indexes on the search keys, on PostgreSQL only; nothing on SQLite."""

    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX {name} ON districts_beatstreet USING gist ({column} gist_trgm_ops)"
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    def describe(self):
        return "Trigram GiST indexes on the street search keys (PostgreSQL only)"


class Migration(migrations.Migration):

    dependencies = [
        ('districts', '0007_checklist_rules_from_logged_work'),
    ]

    operations = [
        migrations.AddField(
            model_name='beatstreet',
            name='search_kk',
            field=models.CharField(default='', editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name='beatstreet',
            name='search_ru',
            field=models.CharField(default='', editable=False, max_length=500),
        ),
        migrations.RunPython(fill_search_keys, fill_former_search_key),
        # A default, so that going back can add the column to a table that has rows.
        migrations.AlterField(
            model_name='beatstreet',
            name='search_key',
            field=models.CharField(db_index=True, default='', editable=False, max_length=500),
        ),
        migrations.RemoveField(
            model_name='beatstreet',
            name='search_key',
        ),
        migrations.AddIndex(
            model_name='beatstreet',
            index=models.Index(fields=['search_ru'], name='beatstreet_search_ru'),
        ),
        migrations.AddIndex(
            model_name='beatstreet',
            index=models.Index(fields=['search_kk'], name='beatstreet_search_kk'),
        ),
        TrigramExtensionOnPostgres(),
        TrigramIndexes(),
    ]
