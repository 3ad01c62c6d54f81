"""House lists of a street: "1–45, 2–60, 71А".

A list names single houses ("71А", "12/1") and ranges; a range whose ends are both odd (or
both even) is that side of the street only. An empty list is the whole street.

* `house_match`, `houses_cover`: whether (and how) a list includes one house (the public beat
  search).
* `houses_within`, `street_fully_covered`: whether the houses visited on a round lie within,
  and cover, the houses the beat has on the street (the beat's passport, the round form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from districts.search import FOLD_KAZAKH

_RANGE = re.compile(r"^(\d+)\s*[-–—]\s*(\d+)$")
_NUMBER = re.compile(r"^(\d+)([^\d].*)?$")
_SPAN = re.compile(r"^(\d+)[-–—](\d+)$")


@dataclass
class HouseSet:
    """A parsed house list: odd and even number intervals plus other tokens ("12/1", "71а").

    An empty list is the whole street.
    """

    whole: bool = False
    intervals: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: {0: [], 1: []})
    tokens: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, text: str) -> HouseSet:
        text = (text or "").casefold().translate(FOLD_KAZAKH)
        parts = [p for p in re.split(r"[,;]", re.sub(r"\s+", "", text)) if p]
        houses = cls(whole=not parts)
        for part in parts:
            span = _SPAN.match(part)
            if span:
                low, high = sorted(int(n) for n in span.groups())
                # Both ends odd (or both even): that side of the street only.
                sides = (low % 2,) if low % 2 == high % 2 else (0, 1)
                for side in sides:
                    houses._add(side, low, high)
            elif part.isdigit():
                houses._add(int(part) % 2, int(part), int(part))
            else:
                houses.tokens.add(part)
        for side in (0, 1):
            houses.intervals[side] = _merged(houses.intervals[side])
        return houses

    def _add(self, side, low, high):
        # Snap the ends to numbers of this side: 2–9 on the odd side is 3–9.
        low += (low % 2) != side
        high -= (high % 2) != side
        if low <= high:
            self.intervals[side].append((low, high))

    def _has_number(self, number: int) -> bool:
        return any(low <= number <= high for low, high in self.intervals[number % 2])

    def includes(self, other: HouseSet) -> bool:
        """Whether every house of `other` is one of these houses."""
        if self.whole:
            return True
        if other.whole:
            return False
        for side in (0, 1):
            for low, high in other.intervals[side]:
                if not any(a <= low and high <= b for a, b in self.intervals[side]):
                    return False
        for token in other.tokens:
            number = _NUMBER.match(token)
            if token in self.tokens or (number and self._has_number(int(number.group(1)))):
                continue
            return False
        return True


def _merged(intervals):
    """Intervals of one side of the street, sorted, with neighbours (n and n + 2) joined."""
    result = []
    for low, high in sorted(intervals):
        if result and low <= result[-1][1] + 2:
            result[-1] = (result[-1][0], max(result[-1][1], high))
        else:
            result.append((low, high))
    return result


def houses_within(street_houses: str, visited: str) -> bool:
    """Whether the visited houses all belong to the beat's part of the street.

    Blank `visited` means every house of the street in this beat, which always fits.
    """
    if not (visited or "").strip():
        return True
    return HouseSet.parse(street_houses).includes(HouseSet.parse(visited))


def street_fully_covered(street_houses: str, visits: Iterable[str]) -> bool:
    """Whether visits (their house lists) together walked every house of the street.

    A visit with a blank house list covered the whole street. When the beat has the whole
    street, only such a visit covers it: the street's last house is not known.
    """
    visits = list(visits)
    if not visits:
        return False
    if any(not (houses or "").strip() for houses in visits):
        return True
    if not (street_houses or "").strip():
        return False
    return HouseSet.parse(", ".join(visits)).includes(HouseSet.parse(street_houses))


# A house as residents type it and as lists hold it: "120", "120А", "120/1", "120а/1".
_HOUSE = re.compile(r"^(\d+)([а-я]?(?:/\d+[а-я]?)?)$")
# Latin letters typed for the Cyrillic letter of a house ("120a" is 120А, "7b" is 7Б).
_LATIN_HOUSE_LETTERS = str.maketrans("abvgdezijklmnoprstufh", "абвгдезийклмнопрстуфх")

LISTED, BY_NUMBER = "listed", "by_number"


def house_key(text):
    """A house number spelled one way: '120 А' → '120а', '120a' → '120а', '120 / 1' → '120/1'."""
    text = re.sub(r"\s", "", str(text or "")).casefold().translate(FOLD_KAZAKH)
    return text.translate(_LATIN_HOUSE_LETTERS)


def house_match(houses, house):
    """How a house list such as '1–45, 2–60, 71А, 120/1' includes a house number.

    LISTED when the list names the house itself ('71А', '120/1'); BY_NUMBER when the whole
    street belongs to the beat (an empty list) or a range holds the house's number ('23а' and
    '23/1' lie in '1–45'); None otherwise. Ranges are inclusive and keep the parity of their
    ends when both ends share it (odd side / even side). A LISTED house is the surer answer:
    when one beat lists '120/1' and another has the range '2–200', the house is the first's.
    """
    if house is None:
        return BY_NUMBER
    match = _HOUSE.match(house_key(house))
    if not match:
        return None
    wanted, wanted_full = int(match.group(1)), "".join(match.groups())
    by_number = not (houses or "").strip()
    for part in re.split(r"[,;]", re.sub(r"\s", "", (houses or "").casefold())):
        if not part:
            continue
        span = _RANGE.match(part)
        if span:
            low, high = sorted(int(n) for n in span.groups())
            same_parity = low % 2 == high % 2
            if low <= wanted <= high and (not same_parity or wanted % 2 == low % 2):
                by_number = True
        elif house_key(part) == wanted_full:
            return LISTED
    return BY_NUMBER if by_number else None


def houses_cover(houses, house):
    """Whether a house list such as '1–45, 2–60, 71А' includes a house number.

    An empty list means the whole street. See `house_match` for how a house is found.
    """
    return house_match(houses, house) is not None
