"""The register of the demo areas, for `manage.py seed_demo`.

For every demo area it writes what an akimat's register of public assistants (Law
No. 590) and volunteers (Law No. 42-VI) looks like after a few years of work:

* 16–20 assistants with Kazakh, Russian and Korean names, valid synthetic IINs, phones
  and home addresses on the streets of the area's beats, at every step of the
  lifecycle: a founding intake of about three years ago (one of them still active with
  a certificate that has run out, for the verification page; the others renewed it or
  were deregistered), an intake of about a year and a half ago (one since suspended),
  a recent intake, and the pipeline of today: registered, certificate issued, petitions
  to the akimat and applications to the police with deadlines near and missed, and a
  refusal with reasons;
* an Art. 7 briefing per intake (the lifecycle admits nobody to duty without one) and
  two or three legal trainings at a police point over the last year;
* the duty log of the active assistants over the previous and current quarter;
* the area's encouragement budget for this year and the last, and a district
  commission decision of the last quarter with its encouragements;
* one or two volunteer groups, volunteers aged 12–40 and their activities.

The assistants go through the lifecycle services (volunteers.services.lifecycle) in
the order of their dates, so registration and certificate numbers run without gaps
in date order, and every step is in the history with its user and its date.

Everything is relative to today and deterministic: each area draws from its own
`random.Random` seeded with its code. Running it again first deletes the areas'
register (with the history rows of assistants and certificates and the numbering
counters), so a second run on the same day gives the same records and numbers.
Only the certificates' verification tokens differ: they are random by design.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from districts import demo_data as data
from districts.checklist import period_of, previous_period
from districts.demo_work import address, recorded_times_as_given, street_spans
from districts.models import Beat, Cadence
from portal.models import User
from volunteers.iin import age_on, make_iin
from volunteers.models import (
    AreaCounter,
    Assistant,
    AssistantStatus,
    BudgetLine,
    Certificate,
    CommissionDecision,
    CommissionLevel,
    DeregistrationGround,
    Duty,
    Encouragement,
    EncouragementKind,
    MonthlyCalculationIndex,
    ParticipationForm,
    Training,
    TrainingKind,
    Volunteer,
    VolunteerActivity,
    VolunteerActivityKind,
    VolunteerGroup,
)
from volunteers.models.certificate import CERTIFICATE_VALID_YEARS
from volunteers.models.volunteer import ADULTS_ONLY
from volunteers.services import lifecycle
from volunteers.services.encouragement import budget_set, cost_of, encouragement_record
from volunteers.workdays import add_working_days, is_working_day

DAY = datetime.timedelta(days=1)
S = AssistantStatus
F = ParticipationForm
V = VolunteerActivityKind

# The MRP (monthly calculation index) by the republican budget laws, KZT.
MRP = {2023: 3450, 2024: 3692, 2025: 3932, 2026: 4325}
MRP_GROWTH = Decimal("1.08")  # a sensible guess for the years not listed

# Each area's encouragement budget this year; last year's was a little smaller.
BUDGETS = [1_200_000, 1_500_000, 1_800_000, 2_000_000]
MAIN_BUDGET = 1_500_000

# Intakes: application dates between these many days ago. The founding intake's
# certificates (valid three years) ran out one to four months ago.
INTAKES = {"founding": (1195, 1230), "middle": (560, 640), "recent": (190, 260)}

# Order of steps on one day.
ORDER = {
    "apply": 0,
    "petition": 1,
    "refuse": 1,
    "register": 2,
    "issue": 3,
    "training": 4,
    "activate": 5,
    "renew": 6,
    "suspend": 7,
    "deregister": 8,
}

# ---------------------------------------------------------------------------- names

# (surnames, male names, female names, fathers' names) by origin.
KAZAKH_SURNAMES = [
    "Абдиров",
    "Абишев",
    "Айтжанов",
    "Ахметжанов",
    "Алимжанов",
    "Байжигитов",
    "Байтурсынов",
    "Бекенов",
    "Бекмаганбетов",
    "Дауренбеков",
    "Джаксыбеков",
    "Ельтаев",
    "Ермеков",
    "Есимов",
    "Жакупов",
    "Жолдасбеков",
    "Жунусов",
    "Иманбаев",
    "Кабдолов",
    "Каирбеков",
    "Калиакпаров",
    "Кенесов",
    "Куанышев",
    "Мамбетов",
    "Мукашев",
    "Нуркенов",
    "Нысанбаев",
    "Омарбеков",
    "Рахметов",
    "Сагинтаев",
    "Сейткалиев",
    "Серикбаев",
    "Сыздыков",
    "Тажибаев",
    "Тулеубаев",
    "Турганбаев",
    "Уалиев",
    "Усенов",
    "Шакенов",
    "Ыскаков",
]
KAZAKH_MEN = [
    "Абылай",
    "Азамат",
    "Айбек",
    "Алибек",
    "Арман",
    "Аскар",
    "Асхат",
    "Бауыржан",
    "Бекзат",
    "Даурен",
    "Дастан",
    "Ерасыл",
    "Ербол",
    "Ержан",
    "Ерлан",
    "Жандос",
    "Канат",
    "Мейрам",
    "Мирас",
    "Нуржан",
    "Нурлан",
    "Олжас",
    "Санжар",
    "Серик",
    "Талгат",
    "Темирлан",
]
KAZAKH_WOMEN = [
    "Аида",
    "Айгерим",
    "Айжан",
    "Айнур",
    "Алия",
    "Аружан",
    "Асель",
    "Балжан",
    "Гульнара",
    "Дана",
    "Динара",
    "Жанар",
    "Жансая",
    "Жулдыз",
    "Камила",
    "Мадина",
    "Меруерт",
    "Назерке",
    "Сауле",
    "Томирис",
    "Улжан",
]
KAZAKH_FATHERS = [
    "Аскар",
    "Асхат",
    "Бакыт",
    "Бауыржан",
    "Болат",
    "Габит",
    "Даулет",
    "Ербол",
    "Ержан",
    "Ерлан",
    "Жанат",
    "Кайрат",
    "Канат",
    "Марат",
    "Мейрам",
    "Мухтар",
    "Нурлан",
    "Сакен",
    "Серик",
    "Талгат",
]
RUSSIAN_SURNAMES = [
    "Алексеев",
    "Андреев",
    "Белов",
    "Бондаренко",
    "Борисов",
    "Васильев",
    "Волков",
    "Григорьев",
    "Егоров",
    "Зайцев",
    "Захаров",
    "Иванов",
    "Козлов",
    "Кравченко",
    "Кузнецов",
    "Лебедев",
    "Макаров",
    "Михайлов",
    "Морозов",
    "Никитин",
    "Николаев",
    "Новиков",
    "Орлов",
    "Павлов",
    "Петров",
    "Попов",
    "Романов",
    "Семенов",
    "Смирнов",
    "Соколов",
    "Степанов",
    "Тарасов",
    "Ткаченко",
    "Федоров",
    "Шевченко",
    "Яковлев",
]
KOREAN_SURNAMES = ["Ким", "Пак", "Цой", "Ли", "Тен", "Хван", "Югай"]
RUSSIAN_MEN = [
    "Александр",
    "Алексей",
    "Андрей",
    "Артем",
    "Виктор",
    "Владимир",
    "Денис",
    "Дмитрий",
    "Евгений",
    "Иван",
    "Игорь",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Олег",
    "Павел",
    "Роман",
    "Сергей",
]
RUSSIAN_WOMEN = [
    "Анастасия",
    "Анна",
    "Виктория",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Наталья",
    "Ольга",
    "Светлана",
    "Татьяна",
    "Юлия",
]
# (male, female) patronymics from Russian fathers' names.
RUSSIAN_PATRONYMICS = [
    ("Александрович", "Александровна"),
    ("Анатольевич", "Анатольевна"),
    ("Андреевич", "Андреевна"),
    ("Валерьевич", "Валерьевна"),
    ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"),
    ("Геннадьевич", "Геннадьевна"),
    ("Евгеньевич", "Евгеньевна"),
    ("Иванович", "Ивановна"),
    ("Игоревич", "Игоревна"),
    ("Михайлович", "Михайловна"),
    ("Николаевич", "Николаевна"),
    ("Олегович", "Олеговна"),
    ("Петрович", "Петровна"),
    ("Сергеевич", "Сергеевна"),
    ("Юрьевич", "Юрьевна"),
]
PHONE_CODES = ["701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]


def feminine(surname):
    """The female form of a surname: Ахметов → Ахметова; Шевченко and Ким stay."""
    return f"{surname}а" if surname.endswith(("ов", "ев", "ин", "ын")) else surname


def masculine(surname):
    """Ахметова → Ахметов; Шевченко and Ким stay."""
    return surname[:-1] if surname.endswith(("ова", "ева", "ина", "ына")) else surname


def origin_of(surname):
    surname = masculine(surname)
    if surname in KAZAKH_SURNAMES:
        return "kazakh"
    return "korean" if surname in KOREAN_SURNAMES else "russian"


def draw_name(rng, sex, birth_year=1990, origin=None):
    """(surname, name, patronymic) of a resident of Almaty of the given sex."""
    female = sex == "F"
    origin = origin or rng.choices(["kazakh", "russian", "korean"], weights=[62, 30, 8])[0]
    if origin == "kazakh":
        surname = rng.choice(KAZAKH_SURNAMES)
        name = rng.choice(KAZAKH_WOMEN if female else KAZAKH_MEN)
        father = rng.choice(KAZAKH_FATHERS)
        if birth_year >= 1995 and rng.random() < 0.2:
            # Younger Kazakhs often carry the Kazakh form of the patronymic.
            patronymic = f"{father}{'қызы' if female else 'ұлы'}"
        else:
            patronymic = f"{father}{'овна' if female else 'ович'}"
    else:
        surname = rng.choice(RUSSIAN_SURNAMES if origin == "russian" else KOREAN_SURNAMES)
        name = rng.choice(RUSSIAN_WOMEN if female else RUSSIAN_MEN)
        patronymic = rng.choice(RUSSIAN_PATRONYMICS)[female]
    return (feminine(surname) if female else surname), name, patronymic


def short_name(last_name, first_name, middle_name=""):
    initials = " ".join(f"{part[0]}." for part in (first_name, middle_name) if part)
    return f"{last_name} {initials}"


def phone(rng):
    return (
        f"+7 {rng.choice(PHONE_CODES)} {rng.randint(200, 999)} "
        f"{rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
    )


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def random_day(rng, first, last):
    return first + DAY * rng.randint(0, max(0, (last - first).days))


def next_working(day, limit):
    """The first working day from `day` on, but not after `limit`."""
    while not is_working_day(day) and day < limit:
        day += DAY
    return min(day, limit)


def previous_working(day):
    while not is_working_day(day):
        day -= DAY
    return day


def along(street_name):
    """'по ул. Толе би', 'в мкр. Тастак-1'."""
    return f"{'в' if street_name.startswith('мкр.') else 'по'} {street_name}"


def on(street_name):
    """'на ул. Толе би', 'в мкр. Тастак-1'."""
    return f"{'в' if street_name.startswith('мкр.') else 'на'} {street_name}"


def mrp_value(year):
    if year in MRP:
        return Decimal(MRP[year])
    last = max(MRP)
    if year > last:
        return (Decimal(MRP[last]) * MRP_GROWTH ** (year - last)).quantize(Decimal(1))
    first = min(MRP)
    return (Decimal(MRP[first]) / MRP_GROWTH ** (first - year)).quantize(Decimal(1))


# ---------------------------------------------------------------------------- texts

REFUSAL_REASONS = [
    "По результатам проверки по учётам КПСиСУ у заявителя имеется непогашенная судимость; "
    "участие в обеспечении общественного порядка не допускается.",
    "Заявитель состоит на диспансерном учёте у врача-нарколога; "
    "участие в обеспечении общественного порядка не допускается.",
    "Заявитель в течение года привлекался к административной ответственности за мелкое "
    "хулиганство; в принятии в общественные помощники отказано.",
]
SUSPENSION_REASONS = [
    "Служебная проверка по жалобе гражданина на превышение полномочий при дежурстве.",
    "Временная нетрудоспособность, по личному заявлению.",
    "Длительная командировка за пределы г. Алматы, по личному заявлению.",
]
DEREGISTRATIONS = [
    (DeregistrationGround.OWN_APPLICATION, "Переезд на постоянное место жительства в г. Астана."),
    (DeregistrationGround.OWN_APPLICATION, "По личному заявлению в связи с поступлением на учёбу."),
    (
        DeregistrationGround.BREACH,
        "Систематический пропуск дежурств по графику без уважительных причин.",
    ),
    (DeregistrationGround.MEDICAL_RECORD, ""),
    (DeregistrationGround.CONVICTION, ""),
]
LEGAL_TOPICS = [
    "Правовые основы участия граждан в обеспечении общественного порядка (Закон № 590)",
    "Административные правонарушения: что вправе делать общественный помощник",
    "Порядок доставления правонарушителей в полицию",
    "Профилактика бытового насилия и работа с обращениями граждан",
    "Первая доврачебная помощь пострадавшим",
    "Профилактика мошенничества: как разъяснять жителям",
]
ART7_TOPIC = (
    "Права и обязанности общественного помощника (ст. 7 Закона № 590); "
    "случаи, когда применение физической силы недопустимо"
)
MASS_EVENTS = [
    "праздничных мероприятий на площади Республики",
    "футбольного матча на Центральном стадионе",
    "ярмарки выходного дня",
    "забега «Алматы марафон»",
    "концерта во Дворце Республики",
    "праздника двора",
]
DUTY_NOTES = {
    F.PATROLS: ["Патрулирование {along} совместно с УИП", "Вечернее патрулирование {along}"],
    F.MASS_EVENTS: ["Охрана общественного порядка во время {event}"],
    F.RAIDS: [
        "Рейд «Подросток» в вечернее время",
        "Рейд по соблюдению комендантского часа для несовершеннолетних",
        "Рейд по квартирам, сдаваемым посуточно",
    ],
    F.LEGAL_PROPAGANDA: [
        "Раздача памяток о мошенничестве жителям {along}",
        "Беседа с жителями {street} о телефонном мошенничестве",
    ],
    F.MISSING_SEARCH: ["Поиск пропавшего без вести по ориентировке УП района"],
    F.OTHER: ["Помощь УИП при поквартирном обходе {along}", "Дежурство в УПП"],
}
DUTY_HOURS = {
    F.PATROLS: (2, 4),
    F.MASS_EVENTS: (4, 8),
    F.RAIDS: (2, 4),
    F.LEGAL_PROPAGANDA: (2, 3),
    F.MISSING_SEARCH: (3, 8),
    F.OTHER: (2, 4),
}

# Area code → its volunteer groups: (name, type). Types: area, students, school.
VOLUNTEER_GROUPS = {
    "alatau": [("Волонтёры Алатау", "area")],
    "almaly": [
        ("Волонтёры Алмалы", "area"),
        ("Отряд юных друзей полиции школы-гимназии № 25", "school"),
    ],
    "auezov": [
        ("Волонтёры Ауэзовского района", "area"),
        ("Студенческий отряд Университета «Нархоз»", "students"),
    ],
    "bostandyk": [
        ("Студенческий отряд КазНУ им. аль-Фараби", "students"),
        ("Студенческий отряд Satbayev University", "students"),
    ],
    "zhetysu": [("Волонтёры Жетысу", "area")],
    "medeu": [
        ("Волонтёры Медеу", "area"),
        ("Студенческий отряд КазНПУ им. Абая", "students"),
    ],
    "nauryzbay": [("Волонтёры Наурызбая", "area")],
    "turksib": [
        ("Волонтёры Турксиба", "area"),
        ("Отряд юных друзей полиции школы № 132", "school"),
    ],
}
GROUP_KINDS = {
    "area": [V.SOCIAL, V.MISSING_SEARCH, V.EMERGENCY, V.ENVIRONMENT, V.EVENTS, V.PREVENTION],
    "students": [V.PREVENTION, V.EVENTS, V.SOCIAL, V.MISSING_SEARCH, V.ENVIRONMENT],
    "school": [V.PREVENTION, V.ENVIRONMENT, V.EVENTS],
}
# Ages of the members at the time of the demo (years, inclusive).
GROUP_AGES = {"area": (18, 40), "students": (17, 22), "school": (12, 15), None: (16, 40)}
VOLUNTEER_ACTIONS = {
    V.SOCIAL: [
        "Доставка продуктов одиноким пожилым жителям {along}",
        "Сбор тёплых вещей для центра социальной помощи",
    ],
    V.MISSING_SEARCH: [
        "Поиск пропавшего пожилого мужчины {on}",
        "Расклейка ориентировок о пропавшем подростке {along}",
    ],
    V.EMERGENCY: [
        "Помощь ДЧС при ликвидации последствий ливня {on}",
        "Учебная эвакуация жителей на случай землетрясения {on} совместно с ДЧС",
    ],
    V.ENVIRONMENT: [
        "Субботник во дворах {along}",
        "Посадка деревьев в сквере {on}",
    ],
    V.EVENTS: [
        "Помощь в проведении забега «Алматы марафон»",
        "Помощь в организации праздника двора {on}",
    ],
    V.PREVENTION: [
        "Акция «Безопасный двор»: памятки о мошенничестве жителям {along}",
        "Акция «Семья без насилия»: раздача памяток {along}",
    ],
    V.RAIDS: [
        "Рейд по местам досуга молодёжи совместно с УИП",
        "Рейд «Ночной город» с участковым инспектором",
    ],
    V.OTHER: ["Опрос жителей {street} о безопасности дворов"],
}
# Prevention campaigns of students and schoolchildren.
PREVENTION_BY_AUDIENCE = {
    "students": [
        "Акция «Студенты против правонарушений»",
        "Урок правовой грамотности для младших школьников",
    ],
    "school": [
        "Акция «Безопасная дорога в школу»: памятки первоклассникам",
        "Классный час «Полиция и дети» для младших классов",
    ],
}

# ---------------------------------------------------------------------------- the plan


@dataclass
class Person:
    """An assistant to be: the application's fields and the dated steps of their lifecycle."""

    role: str
    beat: Beat
    fields: dict
    steps: list = field(default_factory=list)  # (day, action, kwargs)
    activated_on: datetime.date | None = None
    ended_on: datetime.date | None = None  # suspended or deregistered
    expires_on: datetime.date | None = None  # the certificate ran out and was not renewed
    assistant: Assistant | None = None
    certificate: Certificate | None = None
    last_moment: datetime.datetime | None = None

    def add(self, day, action, **kwargs):
        self.steps.append((day, action, kwargs))

    def active_on(self, day):
        return (
            self.activated_on is not None
            and self.activated_on < day
            and (self.ended_on is None or self.ended_on > day)
        )


