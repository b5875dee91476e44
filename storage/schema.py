"""The tables (SQLAlchemy Core) and the engine.

A proposal is kept as its exchange JSON (``forms.files.exchange``) in ``working_copies``, with a few
searchable columns in ``proposals`` so the list needs no JSON parsing. ``proposals.version``
counts saves and guards against lost updates (``UPDATE … WHERE version = expected``).

Queries use SQLAlchemy Core only; SQLite is configured at connect time (WAL, foreign keys, a busy
timeout, full sync) and every write transaction starts with ``BEGIN IMMEDIATE`` so two processes
never deadlock on a lock upgrade. This is the SQLite dialect's documented recipe for
transactional DDL, which also makes each schema upgrade one transaction.
"""

from __future__ import annotations

import datetime as dt
import os

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine

from storage.health import read_only_uri

BUSY_TIMEOUT_MS = 10_000

metadata = MetaData()

#: Alembic's own version table, written by ``storage.migrations`` only after a successful upgrade.
alembic_version = Table("alembic_version", metadata, Column("version_num", String(32), primary_key=True))

proposals = Table(
    "proposals", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("title_ko", Text, nullable=False, default=""),
    Column("title_en", Text, nullable=False, default=""),
    Column("type", String(32), nullable=False, default=""),
    Column("lead_region", String(16), nullable=False, default=""),
    Column("call", String(64), nullable=False, default="", server_default=""),  # added by revision 0002
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

working_copies = Table(
    "working_copies", metadata,
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("saved_at", DateTime, nullable=False),
)

snapshots = Table(
    "snapshots", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
)

imports = Table(  # added by revision 0002
    "imports", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="SET NULL"), nullable=True, index=True),
    Column("uuid", String(64), nullable=False),
    Column("file", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("imported_at", DateTime, nullable=False),
)

partner_copies = Table(  # added by revision 0003
    "partner_copies", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("partner", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("sent_at", DateTime, nullable=False),
    Column("body", Text, nullable=False),  # the base: the canonical JSON the copy was made from
    Column("fingerprint", String(64), nullable=False, index=True),
)

merged_copies = Table(  # added by revision 0004
    "merged_copies", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("fingerprint", String(64), nullable=False, index=True),  # of the partner's file as it came back
    Column("partner", Text, nullable=False),
    Column("merged_at", DateTime, nullable=False),
)

proposal_versions = Table(  # added by revision 0005
    "proposal_versions", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("saved_by", Text, nullable=False),  # the server's login (current_user); on a file, the OS user
    Column("saved_at", DateTime, nullable=False),
)

deleted_proposals = Table(  # added by revision 0006; used on a server (a file keeps a folder beside it)
    "deleted_proposals", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(64), nullable=False),
    Column("title_ko", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("deleted_by", Text, nullable=False),  # the server's login (current_user)
    Column("deleted_at", DateTime, nullable=False, index=True),
    Column("kept", Text, nullable=False),  # JSON: what a deleted proposal's file holds
)


def utcnow() -> dt.datetime:
    """Now, in UTC, without tzinfo (as stored); :func:`aware` adds it back when read."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def make_engine(path: str, read_only: bool = False) -> Engine:
    """An engine on the SQLite file ``path`` (not created here: the caller checks it first).

    ``read_only``: for a file that cannot be written. Without a ``-wal`` beside it no other process
    can be changing it (no one can write in its place), so it is opened ``immutable``: SQLite then
    needs no lock and no ``-shm`` file either, which a read-only folder could not hold."""
    url = "sqlite+pysqlite:///" + path
    if read_only:
        immutable = not os.path.exists(path + "-wal")
        url = f"sqlite+pysqlite:///file:{read_only_uri(path, immutable)}&uri=true"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLAlchemy's signature
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see below)
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
