"""Russian formats where Django's differ from Kazakh: the default date is the short
day-first one (09.12.2026) in both state languages, and time keeps its leading zero
(09:05). Long dates ("15 декабря 2026 г.") come from portal/dates.py. Everything else
(decimal comma, a non-breaking space between thousands, input formats) is Django's."""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "j E"  # "15 декабря": Django's "j F" gives "15 Декабрь"
