"""The report assembled from a beat's logged work: every section from known data, the
quarter's local-date bounds, the language, and no personal data anywhere."""

import datetime
import json

import pytest
from django.utils import translation

from districts.models import ProblemKind, ProposalStatus
from reports.assembly import assemble, for_display
from reports.charts import statistics_chart
from reports.models import OffenceCategory
from reports.snapshot import example
from tests.builders.reports import QUARTER, YEAR, build_quarter, day, local, personal_data
from tests.factories import (
    MeetingFactory,
    ProposalFactory,
    QuarterlyReportFactory,
    TrustCaseFactory,
    WorkPlanItemFactory,
)


def label(choice, language="ru"):
    with translation.override(language):
        return str(choice.label)


def same_shape(value, model, path="snapshot"):
    """`value` has exactly the keys of `model` (reports.snapshot.example()), recursively."""
    if isinstance(model, dict):
        assert isinstance(value, dict), path
        assert set(value) == set(model), (path, set(value) ^ set(model))
        for key in model:
            if value[key] is not None and model[key] is not None:
                same_shape(value[key], model[key], f"{path}.{key}")
    elif isinstance(model, list) and model and value:
        for index, item in enumerate(value):
            same_shape(item, model[0], f"{path}[{index}]")


@pytest.fixture
def data(world):
    return build_quarter(world)


# --- every section from known data -----------------------------------------------------------


def test_the_snapshot_has_exactly_the_contract_s_shape_and_is_json(data):
    snapshot = assemble(data.report, language="ru")
    same_shape(snapshot, example())
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_beat_inspector_and_police_point(data):
    snapshot = assemble(data.report, language="ru")
    assert snapshot["schema"] == 1 and snapshot["language"] == "ru"
    beat = snapshot["beat"]
    assert beat["code"] == data.beat.code and beat["number"] == data.beat.number
    assert beat["area"] == "Алмалинский район"
    assert beat["population"] == data.beat.population
    assert beat["inspector"] == {
        "name": "Сапаров Ерлан Маратович",
        "rank": "капитан полиции",
        "phone": "+7 727 272 31 17",
    }
    point = beat["police_point"]
    assert point["name"] == "УПП № 1 «Жибек Жолы»"
    assert point["address"] == data.beat.police_point.address
    assert point["phone"] == data.beat.police_point.phone
    assert point["reception_hours"] == data.beat.police_point.reception_hours
    assert snapshot["period"] == {
        "year": 2025,
        "quarter": 3,
        "start": "2025-07-01",
        "end": "2025-09-30",
    }
    assert snapshot["summary"] == "Обстановка на участке стабильная."


def test_a_beat_without_an_inspector(data):
    data.beat.inspector = None
    data.beat.save()
    assert assemble(data.report, language="ru")["beat"]["inspector"] is None


def test_statistics_with_the_same_period_last_year(data):
    statistics = assemble(data.report, language="ru")["statistics"]
    rows = {row["code"]: row for row in statistics["rows"]}
    assert len(rows) == OffenceCategory.objects.filter(is_active=True).count()
    assert rows["theft"] == {
        "category": "Кражи",
        "code": "theft",
        "current": 6,
        "previous": 8,
        "change_percent": -25.0,
        "trend": "down",
    }
    assert rows["fraud"]["current"] == 3 and rows["fraud"]["previous"] is None
    assert rows["fraud"]["trend"] == "unknown"
    assert rows["robbery"]["current"] is None
    total = statistics["total"]
    assert (total["code"], total["current"], total["previous"]) == ("total", 9, 8)
    assert total["change_percent"] == 12.5 and total["trend"] == "up"


def test_measures_resolved_places_and_submissions(data):
    measures = assemble(data.report, language="ru")["measures"]
    assert measures["text"] == "Внесено представление об освещении двора."
    assert measures["problems_resolved"] == [
        {
            "kind": label(ProblemKind.DARK_YARD),
            "place": "Двор домов 12–14",
            "resolved_on": "2025-08-15",
        }
    ]
    assert measures["submissions"] == 1


