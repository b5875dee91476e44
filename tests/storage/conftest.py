"""Storage fixtures: a store on a fresh database — a file in a temporary folder, and (for the tests
about the store's behaviour) a fresh database on a private PostgreSQL server as well."""

import pytest

from storage.opening import open_store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def location(request, db_path):
    """Where a fresh database is: a file's path, or a set-up server database's URL (as the editor alice)."""
    if request.param == "sqlite":
        return db_path
    pg = request.getfixturevalue("pg_ready")
    return pg.url("alice")


@pytest.fixture
def store(location):
    s = open_store(location)
    yield s
    s.close()
