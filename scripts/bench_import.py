#!/usr/bin/env python
"""Benchmark of the register import: a generated file checked (dry run) and applied.

    .venv/bin/python scripts/bench_import.py                 # SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import \\
        .venv/bin/python scripts/bench_import.py --rows 10000 --format xlsx

Creates a throw-away test database (SQLite: a temporary file, not memory; PostgreSQL:
`test_<name>`), an area with two beats and a registrar, writes a synthetic file with
scripts/make_register_file.py, then times the two steps of the import exactly as its
tasks run them, and prints rows per second. The requirement: 10,000 rows
in under a minute for each step.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings_test")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args(argv)

    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    database = settings.DATABASES["default"]
    temporary = None
    if database["ENGINE"].endswith("sqlite3"):
        handle, temporary = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        database.setdefault("TEST", {})["NAME"] = temporary
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if temporary:
            Path(temporary).unlink(missing_ok=True)


def run(args):
    from django.db import connection

    from districts.models import Area, Beat, PoliceDepartment, PolicePoint, Region
    from portal.models import Role, User
    from volunteers.models import Assistant
    from volunteers.services.registry_import import REGISTER

    region = Region.objects.create(name="Алматы")
    area = Area.objects.create(region=region, name="Алмалинский район", akimat="Аким")
    department = PoliceDepartment.objects.create(area=area, name="УП")
    point = PolicePoint.objects.create(
        department=department, name="УПП", address="ул. Абая, 1", phone="1", reception_hours="-"
    )
    beats = [Beat.objects.create(code=f"bench-{n}", number=n, police_point=point) for n in (1, 2)]
    registrar = User.objects.create(username="bench", role=Role.AKIMAT_REGISTRAR, area=area)

    make_register_file = _generator()
    header, data = make_register_file.generate(
        args.rows, area=area.name, beats=[beats[0].code, beats[1].number]
    )
    if args.format == "xlsx":
        content = make_register_file.to_xlsx(header, data)
    else:
        content = make_register_file.to_csv(header, data)
    print(f"{connection.vendor}: {args.rows} rows, {args.format}, {len(content) / 1e6:.1f} MB")

    started = time.perf_counter()
    result = REGISTER.check(registrar, content, f"bench.{args.format}")
    checked = time.perf_counter()
    assert not result.bad, result.bad[:3]
    # The apply step checks the file again before writing, as the job does.
    result = REGISTER.check(registrar, content, f"bench.{args.format}")
    rechecked = time.perf_counter()
    outcome = REGISTER.write(registrar, result, reason="Import: bench")
    written = time.perf_counter()
    assert outcome["written"] == args.rows == Assistant.objects.count()

    check_s = checked - started
    apply_s = written - checked
    print(f"dry run: {check_s:6.2f} s  {args.rows / check_s:8.0f} rows/s")
    print(
        f"apply:   {apply_s:6.2f} s  {args.rows / apply_s:8.0f} rows/s "
        f"(check again {rechecked - checked:.2f} s + write {written - rechecked:.2f} s)"
    )


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_register_file", ROOT / "scripts" / "make_register_file.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main()
