"""A realistic half-year of every demo beat's work, for `manage.py seed_demo`.

For each beat it writes the previous quarter and the current quarter up to today:
meetings with residents and the proposals raised at them, weekly door-to-door rounds,
preventive visits, problem places with their measures, appeals, consultations and help,
positive cases, the work plan and a few checklist ticks made by hand. It also plans one
or two meetings for the next three weeks and appoints three inspectors recently
(`Beat.inspector_since`) so the first-round reminder has something to show.

Everything is relative to today, so the demo always looks current, and deterministic:
each beat draws from its own `random.Random` seeded with its code. Running it again
first deletes the beats' workspace records (and the history rows of the historied
ones), so a second run on the same day gives the same data.

Texts are in Russian, like real entries of an Almaty inspector, and name nobody:
preventive visits carry a category, an address and a register number only.
"""

import datetime
import random
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from districts import demo_data as data
from districts.checklist import Period, period_of, previous_period
from districts.models import (
    Appeal,
    AppealChannel,
    AppealStatus,
    Beat,
    Cadence,
    ChecklistItem,
    ChecklistMark,
    DoorToDoorRound,
    Meeting,
    MeetingKind,
    MeetingStatus,
    PreventiveCategory,
    PreventiveVisit,
    ProblemKind,
    ProblemMeasure,
    ProblemSpot,
    ProblemStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RoundStreet,
    ServiceKind,
    ServiceRecord,
    TrustCase,
    WorkPlanItem,
    WorkPlanStatus,
)

DAY = datetime.timedelta(days=1)

# Beat code → days since its inspector was appointed. The first full round of the beat is
# due within a month: done by the inspector of 40 days, under way for those of 10 days.
NEW_INSPECTORS = {"almaly-03": 10, "medeu-02": 10, "almaly-05": 40}
FIRST_ROUND_DAYS = 30
# Beats that always show a street not visited this quarter and an overdue appeal, so the
# demo inspector and supervisor (Almaly) see both warnings; more beats are drawn at random.
ALWAYS_GAP = {"almaly-01"}
ALWAYS_OVERDUE = {"almaly-01"}

# Deleted in this order: plan items point at proposals, proposals at meetings.
WORKSPACE_MODELS = [
    WorkPlanItem,
    Proposal,
    Meeting,
    DoorToDoorRound,
    PreventiveVisit,
    ProblemSpot,
    Appeal,
    ServiceRecord,
    TrustCase,
    ChecklistMark,
]
HISTORIED_MODELS = [Proposal, ProblemSpot, Appeal]

# Rough centres of the districts, kept inside lat 43.20–43.35, lon 76.85–77.05.
AREA_CENTRES = {
    "alatau": (43.305, 76.870),
    "almaly": (43.252, 76.920),
    "auezov": (43.228, 76.870),
    "bostandyk": (43.215, 76.925),
    "zhetysu": (43.300, 76.940),
    "medeu": (43.248, 76.975),
    "nauryzbay": (43.208, 76.865),
    "turksib": (43.330, 76.965),
}
GENITIVE = {area["slug"]: area["genitive"]["ru"] for area in data.AREAS}

HOUSING = [
    "Алатау",
    "Самал",
    "Достык",
    "Жетысу",
    "Тау Самалы",
    "Асыл Тау",
    "Керемет",
    "Нурлы Тау",
    "Береке",
    "Бахыт",
    "Атамекен",
    "Шугыла",
]
SHOPS = ["Продукты 24", "Береке", "Дастархан", "Мини-маркет Арай", "Магнит-Алма", "Корзинка у дома"]

# ---------------------------------------------------------------------------- meetings

TOPICS = {
    MeetingKind.RESIDENTS: [
        "Профилактика телефонного и интернет-мошенничества",
        "Безопасность детей во дворе и на дороге",
        "Парковка во дворе и проезд скорой помощи",
        "Освещение двора и камеры видеонаблюдения",
        "Подростки в подъездах в вечернее время",
        "Бездомные собаки",
        "Тишина в ночное время",
        "Квартиры, сдаваемые посуточно",
        "Работа общественных помощников полиции",
    ],
    MeetingKind.OSI_KSK: [
        "Камеры видеонаблюдения у подъездов",
        "Доступ посторонних в подъезды и подвалы",
        "Пожарная безопасность в подъездах",
        "Парковка на придомовой территории",
        "Чат дома и связь с участковым",
    ],
    MeetingKind.PARENTS: [
        "Комендантский час для несовершеннолетних",
        "Занятость детей после уроков",
        "Безопасность детей в интернете",
        "Вейпы и энергетики: что делать родителям",
    ],
    MeetingKind.RECEPTION: [
        "Личный приём граждан",
        "Консультации по правовым вопросам",
        "Соседские споры",
        "Регистрация по месту жительства",
    ],
    MeetingKind.LESSON: [
        "Правовой урок: ответственность несовершеннолетних",
        "Кибербуллинг и безопасность в соцсетях",
        "Правила дорожного движения для пешеходов и самокатчиков",
        "Профилактика употребления вейпов и ПАВ",
        "Телефонные мошенники: как не стать соучастником",
    ],
    MeetingKind.REPORT: [
        "Обсуждение проблем участка и предложений жителей",
        "План работы на следующий квартал",
    ],
}
ATTENDANCE = {
    MeetingKind.RESIDENTS: (15, 60),
    MeetingKind.OSI_KSK: (8, 35),
    MeetingKind.PARENTS: (12, 40),
    MeetingKind.RECEPTION: (8, 15),
    MeetingKind.LESSON: (20, 45),
    MeetingKind.REPORT: (30, 60),
}
HOURS = {
    MeetingKind.RESIDENTS: [(18, 30), (19, 0), (11, 0)],
    MeetingKind.OSI_KSK: [(18, 0), (19, 0)],
    MeetingKind.PARENTS: [(18, 0), (17, 30)],
    MeetingKind.RECEPTION: [(10, 0), (15, 0)],
    MeetingKind.LESSON: [(10, 0), (11, 30), (14, 0)],
    MeetingKind.REPORT: [(18, 30), (11, 0)],
}
# The first meeting of a month counts for the monthly residents' meeting of the checklist.
MAIN_KINDS = [MeetingKind.RESIDENTS] * 3 + [MeetingKind.OSI_KSK] * 2
OTHER_KINDS = [
    MeetingKind.RESIDENTS,
    MeetingKind.OSI_KSK,
    MeetingKind.PARENTS,
    MeetingKind.RECEPTION,
    MeetingKind.RECEPTION,
    MeetingKind.LESSON,
    MeetingKind.LESSON,
]
SCHOOL_KINDS = {MeetingKind.PARENTS, MeetingKind.LESSON}

