"""The regional record: every area of the region with totals by status and duty hours."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from portal.models import Role
from tests.factories import AreaFactory, AssistantFactory
from volunteers.models import Assistant, AssistantStatus, Duty
from volunteers.views.registry import STATUSES

URL = reverse("register-regional")
EXPORT_URL = reverse("register-regional-export")
TODAY = datetime.date.today()
S = AssistantStatus


def duty(assistant, hours, date=TODAY):
    return Duty.objects.create(
        assistant=assistant,
        date=date,
        hours=Decimal(hours),
        kind="patrols",
        beat=assistant.beat,
        supervisor=assistant.beat.inspector,
    )


@pytest.fixture
def known(world):
    """Area: 2 active, 1 applied, 1 refused, 1 suspended; other area: 1 active, 1 deregistered;
    far area (another region): 1 active. Duty hours this year: 3.5 + 2 in the area, 4 in the
    other area; last year's hours do not count."""
    active = AssistantFactory(beat=world.beat, status=S.ACTIVE)
    AssistantFactory(beat=world.beat, status=S.ACTIVE)
    AssistantFactory(beat=world.colleague_beat, status=S.APPLIED)
    AssistantFactory(beat=world.beat, status=S.REFUSED)
    AssistantFactory(beat=world.beat, status=S.SUSPENDED)
    other = AssistantFactory(beat=world.other_beat, status=S.ACTIVE)
    AssistantFactory(beat=world.other_beat, status=S.DEREGISTERED)
    far = AssistantFactory(beat=world.far_beat, status=S.ACTIVE)
    duty(active, "3.5")
    duty(active, "2")
    duty(active, "8", date=datetime.date(TODAY.year - 1, 6, 1))
    duty(other, "4")
    duty(far, "6")
    return world


def counts(row):
    return dict(zip(STATUSES, row.counts, strict=True))


def test_totals_by_area_and_status(client, known):
    world = known
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    response = client.get(URL)
    assert response.status_code == 200
    rows = {row.area.pk: row for row in response.context["rows"]}
    assert set(rows) == {world.area.pk, world.other_area.pk}  # not the far region
    mine = counts(rows[world.area.pk])
    assert mine[S.ACTIVE] == 2
    assert mine[S.APPLIED] == 1
    assert mine[S.REFUSED] == 1
    assert mine[S.SUSPENDED] == 1
    assert mine[S.REGISTERED] == mine[S.CERTIFIED] == mine[S.PETITIONED] == 0
    assert rows[world.area.pk].total == 5
    assert rows[world.area.pk].hours == Decimal("5.5")
    other = counts(rows[world.other_area.pk])
    assert (other[S.ACTIVE], other[S.DEREGISTERED]) == (1, 1)
    assert rows[world.other_area.pk].hours == Decimal("4")

    grand = response.context["grand"]
    assert counts(grand)[S.ACTIVE] == 3
    assert grand.total == 7
    assert grand.hours == Decimal("9.5")
    assert b'id="regional-total"' in response.content


def test_an_area_without_assistants_is_listed_with_zeros(client, world):
    empty = AreaFactory(region=world.region, name="Жетысуский район")
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    rows = {row.area.pk: row for row in client.get(URL).context["rows"]}
    assert rows[empty.pk].total == 0
    assert rows[empty.pk].hours == 0


def test_the_chart_is_inline_svg_without_style_attributes(client, known):
    client.force_login(known.users[Role.REGIONAL_REGISTRAR])
    response = client.get(URL)
    content = response.content.decode()
    assert '<svg class="img-fluid d-block" id="active-chart"' in content
    assert "style=" not in content
    bars = response.context["chart"]["bars"]
    assert [bar.value for bar in bars] == [row.active for row in response.context["rows"]]
    widest = max(bars, key=lambda bar: bar.value)
    assert all(bar.width <= widest.width for bar in bars)


def test_rows_link_to_the_register_list_when_it_exists(client, known):
    client.force_login(known.users[Role.REGIONAL_REGISTRAR])
    response = client.get(URL)
    list_url = response.context["list_url"]
    if list_url:
        assert f'href="{list_url}?area={known.area.pk}"'.encode() in response.content


def test_the_administrator_sees_every_region_or_picks_one(client, known):
    world = known
    client.force_login(world.users[Role.ADMINISTRATOR])
    everything = client.get(URL).context["rows"]
    assert {row.region.pk for row in everything} >= {world.region.pk, world.far_region.pk}
    one = client.get(URL, {"region": world.far_region.pk}).context["rows"]
    assert [row.area.pk for row in one] == [world.far_area.pk]
    assert client.get(URL, {"region": "nonsense"}).status_code == 200


