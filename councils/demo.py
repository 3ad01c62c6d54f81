"""Public councils, partner organisations and joint actions of the demo areas, for
`manage.py seed_demo`.

For every demo area it writes what the police's work with civil society looks like:

* 6–10 partner organisations of mixed kinds (ОСИ and КСК of the beats' houses, a school,
  a college or university, a polyclinic, a security company, the veterans' council, the
  youth resource centre, NGOs…) with a contact person, work phone, e-mail, what they help
  with, and the one to three beats they work on;
* the public council at the area's police department: a three-year term, 7–11 members
  with a chair from civil society who is not a civil servant and a secretary; at least
  two thirds from civil society — except in `SHORT_AREA`, whose composition falls short
  so that the secretary sees the warning; two or three sessions over the last two
  quarters with their attendance and decisions (one of them in `NO_QUORUM_AREA` without a
  quorum), an open session in the coming month for the public calendar, and three to six
  recommendations to the police followed through their statuses (with history);
* 4–8 joint actions over the previous and current quarter in the default campaigns
  («Безопасный двор», «Студенты против правонарушений», «Семья без насилия», legal
  lessons, raids, road safety, anti-fraud information…) on the streets of the area's
  beats with its partners, reach and results, plus one or two public actions in the next
  three weeks for the residents' calendar. Active assistants and volunteers take part in
  the past actions through councils.services.actions, so their hours are in the duty log
  and in the volunteers' activities.

Assistants join an action only when the register would have put them on such a duty:
active before the day, a certificate valid on it, the action's form among their forms of
participation, the action on their own beat, and fewer than three duties that month.
Volunteers join only in the kinds of activity they signed up for; minors never go on a
raid (the service refuses them; such a refusal is skipped).

Everything is relative to today and deterministic: each area draws from its own
`random.Random` seeded with its code, and picks its participants from the register
`volunteers.demo` has just written. Running it again first deletes the areas' councils,
partners and actions (with the history rows of their recommendations and of the duties
their participants logged), so a second run on the same day gives the same records.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from councils.membership import share_needed
from councils.models import (
    Campaign,
    CouncilMember,
    CouncilSession,
    JointAction,
    MemberRole,
    MemberSide,
    PartnerKind,
    PartnerOrganization,
    PublicCouncil,
    Recommendation,
    RecommendationStatus,
)
from councils.models.councils import CIVIL_SOCIETY_SHARE
from councils.quorum import quorum_needed
from councils.services.actions import (
    DEFAULT_CAMPAIGNS,
    action_assistant_add,
    action_volunteer_add,
    campaigns_ensure_defaults,
    duty_kind,
    volunteer_activity_kind,
)
from councils.services.councils import decision_add
from districts import demo_data as data
from districts.checklist import Period, period_of, previous_period
from districts.demo_work import address, house_ref, street_spans
from districts.models import Beat, Cadence, PoliceDepartment
from portal.models import User
from volunteers.demo import along, draw_name, masculine, on, phone
from volunteers.models import (
    Assistant,
    AssistantStatus,
    Certificate,
    CertificateState,
    Duty,
    Volunteer,
    VolunteerGroup,
)
from volunteers.workdays import is_working_day

DAY = datetime.timedelta(days=1)
K = PartnerKind
RS = RecommendationStatus

# The area whose council has too few members from civil society (the secretary's warning),
# and the area that always has a session without a quorum. Both the demo secretary's area.
SHORT_AREA = data.MAIN_AREA
NO_QUORUM_AREA = data.MAIN_AREA
TERM_YEARS = 3
MAX_ACTION_BEATS = 3
# The register logs one to three duties a month for each active assistant; actions keep to it.
MAX_DUTIES_A_MONTH = 3

# ---------------------------------------------------------------------------- partners

# Area code → its organisations besides the ОСИ/КСК of its houses:
# (kind, name, e-mail, contact's position). The veterans' council and the youth resource
# centre of each area are added by name.
ORGANISATIONS = {
    "alatau": [
        (K.SCHOOL, "Школа-гимназия № 181", "school181.alatau@mail.kz", "заместитель директора"),
        (
            K.COLLEGE,
            "Алматинский колледж строительства и менеджмента",
            "acsm.vospitanie@mail.kz",
            "заместитель директора по воспитательной работе",
        ),
        (K.MEDICAL, "Городская поликлиника № 30", "gp30.almaty@mail.kz", "заведующая отделением"),
        (K.SECURITY, "ТОО «Охранное агентство Бүркіт»", "burkit.security@mail.kz", "директор"),
        (K.NGO, "ОФ «Мейірім»", "meyirim.fond@mail.kz", "руководитель"),
        (K.BUSINESS, "Администрация рынка «Алтын Орда»", "altynorda.admin@mail.kz", "директор"),
        (
            K.RELIGIOUS_CULTURAL,
            "Дом культуры «Алатау»",
            "dk.alatau@mail.kz",
            "художественный руководитель",
        ),
    ],
    "almaly": [
        (K.SCHOOL, "Школа-гимназия № 25", "gymnasium25.almaty@mail.kz", "директор"),
        (K.SCHOOL, "Школа-гимназия № 54", "gymnasium54.almaty@mail.kz", "заместитель директора"),
        (
            K.UNIVERSITY,
            "Казахстанско-Британский технический университет (КБТУ)",
            "kbtu.students.affairs@mail.kz",
            "директор департамента по делам студентов",
        ),
        (K.MEDICAL, "Городская поликлиника № 4", "gp4.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Қалқан»", "kalkan.security@mail.kz", "директор"),
        (
            K.NGO,
            "ОФ «Союз кризисных центров»",
            "crisis.centers.union@mail.kz",
            "координатор программ",
        ),
        (K.BUSINESS, "ТОО «Береке Маркет»", "bereke.market@mail.kz", "управляющий"),
        (
            K.RELIGIOUS_CULTURAL,
            "Этнокультурный центр «Шаңырақ»",
            "shanyrak.center@mail.kz",
            "председатель",
        ),
    ],
    "auezov": [
        (K.SCHOOL, "Школа-лицей № 134", "lyceum134.almaty@mail.kz", "заместитель директора"),
        (
            K.UNIVERSITY,
            "Университет «Нархоз»",
            "narxoz.student.life@mail.kz",
            "руководитель службы по работе со студентами",
        ),
        (K.MEDICAL, "Городская поликлиника № 11", "gp11.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Барыс»", "barys.security@mail.kz", "директор"),
        (K.NGO, "ОФ «Центр поддержки семьи «Отбасы»»", "otbasy.center@mail.kz", "психолог"),
        (K.BUSINESS, "ТРЦ «Аксай Плаза»", "aksay.plaza@mail.kz", "начальник службы безопасности"),
        (K.OTHER, "Библиотека-филиал № 7", "library7.almaty@mail.kz", "заведующая"),
    ],
    "bostandyk": [
        (K.SCHOOL, "Школа-гимназия № 120", "gymnasium120.almaty@mail.kz", "директор"),
        (
            K.UNIVERSITY,
            "Казахский национальный университет им. аль-Фараби",
            "kaznu.vospitanie@mail.kz",
            "проректор по воспитательной работе",
        ),
        (
            K.UNIVERSITY,
            "Satbayev University",
            "satbayev.students@mail.kz",
            "директор департамента по делам молодёжи",
        ),
        (K.MEDICAL, "Городская поликлиника № 17", "gp17.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Сапсан»", "sapsan.security@mail.kz", "директор"),
        (
            K.NGO,
            "ОФ «Союз кризисных центров»",
            "crisis.centers.union@mail.kz",
            "координатор программ",
        ),
        (K.BUSINESS, "ТРЦ «Достык Плаза»", "dostykplaza.security@mail.kz", "начальник охраны"),
    ],
    "zhetysu": [
        (K.SCHOOL, "Общеобразовательная школа № 72", "school72.almaty@mail.kz", "директор"),
        (
            K.COLLEGE,
            "Алматинский государственный политехнический колледж",
            "agpk.vospitanie@mail.kz",
            "заместитель директора по воспитательной работе",
        ),
        (K.MEDICAL, "Городская поликлиника № 9", "gp9.almaty@mail.kz", "заведующая отделением"),
        (K.SECURITY, "ТОО «Охранное агентство Кузет»", "kuzet.security@mail.kz", "директор"),
        (K.NGO, "ОФ «Мейірім»", "meyirim.fond@mail.kz", "руководитель"),
        (K.BUSINESS, "Администрация рынка «Кок-Жиек»", "kokzhiek.market@mail.kz", "директор"),
    ],
    "medeu": [
        (K.SCHOOL, "Школа-гимназия № 56", "gymnasium56.almaty@mail.kz", "заместитель директора"),
        (
            K.UNIVERSITY,
            "Казахский национальный педагогический университет им. Абая",
            "kaznpu.vospitanie@mail.kz",
            "проректор по воспитательной работе",
        ),
        (K.MEDICAL, "Городская поликлиника № 1", "gp1.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Қорған»", "korgan.security@mail.kz", "директор"),
        (
            K.NGO,
            "ОФ «Союз кризисных центров»",
            "crisis.centers.union@mail.kz",
            "координатор программ",
        ),
        (K.BUSINESS, "Администрация Зелёного базара", "zeleny.bazar@mail.kz", "директор"),
        (
            K.RELIGIOUS_CULTURAL,
            "Русский культурный центр",
            "rkc.almaty@mail.kz",
            "председатель правления",
        ),
    ],
    "nauryzbay": [
        (K.SCHOOL, "Школа-лицей № 178", "lyceum178.almaty@mail.kz", "директор"),
        (
            K.COLLEGE,
            "Алматинский колледж сервиса и технологий",
            "acst.vospitanie@mail.kz",
            "заместитель директора по воспитательной работе",
        ),
        (K.MEDICAL, "Городская поликлиника № 33", "gp33.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Бүркіт»", "burkit.security@mail.kz", "директор"),
        (
            K.NGO,
            "ОО «Родительский совет Наурызбайского района»",
            "roditeli.nauryzbay@mail.kz",
            "председатель",
        ),
    ],
    "turksib": [
        (K.SCHOOL, "Общеобразовательная школа № 132", "school132.almaty@mail.kz", "директор"),
        (
            K.COLLEGE,
            "Алматинский колледж транспорта и коммуникаций",
            "aktk.vospitanie@mail.kz",
            "заместитель директора по воспитательной работе",
        ),
        (K.MEDICAL, "Городская поликлиника № 8", "gp8.almaty@mail.kz", "главный врач"),
        (K.SECURITY, "ТОО «Охранное агентство Қорған»", "korgan.security@mail.kz", "директор"),
        (K.NGO, "ОФ «Мейірім»", "meyirim.fond@mail.kz", "руководитель"),
        (K.OTHER, "Вокзал «Алматы-1»", "almaty1.vokzal@mail.kz", "начальник вокзала"),
    ],
}
# Kinds every area's list keeps, besides at least two ОСИ/КСК.
ALWAYS = (K.SCHOOL, K.NGO, K.COLLEGE, K.UNIVERSITY)

HELPS_WITH = {
    K.OSI: [
        "Доступ в подъезды и на придомовую территорию, записи камер у подъездов, сбор жителей "
        "на встречи с участковым.",
        "Камеры видеонаблюдения во дворе, освещение, информирование жителей через чат дома.",
    ],
    K.KSK: [
        "Сбор жителей на сходы, доступ в подвалы и на крыши, информирование через чаты домов.",
        "Освещение дворов, ограждение детских площадок, сведения о квартирах, сдаваемых посуточно.",
    ],
    K.SCHOOL: [
        "Правовые уроки и классные часы, встречи с родителями, профилактика правонарушений "
        "несовершеннолетних, отряд юных друзей полиции.",
        "Совет профилактики, занятость подростков после уроков, безопасная дорога в школу.",
    ],
    K.COLLEGE: [
        "Студенты-волонтёры для акций, профилактика мошенничества и вейпинга среди студентов.",
        "Кампания «Студенты против правонарушений», студенческий отряд правопорядка.",
    ],
    K.UNIVERSITY: [
        "Кампания «Студенты против правонарушений», студенческие отряды правопорядка, "
        "лекции о кибермошенничестве.",
        "Волонтёры для массовых мероприятий, юридическая клиника для жителей.",
    ],
    K.MEDICAL: [
        "Медицинская помощь пострадавшим от бытового насилия, лекции о вреде ПАВ, "
        "освидетельствование.",
        "Памятки о мошенничестве в очередях к врачам, лекции для пенсионеров.",
    ],
    K.SECURITY: [
        "Совместное патрулирование, записи камер наблюдения, охрана порядка на массовых "
        "мероприятиях.",
        "Тревожные кнопки на объектах, обмен сведениями о происшествиях на территории.",
    ],
    K.VETERANS: [
        "Наставничество над подростками, беседы в школах, участие в советах профилактики.",
        "Встречи с молодёжью, работа с семьями, состоящими на учёте.",
    ],
    K.YOUTH: [
        "Волонтёры для акций, досуг подростков, состоящих на учёте, спортивные секции.",
        "Молодёжные патрули, кампании в социальных сетях, профилактика буллинга.",
    ],
    K.NGO: [
        "Помощь пострадавшим от бытового насилия: психологи, юристы, кризисная комната; "
        "акция «Семья без насилия».",
        "Консультации семей в трудной жизненной ситуации, работа с подростками группы риска.",
    ],
    K.BUSINESS: [
        "Камеры у торговых точек, помещение для встреч, призы и памятки для акций.",
        "Сведения о продаже алкоголя и табака несовершеннолетним, охрана на праздниках.",
    ],
    K.RELIGIOUS_CULTURAL: [
        "Зал для встреч с жителями, праздники двора, профилактика экстремизма.",
        "Культурные мероприятия для семей, встречи с молодёжью.",
    ],
    K.OTHER: [
        "Помещение для встреч с жителями, информационные стенды.",
        "Размещение памяток и объявлений участковых, обмен сведениями о происшествиях.",
    ],
}
HOUSING_POSITIONS = {K.OSI: "председатель ОСИ", K.KSK: "председатель КСК"}

# ---------------------------------------------------------------------------- the council

CIVIL_ORGANISATIONS = [
    "адвокат, Алматинская городская коллегия адвокатов",
    "журналист, газета «Вечерний Алматы»",
    "индивидуальный предприниматель",
    "пенсионер, бывший учитель",
    "член Ассамблеи народа Казахстана",
    "правозащитник, Казахстанское бюро по правам человека",
    "психолог",
    "блогер, общественный деятель",
]
STATE_ORGANISATIONS = [
    "заместитель начальника Управления полиции {genitive}",
    "главный специалист аппарата акима {genitive}",
    "начальник отдела местной полицейской службы Управления полиции {genitive}",
    "инспектор по делам несовершеннолетних Управления полиции {genitive}",
]
SECRETARY_ORGANISATION = "Управление полиции {genitive}, секретарь общественного совета"

AGENDAS = [
    "Об итогах работы Управления полиции района за квартал и взаимодействии с жителями.",
    "О профилактике бытового насилия: работа участковых инспекторов и кризисных центров.",
    "О реализации проекта «Безопасный двор» совместно с ОСИ и КСК.",
    "О профилактике интернет- и телефонного мошенничества среди пожилых жителей.",
    "О работе общественных помощников полиции (Закон № 590) и их поощрении.",
    "О безопасности дорожного движения вблизи школ и детских садов.",
    "Об оценке качества услуг, оказываемых полицией населению.",
    "О профилактике правонарушений среди несовершеннолетних в летний период.",
    "О рассмотрении обращений граждан в участковых пунктах полиции.",
]
UPCOMING_AGENDAS = [
    "Открытое заседание: отчёт участковых инспекторов перед жителями и вопросы граждан.",
    "Открытое заседание: безопасность дворов и освещение улиц района.",
    "Открытое заседание: итоги кампании «Осторожно, мошенники!» и планы на квартал.",
]
DECISIONS = [
    "Информацию Управления полиции принять к сведению.",
    "Рекомендовать Управлению полиции ежеквартально отчитываться перед советом о выполнении "
    "рекомендаций.",
    "Провести выездное заседание совета в участковом пункте полиции.",
    "Поддержать проведение совместных рейдов с общественными помощниками полиции.",
    "Направить рекомендации совета начальнику Управления полиции.",
    "Включить вопрос о работе с обращениями граждан в план работы совета.",
]

# (text, responsible unit, what was done) — {on} and {along} name a street of the area.
RECOMMENDATIONS = [
    (
        "Установить камеры видеонаблюдения и освещение во дворах {along} совместно с ОСИ.",
        "Отдел местной полицейской службы",
        "Совместно с ОСИ установлено {n} камер, изображение выведено в участковый пункт.",
    ),
    (
        "Проводить ежемесячные встречи участковых инспекторов с жителями и публиковать график "
        "приёма граждан.",
        "Отдел местной полицейской службы",
        "График приёма размещён в подъездах и в чатах домов; встречи проводятся ежемесячно.",
    ),
    (
        "Выставить посты у школ в часы начала и окончания занятий.",
        "Отдел административной полиции",
        "Посты выставлены у {n} школ района в часы пик.",
    ),
    (
        "Организовать обучение общественных помощников полиции оказанию первой помощи.",
        "Отдел местной полицейской службы",
        "Проведены два занятия с врачами поликлиники, обучено {n} помощников.",
    ),
    (
        "Проводить профилактические беседы о бытовом насилии совместно с кризисными центрами.",
        "Группа по защите женщин от насилия",
        "Проведено {n} бесед в участковых пунктах полиции и поликлиниках.",
    ),
    (
        "Обустроить пешеходные переходы {on} и выставить там посты в вечернее время.",
        "Отдел административной полиции",
        "Совместно с акиматом обустроены {n} перехода, посты выставляются по графику.",
    ),
    (
        "Провести лекции о телефонном мошенничестве для пенсионеров в поликлиниках района.",
        "Отдел криминальной полиции",
        "Проведено {n} лекций, роздано около 600 памяток.",
    ),
    (
        "Организовать досуг подростков, состоящих на профилактическом учёте, вместе с "
        "молодёжным ресурсным центром.",
        "Группа ювенальной полиции",
        "{n} подростков записаны в спортивные секции и кружки центра.",
    ),
    (
        "Обеспечить приём граждан в участковых пунктах полиции в вечернее время и по субботам.",
        "Отдел местной полицейской службы",
        "Приём по субботам введён в {n} участковых пунктах.",
    ),
    (
        "Сократить сроки ответа на обращения граждан в участковые пункты полиции.",
        "Канцелярия Управления полиции",
        "Средний срок ответа сокращён до {n} рабочих дней.",
    ),
]
REJECTIONS = [
    "Не принята: штатная численность не позволяет выставить круглосуточные посты; посты "
    "выставляются в часы пик.",
    "Не принята: вопрос относится к компетенции акимата района, рекомендация направлена туда.",
    "Не принята: мероприятие уже предусмотрено планом Управления полиции на год.",
]
PROGRESS = [
    "Работа начата, срок исполнения не истёк.",
    "Подготовлен план мероприятий, ведутся переговоры с ОСИ.",
]

# ---------------------------------------------------------------------------- joint actions

CAMPAIGN_NAMES = [c.name for c in DEFAULT_CAMPAIGNS]
SAFE_YARD, STUDENTS, FAMILY, LESSONS, RAIDS, ROAD, FRAUD, MASS = CAMPAIGN_NAMES
# Campaign → how often it is drawn for a past action, and whether an upcoming one is public.
PAST_WEIGHTS = {
    SAFE_YARD: 5,
    STUDENTS: 3,
    FAMILY: 3,
    LESSONS: 4,
    RAIDS: 4,
    ROAD: 3,
    FRAUD: 4,
    MASS: 2,
}
UPCOMING = [SAFE_YARD, STUDENTS, FAMILY, LESSONS, ROAD, FRAUD, MASS]
# Campaign → the kinds of partners that take part, in order of preference.
PARTNER_KINDS = {
    SAFE_YARD: [K.OSI, K.KSK, K.SECURITY, K.VETERANS],
    STUDENTS: [K.UNIVERSITY, K.COLLEGE, K.YOUTH],
    FAMILY: [K.NGO, K.MEDICAL, K.VETERANS],
    LESSONS: [K.SCHOOL, K.VETERANS, K.YOUTH],
    RAIDS: [K.SECURITY, K.YOUTH, K.VETERANS],
    ROAD: [K.SCHOOL, K.YOUTH, K.BUSINESS],
    FRAUD: [K.MEDICAL, K.OSI, K.KSK, K.BUSINESS, K.OTHER],
    MASS: [K.SECURITY, K.RELIGIOUS_CULTURAL, K.YOUTH, K.BUSINESS],
}
TITLES = {
    SAFE_YARD: [
        "«Безопасный двор»: обход дворов {along} с ОСИ",
        "«Безопасный двор»: сход жителей и проверка освещения {on}",
    ],
    STUDENTS: [
        "«Студенты против правонарушений»: встреча со студентами",
        "«Студенты против правонарушений»: лекция о кибермошенничестве",
    ],
    FAMILY: [
        "«Семья без насилия»: консультации психологов и юристов",
        "«Семья без насилия»: раздача памяток жителям {along}",
    ],
    LESSONS: [
        "Правовой урок «Ответственность несовершеннолетних»",
        "Правовой урок «Кибербуллинг и безопасность в интернете»",
    ],
    RAIDS: [
        "Рейд «Подросток» {along}",
        "Рейд по квартирам, сдаваемым посуточно, {on}",
        "Рейд «Ночной город» {along}",
    ],
    ROAD: [
        "«Безопасная дорога в школу»: дежурство у переходов {on}",
        "«Безопасная дорога»: памятки водителям и пешеходам {on}",
    ],
    FRAUD: [
        "«Осторожно, мошенники!»: памятки пенсионерам {along}",
        "«Осторожно, мошенники!»: лекция для жителей",
    ],
    MASS: [
        "Охрана порядка на празднике двора {on}",
        "Охрана порядка на ярмарке выходного дня {on}",
    ],
}
# Campaigns held in a partner's building, and the partners that have one.
INDOORS = {STUDENTS, LESSONS, FRAUD, ROAD, FAMILY}
INSTITUTIONS = {K.SCHOOL, K.COLLEGE, K.UNIVERSITY, K.MEDICAL, K.OTHER, K.NGO}
# Campaigns of schools and colleges: not in the summer holidays (July and August).
TERM_TIME = {STUDENTS, LESSONS}
# Campaign → (lowest, highest) people reached and the hours the action lasts.
REACH = {
    SAFE_YARD: (30, 150),
    STUDENTS: (80, 300),
    FAMILY: (20, 90),
    LESSONS: (25, 120),
    RAIDS: (6, 40),
    ROAD: (100, 400),
    FRAUD: (50, 250),
    MASS: (300, 1500),
}
HOURS = {RAIDS: (2, 4), MASS: (4, 6)}
STARTS = {RAIDS: [19, 20], MASS: [11, 12, 16]}
RESULTS = {
    SAFE_YARD: [
        "Обойдено {k} дворов, выявлено {m} неосвещённых участков; сведения переданы в ОСИ и "
        "акимат.",
        "Проведён сход жителей, роздано {n} памяток, принято {m} заявлений.",
    ],
    STUDENTS: [
        "Лекцию прослушали {n} студентов, {m} записались в студенческий отряд правопорядка.",
        "Проведена встреча со студентами, разобрано {m} схем мошенничества.",
    ],
    FAMILY: [
        "Консультации получили {n} жителей, {m} обращений переданы в кризисный центр.",
        "Роздано {n} памяток с телефонами доверия, проведено {m} бесед.",
    ],
    LESSONS: [
        "Проведено {k} уроков для {n} учащихся 7–9 классов.",
        "Урок проведён для {n} учащихся, родителям роздано {m} памяток.",
    ],
    RAIDS: [
        "Проверено {n} адресов, выявлено {m} правонарушений, составлено {m} протоколов.",
        "Выявлено {m} несовершеннолетних без сопровождения взрослых в ночное время, переданы "
        "родителям.",
    ],
    ROAD: [
        "Роздано {n} памяток, проведено {k} бесед у переходов, нарушений ПДД детьми не выявлено.",
        "Выявлено {m} нарушений правил парковки у школы, водители предупреждены.",
    ],
    FRAUD: [
        "Роздано {n} памяток, {m} жителей рассказали о попытках мошенничества.",
        "Лекцию прослушали {n} жителей, разобраны {k} схемы телефонного мошенничества.",
    ],
    MASS: [
        "Праздник прошёл без происшествий, на мероприятии было около {n} человек.",
        "Нарушений общественного порядка не допущено, {m} потерявшихся детей переданы родителям.",
    ],
}


def translit(text):
    """Latin letters of a Russian or Kazakh name, for an e-mail address."""
    table = {
        "а": "a",
        "ә": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ғ": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "қ": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "ң": "n",
        "о": "o",
        "ө": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ұ": "u",
        "ү": "u",
        "ф": "f",
        "х": "kh",
        "һ": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ы": "y",
        "і": "i",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
    return "".join(table.get(c, c if c.isascii() and c.isalnum() else "") for c in text.lower())


def street_short(street_name):
    """'ул. Толе би' → 'Толе би', 'просп. Абая' → 'Абая', 'мкр. Самал-2' → 'Самал-2'."""
    prefix, _, rest = street_name.partition(" ")
    return rest if prefix.endswith(".") or prefix == "бульвар" else street_name


def full_name(parts):
    return " ".join(parts)


def plus_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def previous_working(day):
    while not is_working_day(day):
        day -= DAY
    return day


def next_working(day):
    while not is_working_day(day):
        day += DAY
    return day


@dataclass
class Eligible:
    """An active assistant of the register, with what decides which actions they may join."""

    assistant: Assistant
    activated_on: datetime.date
    valid_until: datetime.date

    def may_join(self, day, kind, per_month):
        """On duty of this kind that day, as the register would have put them: admitted
        before it, with a certificate still valid, and fewer than three duties that month."""
        return (
            self.activated_on < day < self.valid_until
            and kind in self.assistant.forms
            and per_month[(self.assistant.pk, day.replace(day=1))] < MAX_DUTIES_A_MONTH
        )


class AreaCouncils:
    """Draws and records the councils, partners and joint actions of one area."""

    def __init__(self, area, slug, department, beats, context):
        self.area = area
        self.slug = slug
        self.main = slug == data.MAIN_AREA
        self.department = department
        self.beats = beats
        self.ctx = context
        self.today = context.today
        self.rng = random.Random(f"seed-demo-councils:{slug}")
        area_data = next((a for a in data.AREAS if a["slug"] == slug), None)
        self.genitive = area_data["genitive"]["ru"] if area_data else str(area)
        self.prefix = area_data["phone_prefix"] if area_data else "200"
        self.streets = {
            beat.pk: sorted(beat.streets.all(), key=lambda s: (s.name_ru, s.houses))
            for beat in beats
        }
        self.partners = []
        # Who keeps the council's records: the demo secretary in her area; elsewhere, where
        # the demo has no secretary account, the administrator.
        self.secretary_user = (
            context.users.get("secretary") if self.main else None
        ) or context.users.get("admin")
        # Who records actions on a beat without an inspector: the supervisor in Almaly.
        supervisor = context.users.get("supervisor") if self.main else None
        self.recorder = supervisor or beats[0].inspector

    # -- helpers

    def at(self, day, hour, minute=0):
        tz = timezone.get_current_timezone()
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)

    def house(self, street):
        spans = street_spans(street)
        if not spans:
            return self.rng.randint(1, 60)
        low, high = self.rng.choice(spans)
        if low % 2 == high % 2:
            return low + 2 * self.rng.randint(0, (high - low) // 2)
        return self.rng.randint(low, high)

    def landline(self):
        return f"+7 727 {self.prefix} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"

    def person(self, sex=None, born=1975):
        return draw_name(self.rng, sex or self.rng.choice("MF"), born)

    # -- partners

    def seed_partners(self):
        rng = self.rng
        housing = self.housing_partners()
        fixed = [
            *ORGANISATIONS.get(self.slug, []),
            (
                K.VETERANS,
                f"Совет ветеранов {self.genitive}",
                f"veterany.{self.slug}@mail.kz",
                "председатель",
            ),
            (
                K.YOUTH,
                f"Молодёжный ресурсный центр {self.genitive}",
                f"mrc.{self.slug}@mail.kz",
                "руководитель",
            ),
        ]
        total = rng.randint(6, 10)
        kept_housing = housing[: rng.randint(2, 3)]
        must = [o for o in fixed if o[0] in ALWAYS]
        may = [o for o in fixed if o[0] not in ALWAYS]
        rng.shuffle(may)
        # At least two organisations of other kinds: a security company, veterans, youth…
        chosen = must + may[: max(2, total - len(kept_housing) - len(must))]
        # Keep the list order of the catalogue, whatever was drawn.
        chosen = [o for o in fixed if o in chosen]
        for kind, name, email, position in chosen:
            contact = self.person(born=1970)
            beats = rng.sample(self.beats, min(len(self.beats), rng.randint(1, 3)))
            self.partners.append(
                (
                    PartnerOrganization(
                        kind=kind,
                        name=name,
                        area=self.area,
                        contact_person=f"{full_name(contact)}, {position}",
                        phone=self.landline(),
                        email=email,
                        helps_with=rng.choice(HELPS_WITH[kind]),
                    ),
                    beats,
                )
            )
        self.partners[:0] = kept_housing
        PartnerOrganization.objects.bulk_create([partner for partner, _ in self.partners])
        through = PartnerOrganization.beats.through
        through.objects.bulk_create(
            [
                through(partnerorganization_id=partner.pk, beat_id=beat.pk)
                for partner, beats in self.partners
                for beat in sorted(beats, key=lambda b: b.code)
            ]
        )
        self.ctx.totals["partner organisations"] += len(self.partners)

    def housing_partners(self):
        """ОСИ of a house and КСК of a microdistrict on the area's beats, one per beat at most."""
        rng = self.rng
        found, names = [], set()
        for beat in rng.sample(self.beats, len(self.beats)):
            street = rng.choice(self.streets[beat.pk])
            short = street_short(street.name_ru)
            if street.name_ru.startswith("мкр."):
                kind, name = K.KSK, f"КСК «{short}»"
                email = f"ksk.{translit(short)}@mail.kz"
            else:
                house = self.house(street)
                kind, name = K.OSI, f"ОСИ «{short} {house}»"
                email = f"osi.{translit(short)}{house}@mail.kz"
            if name in names:
                continue
            names.add(name)
            contact = self.person(born=1968)
            found.append(
                (
                    PartnerOrganization(
                        kind=kind,
                        name=name,
                        area=self.area,
                        contact_person=f"{full_name(contact)}, {HOUSING_POSITIONS[kind]}",
                        phone=phone(rng),
                        email=email,
                        helps_with=rng.choice(HELPS_WITH[kind]),
                    ),
                    [beat],
                )
            )
        return found

    # -- the public council

    def seed_council(self):
        rng = self.rng
        previous = self.ctx.previous
        term_start = previous_working(previous.start - DAY * rng.randint(30, 800))
        council = PublicCouncil(
            department=self.department,
            name=f"Общественный совет при Управлении полиции {self.genitive}",
            term_start=term_start,
            term_end=plus_years(term_start, TERM_YEARS) - DAY,
        )
        council.full_clean()
        council.save()
        members = self.members(council)
        self.ctx.totals["public councils"] += 1
        self.ctx.totals["council members"] += len(members)

        past_days = self.session_days(term_start)
        no_quorum = None
        if self.slug == NO_QUORUM_AREA or rng.random() < 0.2:
            no_quorum = past_days[-1] if self.slug == NO_QUORUM_AREA else rng.choice(past_days)
        agendas = rng.sample(AGENDAS, len(past_days))
        sessions = []
        for day, agenda in zip(past_days, agendas, strict=True):
            sessions.append(self.past_session(council, members, day, agenda, day == no_quorum))
        self.upcoming_session(council)
        self.recommendations(council, sessions)

    def members(self, council):
        rng = self.rng
        total = rng.randint(7, 11)
        needed = share_needed(CIVIL_SOCIETY_SHARE, total)
        # One short of two thirds in SHORT_AREA; the secretary is always from the state body.
        civil = needed - 1 if self.slug == SHORT_AREA else rng.randint(needed, total - 1)
        state = total - civil
        surnames = set()

        def name(sex=None, born=1970):
            for _ in range(10):
                parts = self.person(sex, born)
                if masculine(parts[0]) not in surnames:
                    break
            surnames.add(masculine(parts[0]))
            return full_name(parts)

        # The chair is a public figure; the other members speak for the area's partners.
        generic = rng.sample(CIVIL_ORGANISATIONS, len(CIVIL_ORGANISATIONS))
        partner_orgs = [partner.name for partner, _ in self.partners]
        rng.shuffle(partner_orgs)
        civil_orgs = [generic[0], *partner_orgs, *generic[1:]][:civil]
        joined = council.term_start
        rows = []
        # The chair: a public figure from civil society, never a civil servant.
        rows.append(
            CouncilMember(
                council=council,
                full_name=name(born=1958),
                role=MemberRole.CHAIR,
                side=MemberSide.CIVIL_SOCIETY,
                is_civil_servant=False,
                organisation=civil_orgs[0],
                joined_on=joined,
            )
        )
        # The secretary: an officer of the police body (Almaly: the demo secretary).
        if self.main:
            last, first, middle = data.STAFF["secretary"][2]
            secretary = f"{last} {first} {middle}"
            surnames.add(masculine(last))
        else:
            secretary = name(born=1988)
        rows.append(
            CouncilMember(
                council=council,
                full_name=secretary,
                role=MemberRole.SECRETARY,
                side=MemberSide.STATE_BODY,
                is_civil_servant=True,
                organisation=SECRETARY_ORGANISATION.format(genitive=self.genitive),
                joined_on=joined,
            )
        )
        for organisation in civil_orgs[1:]:
            rows.append(
                CouncilMember(
                    council=council,
                    full_name=name(born=rng.randint(1955, 1992)),
                    role=MemberRole.MEMBER,
                    side=MemberSide.CIVIL_SOCIETY,
                    is_civil_servant=False,
                    organisation=organisation,
                    joined_on=joined,
                )
            )
        state_orgs = rng.sample(STATE_ORGANISATIONS, len(STATE_ORGANISATIONS))
        for index in range(state - 1):
            rows.append(
                CouncilMember(
                    council=council,
                    full_name=name(born=rng.randint(1970, 1990)),
                    role=MemberRole.MEMBER,
                    side=MemberSide.STATE_BODY,
                    is_civil_servant=True,
                    organisation=state_orgs[index % len(state_orgs)].format(genitive=self.genitive),
                    joined_on=joined,
                )
            )
        for member in rows:
            member.full_clean()
        CouncilMember.objects.bulk_create(rows)
        return rows

    def session_days(self, term_start):
        """Two or three working days over the last two quarters, oldest first."""
        rng, today = self.rng, self.today
        previous, current = self.ctx.previous, self.ctx.current
        days = [previous_working(previous.start + DAY * rng.randint(20, 45))]
        if rng.random() < 0.6:
            days.append(previous_working(previous.end - DAY * rng.randint(10, 25)))
        if (today - current.start).days >= 12:
            days.append(previous_working(current.start + DAY * rng.randint(5, 11)))
        if len(days) < 2:
            days.append(previous_working(previous.end - DAY * rng.randint(5, 9)))
        return sorted({max(day, term_start + DAY) for day in days if day < today})

    def past_session(self, council, members, day, agenda, without_quorum):
        rng = self.rng
        session = CouncilSession.objects.create(
            council=council,
            held_at=self.at(day, 15),
            place=f"Актовый зал Управления полиции {self.genitive}",
            agenda=agenda,
            is_open=rng.random() < 0.5,
        )
        needed = quorum_needed(len(members))
        if without_quorum:
            present = rng.sample(members, needed - rng.randint(1, 2))
        else:
            # The chair and the secretary come whenever there is a quorum.
            others = rng.sample(members[2:], len(members) - 2)
            present = [*members[:2], *others][: rng.randint(needed, len(members))]
        session.present.set(present)
        decisions = rng.sample(DECISIONS, rng.randint(1, 3))
        for text in decisions:
            # The service records whether two thirds of the members were present.
            decision_add(session=session, text=text)
        self.ctx.totals["council sessions"] += 1
        self.ctx.totals["decisions"] += len(decisions)
        return session

    def upcoming_session(self, council):
        rng, today = self.rng, self.today
        day = next_working(today + DAY * rng.randint(5, 24))
        CouncilSession.objects.create(
            council=council,
            held_at=self.at(day, rng.choice([11, 15, 16])),
            place=rng.choice(
                [
                    f"Актовый зал Управления полиции {self.genitive}",
                    f"Актовый зал аппарата акима {self.genitive}",
                ]
            ),
            agenda=rng.choice(UPCOMING_AGENDAS),
            is_open=True,
        )
        self.ctx.totals["council sessions"] += 1

    def recommendations(self, council, sessions):
        """3–6 recommendations of the past sessions, each followed to its current status."""
        rng, today = self.rng, self.today
        count = rng.randint(3, 6)
        others = ["overdue", "in_progress", "rejected"]
        rng.shuffle(others)
        plan = ["implemented", *others][: min(count, 4)]
        plan += rng.choices(["partly", "sent", "implemented", "in_progress"], k=count - len(plan))
        templates = rng.sample(RECOMMENDATIONS, count)
        streets = [s for beat in self.beats for s in self.streets[beat.pk]]
        user = self.secretary_user
        for state, (text, unit, outcome) in zip(plan, templates, strict=True):
            street = rng.choice(streets).name_ru
            # Overdue ones come from the oldest session; those just sent from the latest.
            if state == "overdue":
                session = sessions[0]
            elif state == "sent":
                session = sessions[-1]
            else:
                session = rng.choice(sessions)
            sent = timezone.localdate(session.held_at)
            if state == "overdue":
                waited = (today - sent).days
                due = min(sent + DAY * rng.randint(14, max(14, waited - 3)), today - DAY)
            elif state in ("in_progress", "sent"):
                due = today + DAY * rng.randint(10, 60)
            else:
                due = sent + DAY * rng.randint(30, 90)
            if unit.endswith("Управления полиции"):
                unit = f"{unit} {self.genitive}"
            else:
                unit = f"{unit} Управления полиции {self.genitive}"
            recommendation = Recommendation(
                council=council,
                session=session,
                text=text.format(on=on(street), along=along(street)),
                responsible_unit=unit,
                due_on=due,
                status=RS.SENT,
                created_by=user,
            )
            recommendation._history_user = user
            moment = self.stamp(self.at(sent, 17))
            recommendation._history_date = moment
            recommendation.full_clean()
            recommendation.save()
            for day, status, outcome_text, score in self.recommendation_steps(
                state, sent, due, outcome
            ):
                recommendation.status = status
                recommendation.outcome = outcome_text
                recommendation.service_quality_score = score
                moment = self.stamp(self.at(day, rng.randint(10, 16)), after=moment)
                recommendation._history_date = moment
                recommendation.full_clean()
                recommendation.save()
            self.ctx.totals["recommendations"] += 1

    def stamp(self, moment, after=None):
        """`moment`, but after `after` (by ten minutes at least) and never later than now."""
        if after is not None and moment <= after:
            moment = after + datetime.timedelta(minutes=10)
        return min(moment, self.ctx.latest)

    def recommendation_steps(self, state, sent, due, outcome):
        """(day, status, outcome, score) of each change after the recommendation was sent."""
        rng, today = self.rng, self.today
        latest = today - DAY
        started = max(min(sent + DAY * rng.randint(3, 12), latest), sent)
        done = outcome.format(n=rng.randint(2, 12))
        match state:
            case "implemented" | "partly":
                finished = min(max(started + DAY, due - DAY * rng.randint(0, 20)), latest)
                status = RS.IMPLEMENTED if state == "implemented" else RS.PARTLY
                score = rng.randint(4, 5) if state == "implemented" else rng.randint(3, 4)
                return [
                    (started, RS.IN_PROGRESS, "", None),
                    (max(finished, started), status, done, score),
                ]
            case "in_progress":
                return [(started, RS.IN_PROGRESS, rng.choice(PROGRESS), rng.randint(3, 5))]
            case "overdue":
                return [(started, RS.IN_PROGRESS, rng.choice(PROGRESS), 3)]
            case "rejected":
                return [(started, RS.REJECTED, rng.choice(REJECTIONS), 3)]
        return []  # sent: waiting for the police

    # -- joint actions

    def seed_actions(self):
        rng, today = self.rng, self.today
        first = self.ctx.previous.start
        last = today - DAY
        count = rng.randint(4, 8)
        span = (last - first).days + 1
        offsets = sorted(rng.sample(range(span), min(count, span)))
        plan = []
        for offset in offsets:
            day = first + DAY * offset
            # Mostly a campaign some assistant of the area may be on duty in that day.
            for _ in range(3):
                campaign = self.campaign_on(day, PAST_WEIGHTS)
                if self.assistants_for(campaign, day):
                    break
            plan.append([day, campaign, campaign != RAIDS and rng.random() < 0.6])
        # Some announced to residents, some internal (raids always are).
        announceable = [item for item in plan if item[1] != RAIDS]
        if announceable and not any(public for _, _, public in plan):
            announceable[0][2] = True
        if len(announceable) > 1 and all(public for _, _, public in announceable):
            announceable[-1][2] = False
        for day, campaign, public in plan:
            self.past_action(campaign, day, public)
        for _ in range(rng.randint(1, 2)):
            day = today + DAY * rng.randint(2, 20)
            self.upcoming_action(self.campaign_on(day, dict.fromkeys(UPCOMING, 1)), day)

    def campaign_on(self, day, weights):
        """A campaign for the day: schools and colleges only on their working days."""
        in_term = is_working_day(day) and day.month not in (7, 8)
        names = [name for name in weights if in_term or name not in TERM_TIME]
        return self.rng.choices(names, weights=[weights[name] for name in names])[0]

    def partners_for(self, campaign, beat_ids, count):
        kinds = PARTNER_KINDS[campaign]
        ranked = sorted(
            self.partners,
            key=lambda item: (
                kinds.index(item[0].kind) if item[0].kind in kinds else len(kinds),
                not any(b.pk in beat_ids for b in item[1]),
                item[0].name,
            ),
        )
        # Without a partner of a fitting kind, the nearest one of another kind.
        fitting = [p for p, _ in ranked if p.kind in kinds] or [p for p, _ in ranked][:1]
        return fitting[: max(1, count)]

    def place_and_title(self, campaign, beat, partners):
        rng = self.rng
        street = rng.choice(self.streets[beat.pk])
        house = self.house(street)
        where = address(street, house)
        title = rng.choice(TITLES[campaign]).format(
            along=along(street.name_ru), on=on(street.name_ru)
        )
        host = partners[0] if partners else None
        if campaign in INDOORS and host and host.kind in INSTITUTIONS:
            place = f"{host.name}, {where}"
        elif campaign in (SAFE_YARD, FAMILY):
            place = f"Двор дома {house_ref(street, house)}"
        else:
            place = where
        return title, place

    def action(self, campaign, day, beats, *, public, past):
        rng = self.rng
        beats = sorted(beats, key=lambda b: b.code)
        beat_ids = {b.pk for b in beats}
        partners = self.partners_for(campaign, beat_ids, rng.randint(1, 3))
        title, place = self.place_and_title(campaign, beats[0], partners)
        low, high = HOURS.get(campaign, (2, 3))
        hours = rng.randint(low, high)
        start = self.at(day, rng.choice(STARTS.get(campaign, [10, 11, 15, 16])))
        low, high = REACH[campaign]
        reached = rng.randint(low, high) if past else None
        results = ""
        if past:
            results = rng.choice(RESULTS[campaign]).format(
                n=reached, m=rng.randint(1, 6), k=rng.randint(2, 9)
            )
        action = JointAction(
            campaign=self.ctx.campaigns[campaign],
            title=title,
            area=self.area,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            place=place,
            is_public=public,
            people_reached=reached,
            results=results,
            created_by=beats[0].inspector or self.recorder,
        )
        action.full_clean()
        action.save()
        action.beats.set(beats)
        action.partners.set(partners)
        self.ctx.totals["joint actions"] += 1
        return action, Decimal(hours)

    def upcoming_action(self, campaign, day):
        """Announced to residents; nobody has taken part yet."""
        beats = self.rng.sample(self.beats, self.rng.randint(1, 2))
        self.action(campaign, day, beats, public=True, past=False)

    def past_action(self, campaign, day, public):
        rng = self.rng
        # Assistants who may be on such a duty that day; the action covers their beats.
        pool = self.assistants_for(campaign, day)
        wanted = rng.randint(1, 4)
        chosen, beats = [], []
        for entry in rng.sample(pool, len(pool)):
            beat = entry.assistant.beat
            if beat not in beats:
                if len(beats) == MAX_ACTION_BEATS:
                    continue
                beats.append(beat)
            chosen.append(entry)
            if len(chosen) == wanted:
                break
        if not beats:
            beats = [rng.choice(self.beats)]
        action, hours = self.action(campaign, day, beats, public=public, past=True)
        self.join_assistants(action, day, chosen, hours)
        self.join_volunteers(action, hours)

    def assistants_for(self, campaign, day):
        kind = duty_kind(JointAction(campaign=self.ctx.campaigns[campaign], title=campaign))
        return [
            e
            for e in self.ctx.eligible.get(self.area.pk, [])
            if e.may_join(day, kind, self.ctx.per_month)
        ]

    def join_assistants(self, action, day, chosen, hours):
        ctx = self.ctx
        duty_ids = []
        for entry in chosen:
            joined = action_assistant_add(
                action=action, assistant=entry.assistant, hours=hours, user=action.created_by
            )
            duty_ids.append(joined.duty_id)
            ctx.per_month[(entry.assistant.pk, day.replace(day=1))] += 1
            ctx.totals["assistants on actions"] += 1
        # The duty log's history shows the entries written when the action ended.
        Duty.history.model.objects.filter(id__in=duty_ids).update(
            history_date=min(action.ends_at, ctx.latest), history_user=action.created_by
        )

    def join_volunteers(self, action, hours):
        rng, ctx = self.rng, self.ctx
        kind = volunteer_activity_kind(action)
        groups = [g for g in ctx.groups.get(self.area.pk, []) if kind in g.kinds]
        people = [v for v in ctx.volunteers.get(self.area.pk, []) if kind in v.kinds]
        pool = [("group", g) for g in groups] + [("volunteer", v) for v in people]
        for what, who in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
            # A group gives the hours of the members who came.
            given = hours * rng.randint(3, 8) if what == "group" else hours
            try:
                action_volunteer_add(action=action, hours=given, **{what: who})
            except ValidationError:
                continue  # minors never go on raids: the service refuses them
            ctx.totals["volunteers on actions"] += 1