# kind, text, work plan task, outcome when done, reason when declined (None: never declined).
PROPOSALS = [
    (
        ProposalKind.PROPOSAL,
        "Установить фонари во дворе дома {house}: вечером темно, жители боятся возвращаться домой.",
        "Добиться установки освещения во дворе дома {house}",
        "По представлению участкового акимат установил во дворе четыре фонаря.",
        "Двор относится к придомовой территории; ОСИ разъяснён порядок установки освещения "
        "за счёт собственников.",
    ),
    (
        ProposalKind.PROPOSAL,
        "Установить камеры видеонаблюдения у подъездов и на детской площадке дома {house}.",
        "Согласовать с ОСИ установку камер у дома {house}",
        "ОСИ установило камеры у подъездов, запись хранится 30 дней.",
        "Собрание собственников не поддержало расходы; вопрос вынесен на следующее собрание.",
    ),
    (
        ProposalKind.PROPOSAL,
        "Установить «лежачих полицейских» на въезде во двор дома {house}: машины ездят "
        "быстро, рядом детская площадка.",
        "Направить письмо об искусственных неровностях у дома {house}",
        "Искусственные неровности и знак «Дети» установлены.",
        "Проезд является пожарным, неровности не согласованы; установлен знак ограничения "
        "скорости.",
    ),
    (
        ProposalKind.PROBLEM,
        "По вечерам в подъезде дома {house} собирается молодёжь, шумят и курят.",
        "Провести вечерние рейды у дома {house} с общественными помощниками",
        "Проведены рейды и беседы с подростками, на подъезде установлен домофон; жалоб больше нет.",
        None,
    ),
    (
        ProposalKind.PROBLEM,
        "Автомобили паркуются на газоне и перекрывают проезд к дому {house}.",
        "Провести совместный с акиматом рейд по парковке у дома {house}",
        "Проведён совместный рейд, вдоль газона установлены ограждения.",
        "Нарушения правил парковки рассматривает административная полиция; материалы "
        "переданы по подведомственности.",
    ),
    (
        ProposalKind.PROBLEM,
        "Во дворе дома {house} и у школы ходит стая бездомных собак.",
        "Направить заявку на отлов бездомных собак у дома {house}",
        "Заявка направлена в службу отлова, собаки отловлены.",
        "Отлов животных вне компетенции полиции; жителям разъяснено, как подать заявку в "
        "акимат через eOtinish.",
    ),
    (
        ProposalKind.PROPOSAL,
        "Провести для подростков встречу о безопасности в интернете и мошенничестве.",
        "Провести встречу с подростками о безопасности в интернете",
        "Встреча проведена в школе, пришли около 30 учащихся и родители.",
        None,
    ),
    (
        ProposalKind.PROBLEM,
        "Квартира в доме {house} сдаётся посуточно, по ночам шумные компании.",
        "Проверить квартиру, сдаваемую посуточно, в доме {house}",
        "Проведена проверка, собственник предупреждён; сведения переданы в налоговый орган.",
        None,
    ),
    (
        ProposalKind.PROPOSAL,
        "Организовать дежурство общественных помощников у школы в часы окончания уроков.",
        "Организовать дежурство общественных помощников у школы",
        "Общественные помощники дежурят у школы по будням с 13:00 до 14:00.",
        "Пока недостаточно общественных помощников; набор продолжается.",
    ),
    (
        ProposalKind.PROBLEM,
        "Не работает домофон в доме {house}, в подъезд заходят посторонние.",
        "Добиться ремонта домофона в доме {house}",
        "ОСИ отремонтировало домофон.",
        "Ремонт домофона — обязанность ОСИ; жителям разъяснено, куда обращаться.",
    ),
    (
        ProposalKind.PROPOSAL,
        "Нанести разметку и осветить пешеходный переход у дома {house}.",
        "Направить письмо о разметке и освещении перехода у дома {house}",
        "Разметка нанесена, над переходом установлен светильник.",
        None,
    ),
]
GENERIC_TASKS = [
    "Провести акцию «Безопасный двор» совместно с ОСИ",
    "Провести правовой урок в школе о кибербуллинге",
    "Обновить список проблемных мест участка",
    "Провести совместный рейд с общественными помощниками в вечернее время",
    "Разместить в подъездах памятки о телефонном мошенничестве",
]
MAX_PLANNED_PROPOSALS = 2

# ---------------------------------------------------------------------------- rounds

ROUND_NOTES = [
    "",
    "",
    "",
    "Вручены памятки о телефонном мошенничестве.",
    "Выявлены две квартиры, сдаваемые посуточно.",
    "Жалоб от жителей не поступило.",
    "Жители просят осветить двор, предложение передано в ОСИ.",
    "Проверены подвалы и чердаки, доступ закрыт.",
    "Жителям оставлен номер участкового и ссылка на чат дома.",
]

# ---------------------------------------------------------------------------- prevention

VISIT_NOTES = {
    PreventiveCategory.FAMILY: [
        "Проведена профилактическая беседа, условия проживания удовлетворительные.",
        "Конфликтов в семье со слов соседей не было.",
        "Разъяснён порядок получения помощи в кризисном центре.",
    ],
    PreventiveCategory.TEENAGER: [
        "Беседа с подростком и родителями; подросток посещает школу и спортивную секцию.",
        "Проверено соблюдение комендантского часа, нарушений нет.",
        "Подростку предложены занятия в кружке при школе.",
    ],
    PreventiveCategory.SUPERVISED: [
        "Проверено соблюдение ограничений административного надзора, нарушений нет.",
        "Поднадзорный находился дома в установленное время.",
    ],
    PreventiveCategory.OTHER: [
        "Проверка по сигналу соседей, нарушений не выявлено.",
        "Профилактическая беседа о соблюдении тишины.",
    ],
}
REFERENCE_PATTERN = re.compile(r"^ПУ-\d{4}-\d{4}$")

# ---------------------------------------------------------------------------- problems