def test_the_whole_country_shows_a_row_per_region_adding_up_its_areas(client, known):
    """However many areas the country has, its page lists the regions; each opens its areas."""
    client.force_login(known.users[Role.ADMINISTRATOR])
    response = client.get(URL)
    rows = {row.region.pk: row for row in response.context["rows"]}
    for region in (known.region, known.far_region):
        areas = client.get(URL, {"region": region.pk}).context
        assert rows[region.pk].counts == areas["grand"].counts
        assert rows[region.pk].hours == areas["grand"].hours
        assert f'href="?region={region.pk}"'.encode() in response.content
    assert counts(rows[known.region.pk])[S.ACTIVE] == 3
    assert response.context["grand"].total == sum(row.total for row in rows.values())


def test_a_regional_registrar_cannot_pick_another_region(client, known):
    client.force_login(known.users[Role.REGIONAL_REGISTRAR])
    rows = client.get(URL, {"region": known.far_region.pk}).context["rows"]
    assert known.far_area.pk not in {row.area.pk for row in rows}
    assert client.get(URL).context["region_form"] is None


@pytest.mark.parametrize(
    "role", [Role.INSPECTOR, Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_other_roles_are_refused(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_the_export_as_csv(client, known):
    client.force_login(known.users[Role.REGIONAL_REGISTRAR])
    response = client.get(EXPORT_URL, {"format": "csv"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    # Russian: ";" between cells and a decimal comma, as a Russian-locale Excel reads them.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 2 + 1  # header, two areas, the total
    assert len(rows[0]) == 1 + len(STATUSES) + 2
    by_area = {r[0]: r for r in rows[1:]}
    assert known.far_area.name not in by_area
    mine = by_area[known.area.name]
    assert int(mine[1 + STATUSES.index(S.ACTIVE)]) == 2
    assert mine[-1] == "5,5"
    total = rows[-1]
    assert int(total[-2]) == 7
    assert total[-1] == "9,5"


def test_the_export_as_xlsx(client, known):
    client.force_login(known.users[Role.ADMINISTRATOR])
    response = client.get(EXPORT_URL, {"format": "xlsx", "region": known.region.pk})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 4
    assert rows[-1][-2] == 7  # numbers stay numbers


def test_an_unknown_export_format_is_not_found(client, world):
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    assert client.get(EXPORT_URL, {"format": "pdf"}).status_code == 404


def test_a_regional_registrar_without_a_region_sees_nothing(client, world):
    world.users[Role.REGIONAL_REGISTRAR].region = None
    world.users[Role.REGIONAL_REGISTRAR].save()
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    assert list(client.get(URL).context["rows"]) == []


@pytest.mark.parametrize("role", [Role.REGIONAL_REGISTRAR, Role.ADMINISTRATOR])
def test_the_query_count_does_not_grow_with_the_data(client, world, role):
    client.force_login(world.users[role])
    counts = []
    for extra in (1, 25):
        for _ in range(extra):
            AreaFactory(region=world.region)
            assistant = AssistantFactory(beat=world.beat, status=S.ACTIVE)
            duty(assistant, "1")
        for url in (URL, EXPORT_URL):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def test_the_counts_follow_every_change_of_the_register(client, known):
    """The counts are kept in the cache: a new assistant, a status step, a deletion and an
    import's bulk write each show at once."""
    from volunteers.status_counts import register_changed

    client.force_login(known.users[Role.REGIONAL_REGISTRAR])

    def area_counts():
        rows = client.get(URL).context["rows"]
        return counts(next(row for row in rows if row.area == known.area))

    assert area_counts()[S.ACTIVE] == 2
    added = AssistantFactory(beat=known.beat, status=S.ACTIVE)
    assert area_counts()[S.ACTIVE] == 3
    added.status = S.SUSPENDED
    added.save()
    assert area_counts()[S.ACTIVE] == 2 and area_counts()[S.SUSPENDED] == 2
    added.delete()
    assert area_counts()[S.SUSPENDED] == 1
    # A bulk write sends no signal: the import says the register changed.
    Assistant.objects.filter(area=known.area, status=S.REFUSED).update(status=S.ACTIVE)
    assert area_counts()[S.ACTIVE] == 2  # not yet told
    register_changed()
    assert area_counts()[S.ACTIVE] == 3
