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


#: The password of ``kim``, an editor on the TLS server (never a real one).
KIM_PASSWORD = "correct horse 전지 staple"


@pytest.fixture(scope="session")
def pg_tls(tmp_path_factory):
    """A second private server, as an office runs one: a certificate for "localhost" signed by the
    office's CA (``ca.pem`` in ``.folder``), TLS on 127.0.0.1 only, every login with its password
    (``kim``: :data:`KIM_PASSWORD`). Its one database ``.name`` is set up, kim an editor."""
    from tests.pgserver import PgDatabase, PgServer
    from tests.tls import Ca
    from tools.pgserver import TlsFiles

    folder = tmp_path_factory.mktemp("office-ca")
    ca = Ca()
    ca.write(folder / "ca.pem")
    cert, key = ca.server_files("localhost", folder)
    server = PgServer(TlsFiles(cert, key), passwords={"kim": KIM_PASSWORD})
    db = PgDatabase(server)
    db.set_up()
    with server.admin() as conn:
        conn.execute("GRANT rps_editor TO kim")
    db.folder = folder
    yield db
    server.stop()


@pytest.fixture
def memory_keyring():
    """The system's keychain replaced by one in memory for the test: ``{(service, account): password}``."""
    import keyring
    from keyring.backend import KeyringBackend

    kept: dict[tuple[str, str], str] = {}

    class MemoryKeyring(KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            return kept.get((service, username))

        def set_password(self, service, username, password):
            kept[(service, username)] = password

        def delete_password(self, service, username):
            kept.pop((service, username), None)

    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield kept
    keyring.set_keyring(before)


def tls_url(db, user: str = "kim", host: str = "localhost", ca: str = "ca.pem", mode: str = "verify-full") -> str:
    """The URL of ``pg_tls``'s database over TLS."""
    return db.server.tcp_url(db.name, user, host=host, sslmode=mode, sslrootcert=str(db.folder / ca))
