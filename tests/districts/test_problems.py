"""Problem places: create, edit, list, filter, bad input, status history, measures, scope,
the offline plan and its projection."""

import math
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from districts.models import ProblemMeasure, ProblemSpot, ProblemStatus
from districts.plan import HEIGHT, PADDING, WIDTH, build_plan, project, scale_bar
from portal import policy
from portal.models import Role
from tests.dates import days
from tests.factories import BeatFactory, ProblemSpotFactory

TODAY = timezone.localdate


def spot_data(world, **overrides):
    data = {
        "beat": world.beat.pk,
        "kind": "dark_yard",
        "address": "Двор домов 12–14 по ул. Абая",
        "latitude": "",
        "longitude": "",
        "description": "Нет освещения, собирается молодёжь",
        "status": "open",
        "resolved_on": "",
    }
    return {**data, **overrides}


def measure_data(**overrides):
    data = {
        "date": days(-1).isoformat(),
        "description": "Направлено представление об установке освещения",
        "is_submission": "on",
        "sent_to": "Аппарат акима Алмалинского района",
    }
    return {**data, **overrides}


def statuses(rows):
    return [row.status for row in rows]


# --- create, edit, list -----------------------------------------------------------------------


def test_inspector_records_a_problem_place_and_lands_on_its_page(inspector_client, world):
    data = spot_data(world, latitude="43.238949", longitude="76.889709")
    response = inspector_client.post(reverse("problem-create"), data)
    spot = ProblemSpot.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("problem-detail", args=[spot.pk])
    assert spot.beat == world.beat
    assert spot.created_by == world.inspector
    assert spot.status == ProblemStatus.OPEN
    assert spot.latitude == Decimal("43.238949")
    assert spot.longitude == Decimal("76.889709")


def test_new_form_preselects_my_beat(inspector_client, world):
    form = inspector_client.get(reverse("problem-create")).context["form"]
    assert form.initial["beat"] == world.beat.pk
    assert list(form.fields["beat"].queryset) == [world.beat]