def test_work_with_residents_counts_the_quarter_by_local_dates(data):
    assert assemble(data.report, language="ru")["residents"] == {
        "meetings": 2,  # 1 July 03:00 in Almaty counts, 1 October 02:00 does not
        "attendance": 50,
        "rounds": 2,
        "apartments_visited": 75,
        "appeals_received": 3,
        "appeals_answered": 2,
        "consultations": 7,
        "preventive_visits": 2,
    }


def test_joint_work_with_partners_assistants_and_volunteers(data):
    joint = assemble(data.report, language="ru")["joint_work"]
    assert joint["actions"] == [
        {
            "title": "Безопасный двор",
            "date": "2025-08-20",
            "people_reached": 150,
            "partners": ["ОСИ «Бахыт-10»", "Школа № 9"],
        },
        {
            "title": "Рейд по торговым точкам",
            "date": "2025-09-05",
            "people_reached": None,
            "partners": ["ОСИ «Бахыт-10»"],
        },
    ]
    assert joint["partners"] == ["ОСИ «Бахыт-10»", "Школа № 9"]
    assert joint["assistants"] == 2
    assert joint["assistant_hours"] == 9.5
    assert joint["volunteers"] == 2
    assert joint["volunteer_hours"] == 12.0


def test_you_proposed_we_did_from_the_previous_report_meeting(data):
    proposals = assemble(data.report, language="ru")["proposals"]
    assert proposals == [
        {
            "text": "Установить освещение во дворе домов 12–14",
            "status": "done",
            "status_label": label(ProposalStatus.DONE),
            "outcome": "Освещение установлено акиматом",
            "source": "meeting",
        },
        {
            "text": "Закрыть проезд через двор",
            "status": "declined",
            "status_label": label(ProposalStatus.DECLINED),
            "outcome": "Проезд нужен пожарным машинам",
            "source": "meeting",
        },
    ]


def test_without_a_report_meeting_the_previous_quarter_s_proposals_are_shown(world):
    report = QuarterlyReportFactory(beat=world.beat, year=YEAR, quarter=QUARTER)
    in_previous = MeetingFactory(beat=world.beat, held_at=local(YEAR, 5, 10))
    too_old = MeetingFactory(beat=world.beat, held_at=local(YEAR, 3, 10))
    this_quarter = MeetingFactory(beat=world.beat, held_at=local(YEAR, 7, 10))
    ProposalFactory(meeting=in_previous, text="Из прошлого квартала")
    ProposalFactory(meeting=too_old, text="Слишком давно")
    ProposalFactory(meeting=this_quarter, text="Этого квартала")
    texts = [p["text"] for p in assemble(report, language="ru")["proposals"]]
    assert texts == ["Из прошлого квартала"]


def test_positive_cases_plan_and_next_meeting(data):
    snapshot = assemble(data.report, language="ru")
    assert [case["title"] for case in snapshot["positive_cases"]] == [
        "Вернули потерявшегося ребёнка"
    ]
    assert snapshot["positive_cases"][0]["date"] == "2025-07-10"
    assert snapshot["positive_cases"][0]["story"]
    assert snapshot["plan"] == {
        "text": "Провести рейды по дворам.",
        "items": [
            {"title": "Встреча с ОСИ", "due_on": "2025-10-20"},
            {"title": "Рейд по дворам", "due_on": "2025-11-05"},
        ],
    }
    assert snapshot["next_meeting"] == {
        "at": "2025-10-25T18:00:00+05:00",
        "place": "Школа № 9, актовый зал",
    }


def test_an_empty_quarter_still_has_every_section(world):
    report = QuarterlyReportFactory(beat=world.beat, year=YEAR, quarter=QUARTER)
    snapshot = assemble(report, language="kk")
    same_shape(snapshot, example())
    assert snapshot["residents"]["meetings"] == 0 and snapshot["residents"]["attendance"] == 0
    assert snapshot["joint_work"]["assistant_hours"] == 0.0
    assert snapshot["proposals"] == [] and snapshot["positive_cases"] == []
    assert snapshot["next_meeting"] == {"at": None, "place": ""}
    assert snapshot["statistics"]["total"]["current"] is None


# --- language --------------------------------------------------------------------------------