PROBLEM_TEXTS = {
    ProblemKind.DARK_YARD: (
        "Двор дома {house}",
        "Не горят фонари во дворе и у детской площадки, вечером темно.",
        "Направлено представление об устранении причин и условий: во дворе нет освещения.",
        "Освещение установлено, проверено на месте вечером.",
    ),
    ProblemKind.YOUTH_GATHERING: (
        "Сквер у дома {house}",
        "Вечерами собирается молодёжь, распивают спиртное, жители жалуются на шум.",
        "Направлено представление об освещении сквера и установке камер.",
        "Сквер освещён, установлены камеры; жалоб больше нет.",
    ),
    ProblemKind.ABANDONED_BUILDING: (
        "Недостроенное здание, {addr}",
        "Заброшенный объект без ограждения, туда заходят подростки.",
        "Направлено представление об ограждении и консервации здания.",
        "Здание огорожено, входы закрыты.",
    ),
    ProblemKind.ALCOHOL_TO_MINORS: (
        "Магазин «{shop}», {addr}",
        "По сообщениям жителей, подросткам продают пиво и сигареты.",
        "Направлено представление о нарушении правил торговли алкоголем и табаком.",
        "Контрольная закупка нарушений не выявила.",
    ),
    ProblemKind.TRAFFIC: (
        "Пешеходный переход у дома {house}",
        "Водители не пропускают детей у школы, переход не освещён, разметка стёрлась.",
        "Направлено представление о разметке и освещении перехода.",
        "Разметка нанесена, переход освещён.",
    ),
    ProblemKind.OTHER: (
        "Гаражи за домом {house}",
        "Стихийная свалка, по ночам собираются посторонние.",
        "Направлено представление о вывозе мусора и сносе бесхозных построек.",
        "Мусор вывезен, бесхозные постройки снесены.",
    ),
}
PROBLEM_SENT_TO = {
    ProblemKind.TRAFFIC: "ГУ «Управление мобильности г. Алматы»",
    ProblemKind.ALCOHOL_TO_MINORS: "ГУ «Управление предпринимательства и инвестиций г. Алматы»",
    ProblemKind.OTHER: "ГУ «Отдел ЖКХ» акимата {genitive}",
}
ROUTINE_MEASURES = [
    "Проведён рейд совместно с общественными помощниками.",
    "Проведены беседы с жителями, в подъездах размещены памятки.",
    "Вопрос обсуждён на встрече с жителями.",
    "Место проверено в вечернее время, нарушений не выявлено.",
]

# ---------------------------------------------------------------------------- appeals

APPEALS = [
    (
        "Шум от соседей в ночное время",
        "Жильцы квартиры сверху шумят после 23:00.",
        "Проведена беседа с соседями, разъяснены требования о тишине. Повторных жалоб нет.",
    ),
    (
        "Парковка на газоне во дворе",
        "Машины ставят на газон и у детской площадки.",
        "Проведён рейд, водителям вручены предупреждения; в акимат направлено письмо об "
        "ограждениях.",
    ),
    (
        "Подростки собираются в подъезде",
        "По вечерам в подъезде курят и шумят подростки.",
        "Проведены вечерние проверки и беседы с подростками и их родителями.",
    ),
    (
        "Звонок мошенников от имени банка",
        "Звонили от «службы безопасности банка» и просили код из SMS.",
        "Даны разъяснения о схемах мошенничества; заявителю рекомендовано заблокировать карту "
        "через банк.",
    ),
    (
        "Бездомные собаки у школы",
        "Стая собак у входа в школу, дети боятся.",
        "Направлена заявка в службу отлова, заявитель уведомлён.",
    ),
    (
        "Не горит освещение во дворе",
        "Во дворе не горят фонари больше недели.",
        "Направлено письмо в акимат района, освещение восстановлено.",
    ),
    (
        "Продажа алкоголя несовершеннолетним",
        "В магазине у дома продают пиво подросткам.",
        "Проведена проверка магазина, материалы направлены для привлечения продавца к "
        "ответственности.",
    ),
    (
        "Конфликт из-за парковочного места",
        "Сосед занимает чужое место и угрожает.",
        "Соседи приглашены на беседу, спор урегулирован примирением.",
    ),
    (
        "Брошенный автомобиль во дворе",
        "Автомобиль без номеров стоит во дворе несколько месяцев.",
        "Владелец установлен, автомобиль убран со двора.",
    ),
    (
        "Как зарегистрировать родственника",
        "Вопрос о регистрации по месту жительства.",
        "Дана консультация о регистрации через ЦОН и портал eGov.",
    ),
    (
        "Грузовые машины ночуют во дворе",
        "Грузовики стоят во дворе и мешают проезду.",
        "Владельцам разъяснены правила стоянки, грузовики больше не оставляют.",
    ),
    (
        "Посуточная сдача квартиры",
        "В квартире посуточно живут шумные компании.",
        "Проведена проверка квартиры, собственник предупреждён.",
    ),
]
CHANNELS = (
    [AppealChannel.PHONE] * 3
    + [AppealChannel.MESSENGER] * 3
    + [AppealChannel.RECEPTION] * 2
    + [AppealChannel.SOCIAL, AppealChannel.ONLINE]
)

SERVICE_NOTES = {
    ServiceKind.CONSULTATION: [
        "Консультации по семейным спорам",
        "Разъяснение порядка обращения в суд",
        "Как защититься от телефонных мошенников",
        "",
    ],
    ServiceKind.HELP: [
        "Помощь пожилой жительнице в вызове скорой помощи",
        "Помощь в поиске потерянных документов",
        "Сопровождение жителя с инвалидностью в ЦОН",
    ],
    ServiceKind.MEDIATION: [
        "Примирение соседей в споре о парковке",
        "Урегулирован конфликт из-за шума",
    ],
    ServiceKind.REFERRAL: [
        "Направление в кризисный центр",
        "Направление в центр бесплатной юридической помощи",
        "Направление в социальную службу акимата",
    ],
    ServiceKind.OTHER: ["Проверка сообщения о подозрительном предмете", ""],
}
SERVICE_KINDS = (
    [ServiceKind.CONSULTATION] * 4
    + [ServiceKind.HELP] * 2
    + [ServiceKind.MEDIATION, ServiceKind.REFERRAL, ServiceKind.OTHER]
)

