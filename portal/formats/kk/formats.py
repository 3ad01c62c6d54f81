"""Kazakh formats, which Django does not ship: dates day-first (09.12.2026), 24-hour time,
decimal comma and a non-breaking space between thousands (6 800), as in Russian
(DESIGN.md, "Both state languages"). Django's Kazakh month names are capitalised, so
formats that name a month stay numeric here; long dates ("2026 жылғы 15 желтоқсан", the
year first) come from portal/dates.py."""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "m.Y"
MONTH_DAY_FORMAT = "d.m"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# Typed dates: 09.12.2026, 9.12.2026 and 09.12.26; Django adds ISO (what date pickers send).
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%y %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
