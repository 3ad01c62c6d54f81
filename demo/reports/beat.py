"""One beat's offence statistics and report texts, drawn from its own `random.Random`."""

import datetime
import math
import random

from demo.data import city
from demo.dates import DAY, at
from demo.places import house_number
from demo.reports.texts import (
    GENITIVE_RU,
    ISSUES,
    MEASURES,
    PLANS,
    PROBLEMS,
    SEASONAL_PLANS,
    THANKS,
    from_street,
    located,
    lower_first,
)
from demo.work.field_texts import HOUSING
from reports.models import OffenceStatistic

# Areas whose inspectors write and publish in Kazakh (the demo accounts work in Almaly).
KAZAKH_AREAS = {city.MAIN_AREA}

# ---------------------------------------------------------------------------- statistics

# Mean registered offences per quarter on a beat of medium criminogenic level.
RATES = {
    "theft": 5.0,
    "fraud": 2.8,
    "online_fraud": 3.8,
    "robbery": 0.4,
    "hooliganism": 1.2,
    "bodily_harm": 0.9,
    "domestic_violence": 1.4,
    "drugs": 0.6,
    "minors": 1.0,
    "public_drinking": 2.4,
    "petty_hooliganism": 2.4,
    "traffic": 1.2,
}
DEFAULT_RATE = 1.0  # a category added later
LEVEL_FACTOR = {city.LOW: 0.6, city.MEDIUM: 1.0, city.HIGH: 1.5}
# This year against last: online fraud grows, thefts go down.
YEAR_TREND = {"online_fraud": 1.25, "theft": 0.85, "fraud": 0.95}
# Summer brings people out into the yards and streets; winter keeps them in.
SEASON = {
    "hooliganism": {1: 0.8, 3: 1.3},
    "public_drinking": {1: 0.6, 2: 1.2, 3: 1.4},
    "petty_hooliganism": {1: 0.8, 3: 1.3},
    "traffic": {1: 1.2, 4: 1.3},
    "minors": {3: 1.3},
    "theft": {3: 1.15},
}
MAX_COUNT = 12
# Categories an inspector sometimes has no figures for in a quarter.
GAP_CATEGORIES = ["drugs", "robbery", "traffic", "minors"]
GAP_CHANCE = 0.35


