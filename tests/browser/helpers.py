"""What the browser tests share: the Prospekt Abaya scene, signing in, and the check that a
page fits a phone's width."""

from portal.models import PoliceRank, Role
from tests.factories import (
    DEFAULT_PASSWORD,
    AreaFactory,
    BeatFactory,
    BeatStreetFactory,
    PoliceDepartmentFactory,
    PolicePointFactory,
    RegionFactory,
    UserFactory,
)

PHONE_WIDTH = 360  # the width of the `page` fixture's viewport (conftest.PHONE_VIEWPORT)
DEMO_PASSWORD = "demo12345"  # README: every demo account's password (the `demo_city` fixture)
RECEPTION_HOURS = "Пн–Пт 9:00–18:00\nСб 10:00–14:00, обед 13:00–14:00"
# Finds what sticks out past the right edge, to say *what* makes the page scroll sideways.
OVERFLOWING_ELEMENTS_JS = """
(limit) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map((el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/) : [];
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + classes.filter(Boolean).map((c) => "." + c).join("");
    return `${name} right=${Math.round(el.getBoundingClientRect().right)}`;
  })
"""


class Beat7:
    """Beat No. 7 of one police point and its inspector."""

    def __init__(self):
        point = PolicePointFactory(name="УПП «Абай»")
        self.inspector = UserFactory(
            role=Role.INSPECTOR, department=point.department, last_name="Сейткали"
        )
        self.beat = BeatFactory(police_point=point, inspector=self.inspector, number=7)


class Abai:
    """Prospekt Abaya split between two beats of one point, and a third beat on another street."""

    def __init__(self):
        region = RegionFactory(name="Алматы")
        self.area = AreaFactory(region=region, name="Алмалинский район")
        department = PoliceDepartmentFactory(area=self.area, name="УП Алмалинского района")
        self.point = PolicePointFactory(
            department=department,
            name="УПП «Абай»",
            address="ул. Жибек Жолы, 100",
            phone="+7 727 254 00 00",
            reception_hours=RECEPTION_HOURS,
        )
        self.north_inspector = UserFactory(
            role=Role.INSPECTOR,
            department=department,
            last_name="Сейткали",
            first_name="Ерлан",
            middle_name="Маратович",
            rank=PoliceRank.CAPTAIN,
        )
        self.south_inspector = UserFactory(
            role=Role.INSPECTOR,
            department=department,
            last_name="Жумабаева",
            first_name="Айгерим",
            middle_name="Серикқызы",
            rank=PoliceRank.MAJOR,
        )
        other_inspector = UserFactory(
            role=Role.INSPECTOR,
            department=department,
            last_name="Омаров",
            first_name="Данияр",
            rank=PoliceRank.SENIOR_LIEUTENANT,
        )
        self.north = BeatFactory(
            code="almaly-07", number=7, police_point=self.point, inspector=self.north_inspector
        )
        self.south = BeatFactory(
            code="almaly-08", number=8, police_point=self.point, inspector=self.south_inspector
        )
        self.tole_bi = BeatFactory(
            code="almaly-09", number=9, police_point=self.point, inspector=other_inspector
        )
        BeatStreetFactory(
            beat=self.north, name_ru="просп. Абая", name_kk="Абай даңғылы", houses="1–45"
        )
        BeatStreetFactory(
            beat=self.south, name_ru="просп. Абая", name_kk="Абай даңғылы", houses="47–121"
        )
        BeatStreetFactory(beat=self.tole_bi, name_ru="ул. Толе би", name_kk="Төле би көшесі")


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/staff/**")


def assert_fits_phone(page):
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    overflowing = page.evaluate(OVERFLOWING_ELEMENTS_JS, PHONE_WIDTH)
    assert scroll_width <= PHONE_WIDTH, (
        f"{page.url} scrolls sideways at {PHONE_WIDTH} px "
        f"(scrollWidth {scroll_width}); sticking out: {overflowing}"
    )
