"""Long dates as each language writes them, the same in pages, PDFs, e-mails and code:

    kk  2026 жылғы 15 желтоқсан      2026 жылғы 15 желтоқсан, 18:30   2026 жылғы желтоқсан
    ru  15 декабря 2026 г.           15 декабря 2026 г., 18:30        декабрь 2026 г.
    en  15 December 2026             15 December 2026, 18:30          December 2026

Django's own Kazakh month names are capitalised and its order is the Russian one
("15 Желтоқсан 2026"), so the month names are kept here, not taken from the catalogues.
Short dates (09.12.2026) and numbers come from the format modules in portal/formats.

Templates use the filters of `{% load dates %}` (portal/templatetags/dates.py).
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

# The month after the day in a date (Russian: the genitive), lowercase.
MONTHS_IN_DATE = {
    "kk": (
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ),
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
# The month on its own, as in "декабрь 2026 г."; in Kazakh and English the same word.
MONTHS_ALONE = {
    **MONTHS_IN_DATE,
    "ru": (
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ),
}
DATE_PATTERNS = {
    "kk": "{year} жылғы {day} {month}",
    "ru": "{day} {month} {year} г.",
    "en": "{day} {month} {year}",
}
MONTH_PATTERNS = {
    "kk": "{year} жылғы {month}",
    "ru": "{month} {year} г.",
    "en": "{month} {year}",
}


def language_code(language=None) -> str:
    """ "kk", "ru" or "en": the given or active language, without its region."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    code = code.split("-")[0].split("_")[0]
    return code if code in DATE_PATTERNS else settings.LANGUAGE_CODE


def _moment(value):
    """A date or a local date-time from a date, a date-time or an ISO string (a published
    snapshot keeps its dates as text); None when `value` is none of these."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = parse_datetime(text) if "T" in text or " " in text else parse_date(text)
        except ValueError:
            return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    return None


def long_date(value, language=None) -> str:
    """`value` as a long date in `language` (default: the active one); a date-time gives its
    local date. "" for an empty value; anything that is no date comes back as text."""
    moment = _moment(value)
    if moment is None:
        return "" if value in (None, "") else str(value)
    code = language_code(language)
    return DATE_PATTERNS[code].format(
        year=moment.year, day=moment.day, month=MONTHS_IN_DATE[code][moment.month - 1]
    )


def long_datetime(value, language=None) -> str:
    """A long date with the 24-hour local time: "15 декабря 2026 г., 18:30". A plain date
    gives the long date alone."""
    moment = _moment(value)
    if not isinstance(moment, datetime.datetime):
        return long_date(value, language)
    return f"{long_date(moment, language)}, {moment:%H:%M}"


def month_year(value, language=None) -> str:
    """The month and year of `value`: "2026 жылғы желтоқсан", "декабрь 2026 г."."""
    moment = _moment(value)
    if moment is None:
        return "" if value in (None, "") else str(value)
    code = language_code(language)
    return MONTH_PATTERNS[code].format(year=moment.year, month=MONTHS_ALONE[code][moment.month - 1])
