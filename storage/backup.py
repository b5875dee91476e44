"""Backups with SQLite's online backup API: consistent copies taken while the database is in use.

Backups live in a ``backups`` folder beside the database, named ``<name>-YYYYMMDD-HHMMSS.db``
(local time), optionally with a reason (``-before-0002_call_and_imports``). One is made on the
first open of each day; the last :data:`KEEP` are kept. Each is written to a temporary file of
its own (``.<name>.<random>.part``), synced, then renamed, so a backup under its final name is
always complete. Backups are made one at a time (``backups/.backup.lock``): of two commands opening the
database at the first open of a day, one makes the day's backup and the other goes on without
waiting. A temporary file left by a process that was killed is removed by the next backup.

A file in the folder whose name is not a backup's (or names an impossible time) is ignored and
listed as such by ``db backups``; it never stops anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from forms.base.i18n import N_
from storage.errors import Unavailable, write_reason
from storage.health import read_only, stamp
from storage.lock import InstanceLock
from storage.paths import backup_dir

KEEP = 10
#: How far in the future a backup's name may lie (a clock set back, a time zone change) before the
#: name is taken for a stray file rather than a backup.
FUTURE = dt.timedelta(days=2)
#: How long an explicit backup (before a restore or an upgrade) waits for another one to finish.
LOCK_WAIT = 30.0


@dataclass(frozen=True)
class BackupInfo:
    path: str
    created_at: dt.datetime  # local time, with its UTC offset
    size: int

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


def _pattern(db_path: str) -> re.Pattern[str]:
    stem = os.path.splitext(os.path.basename(db_path))[0]
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})(?:-[\w.-]+)?\.db$")


def _scan(db_path: str) -> tuple[list[BackupInfo], list[str]]:
    """The backups of ``db_path`` (newest first) and the names of other files in the folder."""
    folder = backup_dir(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return [], []
    pattern = _pattern(db_path)
    latest = dt.datetime.now() + FUTURE
    out, stray = [], []
    for name in names:
        if name.startswith("."):  # the lock and temporary files of backups being made
            continue
        m = pattern.fullmatch(name)
        full = os.path.join(folder, name)
        try:
            when = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S") if m else None
            if when is None or when > latest or not os.path.isfile(full):
                stray.append(name)
                continue
            out.append(BackupInfo(full, when.astimezone(), os.path.getsize(full)))
        except (ValueError, OverflowError, OSError):
            stray.append(name)
    out.sort(key=lambda b: (b.created_at, b.path), reverse=True)
    return out, sorted(stray)


def list_backups(db_path: str) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first."""
    return _scan(db_path)[0]


def stray_files(db_path: str) -> list[str]:
    """The names of files in the backups folder that are not backups of ``db_path`` (ignored)."""
    return _scan(db_path)[1]


def latest_backup(db_path: str) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def has_backup_today(db_path: str) -> bool:
    today = dt.date.today()
    return any(b.created_at.date() == today for b in list_backups(db_path))


def _target(db_path: str, reason: str) -> tuple[str, dt.datetime]:
    folder = backup_dir(db_path)
    stem = os.path.splitext(os.path.basename(db_path))[0]
    suffix = f"-{reason}" if reason else ""
    now = dt.datetime.now().replace(microsecond=0)
    newest = latest_backup(db_path)
    if newest is not None:  # names sort by time: never name a new backup older than the newest
        now = max(now, newest.created_at.replace(tzinfo=None) + dt.timedelta(seconds=1))
    while True:
        target = os.path.join(folder, f"{stem}-{stamp(now)}{suffix}.db")
        if not os.path.exists(target):
            return target, now
        now += dt.timedelta(seconds=1)


def copy_database(source: sqlite3.Connection, target: str) -> None:
    """Copy the open database ``source`` into a new file ``target`` (a temporary file of its own in
    the same folder, fsync, rename). On failure nothing is left behind."""
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".part",
                               dir=os.path.dirname(os.path.abspath(target)))
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as fp:
            os.fsync(fp.fileno())
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp + "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise


def _failed(db_path: str, exc: BaseException) -> Unavailable:
    return Unavailable(N_("No backup of {file} could be made: {reason}"), file=db_path, reason=write_reason(exc))


@contextlib.contextmanager
def _one_at_a_time(db_path: str, wait: float) -> Iterator[bool]:
    """Hold ``backups/.backup.lock`` (True), or give up after ``wait`` seconds (False); temporary files
    of backups that were never finished are removed while it is held."""
    folder = backup_dir(db_path)
    os.makedirs(folder, exist_ok=True)
    lock = InstanceLock(os.path.join(folder, ".backup"))  # backups/.backup.lock
    if not lock.acquire(wait=wait):
        yield False
        return
    try:
        for name in os.listdir(folder):
            if name.endswith((".part", ".part-journal")):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
        yield True
    finally:
        lock.release()


def make_backup(source: sqlite3.Connection, db_path: str, reason: str = "") -> BackupInfo:
    """Back the open database up into the backups folder and keep only the last :data:`KEEP`.
    Raises :class:`Unavailable` (the disk is full, the folder cannot be written) with nothing left
    behind."""
    try:
        with _one_at_a_time(db_path, LOCK_WAIT) as held:
            if not held:
                raise Unavailable(N_("No backup of {file} could be made: another backup is being made. "
                                     "Try again in a moment."), file=db_path)
            return _make(source, db_path, reason)
    except (OSError, sqlite3.Error) as exc:
        raise _failed(db_path, exc) from exc


def daily_backup(source: sqlite3.Connection, db_path: str) -> BackupInfo | None:
    """The first open of a day's backup, made once however many commands open the database at the
    same moment: None when there was one already (or another process is making it now)."""
    if has_backup_today(db_path):
        return None
    try:
        with _one_at_a_time(db_path, 0) as held:
            if not held or has_backup_today(db_path):
                return None
            return _make(source, db_path, "")
    except (OSError, sqlite3.Error) as exc:
        raise _failed(db_path, exc) from exc


def _make(source: sqlite3.Connection, db_path: str, reason: str) -> BackupInfo:
    target, when = _target(db_path, reason)
    copy_database(source, target)
    info = BackupInfo(target, when.astimezone(), os.path.getsize(target))
    prune(db_path)
    return info


def prune(db_path: str, keep: int = KEEP) -> None:
    for old in list_backups(db_path)[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(old.path)


def copy_file(backup_path: str, target: str) -> None:
    """Write a database file ``target`` from the backup file ``backup_path`` (used to recover)."""
    with read_only(backup_path) as src:
        copy_database(src, target)
