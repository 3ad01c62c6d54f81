"""No page of the demo is wider than its window, at a phone's width or a laptop's, in Kazakh,
Russian or English; and the navbar keeps one row at 1280 px in Kazakh, the longest language.

The demo city is seeded once. Each role (and an anonymous resident) then gets one browser
context per language, loads its main pages once each and checks every page at both widths by
resizing the window rather than reloading. A page that scrolls sideways is reported with the
widest element that sticks out past the window's edge; all the problems are reported together.
"""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from tests.browser.helpers import DEMO_PASSWORD, PHONE_WIDTH
from volunteers.models import Certificate

DESKTOP_WIDTH = 1280
LONG_EMAIL = "almaly.district.police.inspector.beat.01.community.liaison@police.almaty.gov.kz"
LANGUAGES = ("kk", "ru", "en")


class Link:
    """The first link matching `pattern` on the pages loaded so far (the latest page first):
    a record's page whose id the demo does not fix."""

    def __init__(self, pattern):
        self.pattern = re.compile(pattern)

    def __repr__(self):
        return f"Link({self.pattern.pattern!r})"


# The main pages of each role, in the order they are loaded (a Link follows the pages it is
# found on). `None` is the anonymous resident; "{verify}" is a valid certificate's page.
PAGES = {
    None: [
        "/",
        "/?q=Абай",
        "/beats/almaly-01/",
        Link(r"^/reports/\d+/$"),
        "/beats/almaly-01/propose/",
        "/beats/almaly-01/subscribe/",
        "/beats/almaly-01/survey/",
        "/events/",
        "/councils/",
        Link(r"^/councils/\d+/$"),
        "/join/",
        Link(r"^/areas/\d+/join/$"),
        Link(r"^/events/(action|meeting|session)/\d+/$"),
        "/events/past/",
        "{verify}",
        "/verify/unknown-token/",
        "/accounts/login/",
    ],
    "inspector": [
        "/staff/inspector/",
        "/staff/beats/almaly-01/",
        "/staff/beats/almaly-01/channels/",
        "/staff/beats/almaly-01/survey-comments/",
        "/staff/meetings/",
        Link(r"^/staff/meetings/\d+/$"),
        "/staff/meetings/new/",
        "/staff/plan/",
        "/staff/proposals/",
        "/staff/checklist/",
        "/staff/register/assistants/apply/",
        "/staff/register/leads/",
        Link(r"^/staff/register/leads/\d+/$"),
        "/staff/reports/statistics/",
        "/staff/reports/",
        Link(r"^/staff/reports/\d+/$"),
        "/staff/settings/",
    ],
    "supervisor": [
        "/staff/department/",
        "/staff/beats/",
        "/staff/problems/plan/",
        "/staff/reports/rollup/",
        "/staff/reports/indicators/",
        "/staff/reports/statistics/import/",
    ],
    "registrar": [
        "/staff/area/",
        "/staff/reports/indicators/year/",
        "/staff/register/assistants/",
        Link(r"^/staff/register/assistants/\d+/$"),
        "/staff/register/certificates/",
        "/staff/register/duties/totals/",
        "/staff/register/budget/",
        "/staff/register/import/",
        "/staff/volunteers/",
    ],
    "regional": [
        "/staff/region/",
        "/staff/register/regional/",
    ],
    "secretary": [
        "/staff/councils/",
        "/staff/public-councils/",
        Link(r"^/staff/public-councils/\d+/$"),
        "/staff/recommendations/",
        Link(r"^/staff/recommendations/\d+/$"),
        "/staff/partners/",
        "/staff/actions/",
        Link(r"^/staff/actions/\d+/$"),
    ],
    "admin": [
        "/staff/beats/",
        "/staff/audit/",
    ],
}

