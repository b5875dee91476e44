"""One open proposal database: its transactions, a proposal's row, and the form a proposal is
stored in. The parts of :class:`~storage.store.Store` (proposals, copies, snapshots) build on it."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import hashlib
import os
from collections.abc import Iterator
from typing import Self

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection, Engine

from forms.base.atomic import same_file
from forms.base.errors import InputError
from forms.base.i18n import N_
from forms.files import exchange
from forms.model import Proposal
from storage import backup
from storage.checks import guard
from storage.errors import NotFound, StorageError
from storage.schema import proposal_versions, proposals, utcnow, working_copies

#: The channel every save on a server is announced on, as ``<proposal id> <version>``.
CHANNEL = "rps_proposals"


def shown(path: str) -> str:
    """A file name as text that can be stored: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def encodable(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(N_("“{name}” holds bytes that are not text (character {position}). Type the name "
                            "again."), name=shown(text), position=exc.start + 1) from None


def columns(p: Proposal) -> dict:
    """The proposal's searchable columns."""
    return {"title_ko": p.title.ko, "title_en": p.title.en, "type": p.type or "",
            "lead_region": p.lead_region or "", "call": p.call or ""}


def stored(p: Proposal) -> dict:
    """The stored form: the canonical exchange JSON (compact, sorted keys) and its fingerprint. The
    mark of a file written from the database (the version it was taken from) is not stored."""
    if p.stored_version is not None:
        p = dataclasses.replace(p, stored_version=None)
    raw = exchange.canonical_json(p)
    return {"body": raw.decode("utf-8"), "fingerprint": hashlib.sha256(raw).hexdigest(), "saved_at": utcnow()}


class Database:
    """The database at ``path`` through ``engine``. Thread-safe: the autosaver's thread and the GUI's
    share it."""

    def __init__(self, path: str, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        #: Why today's backup could not be made (an :class:`Unavailable`), or None.
        self.backup_problem: StorageError | None = None
        #: Why the database can only be read (a message field), or None when it can be changed.
        self.read_only: object | None = None
        #: On a PostgreSQL server (``path`` is then its URL, without a password), not in a file.
        self.server = engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with guard(self.path), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        with guard(self.path), self._engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                yield conn

    def _row(self, conn: Connection, proposal_id: str, lock: bool = False):  # noqa: ANN202
        """The proposal's row. ``lock``: in a write transaction, held until it ends (``FOR UPDATE`` on
        a server, so the version read is the one written over; a file's ``BEGIN IMMEDIATE`` already
        keeps every other writer out)."""
        query = select(proposals).where(proposals.c.uuid == proposal_id)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            raise NotFound(N_("There is no proposal with the id {id} in this database."), id=proposal_id)
        return row

    def _working_copy(self, conn: Connection, proposal_pk: int):  # noqa: ANN202
        """The working copy's row (body, fingerprint, saved_at) of the proposal with this key."""
        return conn.execute(select(working_copies).where(working_copies.c.proposal_pk == proposal_pk)).one()

    def _add_row(self, conn: Connection, p: Proposal, version: int, created_at: dt.datetime,
                 updated_at: dt.datetime) -> int:
        """Add the proposal's row (refused when a proposal has its id already); its key."""
        if conn.execute(select(proposals.c.pk).where(proposals.c.uuid == p.id)).first():
            raise StorageError(N_("A proposal with the id {id} is already in this database."), id=p.id)
        return conn.execute(insert(proposals).values(uuid=p.id, version=version, created_at=created_at,
                                                     updated_at=updated_at, **columns(p))).inserted_primary_key[0]

    def _saved_by(self, conn: Connection) -> str:
        """Who saves: the login the server knows (``current_user``), or the OS user on a file."""
        if self.server:
            return conn.execute(text("SELECT current_user")).scalar_one()
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return ""

    def _record_version(self, conn: Connection, proposal_pk: int, version: int, body: str, fingerprint: str,
                        saved_at: dt.datetime) -> None:
        """Keep this saved version (in the transaction that saves it) with who saved it, and on a
        server tell the windows listening (:meth:`_notify`)."""
        conn.execute(insert(proposal_versions).values(proposal_pk=proposal_pk, version=version, body=body,
                                                      fingerprint=fingerprint, saved_by=self._saved_by(conn),
                                                      saved_at=saved_at))
        if self.server:
            uuid = conn.execute(select(proposals.c.uuid).where(proposals.c.pk == proposal_pk)).scalar_one()
            self._notify(conn, uuid, version)

    def _notify(self, conn: Connection, proposal_id: str, version: int) -> None:
        """On a server, ``NOTIFY`` the channel the windows listen on (:mod:`storage.live`) that the
        proposal is at ``version`` now (0: deleted). In the transaction: delivered when it commits,
        never when it is rolled back. On a file no one listens (another process is kept out by its lock)."""
        if self.server:
            conn.execute(text("SELECT pg_notify(:channel, :payload)"),
                         {"channel": CHANNEL, "payload": f"{proposal_id} {version}"})

    def _parse(self, body: str, proposal_id: str, snapshot: int | None = None) -> Proposal:
        try:
            return exchange.loads(body)
        except InputError as exc:
            if snapshot is not None:
                raise StorageError(N_("Snapshot {snapshot} of proposal {id} cannot be read: {reason}"),
                                   snapshot=snapshot, id=proposal_id, reason=exc) from exc
            raise StorageError(N_("The stored copy of proposal {id} cannot be read: {reason}"),
                               id=proposal_id, reason=exc) from exc

    def _not_the_database(self, path: str) -> None:
        if self.server:  # a file cannot be the server's database
            return
        if any(same_file(path, self.path + suffix) for suffix in ("", "-wal", "-shm", ".lock")):
            raise InputError(N_("{file} is the database itself (or one of its files). Name another file."),
                             file=path)
        if same_file(os.path.dirname(os.path.abspath(path)), backup.backup_dir(self.path)):
            raise InputError(N_("{file} is in the folder of the database's backups. Name a file elsewhere."),
                             file=path)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
