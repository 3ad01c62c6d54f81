"""The open-data API against its own OpenAPI document: schemathesis generates requests, valid
and invalid, for every operation and runs every check it has on each answer (no server
error; every status, content type, header and body as documented; valid data accepted,
invalid data refused; undocumented methods refused with 405). It must find nothing.

Bounded for CI: a few examples per operation and a deadline per example, on a small
published world (tests/conftest.py) in the test database.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import CHECKS

from tests.factories import ReportRevisionFactory

EXAMPLES_PER_OPERATION = 15


# The document, read through the portal itself (it touches no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def in_the_test_transaction():
    """Requests through the WSGI application stay in the test's transaction, as they do with
    Django's test client: the connection is not closed when each request ends."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def published(shared_world, in_the_test_transaction):
    """Beats, a published report and its statistics for the answers to be made of."""
    return ReportRevisionFactory(
        report__beat=shared_world.beat, report__year=2026, report__quarter=2
    )


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=2000,
    derandomize=True,  # the same examples on every run: CI fails for a reason, not by chance
    database=None,  # no .hypothesis directory in the work tree
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_document_says(case, published):
    case.call_and_validate(checks=CHECKS.get_all())
