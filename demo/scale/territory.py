"""The synthetic territory: regions, areas, departments, police points, beats and streets,
an inspector per beat, a supervisor per department, an akimat registrar per area, and the
six benchmark accounts.

Per 10,000 beats: 16 regions and 192 areas (at least one of each); two departments per area
with three police points each (one of each when the beats are too few); the beats are
shared out over the points in contiguous blocks, so beat → point → department → area →
region follows from the beat's index alone.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from demo.names import draw_name, phone
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region
from districts.search import search_key
from portal.models import PoliceRank, Role, User

# What marks every row seed_scale makes (see demo.scale): region names and usernames.
REGION_PREFIX = "SYN "
USERNAME_PREFIX = "scale-"
STREETS_PER_BEAT = 4
STREET_NAMES = [
    ("Абая", "Абай"),
    ("Сатпаева", "Сәтбаев"),
    ("Толе би", "Төле би"),
    ("Жандосова", "Жандосов"),
    ("Гагарина", "Гагарин"),
    ("Розыбакиева", "Розыбакиев"),
    ("Ауэзова", "Әуезов"),
    ("Байтурсынова", "Байтұрсынұлы"),
    ("Жарокова", "Жароков"),
    ("Муканова", "Мұқанов"),
    ("Шевченко", "Шевченко"),
    ("Наурызбай батыра", "Наурызбай батыр"),
]
RANKS = [PoliceRank.LIEUTENANT, PoliceRank.SENIOR_LIEUTENANT, PoliceRank.CAPTAIN]


def scaled(per_10k, beats):
    return max(1, round(per_10k * beats / 10000))


@dataclass
class Country:
    """The ids of the synthetic territory, for the other modules to point at."""

    beats: int
    seed: int
    regions: list = field(default_factory=list)
    areas: list = field(default_factory=list)  # (id, region id)
    departments: list = field(default_factory=list)  # (id, area id)
    points: list = field(default_factory=list)  # (id, department id)
    beat0: int = 0
    street0: int = 0
    inspector0: int = 0
    beat_point: list = field(default_factory=list)  # by beat index: point id
    beat_department: list = field(default_factory=list)
    beat_area: list = field(default_factory=list)
    supervisors: dict = field(default_factory=dict)  # department id → user id
    registrars: dict = field(default_factory=dict)  # area id → user id
    admin: int = 0

    def beat_id(self, index):
        return self.beat0 + index

    def inspector_id(self, index):
        return self.inspector0 + index

    def street_ids(self, index):
        first = self.street0 + STREETS_PER_BEAT * index
        return range(first, first + STREETS_PER_BEAT)

    def code(self, index):
        return f"syn-{index + 1:05d}"

    def rng(self, topic):
        return random.Random(f"{self.seed}:{topic}")


def build_territory(writer, beats, seed, password):
    country = Country(beats=beats, seed=seed)
    rng = country.rng("territory")
    region_count = scaled(16, beats)
    area_count = max(region_count, scaled(192, beats))
    split = beats >= area_count * 6
    per_area, per_department = (2, 3) if split else (1, 1)

    r0 = writer.reserve(Region, region_count)
    country.regions = list(range(r0, r0 + region_count))
    writer.insert(
        Region,
        ["id", "name", "name_ru", "name_kk", "name_en", "trust_phone"],
        (
            (pk, *[f"{REGION_PREFIX}Регион {i + 1:02d}"] * 3, f"SYN Region {i + 1:02d}", "102")
            for i, pk in enumerate(country.regions)
        ),
    )
    a0 = writer.reserve(Area, area_count)
    country.areas = [
        (a0 + i, country.regions[i * region_count // area_count]) for i in range(area_count)
    ]
    writer.insert(
        Area,
        [
            "id",
            "region_id",
            "name",
            "name_ru",
            "name_kk",
            "name_en",
            "akimat",
            "akimat_ru",
            "akimat_kk",
        ],
        (
            (
                pk,
                region,
                f"SYN Район {i + 1:03d}",
                f"SYN Район {i + 1:03d}",
                f"SYN Аудан {i + 1:03d}",
                f"SYN Area {i + 1:03d}",
                f"Аким SYN района {i + 1:03d}",
                f"Аким SYN района {i + 1:03d}",
                f"SYN ауданының әкімі {i + 1:03d}",
            )
            for i, (pk, region) in enumerate(country.areas)
        ),
    )
    d0 = writer.reserve(PoliceDepartment, area_count * per_area)
    country.departments = [
        (d0 + i, country.areas[i // per_area][0]) for i in range(area_count * per_area)
    ]
    writer.insert(
        PoliceDepartment,
        ["id", "area_id", "name", "name_ru", "name_kk", "address", "phone"],
        (
            (
                pk,
                area,
                f"УП SYN-{i + 1:04d}",
                f"УП SYN-{i + 1:04d}",
                f"ПБ SYN-{i + 1:04d}",
                f"ул. Абая, {i + 1}",
                "+7 727 254 00 00",
            )
            for i, (pk, area) in enumerate(country.departments)
        ),
    )
    point_count = len(country.departments) * per_department
    p0 = writer.reserve(PolicePoint, point_count)
    country.points = [
        (p0 + i, country.departments[i // per_department][0]) for i in range(point_count)
    ]
    hours = "Пн–Пт 9:00–18:00, Сб 10:00–14:00"
    writer.insert(
        PolicePoint,
        [
            "id",
            "department_id",
            "name",
            "name_ru",
            "name_kk",
            "address",
            "address_ru",
            "phone",
            "reception_hours",
            "reception_hours_ru",
        ],
        (
            (
                pk,
                dept,
                f"УПП SYN-{i + 1:05d}",
                f"УПП SYN-{i + 1:05d}",
                f"УПП SYN-{i + 1:05d}",
                f"ул. Сатпаева, {i + 1}",
                f"ул. Сатпаева, {i + 1}",
                "+7 727 255 00 00",
                hours,
                hours,
            )
            for i, (pk, dept) in enumerate(country.points)
        ),
    )
    area_of_department = dict(country.departments)
    department_of_point = dict(country.points)
    for i in range(beats):
        point = country.points[i * point_count // beats][0]
        country.beat_point.append(point)
        country.beat_department.append(department_of_point[point])
        country.beat_area.append(area_of_department[department_of_point[point]])

    hashed = make_password(password)  # one hash for every synthetic account
    build_staff(writer, country, rng, hashed)

    country.beat0 = writer.reserve(Beat, beats)
    since = datetime.date.today() - datetime.timedelta(days=3 * 365)
    writer.insert(
        Beat,
        [
            "id",
            "code",
            "number",
            "police_point_id",
            "population",
            "area_km2",
            "criminogenic_level",
            "inspector_id",
            "inspector_since",
        ],
        (
            (
                country.beat_id(i),
                country.code(i),
                i + 1,
                country.beat_point[i],
                rng.randint(3000, 12000),
                rng.randint(50, 900) / 100,
                rng.choice(["low", "medium", "medium", "high"]),
                country.inspector_id(i),
                since + datetime.timedelta(days=rng.randint(0, 700)),
            )
            for i in range(beats)
        ),
    )
    country.street0 = writer.reserve(BeatStreet, beats * STREETS_PER_BEAT)

    def streets():
        for i in range(beats):
            for j, pk in enumerate(country.street_ids(i)):
                ru, kk = STREET_NAMES[(i * STREETS_PER_BEAT + j) % len(STREET_NAMES)]
                name_ru, name_kk = f"ул. {ru}", f"{kk} көшесі"
                start = 1 + 40 * (i // len(STREET_NAMES))
                yield (
                    pk,
                    country.beat_id(i),
                    name_ru,
                    name_kk,
                    f"{start}–{start + 39}",
                    search_key(name_ru),
                    search_key(name_kk),
                )

    writer.insert(
        BeatStreet,
        ["id", "beat_id", "name_ru", "name_kk", "houses", "search_ru", "search_kk"],
        streets(),
    )
    return country


def build_staff(writer, country, rng, hashed):
    """An inspector per beat, a supervisor per department, an akimat registrar per area, and
    the benchmark accounts (the first of each is the named benchmark account)."""
    fields = [
        "id",
        "username",
        "password",
        "role",
        "last_name",
        "first_name",
        "middle_name",
        "rank",
        "position",
        "work_phone",
        "region_id",
        "area_id",
        "department_id",
        "is_staff",
        "is_superuser",
    ]
    first_region, first_area = country.regions[0], country.areas[0][0]
    country.inspector0 = writer.reserve(User, country.beats)

    def person(pk, username, role, rank="", position="", region=None, area=None, dept=None):
        sex = "F" if rng.random() < 0.3 else "M"
        last, first, middle = draw_name(rng, sex)
        admin = role == Role.ADMINISTRATOR
        return (
            pk,
            username,
            hashed,
            role,
            last,
            first,
            middle,
            rank,
            position,
            phone(rng),
            region,
            area,
            dept,
            admin,
            False,
        )

    def inspectors():
        for i in range(country.beats):
            name = "scale-inspector" if i == 0 else f"scale-insp-{i + 1:05d}"
            yield person(
                country.inspector_id(i),
                name,
                Role.INSPECTOR,
                rng.choice(RANKS),
                "Участковый инспектор полиции",
                dept=country.beat_department[i],
            )

    writer.insert(User, fields, inspectors())
    s0 = writer.reserve(User, len(country.departments))
    country.supervisors = {dept: s0 + i for i, (dept, _) in enumerate(country.departments)}
    k0 = writer.reserve(User, len(country.areas))
    country.registrars = {area: k0 + i for i, (area, _) in enumerate(country.areas)}
    country.admin = writer.reserve(User, 3)

    def others():
        for i, (dept, pk) in enumerate(country.supervisors.items()):
            name = "scale-supervisor" if i == 0 else f"scale-sup-{i + 1:04d}"
            yield person(pk, name, Role.SUPERVISOR, PoliceRank.MAJOR, "Начальник УП", dept=dept)
        for i, (area, pk) in enumerate(country.registrars.items()):
            name = "scale-akimat" if i == 0 else f"scale-akimat-{i + 1:03d}"
            yield person(pk, name, Role.AKIMAT_REGISTRAR, area=area)
        yield person(country.admin, "scale-admin", Role.ADMINISTRATOR)
        yield person(
            country.admin + 1, "scale-regional", Role.REGIONAL_REGISTRAR, region=first_region
        )
        yield person(country.admin + 2, "scale-secretary", Role.COUNCIL_SECRETARY, area=first_area)

    writer.insert(User, fields, others())
