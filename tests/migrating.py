"""Testing a data migration on rows made before it ran."""

from __future__ import annotations

from contextlib import contextmanager
from importlib import import_module

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Step:
    """One migration of the policing app: `old` are the models as they were just before it,
    `run()` applies it and returns the models after."""

    def __init__(self, name: str):
        self.before = import_module(f"policing.migrations.{name}").Migration.dependencies
        self.after = [("policing", name)]
        self.old = _migrate(self.before)

    def run(self):
        return _migrate(self.after)


@contextmanager
def migration(name: str):
    """The database at the migration before `name`; the latest schema again afterwards,
    whether the test passed or not, for the rest of the suite."""
    try:
        yield Step(name)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
