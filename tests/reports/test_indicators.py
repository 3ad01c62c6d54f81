"""Effectiveness indicators: known numbers by hand, the yearly sums, targets and colours,
bad targets, the trust index pooled over beats, scope per role, the PDF, flat queries."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from districts.models import (
    AppealStatus,
    ChecklistItem,
    ChecklistMark,
    MeetingStatus,
    Proposal,
    ProposalSource,
    ProposalStatus,
)
from portal.models import Role
from portal.periods import last_completed_quarter
from reports import indicators
from reports.models import Indicator, IndicatorTarget
from tests.builders.trust import answers
from tests.clients import as_role
from tests.factories import (
    AppealFactory,
    BeatFactory,
    DoorToDoorRoundFactory,
    MeetingFactory,
    OffenceStatisticFactory,
    ProposalFactory,
    UserFactory,
)
from tests.pdf_checks import text_of

PAGE = "indicators"
YEAR = "indicators-year"
YEAR_PDF = "indicators-year-pdf"
TARGETS = "indicator-targets"


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def quarters():
    """The last completed quarter, and another quarter of the same year that has begun."""
    quarter = last_completed_quarter()
    other = quarter.previous() if quarter.number > 1 else quarter.next()
    return quarter, other


def appeal(beat, due_on, answered_on=None):
    if answered_on is None:
        return AppealFactory(beat=beat, received_on=due_on - days(10), due_on=due_on)
    return AppealFactory(
        beat=beat,
        received_on=due_on - days(10),
        due_on=due_on,
        status=AppealStatus.ANSWERED,
        answer="Ответ дан",
        answered_on=answered_on,
    )


def checklist_of_two():
    """Only two quarterly items, ticked by hand: the numbers stay countable."""
    ChecklistItem.objects.update(is_active=False)
    return [
        ChecklistItem.objects.create(
            section="residents", text=f"Пункт {n}", cadence="quarterly", order=900 + n
        )
        for n in (1, 2)
    ]


@pytest.fixture
def known(world, quarters):
    """Inspector A serves two beats, inspector B one; work in the quarter and noise around."""
    q, other = quarters
    day = q.start + days(10)
    a1 = world.beat
    a2 = BeatFactory(police_point=world.point, inspector=world.inspector)
    b = world.colleague_beat

    # Proposals of A in the quarter: 3 at a meeting (2 done) + 1 from the site (done): 3 of 4.
    meeting = MeetingFactory(beat=a1, held_at=at(day), attendance=20)
    ProposalFactory(meeting=meeting, status=ProposalStatus.DONE, outcome="Сделано")
    ProposalFactory(meeting=meeting, status=ProposalStatus.DONE, outcome="Сделано")
    ProposalFactory(meeting=meeting)
    site = Proposal.objects.create(
        beat=a2, text="Лавочки", source=ProposalSource.RESIDENT_SITE, status=ProposalStatus.DONE
    )
    Proposal.objects.filter(pk=site.pk).update(created_at=at(day))
    # Raised before the quarter: not counted in it.
    old = MeetingFactory(beat=a1, held_at=at(datetime.date(q.year - 1, 12, 1)), attendance=500)
    ProposalFactory(meeting=old, status=ProposalStatus.DONE, outcome="Сделано")
    # Residents reached by A: meetings 20 + 30 (a planned one does not count), rounds 40 + 10.
    MeetingFactory(beat=a2, held_at=at(day + days(3)), attendance=30)
    MeetingFactory(beat=a2, held_at=at(day), status=MeetingStatus.PLANNED, attendance=99)
    DoorToDoorRoundFactory(beat=a1, date=day, apartments_visited=40)
    DoorToDoorRoundFactory(beat=a2, date=day, apartments_visited=10)
    # Appeals of A due in the quarter: early, on the day, late: 2 of 3 in time.
    due = q.start + days(20)
    appeal(a1, due, due - days(2))
    appeal(a2, due, due)
    appeal(a1, due, due + days(1))
    last_year = datetime.date(q.year - 1, 12, 20)
    appeal(a1, last_year, last_year - days(1))  # due in another year
    # B: one appeal due and answered in time.
    appeal(b, due, due - days(1))
    # Offences of A: theft 4 + 2 against 8 last year: 75 %.
    OffenceStatisticFactory(beat=a1, year=q.year, quarter=q.number, count=4)
    OffenceStatisticFactory(beat=a2, year=q.year, quarter=q.number, count=2)
    OffenceStatisticFactory(beat=a1, year=q.year - 1, quarter=q.number, count=8)
    # Checklist: 2 items × 2 beats of A, one ticked: 25 %.
    first, _second = checklist_of_two()
    ChecklistMark.objects.create(beat=a1, item=first, period_start=q.start, note="Проведено")

    # The other quarter of the year: one proposal raised and done, one appeal answered late.
    start = other.start
    m = MeetingFactory(beat=a1, held_at=at(start), attendance=5)
    ProposalFactory(meeting=m, status=ProposalStatus.DONE, outcome="Сделано")
    appeal(a1, start, start + days(1))
    # Another area's work never counts.
    MeetingFactory(beat=world.other_beat, held_at=at(day), attendance=1000)
    return SimpleNamespace(a2=a2, b=b)


def set_targets(area, **values):
    for code, value in values.items():
        IndicatorTarget.objects.create(area=area, indicator=code, target=Decimal(value))


def row_of(table, inspector_id):
    return next(r for r in table.rows if r.inspector_id == inspector_id)


# --- numbers ---------------------------------------------------------------------------------


def test_indicators_of_an_inspector_on_known_data(world, known, quarters):
    q, _other = quarters
    set_targets(
        world.area,
        proposals_done="70",
        appeals_in_time="80",
        checklist="24",
        residents_reached="100",
        offences="70",
    )
    table = indicators.indicator_table(
        area=world.area,
        beats=_area_beats(world),
        quarters=[q],
    )
    a = row_of(table, world.inspector.pk).cells[q]
    assert (a["proposals_done"].numerator, a["proposals_done"].denominator) == (3, 4)
    assert a["proposals_done"].value == 75.0
    assert a["proposals_done"].status == indicators.MET
    assert (a["appeals_in_time"].numerator, a["appeals_in_time"].denominator) == (2, 3)
    assert a["appeals_in_time"].value == 66.7
    assert a["appeals_in_time"].status == indicators.MISSED  # below 80 − 8
    assert (a["checklist"].numerator, a["checklist"].denominator) == (1, 4)
    assert a["checklist"].status == indicators.MET  # 25 ≥ 24
    assert a["residents_reached"].value == 20 + 30 + 40 + 10
    assert a["residents_reached"].status == indicators.MET
    assert (a["offences"].numerator, a["offences"].denominator) == (6, 8)
    assert a["offences"].value == 75.0
    assert a["offences"].status == indicators.NEAR  # lower is better: 75 ≤ 70 + 7
    assert a["trust"].status == indicators.NO_DATA
    assert row_of(table, world.inspector.pk).beat_count == 2

    b = row_of(table, known.b.inspector_id).cells[q]
    assert (b["appeals_in_time"].numerator, b["appeals_in_time"].denominator) == (1, 1)
    assert b["proposals_done"].status == indicators.NO_DATA
    # The area adds the counts up: 3 of 4 appeals in time, residents against 2 × 100.
    total = table.totals[q]
    assert (total["appeals_in_time"].numerator, total["appeals_in_time"].denominator) == (3, 4)
    assert total["residents_reached"].target == Decimal(200)
    assert total["residents_reached"].status == indicators.MISSED  # 100 of 200


def _area_beats(world):
    from districts.models import Beat

    return Beat.objects.filter(police_point__department__area=world.area)


def test_the_year_adds_up_numerators_and_denominators(world, known, quarters):
    q, other = quarters
    data = indicators.year_view(area=world.area, beats=_area_beats(world), year=q.year)
    assert q in data.quarters and other in data.quarters
    a = next(r for r in data.rows if r.inspector_id == world.inspector.pk).year
    # Proposals: 3 of 4 plus 1 of 1 = 4 of 5.
    assert (a["proposals_done"].numerator, a["proposals_done"].denominator) == (4, 5)
    assert a["proposals_done"].value == 80.0
    # Appeals: 2 of 3 plus 0 of 1 = 2 of 4 = 50 %, not the mean of 66.7 and 0.
    assert (a["appeals_in_time"].numerator, a["appeals_in_time"].denominator) == (2, 4)
    assert a["appeals_in_time"].value == 50.0
    area_year = data.year_total
    assert (area_year["appeals_in_time"].numerator, area_year["appeals_in_time"].denominator) == (
        3,
        5,
    )
    assert data.by_quarter[q]["appeals_in_time"].denominator == 4


def test_trust_without_answers_is_no_data(world, quarters):
    q, _other = quarters
    table = indicators.indicator_table(area=world.area, beats=_area_beats(world), quarters=[q])
    assert {r.cells[q]["trust"].status for r in table.rows} == {indicators.NO_DATA}


# --- targets and colours on the page ---------------------------------------------------------


def test_page_colours_each_indicator_against_the_target(client, world, known, quarters):
    q, _other = quarters
    set_targets(world.area, proposals_done="70", appeals_in_time="90")
    response = as_role(client, world, Role.SUPERVISOR).get(
        reverse(PAGE), {"year": q.year, "quarter": q.number}
    )
    assert response.status_code == 200
    html = response.content.decode()
    row = html.split(f'data-inspector="{world.inspector.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-indicator="proposals_done" data-status="met"' in row
    assert 'data-indicator="appeals_in_time" data-status="missed"' in row
    assert 'data-indicator="checklist" data-status="no_target"' in row
    assert "table-success" in row and "table-danger" in row
    assert row.count("<svg") == len(Indicator)


def test_inspector_sees_only_their_own_row(client, world, known, quarters):
    q, _other = quarters
    response = as_role(client, world, Role.INSPECTOR).get(
        reverse(PAGE), {"year": q.year, "quarter": q.number}
    )
    table = response.context["table"]
    assert [r.inspector_id for r in table.rows] == [world.inspector.pk]
    assert response.context["total"] is None


def test_foreign_or_malformed_area_is_404(client, world):
    client = as_role(client, world, Role.AKIMAT_REGISTRAR)
    assert client.get(reverse(PAGE), {"area": world.other_area.pk}).status_code == 404
    assert client.get(reverse(YEAR), {"area": world.far_area.pk}).status_code == 404
    assert client.get(reverse(PAGE), {"area": "x1"}).status_code == 404


def test_regional_registrar_picks_an_area_not_a_beat(client, world):
    response = as_role(client, world, Role.REGIONAL_REGISTRAR).get(
        reverse(PAGE), {"area": world.other_area.pk}
    )
    assert response.status_code == 200
    assert response.context["area"] == world.other_area
    assert {a.pk for a in response.context["areas"]} == {world.area.pk, world.other_area.pk}
    assert 'name="beat"' not in response.content.decode()


def test_bad_period_falls_back_to_the_last_completed_quarter(client, world):
    response = as_role(client, world, Role.SUPERVISOR).get(
        reverse(PAGE), {"year": "abc", "quarter": "9"}
    )
    assert response.status_code == 200
    assert response.context["table"].quarter == last_completed_quarter()
    assert b'id="indicators-period-error"' in response.content


# --- setting targets -------------------------------------------------------------------------


def _target_form(**values):
    data = {code.value: "" for code in Indicator}
    data.update(values)
    return data


def test_administrator_sets_and_removes_targets(client, world):
    client = as_role(client, world, Role.ADMINISTRATOR)
    url = reverse(TARGETS) + f"?area={world.area.pk}"
    response = client.post(url, _target_form(proposals_done="75,5", residents_reached="300"))
    assert response.status_code == 302
    saved = dict(IndicatorTarget.objects.filter(area=world.area).values_list("indicator", "target"))
    assert saved == {"proposals_done": Decimal("75.5"), "residents_reached": Decimal(300)}
    client.post(url, _target_form(residents_reached="300"))
    assert list(
        IndicatorTarget.objects.filter(area=world.area).values_list("indicator", flat=True)
    ) == ["residents_reached"]
    assert IndicatorTarget.history.filter(area_id=world.area.pk).count() == 3
    page = client.get(url)
    assert page.status_code == 200
    assert b'id="targets-history"' in page.content


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("proposals_done", "-5"),
        ("trust", "100.5"),
        ("checklist", "abc"),
        ("residents_reached", "10.5"),
        ("offences", "5000"),
    ],
)
def test_bad_target_is_refused_next_to_its_field(client, world, field, value):
    client = as_role(client, world, Role.ADMINISTRATOR)
    response = client.post(
        reverse(TARGETS) + f"?area={world.area.pk}",
        _target_form(appeals_in_time="90", **{field: value}),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not IndicatorTarget.objects.exists()  # nothing half-saved


def test_only_an_administrator_sets_targets(client, world):
    for role in (Role.SUPERVISOR, Role.AKIMAT_REGISTRAR, Role.INSPECTOR):
        client = as_role(client, world, role)
        response = client.post(reverse(TARGETS), _target_form(trust="50"))
        assert response.status_code == 403
    assert not IndicatorTarget.objects.exists()


# --- the yearly view and its PDF -------------------------------------------------------------


def test_yearly_page_and_link_from_the_rollup(client, world, known, quarters):
    q, _other = quarters
    client = as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(reverse(YEAR), {"year": q.year})
    assert response.status_code == 200
    data = response.context["data"]
    assert data.area_id == world.area.pk and data.year == q.year
    assert b'id="indicators-year-area"' in response.content
    rollup = client.get(reverse("area-rollup"))
    assert reverse(YEAR).encode() in rollup.content
    assert client.get(reverse(YEAR), {"year": q.year + 5}).context["form"].errors


def test_yearly_pdf_renders_in_kazakh(client, world, known, quarters):
    q, _other = quarters
    set_targets(world.area, proposals_done="70")
    client = as_role(client, world, Role.AKIMAT_REGISTRAR)
    response = client.get(
        reverse(YEAR_PDF), {"area": world.area.pk, "year": q.year}, HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert world.area.name in text
    # A name may wrap in its table cell.
    assert str(world.inspector) in " ".join(text.split())
    # Kazakh letters survive the font: "тоқсан" (quarter) is in the Kazakh quarter labels.
    assert "тоқсан" in text
    assert "80,0" in text  # 4 of 5 proposals, with the decimal comma


def test_yearly_pdf_refuses_a_bad_year(client, world):
    client = as_role(client, world, Role.AKIMAT_REGISTRAR)
    assert client.get(reverse(YEAR_PDF), {"year": "x"}).status_code == 400


# --- queries ---------------------------------------------------------------------------------


def _more_inspectors(world, quarter, n):
    day = quarter.start + days(5)
    for _ in range(n):
        beat = BeatFactory(police_point=world.point, inspector=UserFactory(role=Role.INSPECTOR))
        meeting = MeetingFactory(beat=beat, held_at=at(day))
        ProposalFactory(meeting=meeting)
        appeal(beat, day, day)
        DoorToDoorRoundFactory(beat=beat, date=day)
        OffenceStatisticFactory(beat=beat, year=quarter.year, quarter=quarter.number, count=3)


@pytest.mark.parametrize("name", [PAGE, YEAR])
def test_query_count_does_not_grow_with_inspectors(client, world, known, quarters, name):
    q, _other = quarters
    client = as_role(client, world, Role.SUPERVISOR)
    params = {"year": q.year, "quarter": q.number, "span": 4}

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), params).status_code == 200
        return len(queries)

    small = count()
    _more_inspectors(world, q, 8)
    assert count() == small


@pytest.mark.parametrize(
    ("role", "start"),
    [(Role.SUPERVISOR, "department-home"), (Role.AKIMAT_REGISTRAR, "area-home")],
)
def test_start_pages_lead_to_the_indicators(client, world, role, start):
    content = as_role(client, world, role).get(reverse(start)).content
    assert reverse(PAGE).encode() in content
    assert reverse(YEAR).encode() in content


def test_demo_targets_are_set_once_per_area_and_indicator(world):
    from demo.indicators import seed_targets

    areas = [world.area, world.other_area]
    assert seed_targets(areas) == 2 * len(Indicator)
    seed_targets(areas)
    assert IndicatorTarget.objects.count() == 2 * len(Indicator)


def test_counts_are_cached_but_a_new_target_shows_at_once(client, world, known, quarters):
    q, _other = quarters
    client = as_role(client, world, Role.SUPERVISOR)
    params = {"year": q.year, "quarter": q.number}

    def status():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(PAGE), params)
        row = next(
            r for r in response.context["table"].rows if r.inspector_id == world.inspector.pk
        )
        return row.cells[q]["proposals_done"].status, len(queries)

    first, cold = status()
    assert first == indicators.NO_TARGET
    set_targets(world.area, proposals_done="90")
    second, warm = status()
    assert second == indicators.MISSED  # 75 % against 90
    assert warm < cold


def test_trust_from_real_survey_answers(world, known, quarters):
    q, _other = quarters
    answers(world.beat, q, positive=40, total=50)
    answers(known.a2, q, positive=3, total=5)  # too few to show alone: left out of the pool
    answers(world.beat, q.previous(), positive=30, total=50)
    answers(known.b, q, positive=2, total=4)  # too few: B shows no index
    table = indicators.indicator_table(area=world.area, beats=_area_beats(world), quarters=[q])
    trust = row_of(table, world.inspector.pk).cells[q]["trust"]
    assert (trust.numerator, trust.denominator, trust.value) == (40, 50, 80.0)
    assert trust.change == 20.0
    assert trust.low < trust.value < trust.high
    assert row_of(table, known.b.inspector_id).cells[q]["trust"].status == indicators.NO_DATA
    # The area pools the answers of the beats shown: the two small samples stay out.
    total = table.totals[q]["trust"]
    assert (total.numerator, total.denominator) == (40, 50)


def test_a_target_change_is_in_the_audit_log(client, world):
    from auditlog.models import LogEntry

    client = as_role(client, world, Role.ADMINISTRATOR)
    client.post(reverse(TARGETS) + f"?area={world.area.pk}", _target_form(trust="65"))
    entry = LogEntry.objects.get_for_model(IndicatorTarget).get()
    assert entry.actor == world.users[Role.ADMINISTRATOR]
