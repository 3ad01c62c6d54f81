"""The demo city, Almaty: its name, the reception hours of its police points, the
criminogenic levels of its beats, and the area and beat the demo accounts work in."""

# The demo account "inspector" serves this beat; the other inspectors are
# "inspector-<beat code>". The per-role accounts in `staff.STAFF` work in MAIN_AREA.
MAIN_INSPECTOR_BEAT = "almaly-01"
MAIN_AREA = "almaly"

REGION = {"ru": "г. Алматы", "kk": "Алматы қаласы", "en": "Almaty"}

RECEPTION_HOURS = [
    {
        "ru": "Пн–Пт 9:00–18:00, Сб 10:00–13:00",
        "kk": "Дс–Жм 9:00–18:00, Сб 10:00–13:00",
        "en": "Mon–Fri 9:00–18:00, Sat 10:00–13:00",
    },
    {
        "ru": "Пн–Пт 9:00–19:00, Сб 10:00–14:00",
        "kk": "Дс–Жм 9:00–19:00, Сб 10:00–14:00",
        "en": "Mon–Fri 9:00–19:00, Sat 10:00–14:00",
    },
]

# Beats' criminogenic levels (the values of districts.models.CriminogenicLevel).
LOW, MEDIUM, HIGH = "low", "medium", "high"
