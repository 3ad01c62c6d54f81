"""One area's partners, public council and joint actions, drawn from its own `random.Random`."""

import random

from demo.councils.actions import JointActions
from demo.councils.council import PublicCouncilWork
from demo.councils.partners import Partners
from demo.data import city
from demo.data.areas import AREA_BY_SLUG
from demo.dates import at
from demo.names import draw_name
from demo.places import house_number


class AreaCouncils(Partners, PublicCouncilWork, JointActions):
    """Draws and records the partners, the public council and the joint actions of one area."""

    def __init__(self, area, slug, department, beats, context):
        self.area = area
        self.slug = slug
        self.main = slug == city.MAIN_AREA
        self.department = department
        self.beats = beats
        self.ctx = context
        self.today = context.today
        self.rng = random.Random(f"seed-demo-councils:{slug}")
        area_data = AREA_BY_SLUG.get(slug)
        self.genitive = area_data["genitive"]["ru"] if area_data else str(area)
        self.genitive_kk = area_data["genitive"]["kk"] if area_data else area.name_kk or str(area)
        self.prefix = area_data["phone_prefix"] if area_data else "200"
        self.streets = {
            beat.pk: sorted(beat.streets.all(), key=lambda s: (s.name_ru, s.houses))
            for beat in beats
        }
        self.partners = []
        # Who keeps the council's records: the demo secretary in her area; elsewhere, where
        # the demo has no secretary account, the administrator.
        self.secretary_user = (
            context.users.get("secretary") if self.main else None
        ) or context.users.get("admin")
        # Who records actions on a beat without an inspector: the supervisor in Almaly.
        supervisor = context.users.get("supervisor") if self.main else None
        self.recorder = supervisor or beats[0].inspector

    # -- helpers

    def at(self, day, hour, minute=0):
        return at(day, hour, minute)

    def house(self, street):
        return house_number(self.rng, street, whole_street=60)

    def landline(self):
        return f"+7 727 {self.prefix} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"

    def person(self, sex=None, born=1975):
        return draw_name(self.rng, sex or self.rng.choice("MF"), born)
