"""The MRP, the areas' encouragement budgets and a district commission's awards."""

from decimal import Decimal

from demo.dates import DAY, random_day
from demo.names import draw_name, short_name
from districts.models import Cadence
from portal.periods import add_working_days, is_working_day, previous_period
from volunteers.models import (
    AssistantStatus,
    CommissionDecision,
    CommissionLevel,
    EncouragementKind,
)
from volunteers.services.encouragement import cost_of, encouragement_record

S = AssistantStatus


# The MRP (monthly calculation index) by the republican budget laws, KZT.
MRP = {2023: 3450, 2024: 3692, 2025: 3932, 2026: 4325}
MRP_GROWTH = Decimal("1.08")  # a sensible guess for the years not listed

# Each area's encouragement budget this year; last year's was a little smaller.
BUDGETS = [1_200_000, 1_500_000, 1_800_000, 2_000_000]
MAIN_BUDGET = 1_500_000


def mrp_value(year):
    if year in MRP:
        return Decimal(MRP[year])
    last = max(MRP)
    if year > last:
        return (Decimal(MRP[last]) * MRP_GROWTH ** (year - last)).quantize(Decimal(1))
    first = min(MRP)
    return (Decimal(MRP[first]) / MRP_GROWTH ** (first - year)).quantize(Decimal(1))


class Awards:
    """The encouragement part of `AreaRegister`."""

    def encouragement(self, duties, budgets):
        rng = self.rng
        today = self.today
        previous = previous_period(Cadence.QUARTERLY, today)
        decided = random_day(rng, previous.start + DAY * 30, previous.end - DAY * 3)
        while not is_working_day(decided):
            decided -= DAY
        resolved = min(add_working_days(decided, rng.randint(3, 10)), today)
        members = [draw_name(rng, rng.choice("MF"), 1975) for _ in range(3)]
        head = self.check_user
        police_head = (
            short_name(head.last_name, head.first_name, head.middle_name)
            if head
            else short_name(*draw_name(rng, "M", 1975))
        )
        decision = CommissionDecision.objects.create(
            area=self.area,
            level=CommissionLevel.DISTRICT,
            date=decided,
            members_present="; ".join(
                [
                    f"Председатель — заместитель акима района {short_name(*members[0])}",
                    f"начальник отдела местной полицейской службы УП района {police_head}",
                    f"руководитель отдела внутренней политики {short_name(*members[1])}",
                    f"член общественного совета {short_name(*members[2])}",
                ]
            ),
        )
        # Candidates ranked by hours and outcomes before the decision.
        score = {}
        for duty in duties:
            if duty.date < decided:
                key = id(duty.assistant)
                score[key] = (
                    score.get(key, 0)
                    + float(duty.hours)
                    + 4 * (duty.offences_stopped + duty.persons_handed_over)
                )
        candidates = [
            person
            for person in self.persons
            if person.assistant.status == S.ACTIVE
            and person.expires_on is None
            and id(person.assistant) in score
        ]
        candidates.sort(key=lambda p: (-score[id(p.assistant)], p.fields["iin"]))
        count = min(rng.randint(2, 4), len(candidates))
        kinds = [
            EncouragementKind.MONEY,
            EncouragementKind.GIFT,
            EncouragementKind.HONOUR,
            EncouragementKind.THANKS,
        ][:count]
        if count == 2:
            kinds = [EncouragementKind.MONEY, EncouragementKind.THANKS]
        budget = budgets[resolved.year]
        spent = Decimal(0)
        number = str(rng.randint(120, 980))
        for person, kind in zip(candidates[:count], kinds, strict=True):
            amount_kzt = amount_mrp = None
            if kind == EncouragementKind.MONEY:
                amount_mrp = Decimal(rng.choice([5, 10, 10, 15]))
            elif kind == EncouragementKind.GIFT:
                amount_kzt = Decimal(rng.randrange(25_000, 60_001, 5_000))
            cost = cost_of(year=resolved.year, amount_kzt=amount_kzt, amount_mrp=amount_mrp)
            if spent + cost > budget.amount_kzt:
                kind, amount_kzt, amount_mrp, cost = EncouragementKind.THANKS, None, None, 0
            spent += cost
            # The service fixes the cost (MRP × the MRP of the resolution's year) and
            # checks the budget line.
            encouragement_record(
                decision=decision,
                user=self.akimat_user,
                assistant=person.assistant,
                resolution_number=number,
                resolution_date=resolved,
                kind=kind,
                amount_kzt=amount_kzt,
                amount_mrp=amount_mrp,
                today=self.today,
            )
            self.totals["encouragements"] += 1
        self.totals["commission decisions"] += 1