# Whether the page scrolls sideways and, if so, the widest element that sticks out past the
# window's right edge. An element inside a box that scrolls or clips (a .table-responsive) does
# not widen the page: such a box clips what it holds, unless the element is positioned against
# a box outside it (a visually hidden label inside a scrolled table, say).
OVERFLOW_JS = """
() => {
  const limit = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= limit) return null;
  const containingBlock = (el) => {
    const position = getComputedStyle(el).position;
    if (position === "fixed") return null;
    let node = el.parentElement;
    if (position === "absolute") {
      while (node && node !== document.body && getComputedStyle(node).position === "static") {
        node = node.parentElement;
      }
    }
    return node;
  };
  const clipped = (el) => {
    if (getComputedStyle(el).position === "fixed") return true;  // never widens the page
    let node = containingBlock(el);
    for (; node && node !== document.body; node = containingBlock(node)) {
      if (getComputedStyle(node).position === "fixed") return true;
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/) : [];
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + classes.filter(Boolean).map((c) => "." + c).join("");
    const box = el.getBoundingClientRect();
    const text = (el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
    return `${name} (${Math.round(box.left)}–${Math.round(box.right)} px) «${text}»`;
  };
  const sticking = [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > limit + 0.5 && !clipped(el);
  });
  sticking.sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width);
  return {scrollWidth, widest: sticking.length ? describe(sticking[0]) : "no element found"};
}
"""

# At a phone's width a wide table shows its rows as cards (.table-stack): no cell is out of
# sight in a box scrolled sideways (the statistics' change column, say).
STACKED_JS = """
() => [...document.querySelectorAll("main table")].flatMap((table) => {
  const box = table.parentElement.getBoundingClientRect();
  const edge = Math.min(box.right, window.innerWidth) + 0.5;
  const hidden = [...table.querySelectorAll("td, th")].filter((cell) => {
    const r = cell.getBoundingClientRect();
    return r.width > 0 && !cell.closest("thead") && r.right > edge;
  });
  return hidden.length ? [`${table.id || table.className}: ${hidden.length} cells out of sight, `
    + `the first «${hidden[0].textContent.replace(/\\s+/g, " ").trim().slice(0, 40)}»`] : [];
})
"""

# The navbar's row at a desktop's width: what is not on the brand's row, what sticks out of the
# navbar, and whether its items take more height than the tallest of them (a second row).
NAVBAR_JS = """
() => {
  const nav = document.querySelector("nav.navbar-portal");
  const bar = nav.querySelector(":scope > [class^='container']");
  const brand = nav.querySelector(".navbar-brand");
  const items = [brand, ...nav.querySelectorAll(
    ".navbar-nav > .nav-item, .navbar-collapse > :not(.navbar-nav) > *")];
  const name = (el) => el.textContent.replace(/\\s+/g, " ").trim().slice(0, 40) || el.className;
  const row = brand.getBoundingClientRect();
  const edge = bar.getBoundingClientRect();
  const tallest = Math.max(...items.map((el) => el.getBoundingClientRect().height));
  const style = getComputedStyle(bar);
  const inner = bar.getBoundingClientRect().height
    - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return {
    below: items.filter((el) => el.getBoundingClientRect().top >= row.bottom).map(name),
    outside: items.filter((el) => el.getBoundingClientRect().right > edge.right + 0.5).map(name),
    rows: inner > tallest + 1
      ? `${Math.round(inner)} px high, its tallest item ${tallest} px` : null,
    toggler: getComputedStyle(nav.querySelector(".navbar-toggler")).display !== "none",
  };
}
"""


def paths_of(pages, page, verify_path):
    """Each page of `pages` as a path, a Link resolved against what `page` has loaded."""
    found = []  # the links of the pages loaded so far, the latest page's first
    for entry in pages:
        if isinstance(entry, Link):
            path = next((link for link in found if entry.pattern.search(link)), None)
            if path is None:
                yield entry, None
                continue
        else:
            path = entry.replace("{verify}", verify_path)
        yield path, path
        links = page.eval_on_selector_all("main a[href]", "els => els.map((e) => e.href)")
        found = [urlsplit(link).path for link in links if urlsplit(link).query == ""] + found


def overflow(page, width, where):
    problem = page.evaluate(OVERFLOW_JS)
    if problem is None:
        return []
    return [
        f"{where} at {width} px: {problem['scrollWidth']} px wide; widest sticking out: "
        f"{problem['widest']}"
    ]


