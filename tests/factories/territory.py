"""The territory and its people: regions, areas, police departments and points, users, beats."""

import factory

from districts.models import Area, Beat, BeatStreet, PoliceDepartment, PolicePoint, Region
from portal.models import Role, User
from tests.factories.base import Factory

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class RegionFactory(Factory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")


class AreaFactory(Factory):
    class Meta:
        model = Area

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Area {n}")
    akimat = factory.LazyAttribute(lambda o: f"Akimat of {o.name}")


class PoliceDepartmentFactory(Factory):
    class Meta:
        model = PoliceDepartment

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Police department {n}")


class PolicePointFactory(Factory):
    class Meta:
        model = PolicePoint

    department = factory.SubFactory(PoliceDepartmentFactory)
    name = factory.Sequence(lambda n: f"Police point {n}")
    address = factory.Sequence(lambda n: f"Abai avenue {n}")
    phone = "+7 727 000 00 00"
    reception_hours = "Mon–Fri 9:00–18:00"


class UserFactory(Factory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Ерлан"
    last_name = factory.Sequence(lambda n: f"Сейткали{n}")
    role = Role.INSPECTOR
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BeatFactory(Factory):
    class Meta:
        model = Beat

    code = factory.Sequence(lambda n: f"beat-{n}")
    number = factory.Sequence(lambda n: n + 1)
    police_point = factory.SubFactory(PolicePointFactory)
    population = 5000
    area_km2 = 1.5
    inspector = factory.SubFactory(UserFactory, role=Role.INSPECTOR)


class BeatStreetFactory(Factory):
    class Meta:
        model = BeatStreet

    beat = factory.SubFactory(BeatFactory)
    name_ru = "ул. Абая"
    name_kk = "Абай көшесі"
    houses = ""
