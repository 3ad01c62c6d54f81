"""`manage.py seed_scale --beats N`: a synthetic country for benchmarks (see demo.scale)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.scale import NotEmpty, build

DEFAULT_PASSWORD = "scale-pass-2026"  # noqa: S105 -- synthetic benchmark accounts only


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic country of N beats for benchmarks: "
        "territory, staff, assistants, two years of work, statistics and published reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--beats", type=int, required=True, help="How many beats.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random data.")
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="Password of every synthetic account."
        )

    def handle(self, *args, beats, seed, password, **options):
        if beats < 1:
            raise CommandError(_("Give at least one beat."))
        started = time.monotonic()
        try:
            counts = build(beats=beats, seed=seed, password=password, log=self.stdout.write)
        except NotEmpty as refusal:
            if refusal.foreign:
                raise CommandError(
                    _(
                        "The database holds regions or users not made by seed_scale: it "
                        "fills only an empty database, and nothing was written."
                    )
                ) from None
            raise CommandError(
                _(
                    "The database already holds a synthetic country: drop and recreate the "
                    "database to build another one. Nothing was written."
                )
            ) from None
        total = sum(counts.values())
        for name, count in sorted(counts.items()):
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} rows for {beats} beats in {time.monotonic() - started:.1f} s"
            )
        )
