"""The audit log's own tests: records made by factories are audited too."""

import pytest

from tests.factories import base


@pytest.fixture(autouse=True)
def factories_are_audited(monkeypatch):
    monkeypatch.setattr(base, "AUDITED", True)
