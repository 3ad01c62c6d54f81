"""Run what waits for the request's commit.

A test runs inside one transaction that never commits, so the callbacks of
`transaction.on_commit` (the import tasks, see portal.imports.tasks) would never run;
`committed()` runs them when its block ends, as the end of a real request would."""

from django.test import TestCase


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)
