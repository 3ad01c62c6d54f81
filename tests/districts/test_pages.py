"""Public beat page and staff lists: content, and query counts that do not grow with data."""

import pytest
from django.urls import reverse

from portal.models import PoliceRank, Role
from tests.factories import BeatFactory, BeatStreetFactory


def test_beat_page_shows_inspector_point_and_hours(client, world):
    inspector = world.beat.inspector
    inspector.rank = PoliceRank.CAPTAIN
    inspector.work_phone = "+7 727 255 00 11"
    inspector.save()
    BeatStreetFactory(beat=world.beat, name_ru="ул. Жарокова", name_kk="Жароков көшесі")
    response = client.get(reverse("beat-detail", args=[world.beat.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert inspector.display_name in html
    assert "капитан полиции" in html
    assert 'href="tel:+77272550011"' in html
    assert world.point.address in html and world.point.reception_hours in html
    assert "ул. Жарокова" in html


def test_beat_page_in_kazakh_shows_kazakh_street_names(client, world):
    BeatStreetFactory(beat=world.beat, name_ru="ул. Жарокова", name_kk="Жароков көшесі")
    client.cookies.load({"django_language": "kk"})
    html = client.get(reverse("beat-detail", args=[world.beat.code])).content.decode()
    assert "Жароков көшесі" in html


def test_unknown_beat_is_404(client, db):
    assert client.get(reverse("beat-detail", args=["no-such-beat"])).status_code == 404


def test_beat_without_inspector_says_so(client, world):
    world.beat.inspector = None
    world.beat.save()
    response = client.get(reverse("beat-detail", args=[world.beat.code]))
    assert response.status_code == 200
    assert response.context["beat"].inspector is None


def add_beats(world, count):
    for _ in range(count):
        beat = BeatFactory(police_point=world.point)
        BeatStreetFactory(beat=beat, name_ru="просп. Абая", name_kk="Абай даңғылы")
        BeatStreetFactory(beat=beat, name_ru="ул. Панфилова", name_kk="Панфилов көшесі")


def count_queries(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (None, reverse("public-home") + "?q=Абая"),
        (None, None),  # the beat page
        (Role.SUPERVISOR, reverse("staff-beat-list")),
        (Role.AKIMAT_REGISTRAR, reverse("area-home")),
        (Role.REGIONAL_REGISTRAR, reverse("region-home")),
        (Role.COUNCIL_SECRETARY, reverse("council-home")),
    ],
)
# The supervisor's and inspector's start pages have their own tests (test_supervision.py,
# test_start_page.py): they add the checklist's per-rule queries.
def test_query_count_does_not_grow_with_data(
    client, world, django_assert_max_num_queries, role, url
):
    if role:
        client.force_login(world.users[role])
    url = url or reverse("beat-detail", args=[world.beat.code])
    BeatStreetFactory(beat=world.beat, name_ru="просп. Абая", name_kk="Абай даңғылы")
    add_beats(world, 2)
    # Session and user (staff), then the page's own reads: one per list or prefetch (the beat
    # page has the most: reports, events, channels, councils, proposals, the trust survey).
    small = count_queries(django_assert_max_num_queries, client, url, 15)
    add_beats(world, 20)
    large = count_queries(django_assert_max_num_queries, client, url, 15)
    assert large == small
