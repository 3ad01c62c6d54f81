"""Offence statistics and quarterly reports of every demo beat, for `manage.py seed_demo`.

For each beat it writes:

* offence statistics by category for every quarter of the year before the last completed
  quarter and of that quarter's year up to it, so every published report compares with
  the same period of the previous year (АППГ): small counts that depend on the category
  and the beat's criminogenic level, with a few categories missing in some quarters;
* the report for the last completed quarter, written by the inspector (a summary that
  quotes the statistics, the measures taken and the plan for the next quarter, all on the
  beat's own streets), with the next report meeting in the coming weeks, submitted by the
  inspector and published by the area's supervisor through `reports.services.publishing`
  — which renders and stores its PDF. The beats of Almaly are written and published in
  Kazakh, the others in Russian. A few beats then publish a correction (revision 2 with a
  reason) after a statistic of the quarter was corrected;
* the report for the current quarter: a draft with its texts partly written, a few of
  them complete and submitted, so the demo supervisor has something to review.

The report workflow stamps its steps with the current time. So that the demo looks like
work done over the weeks after the quarter ended, each step runs on a clock set to the
moment the step was taken (`clock_at`): the report's history, `submitted_at`,
`published_at` and the date printed in the PDF all agree, and none is in the future.

Everything is relative to today and deterministic: each beat draws from its own
`random.Random` seeded with its code. Running it again first deletes the beats' revisions
(their stored PDFs once the transaction commits), reports and statistics with their
history rows, so a second run gives the same records (the PDFs differ only in the moment
they were rendered).
"""

import datetime
import math
import random
from contextlib import contextmanager
from unittest import mock

from django.db import transaction
from django.utils import timezone

from districts import demo_data as data
from districts.checklist import period_of, previous_period
from districts.demo_work import HOUSING, street_spans
from districts.models import Cadence, Meeting, MeetingKind, MeetingStatus
from portal.models import Role, User
from reports.assembly import quarter_of
from reports.models import (
    OffenceCategory,
    OffenceStatistic,
    QuarterlyReport,
    ReportRevision,
)
from reports.services import publishing
from reports.statistics import change_percent
from volunteers.workdays import add_working_days

DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)

# A report meeting the demo work planned this soon is the one the report announces.
PLANNED_MEETING_HORIZON = datetime.timedelta(days=45)
# Areas whose inspectors write and publish in Kazakh (the demo accounts work in Almaly).
KAZAKH_AREAS = {data.MAIN_AREA}

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
LEVEL_FACTOR = {data.LOW: 0.6, data.MEDIUM: 1.0, data.HIGH: 1.5}
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

# ---------------------------------------------------------------------------- corrections

# Beat code → (statistic changes of the reported quarter, reason in Russian, in Kazakh).
CORRECTIONS = {
    "almaly-01": (
        {"theft": 2},
        "Уточнена статистика: учтены две кражи, зарегистрированные в последние дни квартала.",
        "Статистика нақтыланды: тоқсанның соңғы күндері тіркелген екі ұрлық есепке алынды.",
    ),
    "bostandyk-02": (
        {"fraud": -1, "online_fraud": 1},
        "Уточнена статистика: один случай мошенничества переквалифицирован "
        "в интернет-мошенничество.",
        "Статистика нақтыланды: бір алаяқтық интернет-алаяқтық ретінде қайта сараланды.",
    ),
    "medeu-03": (
        {"online_fraud": 1},
        "Уточнена статистика: добавлен случай интернет-мошенничества по заявлению, "
        "поступившему в конце квартала.",
        "Статистика нақтыланды: тоқсан соңында түскен арыз бойынша интернет-алаяқтық "
        "жағдайы қосылды.",
    ),
}
# Current-quarter reports that are complete and submitted for review (the demo supervisor's
# department; the demo inspector's own beat almaly-01 stays a draft to work on).
SUBMITTED_NOW = ("almaly-02", "almaly-04", "almaly-06")

