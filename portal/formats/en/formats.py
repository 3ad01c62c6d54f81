"""English as read in Kazakhstan: dates day-first (09.12.2026), never the US month-first
order, a 24-hour clock and Monday as the first day of the week. Numbers keep the English
decimal point and thousands comma (0.72, 6,800). Long dates ("15 December 2026") come from
portal/dates.py."""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# Day-first first, so a text field shows 09.12.2026; ISO (2026-12-09) is read too. Django's
# US formats are left out: they would take 12/09/2026 (12 September) for 9 December.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