def test_coordinates_copied_from_a_map_are_accepted(inspector_client, world):
    data = spot_data(world, latitude="43,23894912", longitude=" 76.88970951 ")
    assert inspector_client.post(reverse("problem-create"), data).status_code == 302
    spot = ProblemSpot.objects.get()
    assert (spot.latitude, spot.longitude) == (Decimal("43.238949"), Decimal("76.889710"))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"latitude": "43.2"}, "__all__"),  # latitude without longitude
        ({"longitude": "76.9"}, "__all__"),  # longitude without latitude
        ({"latitude": "95", "longitude": "76.9"}, "latitude"),
        ({"latitude": "43.2", "longitude": "-181"}, "longitude"),
        ({"latitude": "север", "longitude": "76.9"}, "latitude"),
        ({"status": "resolved"}, "resolved_on"),
        ({"status": "resolved", "resolved_on": days(3).isoformat()}, "resolved_on"),
        ({"address": ""}, "address"),
        ({"description": ""}, "description"),
        ({"kind": ""}, "kind"),
        ({"kind": "ufo"}, "kind"),
        ({"status": ""}, "status"),
        ({"beat": ""}, "beat"),
    ],
)
def test_bad_problem_place_is_refused_and_nothing_saved(inspector_client, world, overrides, field):
    response = inspector_client.post(reverse("problem-create"), spot_data(world, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ProblemSpot.objects.count() == 0


def test_a_place_cannot_be_recorded_on_another_beat(inspector_client, world):
    data = spot_data(world, beat=world.colleague_beat.pk)
    response = inspector_client.post(reverse("problem-create"), data)
    assert "beat" in response.context["form"].errors
    assert ProblemSpot.objects.count() == 0


def test_bad_edit_changes_nothing(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    data = spot_data(world, status="resolved", description="Изменено")
    response = inspector_client.post(reverse("problem-edit", args=[spot.pk]), data)
    assert "resolved_on" in response.context["form"].errors
    spot.refresh_from_db()
    assert (spot.status, spot.description) == (ProblemStatus.OPEN, "Нет освещения во дворе")
    assert spot.history.count() == 1


def test_status_history_shows_the_status_changes_with_who_and_when(inspector_client, world):
    inspector_client.post(reverse("problem-create"), spot_data(world))
    spot = ProblemSpot.objects.get()
    edit = reverse("problem-edit", args=[spot.pk])
    # An edit that keeps the status adds a history record but no status change.
    inspector_client.post(edit, spot_data(world, description="Уточнено описание"))
    assert inspector_client.post(edit, spot_data(world, status="in_work")).status_code == 302
    resolved = spot_data(world, status="resolved", resolved_on=TODAY().isoformat())
    response = inspector_client.post(edit, resolved)
    assert response.url == reverse("problem-detail", args=[spot.pk])
    assert spot.history.count() == 4

    page = inspector_client.get(reverse("problem-detail", args=[spot.pk]))
    rows = page.context["status_history"]
    assert statuses(rows) == ["open", "in_work", "resolved"]
    assert {row.history_user for row in rows} == {world.inspector}
    assert rows[0].history_date <= rows[1].history_date <= rows[2].history_date
    assert page.content.decode().count('class="list-group-item d-flex flex-wrap gap-2') == 3
    spot.refresh_from_db()
    assert spot.resolved_on == TODAY()


def test_reopening_a_place_clears_its_resolution_date(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat, status="resolved", resolved_on=days(-3))
    response = inspector_client.post(
        reverse("problem-edit", args=[spot.pk]),
        spot_data(world, status="open", resolved_on=days(-3).isoformat()),
    )
    assert response.status_code == 302
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.OPEN and spot.resolved_on is None


def test_list_filters_by_kind_status_and_beat(client, world):
    dark = ProblemSpotFactory(beat=world.beat, kind="dark_yard")
    shop = ProblemSpotFactory(beat=world.beat, kind="alcohol", status="in_work")
    colleague = ProblemSpotFactory(beat=world.colleague_beat, kind="youth")
    ProblemSpotFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("problem-list")

    def listed(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return set(response.context["object_list"])

    assert listed() == {dark, shop, colleague}
    assert listed(kind="alcohol") == {shop}
    assert listed(status="in_work") == {shop}
    assert listed(status="open") == {dark, colleague}
    assert listed(beat=world.colleague_beat.pk) == {colleague}
    # Another department's beat is not a valid choice: nothing is listed.
    assert listed(beat=world.other_beat.pk) == set()


def test_list_shows_open_places_first_and_counts_measures(inspector_client, world):
    resolved = ProblemSpotFactory(beat=world.beat, status="resolved", resolved_on=days(-1))
    open_ = ProblemSpotFactory(beat=world.beat)
    ProblemMeasure.objects.create(spot=open_, date=days(-1), description="Беседа")
    ProblemMeasure.objects.create(spot=open_, date=days(-2), description="Рейд")
    rows = list(inspector_client.get(reverse("problem-list")).context["object_list"])
    assert rows == [open_, resolved]
    assert [row.measure_count for row in rows] == [2, 0]


# --- measures ---------------------------------------------------------------------------------


def test_inspector_adds_a_measure_and_the_place_is_under_way(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    response = inspector_client.post(
        reverse("problem-measure-create", args=[spot.pk]), measure_data()
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("problem-detail", args=[spot.pk]))
    measure = ProblemMeasure.objects.get()
    assert measure.spot == spot and measure.is_submission
    assert measure.sent_to == "Аппарат акима Алмалинского района"
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.IN_WORK
    page = inspector_client.get(reverse("problem-detail", args=[spot.pk]))
    assert list(page.context["measures"]) == [measure]
    assert statuses(page.context["status_history"]) == ["open", "in_work"]


def test_a_measure_on_a_resolved_place_keeps_its_status(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat, status="resolved", resolved_on=days(-1))
    data = measure_data(is_submission="", sent_to="")
    inspector_client.post(reverse("problem-measure-create", args=[spot.pk]), data)
    assert ProblemMeasure.objects.count() == 1
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.RESOLVED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sent_to": ""}, "sent_to"),  # a submission without its addressee
        ({"sent_to": "   "}, "sent_to"),
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_measure_is_refused_on_the_place_page_and_nothing_saved(
    inspector_client, world, overrides, field
):
    spot = ProblemSpotFactory(beat=world.beat)
    url = reverse("problem-measure-create", args=[spot.pk])
    response = inspector_client.post(url, measure_data(**overrides))
    assert response.status_code == 200
    assert response.context["spot"] == spot
    assert field in response.context["measure_form"].errors
    assert ProblemMeasure.objects.count() == 0
    spot.refresh_from_db()
    assert spot.status == ProblemStatus.OPEN
    assert spot.history.count() == 1


def test_get_on_the_measure_url_leads_to_the_place_page(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    response = inspector_client.get(reverse("problem-measure-create", args=[spot.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("problem-detail", args=[spot.pk]))


def test_detail_page_offers_edit_and_measure_form_to_the_inspector(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    page = inspector_client.get(reverse("problem-detail", args=[spot.pk]))
    html = page.content.decode()
    assert page.context["measure_form"] is not None
    assert reverse("problem-edit", args=[spot.pk]) in html
    assert reverse("problem-measure-create", args=[spot.pk]) in html
    assert page.context["measure_form"].initial["date"] == TODAY()


# --- scope ------------------------------------------------------------------------------------


def test_inspector_cannot_reach_another_beats_place_by_id(inspector_client, world):
    for beat in (world.colleague_beat, world.other_beat, world.far_beat):
        spot = ProblemSpotFactory(beat=beat)
        assert inspector_client.get(reverse("problem-detail", args=[spot.pk])).status_code == 404
        edit = reverse("problem-edit", args=[spot.pk])
        assert inspector_client.get(edit).status_code == 404
        data = spot_data(world, beat=beat.pk, description="Подмена")
        assert inspector_client.post(edit, data).status_code == 404
        measure_url = reverse("problem-measure-create", args=[spot.pk])
        assert inspector_client.post(measure_url, measure_data()).status_code == 404
        spot.refresh_from_db()
        assert spot.description != "Подмена"
    assert ProblemMeasure.objects.count() == 0


def test_inspector_cannot_move_a_place_to_another_beat(inspector_client, world):
    spot = ProblemSpotFactory(beat=world.beat)
    data = spot_data(world, beat=world.colleague_beat.pk)
    response = inspector_client.post(reverse("problem-edit", args=[spot.pk]), data)
    assert "beat" in response.context["form"].errors
    spot.refresh_from_db()
    assert spot.beat == world.beat


def test_supervisor_reads_the_department_but_cannot_change(client, world):
    mine = ProblemSpotFactory(beat=world.beat)
    colleague = ProblemSpotFactory(beat=world.colleague_beat)
    other = ProblemSpotFactory(beat=world.other_beat)
    client.force_login(world.users[Role.SUPERVISOR])
    assert set(client.get(reverse("problem-list")).context["object_list"]) == {mine, colleague}
    detail = client.get(reverse("problem-detail", args=[colleague.pk]))
    assert detail.status_code == 200
    assert detail.context["measure_form"] is None
    assert reverse("problem-measure-create", args=[colleague.pk]) not in detail.content.decode()
    assert client.get(reverse("problem-detail", args=[other.pk])).status_code == 404
    edit = client.get(reverse("problem-edit", args=[mine.pk]))
    assert all(field.disabled for field in edit.context["form"].fields.values())
    assert client.post(reverse("problem-edit", args=[mine.pk]), spot_data(world)).status_code == 403
    url = reverse("problem-measure-create", args=[mine.pk])
    assert client.post(url, measure_data()).status_code == 403
    assert client.get(reverse("problem-create")).status_code == 403
    assert ProblemMeasure.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_akimat_and_council_staff_cannot_see_problem_places(client, world, role):
    spot = ProblemSpotFactory(beat=world.beat)
    client.force_login(world.users[role])
    for url in (
        reverse("problem-list"),
        reverse("problem-plan"),
        reverse("problem-detail", args=[spot.pk]),
        reverse("problem-edit", args=[spot.pk]),
    ):
        assert client.get(url).status_code == 403


# --- the plan ---------------------------------------------------------------------------------


def test_plan_of_my_beat_shows_located_places_and_lists_the_rest(inspector_client, world):
    north = ProblemSpotFactory(beat=world.beat, latitude="43.2600", longitude="76.9000")
    south = ProblemSpotFactory(
        beat=world.beat, latitude="43.2500", longitude="76.9100", status="in_work"
    )
    unlocated = ProblemSpotFactory(beat=world.beat, address="Заброшенный дом")
    ProblemSpotFactory(beat=world.colleague_beat, latitude="43.3", longitude="76.95")

    response = inspector_client.get(reverse("problem-plan"))  # my only beat is chosen for me
    assert response.status_code == 200
    assert response.context["beat"] == world.beat
    markers = [marker for marker, _shape, _colour in response.context["markers"]]
    by_place = {marker.place: marker for marker in markers}
    assert set(by_place) == {north, south}
    assert sorted(marker.number for marker in markers) == [1, 2]
    assert by_place[north].y < by_place[south].y  # north is up
    assert by_place[north].x < by_place[south].x  # east is right
    assert response.context["without_coordinates"] == [unlocated]

    html = response.content.decode()
    assert html.count('class="plan-marker') == 2
    assert html.count("<title>") == 3  # the document title, plus one per marker
    assert 'role="img"' in html
    for place in (north, south, unlocated):
        assert reverse("problem-detail", args=[place.pk]) in html
    # Offline and CSP-safe: no scripts, no inline styles, nothing fetched from elsewhere.
    assert "<script>" not in html and " style=" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    # Coordinates are written with a dot whatever the language.
    marker = by_place[north]
    assert f'transform="translate({marker.x} {marker.y})"' in html


def test_plan_refuses_a_beat_outside_my_scope(inspector_client, world):
    ProblemSpotFactory(beat=world.colleague_beat, latitude="43.3", longitude="76.95")
    ProblemSpotFactory(beat=world.colleague_beat)
    response = inspector_client.get(reverse("problem-plan"), {"beat": world.colleague_beat.pk})
    assert response.status_code == 200
    assert response.context["beat"] is None
    assert response.context["markers"] == []
    assert response.context["without_coordinates"] == []


def test_supervisor_chooses_a_beat_of_the_department(client, world):
    mine = ProblemSpotFactory(beat=world.beat, latitude="43.25", longitude="76.90")
    colleague = ProblemSpotFactory(beat=world.colleague_beat, latitude="43.26", longitude="76.91")
    ProblemSpotFactory(beat=world.other_beat, latitude="43.27", longitude="76.92")
    client.force_login(world.users[Role.SUPERVISOR])

    first = client.get(reverse("problem-plan"))  # two beats: the supervisor must choose
    assert first.context["beat"] is None and first.context["markers"] == []

    response = client.get(reverse("problem-plan"), {"beat": world.colleague_beat.pk})
    assert [m.place for m, _s, _c in response.context["markers"]] == [colleague]
    assert reverse("problem-detail", args=[mine.pk]) not in response.content.decode()
    assert not response.context["can_write"]

    other = client.get(reverse("problem-plan"), {"beat": world.other_beat.pk})
    assert other.context["markers"] == [] and other.context["beat"] is None


def test_plan_filters_by_status(inspector_client, world):
    ProblemSpotFactory(beat=world.beat, latitude="43.25", longitude="76.90")
    done = ProblemSpotFactory(
        beat=world.beat,
        latitude="43.26",
        longitude="76.91",
        status="resolved",
        resolved_on=days(-1),
    )
    response = inspector_client.get(reverse("problem-plan"), {"status": "resolved"})
    assert [m.place for m, _s, _c in response.context["markers"]] == [done]


# --- query counts -----------------------------------------------------------------------------


def _spot_with_measures(beat, n, **kwargs):
    spot = ProblemSpotFactory(beat=beat, **kwargs)
    for i in range(n):
        ProblemMeasure.objects.create(spot=spot, date=days(-i), description=f"Мера {i}")
    return spot


def test_list_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.SUPERVISOR])

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(reverse("problem-list")).status_code == 200
        return len(captured)

    _spot_with_measures(world.beat, 1)
    small = measure()
    for _ in range(3):
        beat = BeatFactory(police_point=world.point)
        for _ in range(4):
            _spot_with_measures(beat, 3, status="in_work")
    assert measure() == small


def test_detail_query_count_is_flat(inspector_client, world, django_assert_max_num_queries):
    spot = _spot_with_measures(world.beat, 1)

    def measure():
        with django_assert_max_num_queries(15) as captured:
            response = inspector_client.get(reverse("problem-detail", args=[spot.pk]))
            assert response.status_code == 200
        return len(captured)

    small = measure()
    for i in range(10):
        ProblemMeasure.objects.create(
            spot=spot, date=days(-i), description="Ещё", is_submission=True, sent_to="Акимат"
        )
    for status in ("in_work", "open", "in_work", "resolved"):
        spot.status = status
        spot.resolved_on = TODAY() if status == "resolved" else None
        spot.save()
    assert measure() == small


def test_plan_query_count_is_flat(client, world, django_assert_max_num_queries):
    client.force_login(world.users[Role.SUPERVISOR])
    url = reverse("problem-plan")

    def measure():
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url, {"beat": world.beat.pk}).status_code == 200
        return len(captured)

    ProblemSpotFactory(beat=world.beat, latitude="43.25", longitude="76.90")
    ProblemSpotFactory(beat=world.beat)
    small = measure()
    for i in range(15):
        ProblemSpotFactory(beat=world.beat, latitude=f"43.2{i:02d}", longitude=f"76.9{i:02d}")
        ProblemSpotFactory(beat=world.beat)
    BeatFactory.create_batch(3, police_point=world.point)
    assert measure() == small


# --- projection (pure functions) --------------------------------------------------------------


def inside(point, width=WIDTH, height=HEIGHT, padding=PADDING):
    x, y = point
    return (
        padding - 0.1 <= x <= width - padding + 0.1 and padding - 0.1 <= y <= height - padding + 0.1
    )


def test_nothing_to_project():
    assert project([]) == project([], width=100, height=100, padding=10)
    assert project([]).points == [] and project([]).metres_per_unit is None


def test_a_single_place_goes_to_the_centre():
    projection = project([(Decimal("43.25"), Decimal("76.9"))], width=600, height=450, padding=30)
    assert projection.points == [(300, 225)]
    assert projection.metres_per_unit is None


def test_places_at_one_point_all_go_to_the_centre():
    assert project([(43.25, 76.9), (43.25, 76.9)], width=100, height=80, padding=10).points == [
        (50, 40),
        (50, 40),
    ]


def test_east_west_line_fills_the_width_and_is_centred_vertically():
    points = project([(43.0, 76.0), (43.0, 77.0)], width=600, height=400, padding=50).points
    assert points == [(50, 200), (550, 200)]


def test_north_south_line_fills_the_height_north_up():
    points = project([(43.0, 76.0), (44.0, 76.0)], width=600, height=400, padding=50).points
    assert points == [(300, 350), (300, 50)]


def test_proportions_are_kept_with_longitude_shrunk_by_latitude():
    # A square in degrees at 60° N is twice as tall as wide on the ground.
    coords = [(60.0, 10.0), (61.0, 11.0)]
    (x1, y1), (x2, y2) = project(coords, width=1000, height=1000, padding=0).points
    assert abs((y1 - y2) / (x2 - x1) - 1 / math.cos(math.radians(60.5))) < 0.01
    assert y2 == 0 and y1 == 1000  # the taller side fills the height
    assert abs((x1 + x2) / 2 - 500) < 0.1  # the narrower side is centred


def test_every_place_stays_inside_the_padding():
    coords = [(43.2 + i * 0.0013, 76.85 + (i * 7 % 11) * 0.002) for i in range(30)]
    points = project(coords).points
    assert len(points) == 30
    assert all(inside(point) for point in points)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    # One axis touches the padding on both sides.
    assert (min(xs), max(xs)) == (PADDING, WIDTH - PADDING) or (min(ys), max(ys)) == (
        PADDING,
        HEIGHT - PADDING,
    )


def test_ground_scale_is_reported():
    # 0.01° of latitude ≈ 1113 m over 400 units.
    projection = project([(43.0, 76.0), (43.01, 76.0)], width=500, height=500, padding=50)
    assert abs(projection.metres_per_unit * 400 - 1113.2) < 0.5


def test_padding_must_leave_room():
    with pytest.raises(ValueError):
        project([(43.0, 76.0)], width=100, height=100, padding=50)


@pytest.mark.parametrize(
    ("metres_per_unit", "max_length", "expected"),
    [
        (1.0, 176, (100, 100.0)),
        (2.5, 176, (200, 80.0)),
        (10.0, 176, (1000, 100.0)),
        (0.1, 30, (2, 20.0)),
        (3.0, 100, (200, 66.7)),
        (None, 100, None),
        (0.001, 100, None),  # less than a metre fits: no bar
    ],
)
def test_scale_bar_picks_a_round_distance(metres_per_unit, max_length, expected):
    assert scale_bar(metres_per_unit, max_length=max_length) == expected


def test_build_plan_numbers_located_places_in_order():
    places = [
        SimpleNamespace(latitude=Decimal("43.25"), longitude=Decimal("76.90")),
        SimpleNamespace(latitude=None, longitude=None),
        SimpleNamespace(latitude=Decimal("43.26"), longitude=Decimal("76.91")),
    ]
    plan = build_plan(places)
    assert [(m.number, m.place) for m in plan.markers] == [(1, places[0]), (2, places[2])]
    assert plan.scale_metres and 0 < plan.scale_length <= (WIDTH - 2 * PADDING) / 3


def test_policy_scopes_measures_through_their_place(world):
    mine = ProblemMeasure.objects.create(
        spot=ProblemSpotFactory(beat=world.beat), date=days(-1), description="Беседа"
    )
    ProblemMeasure.objects.create(
        spot=ProblemSpotFactory(beat=world.colleague_beat), date=days(-1), description="Рейд"
    )
    visible = policy.scoped(world.users[Role.INSPECTOR], ProblemMeasure.objects.all())
    assert list(visible) == [mine]