def poisson(rng, mean):
    """A Poisson-distributed count (Knuth's method; the means here are small)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


class BeatReports:
    """Draws the statistics and the texts of one beat's reports."""

    def __init__(self, beat):
        self.beat = beat
        self.rng = random.Random(f"seed-demo-reports:{beat.code}")
        self.slug = beat.code.rsplit("-", 1)[0]
        self.language = "kk" if self.slug in KAZAKH_AREAS else "ru"
        self.streets = sorted(beat.streets.all(), key=lambda s: s.pk)
        self.school = self.rng.randint(8, 190)
        self.counts = {}  # (category code, year, quarter) → count

    # -- statistics

    def statistics(self, categories, quarters):
        rng = self.rng
        level = LEVEL_FACTOR.get(self.beat.criminogenic_level, 1.0)
        people = min(max((self.beat.population or 8000) / 8000, 0.75), 1.3)
        drift = {category.code: rng.uniform(0.85, 1.15) for category in categories}
        gaps = set()
        if rng.random() < GAP_CHANCE:
            gaps.add((rng.choice(GAP_CATEGORIES), *rng.choice(quarters)))
        latest_year = quarters[-1][0]
        rows = []
        for category in categories:
            code = category.code
            for year, quarter in quarters:
                if (code, year, quarter) in gaps:
                    continue
                mean = RATES.get(code, DEFAULT_RATE) * level * people
                mean *= SEASON.get(code, {}).get(quarter, 1.0)
                if year == latest_year:
                    mean *= YEAR_TREND.get(code, 1.0) * drift[code]
                count = min(poisson(rng, mean), MAX_COUNT)
                self.counts[(code, year, quarter)] = count
                rows.append(
                    OffenceStatistic(
                        beat=self.beat, category=category, year=year, quarter=quarter, count=count
                    )
                )
        return rows

    # -- helpers

    def both(self, make, *args, **kwargs):
        """{"kk": ..., "ru": ...}: the same draws written in Kazakh and in Russian, as the
        inspector writes every text of the report in both languages."""
        state, home = self.rng.getstate(), self.language
        texts = {}
        for language in ("kk", "ru"):
            self.rng.setstate(state)
            self.language = language
            texts[language] = make(*args, **kwargs)
        self.language = home
        return texts

    def street(self):
        return self.rng.choice(self.streets)

    def house(self, street):
        return house_number(self.rng, street)

    def address(self, street):
        house = self.house(street)
        if self.language == "kk":
            suffix = " үй" if street.name_ru.startswith("мкр.") else ""
            return f"{street.name_kk}, {house}{suffix}"
        if street.name_ru.startswith("мкр."):
            return f"{street.name_ru}, д. {house}"
        return f"{street.name_ru}, {house}"

    def pick(self, pair):
        return pair[1] if self.language == "kk" else pair[0]

    def fill(self, pair):
        street = self.street()
        houses = sorted({self.house(street), self.house(street)})
        values = {
            "on": located(street, self.language),
            "at": located(street, self.language, attributive=True),
            "h1": houses[0],
            "h2": houses[-1] if len(houses) > 1 else houses[0] + 2,
            "n": self.rng.randint(8, 14),
            "k": self.rng.randint(2, 4),
            "school": self.school,
        }
        text = self.pick(pair).format(**values)
        return text[:1].upper() + text[1:]

    # -- the last completed quarter

    def summary(self, categories, year, quarter):
        """The inspector's words for residents. They quote no figure: the report shows the
        quarter's figures beside them, computed from the data, so a corrected statistic
        cannot leave the text contradicting the table."""
        current = {c.code: self.counts.get((c.code, year, quarter)) for c in categories}
        previous = {c.code: self.counts.get((c.code, year - 1, quarter)) for c in categories}
        moved = [
            (abs(current[code] - previous[code]), code)
            for code in current
            if current[code] is not None and previous[code] is not None
        ]
        size, code = max(moved) if moved else (0, None)
        names = {c.code: c for c in categories}
        problems = self.rng.sample(PROBLEMS, 2)
        street = self.street()
        issue = self.rng.choice(ISSUES)
        if self.language == "kk":
            lines = ["Тоқсанда учаскедегі жұмыс тұрғындармен бірге жүргізілді."]
            if size:
                name = lower_first(names[code].name_kk or names[code].name)
                lines.append(f"Ерекше назар «{name}» санатына аударылды.")
            lines.append(f"Учаскенің негізгі мәселелері — {problems[0][1]} және {problems[1][1]}.")
            lines.append(
                f"Өтініштердің көбі {located(street, 'kk')} тұратындардан түсті, "
                f"негізінен {issue[1]} туралы."
            )
            lines.append(THANKS[1])
        else:
            lines = ["В прошедшем квартале работа на участке шла вместе с жителями."]
            if size:
                name = GENITIVE_RU.get(code) or f"«{names[code].name_ru or names[code].name}»"
                lines.append(f"Особое внимание уделялось профилактике {name}.")
            lines.append(f"Основные проблемы участка — {problems[0][0]} и {problems[1][0]}.")
            lines.append(
                f"Больше всего обращений поступило от жителей {from_street(street)}, "
                f"чаще всего — {issue[0]}."
            )
            lines.append(THANKS[0])
        return " ".join(lines)

    def measures(self, count=3):
        return "\n".join(self.fill(pair) for pair in self.rng.sample(MEASURES, count))

    def plan(self, next_quarter, count=3):
        items = [self.fill(pair) for pair in self.rng.sample(PLANS, count)]
        items.append(self.pick(SEASONAL_PLANS[next_quarter]))
        return "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))

    def meeting_place(self):
        rng = self.rng
        street = self.street()
        addr = self.address(street)
        point = self.beat.police_point
        osi = f"{rng.choice(HOUSING)}-{rng.randint(2, 40)}"
        if self.language == "kk":
            options = [
                f"№ {self.school} мектептің мәжіліс залы, {addr}",
                f"«{osi}» ПИБ кеңсесі, {addr}",
                f"{point.name_kk}, {point.address_kk}",
            ]
        else:
            options = [
                f"Актовый зал школы № {self.school}, {addr}",
                f"Офис ОСИ «{osi}», {addr}",
                f"{point.name_ru}, {point.address_ru}",
            ]
        return rng.choice(options)

    def meeting_day(self, first, last):
        """A weekday evening or a Saturday morning between the two dates."""
        rng = self.rng
        day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
        if day.weekday() == 6:
            day += DAY
        return at(day, 11, 0) if day.weekday() == 5 else at(day, rng.choice([18, 19]), 0)