# ---------------------------------------------------------------------------- texts

# Russian genitive plural of the categories, for "the number of …".
GENITIVE_RU = {
    "theft": "краж",
    "fraud": "случаев мошенничества",
    "online_fraud": "случаев интернет-мошенничества",
    "robbery": "грабежей и разбоев",
    "hooliganism": "случаев хулиганства",
    "bodily_harm": "случаев причинения вреда здоровью",
    "domestic_violence": "случаев бытового насилия",
    "drugs": "преступлений, связанных с наркотиками",
    "minors": "правонарушений несовершеннолетних",
    "public_drinking": "случаев распития алкоголя в общественных местах",
    "petty_hooliganism": "случаев мелкого хулиганства",
    "traffic": "ДТП",
}

PROBLEMS = [
    ("телефонное и интернет-мошенничество", "телефон және интернет-алаяқтық"),
    ("кражи велосипедов и самокатов из подъездов", "подъездерден велосипед пен самокат ұрлау"),
    ("парковка во дворах и на газонах", "аулалар мен көгалдарға көлік қою"),
    (
        "шум по ночам в квартирах, сдаваемых посуточно",
        "тәулікке жалға берілетін пәтерлердегі түнгі шу",
    ),
    ("подростки в подъездах в вечернее время", "кешкі уақытта подъездерде жиналатын жасөспірімдер"),
    ("распитие спиртного в скверах", "скверлерде спирт ішімдіктерін ішу"),
]
ISSUES = [
    ("парковка во дворах", "аулада көлік қою"),
    ("шум в ночное время", "түнгі шу"),
    ("посторонние в подъездах", "подъездердегі бөгде адамдар"),
    ("звонки телефонных мошенников", "телефон алаяқтарының қоңыраулары"),
]
THANKS = (
    "Благодарю жителей, ОСИ и общественных помощников полиции за помощь в охране порядка.",
    "Тұрғындарға, пәтер иелерінің бірлестіктеріне және полицияның қоғамдық көмекшілеріне "
    "тәртіпті сақтауға көмектескені үшін алғыс айтамын.",
)

