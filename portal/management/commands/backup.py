"""`manage.py backup --to DIR`: a consistent backup of the database and the uploaded files.

See portal/backup.py for what it writes and how it stays consistent, and docs/backups.md for
running it every night and restoring it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, Database, backup, describe


class Command(BaseCommand):
    help = (
        "Back up the PostgreSQL database (pg_dump of one snapshot, with the row count of every "
        "table) and MEDIA_ROOT and PRIVATE_MEDIA_ROOT (a tar with the SHA-256 of every file) "
        "into a new or empty directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="A new or empty directory.")
        parser.add_argument(
            "--database-url", help="Back up this database instead of DATABASE_URL's."
        )

    def handle(self, *args, **options):
        url = options["database_url"]
        try:
            database = Database.from_url(url) if url else Database.configured()
            manifest = backup(options["to"], database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Backed up into {options['to']}: ") + describe(manifest)
        )
