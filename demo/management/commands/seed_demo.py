"""`manage.py seed_demo`: an Almaty demo territory with staff accounts for every role.

Creates, or brings back to the demo state, the region "г. Алматы" with its eight
districts and their akimats, one police department and two police points per
district, six beats per district with their streets (see `demo.data`),
one inspector with an avatar per beat, and one account per role; each inspector's own
reception hours, messenger groups of houses on most beats and the city's police trust
phone (see `demo.channels`). Every demo account has the password ``demo12345``:

    inspector    district inspector of beat almaly-01
    supervisor   supervisor of the Almaly District police department
    registrar    akimat registrar of Almaly District
    regional     regional registrar of Almaty
    secretary    council secretary of Almaly District
    admin        administrator and superuser

The other inspectors sign in as ``inspector-<beat code>``, e.g. ``inspector-almaly-02``.
Every beat then gets a realistic previous and current quarter of the inspector's work
(see `demo.work`), dated relative to today, and every district its register
of public assistants and volunteers: assistants at every step of the Law No. 590
lifecycle with certificates, trainings, duties and encouragements, volunteer groups,
volunteers and their activities (see `demo.register`), and its civil society: partner
organisations, the public council at the police department with its sessions, decisions
and recommendations, and a half-year of joint actions in the named campaigns that the
assistants and volunteers took part in, with a few announced for the coming weeks (see
`demo.councils`).
Every beat then gets a year of its residents' anonymous trust surveys, different from beat
to beat, a few quarters below the minimum sample (see `demo.trust`), and every district the
targets of the effectiveness indicators (see `demo.indicators`).
Last, every beat gets its offence statistics for the last two years and its quarterly
reports (see `demo.reports`): the report for the last completed quarter written,
submitted and published with its PDF (in Kazakh for Almaly, in Russian elsewhere; a few
corrected by a second revision), and a draft for the current quarter, a few of them
complete and, in the quarter's last days, submitted for review. Publishing renders a PDF
per beat, which takes most of the time; ``--skip-reports`` leaves the statistics and
reports as they are.
Running the command again updates the same records (keyed on natural keys: names,
beat codes, usernames), resets the demo passwords and rewrites the beats' work, the
districts' register (with the same registration and certificate numbers) and their
councils, partners and joint actions, and republishes the beats' reports. It
refuses to run unless DEBUG is on, because it creates accounts with a published password.
"""

import time

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from demo.channels import seed_channels
from demo.councils import seed_councils
from demo.data import staff
from demo.indicators import seed_targets
from demo.register import seed_register
from demo.reports import seed_reports
from demo.territory import TerritorySeeder
from demo.trust import seed_trust
from demo.work import seed_work
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint


class Command(BaseCommand):
    help = (
        "Fill the database with an Almaty demo: 8 districts, 48 beats with streets, an "
        "inspector per beat and one account per role (password demo12345), with their work, "
        "register, councils, offence statistics and published quarterly reports. DEBUG only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-reports",
            action="store_true",
            help=(
                "Do not write the offence statistics and quarterly reports (publishing "
                "renders a PDF per beat, most of the command's time); those already there "
                "are left as they are."
            ),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with known passwords and runs only with DEBUG=True."
            )
        started = time.monotonic()
        # modeltranslation fills the untranslated column from the active language.
        language = getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", settings.LANGUAGE_CODE)
        # Seeding is no one's change: the audit log does not record it.
        with translation.override(language), transaction.atomic(), disable_auditlog():
            seeder = TerritorySeeder()
            seeder.run()
            channels = seed_channels(
                seeder.region,
                Beat.objects.filter(police_point__department__area__region=seeder.region),
            )
            work = seed_work(
                Beat.objects.filter(police_point__department__area__region=seeder.region)
            )
            register = seed_register(Area.objects.filter(region=seeder.region))
            # After the register: assistants and volunteers of the areas join the actions.
            councils = seed_councils(Area.objects.filter(region=seeder.region))
            targets = seed_targets(Area.objects.filter(region=seeder.region))
            # Before the reports: a published report keeps its quarter's trust index.
            trust = seed_trust(
                Beat.objects.filter(police_point__department__area__region=seeder.region)
            )
            reports, report_seconds = None, 0.0
            if not options["skip_reports"]:
                # Last: the reports are assembled from everything above.
                reports_started = time.monotonic()
                reports = seed_reports(
                    Beat.objects.filter(police_point__department__area__region=seeder.region)
                )
                report_seconds = time.monotonic() - reports_started
        self.report(
            seeder, work, register, councils, time.monotonic() - started, reports, report_seconds
        )
        self.stdout.write(
            "Ways to reach the inspectors: "
            + ", ".join(f"{count} {label}" for label, count in channels.items())
            + f", trust phone {seeder.region.trust_phone}."
        )
        self.stdout.write(
            "Residents' trust surveys: "
            + ", ".join(f"{count} {label}" for label, count in trust.items())
            + "."
        )
        self.stdout.write(f"Targets of the effectiveness indicators: {targets}.")

    def report(self, seeder, work, register, councils, seconds, reports=None, report_seconds=0.0):
        region = seeder.region
        beats = Beat.objects.filter(police_point__department__area__region=region)
        counts = [
            (Area.objects.filter(region=region).count(), "areas"),
            (PoliceDepartment.objects.filter(area__region=region).count(), "police departments"),
            (PolicePoint.objects.filter(department__area__region=region).count(), "police points"),
            (beats.count(), "beats"),
            (BeatStreet.objects.filter(beat__in=beats).count(), "beat streets"),
            (beats.exclude(inspector=None).values("inspector").distinct().count(), "inspectors"),
        ]
        self.stdout.write(
            self.style.SUCCESS(f"Demo data for {region.name_ru} is ready ({seconds:.1f} s): ")
            + ", ".join(f"{count} {label}" for count, label in counts)
            + "."
        )
        self.stdout.write(
            "Inspectors' work: "
            + ", ".join(f"{count} {label}" for label, count in work.items())
            + "."
        )
        self.stdout.write(
            "Register of assistants and volunteers: "
            + ", ".join(f"{count} {label}" for label, count in register.items())
            + "."
        )
        self.stdout.write(
            "Councils, partners and joint actions: "
            + ", ".join(f"{count} {label}" for label, count in councils.items())
            + "."
        )
        if reports is None:
            self.stdout.write("Offence statistics and quarterly reports: skipped.")
        else:
            self.stdout.write(
                f"Offence statistics and quarterly reports ({report_seconds:.1f} s): "
                + ", ".join(f"{count} {label}" for label, count in reports.items())
                + "."
            )
        self.stdout.write(f"Demo accounts, all with the password {staff.DEMO_PASSWORD}:")
        for user, scope in seeder.accounts:
            self.stdout.write(f"  {user.username:<11} {user.role:<19} {scope}")
        self.stdout.write(
            "  Other inspectors: inspector-<beat code>, e.g. inspector-almaly-02 "
            "(the same password)."
        )
