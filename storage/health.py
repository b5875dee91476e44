"""Telling a damaged database from a good one, before anything writes to it, and moving one aside.

The header check reads the file's first 100 bytes in Python (the SQLite file format is public):
the magic string, the page size, and the page count the header claims. A file that is not a
database, was overwritten, or was cut short is refused here without SQLite ever opening it.

What the header cannot show — ``PRAGMA quick_check``, and whose file it is (its tables, its
``application_id``) — is then read without writing a byte: the file alone is opened
``immutable`` (SQLite neither locks nor writes it), and a file with a ``-wal`` or ``-journal``
beside it is copied with them into a private temporary folder and the copy examined, because
opening the original would complete or roll back the log into it. Only a file found sound and
ours is opened for writing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

from forms.base.errors import os_reason
from forms.base.i18n import N_
from storage.errors import DamagedDatabase, Unavailable

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
    except (PermissionError, IsADirectoryError) as exc:  # not permitted: nothing is wrong with the file
        raise Unavailable(N_("The database {file} cannot be opened: {reason}"), file=path,
                          reason=os_reason(exc)) from exc
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
        raise DamagedDatabase(path, N_("it does not start like a database file. It was overwritten or is "
                                       "another kind of file."))
    if size < HEADER_SIZE:
        raise DamagedDatabase(path, N_("it is shorter than its header says. The file was cut short."))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        raise DamagedDatabase(path, N_("its header is damaged."))
    if size % page_size:
        raise DamagedDatabase(path, N_("it is shorter than its header says. The file was cut short."))
    pages = int.from_bytes(head[28:32], "big")
    change_counter, valid_for = head[24:28], head[92:96]
    # With a write-ahead log present the header may already count pages a checkpoint was still
    # copying when the process died; SQLite completes that from the log, so only check without one.
    if not wal and pages and change_counter == valid_for and pages * page_size > size:
        raise DamagedDatabase(path, N_("it is shorter than its header says. The file was cut short."))


@dataclass(frozen=True)
class Contents:
    """What a sound database file holds, as far as telling whose it is goes."""

    revision: str | None  # the schema revision in alembic_version, None when there is no such table
    objects: int  # tables, views, indexes and triggers (SQLite's own excluded)
    application_id: int


#: Companion files whose presence means SQLite would write to the database on opening it.
LOGS = ("-wal", "-journal")


@contextlib.contextmanager
def read_only(path: str, immutable: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection that only reads the database file ``path`` (closed afterwards). ``immutable``:
    no other process can be changing it, so SQLite neither locks it nor makes a ``-shm`` file."""
    conn = sqlite3.connect(f"file:{read_only_uri(path, immutable)}", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def read_only_uri(path: str, immutable: bool = False) -> str:
    """The SQLite URI (without ``file:``) that opens ``path`` for reading only (see :func:`read_only`)."""
    return f"{uri_path(path)}?mode=ro" + ("&immutable=1" if immutable else "")


@contextlib.contextmanager
def _untouched(path: str) -> Iterator[sqlite3.Connection]:
    """A connection that reads ``path`` as SQLite would see it, without writing to it or its logs."""
    logs = [s for s in LOGS if os.path.exists(path + s)]
    if not logs:
        with read_only(path, immutable=True) as conn:
            yield conn
        return
    with tempfile.TemporaryDirectory(prefix="rps-check-") as tmp:
        copy = os.path.join(tmp, "copy.db")
        try:
            for suffix in ("", *logs):
                shutil.copyfile(path + suffix, copy + suffix)
        except OSError:  # no room for a copy: read the original, read-only (SQLite writes only its -shm)
            copy = None
        with read_only(path) if copy is None else contextlib.closing(sqlite3.connect(copy)) as conn:
            yield conn


def _examine_once(path: str) -> Contents:
    with _untouched(path) as conn:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged)."))
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' "
                                            "ESCAPE '!'")}
        revision = None
        if "alembic_version" in names:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else ""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return Contents(revision, len(names), app_id)


def examine(path: str, empty_is_new: bool = False) -> Contents:
    """Check the header, then read the file (see the module's text) without changing it. Raises
    :class:`DamagedDatabase` if it is not sound. An empty file gives empty contents."""
    check_header(path, empty_is_new)
    if os.path.getsize(path) == 0 and not _wal_size(path):
        return Contents(None, 0, 0)
    for attempt in range(3):  # a copy taken while another process checkpoints may be torn: take it again
        try:
            return _examine_once(path)
        except (sqlite3.DatabaseError, DamagedDatabase) as exc:
            if attempt == 2 or not any(os.path.exists(path + s) for s in LOGS):
                if isinstance(exc, DamagedDatabase):
                    raise
                if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                    raise Unavailable(N_("The database {file} cannot be opened: {reason}"), file=path,
                                      reason=str(exc)) from exc
                raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged).")) from exc
            time.sleep(0.2)
    raise AssertionError("unreachable")


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