def test_names_and_labels_come_in_the_requested_language(data):
    snapshot = assemble(data.report, language="kk")
    assert snapshot["language"] == "kk"
    assert snapshot["beat"]["area"] == "Алмалы ауданы"
    assert snapshot["beat"]["police_point"]["name"] == "№ 1 «Жібек Жолы» УПП"
    rows = {row["code"]: row for row in snapshot["statistics"]["rows"]}
    assert rows["theft"]["category"] == "Ұрлық"
    with translation.override("kk"):
        assert snapshot["proposals"][0]["status_label"] == str(ProposalStatus.DONE.label)
        assert snapshot["statistics"]["total"]["category"] == translation.gettext("Total")


# --- no personal data ------------------------------------------------------------------------


def test_no_personal_data_in_the_snapshot(data):
    for language in ("ru", "kk"):
        dumped = json.dumps(assemble(data.report, language=language), ensure_ascii=False)
        for secret in personal_data(data):
            assert secret not in dumped, secret
        assert data.assistant.first_name + " " not in dumped


# --- showing it ------------------------------------------------------------------------------


def test_for_display_turns_dates_into_dates_and_adds_the_chart(data):
    snapshot = assemble(data.report, language="ru")
    frozen = json.dumps(snapshot)
    shown = for_display(snapshot)
    assert json.dumps(snapshot) == frozen  # the snapshot itself is untouched
    assert shown["period"]["start"] == datetime.date(2025, 7, 1)
    assert shown["plan"]["items"][0]["due_on"] == datetime.date(2025, 10, 20)
    assert shown["next_meeting"]["at"].hour == 18
    assert shown["chart"].startswith("<svg")


def test_the_chart_escapes_names_and_draws_only_categories_with_data():
    statistics = {
        "rows": [
            {"category": "<script>alert(1)</script>", "code": "x", "current": 4, "previous": 2},
            {"category": "Пусто", "code": "y", "current": None, "previous": None},
        ],
        "total": {},
    }
    svg = str(statistics_chart(statistics))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Пусто" not in svg
    assert 'role="img"' in svg and "style=" not in svg and "href" not in svg
    assert statistics_chart({"rows": [statistics["rows"][1]], "total": {}}) == ""


# --- queries ---------------------------------------------------------------------------------


def _queries(django_assert_max_num_queries, report):
    with django_assert_max_num_queries(40) as captured:
        assemble(report, language="ru")
    return len(captured)


def test_assembly_queries_do_not_grow_with_data(world, django_assert_max_num_queries):
    small = build_quarter(world)
    small_count = _queries(django_assert_max_num_queries, small.report)
    large = build_quarter(world, beat=world.colleague_beat, extra=15)
    for n in range(10):
        MeetingFactory(beat=large.beat, held_at=local(YEAR, 8, 1 + n))
        ProposalFactory(meeting=large.report_meeting, text=f"Предложение {n}")
        TrustCaseFactory(beat=large.beat, date=day(8, 1 + n))
        WorkPlanItemFactory(beat=large.beat, due_on=day(11, 1 + n))
    assert _queries(django_assert_max_num_queries, large.report) == small_count


def test_long_category_names_wrap_in_the_chart():
    name = "Кәмелетке толмағандардың құқық бұзушылықтары"
    svg = str(
        statistics_chart(
            {"rows": [{"category": name, "code": "minors", "current": 1, "previous": 0}]}
        )
    )
    assert ">Кәмелетке толмағандардың құқық</text>" in svg
    assert ">бұзушылықтары</text>" in svg
    assert f"<title>{name}:" in svg  # the whole name for screen readers


def test_the_snapshot_partial_renders_raw_and_displayed_snapshots():
    from django.template.loader import render_to_string

    raw = example()
    raw["summary"] = '<script>alert("x")</script>'
    html = render_to_string("reports/_snapshot.html", {"snapshot": raw})
    # The stored ISO dates read as long dates even so; there is no chart.
    assert "15 августа 2026 г." in html and "2026-08-15" not in html and "<svg" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    shown = render_to_string("reports/_snapshot.html", {"snapshot": for_display(raw)})
    assert "<svg" in shown and "2026-08-15" not in shown
    assert 'lang="ru"' in shown
    for forbidden in ("<script", " style=", "<link", "<img"):
        assert forbidden not in shown.replace("&lt;script", ""), forbidden
