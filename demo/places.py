"""Houses and addresses on the demo beats' streets, in the words of an Almaty inspector.

A beat street's `houses` use the portal's house-list syntax (see
`districts.search.houses_cover`); the demo picks houses the beat really has.
"""

import re

_SPAN = re.compile(r"(\d+)\s*[–—-]\s*(\d+)")


def street_spans(street):
    """The (low, high) house ranges of a beat street; [] when it has the whole street."""
    return [(int(low), int(high)) for low, high in _SPAN.findall(street.houses)]


def house_number(rng, street, whole_street=120):
    """A house the beat has on the street; up to `whole_street` when it has all of it."""
    spans = street_spans(street)
    if not spans:
        return rng.randint(1, whole_street)
    low, high = rng.choice(spans)
    if low % 2 == high % 2:
        return low + 2 * rng.randint(0, (high - low) // 2)
    return rng.randint(low, high)


def is_microdistrict(street_name):
    return street_name.startswith("мкр.")


def address(street, house):
    """An address line: "ул. Желтоксан, 112" or "мкр. Тастак-1, д. 12"."""
    if is_microdistrict(street.name_ru):
        return f"{street.name_ru}, д. {house}"
    return f"{street.name_ru}, {house}"


def address_kk(street, house):
    """The address line in Kazakh: "Желтоқсан көшесі, 112"."""
    return f"{street.name_kk}, {house}"


def house_ref(street, house):
    """A house to follow "дом" in a sentence: "№ 112 по ул. Желтоксан", "№ 12 в мкр. Тастак-1"."""
    preposition = "в" if is_microdistrict(street.name_ru) else "по"
    return f"№ {house} {preposition} {street.name_ru}"


def along(street_name):
    """'по ул. Толе би', 'в мкр. Тастак-1'."""
    return f"{'в' if is_microdistrict(street_name) else 'по'} {street_name}"


def on(street_name):
    """'на ул. Толе би', 'в мкр. Тастак-1'."""
    return f"{'в' if is_microdistrict(street_name) else 'на'} {street_name}"


def street_short(street_name):
    """'ул. Толе би' → 'Толе би', 'просп. Абая' → 'Абая', 'мкр. Самал-2' → 'Самал-2'."""
    prefix, _, rest = street_name.partition(" ")
    return rest if prefix.endswith(".") or prefix == "бульвар" else street_name