TRUST_CASES = [
    (
        "Соседи помирились без протокола",
        "Давний спор соседей из-за шума решили на встрече у участкового: договорились о "
        "тишине после 23:00, жалоб больше нет.",
    ),
    (
        "Жители помогли найти ребёнка",
        "Вечером пропал восьмилетний мальчик. После сообщения в чате дома жители и "
        "общественные помощники нашли его в соседнем сквере меньше чем за час.",
    ),
    (
        "Пенсионерка не отдала деньги мошенникам",
        "Перед переводом денег «службе безопасности банка» жительница позвонила участковому. "
        "Перевод не состоялся, сбережения сохранены.",
    ),
    (
        "Благодарность от ОСИ",
        "ОСИ дома направило благодарственное письмо за помощь с камерами видеонаблюдения и "
        "порядок во дворе.",
    ),
    (
        "Подросток вернулся к учёбе",
        "Подросток из группы риска после бесед с участковым и школьным психологом вернулся "
        "к занятиям и записался в спортивную секцию.",
    ),
    (
        "Жители сами сообщили о притоне",
        "По анонимному сообщению в мессенджер выявлена квартира, где собирались посторонние; "
        "жители подъезда поблагодарили за быструю реакцию.",
    ),
    (
        "Возвращён потерянный кошелёк",
        "Школьники принесли найденный кошелёк в пункт полиции; владельца нашли в тот же день.",
    ),
]

# Notes for the checklist items ticked by hand, by the Russian text of Appendix B.
CHECKLIST_NOTES = {
    "Провести информационную акцию": "Акция «Безопасный двор» с ОСИ, роздано 150 памяток.",
    "В каждом обращении": "Обращения за месяц рассмотрены с выездом к заявителям.",
    "Использовать диалог": "Споры о парковке решены разъяснением, без протоколов.",
    "Решать конфликты": "Два соседских конфликта урегулированы примирением.",
    "Наладить контакт": "Участие в совещании у акима района по благоустройству дворов.",
    "Участвовать в работе": "Доклад на заседании общественного совета района.",
    "Вовлечь НПО": "Волонтёры молодёжного центра участвовали в вечернем рейде.",
    "Пройти тренинг": "Семинар по медиации в Академии МВД, получен сертификат.",
    "Изучить новые цифровые": "Освоен приём обращений через eOtinish и чат участка.",
}
CHECKLIST_NOTE_DEFAULT = "Выполнено, подтверждающие материалы в деле участка."


# ---------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class Calendar:
    now: datetime.datetime
    today: datetime.date
    previous: Period  # the previous quarter
    current: Period  # the current quarter; only days up to today are filled

    @classmethod
    def at_moment(cls, now):
        today = timezone.localdate(now)
        return cls(
            now=now,
            today=today,
            previous=previous_period(Cadence.QUARTERLY, today),
            current=period_of(Cadence.QUARTERLY, today),
        )

    @property
    def first(self):
        return self.previous.start

    @property
    def yesterday(self):
        return self.today - DAY

    def at(self, day, hour, minute=0):
        tz = timezone.get_current_timezone()
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)

    def past(self, day, hour, minute=0):
        """`day` at the given time, moved back to just before now if that is later."""
        moment = self.at(day, hour, minute)
        limit = self.now - datetime.timedelta(minutes=1)
        return moment if moment <= limit else max(self.at(day, 0), limit)

    def months(self):
        """(first, last) day of each month from the previous quarter's start to today."""
        start = self.first
        while start <= self.today:
            following = period_of(Cadence.MONTHLY, start).end
            yield start, min(following - DAY, self.today)
            start = following

    def weeks(self):
        """(first, last) day of each week (Monday to Sunday) overlapping the filled days."""
        start = self.first - datetime.timedelta(days=self.first.weekday())
        while start <= self.today:
            yield max(start, self.first), min(start + 6 * DAY, self.today)
            start += 7 * DAY

    def quarter_of(self, day):
        return "current" if day >= self.current.start else "previous"


