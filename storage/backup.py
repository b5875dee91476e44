"""Backups with SQLite's online backup API: consistent copies taken while the database is in use.

Backups live in a ``backups`` folder beside the database, named ``<name>-YYYYMMDD-HHMMSS.db``
(local time), optionally with a reason (``-before-0002_call_and_imports``). One is made on the
first open of each day; the last :data:`KEEP` are kept. Each is written to a temporary file,
synced, then renamed, so a backup under its final name is always complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass

from storage.health import stamp, uri_path
from storage.paths import backup_dir

KEEP = 10


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


def list_backups(db_path: str) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    pattern = _pattern(db_path)
    out = []
    for name in names:
        m = pattern.fullmatch(name)
        if not m:
            continue
        full = os.path.join(folder, name)
        try:
            size = os.path.getsize(full)
        except OSError:
            continue
        when = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").astimezone()
        out.append(BackupInfo(full, when, size))
    out.sort(key=lambda b: (b.created_at, b.path), reverse=True)
    return out


def latest_backup(db_path: str) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def has_backup_today(db_path: str) -> bool:
    today = dt.date.today()
    return any(b.created_at.date() == today for b in list_backups(db_path))


def _target(db_path: str, reason: str) -> tuple[str, dt.datetime]:
    folder = backup_dir(db_path)
    os.makedirs(folder, exist_ok=True)
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
    """Copy the open database ``source`` into a new file ``target`` (temporary file, fsync, rename)."""
    tmp = target + ".part"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
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
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def make_backup(source: sqlite3.Connection, db_path: str, reason: str = "") -> BackupInfo:
    """Back the open database up into the backups folder and keep only the last :data:`KEEP`."""
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
    src = sqlite3.connect(f"file:{uri_path(backup_path)}?mode=ro", uri=True)
    try:
        copy_database(src, target)
    finally:
        src.close()

