"""Offence statistics by hand: the table with АППГ, the entry form, its rules and scope."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import Role
from portal.periods import Quarter, current_quarter, last_completed_quarter
from reports.models import OffenceCategory, OffenceStatistic
from reports.services import statistics_import as service
from tests.factories import BeatFactory, OffenceStatisticFactory

YEAR, QUARTER = 2024, 2


def url(name, beat=None, year=YEAR, quarter=QUARTER, **extra):
    query = {}
    if beat is not None:
        query["beat"] = beat if isinstance(beat, str) else beat.pk
    query.update(year=year, quarter=quarter, **extra)
    return f"{reverse(name)}?{urlencode(query)}"


def category(code):
    return OffenceCategory.objects.get(code=code)


def stat(beat, code, count, year=YEAR, quarter=QUARTER):
    return OffenceStatisticFactory(beat=beat, code=code, year=year, quarter=quarter, count=count)


def values(beat, year=YEAR, quarter=QUARTER):
    return dict(
        OffenceStatistic.objects.filter(beat=beat, year=year, quarter=quarter).values_list(
            "category__code", "count"
        )
    )


def blank_form(**counts):
    """POST data: every active category empty unless given."""
    data = {f"count_{c.code}": "" for c in OffenceCategory.objects.filter(is_active=True)}
    data.update({f"count_{code}": value for code, value in counts.items()})
    return data


def message_levels(response):
    return [m.level_tag for m in get_messages(response.wsgi_request)]


@pytest.fixture
def inspector(client, world):
    client.force_login(world.inspector)
    return client


# --- the table ----------------------------------------------------------------------------


def test_list_defaults_to_the_first_beat_and_the_last_completed_quarter(inspector, world):
    response = inspector.get(reverse("statistics-list"))
    assert response.status_code == 200
    year, quarter = last_completed_quarter()
    assert (response.context["beat"], response.context["year"], response.context["quarter"]) == (
        world.beat,
        year,
        quarter,
    )


def test_last_completed_and_future_quarters():
    assert last_completed_quarter(datetime.date(2026, 1, 10)) == (2025, 4)
    assert last_completed_quarter(datetime.date(2026, 5, 31)) == (2026, 1)
    assert current_quarter(datetime.date(2026, 12, 31)) == (2026, 4)
    today = datetime.date(2026, 5, 1)
    assert Quarter(2026, 2).has_begun(today)  # the running quarter may be entered
    assert not Quarter(2026, 3).has_begun(today)
    assert not Quarter(2027, 1).has_begun(today)


def test_list_shows_count_appg_and_change(inspector, world):
    stat(world.beat, "theft", 6)
    stat(world.beat, "theft", 8, year=YEAR - 1)
    stat(world.beat, "fraud", 3)
    stat(world.beat, "fraud", 0, year=YEAR - 1)  # up from zero
    stat(world.beat, "robbery", 0)
    stat(world.beat, "robbery", 0, year=YEAR - 1)  # 0 → 0: no change
    stat(world.beat, "traffic", 2, year=YEAR - 1)  # no data this year
    stat(world.colleague_beat, "theft", 100)  # another beat: not summed in

    response = inspector.get(url("statistics-list", world.beat))
    assert response.status_code == 200
    rows = {row["category"].code: row for row in response.context["rows"]}
    assert len(rows) == OffenceCategory.objects.filter(is_active=True).count()
    theft = rows["theft"]
    assert (theft["current"], theft["previous"], theft["trend"]) == (6, 8, "down")
    assert theft["change"] == "−25,0 %"  # Russian decimal comma
    fraud = rows["fraud"]
    assert (fraud["current"], fraud["previous"], fraud["trend"]) == (3, 0, "up")
    assert fraud["from_zero"] is True and fraud["change"] not in ("—", "")
    assert (rows["robbery"]["change"], rows["robbery"]["trend"]) == ("0 %", "same")
    assert (rows["traffic"]["current"], rows["traffic"]["change"]) == ("—", "—")
    assert (rows["hooliganism"]["current"], rows["hooliganism"]["previous"]) == ("—", "—")
    assert not rows["hooliganism"]["from_zero"]
    total = response.context["total"]
    assert (total["current"], total["previous"], total["change"]) == (9, 10, "−10,0 %")
    content = response.content.decode()
    assert 'id="statistics-table"' in content
    assert response.context["edit_url"] == url("statistics-edit", world.beat)
    assert response.context["edit_previous_url"] == url("statistics-edit", world.beat, YEAR - 1)


def test_list_increase_is_signed(inspector, world):
    stat(world.beat, "theft", 12)
    stat(world.beat, "theft", 10, year=YEAR - 1)
    response = inspector.get(url("statistics-list", world.beat))
    theft = next(r for r in response.context["rows"] if r["category"].code == "theft")
    assert theft["change"] == "+20,0 %"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"year": 1999}, 400),
        ({"year": "abc"}, 400),
        ({"quarter": 5}, 400),
        ({"year": datetime.date.today().year + 1, "quarter": 1}, 400),
    ],
)
def test_list_refuses_a_bad_period(inspector, world, query, status):
    response = inspector.get(url("statistics-list", world.beat, **query))
    assert response.status_code == status
    assert "rows" not in response.context
    assert "error" in message_levels(response)


def test_list_query_count_is_flat(client, world):
    supervisor = world.users[Role.SUPERVISOR]
    client.force_login(supervisor)

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url("statistics-list", world.beat)).status_code == 200
        return len(context)

    stat(world.beat, "theft", 1)
    small = count_queries()
    for number in range(15):
        beat = BeatFactory(police_point=world.point)
        for code in ("theft", "fraud", "drugs"):
            for year in (YEAR, YEAR - 1, YEAR - 2):
                stat(beat, code, number, year=year)
    for code in ("fraud", "drugs", "traffic", "minors"):
        stat(world.beat, code, 4)
        stat(world.beat, code, 5, year=YEAR - 1)
    OffenceCategory.objects.create(code="extra", name="Extra", order=999)
    assert count_queries() == small


# --- the entry form -----------------------------------------------------------------------


def test_edit_page_shows_one_field_per_active_category_with_current_values(inspector, world):
    stat(world.beat, "theft", 7)
    stat(world.beat, "theft", 9, year=YEAR - 1)
    OffenceCategory.objects.filter(code="traffic").update(is_active=False)
    response = inspector.get(url("statistics-edit", world.beat))
    assert response.status_code == 200
    form = response.context["form"]
    assert "count_traffic" not in form.fields
    assert len(form.fields) == OffenceCategory.objects.filter(is_active=True).count()
    assert form["count_theft"].value() == 7
    assert form["count_fraud"].value() is None
    assert 'name="count_theft"' in response.content.decode()


def test_entry_saves_every_value_at_once_with_history(inspector, world):
    response = inspector.post(
        url("statistics-edit", world.beat), blank_form(theft="4", fraud="2", drugs="0")
    )
    assert response.status_code == 302
    assert response.url == url("statistics-list", world.beat)
    assert values(world.beat) == {"theft": 4, "fraud": 2, "drugs": 0}
    theft = OffenceStatistic.objects.get(beat=world.beat, category__code="theft")
    (record,) = theft.history.all()
    assert (record.history_type, record.history_user, record.count) == ("+", world.inspector, 4)
    assert "success" in message_levels(response)


def test_blank_is_no_data_and_zero_is_zero(inspector, world):
    stat(world.beat, "theft", 5)
    stat(world.beat, "fraud", 3)
    stat(world.beat, "robbery", 2)
    response = inspector.post(
        url("statistics-edit", world.beat), blank_form(theft="", fraud="0", robbery="2")
    )
    assert response.status_code == 302
    # Blank removed theft; zero kept fraud as a real zero; robbery untouched.
    assert values(world.beat) == {"fraud": 0, "robbery": 2}
    history = OffenceStatistic.history.filter(beat=world.beat)
    assert history.filter(category__code="theft", history_type="-").count() == 1
    assert history.filter(category__code="fraud", history_type="~").get().count == 0
    # Unchanged values leave no history of their own.
    robbery = OffenceStatistic.objects.get(beat=world.beat, category__code="robbery")
    assert robbery.history.count() == 1  # its creation above only
    # The list tells "no data" from zero.
    listing = inspector.get(url("statistics-list", world.beat))
    rows = {r["category"].code: r for r in listing.context["rows"]}
    assert (rows["theft"]["current"], rows["fraud"]["current"]) == ("—", 0)


def test_a_field_not_sent_leaves_its_value(inspector, world):
    stat(world.beat, "theft", 5)
    response = inspector.post(url("statistics-edit", world.beat), {"count_fraud": "1"})
    assert response.status_code == 302
    assert values(world.beat) == {"theft": 5, "fraud": 1}


def test_resaving_changes_values_and_keeps_history(inspector, world):
    inspector.post(url("statistics-edit", world.beat), blank_form(theft="4"))
    inspector.post(url("statistics-edit", world.beat), blank_form(theft="6"))
    theft = OffenceStatistic.objects.get(beat=world.beat, category__code="theft")
    assert theft.count == 6
    assert [h.count for h in theft.history.order_by("history_date")] == [4, 6]


def test_saving_nothing_new_writes_nothing(inspector, world):
    stat(world.beat, "theft", 5)
    before = OffenceStatistic.history.count()
    response = inspector.post(url("statistics-edit", world.beat), blank_form(theft="5"))
    assert response.status_code == 302
    assert OffenceStatistic.history.count() == before
    assert "info" in message_levels(response)


@pytest.mark.parametrize(
    "bad",
    [{"fraud": "-1"}, {"fraud": "abc"}, {"fraud": "2.5"}, {"fraud": str(service.MAX_COUNT + 1)}],
)
def test_bad_numbers_save_nothing(inspector, world, bad):
    stat(world.beat, "theft", 5)
    response = inspector.post(url("statistics-edit", world.beat), blank_form(theft="9", **bad))
    assert response.status_code == 400
    assert response.context["form"].errors.get("count_fraud")
    assert "error" in message_levels(response)
    assert values(world.beat) == {"theft": 5}  # theft's 9 was not saved either


@pytest.mark.parametrize(
    "period",
    [
        {"year": 1999},
        {"year": "20x4"},
        {"quarter": 0},
        {"year": datetime.date.today().year + 1, "quarter": 1},
    ],
)
def test_bad_period_saves_nothing(inspector, world, period):
    response = inspector.post(url("statistics-edit", world.beat, **period), blank_form(theft="1"))
    assert response.status_code == 400
    assert "error" in message_levels(response)
    assert not OffenceStatistic.objects.exists()
    assert "form" not in response.context


def test_the_running_quarter_may_be_entered(inspector, world):
    year, quarter = current_quarter()
    response = inspector.post(
        url("statistics-edit", world.beat, year, quarter), blank_form(theft="1")
    )
    assert response.status_code == 302
    assert values(world.beat, year, quarter) == {"theft": 1}


# --- scope and roles ----------------------------------------------------------------------


@pytest.mark.parametrize("beat_name", ["colleague_beat", "other_beat", "far_beat"])
def test_inspector_only_own_beats(inspector, world, beat_name):
    beat = getattr(world, beat_name)
    assert inspector.get(url("statistics-edit", beat)).status_code == 404
    assert inspector.get(url("statistics-list", beat)).status_code == 404
    response = inspector.post(url("statistics-edit", beat), blank_form(theft="3"))
    assert response.status_code == 404
    assert not OffenceStatistic.objects.exists()


def test_a_garbled_beat_is_404(inspector):
    assert inspector.get(url("statistics-edit", "abc")).status_code == 404
    assert inspector.get(url("statistics-list", "999999")).status_code == 404


def test_supervisor_enters_the_department_beats_only(client, world):
    client.force_login(world.users[Role.SUPERVISOR])
    response = client.post(url("statistics-edit", world.colleague_beat), blank_form(theft="2"))
    assert response.status_code == 302
    assert values(world.colleague_beat) == {"theft": 2}
    assert client.get(url("statistics-edit", world.other_beat)).status_code == 404
    assert client.post(url("statistics-edit", world.other_beat), blank_form()).status_code == 404


def test_administrator_enters_any_beat(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    response = client.post(url("statistics-edit", world.far_beat), blank_form(theft="1"))
    assert response.status_code == 302
    assert values(world.far_beat) == {"theft": 1}


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.COUNCIL_SECRETARY]
)
def test_non_police_roles_are_refused(client, world, role):
    client.force_login(world.users[role])
    assert client.get(url("statistics-list", world.beat)).status_code == 403
    assert client.get(url("statistics-edit", world.beat)).status_code == 403
    assert client.post(url("statistics-edit", world.beat), blank_form(theft="1")).status_code == 403
    assert client.get(reverse("statistics-import")).status_code == 403
    assert not OffenceStatistic.objects.exists()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(url("statistics-edit", world.beat))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_user_without_beats_sees_a_note(client, world):
    lonely = world.users[Role.INSPECTOR].__class__.objects.create(
        username="lonely", role=Role.INSPECTOR
    )
    client.force_login(lonely)
    for name in ("statistics-list", "statistics-edit"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert 'id="statistics-no-beats"' in response.content.decode()


def test_edit_query_count_is_flat(inspector, world):
    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert inspector.get(url("statistics-edit", world.beat)).status_code == 200
        return len(context)

    small = count_queries()
    for code in ("theft", "fraud", "drugs", "minors"):
        for year in (YEAR, YEAR - 1, YEAR - 2):
            stat(world.beat, code, 3, year=year)
    for _ in range(5):
        BeatFactory(police_point=world.point, inspector=world.inspector)
    assert count_queries() == small


def test_post_query_count_is_flat(inspector, world):
    def count_queries(**counts):
        with CaptureQueriesContext(connection) as context:
            response = inspector.post(url("statistics-edit", world.beat), blank_form(**counts))
            assert response.status_code == 302
        return len(context)

    # Creates and updates are written in bulk: more of them take no more queries. (A removed
    # value is deleted on its own, at most one per category; one each time here.)
    stat(world.beat, "theft", 1)
    stat(world.beat, "drugs", 1)
    small = count_queries(fraud="1", theft="2")  # drugs emptied
    for code in ("robbery", "minors", "traffic"):
        stat(world.beat, code, 1)
    large = count_queries(  # traffic emptied
        fraud="5", theft="3", robbery="2", minors="7", online_fraud="1", bodily_harm="2"
    )
    assert large == small
