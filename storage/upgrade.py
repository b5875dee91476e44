"""Before a database file is used: whose it is and which schema it has. A file another application
made, or a newer version of this one, is refused untouched; an older one is backed up, then
upgraded in one transaction. A backup is checked the same way before it is restored."""

from __future__ import annotations

import os

from sqlalchemy.engine import Engine

from forms.base.i18n import N_
from storage import backup, health, migrations
from storage.checks import guard
from storage.errors import DamagedDatabase, NewerDatabase, NotFound, UnusableBackup


def examine_ours(path: str, empty_is_new: bool = False) -> health.Contents:
    """What the file at ``path`` holds, read without changing it (see :func:`health.examine`); a
    damaged file, one that another application made, or one a newer version wrote is refused."""
    contents = health.examine(path, empty_is_new)
    if contents.application_id:
        raise DamagedDatabase(path, N_("it is not a proposal database of this app."))
    if contents.revision is None and contents.objects:
        raise DamagedDatabase(path, N_("it is not a proposal database of this app."))
    if contents.revision is not None and not migrations.known(contents.revision):
        raise NewerDatabase(path, contents.revision or "?")
    return contents


def upgrade_file(engine: Engine, path: str, backup_first: bool = True) -> None:
    """Refuse a newer or foreign file; bring an older one up to date (backup first, one transaction)."""
    with guard(path), engine.connect() as conn:
        with conn.begin():
            rev = migrations.current_revision(conn)
            foreign = rev is None and migrations.has_tables(conn)
        if rev is not None and not migrations.known(rev):
            raise NewerDatabase(path, rev)
        if foreign:
            raise DamagedDatabase(path, N_("it is not a proposal database of this app."))
        if conn.dialect.name == "sqlite":  # only now that the file is known to be ours
            conn.connection.dbapi_connection.execute("PRAGMA journal_mode = WAL")
        if rev == migrations.head():
            return
        if rev is not None and backup_first:
            backup.make_backup(conn.connection.dbapi_connection, path, "before-" + migrations.head())
        conn.execution_options(write=True)
        with conn.begin():
            migrations.upgrade(conn)


def check_backup(path: str) -> None:
    """Refuse a backup that is missing, damaged, not a proposal database, or newer than this app."""
    if not os.path.isfile(path):
        raise NotFound(N_("There is no backup {file}."), file=path)
    try:
        contents = health.examine(path)
    except DamagedDatabase as exc:
        raise UnusableBackup(path, exc.reason) from exc
    if contents.revision is None:
        raise UnusableBackup(path, N_("it is not a proposal database of this app."))
    if not migrations.known(contents.revision):
        raise NewerDatabase(path, contents.revision or "?")
