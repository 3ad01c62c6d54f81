"""axe-core on every staff page of the demo city, and a visible keyboard focus.

The demo is seeded once (with its published reports); each role then signs in and walks
its pages from its start page, following links inside the staff part of the portal. Every
page kind (URL pattern) is audited once, by the first role that reaches it: the inspector
on a phone's width, the other roles on a desktop's. All violations are reported together.
"""

from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.browser.conftest import axe_violations
from tests.browser.helpers import DEMO_PASSWORD, PHONE_WIDTH

# The demo accounts (README) in the order their pages are walked.
# An administrator lands in the Django admin; their walk starts on the staff beat list.
ROLES = [
    ("inspector", PHONE_WIDTH, None),
    ("supervisor", 1280, None),
    ("registrar", 1280, None),
    ("regional", 1280, None),
    ("secretary", 1280, None),
    ("admin", 1280, "/staff/beats/"),
]
# Files and feeds are not pages; the import template is a file too.
NOT_PAGES = (".pdf", ".xlsx", ".csv", ".ics", "/pdf/", "/export", "/template", "/progress/")
# A role walks at most this many pages (a safety net: the demo has fewer page kinds).
MAX_PAGES_PER_ROLE = 120


def is_staff_page(path):
    return path.startswith("/staff/") and not any(part in path for part in NOT_PAGES)


def page_kind(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def audit_page(page):
    # Landmarks named alike (a section and its table region) confuse screen-reader users.
    return axe_violations(page, also={"landmark-unique"})


def walk(page, start, audited):
    """Audit each page kind not yet audited that `page` (signed in) reaches from `start`."""
    found = {}
    queue, seen, visited = deque([start]), {start}, 0
    queued = set()  # page kinds waiting in the queue: one page of a kind is enough
    while queue and visited < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        response = page.goto(path)
        visited += 1
        if response is None or response.status != 200:
            continue
        kind = page_kind(urlsplit(page.url).path)
        if kind and kind not in audited:
            audited.add(kind)
            problems = audit_page(page)
            if problems:
                found[path] = problems
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for link in links:
            parts = urlsplit(link)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not is_staff_page(parts.path) or target in seen:
                continue
            # One page of each kind is enough to walk on from; a list's pages and filters
            # (query strings) add nothing new.
            kind = page_kind(parts.path)
            if parts.query or kind in audited or kind in queued:
                continue
            seen.add(target)
            queued.add(kind)
            queue.append(target)
    return found


def test_every_staff_page_of_the_demo_has_no_serious_violations(browser, live_server, demo_city):
    audited, found = set(), {}
    for username, width, start in ROLES:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, base_url=live_server.url, bypass_csp=True
        )
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.press("#id_password", "Enter")
        page.wait_for_url("**/staff/**" if start is None else "**/admin/**")
        found.update(walk(page, start or urlsplit(page.url).path, audited))
        context.close()
    assert len(audited) > 40, sorted(audited)  # the walk reached the staff part of the portal
    assert found == {}


@pytest.mark.parametrize("width", [PHONE_WIDTH, 1280])
def test_keyboard_focus_is_a_clear_ring_on_light_and_dark(page, abai, width):
    page.set_viewport_size({"width": width, "height": 800})
    # Bootstrap eases box-shadow in over 0.15 s; read the ring as it settles, not mid-way.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    # The first Tab stop is the skip link; the next ones are in the dark navbar.
    rings = []
    for _ in range(4):
        page.keyboard.press("Tab")
        rings.append(
            page.evaluate(
                """() => {
                  const s = getComputedStyle(document.activeElement);
                  return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth,
                          s.outlineColor, s.boxShadow];
                }"""
            )
        )
    page.focus("#id_q")  # a light text input
    rings.append(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return ['INPUT', s.outlineStyle, s.outlineWidth, s.outlineColor,
                               s.boxShadow]; }"""
        )
    )
    for tag, style, width_px, color, shadow in rings:
        assert style == "solid", tag
        assert float(width_px.removesuffix("px")) >= 3, tag
        assert color == "rgb(11, 12, 12)", tag  # near-black: 3:1 and more on light pages
        assert "rgb(255, 255, 255)" in shadow, tag  # the white halo: readable on the navbar