@dataclass
class Context:
    today: datetime.date
    latest: datetime.datetime  # nothing is dated later
    previous: Period  # the previous quarter
    current: Period  # the current quarter
    users: dict
    campaigns: dict
    eligible: dict  # area id → [Eligible]
    per_month: Counter  # (assistant id, first day of month) → duties
    groups: dict  # area id → [VolunteerGroup]
    volunteers: dict  # area id → [Volunteer]
    totals: Counter


def clear_councils(area_ids):
    """Delete the areas' joint actions (their participants' duties and activities go with
    them), partners and councils, and the history rows of their recommendations and of the
    duties logged on joint actions."""
    # pre_delete of each action removes its participants' duties and activities.
    JointAction.objects.filter(area_id__in=area_ids).delete()
    beat_ids = list(
        Beat.objects.filter(police_point__department__area_id__in=area_ids).values_list(
            "pk", flat=True
        )
    )
    Duty.history.model.objects.filter(beat_id__in=beat_ids).exclude(joint_action="").delete()
    PartnerOrganization.objects.filter(area_id__in=area_ids).delete()
    councils = PublicCouncil.objects.filter(department__area_id__in=area_ids)
    council_ids = list(councils.values_list("pk", flat=True))
    councils.delete()
    Recommendation.history.model.objects.filter(council_id__in=council_ids).delete()


