"""The Kazakh individual identification number (ИИН / ЖСН).

12 digits: YYMMDD birth date, a digit for century and sex, four serial digits and a
check digit. The check digit is the weighted sum of the first 11 digits mod 11 with
weights 1..11; when that gives 10, with weights 3..11,1,2; when that gives 10 again,
the number is invalid.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# The 7th digit: century of birth and sex (1/2: 19th century, 3/4: 20th, 5/6: 21st).
CENTURIES = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


@dataclass(frozen=True)
class IINInfo:
    birth_date: datetime.date
    sex: str  # "M" or "F"


def check_digit(first_eleven: str) -> int | None:
    digits = [int(c) for c in first_eleven]
    control = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=True)) % 11
    if control == 10:
        control = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=True)) % 11
    return None if control == 10 else control


def parse_iin(value: str) -> IINInfo:
    """Birth date and sex from a valid IIN; ValidationError with a reason otherwise."""
    value = (value or "").strip()
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(_("An IIN is exactly 12 digits."), code="iin_format")
    century_sex = int(value[6])
    if century_sex not in CENTURIES:
        raise ValidationError(
            _("The 7th digit of an IIN must be from 1 to 6 (century and sex)."),
            code="iin_century",
        )
    try:
        birth_date = datetime.date(
            CENTURIES[century_sex] + int(value[0:2]), int(value[2:4]), int(value[4:6])
        )
    except ValueError:
        raise ValidationError(
            _("The first six digits of an IIN must be a real birth date (YYMMDD)."),
            code="iin_date",
        ) from None
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise ValidationError(
            _("This IIN fails its check digit: check it for a typing error."), code="iin_check"
        )
    return IINInfo(birth_date=birth_date, sex="M" if century_sex % 2 else "F")


def validate_iin(value):
    parse_iin(value)


def mask_iin(value: str) -> str:
    """'900101300123' → '********0123': only the last four digits stay.

    The first six digits are the birth date, itself personal data, so the mask hides
    them along with the century-and-sex digit.
    """
    return f"********{value[-4:]}" if value else ""


def make_iin(birth_date: datetime.date, sex: str, serial: int) -> str | None:
    """A valid synthetic IIN (demo data and tests); None when this serial has no check digit."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100] + (sex == "F")
    first = f"{birth_date:%y%m%d}{century_digit}{serial:04d}"
    digit = check_digit(first)
    return None if digit is None else f"{first}{digit}"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
