"""Streets of Almaty on beats 11 to 19, for the beat search's tests (the matching and the page).

Zheltoksan street is split three ways: beat 11 has houses up to 119, beat 12 the numbers from
120 on, beat 13 the buildings 120/1 and 120А by name. Beat 11's street is the first recorded,
so the search page's example is "ул. Желтоксан 1" and beat 11.
"""

from tests.factories import BeatFactory, BeatStreetFactory, PolicePointFactory

ZHELTOKSAN = [11, 12, 13]

STREETS = [
    # (beat number, name in Russian, name in Kazakh, houses)
    (11, "ул. Желтоксан", "Желтоқсан көшесі", "1–119, 2–118"),
    (12, "ул. Желтоксан", "Желтоқсан көшесі", "120–200, 121–199"),
    (13, "ул. Желтоксан", "Желтоқсан көшесі", "120/1, 120А"),
    (14, "просп. Абая", "Абай даңғылы", ""),
    (15, "ул. Кабанбай батыра", "Қабанбай батыр көшесі", ""),
    (16, "ул. Шевченко", "Шевченко көшесі", ""),
    (17, "ул. Абайская", "Абайская көшесі", ""),
    (18, "ул. Батура", "Батур көшесі", ""),
    (19, "ул. Курмангазы", "Құрманғазы көшесі", ""),
]


def almaty_streets():
    """The beats by number, their streets as in STREETS."""
    point = PolicePointFactory()
    beats = {n: BeatFactory(number=n, police_point=point) for n in range(11, 20)}
    for number, name_ru, name_kk, houses in STREETS:
        BeatStreetFactory(beat=beats[number], name_ru=name_ru, name_kk=name_kk, houses=houses)
    return beats
