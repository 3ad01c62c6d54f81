"""Test overlay: the real settings, with what a test run cannot provide."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-not-a-secret-0123456789-abcdefghijklmnop")

from portal.settings import *  # noqa: E402, F403

# Tests use the finders, not a collected manifest.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# A fast hasher: tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-media" / "private"  # noqa: F405
# Tasks run in the test's process and transaction, whatever the environment says.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Tests read a page, change the data and read it again inside one transaction, where the
# page cache's invalidation (after commit) never runs: the page cache is switched on by the
# tests of it (tests/residents/test_page_cache.py) only.
PAGE_CACHE_ENABLED = False
# Test databases give the same ids again after each rollback: no per-process memo of PDFs.
STORED_PDF_MEMO_SECONDS = 0
