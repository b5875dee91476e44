"""The proposal database: open (checking, upgrading, backing up), and the ``Store`` the GUI and
``main.py db`` use. Every write is one transaction; ``save`` refuses a stale version."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from forms import exchange
from forms.atomic import same_file
from forms.compare import ProposalDiff, compare
from forms.errors import InputError, os_reason
from forms.i18n import N_, _
from forms.model import Proposal, Text
from storage import backup, health, migrations
from storage.backup import BackupInfo, latest_backup, list_backups
from storage.checks import guard, problems
from storage.errors import (
    Conflict,
    DamagedDatabase,
    NewerDatabase,
    NotFound,
    StorageError,
    Unavailable,
    UnusableBackup,
)
from storage.paths import default_db_path, refuse_folder
from storage.schema import aware, imports, make_engine, proposals, snapshots, utcnow, working_copies

__all__ = ["BackupInfo", "ProposalInfo", "SnapshotInfo", "Store", "latest_backup", "open_store", "recover"]


@dataclass(frozen=True)
class ProposalInfo:
    id: str
    title: Text
    type: str
    lead_region: str
    version: int
    updated_at: dt.datetime  # UTC, timezone-aware
    call: str = ""


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    name: str
    created_at: dt.datetime  # UTC, timezone-aware
    version: int


def _columns(p: Proposal) -> dict:
    return {"title_ko": p.title.ko, "title_en": p.title.en, "type": p.type or "",
            "lead_region": p.lead_region or "", "call": p.call or ""}


def _body(p: Proposal) -> dict:
    """The stored form: the canonical exchange JSON (compact, sorted keys) and its fingerprint."""
    raw = exchange.canonical_json(p)
    return {"body": raw.decode("utf-8"), "fingerprint": hashlib.sha256(raw).hexdigest(), "saved_at": utcnow()}


class Store:
    """One proposal database. Thread-safe: the autosaver's thread and the GUI's share it."""

    def __init__(self, path: str, engine: Engine) -> None:
        self.path = path
        self._engine = engine

    # --- plumbing ------------------------------------------------------------------------------

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

    def _row(self, conn: Connection, proposal_id: str):  # noqa: ANN202
        row = conn.execute(select(proposals).where(proposals.c.uuid == proposal_id)).first()
        if row is None:
            raise NotFound(N_("There is no proposal with the id {id} in this database."), id=proposal_id)
        return row

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- proposals -----------------------------------------------------------------------------

    def list_proposals(self) -> list[ProposalInfo]:
        """Every proposal, most recently changed first (searchable columns only, no JSON parsing)."""
        p = proposals.c
        with self._read() as conn:
            rows = conn.execute(select(p.uuid, p.title_ko, p.title_en, p.type, p.lead_region, p.version,
                                       p.updated_at, p.call).order_by(p.updated_at.desc(), p.pk.desc())).all()
        return [ProposalInfo(r.uuid, Text(r.title_ko, r.title_en), r.type, r.lead_region, r.version,
                             aware(r.updated_at), r.call) for r in rows]

    def create(self, p: Proposal) -> int:
        """Add a new proposal; returns its version (1)."""
        now = utcnow()
        with self._write() as conn:
            if conn.execute(select(proposals.c.pk).where(proposals.c.uuid == p.id)).first():
                raise StorageError(N_("A proposal with the id {id} is already in this database."), id=p.id)
            pk = conn.execute(insert(proposals).values(uuid=p.id, version=1, created_at=now, updated_at=now,
                                                      **_columns(p))).inserted_primary_key[0]
            conn.execute(insert(working_copies).values(proposal_pk=pk, **_body(p)))
        return 1

    def load(self, proposal_id: str) -> tuple[Proposal, int]:
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            body = conn.execute(select(working_copies.c.body).where(working_copies.c.proposal_pk == row.pk)).scalar_one()
        return self._parse(body, proposal_id), row.version

    def _parse(self, body: str, proposal_id: str, snapshot: int | None = None) -> Proposal:
        try:
            return exchange.loads(body)
        except InputError as exc:
            if snapshot is not None:
                raise StorageError(N_("Snapshot {snapshot} of proposal {id} cannot be read: {reason}"),
                                   snapshot=snapshot, id=proposal_id, reason=exc) from exc
            raise StorageError(N_("The stored copy of proposal {id} cannot be read: {reason}"),
                               id=proposal_id, reason=exc) from exc

    def save(self, p: Proposal, expected_version: int) -> int:
        """Save the working copy if the stored version is still ``expected_version``; else :class:`Conflict`."""
        new = expected_version + 1
        with self._write() as conn:
            done = conn.execute(update(proposals)
                                .where(proposals.c.uuid == p.id, proposals.c.version == expected_version)
                                .values(version=new, updated_at=utcnow(), **_columns(p)))
            if done.rowcount != 1:
                row = self._row(conn, p.id)
                title = p.title if not p.title.is_empty() else Text(row.title_ko, row.title_en)
                raise Conflict(p.id, title, expected_version, row.version)
            pk = conn.execute(select(proposals.c.pk).where(proposals.c.uuid == p.id)).scalar_one()
            conn.execute(update(working_copies).where(working_copies.c.proposal_pk == pk).values(**_body(p)))
        return new

    def delete(self, proposal_id: str) -> None:
        with self._write() as conn:
            row = self._row(conn, proposal_id)
            conn.execute(delete(proposals).where(proposals.c.pk == row.pk))

    def import_file(self, path: str) -> tuple[str, int]:
        """Import an exchange file. The same proposal again (same id) becomes a new version of it;
        the copy it replaces is kept as a snapshot first."""
        p = exchange.read_file(path)
        stored = _body(p)
        fingerprint = stored["fingerprint"]
        now = utcnow()
        with self._write() as conn:
            row = conn.execute(select(proposals).where(proposals.c.uuid == p.id)).first()
            if row is None:
                version = 1
                pk = conn.execute(insert(proposals).values(uuid=p.id, version=1, created_at=now, updated_at=now,
                                                          **_columns(p))).inserted_primary_key[0]
                conn.execute(insert(working_copies).values(proposal_pk=pk, **stored))
            else:
                pk, version = row.pk, row.version + 1
                old = conn.execute(select(working_copies).where(working_copies.c.proposal_pk == pk)).one()
                # An older format's body (no record ids) is compared in today's form.
                if old.fingerprint != fingerprint and exchange.fingerprint(exchange.loads(old.body)) != fingerprint:
                    conn.execute(insert(snapshots).values(
                        proposal_pk=pk, name=_("Before importing {file}").format(file=os.path.basename(path)),
                        created_at=now, version=row.version, body=old.body, fingerprint=old.fingerprint))
                conn.execute(update(proposals).where(proposals.c.pk == pk)
                             .values(version=version, updated_at=now, **_columns(p)))
                conn.execute(update(working_copies).where(working_copies.c.proposal_pk == pk).values(**stored))
            conn.execute(insert(imports).values(proposal_pk=pk, uuid=p.id, file=os.path.abspath(path),
                                                fingerprint=fingerprint, version=version, imported_at=now))
        return p.id, version

    def export_file(self, proposal_id: str, path: str) -> None:
        """Write the working copy to an exchange file (atomically); never over the database."""
        if any(same_file(path, self.path + suffix) for suffix in ("", "-wal", "-shm", ".lock")):
            raise InputError(N_("{file} is the database itself (or one of its files); name another file."),
                             file=path)
        p, _version = self.load(proposal_id)
        exchange.write_file(p, path)

    # --- snapshots -----------------------------------------------------------------------------

    def snapshot(self, proposal_id: str, name: str) -> SnapshotInfo:
        """Keep the working copy under ``name``."""
        name = " ".join(name.split())
        if not name:
            raise InputError(N_("Give the snapshot a name."))
        if name.isdigit():  # a snapshot is named by its number or its name: a number would be taken for one
            raise InputError(N_("A snapshot's name cannot be only a number ({name}); add a word."), name=name)
        now = utcnow()
        with self._write() as conn:
            row = self._row(conn, proposal_id)
            taken = conn.execute(select(snapshots.c.pk).where(snapshots.c.proposal_pk == row.pk,
                                                              snapshots.c.name == name)).first()
            if taken is not None:
                raise InputError(N_("This proposal already has a snapshot named {name}; choose another name."),
                                 name=name)
            wc = conn.execute(select(working_copies).where(working_copies.c.proposal_pk == row.pk)).one()
            pk = conn.execute(insert(snapshots).values(proposal_pk=row.pk, name=name, created_at=now,
                                                      version=row.version, body=wc.body,
                                                      fingerprint=wc.fingerprint)).inserted_primary_key[0]
        return SnapshotInfo(pk, name, aware(now), row.version)

    def snapshots(self, proposal_id: str) -> list[SnapshotInfo]:
        """The proposal's snapshots, oldest first."""
        s = snapshots.c
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            rows = conn.execute(select(s.pk, s.name, s.created_at, s.version).where(s.proposal_pk == row.pk)
                                .order_by(s.created_at, s.pk)).all()
        return [SnapshotInfo(r.pk, r.name, aware(r.created_at), r.version) for r in rows]

    def _snapshot_row(self, conn: Connection, proposal_pk: int, snapshot_id: int):  # noqa: ANN202
        row = conn.execute(select(snapshots).where(snapshots.c.pk == snapshot_id,
                                                   snapshots.c.proposal_pk == proposal_pk)).first()
        if row is None:
            raise NotFound(N_("This proposal has no snapshot {snapshot}."), snapshot=snapshot_id)
        return row

    def restore_snapshot(self, proposal_id: str, snapshot_id: int) -> int:
        """Make a snapshot the working copy again; the current copy is kept as a snapshot first.
        Returns the new version (an open autosaver must be restarted with it)."""
        now = utcnow()
        with self._write() as conn:
            row = self._row(conn, proposal_id)
            snap = self._snapshot_row(conn, row.pk, snapshot_id)
            p = self._parse(snap.body, proposal_id, snapshot_id)
            wc = conn.execute(select(working_copies).where(working_copies.c.proposal_pk == row.pk)).one()
            conn.execute(insert(snapshots).values(
                proposal_pk=row.pk, name=_("Before restoring “{name}”").format(name=snap.name), created_at=now,
                version=row.version, body=wc.body, fingerprint=wc.fingerprint))
            version = row.version + 1
            conn.execute(update(proposals).where(proposals.c.pk == row.pk)
                         .values(version=version, updated_at=now, **_columns(p)))
            conn.execute(update(working_copies).where(working_copies.c.proposal_pk == row.pk)
                         .values(body=snap.body, fingerprint=snap.fingerprint, saved_at=now))
        return version

    def diff(self, proposal_id: str, snap_a: int | None, snap_b: int | None) -> ProposalDiff:
        """What changed from snapshot ``snap_a`` to ``snap_b``; ``None`` stands for the working copy."""
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            bodies = []
            for ref in (snap_a, snap_b):
                if ref is None:
                    bodies.append(conn.execute(select(working_copies.c.body)
                                               .where(working_copies.c.proposal_pk == row.pk)).scalar_one())
                else:
                    bodies.append(self._snapshot_row(conn, row.pk, ref).body)
        return compare(*(self._parse(body, proposal_id, ref) for body, ref in zip(bodies, (snap_a, snap_b),
                                                                                 strict=True)))

    # --- backups and checks --------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        """The automatic backups, newest first."""
        return list_backups(self.path)

    def backup_now(self, reason: str = "") -> BackupInfo:
        with guard(self.path), self._engine.connect() as conn:
            return backup.make_backup(conn.connection.dbapi_connection, self.path, reason)

    def restore_backup(self, path: str) -> BackupInfo:
        """Replace the database's content with a backup; the current content is backed up first
        (that backup is returned)."""
        _check_backup(path)
        kept = self.backup_now("before-restore")
        self._engine.dispose()
        with guard(self.path), self._engine.connect() as conn:
            src = sqlite3.connect(path)
            try:
                src.backup(conn.connection.dbapi_connection)
            finally:
                src.close()
        self._engine.dispose()
        _upgrade(self._engine, self.path, backup_first=False)
        return kept

    def check(self) -> list[str]:
        """Problems found (in the current language); an empty list means the database is sound."""
        with self._read() as conn:
            return problems(conn)