# (Russian, Kazakh) with {on} (the street, located), {at} (Kazakh: located, before a noun),
# {h1}, {h2} (houses), {n}, {k}, {school}.
MEASURES = [
    (
        "Направлено представление в акимат района об освещении дворов {on}: установлено "
        "{k} новых светильника.",
        "Аудан әкімдігіне {at} аулаларды жарықтандыру туралы ұсыну жіберілді: {k} жаңа шам "
        "орнатылды.",
    ),
    (
        "Совместно с ОСИ у подъездов домов № {h1} и № {h2} {on} установлены камеры "
        "видеонаблюдения.",
        "Пәтер иелерінің бірлестігімен бірге {at} № {h1} және № {h2} үйлердің подъездеріне "
        "бейнебақылау камералары орнатылды.",
    ),
    (
        "В подъездах размещены памятки о телефонном мошенничестве, проведено {n} подворовых "
        "обходов.",
        "Подъездерде телефон алаяқтығы туралы жадынамалар ілінді, {n} рет үйді-үйге аралау "
        "жүргізілді.",
    ),
    (
        "Проверены торговые точки {on} на продажу алкоголя и табака несовершеннолетним, "
        "нарушения переданы в уполномоченный орган.",
        "{at} сауда нүктелерінде кәмелетке толмағандарға алкоголь мен темекі сатылуы "
        "тексерілді, бұзушылықтар уәкілетті органға жіберілді.",
    ),
    (
        "Совместно с общественными помощниками полиции проведены вечерние рейды {on}.",
        "Полицияның қоғамдық көмекшілерімен бірге {on} кешкі рейдтер жүргізілді.",
    ),
    (
        "В школе № {school} проведены правовые уроки о кибербуллинге и ответственности "
        "несовершеннолетних.",
        "№ {school} мектепте кибербуллинг және кәмелетке толмағандардың жауапкершілігі туралы "
        "құқықтық сабақтар өткізілді.",
    ),
    (
        "По предложению жителей на въезде во двор дома № {h1} {on} установлены искусственные "
        "неровности.",
        "Тұрғындардың ұсынысы бойынша {at} № {h1} үйдің ауласына кіреберісте жасанды "
        "кедір-бұдырлар орнатылды.",
    ),
]
PLANS = [
    (
        "Провести отчётную встречу с жителями и обсудить их предложения.",
        "Тұрғындармен есептік кездесу өткізіп, олардың ұсыныстарын талқылау.",
    ),
    ("Завершить подворовый обход {on}.", "{on} үйді-үйге аралауды аяқтау."),
    (
        "Провести акцию «Безопасный двор» совместно с ОСИ домов {on}.",
        "{at} үйлердің пәтер иелерінің бірлестіктерімен бірге «Қауіпсіз аула» акциясын өткізу.",
    ),
    (
        "Провести беседы о мошенничестве с пожилыми жителями участка.",
        "Учаскенің егде жастағы тұрғындарымен алаяқтық туралы әңгімелер өткізу.",
    ),
    (
        "Добиться освещения пешеходного перехода у дома № {h1} {on}.",
        "{at} № {h1} үйдің жанындағы жаяу жүргіншілер өткелін жарықтандыруға қол жеткізу.",
    ),
    (
        "Провести рейды по соблюдению комендантского часа несовершеннолетними.",
        "Кәмелетке толмағандардың коменданттық сағатты сақтауы бойынша рейдтер жүргізу.",
    ),
]
# What a plan adds for the quarter it is made for.
SEASONAL_PLANS = {
    1: (
        "Проверить соблюдение мер безопасности при продаже и использовании пиротехники.",
        "Пиротехниканы сату және қолдану кезінде қауіпсіздік шараларының сақталуын тексеру.",
    ),
    2: (
        "Подготовить с родителями и школой план летней занятости подростков.",
        "Ата-аналармен және мектеппен бірге жасөспірімдердің жазғы демалысын ұйымдастыру "
        "жоспарын дайындау.",
    ),
    3: (
        "Провести у школ участка акцию «Дорога в школу».",
        "Учаскедегі мектептер маңында «Мектепке жол» акциясын өткізу.",
    ),
    4: (
        "Провести профилактику краж в период новогодних праздников.",
        "Жаңа жыл мерекелері кезінде ұрлықтың алдын алу шараларын өткізу.",
    ),
}
DRAFT_SUMMARIES = (
    "Работа на участке в {quarter} квартале идёт по плану: проведены встречи с жителями, "
    "подворовые обходы {on} и профилактические беседы в школе № {school}.",
    "{quarter}-тоқсанда учаскедегі жұмыс жоспар бойынша жүргізілуде: тұрғындармен кездесулер, "
    "{on} үйді-үйге аралау және № {school} мектепте алдын алу әңгімелері өткізілді.",
)


def plural_ru(number, one, few, many):
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


def percent(value):
    """An absolute percentage with a decimal comma: 12.5 → "12,5", -25.0 → "25"."""
    return f"{abs(value):g}".replace(".", ",")


def located(street, language, *, attributive=False):
    """The street as a place: "на ул. Желтоксан", "в мкр. Тастак-1", "Желтоқсан көшесінде";
    in Kazakh, `attributive` before a noun: "Желтоқсан көшесіндегі (үйлер)".

    The Kazakh names end in the possessive -ы/-і ("көшесі", "даңғылы", "ауданы").
    """
    if language == "kk":
        name = street.name_kk
        front = name.endswith("і")
        if attributive:
            return f"{name}{'ндегі' if front else 'ндағы'}"
        return f"{name}{'нде' if front else 'нда'}"
    preposition = "в" if street.name_ru.startswith("мкр.") else "на"
    return f"{preposition} {street.name_ru}"


