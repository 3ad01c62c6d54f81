"""The demo's people in uniform and in office: the password, the beat inspectors and the
per-role accounts of `manage.py seed_demo`."""

from portal.models import PoliceRank

DEMO_PASSWORD = "demo12345"  # noqa: S105 -- published on purpose; seed_demo runs only with DEBUG

LIEUTENANT = PoliceRank.LIEUTENANT
SENIOR_LIEUTENANT = PoliceRank.SENIOR_LIEUTENANT
CAPTAIN = PoliceRank.CAPTAIN
MAJOR = PoliceRank.MAJOR

INSPECTOR_POSITION = "Участковый инспектор полиции"
SENIOR_INSPECTOR_POSITION = "Старший участковый инспектор полиции"

# (surname, first name, patronymic, rank) of the beat inspectors, one per beat in the
# order of AREAS and their beats: the 7th is the inspector of almaly-01.
INSPECTORS = [
    ("Абдрахманов", "Нурлан", "Серикович", CAPTAIN),
    ("Жумабаева", "Айгерим", "Болатовна", SENIOR_LIEUTENANT),
    ("Кузнецов", "Андрей", "Викторович", MAJOR),
    ("Ахметов", "Данияр", "Кайратович", LIEUTENANT),
    ("Нурланова", "Асель", "Ерлановна", CAPTAIN),
    ("Тулегенов", "Арман", "Мухтарович", SENIOR_LIEUTENANT),
    ("Сапаров", "Ерлан", "Маратович", CAPTAIN),
    ("Исмаилова", "Динара", "Талгатовна", SENIOR_LIEUTENANT),
    ("Оспанов", "Бауыржан", "Нурланович", MAJOR),
    ("Ким", "Денис", "Сергеевич", CAPTAIN),
    ("Бекмуратов", "Азамат", "Жанатович", LIEUTENANT),
    ("Садыкова", "Гульнара", "Айдаровна", CAPTAIN),
    ("Мухамеджанов", "Ержан", "Бакытович", SENIOR_LIEUTENANT),
    ("Петренко", "Игорь", "Николаевич", MAJOR),
    ("Касымов", "Руслан", "Асхатович", CAPTAIN),
    ("Есенова", "Жанар", "Амангельдиевна", SENIOR_LIEUTENANT),
    ("Калиев", "Мейрам", "Сагынтаевич", LIEUTENANT),
    ("Байжанов", "Асхат", "Ерболович", CAPTAIN),
    ("Смагулова", "Алия", "Кайратовна", SENIOR_LIEUTENANT),
    ("Омаров", "Талгат", "Женисович", MAJOR),
    ("Ли", "Виктория", "Олеговна", CAPTAIN),
    ("Жаксылыков", "Нурсултан", "Ерланович", LIEUTENANT),
    ("Алиев", "Рустам", "Ильясович", SENIOR_LIEUTENANT),
    ("Дюсенбаев", "Серик", "Куанышевич", CAPTAIN),
    ("Утепова", "Мадина", "Нурлановна", SENIOR_LIEUTENANT),
    ("Рахимов", "Тимур", "Айбекович", CAPTAIN),
    ("Иванова", "Елена", "Петровна", MAJOR),
    ("Нургалиев", "Алмас", "Бахытжанович", SENIOR_LIEUTENANT),
    ("Сулейменов", "Канат", "Болатович", CAPTAIN),
    ("Абенова", "Сауле", "Маратовна", LIEUTENANT),
    ("Токтаров", "Ербол", "Аскарович", CAPTAIN),
    ("Мусин", "Ринат", "Рашидович", SENIOR_LIEUTENANT),
    ("Курманова", "Айнур", "Серикбаевна", CAPTAIN),
    ("Бейсенов", "Жандос", "Ерикович", LIEUTENANT),
    ("Шевчук", "Олег", "Александрович", MAJOR),
    ("Ермеков", "Айдос", "Темирланович", SENIOR_LIEUTENANT),
    ("Амирова", "Лаура", "Бекзатовна", CAPTAIN),
    ("Сарсенбаев", "Даурен", "Муратович", CAPTAIN),
    ("Турсунов", "Ильяс", "Абдуллаевич", SENIOR_LIEUTENANT),
    ("Кенжебаева", "Гаухар", "Сериковна", LIEUTENANT),
    ("Абилов", "Максат", "Нурбекович", CAPTAIN),
    ("Попов", "Сергей", "Владимирович", MAJOR),
    ("Жанибеков", "Олжас", "Айдарович", SENIOR_LIEUTENANT),
    ("Мамырова", "Камила", "Ержановна", LIEUTENANT),
    ("Кожахметов", "Бекзат", "Асылбекович", CAPTAIN),
    ("Тлеубердиев", "Нуржан", "Ахметович", SENIOR_LIEUTENANT),
    ("Сагындыкова", "Меруерт", "Даулетовна", CAPTAIN),
    ("Ибраев", "Айбек", "Кайратович", SENIOR_LIEUTENANT),
]

# The other demo accounts: username → (role, scope, (surname, first name, patronymic), rank,
# position). The scope is the department or the area of MAIN_AREA, the region, or none.
STAFF = {
    "supervisor": (
        "supervisor",
        "department",
        ("Касымбеков", "Марат", "Толегенович"),
        PoliceRank.LIEUTENANT_COLONEL,
        "Начальник отдела местной полицейской службы Управления полиции Алмалинского района",
    ),
    "registrar": (
        "akimat_registrar",
        "area",
        ("Нурпеисова", "Динара", "Ахметовна"),
        "",
        "Главный специалист аппарата акима Алмалинского района",
    ),
    "regional": (
        "regional_registrar",
        "region",
        ("Оразбаев", "Арман", "Кайратович"),
        "",
        "Главный специалист аппарата акима г. Алматы",
    ),
    "secretary": (
        "council_secretary",
        "area",
        ("Ибраева", "Салтанат", "Адилетовна"),
        "",
        "Секретарь общественного совета Алмалинского района",
    ),
    "admin": (
        "administrator",
        None,
        ("Смагулов", "Данияр", "Ержанович"),
        "",
        "Администратор портала",
    ),
}
