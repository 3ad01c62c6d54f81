"""The demo territory: the region "г. Алматы" with its eight districts and their akimats,
one police department and two police points per district, six beats per district with
their streets (see `demo.data.areas`), one inspector per beat, and one account per role.

Everything is keyed on natural keys (names, beat codes, usernames), so a second run
updates the same records: it brings back the demo's names, streets and roles, resets the
demo password and keeps the avatars already generated.
"""

import math
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password

from demo.avatars import ensure_avatar
from demo.data import city, staff
from demo.data.areas import AREAS
from demo.data.streets import STREETS
from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region
from portal.models import Role, User

SENIOR_RANKS = {staff.CAPTAIN, staff.MAJOR}


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
    if current and check_password(staff.DEMO_PASSWORD, current):
        return current
    return make_password(staff.DEMO_PASSWORD)


class TerritorySeeder:
    """Creates or updates the territory and the staff; `accounts` lists the per-role ones."""

    def __init__(self):
        self.password = demo_password_hash()
        self.region = None
        self.areas = {}  # slug → (area, department)
        self.accounts = []  # (user, scope description) of the per-role demo accounts
        self.users = []  # every user the demo owns, for their avatars

    def run(self):
        self.region, _ = Region.objects.update_or_create(
            name_ru=city.REGION["ru"], defaults=translated("name", city.REGION)
        )
        inspectors = iter(staff.INSPECTORS)
        for area_data in AREAS:
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
                    **translated("reception_hours", city.RECEPTION_HOURS[number - 1]),
                },
            )
            points.append(point)

        beats_per_point = math.ceil(len(area_data["beats"]) / len(points))  # 1–3, 4–6
        for index, (population, area_km2, level, streets) in enumerate(area_data["beats"]):
            number = index + 1
            code = f"{area_data['slug']}-{number:02d}"
            last_name, first_name, middle_name, rank = next(inspectors)
            inspector = self.save_user(
                "inspector" if code == city.MAIN_INSPECTOR_BEAT else f"inspector-{code}",
                role=Role.INSPECTOR,
                names=(last_name, first_name, middle_name),
                rank=rank,
                position=(
                    staff.SENIOR_INSPECTOR_POSITION
                    if rank in SENIOR_RANKS
                    else staff.INSPECTOR_POSITION
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
            if code == city.MAIN_INSPECTOR_BEAT:
                self.accounts.append((inspector, f"inspector of beat {code}"))

    def seed_staff(self):
        area, department = self.areas[city.MAIN_AREA]
        prefix = next(a["phone_prefix"] for a in AREAS if a["slug"] == city.MAIN_AREA)
        scopes = {
            "department": ({"department": department}, department.name_ru),
            "area": ({"area": area}, area.name_ru),
            "region": ({"region": self.region}, self.region.name_ru),
            None: ({}, "everything"),
        }
        for number, (username, (role, scope, names, rank, position)) in enumerate(
            staff.STAFF.items(), start=1
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
    wanted = {name_ru: (STREETS[name_ru], houses) for name_ru, houses in streets}
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
