"""Opening the proposal database (checking, upgrading, backing up, or reading only what cannot be
written) and recovering a damaged one: moving it aside and restoring a backup or starting anew."""

from __future__ import annotations

import contextlib
import os
import sqlite3

from forms.base.errors import Phrase, os_reason
from forms.base.i18n import N_
from storage import backup, health, migrations, server
from storage.backup import BackupInfo, latest_backup, list_backups
from storage.checks import guard
from storage.errors import (
    DamagedDatabase,
    NewerDatabase,
    NotFound,
    ReadOnly,
    StorageError,
    Unavailable,
    write_reason,
)
from storage.paths import default_db_path, refuse_folder
from storage.schema import make_engine
from storage.store import Store
from storage.upgrade import check_backup, examine_ours, upgrade_file

__all__ = ["not_writable", "open_store", "recover", "restore_into"]


def not_writable(path: str) -> str | None:
    """Why the database at ``path`` cannot be changed (an N_ message), or None when it can: SQLite
    needs to write the file and to make its log beside it."""
    folder = os.path.dirname(path)
    for target in (path, folder):
        if os.path.exists(target) and not os.access(target, os.W_OK):
            try:
                readonly_disk = bool(os.statvfs(target).f_flag & os.ST_RDONLY)
            except (OSError, AttributeError):
                readonly_disk = False
            if readonly_disk:
                return N_("it is on a read-only disk")
            if target == folder:
                return N_("you are not permitted to write in its folder")
            return N_("you are not permitted to change the file")
    return None


#: Below this much free space a database is read without opening it for writing: SQLite would need
#: room for its shared-memory (-shm) and log files first, and fail.
MIN_FREE = 1024 * 1024


def _disk_full(path: str, ignore_log: bool = False) -> bool:
    """Whether the disk holding ``path`` has (almost) no room left and no other process has the
    database open (no -wal: then reading it as it lies is exact)."""
    if not ignore_log and os.path.exists(path + "-wal"):
        return False
    try:
        info = os.statvfs(os.path.dirname(path))
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < MIN_FREE