def from_street(street):
    """Russian "from the street": "с ул. Желтоксан", "из мкр. Тастак-1"."""
    preposition = "из" if street.name_ru.startswith("мкр.") else "с"
    return f"{preposition} {street.name_ru}"


def lower_first(text):
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------- the clock


@contextmanager
def clock_at(moment):
    """Run the block as if it were `moment`: `timezone.now()` returns it (auto_now fields,
    the history rows and the workflow's time stamps all read it)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def before_now(moments, now):
    """The moments, each moved back where needed to stay a minute before the next and now."""
    limit = now - MINUTE
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - MINUTE
    return result[::-1]


def at(day, hour, minute=0):
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


# ---------------------------------------------------------------------------- one beat


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

    def street(self):
        return self.rng.choice(self.streets)

    def house(self, street):
        rng = self.rng
        spans = street_spans(street)
        if not spans:
            return rng.randint(1, 120)
        low, high = rng.choice(spans)
        if low % 2 == high % 2:
            return low + 2 * rng.randint(0, (high - low) // 2)
        return rng.randint(low, high)

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
        current = {c.code: self.counts.get((c.code, year, quarter)) for c in categories}
        previous = {c.code: self.counts.get((c.code, year - 1, quarter)) for c in categories}
        total = sum(v for v in current.values() if v is not None)
        before = sum(v for v in previous.values() if v is not None)
        change = change_percent(total, before)
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
            lines = [
                f"{year} жылғы {quarter}-тоқсанда учаскеде {total} құқық бұзушылық тіркелді "
                f"(өткен жылдың осы кезеңінде — {before})."
            ]
            if total == before:
                lines.append("Құқық бұзушылықтар саны өткен жылдың деңгейінде қалды.")
            elif change is None:
                lines.append("Құқық бұзушылықтар саны өсті: өткен жылы олар тіркелмеген.")
            else:
                verb = "азайды" if total < before else "өсті"
                lines.append(f"Құқық бұзушылықтар саны {percent(change)} пайызға {verb}.")
            if size:
                name = lower_first(names[code].name_kk or names[code].name)
                lines.append(
                    f"Ең көп өзгерген санат — {name}: {current[code]} "
                    f"(өткен жылы — {previous[code]})."
                )
            lines.append(f"Учаскенің негізгі мәселелері — {problems[0][1]} және {problems[1][1]}.")
            lines.append(
                f"Өтініштердің көбі {located(street, 'kk')} тұратындардан түсті, "
                f"негізінен {issue[1]} туралы."
            )
            lines.append(THANKS[1])
        else:
            noun = plural_ru(total, "правонарушение", "правонарушения", "правонарушений")
            lines = [
                f"За {quarter} квартал {year} года на участке зарегистрировано {total} {noun} "
                f"(за тот же период прошлого года — {before})."
            ]
            if total == before:
                lines.append("Количество правонарушений осталось на уровне прошлого года.")
            elif change is None:
                lines.append("Количество правонарушений выросло: годом ранее их не было.")
            else:
                verb = "снизилось" if total < before else "выросло"
                lines.append(f"Количество правонарушений {verb} на {percent(change)} %.")
            if size:
                name = GENITIVE_RU.get(code) or f"«{names[code].name_ru or names[code].name}»"
                lines.append(
                    f"Больше всего изменилось число {name}: {current[code]} против "
                    f"{previous[code]} годом ранее."
                )
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


# ---------------------------------------------------------------------------- the seed


class ReportSeed:
    def __init__(self, beats, now):
        self.now = now
        self.today = timezone.localdate(now)
        self.current = period_of(Cadence.QUARTERLY, self.today)
        self.last = previous_period(Cadence.QUARTERLY, self.today)
        self.following = period_of(Cadence.QUARTERLY, self.current.end)
        self.beats = beats
        self.categories = list(OffenceCategory.objects.filter(is_active=True).order_by("order"))
        self.publishers = publishers({b.police_point.department_id for b in beats})
        self.new_files = []
        self.counts = {
            "offence statistics": 0,
            "published reports": 0,
            "corrections": 0,
            "draft reports": 0,
            "submitted for review": 0,
        }

    def quarters(self):
        """Every quarter of the year before the last completed quarter's, and of its own
        year up to it: the АППГ of every quarter reported on is there."""
        year, quarter = quarter_of(self.last.start)
        return [(year - 1, q) for q in range(1, 5)] + [(year, q) for q in range(1, quarter + 1)]

    def run(self):
        quarters = self.quarters()
        works = [BeatReports(beat) for beat in self.beats]
        rows = [row for work in works for row in work.statistics(self.categories, quarters)]
        OffenceStatistic.objects.bulk_create(rows, batch_size=500)
        OffenceStatistic.history.bulk_history_create(rows, batch_size=500)
        self.counts["offence statistics"] = len(rows)
        planned = planned_report_meetings(self.beats, self.now)
        for work in works:
            self.last_quarter(work, planned.get(work.beat.pk))
            self.current_quarter(work)
        return self.counts

    def timeline(self, rng, steps):
        """Moments of the workflow steps after the quarter ended: working days, office hours."""
        moments, day = [], self.current.start
        for low, high in steps:
            day = add_working_days(day, rng.randint(low, high))
            moments.append(at(day, rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
        return before_now(moments, self.now)

    def last_quarter(self, work, planned):
        beat, rng = work.beat, work.rng
        year, quarter = quarter_of(self.last.start)
        next_quarter = quarter_of(self.current.start)[1]
        correction = CORRECTIONS.get(beat.code)
        created, submitted, published, corrected = self.timeline(
            rng, [(0, 2), (1, 3), (1, 2), (2, 5)]
        )
        if planned is not None:
            meeting_at, place = planned.held_at, planned.place
        else:
            meeting_at = work.meeting_day(self.today + 5 * DAY, self.today + 25 * DAY)
            place = work.meeting_place()
        with clock_at(created):
            report = QuarterlyReport(
                beat=beat,
                year=year,
                quarter=quarter,
                summary=work.summary(self.categories, year, quarter),
                measures=work.measures(rng.randint(3, 4)),
                plan_next_quarter=work.plan(next_quarter),
                next_meeting_at=meeting_at,
                next_meeting_place=place[:300],
            )
            report._history_user = beat.inspector
            report.save()
        with clock_at(submitted):
            publishing.report_submit(report=report, user=beat.inspector)
        publisher = self.publishers.get(beat.police_point.department_id, self.publishers[None])
        with clock_at(published):
            self.published(
                publishing.report_publish(report=report, user=publisher, language=work.language)
            )
        self.counts["published reports"] += 1
        if correction is not None:
            changes, reason_ru, reason_kk = correction
            with clock_at(corrected - 30 * MINUTE):
                correct_statistics(beat, year, quarter, changes)
            with clock_at(corrected):
                self.published(
                    publishing.report_correct(
                        report=report,
                        user=publisher,
                        language=work.language,
                        reason=reason_kk if work.language == "kk" else reason_ru,
                    )
                )
            self.counts["corrections"] += 1

    def current_quarter(self, work):
        beat, rng = work.beat, work.rng
        year, quarter = quarter_of(self.current.start)
        next_quarter = quarter_of(self.following.start)[1]
        complete = beat.code in SUBMITTED_NOW
        started = self.current.start + datetime.timedelta(days=rng.randint(20, 45))
        created, submitted = before_now(
            [at(started, rng.randint(9, 17)), at(self.today - DAY, rng.randint(10, 17))],
            self.now,
        )
        street = work.street()
        texts = {
            "summary": work.pick(DRAFT_SUMMARIES).format(
                quarter=quarter, on=located(street, work.language), school=work.school
            )
        }
        if complete or rng.random() < 0.5:
            texts["measures"] = work.measures(2)
        if complete or rng.random() < 0.3:
            texts["plan_next_quarter"] = work.plan(next_quarter, 2)
        if complete:
            texts["next_meeting_at"] = work.meeting_day(
                self.following.start + 10 * DAY, self.following.start + 30 * DAY
            )
            texts["next_meeting_place"] = work.meeting_place()[:300]
        with clock_at(created):
            report = QuarterlyReport(beat=beat, year=year, quarter=quarter, **texts)
            report._history_user = beat.inspector
            report.save()
        self.counts["draft reports"] += 1
        if complete:
            with clock_at(submitted):
                publishing.report_submit(report=report, user=beat.inspector)
            self.counts["submitted for review"] += 1
            self.counts["draft reports"] -= 1

    def published(self, revision):
        self.new_files.append(revision.pdf.name)


def publishers(department_ids):
    """Department id → who publishes its reports: the demo `supervisor` for its department,
    another supervisor of the department, or (key None, and any department without one) the
    demo `admin`."""
    chosen = {}
    for user in User.objects.filter(
        role=Role.SUPERVISOR, is_active=True, department_id__in=department_ids
    ).order_by("pk"):
        if user.username == "supervisor" or user.department_id not in chosen:
            chosen[user.department_id] = user
    chosen[None] = (
        User.objects.filter(username="admin", is_active=True).first()
        or User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
    )
    if chosen[None] is None:
        raise ValueError("The demo reports need the `admin` account of seed_demo.")
    return chosen


def planned_report_meetings(beats, now):
    """Beat id → its next report meeting in the coming weeks, if the demo work planned one."""
    meetings = Meeting.objects.filter(
        beat__in=beats,
        kind=MeetingKind.REPORT,
        status=MeetingStatus.PLANNED,
        held_at__gt=now,
        held_at__lte=now + PLANNED_MEETING_HORIZON,
    ).order_by("-held_at", "-pk")
    return {meeting.beat_id: meeting for meeting in meetings}


def correct_statistics(beat, year, quarter, changes):
    """A statistic of the reported quarter corrected by hand (one history row each)."""
    for code, delta in changes.items():
        statistic = OffenceStatistic.objects.filter(
            beat=beat, category__code=code, year=year, quarter=quarter
        ).first()
        if statistic is None:
            category = OffenceCategory.objects.get(code=code)
            statistic = OffenceStatistic(
                beat=beat, category=category, year=year, quarter=quarter, count=0
            )
        statistic.count = max(statistic.count + delta, 0)
        statistic.save()


def clear_reports(beat_ids):
    """Delete the beats' revisions, reports and statistics, with their history rows.

    Returns the names of the revisions' stored PDFs, for deletion once this commits.
    """
    revisions = ReportRevision.objects.filter(report__beat_id__in=beat_ids)
    names = [name for name in revisions.values_list("pdf", flat=True) if name]
    # The queryset's delete: ReportRevision.delete() refuses on purpose (published is final),
    # but the demo's own publications are rewritten.
    revisions.delete()
    for model in (QuarterlyReport, OffenceStatistic):
        model.objects.filter(beat_id__in=beat_ids).delete()
        model.history.model.objects.filter(beat_id__in=beat_ids).delete()
    return names


def delete_files(storage, names):
    for name in names:
        storage.delete(name)


def seed_reports(beats, *, now=None):
    """Replace the statistics and reports of `beats` with fresh demo ones; return counts."""
    now = now or timezone.now()
    beats = list(
        beats.select_related("inspector", "police_point__department__area")
        .prefetch_related("streets")
        .order_by("code")
    )
    storage = ReportRevision._meta.get_field("pdf").storage
    old_files = clear_reports([beat.pk for beat in beats])
    seed = ReportSeed([beat for beat in beats if beat.streets.all()], now)
    try:
        with transaction.atomic():
            counts = seed.run()
    except BaseException:
        delete_files(storage, seed.new_files)
        raise
    # A stored file is deleted only when the database no longer needs it.
    stale = sorted(set(old_files) - set(seed.new_files))
    transaction.on_commit(lambda: delete_files(storage, stale), robust=True)
    return counts
