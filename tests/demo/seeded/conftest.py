"""One seeded demo city for every test of this package.

`seed_demo` runs once, with its reports, inside a transaction opened when the first test
here needs it and rolled back after the last: each test then runs in its own savepoint
(pytest-django's `db`), so what a test writes is undone, and nothing of the city is left
for the tests outside this package. Tests that run the command again do it inside a
savepoint of their own (see `test_running_again.py`).
"""

import shutil
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings

from reports.services.publishing import render_report_pdf
from tests.demo.seeding import REAL_PDF_AREA, seed, stand_in_pdf


def some_real_pdfs(snapshot, **kwargs):
    if snapshot["beat"]["code"].startswith(REAL_PDF_AREA):
        return render_report_pdf(snapshot, **kwargs)
    return stand_in_pdf(snapshot, **kwargs)


@pytest.fixture(scope="package")
def demo_seed(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `seed_demo` printed, and the media directory holding its avatars and PDFs."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, MEDIA_ROOT=media),
        mock.patch("reports.services.publishing.render_report_pdf", some_real_pdfs),
        transaction.atomic(),
    ):
        yield seed(), media
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_seed, db, settings):
    """The seeded city, for one test; the command's output."""
    output, media = demo_seed
    settings.DEBUG = True
    settings.MEDIA_ROOT = media  # where the seed stored the avatars and the PDFs
    return output


@pytest.fixture
def own_media(seeded, settings, tmp_path):
    """A copy of the seeded media for a test that writes or deletes stored files, so the
    other tests still find the PDFs of the seeded revisions."""
    copy = tmp_path / "seeded-media"
    shutil.copytree(settings.MEDIA_ROOT, copy)
    settings.MEDIA_ROOT = copy
    return copy
