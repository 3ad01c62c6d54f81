"""`manage.py seed_demo`: the Almaty demo territory and its accounts."""

from collections import defaultdict

from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from districts.houses import houses_cover
from districts.models import (
    Area,
    Beat,
    BeatStreet,
    MessengerGroup,
    PoliceDepartment,
    PolicePoint,
    Region,
)
from districts.selectors.territory import beat_search
from portal.models import PoliceRank, Role, User

PASSWORD = "demo12345"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

AREAS = {
    "Алатауский район": "Алатау ауданы",
    "Алмалинский район": "Алмалы ауданы",
    "Ауэзовский район": "Әуезов ауданы",
    "Бостандыкский район": "Бостандық ауданы",
    "Жетысуский район": "Жетісу ауданы",
    "Медеуский район": "Медеу ауданы",
    "Наурызбайский район": "Наурызбай ауданы",
    "Турксибский район": "Түрксіб ауданы",
}

ACCOUNTS = {
    "inspector": Role.INSPECTOR,
    "supervisor": Role.SUPERVISOR,
    "registrar": Role.AKIMAT_REGISTRAR,
    "regional": Role.REGIONAL_REGISTRAR,
    "secretary": Role.COUNCIL_SECRETARY,
    "admin": Role.ADMINISTRATOR,
}


def test_creates_almaty_with_its_eight_real_districts(seeded):
    region = Region.objects.get()
    assert (region.name_ru, region.name_kk, region.name_en) == (
        "г. Алматы",
        "Алматы қаласы",
        "Almaty",
    )
    assert dict(Area.objects.values_list("name_ru", "name_kk")) == AREAS
    for area in Area.objects.all():
        assert area.region == region
        assert area.akimat_ru and area.akimat_kk and area.akimat_en and area.akimat_phone
        assert area.akimat_address_ru and area.akimat_address_kk
        department = area.departments.get()
        assert department.name_ru.startswith("Управление полиции ")
        assert department.name_kk.endswith("ауданының полиция басқармасы")
        assert department.points.count() == 2
    almaly = PoliceDepartment.objects.get(area__name_ru="Алмалинский район")
    assert almaly.name_ru == "Управление полиции Алмалинского района"
    assert almaly.name_kk == "Алмалы ауданының полиция басқармасы"
    for point in PolicePoint.objects.all():
        assert point.name_ru.startswith("УПП")
        assert point.name_kk and point.address_ru and point.address_kk and point.phone
        assert point.reception_hours_ru.startswith("Пн–Пт")
        assert point.reception_hours_kk.startswith("Дс–Жм")
    assert "8 areas" in seeded and "demo12345" in seeded


def test_every_beat_has_an_inspector_with_a_photo_and_named_streets(seeded):
    beats = list(Beat.objects.select_related("inspector", "police_point__department__area"))
    assert len(beats) >= 40
    assert len({beat.inspector_id for beat in beats}) == len(beats)
    for beat in beats:
        slug = beat.code.rsplit("-", 1)[0]
        assert beat.code == f"{slug}-{beat.number:02d}"
        assert 3000 <= beat.population <= 15000
        assert beat.area_km2 > 0
        inspector = beat.inspector
        assert inspector.role == Role.INSPECTOR
        assert inspector.department == beat.police_point.department
        assert inspector.last_name and inspector.first_name and inspector.middle_name
        assert inspector.rank in PoliceRank.values and inspector.rank != PoliceRank.OTHER
        assert inspector.work_phone.startswith("+7 727 2")
        assert inspector.photo
        with inspector.photo.open("rb") as photo, Image.open(photo) as image:
            assert image.format == "PNG"
            assert image.size == (256, 256)
        streets = list(beat.streets.all())
        assert 3 <= len(streets) <= 6, beat.code
        for street in streets:
            assert street.name_ru and street.name_kk and street.name_ru != street.name_kk
            assert street.search_ru and street.search_kk
    assert set(Beat.objects.values_list("criminogenic_level", flat=True)) == {
        "low",
        "medium",
        "high",
    }
    kazakh_names = "".join(BeatStreet.objects.values_list("name_kk", flat=True))
    assert KAZAKH_LETTERS & set(kazakh_names) >= set("әғқңөұүі")


def test_beats_have_ways_to_reach_their_inspector(seeded):
    assert Region.objects.get().trust_phone
    beats = list(Beat.objects.prefetch_related("messenger_groups"))
    assert all(beat.reception_hours_ru and beat.reception_hours_kk for beat in beats)
    with_groups = [beat for beat in beats if beat.messenger_groups.all()]
    assert len(with_groups) > len(beats) // 2
    assert all(1 <= len(beat.messenger_groups.all()) <= 3 for beat in with_groups)
    assert "messenger groups" in seeded


def test_all_records_pass_model_validation(seeded):
    for model in [Region, Area, PoliceDepartment, PolicePoint, Beat, BeatStreet, MessengerGroup]:
        for obj in model.objects.all():
            obj.full_clean()


def test_long_streets_are_split_between_beats_without_overlap(seeded):
    rows = defaultdict(list)
    for street in BeatStreet.objects.select_related("beat__police_point__department__area"):
        rows[street.name_ru].append(street)
    shared = {name: streets for name, streets in rows.items() if len(streets) > 1}
    assert len(shared) >= 5
    # Abai Avenue crosses districts, as it does in Almaty.
    abai_areas = {s.beat.police_point.department.area.name_ru for s in rows["просп. Абая"]}
    assert {"Алмалинский район", "Бостандыкский район", "Ауэзовский район"} <= abai_areas
    for name, streets in shared.items():
        assert all(s.houses for s in streets), f"{name} is shared but one beat takes all of it"
        for house in range(1, 601):
            owners = [s.beat.code for s in streets if houses_cover(s.houses, house)]
            assert len(owners) <= 1, f"{name} {house} belongs to {owners}"


def test_public_search_finds_one_beat_for_a_house_on_a_shared_street(seeded):
    matches = beat_search(query="Абай даңғылы 45")
    assert [m.beat.code for m in matches] == ["almaly-01"]
    assert len(beat_search(query="Абая")) >= 5


def test_one_account_per_role_signs_in_with_the_documented_password(seeded, client):
    for username, role in ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.is_active
        request = RequestFactory().get("/")
        assert authenticate(request=request, username=username, password=PASSWORD) == user
    response = client.post(reverse("login"), {"username": "supervisor", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("staff-home")
    other = authenticate(
        request=RequestFactory().get("/"), username="inspector-almaly-02", password=PASSWORD
    )
    assert other == Beat.objects.get(code="almaly-02").inspector


def test_demo_accounts_have_the_documented_scopes(seeded):
    almaly = Area.objects.get(name_ru="Алмалинский район")
    users = {u.username: u for u in User.objects.filter(username__in=ACCOUNTS)}
    assert Beat.objects.get(code="almaly-01").inspector == users["inspector"]
    assert users["supervisor"].department == almaly.departments.get()
    assert users["registrar"].area == almaly
    assert users["secretary"].area == almaly
    assert users["regional"].region == almaly.region
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not any(u.is_staff for name, u in users.items() if name != "admin")
