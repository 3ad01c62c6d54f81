"""`manage.py seed_demo`: an Almaty demo territory with staff accounts for every role.

Creates, or brings back to the demo state, the region "г. Алматы" with its eight
districts and their akimats, one police department and two police points per
district, six beats per district with their streets (see `districts.demo_data`),
one inspector with an avatar per beat, and one account per role. Every demo
account has the password ``demo12345``:

    inspector    district inspector of beat almaly-01
    supervisor   supervisor of the Almaly District police department
    registrar    akimat registrar of Almaly District
    regional     regional registrar of Almaty
    secretary    council secretary of Almaly District
    admin        administrator and superuser

The other inspectors sign in as ``inspector-<beat code>``, e.g. ``inspector-almaly-02``.
Every beat then gets a realistic previous and current quarter of the inspector's work
(see `districts.demo_work`), dated relative to today, and every district its register
of public assistants and volunteers: assistants at every step of the Law No. 590
lifecycle with certificates, trainings, duties and encouragements, volunteer groups,
volunteers and their activities (see `volunteers.demo`), and its civil society: partner
organisations, the public council at the police department with its sessions, decisions
and recommendations, and a half-year of joint actions in the named campaigns that the
assistants and volunteers took part in, with a few announced for the coming weeks (see
`councils.demo`).
Last, every beat gets its offence statistics for the last two years and its quarterly
reports (see `reports.demo`): the report for the last completed quarter written,
submitted and published with its PDF (in Kazakh for Almaly, in Russian elsewhere; a few
corrected by a second revision), and a draft for the current quarter, a few of them
submitted for review. Publishing renders a PDF per beat, which takes most of the time;
``--skip-reports`` leaves the statistics and reports as they are.
Running the command again updates the same records (keyed on natural keys: names,
beat codes, usernames), resets the demo passwords and rewrites the beats' work, the
districts' register (with the same registration and certificate numbers) and their
councils, partners and joint actions, and republishes the beats' reports. It
refuses to run unless DEBUG is on, because it creates accounts with a published password.
"""

import functools
import math
import time
import zlib
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont

from councils.demo import seed_councils
from districts import demo_data as data
from districts.demo_work import seed_work
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region
from portal.models import Role, User
from reports.demo import seed_reports
from volunteers.demo import seed_register

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
AVATAR_SIZE = 256
AVATAR_FONT_SIZE = 104
AVATAR_COLOURS = [
    "#1d4ed8",
    "#0f766e",
    "#15803d",
    "#b45309",
    "#b91c1c",
    "#7e22ce",
    "#be185d",
    "#0369a1",
    "#4d7c0f",
    "#c2410c",
]
SENIOR_RANKS = {data.CAPTAIN, data.MAJOR}


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
        with translation.override(language), transaction.atomic():
            seeder = DemoSeeder()
            seeder.run()
            work = seed_work(
                Beat.objects.filter(police_point__department__area__region=seeder.region)
            )
            register = seed_register(Area.objects.filter(region=seeder.region))
            # After the register: assistants and volunteers of the areas join the actions.
            councils = seed_councils(Area.objects.filter(region=seeder.region))
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
        self.stdout.write(f"Demo accounts, all with the password {data.DEMO_PASSWORD}:")
        for user, scope in seeder.accounts:
            self.stdout.write(f"  {user.username:<11} {user.role:<19} {scope}")
        self.stdout.write(
            "  Other inspectors: inspector-<beat code>, e.g. inspector-almaly-02 "
            "(the same password)."
        )


def translated(field, values):
    """{"ru": ..., "kk": ...} → {"<field>_ru": ..., "<field>_kk": ...}."""
    return {f"{field}_{language}": value for language, value in values.items()}


def demo_password_hash():
    """One hash shared by all demo accounts.

    Password hashing is slow on purpose; hashing once instead of ~50 times keeps the
    command fast. A hash that still matches the demo password is kept, so a second
    run changes nothing.
    """
    current = User.objects.filter(username="admin").values_list("password", flat=True).first()
    if current and check_password(data.DEMO_PASSWORD, current):
        return current
    return make_password(data.DEMO_PASSWORD)


