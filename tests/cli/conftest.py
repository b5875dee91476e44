"""Storage fixtures: a store on a fresh database file in a temporary folder."""

import pytest

from storage.opening import open_store


@pytest.fixture
def store(db_path):
    s = open_store(db_path)
    yield s
    s.close()
