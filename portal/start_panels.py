"""Panels that an app adds to the start pages of apps below it.

A start page belongs to the app that owns the role's work (the inspector's to districts,
the akimat registrar's to volunteers, ...), yet some of what waits for a role is kept by
an app above it: the register's deadlines wait for the police too. Rather than import
upwards, the upper app registers a panel in its `AppConfig.ready()`:

    start_panels.register("volunteers/_deadlines.html", action="register.view")

and a start page includes every panel its user may see:

    {% load start_panels %}{% start_panels as panels %}
    {% for panel in panels %}{% include panel %}{% endfor %}

A panel's template reads what it needs itself (through its own app's template tags), and
its action is asked of `portal.policy.may`.
"""

from dataclasses import dataclass

from portal import policy


@dataclass(frozen=True)
class Panel:
    template: str
    action: str
    order: int = 100


_panels: dict[str, Panel] = {}


def register(template: str, *, action: str, order: int = 100) -> None:
    """Add a panel to the start pages (once per template, whatever the reloads)."""
    policy.roles_for(action)  # an unknown action fails at start-up
    _panels[template] = Panel(template, action, order)


def panels_for(user) -> list[str]:
    """The templates of the panels the user may see, in order."""
    shown = [p for p in _panels.values() if policy.may(user, p.action)]
    return [p.template for p in sorted(shown, key=lambda p: (p.order, p.template))]
