"""The Start page's list of proposals before the store is open: one read-only query with the
standard library's ``sqlite3``, while SQLAlchemy is imported and the store opened (its checks,
upgrade and backup, :mod:`storage.opening`) behind the window, which then takes the list over.

It answers only when it can answer as the store would, and changes nothing: a file at the schema's
head revision (read in the same query), with no ``-wal``, ``-shm`` or ``-journal`` beside it (so
no other connection can be changing it, and SQLite, opening it ``immutable``, writes no file of
its own). Otherwise — a server, a new, older, newer or damaged database — it gives None and the
list waits for the store.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

from forms.model import Text
from storage.info import ProposalInfo

#: The schema revision the query is written for: the head of :mod:`storage.migrations` (a test
#: holds the two together, so a new revision must look at this query too).
HEAD = "0006_deleted_proposals"
#: Files SQLite keeps beside a database in use or left by a process that stopped mid-write.
_BESIDE = ("-wal", "-shm", "-journal")
#: The revision and every proposal, the last changed first, as ``Store.list_proposals``; one row
#: of NULLs after the revision when there is no proposal.
_QUERY = ("SELECT v.version_num, p.uuid, p.title_ko, p.title_en, p.type, p.lead_region, p.version, p.updated_at,"
          " p.call FROM alembic_version AS v LEFT JOIN proposals AS p ON 1"
          " ORDER BY p.updated_at DESC, p.pk DESC")


def _uri(path: str) -> str:
    """``path`` as an SQLite URI opened read-only and immutable."""
    from urllib.parse import quote  # not urllib.request: that imports the whole of http

    absolute = os.path.abspath(path).replace(os.sep, "/")
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # a drive letter: file:/C:/…
    return "file:" + quote(absolute, safe="/:") + "?mode=ro&immutable=1"


def quick_list(location: str | None) -> list[ProposalInfo] | None:
    """The proposals in the database file ``location``, the last changed first, read without
    writing anything; None when the store must say (see the module's text)."""
    from storage.paths import is_server

    if not location or is_server(location) or not os.path.isfile(location):
        return None
    if any(os.path.exists(location + suffix) for suffix in _BESIDE):
        return None
    try:
        conn = sqlite3.connect(_uri(location), uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute(_QUERY).fetchall()
    except sqlite3.Error:  # no such table (a new or foreign file), or damaged
        return None
    finally:
        conn.close()
    if not rows or rows[0][0] != HEAD:
        return None
    try:
        return [ProposalInfo(uuid, Text(title_ko, title_en), kind, region, version, _utc(updated), call)
                for _rev, uuid, title_ko, title_en, kind, region, version, updated, call in rows if uuid is not None]
    except (TypeError, ValueError):  # a value the store would not have written
        return None


def _utc(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
