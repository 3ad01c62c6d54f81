"""Sample URL parameters for the access-matrix test, one module per part of the portal.

Each module defines SAMPLES: {url name: function(world) -> kwargs}, where the
object lies in the territory of `world`'s users (see tests/conftest.py).
"""

from tests.url_samples import (
    appeals,
    checklist,
    meetings,
    plans,
    problems,
    rounds,
    supervision,
    territory,
)

SAMPLE_KWARGS = {}
for module in (appeals, checklist, meetings, plans, problems, rounds, supervision, territory):
    SAMPLE_KWARGS.update(module.SAMPLES)