@dataclass
class Step:
    day: datetime.date
    action: str
    seq: int
    person: Person | None = None
    kwargs: dict = field(default_factory=dict)


def certificate_lapse(issued_on):
    try:
        return issued_on.replace(year=issued_on.year + CERTIFICATE_VALID_YEARS)
    except ValueError:
        return issued_on.replace(year=issued_on.year + CERTIFICATE_VALID_YEARS, day=28)


class AreaRegister:
    """Draws and records the register of one area."""

    def __init__(self, area, slug, beats, users, *, today, started, latest, used_iins, totals):
        self.area = area
        self.slug = slug
        self.main = slug == data.MAIN_AREA
        self.beats = beats
        self.points = sorted({beat.police_point for beat in beats}, key=lambda p: p.pk)
        self.today = today
        self.started = started  # history rows dated after this were just written
        self.latest = latest  # nothing is dated later
        self.used_iins = used_iins
        self.totals = totals
        self.rng = random.Random(f"seed-demo-register:{slug}")
        self.streets = {
            beat.pk: sorted(beat.streets.all(), key=lambda s: (s.name_ru, s.houses))
            for beat in beats
        }
        self.all_streets = [street for beat in beats for street in self.streets[beat.pk]]
        first_inspector = beats[0].inspector
        # Who records the steps: the police (inspector, or the Almaly supervisor for the
        # check of records) and the akimat (the registrar in Almaly).
        self.akimat_user = (users.get("registrar") if self.main else None) or first_inspector
        self.check_user = users.get("supervisor") if self.main else None
        self.persons = []
        self.surnames = set()
        self.group_types = {}
        self.trainings = []  # (day, kind, point, held_by, topic, attendees)
        self.petitions = 0
        slugs = [area["slug"] for area in data.AREAS]
        self.code = slugs.index(slug) + 1 if slug in slugs else 0

    # -- helpers

    def moment(self, day, hour=None):
        """`day` at an office hour, but not later than `latest`."""
        rng = self.rng
        hour = rng.randint(9, 17) if hour is None else hour
        tz = timezone.get_current_timezone()
        moment = datetime.datetime.combine(
            day, datetime.time(hour, rng.choice([0, 10, 20, 30, 40, 50])), tzinfo=tz
        )
        return min(moment, self.latest)

    def days_ago(self, low, high):
        return self.today - DAY * self.rng.randint(low, high)

    def house(self, street):
        rng = self.rng
        spans = street_spans(street)
        if not spans:
            return rng.randint(1, 60)
        low, high = rng.choice(spans)
        if low % 2 == high % 2:
            return low + 2 * rng.randint(0, (high - low) // 2)
        return rng.randint(low, high)

    def home(self, beat):
        rng = self.rng
        # Most assistants live on their own beat; some come from a neighbouring one.
        if rng.random() < 0.2:
            beat = rng.choice(self.beats)
        street = rng.choice(self.streets[beat.pk])
        line = address(street, self.house(street))
        if street.name_ru.startswith("мкр.") or rng.random() < 0.7:
            line += f", кв. {rng.randint(1, 180)}"
        return line

    def iin(self, birth_date, sex):
        while True:
            iin = make_iin(birth_date, sex, self.rng.randint(1, 9999))
            if iin and iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin

    def birth_date(self, applied_on):
        """Aged 19–60 today and at least 18 (with a margin) on applying."""
        rng = self.rng
        age = int(rng.triangular(19, 60, 30))
        born = years_before(self.today, age) - DAY * rng.randint(1, 360)
        latest = years_before(applied_on, 18) - DAY * 30
        if born > latest:
            born = latest - DAY * rng.randint(0, 300)
        return born

    def forms(self, sex):
        rng = self.rng
        weights = {
            F.PATROLS: 10,
            F.MASS_EVENTS: 6,
            F.RAIDS: 5 if sex == "M" else 2,
            F.LEGAL_PROPAGANDA: 3 if sex == "M" else 7,
            F.MISSING_SEARCH: 3,
            F.OTHER: 1,
        }
        chosen = []
        for _ in range(rng.choice([1, 2, 2, 3])):
            pool = [form for form in weights if form not in chosen]
            chosen.append(rng.choices(pool, weights=[weights[form] for form in pool])[0])
        return [form.value for form in F if form in chosen]

    def person(self, role, applied_on, beat):
        rng = self.rng
        sex = "F" if rng.random() < 0.3 else "M"
        born = self.birth_date(applied_on)
        # Different surnames within an area, so nobody looks related by accident.
        for _ in range(10):
            last_name, first_name, middle_name = draw_name(rng, sex, born.year)
            if masculine(last_name) not in self.surnames:
                break
        self.surnames.add(masculine(last_name))
        fields = {
            "last_name": last_name,
            "first_name": first_name,
            "middle_name": middle_name,
            "iin": self.iin(born, sex),
            "phone": phone(rng),
            "address": self.home(beat),
            "area": self.area,
            "beat": beat,
            "forms": self.forms(sex),
            "applied_on": applied_on,
            "consent_given_on": applied_on,
        }
        person = Person(role=role, beat=beat, fields=fields)
        person.add(applied_on, "apply")
        self.persons.append(person)
        return person

    def through_registration(self, person, applied_on):
        """Petition within the 30 days of the check, registration within 7 working days."""
        rng = self.rng
        petition = applied_on + DAY * rng.randint(6, 27)
        registered = add_working_days(petition, rng.randint(1, 7))
        person.add(petition, "petition")
        person.add(registered, "register")
        return registered

    # -- the people

    def plan(self):
        rng = self.rng
        roles = [
            "expired",
            "veteran",
            "deregistered-founding",
            "suspended",
            "registered",
            "certified",
            "applied-near",
            "applied-missed",
            "refused",
        ]
        if self.main:
            roles += ["petitioned-near", "petitioned-missed"]
        else:
            roles.append(rng.choice(["petitioned-near", "petitioned-missed"]))
            if rng.random() < 0.4:
                roles.append("petitioned-ok")
        for extra in ("veteran", "deregistered-middle", "applied-fresh"):
            if rng.random() < 0.5:
                roles.append(extra)
        total = rng.randint(16, 20)
        ordinary = max(5, total - len(roles))
        middle = ordinary // 2 + rng.randint(0, 1)
        roles += ["active-middle"] * middle + ["active-recent"] * (ordinary - middle)

        beats = []
        while len(beats) < len(roles):
            beats += rng.sample(self.beats, len(self.beats))
        assigned = dict(zip(range(len(roles)), beats, strict=False))

        cohorts = {name: [] for name in INTAKES}
        for index, role in enumerate(roles):
            beat = assigned[index]
            cohort = {
                "expired": "founding",
                "veteran": "founding",
                "deregistered-founding": "founding",
                "suspended": "middle",
                "deregistered-middle": "middle",
                "active-middle": "middle",
                "active-recent": "recent",
            }.get(role)
            if cohort:
                applied = self.days_ago(*INTAKES[cohort])
                person = self.person(role, applied, beat)
                registered = self.through_registration(person, applied)
                issued = next_working(registered + DAY * rng.randint(2, 20), self.today)
                person.add(issued, "issue")
                cohorts[cohort].append((person, issued))
            else:
                self.pipeline(role, beat)

        for cohort, members in cohorts.items():
            self.briefing(cohort, members)
        for person in self.persons:
            self.after_activation(person)
        self.legal_trainings()

    def pipeline(self, role, beat):
        """The assistants still on their way, with deadlines near and missed."""
        rng = self.rng
        today = self.today
        if role == "registered":
            registered = previous_working(self.days_ago(1, 6))
            petition = self.petition_before(registered)
            person = self.person(role, petition - DAY * rng.randint(8, 25), beat)
            person.add(petition, "petition")
            person.add(registered, "register")
        elif role == "certified":
            applied = self.days_ago(45, 75)
            person = self.person(role, applied, beat)
            registered = self.through_registration(person, applied)
            person.add(next_working(registered + DAY * rng.randint(2, 8), today), "issue")
        elif role.startswith("petitioned"):
            state = role.split("-")[1]
            petition = self.petition_with_deadline(state)
            person = self.person(role, petition - DAY * rng.randint(8, 26), beat)
            person.add(petition, "petition")
        elif role.startswith("applied"):
            applied = {
                "near": lambda: self.days_ago(26, 28),  # the 30-day check ends in 2–4 days
                "missed": lambda: self.days_ago(32, 38),
                "fresh": lambda: self.days_ago(2, 12),
            }[role.split("-")[1]]()
            self.person(role, applied, beat)
        elif role == "refused":
            applied = self.days_ago(60, 300)
            person = self.person(role, applied, beat)
            person.add(
                applied + DAY * rng.randint(10, 29),
                "refuse",
                reason=rng.choice(REFUSAL_REASONS),
            )

    def petition_before(self, registered):
        """A petition day from which `registered` is within the 7 working days."""
        day = registered - DAY * self.rng.randint(1, 6)
        while add_working_days(day, 7) < registered:
            day += DAY
        return day

    def petition_with_deadline(self, state):
        """A petition day whose registration deadline is near (1–4 days), missed or far."""
        today = self.today
        for back in range(0, 40):
            day = today - DAY * back
            due = add_working_days(day, 7)
            if state == "near" and 1 <= (due - today).days <= 4:
                return day
            if state == "missed" and (today - due).days >= 2:
                return day - DAY * self.rng.randint(0, 4)
            if state == "ok" and (due - today).days >= 7:
                return day
        return today  # unreachable in practice

    def briefing(self, cohort, members):
        """The Art. 7 briefing of an intake; each member is admitted to duty right after."""
        rng = self.rng
        if not members:
            return
        day = next_working(
            max(issued for _, issued in members) + DAY * rng.randint(2, 10), self.today
        )
        point = rng.choice(self.points)
        self.trainings.append(
            (
                day,
                TrainingKind.ART7_BRIEFING,
                point,
                self.instructor(point, senior=True),
                ART7_TOPIC,
                [person for person, _ in members],
            )
        )
        for person, _ in members:
            person.activated_on = next_working(day + DAY * rng.randint(0, 3), self.today)
            person.add(person.activated_on, "activate")

    def after_activation(self, person):
        rng = self.rng
        today = self.today
        if person.activated_on is None:
            return
        issued = next(day for day, action, _ in person.steps if action == "issue")
        lapse = certificate_lapse(issued)
        if person.role == "veteran":
            person.add(previous_working(min(lapse - DAY * rng.randint(0, 14), today)), "renew")
        elif person.role == "expired":
            person.expires_on = lapse
        elif person.role == "suspended":
            person.ended_on = previous_working(self.days_ago(15, 90))
            person.add(person.ended_on, "suspend", reason=rng.choice(SUSPENSION_REASONS))
        elif person.role.startswith("deregistered"):
            founding = person.role.endswith("founding")
            # The founders leave while their certificate is still valid.
            latest = min(today - DAY * 20, lapse - DAY * 30)
            earliest = person.activated_on + DAY * (200 if founding else 60)
            person.ended_on = previous_working(random_day(rng, min(earliest, latest), latest))
            choices = DEREGISTRATIONS[:2] if founding else DEREGISTRATIONS
            ground, note = rng.choice(choices)
            person.add(person.ended_on, "deregister", ground=ground, note=note)

    def instructor(self, point, *, senior=False):
        """'капитан полиции Сапаров Е. М.': an inspector of the point, or the Almaly supervisor."""
        if senior and self.check_user:
            user = self.check_user
        else:
            inspectors = [beat.inspector for beat in self.beats if beat.police_point == point]
            user = self.rng.choice(inspectors or [self.beats[0].inspector])
        return (
            f"{user.rank} {short_name(user.last_name, user.first_name, user.middle_name)}".strip()
        )

    def legal_trainings(self):
        rng = self.rng
        count = rng.randint(2, 3)
        days = sorted(self.days_ago(10, 330) for _ in range(count))
        for day, topic in zip(days, rng.sample(LEGAL_TOPICS, count), strict=True):
            active = [person for person in self.persons if person.active_on(day)]
            if not active:
                continue
            attendees = rng.sample(active, max(1, round(len(active) * rng.uniform(0.6, 1))))
            point = rng.choice(self.points)
            self.trainings.append(
                (day, TrainingKind.LEGAL_TRAINING, point, self.instructor(point), topic, attendees)
            )

    # -- recording, in date order

    def record(self):
        steps = []
        for person in self.persons:
            for day, action, kwargs in person.steps:
                steps.append(Step(day, action, len(steps), person, kwargs))
        for training in self.trainings:
            steps.append(Step(training[0], "training", len(steps), kwargs={"training": training}))
        steps.sort(key=lambda step: (step.day, ORDER[step.action], step.seq))
        for step in steps:
            self.run(step)

    def police_user(self, person):
        return person.beat.inspector

    def run(self, step):
        day, person, kwargs = step.day, step.person, step.kwargs
        moment = self.moment(day)
        if person:
            # The steps of one person on one day follow each other in the history.
            if person.last_moment and moment <= person.last_moment:
                moment = min(person.last_moment + datetime.timedelta(minutes=10), self.latest)
            person.last_moment = moment
        if step.action == "training":
            self.save_training(*kwargs["training"])
            return
        if step.action == "apply":
            person.assistant = lifecycle.assistant_apply(
                user=self.police_user(person), created_at=moment, **person.fields
            )
            self.date_history(Assistant, moment)
            return
        assistant = person.assistant
        assistant._history_date = moment
        akimat = self.akimat_user
        match step.action:
            case "petition":
                self.petitions += 1
                lifecycle.assistant_petition(
                    assistant=assistant,
                    user=self.check_user or self.police_user(person),
                    sent_on=day,
                    petition_number=f"21-{self.code:02d}/{self.petitions}",
                )
            case "refuse":
                lifecycle.assistant_refuse(
                    assistant=assistant,
                    user=self.check_user or self.police_user(person),
                    refused_on=day,
                    reason=kwargs["reason"],
                )
            case "register":
                lifecycle.assistant_register(assistant=assistant, user=akimat, registered_on=day)
            case "issue":
                person.certificate = lifecycle.certificate_issue(
                    assistant=assistant, user=akimat, issued_on=day
                )
                self.date_history(Certificate, moment)
            case "activate":
                lifecycle.assistant_activate(assistant=assistant, user=akimat)
            case "renew":
                old = person.certificate
                old._history_date = moment
                lifecycle.certificate_return(
                    certificate=old, user=akimat, returned_on=day, badge_returned=True
                )
                person.certificate = lifecycle.certificate_issue(
                    assistant=assistant, user=akimat, issued_on=day
                )
                self.date_history(Certificate, moment)
            case "suspend":
                lifecycle.assistant_suspend(
                    assistant=assistant, user=akimat, suspended_on=day, reason=kwargs["reason"]
                )
            case "deregister":
                lifecycle.assistant_deregister(
                    assistant=assistant,
                    user=akimat,
                    deregistered_on=day,
                    ground=kwargs["ground"],
                    note=kwargs["note"],
                )
                self.date_history(Certificate, moment)

    def date_history(self, model, moment):
        """Date the history rows just written (stamped with the real time) on the step's day."""
        model.history.model.objects.filter(history_date__gte=self.started).update(
            history_date=moment
        )

    def save_training(self, day, kind, point, held_by, topic, attendees):
        training = Training.objects.create(
            area=self.area, kind=kind, date=day, police_point=point, held_by=held_by, topic=topic
        )
        training.attendees.set([person.assistant for person in attendees])
        self.totals["trainings"] += 1

    # -- the duty log

    def duties(self, first_day):
        """1–3 duties a month of every active assistant, from `first_day` until today."""
        rng = self.rng
        duties = []
        for person in self.persons:
            if person.assistant.status != S.ACTIVE:
                continue
            beat = person.beat
            forms = person.fields["forms"]
            start = first_day
            while start <= self.today:
                following = period_of(Cadence.MONTHLY, start).end
                first = max(start, person.activated_on + DAY)
                last = min(following - DAY, self.today, (person.expires_on or self.today) - DAY)
                start = following
                if first > last:
                    continue
                span = (last - first).days + 1
                for offset in sorted(rng.sample(range(span), min(span, rng.randint(1, 3)))):
                    duties.append(self.duty(person, beat, forms, first + DAY * offset))
        Duty.objects.bulk_create(duties, batch_size=500)
        self.totals["duties"] += len(duties)
        return duties

    def duty(self, person, beat, forms, day):
        rng = self.rng
        kind = rng.choice(forms)
        low, high = DUTY_HOURS[kind]
        hours = Decimal(rng.randint(low * 2, high * 2)) / 2
        street = rng.choice(self.streets[beat.pk]).name_ru
        note = rng.choice(DUTY_NOTES[kind]).format(
            along=along(street), street=street, event=rng.choice(MASS_EVENTS)
        )
        offences = handed_over = 0
        if kind in (F.PATROLS, F.RAIDS, F.MASS_EVENTS) and rng.random() < 0.18:
            offences = rng.choice([1, 1, 1, 2])
            handed_over = 1 if rng.random() < 0.4 else 0
        return Duty(
            assistant=person.assistant,
            date=day,
            hours=hours,
            kind=kind,
            beat=beat,
            supervisor=beat.inspector,
            offences_stopped=offences,
            persons_handed_over=handed_over,
            note=note,
        )

    # -- encouragement

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
            )
            self.totals["encouragements"] += 1
        self.totals["commission decisions"] += 1

    # -- volunteers (Law No. 42-VI)

    def volunteers(self, first_day):
        rng = self.rng
        today = self.today
        groups = []
        for name, kind in VOLUNTEER_GROUPS.get(self.slug, [(f"Волонтёры {self.area}", "area")]):
            contact = draw_name(rng, rng.choice("MF"), 1985)
            kinds = GROUP_KINDS[kind]
            groups.append(
                (
                    VolunteerGroup(
                        name=name,
                        area=self.area,
                        contact_person=" ".join(contact),
                        phone=phone(rng),
                        kinds=[k.value for k in kinds],
                    ),
                    kind,
                )
            )
        self.group_types = {id(group): kind for group, kind in groups}
        self.save_with_history(
            VolunteerGroup,
            [(group, first_day - DAY * rng.randint(200, 700)) for group, _ in groups],
        )

        people = []
        count = rng.randint(6, 12)
        for index in range(count):
            # Members of each group first, then a few on their own.
            group, kind = groups[index % len(groups)] if index < count - 2 else (None, None)
            low, high = GROUP_AGES[kind]
            if kind == "school" and index < len(groups):
                high = 13  # every school squad has a pupil under 14
            age = rng.randint(low, high)
            born = years_before(today, age) - DAY * rng.randint(1, 360)
            sex = rng.choice("MF")
            last_name, first_name, _ = draw_name(rng, sex, born.year)
            pool = GROUP_KINDS[kind] if kind else list(V)
            kinds = rng.sample(pool, rng.randint(1, min(3, len(pool))))
            if age_on(born, today) < 19:
                kinds = [k for k in kinds if k not in ADULTS_ONLY] or [V.PREVENTION]
            elif kind != "school" and rng.random() < 0.3 and V.RAIDS not in kinds:
                kinds.append(V.RAIDS)
            volunteer = Volunteer(
                last_name=last_name,
                first_name=first_name,
                birth_date=born,
                phone=phone(rng),
                area=self.area,
                group=group,
                kinds=[k.value for k in V if k in kinds],
            )
            if age_on(born, today) < 18:
                # Parents sign for every minor; the law requires it below 14.
                parent_sex = rng.choice("MF")
                _, parent_name, parent_patronymic = draw_name(
                    rng, parent_sex, 1980, origin_of(last_name)
                )
                family = masculine(last_name)
                surname = feminine(family) if parent_sex == "F" else family
                volunteer.parent_name = f"{surname} {parent_name} {parent_patronymic}"
                volunteer.parental_consent_on = first_day - DAY * rng.randint(10, 120)
            volunteer.full_clean()
            people.append(volunteer)
        self.save_with_history(
            Volunteer,
            [
                (person, person.parental_consent_on or first_day - DAY * rng.randint(10, 300))
                for person in people
            ],
        )

        activities = []
        total = rng.randint(10, 20)
        for group, _ in groups:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(group.kinds)
                activities.append(
                    self.activity(first_day, kind, group=group, hours=rng.randint(12, 80))
                )
        while len(activities) < total:
            volunteer = rng.choice(people)
            kind = rng.choice(volunteer.kinds)
            activities.append(
                self.activity(
                    first_day, kind, volunteer=volunteer, hours=Decimal(rng.randint(4, 16)) / 2
                )
            )
        for activity in activities:
            activity.full_clean()
        VolunteerActivity.objects.bulk_create(activities)
        self.totals["volunteer groups"] += len(groups)
        self.totals["volunteers"] += len(people)
        self.totals["volunteer activities"] += len(activities)

    def save_with_history(self, model, rows):
        """Bulk insert (record, day recorded) rows, with their history when the model keeps it."""
        objects = [record for record, _ in rows]
        model.objects.bulk_create(objects)
        if historied(model):
            for record, day in rows:
                record._history_date = self.moment(day)
                record._history_user = self.akimat_user
            model.history.bulk_history_create(objects)

    def activity(self, first_day, kind, *, hours, volunteer=None, group=None):
        rng = self.rng
        street = rng.choice(self.all_streets).name_ru
        audience = self.group_types.get(id(group or (volunteer and volunteer.group)))
        texts = VOLUNTEER_ACTIONS[V(kind)]
        if kind == V.PREVENTION and audience in PREVENTION_BY_AUDIENCE:
            texts = PREVENTION_BY_AUDIENCE[audience]
        action = rng.choice(texts).format(along=along(street), on=on(street), street=street)
        return VolunteerActivity(
            area=self.area,
            volunteer=volunteer,
            group=group,
            date=random_day(rng, first_day, self.today),
            kind=kind,
            action=action,
            hours=Decimal(hours),
        )


