"""Shared fixtures: the offscreen Qt platform, a fresh temporary folder per test, the samples."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pytest  # noqa: E402

from forms.base import i18n  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _user_folders_in_tmp(tmp_path_factory):
    """The app's remembered settings (language, window place) and user data of every process a test
    starts go to a temporary folder: a test never reads or writes the user's own."""
    folders = {"XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_CACHE_HOME": "cache"}
    before = {name: os.environ.get(name) for name in folders}
    base = tmp_path_factory.mktemp("user")
    for name, sub in folders.items():
        os.environ[name] = str(base / sub)
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in English and leaves the language as it found it."""
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def super_regional():
    return SAMPLES["super_regional"]()


@pytest.fixture
def leap():
    return SAMPLES["leap"]()


@pytest.fixture
def db_path(tmp_path):
    """A database path in a fresh temporary folder (the file does not exist yet)."""
    return str(tmp_path / "proposals.db")


@pytest.fixture(scope="session")
def pg_server():
    """A private PostgreSQL server for the whole run (see ``tests/pgserver.py``); it must start."""
    from tests.pgserver import PgServer

    server = PgServer()
    yield server
    server.stop()


@pytest.fixture
def pg_db(pg_server):
    """A fresh, empty database on the test server, owned by ``office_admin``."""
    from tests.pgserver import PgDatabase

    return PgDatabase(pg_server)


@pytest.fixture
def pg_ready(pg_db):
    """A fresh database set up by its owner: alice and bob may change proposals, rita may read them."""
    pg_db.set_up()
    return pg_db
