"""Encouragement: commission decisions, awards against the area budget in KZT or MRP, the
budget overview and line, the candidates ranking; scope, masking and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from tests.dates import days
from tests.factories import (
    AreaFactory,
    AssistantFactory,
    BeatFactory,
    CommissionDecisionFactory,
    DutyFactory,
    EncouragementFactory,
    active_assistant,
)
from volunteers.models import (
    AssistantStatus,
    BudgetLine,
    CommissionDecision,
    CommissionLevel,
    Encouragement,
    EncouragementKind,
    MonthlyCalculationIndex,
)
from volunteers.services.encouragement import budget_set, encouragement_record

TODAY = timezone.localdate
YEAR = TODAY().year
MRP = Decimal("3932.00")


@pytest.fixture
def registrar(client, world):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    return client


@pytest.fixture
def budget(world):
    return BudgetLine.objects.create(area=world.area, year=YEAR, amount_kzt=Decimal(200000))


@pytest.fixture
def mrp(db):
    return MonthlyCalculationIndex.objects.create(year=YEAR, amount=MRP)


def award_data(assistant, **overrides):
    data = {
        "assistant": assistant.pk,
        "kind": EncouragementKind.MONEY,
        "resolution_number": "45/2",
        "resolution_date": TODAY().isoformat(),
        "amount_kzt": "30000",
        "amount_mrp": "",
    }
    return {**data, **overrides}


# --- commission decisions -----------------------------------------------------------------------


def test_registrar_records_a_decision_and_lands_on_its_page(registrar, world):
    data = {
        "level": CommissionLevel.REGIONAL,
        "date": days(-2).isoformat(),
        "members_present": "Иванов И. И., заместитель акима\nСеитов А., полиция",
    }
    response = registrar.post(reverse("commission-create"), data)
    decision = CommissionDecision.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("commission-detail", args=[decision.pk])
    assert decision.area == world.area
    assert decision.level == CommissionLevel.REGIONAL


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": days(1).isoformat()}, "date"),
        ({"date": ""}, "date"),
        ({"level": "national"}, "level"),
        ({"members_present": ""}, "members_present"),
    ],
)
def test_bad_decision_is_refused(registrar, world, overrides, field):
    data = {"level": "district", "date": days(-1).isoformat(), "members_present": "Аким"}
    response = registrar.post(reverse("commission-create"), {**data, **overrides})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    assert CommissionDecision.objects.count() == 0


def test_decision_scope_per_role(client, world):
    mine = CommissionDecisionFactory(area=world.area)
    neighbour = CommissionDecisionFactory(area=world.other_area)
    far = CommissionDecisionFactory(area=world.far_area)
    expected = {
        Role.AKIMAT_REGISTRAR: {mine},
        Role.REGIONAL_REGISTRAR: {mine, neighbour},
        Role.ADMINISTRATOR: {mine, neighbour, far},
    }
    for role, decisions in expected.items():
        client.force_login(world.users[role])
        listed = client.get(reverse("commission-list")).context["object_list"]
        assert set(listed) == decisions, role
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    assert client.get(reverse("commission-detail", args=[neighbour.pk])).status_code == 404
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.COUNCIL_SECRETARY):
        client.force_login(world.users[role])
        assert client.get(reverse("commission-list")).status_code == 403
        assert client.get(reverse("commission-detail", args=[mine.pk])).status_code == 403


def test_regional_registrar_reads_a_decision_without_the_award_form(client, world):
    decision = CommissionDecisionFactory(area=world.area)
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    response = client.get(reverse("commission-detail", args=[decision.pk]))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(reverse("commission-create"), {}).status_code == 403
    url = reverse("encouragement-create", args=[decision.pk])
    assert client.post(url, {}).status_code == 403


# --- recording an award -------------------------------------------------------------------------


def test_money_reward_in_kzt_is_recorded_against_the_budget(registrar, world, budget):
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    page = registrar.get(reverse("commission-detail", args=[decision.pk]))
    assert page.context["form"] is not None
    assert page.context["budget"].left == Decimal(200000)

    url = reverse("encouragement-create", args=[decision.pk])
    response = registrar.post(url, award_data(assistant))
    assert response.status_code == 302
    award = Encouragement.objects.get()
    assert (
        response.url
        == reverse("commission-detail", args=[decision.pk]) + f"#encouragement-{award.pk}"
    )
    assert award.cost_kzt == Decimal(30000)
    assert (award.amount_kzt, award.amount_mrp) == (Decimal(30000), None)
    page = registrar.get(reverse("commission-detail", args=[decision.pk]))
    assert list(page.context["awards"]) == [award]
    assert page.context["budget"].used == Decimal(30000)
    assert page.context["budget"].left == Decimal(170000)


def test_gift_in_mrp_costs_mrp_times_the_years_index(registrar, world, budget, mrp):
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    data = award_data(assistant, kind=EncouragementKind.GIFT, amount_kzt="", amount_mrp="10")
    url = reverse("encouragement-create", args=[decision.pk])
    assert registrar.post(url, data).status_code == 302
    award = Encouragement.objects.get()
    assert award.amount_mrp == Decimal(10)
    assert award.cost_kzt == Decimal("39320.00")


def test_letter_of_thanks_needs_no_amount_and_no_budget(registrar, world):
    assistant = AssistantFactory(beat=world.beat, status=AssistantStatus.REGISTERED)
    decision = CommissionDecisionFactory(area=world.area)
    data = award_data(assistant, kind=EncouragementKind.THANKS, amount_kzt="")
    url = reverse("encouragement-create", args=[decision.pk])
    assert registrar.post(url, data).status_code == 302
    assert Encouragement.objects.get().cost_kzt == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount_kzt": "30000", "amount_mrp": "5"}, "amount_kzt"),  # both
        ({"amount_kzt": ""}, "amount_kzt"),  # none for money
        ({"amount_kzt": "0"}, "amount_kzt"),
        ({"kind": "thanks", "amount_kzt": "1000"}, "amount_kzt"),
        ({"kind": "honour", "amount_kzt": "", "amount_mrp": "2"}, "amount_mrp"),
        ({"resolution_date": days(-1).isoformat()}, "resolution_date"),  # before the decision
        ({"resolution_date": days(1).isoformat()}, "resolution_date"),
        ({"resolution_number": ""}, "resolution_number"),
        ({"kind": "medal"}, "kind"),
        ({"assistant": "other_area"}, "assistant"),
        ({"assistant": "deregistered"}, "assistant"),
        ({"assistant": "petitioned"}, "assistant"),
    ],
)
def test_bad_award_is_refused_and_nothing_saved(registrar, world, budget, overrides, field):
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    replace = {
        "other_area": active_assistant(world.other_beat).pk,
        "deregistered": AssistantFactory(beat=world.beat, status=AssistantStatus.DEREGISTERED).pk,
        "petitioned": AssistantFactory(beat=world.beat, status=AssistantStatus.PETITIONED).pk,
    }
    overrides = {key: replace.get(value, value) for key, value in overrides.items()}
    data = {**award_data(assistant), **overrides}
    response = registrar.post(reverse("encouragement-create", args=[decision.pk]), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    assert Encouragement.objects.count() == 0


def test_an_mrp_amount_without_the_years_mrp_is_refused(registrar, world, budget):
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    MonthlyCalculationIndex.objects.create(year=YEAR - 1, amount=Decimal(3692))
    data = award_data(assistant, amount_kzt="", amount_mrp="10")
    response = registrar.post(reverse("encouragement-create", args=[decision.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"amount_mrp"}
    assert str(YEAR) in errors["amount_mrp"][0]
    assert Encouragement.objects.count() == 0


def test_an_award_over_the_budget_left_is_refused_showing_what_is_left(registrar, world, budget):
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    EncouragementFactory(
        assistant=assistant,
        decision=CommissionDecisionFactory(area=world.area),
        cost_kzt=Decimal("180000.50"),
    )
    data = award_data(assistant, amount_kzt="25000")
    response = registrar.post(reverse("encouragement-create", args=[decision.pk]), data)
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert "19" in message and "999,50" in message.replace("\xa0", "").replace(" ", "")
    assert Encouragement.objects.count() == 1
    # Exactly what is left is still possible.
    data = award_data(assistant, amount_kzt="19999.50")
    url = reverse("encouragement-create", args=[decision.pk])
    assert registrar.post(url, data).status_code == 302


def test_an_award_without_a_budget_line_for_the_year_is_refused(registrar, world):
    BudgetLine.objects.create(area=world.area, year=YEAR - 1, amount_kzt=Decimal(10**6))
    BudgetLine.objects.create(area=world.other_area, year=YEAR, amount_kzt=Decimal(10**6))
    assistant = active_assistant(world.beat)
    decision = CommissionDecisionFactory(area=world.area)
    response = registrar.post(
        reverse("encouragement-create", args=[decision.pk]), award_data(assistant)
    )
    assert response.status_code == 200
    assert "resolution_date" in response.context["form"].errors
    assert Encouragement.objects.count() == 0


def test_the_service_refuses_what_the_form_would_not_offer(world, budget):
    registrar = world.users[Role.AKIMAT_REGISTRAR]
    decision = CommissionDecisionFactory(area=world.area)
    common = {
        "decision": decision,
        "user": registrar,
        "resolution_number": "1",
        "resolution_date": TODAY(),
        "kind": EncouragementKind.MONEY,
        "amount_kzt": Decimal(100),
    }
    for assistant in (
        active_assistant(world.other_beat),
        AssistantFactory(beat=world.beat, status=AssistantStatus.DEREGISTERED),
        AssistantFactory(beat=world.beat, status=AssistantStatus.APPLIED),
    ):
        with pytest.raises(ValidationError) as refused:
            encouragement_record(assistant=assistant, **common)
        assert "assistant" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        encouragement_record(
            assistant=active_assistant(world.beat), **{**common, "amount_mrp": Decimal(1)}
        )
    assert "amount_kzt" in refused.value.message_dict
    assert Encouragement.objects.count() == 0


def test_award_pages_of_another_area_are_404(registrar, world, budget):
    decision = CommissionDecisionFactory(area=world.other_area)
    assistant = active_assistant(world.other_beat)
    url = reverse("encouragement-create", args=[decision.pk])
    assert registrar.get(url).status_code == 404
    assert registrar.post(url, award_data(assistant)).status_code == 404
    assert Encouragement.objects.count() == 0


def test_award_form_offers_eligible_assistants_of_the_decisions_area_only(registrar, world):
    eligible = {
        AssistantFactory(beat=world.beat, status=status)
        for status in (
            AssistantStatus.REGISTERED,
            AssistantStatus.CERTIFIED,
            AssistantStatus.ACTIVE,
            AssistantStatus.SUSPENDED,
        )
    }
    AssistantFactory(beat=world.beat, status=AssistantStatus.APPLIED)
    AssistantFactory(beat=world.beat, status=AssistantStatus.DEREGISTERED)
    active_assistant(world.other_beat)
    decision = CommissionDecisionFactory(area=world.area)
    form = registrar.get(reverse("encouragement-create", args=[decision.pk])).context["form"]
    assert set(form.fields["assistant"].queryset) == eligible


# --- budget -------------------------------------------------------------------------------------


def test_budget_overview_shows_amount_used_and_left_per_area(client, world, budget):
    assistant = active_assistant(world.beat)
    EncouragementFactory(
        assistant=assistant,
        decision=CommissionDecisionFactory(area=world.area),
        cost_kzt=Decimal(50000),
    )
    EncouragementFactory(
        assistant=assistant,
        decision=CommissionDecisionFactory(area=world.area, date=datetime.date(YEAR - 1, 12, 1)),
        resolution_date=datetime.date(YEAR - 1, 12, 20),
        cost_kzt=Decimal(7000),
    )
    BudgetLine.objects.create(area=world.far_area, year=YEAR, amount_kzt=Decimal(1))
    client.force_login(world.users[Role.REGIONAL_REGISTRAR])
    response = client.get(reverse("budget-overview"), {"year": YEAR})
    rows = {area.pk: area for area in response.context["rows"]}
    assert set(rows) == {world.area.pk, world.other_area.pk}
    assert rows[world.area.pk].budget == Decimal(200000)
    assert rows[world.area.pk].used == Decimal(50000)
    assert rows[world.area.pk].left == Decimal(150000)
    assert rows[world.other_area.pk].budget is None
    response = client.get(reverse("budget-overview"), {"year": YEAR - 1})
    rows = {area.pk: area for area in response.context["rows"]}
    assert rows[world.area.pk].used == Decimal(7000)
    assert rows[world.area.pk].budget is None


def test_budget_overview_scope(client, world):
    expected = {
        Role.AKIMAT_REGISTRAR: {world.area.pk},
        Role.REGIONAL_REGISTRAR: {world.area.pk, world.other_area.pk},
        Role.ADMINISTRATOR: {world.area.pk, world.other_area.pk, world.far_area.pk},
    }
    for role, areas in expected.items():
        client.force_login(world.users[role])
        rows = client.get(reverse("budget-overview")).context["rows"]
        assert {area.pk for area in rows} == areas, role
    for role in (Role.INSPECTOR, Role.SUPERVISOR, Role.COUNCIL_SECRETARY):
        client.force_login(world.users[role])
        assert client.get(reverse("budget-overview")).status_code == 403


def test_registrar_sets_the_budget_line_of_the_area(registrar, world):
    response = registrar.get(reverse("budget-edit"), {"year": YEAR})
    assert "area" not in response.context["form"].fields
    data = {"year": YEAR, "amount_kzt": "500000", "area": world.other_area.pk}
    response = registrar.post(reverse("budget-edit"), data)
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.area, line.year, line.amount_kzt) == (world.area, YEAR, Decimal(500000))
    # Changing it updates the same line.
    response = registrar.get(reverse("budget-edit"), {"year": YEAR})
    assert response.context["form"].initial["amount_kzt"] == Decimal(500000)
    registrar.post(reverse("budget-edit"), {**data, "amount_kzt": "600000"})
    assert BudgetLine.objects.get().amount_kzt == Decimal(600000)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount_kzt": "-5"}, "amount_kzt"),
        ({"amount_kzt": "10000"}, "amount_kzt"),  # below what is already used
        ({"year": "1990"}, "year"),
        ({"year": str(YEAR + 3)}, "year"),
    ],
)
def test_bad_budget_line_is_refused(registrar, world, budget, overrides, field):
    EncouragementFactory(
        assistant=active_assistant(world.beat),
        decision=CommissionDecisionFactory(area=world.area),
        cost_kzt=Decimal(40000),
    )
    data = {"year": YEAR, "amount_kzt": "300000", **overrides}
    response = registrar.post(reverse("budget-edit"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    budget.refresh_from_db()
    assert budget.amount_kzt == Decimal(200000)


def test_administrator_sets_a_line_for_any_area(client, world):
    client.force_login(world.users[Role.ADMINISTRATOR])
    response = client.get(reverse("budget-edit"), {"year": YEAR, "area": world.far_area.pk})
    assert response.context["form"].initial["area"] == world.far_area.pk
    data = {"area": world.far_area.pk, "year": YEAR, "amount_kzt": "1000"}
    assert client.post(reverse("budget-edit"), data).status_code == 302
    assert BudgetLine.objects.get().area == world.far_area


def test_budget_service_refuses_below_used(world, budget):
    EncouragementFactory(
        assistant=active_assistant(world.beat),
        decision=CommissionDecisionFactory(area=world.area),
        cost_kzt=Decimal(40000),
    )
    with pytest.raises(ValidationError):
        budget_set(area=world.area, year=YEAR, amount_kzt=Decimal(39999), user=None)
    line = budget_set(area=world.area, year=YEAR, amount_kzt=Decimal(40000), user=None)
    assert line.pk == budget.pk


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.SUPERVISOR, Role.REGIONAL_REGISTRAR])
def test_only_registrars_set_budget_lines(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("budget-edit")).status_code == 403
    data = {"year": YEAR, "amount_kzt": "1"}
    assert client.post(reverse("budget-edit"), data).status_code == 403
    assert BudgetLine.objects.count() == 0


# --- candidates ---------------------------------------------------------------------------------


def test_candidates_ranked_by_hours_then_outcomes(client, world):
    year = YEAR - 1
    a = active_assistant(world.beat, last_name="Алиев")
    b = active_assistant(world.beat, last_name="Бекенов")
    c = active_assistant(world.beat, last_name="Валиев")
    idle = active_assistant(world.beat, last_name="Габдуллин")
    AssistantFactory(beat=world.beat, status=AssistantStatus.SUSPENDED)
    DutyFactory(assistant=a, date=datetime.date(year, 3, 1), hours=Decimal(10), offences_stopped=1)
    DutyFactory(
        assistant=b, date=datetime.date(year, 3, 2), hours=Decimal(10), persons_handed_over=3
    )
    DutyFactory(assistant=c, date=datetime.date(year, 8, 2), hours=Decimal(30))
    decision = CommissionDecisionFactory(area=world.area, date=datetime.date(year, 6, 1))
    award = EncouragementFactory(
        assistant=b, decision=decision, resolution_date=datetime.date(year, 6, 10)
    )
    # Another year:
    EncouragementFactory(
        assistant=b, decision=CommissionDecisionFactory(area=world.area), resolution_date=TODAY()
    )

    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    url = reverse("encouragement-candidates")
    response = client.get(url, {"year": year})
    rows = response.context["rows"]
    assert [row["assistant"] for row in rows] == [c, b, a, idle]
    assert [row["rank"] for row in rows] == [1, 2, 3, 4]
    assert rows[1]["outcomes"] == 3 and rows[1]["hours"] == Decimal(10)
    assert rows[1]["assistant"].year_awards == [award]
    assert rows[0]["assistant"].year_awards == []

    response = client.get(url, {"year": year, "quarter": 1})
    assert [row["assistant"] for row in response.context["rows"]] == [b, a, c, idle]


def test_candidates_scope_per_role(client, world):
    mine = active_assistant(world.beat)
    colleague = active_assistant(world.colleague_beat)
    neighbour = active_assistant(world.other_beat)
    active_assistant(world.far_beat)
    expected = {
        Role.INSPECTOR: {mine},
        Role.SUPERVISOR: {mine, colleague},
        Role.AKIMAT_REGISTRAR: {mine, colleague},
        Role.REGIONAL_REGISTRAR: {mine, colleague, neighbour},
    }
    for role, assistants in expected.items():
        client.force_login(world.users[role])
        rows = client.get(reverse("encouragement-candidates")).context["rows"]
        assert {row["assistant"] for row in rows} == assistants, role
    client.force_login(world.users[Role.COUNCIL_SECRETARY])
    assert client.get(reverse("encouragement-candidates")).status_code == 403


# --- personal data ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.AKIMAT_REGISTRAR, Role.REGIONAL_REGISTRAR, Role.ADMINISTRATOR]
)
def test_no_personal_data_on_encouragement_pages(client, world, role, budget):
    assistant = active_assistant(world.beat)
    DutyFactory(assistant=assistant, date=days(-1))
    decision = CommissionDecisionFactory(area=world.area)
    EncouragementFactory(assistant=assistant, decision=decision)
    client.force_login(world.users[role])
    urls = [
        reverse("commission-list"),
        reverse("commission-detail", args=[decision.pk]),
        reverse("encouragement-candidates"),
        reverse("budget-overview"),
    ]
    if role != Role.REGIONAL_REGISTRAR:
        urls.append(reverse("encouragement-create", args=[decision.pk]))
    for url in urls:
        html = client.get(url).content.decode()
        assert assistant.iin not in html, url
        assert assistant.iin[:6] not in html, url  # nor the birth date in it, masked or not
        assert "********" + assistant.iin[-4:] not in html, url
        assert assistant.phone not in html, url
        assert assistant.address not in html, url
    html = client.get(reverse("commission-detail", args=[decision.pk])).content.decode()
    assert assistant.last_name in html


# --- queries ------------------------------------------------------------------------------------


def _grow(world, times):
    for _ in range(times):
        area = AreaFactory(region=world.region)
        beat = BeatFactory(police_point=world.point)
        BudgetLine.objects.create(area=area, year=YEAR, amount_kzt=Decimal(1000))
        decision = CommissionDecisionFactory(area=world.area)
        for assistant in AssistantFactory.create_batch(3, beat=beat, status=AssistantStatus.ACTIVE):
            DutyFactory(assistant=assistant, date=days(-1))
            EncouragementFactory(assistant=assistant, decision=decision)


@pytest.mark.parametrize(
    "url_name",
    ["commission-list", "commission-detail", "budget-overview", "encouragement-candidates"],
)
def test_query_count_is_flat(client, world, django_assert_max_num_queries, url_name, budget):
    client.force_login(world.users[Role.AKIMAT_REGISTRAR])
    decision = CommissionDecisionFactory(area=world.area)
    kwargs = {"pk": decision.pk} if url_name == "commission-detail" else {}

    def measure():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 200
        return len(captured)

    assistant = active_assistant(world.beat)
    DutyFactory(assistant=assistant, date=days(-1))
    EncouragementFactory(assistant=assistant, decision=decision)
    small = measure()
    _grow(world, 3)
    for other in AssistantFactory.create_batch(4, beat=world.beat, status=AssistantStatus.ACTIVE):
        EncouragementFactory(assistant=other, decision=decision)
    assert measure() == small
