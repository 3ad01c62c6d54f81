"""Fixtures of the tests that walk every page of the portal."""

import logging
import sys

import pytest
from django.urls import get_resolver

from portal import pdf
from tests.reference_data import RESTORE_PENDING


@pytest.fixture
def quick_pdf(monkeypatch):
    """PDFs are not drawn: parameters are read before, and the PDF tests check the drawing."""

    def stub(template_name, context, **kwargs):
        return b"%PDF-1.7\n%%EOF\n"

    get_resolver().urlconf_module  # noqa: B018  (imports every view module)
    original = pdf.render_pdf
    for module in list(sys.modules.values()):
        if getattr(module, "render_pdf", None) is original:
            monkeypatch.setattr(module, "render_pdf", stub)


@pytest.fixture
def quiet_request_log():
    """Django logs every 4xx and 5xx answer; formatting thousands of them would take most of
    the time. The test lists the failures itself."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def committed_data(request, transactional_db):
    """`transactional_db` for a test whose data other processes or connections must see: the
    tables are emptied after it, and the next test finds the reference lists of the data
    migrations put back (tests/conftest.py restores them at its setup)."""
    yield
    request.config.stash[RESTORE_PENDING] = True