def _remove_new(path: str) -> None:
    """Remove a database file this open created, with its companions (nothing half-made stays)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)


def _read_only(path: str, reason: object, backup_problem: StorageError | None = None) -> Store:
    """The database at ``path`` opened for reading only, saying why (``reason``: a message field)."""
    store = Store(path, make_engine(path, read_only=True))
    store.read_only = reason
    store.backup_problem = backup_problem
    return store


def open_store(path: str | None = None, read_only_ok: bool = False, beside_writer: bool = False,
               password: str | None = None) -> Store:
    """Open (or create) the database at ``path`` or the default place.

    Raises :class:`DamagedDatabase`, :class:`NewerDatabase` or :class:`Unavailable`; never changes
    a file it refuses: whether the file is sound and ours is decided before SQLite may write to it.
    On the first open of each day a backup is made; when it cannot be (a full disk), the store
    opens all the same and says why in ``backup_problem``.

    A database that cannot be written (a read-only disk, a folder or file without permission) is
    refused with :class:`ReadOnly`, unless ``read_only_ok``: then it is opened for reading only
    (``Store.read_only``), with no upgrade and no backup.

    ``beside_writer``: a window has the database open (it holds the lock; see
    :func:`storage.lock.held_elsewhere`), so it is opened read-only too. SQLite lets the last
    connection to close fold the write-ahead log into the file and delete it, and a connection that
    only reads could take itself for the last one if the window's process lost its locks (POSIX
    locks belong to the process: any ``close()`` of the file there drops them): the window would
    then write on into a deleted log and lose it. A read-only connection never does that.

    ``path`` may also name a PostgreSQL server (:mod:`storage.server`): none of the above concerns
    it; its schema must be this app's already (``main.py db setup``), and a role that may only read
    opens it read-only. ``password``: the login's, just typed by the person, when the server asked
    for one (:class:`storage.server.PasswordNeeded`); it is kept in the system's keychain once it worked.
    """
    if server.is_server(path):
        return server.open_server(path, password)
    path = os.path.abspath(path or default_db_path())
    refuse_folder(path)
    existed_at_all = os.path.lexists(path)
    why_read_only = not_writable(path)
    if not existed_at_all and why_read_only is None:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as exc:
            raise Unavailable(N_("The folder for the database {file} cannot be created: {reason}"), file=path,
                              reason=os_reason(exc)) from exc
        why_read_only = not_writable(path)
    existed = os.path.exists(path)
    if beside_writer and existed and why_read_only is None:
        if examine_ours(path).revision != migrations.head():
            raise Unavailable(N_("The database {file} is open in a window of another version of the app. Close "
                                 "that window, then run this command again. Nothing was changed."), file=path)
        return _read_only(path, Phrase(N_("a window of the app has it open")))
    if why_read_only is not None:
        if not existed:
            raise ReadOnly(path, why_read_only, exists=False)
        contents = examine_ours(path)
        if not read_only_ok:
            raise ReadOnly(path, why_read_only)
        if contents.revision != migrations.head():
            raise ReadOnly(path, why_read_only, needs_upgrade=True)
        return _read_only(path, Phrase(why_read_only))
    contents = health.Contents(None, 0, 0)
    if existed and _disk_full(path):  # SQLite would need room for its -shm and -wal to open it for writing
        contents = examine_ours(path)
        if not read_only_ok or contents.revision != migrations.head():
            raise Unavailable(N_("The database {file} cannot be changed now: {reason}. Nothing was changed."),
                              file=path, reason=Phrase(N_("the disk is full")))
        return _read_only(path, Phrase(N_("the disk is full")),
                          Unavailable(N_("No backup of {file} could be made: {reason}"), file=path,
                                      reason=Phrase(N_("the disk is full"))))
    if existed:  # an empty file is new unless it has backups (then it is a database that lost its content)
        contents = examine_ours(path, empty_is_new=latest_backup(path) is None)
        existed = os.path.getsize(path) > 0
    engine = make_engine(path)
    try:
        upgrade_file(engine, path)
        store = Store(path, engine)
        if existed:
            try:
                with guard(path), engine.connect() as conn:
                    backup.daily_backup(conn.connection.dbapi_connection, path)
            except Unavailable as exc:  # never a reason not to read: said, and the store opens
                store.backup_problem = exc
    except Unavailable as failure:
        engine.dispose()
        if not existed_at_all:
            _remove_new(path)
        problem = failure
        if _disk_full(path, ignore_log=True):  # SQLite says "disk I/O error" when it finds no room for its -shm
            problem = Unavailable(N_("The database {file} cannot be used right now: {reason}"), file=path,
                                  reason=Phrase(N_("the disk is full")))
        # SQLite could not open it for writing (a full disk has no room for its -shm file): read it
        if not (read_only_ok and existed and contents.revision == migrations.head()):
            if problem is failure:
                raise
            raise problem from failure
        store = _read_only(path, problem.fields.get("reason", Phrase(N_("it cannot be written now"))), problem)
    except BaseException:
        engine.dispose()
        if not existed_at_all:
            _remove_new(path)
        raise
    return store


def recover(path: str, choice: str) -> Store:
    """After :class:`DamagedDatabase` or :class:`NewerDatabase`: move the file aside untouched, then
    ``choice`` "backup" (restore the latest backup) or "new" (start an empty database)."""
    path = os.path.abspath(path)
    if choice not in ("backup", "new"):
        raise ValueError(choice)
    latest = _newest_sound_backup(path) if choice == "backup" else None
    _replace_aside(path, latest.path if latest is not None else None)
    return open_store(path)


def _replace_aside(path: str, backup_path: str | None) -> str | None:
    """Move the file at ``path`` aside and put a copy of ``backup_path`` (if any) in its place. The
    copy is made first: when it cannot be (a full disk), the file stays where it was, untouched."""
    ready = None
    if backup_path is not None:
        ready = path + ".restoring"
        try:
            backup.copy_file(backup_path, ready)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                os.unlink(ready)
            raise Unavailable(N_("The backup {backup} could not be copied: {reason} Nothing was restored. The "
                                 "database is as it was."), backup=backup_path,
                              reason=write_reason(exc)) from exc
    aside = health.move_aside(path) if os.path.lexists(path) else None
    if ready is not None:
        os.replace(ready, path)
    return aside


def _newest_sound_backup(path: str) -> BackupInfo:
    """The newest backup that passes the checks (a damaged backup is skipped, not used)."""
    first_error: StorageError | None = None
    for candidate in list_backups(path):
        try:
            check_backup(candidate.path)
        except StorageError as exc:
            first_error = first_error or exc
            continue
        return candidate
    if first_error is not None:
        raise first_error
    raise NotFound(N_("There is no backup of {file} to restore."), file=path)


def restore_into(path: str, backup_path: str) -> str:
    """Restore ``backup_path`` as the database at ``path``, whether or not the current file opens.
    Returns where the previous content was kept (a backup, or the damaged file moved aside)."""
    try:
        store = open_store(path)
    except (DamagedDatabase, NewerDatabase):
        check_backup(backup_path)
        aside = _replace_aside(path, backup_path)
        open_store(path).close()
        return aside or path
    except Unavailable as exc:
        raise Unavailable(N_("Nothing was restored. The database is as it was. {reason}"), reason=exc) from exc
    with store:
        return store.restore_backup(backup_path).path
