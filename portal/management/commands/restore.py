"""`manage.py restore --from DIR`: a backup of `manage.py backup` into an EMPTY database.

It refuses a database that has any table and media folders that hold files, and checks the
restored row counts and files against the backup's manifest (see portal/backup.py).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, Database, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty PostgreSQL database and empty "
        "MEDIA_ROOT and PRIVATE_MEDIA_ROOT, then check every table's row count and every "
        "file's SHA-256 against the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, type=Path)
        parser.add_argument(
            "--database-url", help="Restore into this database instead of DATABASE_URL's."
        )

    def handle(self, *args, **options):
        url = options["database_url"]
        try:
            database = Database.from_url(url) if url else Database.configured()
            done = restore(options["source"], database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS("Restored and checked: ")
            + f"{done['tables']} tables, {done['rows']} rows, {done['files']} files."
        )
