"""A backup of the portal, and its restore: the PostgreSQL database and the uploaded files.

A backup is a directory of three files:

* ``database.dump``: ``pg_dump --format=custom`` of the database;
* ``files.tar``: MEDIA_ROOT under ``media/`` and PRIVATE_MEDIA_ROOT (assistants' photos) under
  ``private/``;
* ``manifest.json``: when and from which database, the number of rows of every table, and
  the SHA-256 and size of the dump and of every file.

**Consistent.** The backup opens a REPEATABLE READ transaction, exports its snapshot
(``pg_export_snapshot()``), counts every table's rows in it and has ``pg_dump --snapshot``
dump that same snapshot: the dump and the counts are one moment of the database, whatever
is written meanwhile. Files are copied after the snapshot: a file uploaded during the backup
may be in it without its record, never a record without its file (files are never changed
in place, and deleted ones are deleted after the record's change commits).

**Restore** checks everything before it writes anything: the manifest, the dump's checksum,
that the database has no table at all and that both media folders are empty or absent. It
then restores the dump in one transaction (``pg_restore --single-transaction``), counts the
rows again and compares them with the manifest, and unpacks the files, checking each one's
checksum. A restore into a database that is not empty is refused: it never merges.

Both need the PostgreSQL client programs (``pg_dump``, ``pg_restore``) of the server's major
version or later. SQLite databases are a single file: copy it instead.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import environ
import psycopg
from django.conf import settings
from django.db import connections
from django.utils import timezone
from psycopg import sql

DUMP, FILES, MANIFEST = "database.dump", "files.tar", "manifest.json"
FORMAT = 1  # of the manifest
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be made; nothing was changed."""


@dataclass(frozen=True)
class Database:
    """Where a database is: what psycopg and the PostgreSQL client programs need."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, settings_dict):
        if settings_dict["ENGINE"] != "django.db.backends.postgresql":
            raise BackupError(
                "Backups are made of PostgreSQL databases. A SQLite database is one file: "
                "copy it (with the portal stopped) instead."
            )
        return cls(
            name=settings_dict["NAME"],
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
        )

    @classmethod
    def from_url(cls, url):
        return cls.from_settings(environ.Env.db_url_config(url))

    @classmethod
    def configured(cls, alias="default"):
        return cls.from_settings(connections[alias].settings_dict)

    def connect(self, **kwargs):
        params = {"dbname": self.name, "user": self.user, "password": self.password}
        params.update(host=self.host, port=self.port)
        return psycopg.connect(**{k: v for k, v in params.items() if v}, **kwargs)

    def client_args(self) -> list:
        args = [f"--dbname={self.name}"]
        for option, value in (("host", self.host), ("port", self.port), ("username", self.user)):
            if value:
                args.append(f"--{option}={value}")
        return [*args, "--no-password"]

    def client_env(self) -> dict:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def _tables(cursor) -> list:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    )
    return cursor.fetchall()


def row_counts(cursor) -> dict:
    """{"schema.table": rows} of every table the cursor's transaction sees."""
    counts = {}
    for schema, table in _tables(cursor):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _run(command, database):
    done = subprocess.run(  # noqa: S603 - fixed programs, arguments built above
        command, env=database.client_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.returncode}")