class DemoSeeder:
    def __init__(self):
        self.password = demo_password_hash()
        self.region = None
        self.areas = {}  # slug → (area, department)
        self.accounts = []  # (user, scope description) of the per-role demo accounts
        self.users = []  # every user the demo owns, for their avatars

    def run(self):
        self.region, _ = Region.objects.update_or_create(
            name_ru=data.REGION["ru"], defaults=translated("name", data.REGION)
        )
        inspectors = iter(data.INSPECTORS)
        for area_data in data.AREAS:
            self.seed_area(area_data, inspectors)
        self.seed_staff()
        for user in self.users:
            ensure_avatar(user)

    def seed_area(self, area_data, inspectors):
        name, genitive = area_data["name"], area_data["genitive"]
        area, _ = Area.objects.update_or_create(
            region=self.region,
            name_ru=name["ru"],
            defaults={
                **translated("name", name),
                **translated(
                    "akimat",
                    {
                        "ru": f"Аппарат акима {genitive['ru']}",
                        "kk": f"{name['kk']} әкімінің аппараты",
                        "en": f"Akimat of {name['en']}",
                    },
                ),
                **translated("akimat_address", area_data["akimat_address"]),
                "akimat_phone": area_data["akimat_phone"],
            },
        )
        prefix = area_data["phone_prefix"]
        department, _ = PoliceDepartment.objects.update_or_create(
            area=area,
            name_ru=f"Управление полиции {genitive['ru']}",
            defaults={
                "name_kk": f"{genitive['kk']} полиция басқармасы",
                "name_en": f"{name['en']} Police Department",
                **translated("address", area_data["department_address"]),
                "phone": f"+7 727 {prefix} 00 02",
            },
        )
        self.areas[area_data["slug"]] = (area, department)

        points = []
        for number, point_data in enumerate(area_data["points"], start=1):
            label = point_data["label"]
            point, _ = PolicePoint.objects.update_or_create(
                department=department,
                name_ru=f"УПП № {number} «{label['ru']}»",
                defaults={
                    "name_kk": f"№ {number} «{label['kk']}» учаскелік полиция пункті",
                    "name_en": f"Police point No. {number} “{label['en']}”",
                    **translated("address", point_data["address"]),
                    "phone": f"+7 727 {prefix} 1{number} 00",
                    **translated("reception_hours", data.RECEPTION_HOURS[number - 1]),
                },
            )
            points.append(point)

        beats_per_point = math.ceil(len(area_data["beats"]) / len(points))  # 1–3, 4–6
        for index, (population, area_km2, level, streets) in enumerate(area_data["beats"]):
            number = index + 1
            code = f"{area_data['slug']}-{number:02d}"
            last_name, first_name, middle_name, rank = next(inspectors)
            inspector = self.save_user(
                "inspector" if code == data.MAIN_INSPECTOR_BEAT else f"inspector-{code}",
                role=Role.INSPECTOR,
                names=(last_name, first_name, middle_name),
                rank=rank,
                position=(
                    data.SENIOR_INSPECTOR_POSITION
                    if rank in SENIOR_RANKS
                    else data.INSPECTOR_POSITION
                ),
                work_phone=f"+7 727 {prefix} 3{number} {10 + 7 * number}",
                department=department,
            )
            beat, _ = Beat.objects.update_or_create(
                code=code,
                defaults={
                    "number": number,
                    "police_point": points[index // beats_per_point],
                    "population": population,
                    "area_km2": Decimal(area_km2),
                    "criminogenic_level": level,
                    "inspector": inspector,
                },
            )
            sync_streets(beat, streets)
            if code == data.MAIN_INSPECTOR_BEAT:
                self.accounts.append((inspector, f"inspector of beat {code}"))

    def seed_staff(self):
        area, department = self.areas[data.MAIN_AREA]
        prefix = next(a["phone_prefix"] for a in data.AREAS if a["slug"] == data.MAIN_AREA)
        scopes = {
            "department": ({"department": department}, department.name_ru),
            "area": ({"area": area}, area.name_ru),
            "region": ({"region": self.region}, self.region.name_ru),
            None: ({}, "everything"),
        }
        for number, (username, (role, scope, names, rank, position)) in enumerate(
            data.STAFF.items(), start=1
        ):
            territory, description = scopes[scope]
            user = self.save_user(
                username,
                role=Role(role),
                names=names,
                rank=rank,
                position=position,
                work_phone=f"+7 727 {prefix} 20 {10 + number}",
                superuser=role == Role.ADMINISTRATOR,
                **territory,
            )
            self.accounts.append((user, description))

    def save_user(
        self,
        username,
        *,
        role,
        names,
        rank,
        position,
        work_phone,
        region=None,
        area=None,
        department=None,
        superuser=False,
    ):
        last_name, first_name, middle_name = names
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "last_name": last_name,
                "first_name": first_name,
                "middle_name": middle_name,
                "rank": rank,
                "position": position,
                "work_phone": work_phone,
                "role": role,
                "region": region,
                "area": area,
                "department": department,
                "is_active": True,
                "is_superuser": superuser,
                "password": self.password,
            },
        )
        self.users.append(user)
        return user


def sync_streets(beat, streets):
    """Make the beat's streets exactly the listed ones, keeping rows that already match."""
    wanted = {name_ru: (data.STREETS[name_ru], houses) for name_ru, houses in streets}
    seen = set()
    for street in beat.streets.all():
        if street.name_ru not in wanted or street.name_ru in seen:
            street.delete()
            continue
        seen.add(street.name_ru)
        name_kk, houses = wanted[street.name_ru]
        if (street.name_kk, street.houses) != (name_kk, houses):
            street.name_kk, street.houses = name_kk, houses
            street.save()
    for name_ru, (name_kk, houses) in wanted.items():
        if name_ru not in seen:
            # save() computes the search key, so no bulk_create here.
            BeatStreet(beat=beat, name_ru=name_ru, name_kk=name_kk, houses=houses).save()


def ensure_avatar(user):
    """Give the user a generated avatar unless they already have a photo."""
    if user.photo:
        return
    filename = f"demo-{user.username}.png"
    path = user.photo.field.generate_filename(user, filename)
    if user.photo.storage.exists(path):
        # Left over from an earlier seed of a since-emptied database: reuse it.
        user.photo.name = path
    else:
        user.photo.save(filename, ContentFile(avatar_png(user.initials, user.username)), save=False)
    user.save(update_fields=["photo"])


@functools.cache
def avatar_font():
    try:
        return ImageFont.truetype(str(FONT_PATH), AVATAR_FONT_SIZE)
    except OSError:
        return ImageFont.load_default(size=AVATAR_FONT_SIZE)


def avatar_png(initials, seed):
    """A 256×256 PNG: the initials in white on a coloured circle chosen by `seed`."""
    colour = AVATAR_COLOURS[zlib.crc32(seed.encode()) % len(AVATAR_COLOURS)]
    image = Image.new("RGBA", (AVATAR_SIZE, AVATAR_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, AVATAR_SIZE - 1, AVATAR_SIZE - 1), fill=colour)
    font = avatar_font()
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    position = ((AVATAR_SIZE - (right - left)) / 2 - left, (AVATAR_SIZE - (bottom - top)) / 2 - top)
    draw.text(position, initials, font=font, fill="white")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
