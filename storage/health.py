"""Telling a damaged database from a good one, before anything writes to it, and moving one aside.

The header check reads the file's first 100 bytes in Python (the SQLite file format is public):
the magic string, the page size, and the page count the header claims. A file that is not a
database, was overwritten, or was cut short is refused here without SQLite ever opening it; what
the header cannot show is left to ``PRAGMA quick_check`` once the file is open.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

from forms.i18n import N_
from storage.errors import DamagedDatabase

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return False
        text = head[: exc.start].decode("utf-8")
    text = text.removeprefix("\ufeff")
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def _wal_size(path: str) -> int:
    try:
        return os.path.getsize(path + "-wal")
    except OSError:
        return 0


def check_header(path: str, empty_is_new: bool = False) -> None:
    """Raise :class:`DamagedDatabase` when ``path`` cannot be a sound SQLite database.

    An empty file is what SQLite leaves when a process dies between creating a database and
    writing its first page; with ``empty_is_new`` it is accepted as a new database.
    """
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fp:
            head = fp.read(HEADER_SIZE)
    except OSError as exc:
        raise DamagedDatabase(path, N_("it cannot be read.")) from exc
    wal = _wal_size(path)
    if size == 0 and (empty_is_new or wal):
        return
    if size == 0:
        raise DamagedDatabase(path, N_("the file is empty (0 bytes)."))
    if not head.startswith(MAGIC):
        if _looks_like_text(head[:64]):
            raise DamagedDatabase(path, N_("it is a text file, not a database."))
        raise DamagedDatabase(path, N_("it does not start like a database file; it was overwritten or is "
                                       "another kind of file."))
    if size < HEADER_SIZE:
        raise DamagedDatabase(path, N_("it is shorter than its header says; the file was cut short."))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        raise DamagedDatabase(path, N_("its header is damaged."))
    if size % page_size:
        raise DamagedDatabase(path, N_("it is shorter than its header says; the file was cut short."))
    pages = int.from_bytes(head[28:32], "big")
    change_counter, valid_for = head[24:28], head[92:96]
    # With a write-ahead log present the header may already count pages a checkpoint was still
    # copying when the process died; SQLite completes that from the log, so only check without one.
    if not wal and pages and change_counter == valid_for and pages * page_size > size:
        raise DamagedDatabase(path, N_("it is shorter than its header says; the file was cut short."))


def quick_check(path: str, readonly: bool = False, empty_is_new: bool = False) -> None:
    """Check the header, then open ``path`` and run ``PRAGMA quick_check``; raise
    :class:`DamagedDatabase` if bad. ``readonly`` for backups (a live WAL database is opened
    normally, so an interrupted write can be rolled back or completed first)."""
    check_header(path, empty_is_new)
    if os.path.getsize(path) == 0 and not _wal_size(path):
        return
    try:
        conn = sqlite3.connect(f"file:{uri_path(path)}?mode={'ro' if readonly else 'rw'}", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged).")) from exc
    if [r[0] for r in rows] != ["ok"]:
        raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged)."))


def uri_path(path: str) -> str:
    from urllib.request import pathname2url

    return pathname2url(os.path.abspath(path))


def stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def move_aside(path: str) -> str:
    """Rename ``path`` (and its ``-wal``/``-shm`` companions) to ``path.damaged-<stamp>``, untouched.

    Never overwrites: a name already taken gets a counter. Returns the new name.
    """
    base = f"{path}.damaged-{stamp()}"
    target, n = base, 1
    while any(os.path.exists(target + s) for s in ("", "-wal", "-shm")):
        n += 1
        target = f"{base}-{n}"
    os.rename(path, target)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.rename(path + suffix, target + suffix)
    return target