# ---------------------------------------------------------------------------- entry point


def seed_mrp(today):
    """The MRP of the previous and the current year; returns year → value."""
    values = {}
    for year in (today.year - 1, today.year):
        values[year] = mrp_value(year)
        MonthlyCalculationIndex.objects.update_or_create(
            year=year, defaults={"amount": values[year]}
        )
    return values


def historied(model):
    return hasattr(model, "history")


def release(queryset):
    """Delete the rows of other models that PROTECT `queryset`'s rows, e.g. the entries of
    assistants and volunteers in the councils' joint actions."""
    for relation in queryset.model._meta.related_objects:
        if relation.on_delete is models.PROTECT and relation.related_model not in OWN_MODELS:
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": queryset}
            ).delete()


OWN_MODELS = {
    Assistant,
    Certificate,
    Duty,
    Encouragement,
    CommissionDecision,
    Training,
    Volunteer,
    VolunteerGroup,
    VolunteerActivity,
}


def clear_register(area_ids):
    """Delete the areas' register, the history of their assistants, certificates, volunteers
    and groups, and the numbering counters (so the numbers start again from 1)."""

    def wipe(queryset):
        release(queryset)
        queryset.delete()

    wipe(
        Encouragement.objects.filter(
            Q(assistant__area_id__in=area_ids) | Q(decision__area_id__in=area_ids)
        )
    )
    wipe(CommissionDecision.objects.filter(area_id__in=area_ids))
    wipe(BudgetLine.objects.filter(area_id__in=area_ids))
    wipe(Duty.objects.filter(assistant__area_id__in=area_ids))
    wipe(Training.objects.filter(area_id__in=area_ids))
    wipe(Certificate.objects.filter(area_id__in=area_ids))
    wipe(Assistant.objects.filter(area_id__in=area_ids))
    AreaCounter.objects.filter(area_id__in=area_ids).delete()
    wipe(VolunteerActivity.objects.filter(area_id__in=area_ids))
    wipe(Volunteer.objects.filter(area_id__in=area_ids))
    wipe(VolunteerGroup.objects.filter(area_id__in=area_ids))
    # Deleting wrote "-" rows into the history: the demo's history starts afresh.
    for model in (Assistant, Certificate, Volunteer, VolunteerGroup):
        if historied(model):
            model.history.model.objects.filter(area_id__in=area_ids).delete()
    decisions = CommissionDecision.history.model.objects.filter(area_id__in=area_ids)
    Encouragement.history.model.objects.filter(decision_id__in=decisions.values("id")).delete()
    decisions.delete()
    BudgetLine.history.model.objects.filter(area_id__in=area_ids).delete()
    trainings = Training.history.model.objects.filter(area_id__in=area_ids)
    apps.get_model("volunteers", "HistoricalTraining_attendees").objects.filter(
        history__in=trainings
    ).delete()
    trainings.delete()
    Duty.history.model.objects.filter(beat__police_point__department__area_id__in=area_ids).delete()