def navbar_problems(page, where):
    nav = page.evaluate(NAVBAR_JS)
    problems = []
    if nav["toggler"]:
        problems.append(f"{where}: the navbar is folded at {DESKTOP_WIDTH} px")
    if nav["below"]:
        problems.append(f"{where}: navbar items on a second row: {nav['below']}")
    if nav["outside"]:
        problems.append(f"{where}: navbar items past its edge: {nav['outside']}")
    if nav["rows"]:
        problems.append(f"{where}: the navbar is more than one row: {nav['rows']}")
    return problems


def folded_menu_problems(page, where):
    """At a phone's width the navbar folds into its button; open, it and each of its drop-down
    menus fit the phone's width."""
    toggler = page.locator(".navbar-portal .navbar-toggler")
    if not toggler.is_visible():
        return [f"{where}: no menu button at {PHONE_WIDTH} px"]
    problems = []
    toggler.click()
    page.locator("#main-nav.show").wait_for()
    problems += overflow(page, PHONE_WIDTH, f"{where}, menu open")
    menus = page.locator("#main-nav .dropdown-toggle")
    for index in range(menus.count()):
        menus.nth(index).click()
        problems += overflow(page, PHONE_WIDTH, f"{where}, menu {index + 1} open")
    page.keyboard.press("Escape")
    toggler.click()
    page.locator("#main-nav.show").wait_for(state="detached")
    return problems


def check_pages(page, pages, *, lang, who, verify_path):
    problems = []
    widths = [PHONE_WIDTH, DESKTOP_WIDTH]
    for index, (entry, path) in enumerate(paths_of(pages, page, verify_path)):
        where = f"[{who}, {lang}] {path or entry}"
        if path is None:
            problems.append(f"{where}: no such link on the pages before it")
            continue
        response = page.goto(path)
        if response is None or response.status not in (200, 404):
            problems.append(f"{where}: answered {response and response.status}")
            continue
        if urlsplit(page.url).path != urlsplit(path).path:
            problems.append(f"{where}: sent on to {page.url}")
            continue
        if page.evaluate("document.documentElement.lang") != lang:
            problems.append(f"{where}: not in the language asked for")
        # The window keeps the width the last check left it at: that width comes first.
        for width in widths:
            page.set_viewport_size({"width": width, "height": 800})
            problems += overflow(page, width, where)
            if lang == "kk" and width == DESKTOP_WIDTH:
                problems += navbar_problems(page, where)
            if width == PHONE_WIDTH:
                problems += [f"{where}: {t}" for t in page.evaluate(STACKED_JS)]
            if lang == "kk" and width == PHONE_WIDTH and index == 0:
                problems += folded_menu_problems(page, where)
        widths.reverse()
    return problems


def test_no_page_of_the_demo_is_wider_than_its_window(browser, live_server, demo_city):
    # An e-mail address is one long word: it must break rather than widen the settings page.
    get_user_model().objects.filter(username="inspector").update(email=LONG_EMAIL)
    certificate = Certificate.objects.filter(assistant__area__name__startswith="Алмал").first()
    verify_path = certificate.verification_url()
    problems = []
    for username, pages in PAGES.items():
        signed_in = None  # the session, signed in once per role and shared by its languages
        for lang in LANGUAGES:
            context = browser.new_context(
                viewport={"width": PHONE_WIDTH, "height": 800},
                base_url=live_server.url,
                reduced_motion="reduce",
                storage_state=signed_in,
            )
            language = {"name": "django_language", "value": lang, "url": live_server.url}
            context.add_cookies([language])
            page = context.new_page()
            if username and signed_in is None:
                page.goto("/accounts/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", DEMO_PASSWORD)
                page.press("#id_password", "Enter")
                page.wait_for_url(lambda url: "/accounts/login/" not in url)
                signed_in = context.storage_state()
            problems += check_pages(
                page, pages, lang=lang, who=username or "resident", verify_path=verify_path
            )
            context.close()
    assert problems == [], "\n".join(problems)
