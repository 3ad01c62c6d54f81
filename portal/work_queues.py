"""Work queues: what waits for a staff user, at the top of their start page and in their
daily e-mail.

A start page belongs to the app of the role's work (the inspector's to districts, the
akimat registrar's to volunteers, ...), yet what waits for a role is kept by many apps: a
returned report by reports, an overdue appeal by districts, a missed deadline of the
register by volunteers. Rather than import upwards, the app that owns the data registers
a *source* in its `AppConfig.ready()`:

    work_queues.register("reports.returned", returned_reports, action="start.inspector")

A source is a function `source(user, today) -> list[QueueItem]`. It reads within the
user's territory (`policy.scoped`), costs a fixed number of queries whatever the amount of
data, and gives each item a label in the active language, a count, a link the user may
open (`link`), a due date or none, and a severity (`severity_of` decides it from the due
date unless the source knows better). Its `action` (or any of several) is asked of
`portal.policy.may`: a role's start-page action (`start.inspector`) gives the item to that
role's queue, so an administrator, who has no start page, has no queue either.

`queue_for(user)` gathers the items of every source the user may see, ordered by due date:
overdue first, undated last. Start pages show it with `{% work_queue %}`
(portal/templatetags/work_queues.py); the daily digest (portal/digests.py) sends the same.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone

from portal import policy
from portal.links import link_for

OVERDUE = "overdue"
DUE_SOON = "due_soon"
TO_DO = "to_do"
SEVERITIES = (OVERDUE, DUE_SOON, TO_DO)
# A due date this many days ahead (or nearer) is "due soon".
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class QueueItem:
    """One line of a queue: `count` things of one kind, and where to deal with them."""

    key: str  # stable, for the page's markup and the tests: "appeals-overdue", "beat-12-..."
    label: str  # in the active language
    count: int
    url: str | None  # relative; None when the user may not open the page
    due: datetime.date | None = None
    severity: str = TO_DO
    detail: str = ""  # a supervisor's comment, the beats concerned, ...

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")


@dataclass(frozen=True)
class Source:
    name: str
    items: Callable[..., list[QueueItem]]
    actions: tuple[str, ...]

    def serves(self, user) -> bool:
        return any(policy.may(user, action) for action in self.actions)


_sources: dict[str, Source] = {}


def register(name: str, items: Callable, *, action: str | Iterable[str]) -> None:
    """Add a source of queue items (once per name, whatever the reloads)."""
    actions = (action,) if isinstance(action, str) else tuple(action)
    if not actions:
        raise ValueError("a work-queue source needs an action")
    for each in actions:
        policy.roles_for(each)  # an unknown action fails at start-up
    _sources[name] = Source(name, items, actions)


def sources_for(user) -> list[Source]:
    """The sources whose items the user sees, in the order they were registered."""
    if not (user.is_authenticated and user.is_active):
        return []
    return [source for source in _sources.values() if source.serves(user)]


def has_queue(user) -> bool:
    return bool(sources_for(user))


def _order(item: QueueItem):
    # By due date: the oldest overdue first, undated last; then the most severe.
    return (item.due is None, item.due or datetime.date.max, SEVERITIES.index(item.severity))


def queue_for(user, today: datetime.date | None = None) -> list[QueueItem]:
    """What waits for the user, ordered by due date (overdue first, undated last)."""
    today = today or timezone.localdate()
    items = [
        item for source in sources_for(user) for item in source.items(user, today) if item.count > 0
    ]
    return sorted(items, key=_order)  # stable: ties keep the sources' order


# --- helpers for sources ---------------------------------------------------------------------


def severity_of(due: datetime.date | None, today: datetime.date) -> str:
    """Overdue when the due date has passed, due soon within DUE_SOON_DAYS, else to do."""
    if due is None:
        return TO_DO
    if due < today:
        return OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return TO_DO


def link(user, name: str, *args, **query) -> str | None:
    """The URL of a named page with a query string, when the page admits the user."""
    url = link_for(user, name, *args)
    if url is None:
        return None
    query = {key: value for key, value in query.items() if value is not None}
    return f"{url}?{urlencode(query)}" if query else url