def register_of(area_ids, today):
    """The active assistants who may join actions, and the volunteers of the areas."""
    assistants = list(
        Assistant.objects.filter(area_id__in=area_ids, status=AssistantStatus.ACTIVE)
        .select_related("beat")
        .order_by("iin")
    )
    ids = [a.pk for a in assistants]
    activated = {}
    for pk, moment in (
        Assistant.history.model.objects.filter(id__in=ids, status=AssistantStatus.ACTIVE)
        .order_by("history_date", "history_id")
        .values_list("id", "history_date")
    ):
        activated.setdefault(pk, timezone.localdate(moment))
    valid = dict(
        Certificate.objects.filter(assistant_id__in=ids, state=CertificateState.ISSUED)
        .order_by("valid_until")
        .values_list("assistant_id", "valid_until")
    )
    eligible = defaultdict(list)
    for assistant in assistants:
        if assistant.pk in activated and assistant.pk in valid:
            eligible[assistant.area_id].append(
                Eligible(assistant, activated[assistant.pk], valid[assistant.pk])
            )
    per_month = Counter(
        (pk, day.replace(day=1))
        for pk, day in Duty.objects.filter(assistant_id__in=ids).values_list("assistant_id", "date")
    )
    groups, volunteers = defaultdict(list), defaultdict(list)
    for group in VolunteerGroup.objects.filter(area_id__in=area_ids).order_by("name", "pk"):
        groups[group.area_id].append(group)
    for volunteer in Volunteer.objects.filter(area_id__in=area_ids).order_by(
        "last_name", "first_name", "birth_date", "pk"
    ):
        # The service checks the age on the action's day; the demo keeps to adults' kinds.
        volunteers[volunteer.area_id].append(volunteer)
    return eligible, per_month, groups, volunteers


