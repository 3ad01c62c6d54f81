"""Names and phone numbers of the demo's residents of Almaty.

Kazakh, Russian and Korean surnames, first names and patronymics in the shares of the
city's population; the female forms of surnames and patronymics; mobile numbers of the
Kazakh operators; and Latin letters for e-mail addresses.
"""

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


def full_name(parts):
    return " ".join(parts)


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
