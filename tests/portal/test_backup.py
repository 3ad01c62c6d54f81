"""`manage.py backup` and `manage.py restore`: a backup restored into a fresh PostgreSQL
database gives the same rows in every table and the same files; a database that is not empty,
a damaged backup and SQLite are refused with a reason."""

import filecmp
import json
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection

from portal.backup import DUMP, FILES, MANIFEST, Database, row_counts
from tests.factories import AssistantFactory, MeetingFactory
from tests.uploads import png_bytes

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backups are of PostgreSQL databases (run with DATABASE_URL=postgres://...)",
)


def files_under(root: Path) -> dict:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    source = Database.configured()
    name = f"portal_restore_{uuid.uuid4().hex[:12]}"
    admin = Database(**{**source.__dict__, "name": "postgres"})
    with admin.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield Database(**{**source.__dict__, "name": name})
    with admin.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url_of(database):
    auth = database.user + (f":{database.password}" if database.password else "")
    host = database.host or "127.0.0.1"
    port = f":{database.port}" if database.port else ""
    return f"postgres://{auth}@{host}{port}/{database.name}"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_and_files(
    tmp_path, settings, world, fresh_database
):
    # The photo in PRIVATE_MEDIA_ROOT as this test configures it (the model's storage reads
    # the setting once, at start-up).
    private_storage = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
    photo = private_storage.save("assistants/portrait.png", ContentFile(png_bytes()))
    assistant = AssistantFactory(beat=world.beat, photo=photo)
    MeetingFactory(beat=world.beat, created_by=world.inspector)
    inspector = world.inspector
    inspector.photo.save("inspector.png", ContentFile(png_bytes(color=(9, 9, 9))), save=True)
    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)

    call_command("backup", to=tmp_path / "backup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    manifest = json.loads((tmp_path / "backup" / MANIFEST).read_text())
    with connection.cursor() as cursor:
        assert manifest["tables"] == row_counts(cursor.cursor)
    assert manifest["tables"]["public.volunteers_assistant"] == 1
    assert set(manifest["files"]) == {
        f"private/{assistant.photo.name}",
        f"media/{inspector.photo.name}",
    }

    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "m2", tmp_path / "p2"
    call_command(
        "restore",
        source=tmp_path / "backup",
        database_url=url_of(fresh_database),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    with fresh_database.connect() as conn, conn.cursor() as cursor:
        assert row_counts(cursor) == manifest["tables"]
        cursor.execute("SELECT iin FROM volunteers_assistant")
        assert cursor.fetchall() == [(assistant.iin,)]
    assert files_under(tmp_path / "m2") == files_under(media)
    assert files_under(tmp_path / "p2") == files_under(private)
    assert filecmp.cmp(
        tmp_path / "p2" / assistant.photo.name, private / assistant.photo.name, shallow=False
    )

    # Restoring again into the now full database is refused, and changes nothing.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", source=tmp_path / "backup", database_url=url_of(fresh_database))


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_or_a_full_database_is_refused_before_anything_is_written(
    tmp_path, world, fresh_database
):
    AssistantFactory(beat=world.beat)
    backup_dir = tmp_path / "backup"
    call_command("backup", to=backup_dir, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", to=backup_dir)
    # The configured database is full: refused.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", source=backup_dir)

    dump = backup_dir / DUMP
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", source=backup_dir, database_url=url_of(fresh_database))
    (backup_dir / MANIFEST).write_text("{}")
    with pytest.raises(CommandError, match="not a manifest"):
        call_command("restore", source=backup_dir, database_url=url_of(fresh_database))
    with fresh_database.connect() as conn, conn.cursor() as cursor:
        assert row_counts(cursor) == {}


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_files_are_restored_only_into_empty_folders(tmp_path, settings, world, fresh_database):
    AssistantFactory(beat=world.beat)
    call_command("backup", to=tmp_path / "backup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (tmp_path / "backup" / FILES).is_file()
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-in-use"
    (tmp_path / "private-in-use").mkdir()
    (tmp_path / "private-in-use" / "someone.png").write_bytes(png_bytes())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", source=tmp_path / "backup", database_url=url_of(fresh_database))
    with fresh_database.connect() as conn, conn.cursor() as cursor:
        assert row_counts(cursor) == {}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite refusal")
def test_sqlite_is_refused_with_a_reason(tmp_path, db):
    with pytest.raises(CommandError, match="SQLite"):
        call_command("backup", to=tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


def test_the_connection_settings_reach_the_client_programs():
    database = Database.from_url("postgres://portal:s3cret@db.internal:6432/portal")
    assert database.client_args() == [
        "--dbname=portal",
        "--host=db.internal",
        "--port=6432",
        "--username=portal",
        "--no-password",
    ]
    assert database.client_env()["PGPASSWORD"] == "s3cret"