def seed_register(areas, *, now=None):
    """Replace the register of `areas` with a fresh demo; return counts by record type."""
    started = timezone.now()
    latest = (now or started) - datetime.timedelta(minutes=1)
    today = timezone.localdate(now or started)
    seed_mrp(today)
    areas = list(areas.order_by("pk"))
    area_ids = [area.pk for area in areas]
    clear_register(area_ids)

    beats_by_area = {}
    beats = (
        Beat.objects.filter(police_point__department__area_id__in=area_ids)
        .select_related("inspector", "police_point__department")
        .prefetch_related("streets")
        .order_by("code")
    )
    for beat in beats:
        beats_by_area.setdefault(beat.police_point.department.area_id, []).append(beat)
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["registrar", "supervisor"])
    }
    # IINs with a live registration elsewhere stay out of the demo's way.
    used_iins = set(Assistant.objects.live().values_list("iin", flat=True))
    previous = previous_period(Cadence.QUARTERLY, today)
    totals = dict.fromkeys(
        [
            "assistants",
            "certificates",
            "trainings",
            "duties",
            "budget lines",
            "commission decisions",
            "encouragements",
            "volunteer groups",
            "volunteers",
            "volunteer activities",
        ],
        0,
    )
    with recorded_times_as_given([Assistant]):
        for area in areas:
            area_beats = [beat for beat in beats_by_area.get(area.pk, []) if beat.streets.all()]
            if not area_beats:
                continue
            slug = area_beats[0].code.rsplit("-", 1)[0]
            register = AreaRegister(
                area,
                slug,
                area_beats,
                users,
                today=today,
                started=started,
                latest=latest,
                used_iins=used_iins,
                totals=totals,
            )
            register.plan()
            register.record()
            budgets = {}
            this_year = MAIN_BUDGET if register.main else register.rng.choice(BUDGETS)
            for year, amount in ((today.year - 1, this_year - 200_000), (today.year, this_year)):
                budgets[year] = budget_set(
                    area=area, year=year, amount_kzt=Decimal(amount), user=register.akimat_user
                )
            totals["budget lines"] += 2
            duties = register.duties(previous.start)
            register.encouragement(duties, budgets)
            register.volunteers(previous.start)
            totals["assistants"] += len(register.persons)
    totals["certificates"] = Certificate.objects.filter(area_id__in=area_ids).count()
    return totals