def random_day(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def random_days(rng, first, last, count):
    span = (last - first).days + 1
    offsets = rng.sample(range(span), min(count, span))
    return sorted(first + datetime.timedelta(days=offset) for offset in offsets)


_SPAN = re.compile(r"(\d+)\s*[–—-]\s*(\d+)")


def street_spans(street):
    """The (low, high) house ranges of a beat street; [] when it has the whole street."""
    return [(int(low), int(high)) for low, high in _SPAN.findall(street.houses)]


def address(street, house):
    """An address line: "ул. Желтоксан, 112" or "мкр. Тастак-1, д. 12"."""
    if street.name_ru.startswith("мкр."):
        return f"{street.name_ru}, д. {house}"
    return f"{street.name_ru}, {house}"


def house_ref(street, house):
    """A house to follow "дом" in a sentence: "№ 112 по ул. Желтоксан", "№ 12 в мкр. Тастак-1"."""
    preposition = "в" if street.name_ru.startswith("мкр.") else "по"
    return f"№ {house} {preposition} {street.name_ru}"


# ---------------------------------------------------------------------------- the work


@dataclass
class Batch:
    """Unsaved records of all beats, written with one bulk insert per model."""

    meetings: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    plan_items: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    round_streets: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    spots: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    appeals: list = field(default_factory=list)
    services: list = field(default_factory=list)
    trust_cases: list = field(default_factory=list)
    marks: list = field(default_factory=list)

    def save(self):
        order = [
            (Meeting, self.meetings),
            (Proposal, self.proposals),
            (WorkPlanItem, self.plan_items),
            (DoorToDoorRound, self.rounds),
            (RoundStreet, self.round_streets),
            (PreventiveVisit, self.visits),
            (ProblemSpot, self.spots),
            (ProblemMeasure, self.measures),
            (Appeal, self.appeals),
            (ServiceRecord, self.services),
            (TrustCase, self.trust_cases),
            (ChecklistMark, self.marks),
        ]
        with recorded_times_as_given([model for model, _ in order]):
            for model, objects in order:
                # bulk_create copies the ids of related objects saved in an earlier step.
                model.objects.bulk_create(objects, batch_size=500)
                if model in HISTORIED_MODELS:
                    model.history.bulk_history_create(objects, batch_size=500)
        return {
            "meetings": len(self.meetings),
            "proposals": len(self.proposals),
            "door-to-door rounds": len(self.rounds),
            "round streets": len(self.round_streets),
            "preventive visits": len(self.visits),
            "problem places": len(self.spots),
            "measures": len(self.measures),
            "appeals": len(self.appeals),
            "service records": len(self.services),
            "positive cases": len(self.trust_cases),
            "work plan items": len(self.plan_items),
            "checklist ticks": len(self.marks),
        }


@contextmanager
def recorded_times_as_given(models):
    """Let bulk_create keep the `created_at`/`marked_at` values set on the demo records.

    Those fields are auto_now_add, which would stamp every record with the moment of the
    seed; the demo needs them on the day the work was done.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False)
    ]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


class BeatWork:
    """Draws the work of one beat into a Batch."""

    def __init__(self, beat, calendar, batch, manual_items):
        self.beat = beat
        self.cal = calendar
        self.batch = batch
        self.manual_items = manual_items
        self.rng = random.Random(f"seed-demo-work:{beat.code}")
        self.inspector = beat.inspector
        self.beat_proposals = []  # (proposal, its work plan task)
        self.streets = sorted(beat.streets.all(), key=lambda s: s.pk)
        self.slug = beat.code.rsplit("-", 1)[0]
        self.genitive = GENITIVE.get(self.slug, "района")
        rng = self.rng
        self.housing = rng.sample(HOUSING, 3)
        first, second = rng.sample(range(8, 190), 2)
        self.schools = [
            (f"школа-гимназия № {first}", f"школы-гимназии № {first}"),
            (f"общеобразовательная школа № {second}", f"общеобразовательной школы № {second}"),
        ]
        self.osi = [f"ОСИ «{name}-{rng.randint(2, 40)}»" for name in self.housing[:2]] + [
            f"КСК «{self.housing[2]}»"
        ]
        lat, lon = AREA_CENTRES.get(self.slug, (43.25, 76.93))
        self.centre = (lat + rng.uniform(-0.012, 0.012), lon + rng.uniform(-0.015, 0.015))

    # -- helpers

    def house(self, street):
        rng = self.rng
        spans = street_spans(street)
        if not spans:
            return rng.randint(1, 120)
        low, high = rng.choice(spans)
        if low % 2 == high % 2:
            return low + 2 * rng.randint(0, (high - low) // 2)
        return rng.randint(low, high)

    def place(self, street=None):
        street = street or self.rng.choice(self.streets)
        return address(street, self.house(street))

    def house_in_text(self, street=None):
        street = street or self.rng.choice(self.streets)
        return house_ref(street, self.house(street))

    def sub_range(self, street):
        """A part of the beat's share of the street, in the portal's house-list syntax."""
        rng = self.rng
        spans = street_spans(street)
        if not spans:
            return f"1–{rng.randrange(30, 101, 2)}"
        low, high = spans[0]
        if low % 2 == high % 2:
            steps = (high - low) // 2
            return f"{low}–{low + 2 * rng.randint(max(1, steps // 3), max(1, 2 * steps // 3))}"
        return f"{low}–{rng.randint(low + (high - low) // 3, low + 2 * (high - low) // 3)}"

    def recorded(self, day, hour=None):
        hour = self.rng.randint(17, 20) if hour is None else hour
        return self.cal.past(day, hour, self.rng.choice([0, 10, 25, 40, 55]))

    def common(self, day, hour=None):
        return {
            "beat": self.beat,
            "created_by": self.inspector,
            "created_at": self.recorded(day, hour),
        }

    # -- the whole beat

    def draw(self):
        self.meetings()
        self.rounds()
        self.preventive_visits()
        self.problem_places()
        self.appeals()
        self.service_records()
        self.trust_cases()
        self.checklist_marks()

    # -- meetings, proposals and the work plan

    def meetings(self):
        rng, cal = self.rng, self.cal
        plans = []  # (day, kind, status)
        for first, last in cal.months():
            last = min(last, cal.yesterday)
            if last < first:
                continue
            span = (last - first).days + 1
            if span >= 20:
                count = rng.choice([1, 2, 2])
            elif span >= 7:
                count = 1
            else:
                count = 0
            for index, day in enumerate(random_days(rng, first, last, count)):
                kind = rng.choice(MAIN_KINDS if index == 0 else OTHER_KINDS)
                plans.append((day, kind, MeetingStatus.HELD))
            if span >= 20 and rng.random() < 0.06:
                plans.append(
                    (random_day(rng, first, last), MeetingKind.RESIDENTS, MeetingStatus.CANCELLED)
                )
        # The report meeting on the quarter before, held early in the previous quarter.
        prev = cal.previous
        plans.append(
            (
                random_day(rng, prev.start + 5 * DAY, prev.start + 25 * DAY),
                MeetingKind.REPORT,
                MeetingStatus.HELD,
            )
        )
        # A joint event with a school in most quarters.
        for first, last in [(prev.start, prev.last_day), (cal.current.start, cal.yesterday)]:
            has_school = any(
                kind in SCHOOL_KINDS and first <= day <= last for day, kind, _ in plans
            )
            if not has_school and first <= last and rng.random() < 0.9:
                plans.append(
                    (
                        random_day(rng, first, last),
                        rng.choice(list(SCHOOL_KINDS)),
                        MeetingStatus.HELD,
                    )
                )
        # Always a held meeting this quarter, even on its first day.
        if not any(
            day >= cal.current.start and status == MeetingStatus.HELD for day, _, status in plans
        ):
            first = max(cal.current.start, cal.today - 14 * DAY)
            day = random_day(rng, first, cal.yesterday) if first <= cal.yesterday else cal.today
            plans.append((day, MeetingKind.RESIDENTS, MeetingStatus.HELD))

        for day, kind, status in sorted(plans):
            self.held_meeting(day, kind, status)
        self.planned_meetings()
        self.work_plan()

    def topics(self, kind, count=None):
        options = TOPICS[kind]
        count = count or self.rng.randint(1, min(3, len(options)))
        return "; ".join(self.rng.sample(options, count))

    def venue(self, kind):
        """(place, partners) of a meeting of this kind."""
        rng = self.rng
        street = rng.choice(self.streets)
        addr = self.place(street)
        house = self.house_in_text(street)
        osi = rng.choice(self.osi)
        school, school_genitive = rng.choice(self.schools)
        housing = rng.choice(self.housing)
        match kind:
            case MeetingKind.RESIDENTS:
                place = rng.choice(
                    [
                        f"Двор ЖК «{housing}», {addr}",
                        f"Двор дома {house}",
                        f"Детская площадка у дома {house}",
                    ]
                )
                partners = rng.choice(["", osi, f"{osi}, общественные помощники полиции"])
            case MeetingKind.OSI_KSK:
                place = f"Офис {osi}, {addr}"
                partners = osi
            case MeetingKind.PARENTS:
                place = f"{school[0].upper()}{school[1:]}, актовый зал, {addr}"
                partners = f"{school}, родительский комитет"
            case MeetingKind.LESSON:
                place = f"{school[0].upper()}{school[1:]}, {addr}"
                partners = school
            case MeetingKind.RECEPTION:
                point = self.beat.police_point
                place = f"{point.name_ru}, {point.address_ru}"
                partners = rng.choice(["", "общественные помощники полиции"])
            case _:  # report meetings
                place = rng.choice(
                    [f"Актовый зал {school_genitive}, {addr}", f"Двор ЖК «{housing}», {addr}"]
                )
                partners = f"Акимат {self.genitive}, {osi}, {school}"
        return place, partners

    def report_topics(self, day):
        reported = previous_period(Cadence.QUARTERLY, day)
        quarter = (reported.start.month - 1) // 3 + 1
        heading = (
            f"Отчёт участкового инспектора о работе за {quarter} квартал {reported.start.year} г."
        )
        return f"{heading}; {self.topics(MeetingKind.REPORT, 1)}"

    def held_meeting(self, day, kind, status):
        rng, cal = self.rng, self.cal
        hour, minute = rng.choice(HOURS[kind])
        held_at = cal.past(day, hour, minute)
        place, partners = self.venue(kind)
        held = status == MeetingStatus.HELD
        meeting = Meeting(
            beat=self.beat,
            created_by=self.inspector,
            created_at=min(held_at + datetime.timedelta(hours=2), cal.now),
            kind=kind,
            status=status,
            held_at=held_at,
            place=place,
            partners=partners,
            attendance=rng.randint(*ATTENDANCE[kind]) if held else None,
            topics=self.report_topics(day) if kind == MeetingKind.REPORT else self.topics(kind),
        )
        self.batch.meetings.append(meeting)
        if held:
            self.proposals(meeting, day)

    def planned_meetings(self):
        rng, cal = self.rng, self.cal
        days = random_days(rng, cal.today + 2 * DAY, cal.today + 20 * DAY, rng.randint(1, 2))
        kinds = [
            MeetingKind.REPORT if rng.random() < 0.4 else MeetingKind.RESIDENTS,
            rng.choice([MeetingKind.OSI_KSK, MeetingKind.PARENTS, MeetingKind.LESSON]),
        ]
        for index, (day, kind) in enumerate(zip(days, kinds, strict=False)):
            hour, minute = rng.choice(HOURS[kind])
            place, partners = self.venue(kind)
            topics = self.report_topics(day) if kind == MeetingKind.REPORT else self.topics(kind)
            self.batch.meetings.append(
                Meeting(
                    beat=self.beat,
                    created_by=self.inspector,
                    created_at=cal.now - datetime.timedelta(days=rng.randint(1, 6), hours=3),
                    kind=kind,
                    status=MeetingStatus.PLANNED,
                    held_at=cal.at(day, hour, minute),
                    place=place,
                    partners=partners,
                    topics=topics,
                    is_public=index == 0,
                )
            )

    def proposals(self, meeting, day):
        rng = self.rng
        if meeting.kind in {MeetingKind.RESIDENTS, MeetingKind.OSI_KSK, MeetingKind.REPORT}:
            count = rng.choice([0, 1, 1, 2, 3])
        else:
            count = rng.choice([0, 0, 1])
        recent = self.cal.quarter_of(day) == "current"
        for template in rng.sample(PROPOSALS, count):
            kind, text, _plan, done, declined = template
            house = self.house_in_text()
            if recent:
                status = rng.choice(["new", "new", "planned", "planned", "done", "declined"])
            else:
                status = rng.choice(["done", "done", "done", "declined", "planned", "new"])
            planned = sum(p.status == ProposalStatus.PLANNED for p, _ in self.beat_proposals)
            if (status == "planned" and planned >= MAX_PLANNED_PROPOSALS) or (
                status == "declined" and not declined
            ):
                status = "new" if recent else "done"
            outcome = {
                "done": done,
                "declined": declined,
                "planned": "Включено в план работы участка.",
                "new": "",
            }[status]
            proposal = Proposal(
                beat=self.beat,
                meeting=meeting,
                kind=kind,
                text=text.format(house=house),
                status=ProposalStatus(status),
                outcome=outcome,
                created_at=meeting.created_at,
            )
            proposal._history_user = self.inspector
            proposal._history_date = meeting.created_at
            self.beat_proposals.append((proposal, template[2].format(house=house)))
            self.batch.proposals.append(proposal)

    def work_plan(self):
        rng, cal = self.rng, self.cal
        items = []
        for proposal, task in self.beat_proposals:
            if proposal.status == ProposalStatus.PLANNED:
                items.append(
                    WorkPlanItem(
                        title=task,
                        proposal=proposal,
                        due_on=cal.today + rng.randint(7, 30) * DAY,
                        status=rng.choice([WorkPlanStatus.PLANNED, WorkPlanStatus.IN_PROGRESS]),
                        created_at=min(proposal.created_at + DAY, cal.now),
                    )
                )
        done = [(p, task) for p, task in self.beat_proposals if p.status == ProposalStatus.DONE]
        proposal, task = rng.choice(done) if done else (None, rng.choice(GENERIC_TASKS))
        created = proposal.created_at + DAY if proposal else cal.at(cal.first + 3 * DAY, 10)
        created = min(created, cal.now)
        done_on = random_day(rng, timezone.localdate(created), cal.today)
        items.append(
            WorkPlanItem(
                title=task,
                proposal=proposal,
                due_on=done_on + rng.randint(0, 10) * DAY,
                status=WorkPlanStatus.DONE,
                done_on=done_on,
                note=proposal.outcome if proposal else "Выполнено.",
                created_at=created,
            )
        )
        spare = [t for t in GENERIC_TASKS if t != task]
        extra = 2 - len(items) if len(items) < 2 else int(len(items) < 4 and rng.random() < 0.4)
        for title in rng.sample(spare, extra):
            items.append(
                WorkPlanItem(
                    title=title,
                    due_on=cal.today + rng.randint(5, 30) * DAY,
                    status=WorkPlanStatus.PLANNED,
                    created_at=cal.past(cal.today - rng.randint(0, 20) * DAY, 9),
                )
            )
        for item in items:
            item.beat, item.created_by = self.beat, self.inspector
        self.batch.plan_items.extend(items)

    # -- door-to-door rounds

    def rounds(self):
        rng, cal = self.rng, self.cal
        code = self.beat.code
        days = []
        for first, last in cal.weeks():
            if rng.random() < 0.9 or (first <= cal.current.start <= last):
                days.append(random_day(rng, first, last))
        if not any(day >= cal.current.start for day in days):
            days.append(cal.today)

        streets = list(self.streets)
        rng.shuffle(streets)
        # Most beats walked every street last quarter; a few missed one, and some have a
        # street not visited yet this quarter.
        since_days = NEW_INSPECTORS.get(code)
        since = cal.today - since_days * DAY if since_days else None
        prev_pool = streets[1:] if rng.random() < 0.12 and since_days is None else streets
        gap = code in ALWAYS_GAP or (since_days is None and rng.random() < 0.25)
        cur_pool = streets[1:] if gap and len(streets) > 1 else streets
        first_round = since and since_days >= FIRST_ROUND_DAYS
        if since:
            # The new inspector's own rounds start on their first days.
            if not any(since <= day for day in days):
                days.append(min(since + 2 * DAY, cal.today))
            if first_round:
                window = [d for d in days if since <= d < since + FIRST_ROUND_DAYS * DAY]
                if len(window) < 2:
                    days.append(since + 12 * DAY)
        days = sorted(set(days))

        rotations = {
            "previous": Rotation(prev_pool, self),
            "current": Rotation(cur_pool, self),
            "new": Rotation(streets[1:] or streets, self),  # a first round not finished yet
        }
        first_round_days = []
        for day in days:
            if first_round and since <= day < since + FIRST_ROUND_DAYS * DAY:
                first_round_days.append(day)
                continue
            key = "new" if since and not first_round and day >= since else cal.quarter_of(day)
            self.add_round(day, rotations[key].take(rng.randint(1, 3)))
        # The appointed inspector's first round: every street of the beat, whole.
        for index, day in enumerate(first_round_days):
            share = streets[index :: len(first_round_days)]
            self.add_round(day, [(street, "") for street in share] or rotations["current"].take(1))

    def add_round(self, day, visits):
        rng = self.rng
        apartments = rng.randint(15, 80)
        visit = DoorToDoorRound(
            **self.common(day),
            date=day,
            apartments_visited=apartments,
            residents_met=rng.randint(apartments * 2 // 5, apartments * 9 // 10),
            notes=rng.choice(ROUND_NOTES),
        )
        self.batch.rounds.append(visit)
        for street, houses in visits:
            self.batch.round_streets.append(RoundStreet(round=visit, street=street, houses=houses))

    # -- preventive visits

    def preventive_visits(self):
        rng, cal = self.rng, self.cal
        categories = [
            PreventiveCategory.FAMILY,
            PreventiveCategory.TEENAGER,
            PreventiveCategory.FAMILY,
            PreventiveCategory.TEENAGER,
            PreventiveCategory.SUPERVISED,
            PreventiveCategory.OTHER,
        ][: rng.randint(3, 6)]
        numbers = rng.sample(range(1, 800), len(categories))
        register = []
        for category, number in zip(categories, numbers, strict=True):
            year = cal.today.year - rng.choice([0, 1, 1, 2])
            street = rng.choice(self.streets)
            flat = f", кв. {rng.randint(1, 180)}" if rng.random() < 0.8 else ""
            register.append((category, f"ПУ-{year}-{number:04d}", f"{self.place(street)}{flat}"))
        by_category = {}
        for entry in register:
            by_category.setdefault(entry[0], []).append(entry)
        for first, last in cal.months():
            span = (last - first).days + 1
            count = rng.randint(2, 6)
            if span < 28:
                count = max(1, round(count * span / 30))
            for index, day in enumerate(random_days(rng, first, last, count)):
                # The families and teenagers of the register are seen every month.
                wanted = [PreventiveCategory.FAMILY, PreventiveCategory.TEENAGER]
                if index < 2:
                    category, reference, where = rng.choice(by_category[wanted[index]])
                else:
                    category, reference, where = rng.choice(register)
                self.batch.visits.append(
                    PreventiveVisit(
                        **self.common(day),
                        category=category,
                        date=day,
                        address=where,
                        reference=reference,
                        notes=rng.choice(VISIT_NOTES[category]),
                    )
                )

    # -- problem places

    def problem_places(self):
        rng, cal = self.rng, self.cal
        kinds = rng.sample(list(ProblemKind), rng.randint(2, 5))
        for kind in kinds:
            where, description, submission, fixed = PROBLEM_TEXTS[kind]
            street = rng.choice(self.streets)
            found = random_day(rng, cal.first - 60 * DAY, cal.today - 5 * DAY)
            status = rng.choice(
                [
                    ProblemStatus.OPEN,
                    ProblemStatus.IN_WORK,
                    ProblemStatus.IN_WORK,
                    ProblemStatus.RESOLVED,
                ]
            )
            coordinates = {}
            if rng.random() < 0.7:
                lat = min(max(self.centre[0] + rng.uniform(-0.004, 0.004), 43.2), 43.35)
                lon = min(max(self.centre[1] + rng.uniform(-0.005, 0.005), 76.85), 77.05)
                coordinates = {
                    "latitude": Decimal(f"{lat:.6f}"),
                    "longitude": Decimal(f"{lon:.6f}"),
                }
            spot = ProblemSpot(
                **self.common(found, hour=11),
                kind=kind,
                address=where.format(
                    addr=self.place(street),
                    house=self.house_in_text(street),
                    shop=rng.choice(SHOPS),
                ),
                description=description,
                status=status,
                **coordinates,
            )
            spot._history_user = self.inspector
            spot._history_date = spot.created_at
            count = {
                ProblemStatus.OPEN: rng.randint(0, 1),
                ProblemStatus.IN_WORK: rng.randint(1, 3),
                ProblemStatus.RESOLVED: rng.randint(1, 3),
            }[status]
            dates = random_days(rng, found, cal.today, count)
            sent_to = PROBLEM_SENT_TO.get(kind, "Акимат {genitive}").format(genitive=self.genitive)
            for index, day in enumerate(dates):
                # The first measure about a place in work is a submission; one in five of
                # the places still open has had one too.
                is_submission = index == 0 and (status != ProblemStatus.OPEN or rng.random() < 0.2)
                self.batch.measures.append(
                    ProblemMeasure(
                        spot=spot,
                        date=day,
                        description=submission if is_submission else rng.choice(ROUTINE_MEASURES),
                        is_submission=is_submission,
                        sent_to=sent_to if is_submission else "",
                    )
                )
            if status == ProblemStatus.RESOLVED:
                last = dates[-1] if dates else found
                spot.resolved_on = min(last + rng.randint(0, 10) * DAY, cal.today)
                self.batch.measures.append(
                    ProblemMeasure(spot=spot, date=spot.resolved_on, description=fixed)
                )
            self.batch.spots.append(spot)

    # -- appeals

    def appeals(self):
        rng, cal = self.rng, self.cal
        prev, current = cal.previous, cal.current
        received = [random_day(rng, prev.start, prev.last_day) for _ in range(rng.randint(4, 10))]
        if cal.today - 3 * DAY >= current.start:
            elapsed = (cal.today - current.start).days + 1
            count = round(rng.randint(4, 10) * min(elapsed, 91) / 91)
            received += [random_day(rng, current.start, cal.today - 3 * DAY) for _ in range(count)]
        for day in sorted(received):
            answered_on = min(day + rng.randint(1, 12) * DAY, cal.today)
            self.appeal(day, AppealStatus.ANSWERED, answered_on)
        # One or two still open, received in the last days of this quarter.
        for _ in range(rng.randint(1, 2)):
            first = max(current.start, cal.today - 12 * DAY)
            day = random_day(rng, first, cal.today)
            self.appeal(day, rng.choice([AppealStatus.NEW, AppealStatus.IN_WORK]))
        # An overdue one in a few beats.
        if self.beat.code in ALWAYS_OVERDUE or rng.random() < 0.06:
            self.appeal(cal.today - rng.randint(18, 28) * DAY, AppealStatus.IN_WORK)

    def appeal(self, day, status, answered_on=None):
        rng = self.rng
        subject, details, answer = rng.choice(APPEALS)
        appeal = Appeal(
            **self.common(day, hour=rng.randint(9, 18)),
            channel=rng.choice(CHANNELS),
            received_on=day,
            due_on=Appeal.default_due(day),
            subject=subject,
            details=details,
            status=status,
            answer=answer if answered_on else "",
            answered_on=answered_on,
        )
        appeal._history_user = self.inspector
        appeal._history_date = appeal.created_at
        self.batch.appeals.append(appeal)

    # -- consultations and help, positive cases

    def service_records(self):
        rng, cal = self.rng, self.cal
        days = []
        for first, last in cal.weeks():
            if rng.random() < 0.8:
                days += random_days(rng, first, last, rng.randint(1, 2))
        if not any(day >= cal.current.start for day in days):
            days.append(random_day(rng, cal.current.start, cal.today))
        for day in days:
            kind = rng.choice(SERVICE_KINDS)
            self.batch.services.append(
                ServiceRecord(
                    **self.common(day),
                    date=day,
                    kind=kind,
                    count=rng.randint(1, 6),
                    note=rng.choice(SERVICE_NOTES[kind]),
                )
            )

    def trust_cases(self):
        rng, cal = self.rng, self.cal
        current_days = (cal.today - cal.current.start).days + 1
        days = random_days(rng, cal.previous.start, cal.previous.last_day, rng.randint(1, 2))
        days += random_days(
            rng, cal.current.start, cal.today, rng.randint(1, 2) if current_days > 45 else 1
        )
        for day, (title, story) in zip(days, rng.sample(TRUST_CASES, len(days)), strict=True):
            self.batch.trust_cases.append(
                TrustCase(**self.common(day), date=day, title=title, story=story)
            )

    # -- the checklist

    def checklist_marks(self):
        rng, cal = self.rng, self.cal
        if not self.manual_items:
            return
        count = rng.randint(min(2, len(self.manual_items)), min(5, len(self.manual_items)))
        for item in rng.sample(self.manual_items, count):
            period = previous_period(item.cadence, cal.today)
            note = next(
                (text for start, text in CHECKLIST_NOTES.items() if item.text_ru.startswith(start)),
                CHECKLIST_NOTE_DEFAULT,
            )
            self.batch.marks.append(
                ChecklistMark(
                    beat=self.beat,
                    item=item,
                    period_start=period.start,
                    note=note,
                    marked_by=self.inspector,
                    marked_at=cal.past(period.last_day, 17, rng.choice([0, 15, 30])),
                )
            )


class Rotation:
    """Walks the streets of a pool in turn; a street's first visit covers all its houses."""

    def __init__(self, pool, work):
        self.pool = list(pool)
        self.work = work
        self.next = 0
        self.whole = set()

    def take(self, count):
        visits = []
        for _ in range(min(count, len(self.pool))):
            street = self.pool[self.next % len(self.pool)]
            self.next += 1
            if street.pk not in self.whole or self.work.rng.random() < 0.5:
                self.whole.add(street.pk)
                visits.append((street, ""))
            else:
                visits.append((street, self.work.sub_range(street)))
        return visits


# ---------------------------------------------------------------------------- entry point


def clear_work(beat_ids):
    """Delete the workspace records of the beats and the history rows of the historied ones."""
    for model in WORKSPACE_MODELS:
        model.objects.filter(beat_id__in=beat_ids).delete()
    for model in HISTORIED_MODELS:
        model.history.model.objects.filter(beat_id__in=beat_ids).delete()


def appoint_inspectors(beats, today):
    """Set `inspector_since` of the recently appointed demo inspectors; clear the others."""
    since = {
        beat.pk: today - NEW_INSPECTORS[beat.code] * DAY if beat.code in NEW_INSPECTORS else None
        for beat in beats
    }
    Beat.objects.filter(pk__in=[pk for pk, day in since.items() if day is None]).update(
        inspector_since=None
    )
    for beat in beats:
        beat.inspector_since = since[beat.pk]
        if beat.inspector_since:
            Beat.objects.filter(pk=beat.pk).update(inspector_since=beat.inspector_since)


def seed_work(beats, *, now=None):
    """Replace the workspace records of `beats` with a fresh demo half-year; return counts."""
    calendar = Calendar.at_moment(now or timezone.now())
    beats = list(
        beats.select_related("inspector", "police_point")
        .prefetch_related("streets")
        .order_by("code")
    )
    beat_ids = [beat.pk for beat in beats]
    clear_work(beat_ids)
    appoint_inspectors(beats, calendar.today)
    manual_items = list(
        ChecklistItem.objects.filter(is_active=True, auto_rule="").order_by("order", "pk")
    )
    batch = Batch()
    for beat in beats:
        if beat.streets.all():
            BeatWork(beat, calendar, batch, manual_items).draw()
    return batch.save()