def _program(name) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (the PostgreSQL client programs).")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_roots() -> dict:
    """{prefix in the archive: folder}: the uploaded files and the private ones."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _files_of(root: Path, skip: set):
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if Path(folder, d).resolve() not in skip)
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path


def _archive_files(target: Path) -> dict:
    roots = media_roots()
    files = {}
    with tarfile.open(target, "w") as archive:
        for prefix, root in roots.items():
            # A private folder inside MEDIA_ROOT is archived once, as the private one.
            others = {r.resolve() for p, r in roots.items() if p != prefix}
            for path in _files_of(root, others):
                name = str(PurePosixPath(prefix, *path.relative_to(root).parts))
                archive.add(path, arcname=name, recursive=False)
                files[name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    return files


def backup(target: Path, database: Database | None = None) -> dict:
    """Write a backup into `target` (a new or empty directory); returns its manifest."""
    database = database or Database.configured()
    pg_dump = _program("pg_dump")
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new or empty directory.")
    target.mkdir(parents=True, exist_ok=True)
    with database.connect() as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            counts = row_counts(cursor)
            # The same snapshot, dumped while the transaction that exported it is open.
            _run(
                [
                    pg_dump,
                    *database.client_args(),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target / DUMP}",
                ],
                database,
            )
        conn.rollback()
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": database.name,
        "server_version": server_version,
        "tables": counts,
        "dump": {"sha256": sha256_of(target / DUMP), "size": (target / DUMP).stat().st_size},
        "files": _archive_files(target / FILES),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), "utf-8")
    return manifest


# --- restore --------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source / MANIFEST} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} is not a manifest of this portal's backups.")
    for key in ("tables", "dump", "files"):
        if not isinstance(manifest.get(key), dict):
            raise BackupError(f"{source / MANIFEST} has no {key!r}.")
    return manifest


def _check_dump(source: Path, manifest: dict):
    dump = source / DUMP
    if not dump.is_file() or sha256_of(dump) != manifest["dump"].get("sha256"):
        raise BackupError(f"{dump} is missing or damaged: its SHA-256 differs from the manifest.")


def _check_empty_database(database: Database):
    with database.connect() as conn, conn.cursor() as cursor:
        tables = _tables(cursor)
    if tables:
        raise BackupError(
            f"The database {database.name} is not empty ({len(tables)} tables): a backup is "
            "restored only into an empty database. Create a new one and restore into it."
        )


def _check_empty_folders():
    for root in media_roots().values():
        if root.exists() and any(p.is_file() for p in root.rglob("*")):
            raise BackupError(f"{root} is not empty: files are restored only into empty folders.")


def _safe_member(member, manifest) -> PurePosixPath:
    name = PurePosixPath(member.name)
    if (
        not member.isfile()
        or name.is_absolute()
        or ".." in name.parts
        or name.parts[0] not in media_roots()
        or member.name not in manifest["files"]
    ):
        raise BackupError(f"{FILES} holds {member.name!r}, which the manifest does not name.")
    return name


def _restore_files(source: Path, manifest: dict) -> int:
    roots = media_roots()
    restored = 0
    with tarfile.open(source / FILES, "r") as archive:
        for member in archive:
            name = _safe_member(member, manifest)
            target = roots[name.parts[0]].joinpath(*name.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as data, target.open("wb") as out:
                shutil.copyfileobj(data, out, CHUNK)
            if sha256_of(target) != manifest["files"][member.name]["sha256"]:
                raise BackupError(f"{member.name} is damaged: its SHA-256 differs.")
            restored += 1
    if restored != len(manifest["files"]):
        raise BackupError(f"{FILES} holds {restored} of the {len(manifest['files'])} files.")
    return restored


def restore(source: Path, database: Database | None = None) -> dict:
    """Restore the backup in `source` into an empty database and empty media folders.

    Returns {"tables": n, "rows": n, "files": n}. Raises BackupError (nothing written) when a
    check before the restore fails, or when the restored rows or files differ."""
    database = database or Database.configured()
    pg_restore = _program("pg_restore")
    source = Path(source)
    manifest = read_manifest(source)
    _check_dump(source, manifest)
    if not (source / FILES).is_file():
        raise BackupError(f"{source / FILES} is missing.")
    _check_empty_database(database)
    _check_empty_folders()
    _run(
        [
            pg_restore,
            *database.client_args(),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            str(source / DUMP),
        ],
        database,
    )
    with database.connect() as conn, conn.cursor() as cursor:
        counts = row_counts(cursor)
    if counts != manifest["tables"]:
        differ = sorted(
            t
            for t in counts.keys() | manifest["tables"].keys()
            if counts.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"The restored rows differ from the backup's in: {', '.join(differ)}.")
    files = _restore_files(source, manifest)
    return {"tables": len(counts), "rows": sum(counts.values()), "files": files}


def describe(manifest: dict) -> str:
    created = datetime.datetime.fromisoformat(manifest["created"])
    rows = sum(manifest["tables"].values())
    return (
        f"{len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files, "
        f"taken {timezone.localtime(created):%Y-%m-%d %H:%M}"
    )
