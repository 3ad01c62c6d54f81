"""Panels that upper apps add to lower apps' start pages, shown by the policy's answer."""

import pytest
from django.urls import reverse

from portal import start_panels
from portal.models import Role


def test_the_registers_deadlines_panel_is_shown_to_the_police_only(world):
    assert start_panels.panels_for(world.users[Role.INSPECTOR]) == ["volunteers/_deadlines.html"]
    assert start_panels.panels_for(world.users[Role.SUPERVISOR]) == ["volunteers/_deadlines.html"]
    assert start_panels.panels_for(world.users[Role.COUNCIL_SECRETARY]) == []


def test_a_panel_with_an_unknown_action_is_refused():
    with pytest.raises(KeyError):
        start_panels.register("nowhere/_panel.html", action="no.such.action")


def test_the_inspectors_start_page_includes_the_panel(client, world):
    client.force_login(world.users[Role.INSPECTOR])
    response = client.get(reverse("inspector-home"))
    assert "volunteers/_deadlines.html" in [t.name for t in response.templates]