def seed_councils(areas, *, now=None):
    """Replace the councils, partners and joint actions of `areas` with a fresh demo;
    return counts by record type."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    areas = list(areas.order_by("pk"))
    area_ids = [area.pk for area in areas]
    clear_councils(area_ids)
    campaigns_ensure_defaults()
    campaigns = {c.name: c for c in Campaign.objects.filter(name__in=CAMPAIGN_NAMES)}

    beats_by_area = defaultdict(list)
    for beat in (
        Beat.objects.filter(police_point__department__area_id__in=area_ids)
        .select_related("inspector", "police_point__department")
        .prefetch_related("streets")
        .order_by("code")
    ):
        beats_by_area[beat.police_point.department.area_id].append(beat)
    departments = {}
    for department in PoliceDepartment.objects.filter(area_id__in=area_ids).order_by("pk"):
        departments.setdefault(department.area_id, department)
    eligible, per_month, groups, volunteers = register_of(area_ids, today)
    context = Context(
        today=today,
        latest=now - datetime.timedelta(minutes=1),
        previous=previous_period(Cadence.QUARTERLY, today),
        current=period_of(Cadence.QUARTERLY, today),
        users={
            u.username: u
            for u in User.objects.filter(username__in=["secretary", "supervisor", "admin"])
        },
        campaigns=campaigns,
        eligible=eligible,
        per_month=per_month,
        groups=groups,
        volunteers=volunteers,
        totals=Counter(
            dict.fromkeys(
                [
                    "partner organisations",
                    "public councils",
                    "council members",
                    "council sessions",
                    "decisions",
                    "recommendations",
                    "joint actions",
                    "assistants on actions",
                    "volunteers on actions",
                ],
                0,
            )
        ),
    )
    for area in areas:
        beats = [beat for beat in beats_by_area.get(area.pk, []) if beat.streets.all()]
        department = departments.get(area.pk)
        if not beats or department is None:
            continue
        slug = beats[0].code.rsplit("-", 1)[0]
        seeder = AreaCouncils(area, slug, department, beats, context)
        seeder.seed_partners()
        seeder.seed_council()
        seeder.seed_actions()
    return dict(context.totals)
