"""Sample URL parameters for the access-matrix test, one module per part of the portal.

Each module defines SAMPLES: {url name: function(world) -> kwargs}, where the
object lies in the territory of `world`'s users (see tests/conftest.py).
"""

from tests.url_samples import (
    appeals,
    checklist,
    councils_actions,
    councils_calendar,
    councils_councils,
    councils_partners,
    meetings,
    plans,
    problems,
    reports_api,
    reports_public,
    reports_reports,
    reports_rollup,
    reports_statistics,
    rounds,
    supervision,
    territory,
    volunteers_activity,
    volunteers_assistants,
    volunteers_certificates,
    volunteers_registry,
    volunteers_volunteer_groups,
)

SAMPLE_KWARGS = {}
for module in (
    appeals,
    checklist,
    councils_actions,
    councils_calendar,
    councils_councils,
    councils_partners,
    meetings,
    plans,
    problems,
    reports_api,
    reports_public,
    reports_reports,
    reports_rollup,
    reports_statistics,
    rounds,
    supervision,
    territory,
    volunteers_activity,
    volunteers_assistants,
    volunteers_certificates,
    volunteers_registry,
    volunteers_volunteer_groups,
):
    SAMPLE_KWARGS.update(module.SAMPLES)
