"""One beat's half-year of work, drawn from its own `random.Random` seeded with its code."""

import random

from demo.data.areas import AREAS
from demo.places import address, house_number, house_ref, street_spans
from demo.work.field import FieldWork
from demo.work.field_texts import HOUSING
from demo.work.meetings import MeetingWork
from demo.work.submissions import SubmissionWork

# Rough centres of the districts, kept inside lat 43.20–43.35, lon 76.85–77.05.
AREA_CENTRES = {
    "alatau": (43.305, 76.870),
    "almaly": (43.252, 76.920),
    "auezov": (43.228, 76.870),
    "bostandyk": (43.215, 76.925),
    "zhetysu": (43.300, 76.940),
    "medeu": (43.248, 76.975),
    "nauryzbay": (43.208, 76.865),
    "turksib": (43.330, 76.965),
}
GENITIVE = {area["slug"]: area["genitive"]["ru"] for area in AREAS}


class BeatWork(MeetingWork, FieldWork, SubmissionWork):
    """Draws the work of one beat into a Batch: the meetings (`MeetingWork`), then the rest
    (`FieldWork`), always in the same order, so the same day gives the same work."""

    def __init__(self, beat, calendar, batch, manual_items):
        self.beat = beat
        self.cal = calendar
        self.batch = batch
        self.manual_items = manual_items
        self.rng = random.Random(f"seed-demo-work:{beat.code}")
        self.inspector = beat.inspector
        self.beat_proposals = []  # (proposal, its work plan task)
        self.streets = sorted(beat.streets.all(), key=lambda s: s.pk)
        self.slug = beat.code.rsplit("-", 1)[0]
        self.genitive = GENITIVE.get(self.slug, "района")
        rng = self.rng
        self.housing = rng.sample(HOUSING, 3)
        first, second = rng.sample(range(8, 190), 2)
        # (name, its genitive, its Kazakh name)
        self.schools = [
            (
                f"школа-гимназия № {first}",
                f"школы-гимназии № {first}",
                f"№ {first} мектеп-гимназия",
            ),
            (
                f"общеобразовательная школа № {second}",
                f"общеобразовательной школы № {second}",
                f"№ {second} жалпы білім беретін мектеп",
            ),
        ]
        self.osi = [f"ОСИ «{name}-{rng.randint(2, 40)}»" for name in self.housing[:2]] + [
            f"КСК «{self.housing[2]}»"
        ]
        lat, lon = AREA_CENTRES.get(self.slug, (43.25, 76.93))
        self.centre = (lat + rng.uniform(-0.012, 0.012), lon + rng.uniform(-0.015, 0.015))

    # -- helpers

    def house(self, street):
        return house_number(self.rng, street)

    def place(self, street=None):
        street = street or self.rng.choice(self.streets)
        return address(street, self.house(street))

    def house_in_text(self, street=None):
        street = street or self.rng.choice(self.streets)
        return house_ref(street, self.house(street))

    def sub_range(self, street):
        """A part of the beat's share of the street, in the portal's house-list syntax."""
        rng = self.rng
        spans = street_spans(street)
        if not spans:
            return f"1–{rng.randrange(30, 101, 2)}"
        low, high = spans[0]
        if low % 2 == high % 2:
            steps = (high - low) // 2
            return f"{low}–{low + 2 * rng.randint(max(1, steps // 3), max(1, 2 * steps // 3))}"
        return f"{low}–{rng.randint(low + (high - low) // 3, low + 2 * (high - low) // 3)}"

    def recorded(self, day, hour=None):
        hour = self.rng.randint(17, 20) if hour is None else hour
        return self.cal.past(day, hour, self.rng.choice([0, 10, 25, 40, 55]))

    def common(self, day, hour=None):
        return {
            "beat": self.beat,
            "created_by": self.inspector,
            "created_at": self.recorded(day, hour),
        }

    # -- the whole beat

    def draw(self):
        self.meetings()
        self.rounds()
        self.preventive_visits()
        self.problem_places()
        self.appeals()
        self.service_records()
        self.trust_cases()
        self.checklist_marks()
        self.studies()
        self.resident_submissions()  # last: it draws from its own rng
