"""The supervisor's view of the department: figures, workload, sorting, chart, exports, scope."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from districts.models import (
    AppealStatus,
    Cadence,
    ChecklistItem,
    ChecklistMark,
    ChecklistSection,
    MeetingStatus,
)
from districts.selectors.supervision import COLUMNS, SORT_KEYS
from portal.models import Role
from portal.periods import aware_bounds, current_quarter, last_completed_quarter
from tests.builders.trust import answers
from tests.builders.workload import (
    EXPECTED_BANDS,
    EXPECTED_INSPECTORS,
    EXPECTED_RELATIVE,
    KNOWN_BEATS,
)
from tests.dates import days
from tests.factories import (
    AppealFactory,
    BeatFactory,
    MeetingFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    UserFactory,
)

TODAY = timezone.localdate
HOME = reverse("department-home")
EXPORT = reverse("department-export")


def quarter_start():
    """Local midnight of the first day of the current quarter."""
    start, _end = aware_bounds(current_quarter(TODAY()).period)
    return start


def this_quarter():
    """A moment of the current quarter that has already passed."""
    start = quarter_start()
    return start + (timezone.now() - start) / 2


@pytest.fixture
def sup_client(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    return client


class Department:
    """A fresh department with one police point and its supervisor, inside `world.area`."""

    def __init__(self, world):
        self.department = PoliceDepartmentFactory(area=world.area)
        self.point = PolicePointFactory(department=self.department)
        self.supervisor = UserFactory(role=Role.SUPERVISOR, department=self.department)

    def beat(self, **kwargs):
        return BeatFactory(police_point=self.point, **kwargs)


@pytest.fixture
def fresh(world, client):
    dept = Department(world)
    client.force_login(dept.supervisor)
    return dept


def manual_items(count):
    """Only `count` quarterly items ticked by hand: compliance is then marks / count."""
    ChecklistItem.objects.update(is_active=False)
    return [
        ChecklistItem.objects.create(
            section=ChecklistSection.RESIDENTS, text=f"Item {n}", cadence=Cadence.QUARTERLY
        )
        for n in range(count)
    ]


def tick(beat, item, *, previous=True):
    quarter = last_completed_quarter(TODAY()) if previous else current_quarter(TODAY())
    start = quarter.start
    ChecklistMark.objects.create(beat=beat, item=item, period_start=start, note="done")


def rows_of(response):
    return response.context["overview"].rows


def codes(response):
    return [row.beat.code for row in rows_of(response)]


def read_csv(response):
    """Rows of an exported CSV: ";" and a decimal comma in Kazakh and Russian, "," in English."""
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if ";" in text.partition("\n")[0] else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def number(text):
    return float(text.replace(",", "."))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


# --- figures ---------------------------------------------------------------------------------


def test_overdue_appeals_are_counted_per_beat(fresh, client, world):
    beat, other = fresh.beat(), fresh.beat()
    AppealFactory(beat=beat, received_on=days(-20), due_on=days(-5))
    AppealFactory(beat=beat, received_on=days(-20), due_on=days(-1), status=AppealStatus.IN_WORK)
    AppealFactory(beat=beat, received_on=days(-15), due_on=days(0))  # due today: not yet late
    AppealFactory(beat=beat, received_on=days(-20), due_on=days(-5),
                  status=AppealStatus.ANSWERED, answer="ok", answered_on=days(-6))  # fmt: skip
    AppealFactory(beat=world.beat, received_on=days(-20), due_on=days(-5))  # not this department
    figures = {r.beat.code: r.overdue_appeals for r in rows_of(client.get(HOME))}
    assert figures == {beat.code: 2, other.code: 0}


def test_meetings_held_this_quarter_and_their_attendance(fresh, client):
    beat, quiet = fresh.beat(), fresh.beat()
    start = quarter_start()
    MeetingFactory(beat=beat, held_at=this_quarter(), attendance=10)
    MeetingFactory(beat=beat, held_at=start, attendance=15)
    MeetingFactory(beat=beat, held_at=start - datetime.timedelta(minutes=1), attendance=99)
    MeetingFactory(beat=beat, held_at=this_quarter(), status=MeetingStatus.PLANNED, attendance=50)
    MeetingFactory(beat=beat, held_at=this_quarter(), status=MeetingStatus.CANCELLED, attendance=7)
    rows = {r.beat.code: r for r in rows_of(client.get(HOME))}
    assert (rows[beat.code].meetings_held, rows[beat.code].attendance) == (2, 25)
    assert (rows[quiet.code].meetings_held, rows[quiet.code].attendance) == (0, 0)


def test_checklist_compliance_of_the_last_completed_quarter(fresh, client):
    items = manual_items(4)
    done, half, none = fresh.beat(), fresh.beat(), fresh.beat()
    for item in items:
        tick(done, item)
    tick(half, items[0])
    tick(half, items[1])
    tick(none, items[0], previous=False)  # this quarter's tick counts next quarter
    rows = {r.beat.code: r for r in rows_of(client.get(HOME))}
    assert rows[done.code].compliance_percent == 100.0
    assert rows[half.code].compliance_percent == 50.0
    assert rows[none.code].compliance_percent == 0.0


def build_known(dept):
    """The data set of test_workload.py, with appeals around the 90-day edge."""
    inspectors = {name: UserFactory(role=Role.INSPECTOR, last_name=name) for name in EXPECTED_BANDS}
    beats = {}
    for name, (inspector, population, area, level, appeals, _index) in KNOWN_BEATS.items():
        beat = dept.beat(
            code=f"known-{name.lower()}",
            inspector=inspectors.get(inspector),
            population=population,
            area_km2=area,
            criminogenic_level=level,
        )
        received = [days(0), days(-89), days(-30), days(-1), days(-60)][:appeals]
        for day in received:
            AppealFactory(beat=beat, received_on=day, due_on=days(20))
        beats[name] = beat
    AppealFactory(beat=beats["A"], received_on=days(-90), due_on=days(-75))  # outside the window
    return beats, inspectors


def test_workload_of_the_known_data_set(fresh, client):
    beats, inspectors = build_known(fresh)
    overview = client.get(HOME).context["overview"]
    rows = {r.beat.code: r for r in overview.rows}
    for name, beat in beats.items():
        row = rows[beat.code]
        assert round(row.workload, 2) == KNOWN_BEATS[name][-1], name
        inspector = KNOWN_BEATS[name][0]
        if inspector is None:
            assert row.relative_load is None and row.band is None
        else:
            assert round(row.relative_load, 2) == EXPECTED_RELATIVE[inspector]
            assert row.band == EXPECTED_BANDS[inspector]
    assert rows[beats["A"].code].recent_appeals == 3
    loads = {load.inspector.last_name: load for load in overview.inspectors}
    assert {k: round(v.index, 2) for k, v in loads.items()} == EXPECTED_INSPECTORS
    assert loads["I1"].beat_count == 2
    assert [load.inspector.last_name for load in overview.inspectors] == ["I2", "I1", "I3"]
    assert round(overview.mean_index, 2) == 11.89


def test_overloaded_and_underloaded_are_highlighted_and_charted(fresh, client):
    build_known(fresh)
    html = client.get(HOME).content.decode()
    assert html.count("<svg") == 1
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert chart.count('class="workload-bar') == 3  # the beat without inspector has no bar
    assert "<title" in chart and "<desc" in chart and 'role="img"' in chart
    assert "workload-overloaded" in chart and "workload-underloaded" in chart
    assert 'id="workload-table"' in html  # the text fallback
    assert 'class="table-danger"' in html  # the overloaded inspector's beat row
    assert " style=" not in html and "<script>" not in html


# --- sorting ---------------------------------------------------------------------------------


@pytest.fixture
def ranked(fresh):
    """Three beats ordered a < b < c by every column."""
    items = manual_items(4)
    beats = []
    for n, (name, level) in enumerate([("Абаев", "low"), ("Бекова", "medium"), ("Ветров", "high")]):
        beat = fresh.beat(
            code=f"ranked-{'abc'[n]}",
            inspector=UserFactory(role=Role.INSPECTOR, last_name=name),
            population=1000 * (n + 1),
            area_km2=n + 1,
            criminogenic_level=level,
        )
        for item in items[:n]:
            tick(beat, item)
        for _ in range(n):
            AppealFactory(beat=beat, received_on=days(-20), due_on=days(-5))
            MeetingFactory(beat=beat, held_at=this_quarter(), attendance=10 + n)
        answers(beat, last_completed_quarter(), positive=4 + 3 * n, total=12)  # trust
        beats.append(beat.code)
    return beats


def test_every_column_is_sortable():
    assert {column.key for column in COLUMNS} == set(SORT_KEYS)


@pytest.mark.parametrize("key", list(SORT_KEYS))
def test_sorting_by_each_key_in_both_directions(client, ranked, key):
    ascending = client.get(HOME, {"sort": key})
    assert codes(ascending) == ranked
    assert ascending.context["overview"].sort == key
    descending = client.get(HOME, {"sort": f"-{key}"})
    assert codes(descending) == ranked[::-1]
    assert descending.context["overview"].sort == f"-{key}"


@pytest.mark.parametrize("sort", ["bogus", "-", "--population", "__class__", "population;drop", ""])
def test_unknown_sort_falls_back_to_the_default_order(client, ranked, sort):
    response = client.get(HOME, {"sort": sort})
    assert response.status_code == 200
    assert codes(response) == ranked
    assert response.context["overview"].sort == "beat"


def test_beat_without_inspector_goes_last_in_both_directions(fresh, client):
    beats, _inspectors = build_known(fresh)
    for sort in ("load", "-load", "inspector", "-inspector"):
        assert codes(client.get(HOME, {"sort": sort}))[-1] == beats["E"].code


def test_headers_link_to_the_next_sort_and_state_aria_sort(client, ranked):
    response = client.get(HOME, {"sort": "population"})
    headers = {h["column"].key: h for h in response.context["headers"]}
    assert headers["population"]["aria_sort"] == "ascending"
    assert headers["population"]["href"] == "?sort=-population"
    assert headers["workload"]["aria_sort"] is None
    assert headers["workload"]["href"] == "?sort=workload"
    html = response.content.decode()
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="ascending"' in html and 'href="?sort=-population"' in html
    response = client.get(HOME, {"sort": "-population"})
    headers = {h["column"].key: h for h in response.context["headers"]}
    assert headers["population"]["aria_sort"] == "descending"
    assert headers["population"]["href"] == "?sort=population"


# --- exports ---------------------------------------------------------------------------------


def test_csv_export_has_one_row_per_beat_and_a_dated_filename(client, ranked):
    response = client.get(EXPORT, {"format": "csv", "sort": "-population"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    filename = f"department-workload-{TODAY():%Y-%m-%d}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    header, *rows = read_csv(response)
    assert len(header) == 16
    assert [row[0] for row in rows] == ranked[::-1]  # the same sort as the page
    assert [int(row[3]) for row in rows] == [3000, 2000, 1000]
    assert [number(row[6]) for row in rows] == [50.0, 25.0, 0.0]  # checklist, %
    assert [int(row[7]) for row in rows] == [2, 1, 0]  # overdue appeals


def test_csv_without_format_is_csv(client, ranked):
    response = client.get(EXPORT)
    assert response["Content-Disposition"].endswith('.csv"')
    assert len(read_csv(response)) == 4


def test_export_headers_are_translated(client, ranked):
    client.cookies.load({"django_language": "en"})
    assert read_csv(client.get(EXPORT))[0][3] == "Population"
    client.cookies.load({"django_language": "ru"})
    with translation.override("ru"):
        assert read_csv(client.get(EXPORT))[0][3] == gettext("Population")


def test_xlsx_export_keeps_numbers_as_numbers(fresh, client):
    beats, _inspectors = build_known(fresh)
    response = client.get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    filename = f"department-workload-{TODAY():%Y-%m-%d}.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    sheet = read_xlsx(response)
    assert sheet.max_row == len(KNOWN_BEATS) + 1
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    c = rows[beats["C"].code]
    assert c[3] == 12000 and isinstance(c[3], int)
    assert c[4] == 0.8 and isinstance(c[4], float)
    assert c[10] == 5  # appeals in 90 days
    assert c[11] == 23.54 and c[12] == 1.98
    e = rows[beats["E"].code]
    assert e[2] in (None, "") and e[11] == 6.76 and e[12] in (None, "")
    assert rows[beats["A"].code][11] == 7.06
    assert rows[beats["B"].code][4] == 0


def test_spreadsheet_cells_never_start_a_formula(fresh, client):
    fresh.beat(code="formula", inspector=UserFactory(last_name="=HYPERLINK(1)", first_name=""))
    row = read_csv(client.get(EXPORT))[1]
    assert row[2] == "'=HYPERLINK(1)"
    cell = read_xlsx(client.get(EXPORT, {"format": "xlsx"}))["C2"]
    assert cell.data_type != "f"


@pytest.mark.parametrize("fmt", ["pdf", "", "CSV", "../csv"])
def test_unknown_export_format_is_404(sup_client, fmt):
    assert sup_client.get(EXPORT, {"format": fmt}).status_code == 404


# --- scope -----------------------------------------------------------------------------------


def test_supervisor_sees_exactly_the_department(sup_client, world):
    expected = {world.beat.code, world.colleague_beat.code}
    assert set(codes(sup_client.get(HOME))) == expected
    rows = read_csv(sup_client.get(EXPORT))[1:]
    assert {row[0] for row in rows} == expected
    sheet = read_xlsx(sup_client.get(EXPORT, {"format": "xlsx"}))
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SUPERVISOR])
def test_other_roles_are_refused(client, world, role):
    client.force_login(world.users[role])
    assert client.get(HOME).status_code == 403
    assert client.get(EXPORT, {"format": "csv"}).status_code == 403
    assert client.get(EXPORT, {"format": "xlsx"}).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    for url in (HOME, EXPORT):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_supervisor_without_department_sees_an_empty_page(client, world):
    client.force_login(UserFactory(role=Role.SUPERVISOR, department=None))
    response = client.get(HOME, {"sort": "-load"})
    assert response.status_code == 200
    assert rows_of(response) == []
    assert response.context["overview"].inspectors == []
    assert len(read_csv(client.get(EXPORT))) == 1  # the header only
    assert read_xlsx(client.get(EXPORT, {"format": "xlsx"})).max_row == 1


def test_administrator_picks_any_department(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    page = reverse("department-overview")
    export = reverse("department-overview-export")
    response = client.get(page)
    assert response.status_code == 200 and rows_of(response) == []
    picked = client.get(page, {"department": world.other_department.pk})
    assert codes(picked) == [world.other_beat.code]
    for junk in ("abc", "999999", "-1"):
        assert rows_of(client.get(page, {"department": junk})) == []
        assert client.get(page, {"region": junk}).context["chooser"]["departments"] is None
    assert client.get(export).status_code == 302
    rows = read_csv(client.get(export, {"department": world.far_department.pk}))[1:]
    assert [row[0] for row in rows] == [world.far_beat.code]
    assert client.get(export, {"department": world.department.pk, "format": "x"}).status_code == 404


def test_the_administrator_picks_a_region_then_one_of_its_departments(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    page = reverse("department-overview")
    first = client.get(page).context["chooser"]
    assert {world.region, world.far_region} <= set(first["regions"])
    assert first["departments"] is None  # no list of every department of the country
    region = client.get(page, {"region": world.far_region.pk}).context["chooser"]
    assert list(region["departments"]) == [world.far_department]
    # A department alone (a link) brings its region and its neighbours to choose from.
    linked = client.get(page, {"department": world.other_department.pk}).context["chooser"]
    assert linked["region"] == world.region
    assert set(linked["departments"]) == {world.department, world.other_department}


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_pick_departments(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("department-overview")).status_code == 403
    assert client.get(reverse("department-overview-export")).status_code == 403


# --- query counts ----------------------------------------------------------------------------


def add_busy_beats(point, count):
    items = list(ChecklistItem.objects.filter(is_active=True)[:2])
    for _ in range(count):
        beat = BeatFactory(police_point=point)
        AppealFactory(beat=beat, received_on=days(-20), due_on=days(-5))
        AppealFactory(beat=beat, received_on=days(-2))
        MeetingFactory(beat=beat, held_at=this_quarter())
        for item in items:
            tick(beat, item)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (HOME, {}),
        (HOME, {"sort": "-load"}),
        (EXPORT, {"format": "csv"}),
        (EXPORT, {"format": "xlsx", "sort": "compliance"}),
    ],
)
def test_query_count_is_flat(sup_client, world, django_assert_max_num_queries, url, params):
    def measure():
        with django_assert_max_num_queries(40) as captured:
            assert sup_client.get(url, params).status_code == 200
        return len(captured)

    add_busy_beats(world.point, 2)
    small = measure()
    add_busy_beats(world.point, 15)
    BeatFactory(police_point=world.point, inspector=None)
    large = measure()
    assert large == small
