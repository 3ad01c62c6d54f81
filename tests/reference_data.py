"""The reference lists the project's data migrations hold (offence categories, the
Appendix B checklist), put back after a transactional test emptied every table."""

from pathlib import Path

import pytest
from django.conf import settings

# Set when a test emptied the tables and no test followed it yet to restore them.
RESTORE_PENDING = pytest.StashKey[bool]()


def restore_data_migrations():
    """Put back what the project's data migrations hold (offence categories, the Appendix B
    checklist) by re-running their steps, in migration order."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection).graph
    # Django's own apps' data steps need a schema editor and restore nothing the tests need.
    ours = {c.label for c in apps.get_app_configs() if Path(c.path).parent == settings.BASE_DIR}
    done = set()
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            if key in done or key[0] not in ours:
                continue
            done.add(key)
            for operation in graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)


def restore_reference_lists(config):
    """Restore them outside any test's transaction (committed, for every later test)."""
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        restore_data_migrations()
    config.stash[RESTORE_PENDING] = False