# --- opening -----------------------------------------------------------------------------------

def _check_backup(path: str) -> None:
    if not os.path.isfile(path):
        raise NotFound(N_("There is no backup {file}."), file=path)
    try:
        health.quick_check(path, readonly=True)
    except DamagedDatabase as exc:
        raise UnusableBackup(path, exc.reason) from exc
    conn = sqlite3.connect(f"file:{health.uri_path(path)}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UnusableBackup(path, N_("it is not a proposal database of this app.")) from exc
    finally:
        conn.close()
    if row is None or not migrations.known(row[0]):
        raise NewerDatabase(path, row[0] if row else "?")


def _upgrade(engine: Engine, path: str, backup_first: bool = True) -> None:
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


def open_store(path: str | None = None) -> Store:
    """Open (or create) the database at ``path`` or the default place.

    Raises :class:`DamagedDatabase`, :class:`NewerDatabase` or :class:`Unavailable`; never changes
    a file it refuses. On the first open of each day a backup is made.
    """
    path = os.path.abspath(path or default_db_path())
    refuse_folder(path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError as exc:
        raise Unavailable(N_("The folder for the database {file} cannot be created: {reason}"), file=path,
                          reason=os_reason(exc)) from exc
    existed = os.path.exists(path)
    if existed:  # an empty file is new unless it has backups (then it is a database that lost its content)
        health.quick_check(path, empty_is_new=latest_backup(path) is None)
        existed = os.path.getsize(path) > 0
    engine = make_engine(path)
    try:
        _upgrade(engine, path)
        store = Store(path, engine)
        if existed and not backup.has_backup_today(path):
            store.backup_now()
    except BaseException:
        engine.dispose()
        raise
    return store


def recover(path: str, choice: str) -> Store:
    """After :class:`DamagedDatabase` or :class:`NewerDatabase`: move the file aside untouched, then
    ``choice`` "backup" (restore the latest backup) or "new" (start an empty database)."""
    path = os.path.abspath(path)
    if choice not in ("backup", "new"):
        raise ValueError(choice)
    latest = _newest_sound_backup(path) if choice == "backup" else None
    if os.path.exists(path):
        health.move_aside(path)
    if latest is not None:
        backup.copy_file(latest.path, path)
    return open_store(path)


def _newest_sound_backup(path: str) -> BackupInfo:
    """The newest backup that passes the checks (a damaged backup is skipped, not used)."""
    first_error: StorageError | None = None
    for candidate in list_backups(path):
        try:
            _check_backup(candidate.path)
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
        _check_backup(backup_path)
        aside = health.move_aside(path)
        backup.copy_file(backup_path, path)
        open_store(path).close()
        return aside
    with store:
        return store.restore_backup(backup_path).path
