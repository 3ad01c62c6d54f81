"""The ways residents reach the demo inspectors: each inspector's own reception hours, one
to three messenger groups of houses on most beats, and the city's police trust phone.

Deterministic: the hours and the groups follow the beat's number and its first streets, so
a second run writes the same. Running again replaces the beats' groups (and their history
rows: seeding is no one's change). The links are made up and lead to no real group.
"""

import hashlib

from demo.recording import without_history
from districts.models import Beat, MessengerGroup, MessengerPlatform

# A made-up number in the demo's style, not a real line.
TRUST_PHONE = "+7 727 254 00 00"

INSPECTOR_HOURS = [
    {
        "ru": "Вт, Чт 18:00–20:00 в УПП\nСб 10:00–12:00",
        "kk": "Сс, Бс 18:00–20:00 УПП-да\nСб 10:00–12:00",
        "en": "Tue, Thu 18:00–20:00 at the police point\nSat 10:00–12:00",
    },
    {
        "ru": "Пн, Ср 17:00–19:00 в УПП",
        "kk": "Дс, Ср 17:00–19:00 УПП-да",
        "en": "Mon, Wed 17:00–19:00 at the police point",
    },
    {
        "ru": "Ср 18:00–20:00, Сб 11:00–13:00 в УПП",
        "kk": "Ср 18:00–20:00, Сб 11:00–13:00 УПП-да",
        "en": "Wed 18:00–20:00, Sat 11:00–13:00 at the police point",
    },
]

# Every fifth beat has no group yet: not every courtyard has one.
NO_GROUPS_EVERY = 5


def _invite(code, index):
    """A made-up invitation code, the same on every run."""
    return hashlib.sha256(f"{code}:{index}".encode()).hexdigest()[:22]


def _groups(beat, streets):
    if beat.number % NO_GROUPS_EVERY == 0 or not streets:
        return []
    count = 1 + beat.number % 3  # 1–3
    groups = []
    for index, street in enumerate(streets[:count]):
        house = 2 + 4 * index + beat.number % 7
        whatsapp = (beat.number + index) % 2 == 0
        platform = MessengerPlatform.WHATSAPP if whatsapp else MessengerPlatform.TELEGRAM
        url = (
            f"https://chat.whatsapp.com/{_invite(beat.code, index)}"
            if whatsapp
            else f"https://t.me/+{_invite(beat.code, index)[:16]}"
        )
        groups.append(
            MessengerGroup(
                beat=beat,
                label_ru=f"{street.name_ru}, {house}, подъезды 1–4",
                label_kk=f"{street.name_kk}, {house}, 1–4 кіреберістер",
                platform=platform,
                url=url,
            )
        )
    return groups


def seed_channels(region, beats):
    """Write the region's trust phone and the beats' hours and groups; counts by kind."""
    region.trust_phone = TRUST_PHONE
    region.save(update_fields=["trust_phone"])
    beats = list(beats.prefetch_related("streets").order_by("pk"))
    beat_ids = [b.pk for b in beats]
    with without_history():
        MessengerGroup.objects.filter(beat_id__in=beat_ids).delete()
    MessengerGroup.history.model.objects.filter(beat_id__in=beat_ids).delete()
    groups = []
    for beat in beats:
        hours = INSPECTOR_HOURS[beat.number % len(INSPECTOR_HOURS)]
        for language, text in hours.items():
            setattr(beat, f"reception_hours_{language}", text)
        groups += _groups(beat, sorted(beat.streets.all(), key=lambda s: (s.name_ru, s.pk)))
    Beat.objects.bulk_update(
        beats, ["reception_hours", "reception_hours_ru", "reception_hours_kk", "reception_hours_en"]
    )
    MessengerGroup.objects.bulk_create(groups)
    return {"messenger groups": len(groups), "beats with reception hours": len(beats)}
