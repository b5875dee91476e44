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
from forms.errors import InputError, Phrase, os_reason
from forms.i18n import N_, _
from forms.merge.compare import ProposalDiff, compare
from forms.model import Proposal, SentCopy, Text
from storage import backup, health, migrations
from storage.backup import BackupInfo, latest_backup, list_backups
from storage.checks import guard, problems
from storage.errors import (
    Conflict,
    DamagedDatabase,
    NewerDatabase,
    NotFound,
    ReadOnly,
    StorageError,
    Unavailable,
    UnusableBackup,
    write_reason,
)
from storage.paths import default_db_path, refuse_folder
from storage.schema import (
    aware,
    imports,
    make_engine,
    merged_copies,
    partner_copies,
    proposals,
    snapshots,
    utcnow,
    working_copies,
)

__all__ = ["BackupInfo", "ProposalInfo", "SentBase", "SnapshotInfo", "Store", "latest_backup", "open_store", "recover"]


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
class SentBase:
    """A copy sent to a partner, found again by its fingerprint: to whom, when, and the base."""

    proposal_id: str
    partner: str
    sent_at: dt.datetime  # UTC, timezone-aware
    base: Proposal


@dataclass(frozen=True)
class Imported:
    """An imported file: the proposal's id, its new version, and the snapshot that keeps the working
    copy it replaced ("" when nothing was replaced)."""

    proposal_id: str
    version: int
    snapshot: str = ""


@dataclass(frozen=True)
class ReturnedCopy:
    """A file about to be imported that is a partner's copy of a proposal of this database: the
    proposal it would replace, and the copy this database sent (None when it was not sent from
    here, or is no longer kept)."""

    proposal_id: str
    sent: SentBase | None
    differs: bool  # its content differs from the working copy


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    name: str
    created_at: dt.datetime  # UTC, timezone-aware
    version: int


#: The words that name the working copy where a snapshot is expected (``db diff ID 1 current``).
WORKING_COPY = ("current", "working")


def _shown(path: str) -> str:
    """A file name as text that can be stored: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def _encodable(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(N_("“{name}” holds bytes that are not text (character {position}); type the name "
                            "again."), name=_shown(text), position=exc.start + 1) from None


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
        #: Why today's backup could not be made (an :class:`Unavailable`), or None.
        self.backup_problem: StorageError | None = None
        #: Why the database can only be read (a message field), or None when it can be changed.
        self.read_only: object | None = None

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
        p = self._parse(body, proposal_id)
        if p.id != row.uuid and exchange.normal_id(row.uuid) == p.id:
            # stored before ids were written one way (upper case, braces …): the row keeps its spelling,
            # so that saving finds it again
            p.id = row.uuid
        return p, row.version

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
        """Import an exchange file: its proposal's id and version (see :meth:`import_proposal`)."""
        done = self.import_proposal(path)
        return done.proposal_id, done.version

    def returned_copy(self, p: Proposal) -> ReturnedCopy | None:
        """Whether ``p`` (a file about to be imported) is a partner's copy of a proposal of this
        database: it carries the mark of a sent copy and has a proposal's id here, and either this
        database sent its base or its content differs from the working copy. None otherwise."""
        if p.sent_copy is None:
            return None
        with self._read() as conn:
            row = conn.execute(select(proposals).where(proposals.c.uuid == p.id)).first()
            if row is None:
                return None
            wc = conn.execute(select(working_copies).where(working_copies.c.proposal_pk == row.pk)).one()
        ours = self._parse(wc.body, p.id)
        ours.sent_copy = None
        theirs = p.copy()
        theirs.sent_copy = None
        differs = exchange.fingerprint(ours) != exchange.fingerprint(theirs)
        sent = self.sent_base(p.sent_copy.base_fingerprint)
        if sent is not None and sent.proposal_id != p.id:
            sent = None
        if sent is None and not differs:
            return None
        return ReturnedCopy(p.id, sent, differs)

    def import_proposal(self, path: str) -> Imported:
        """Import an exchange file. The same proposal again (same id) becomes a new version of it;
        the copy it replaces is kept as a snapshot first, named in the result."""
        p = exchange.read_file(path)
        stored = _body(p)
        fingerprint = stored["fingerprint"]
        now = utcnow()
        kept = ""
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
                    kept = _("Before importing {file}").format(file=_shown(os.path.basename(path)))
                    conn.execute(insert(snapshots).values(
                        proposal_pk=pk, name=kept, created_at=now, version=row.version, body=old.body,
                        fingerprint=old.fingerprint))
                conn.execute(update(proposals).where(proposals.c.pk == pk)
                             .values(version=version, updated_at=now, **_columns(p)))
                conn.execute(update(working_copies).where(working_copies.c.proposal_pk == pk).values(**stored))
            conn.execute(insert(imports).values(proposal_pk=pk, uuid=p.id, file=_shown(os.path.abspath(path)),
                                                fingerprint=fingerprint, version=version, imported_at=now))
        return Imported(p.id, version, kept)

    def export_file(self, proposal_id: str, path: str) -> None:
        """Write the working copy to an exchange file (atomically); never over the database."""
        self._not_the_database(path)
        p, _version = self.load(proposal_id)
        exchange.write_file(p, path)

    def _not_the_database(self, path: str) -> None:
        if any(same_file(path, self.path + suffix) for suffix in ("", "-wal", "-shm", ".lock")):
            raise InputError(N_("{file} is the database itself (or one of its files); name another file."),
                             file=path)
        if same_file(os.path.dirname(os.path.abspath(path)), backup.backup_dir(self.path)):
            raise InputError(N_("{file} is in the folder of the database's backups; name a file elsewhere."),
                             file=path)

    # --- copies sent to partners ---------------------------------------------------------------

    def send_copy(self, proposal_id: str, partner: str, path: str) -> str:
        """Write the working copy to ``path`` as a copy for ``partner`` and keep it, exactly, as
        the base its return will be merged against. Returns the base's fingerprint. The file
        carries the fingerprint; if it cannot be written, nothing is kept."""
        partner = " ".join(partner.split())
        if not partner:
            raise InputError(N_("Name the region or organisation the copy is for."))
        self._not_the_database(path)
        with self._write() as conn:
            row = self._row(conn, proposal_id)
            wc = conn.execute(select(working_copies).where(working_copies.c.proposal_pk == row.pk)).one()
            base = self._parse(wc.body, proposal_id)
            base.sent_copy = None
            raw = exchange.canonical_json(base)
            fingerprint = hashlib.sha256(raw).hexdigest()
            conn.execute(insert(partner_copies).values(proposal_pk=row.pk, partner=partner, file=os.path.abspath(path),
                                                       sent_at=utcnow(), body=raw.decode("utf-8"),
                                                       fingerprint=fingerprint))
            copy = base.copy()
            copy.sent_copy = SentCopy(partner, fingerprint)
            exchange.write_file(copy, path)  # inside the transaction: a failed write keeps nothing
        return fingerprint

    def sent_base(self, fingerprint: str) -> SentBase | None:
        """The copy sent with this base fingerprint (the latest, if sent twice), or None."""
        c = partner_copies.c
        with self._read() as conn:
            row = conn.execute(select(c.partner, c.sent_at, c.body, proposals.c.uuid)
                               .join(proposals, proposals.c.pk == c.proposal_pk)
                               .where(c.fingerprint == fingerprint).order_by(c.pk.desc())).first()
        if row is None:
            return None
        return SentBase(row.uuid, row.partner, aware(row.sent_at), self._parse(row.body, row.uuid))

    def remember_merged(self, proposal_id: str, fingerprint: str, partner: str) -> None:
        """Keep that the partner's copy with this fingerprint (of the file as it came back) is
        merged into the proposal."""
        with self._write() as conn:
            row = self._row(conn, proposal_id)
            conn.execute(insert(merged_copies).values(proposal_pk=row.pk, fingerprint=fingerprint, partner=partner,
                                                      merged_at=utcnow()))

    def merged_at(self, proposal_id: str, fingerprint: str) -> dt.datetime | None:
        """When the partner's copy with this fingerprint was merged into the proposal (UTC; the
        first time), or None if it never was."""
        c = merged_copies.c
        with self._read() as conn:
            when = conn.execute(select(c.merged_at).join(proposals, proposals.c.pk == c.proposal_pk)
                                .where(proposals.c.uuid == proposal_id, c.fingerprint == fingerprint)
                                .order_by(c.pk)).scalars().first()
        return None if when is None else aware(when)

    # --- snapshots -----------------------------------------------------------------------------

    def snapshot(self, proposal_id: str, name: str) -> SnapshotInfo:
        """Keep the working copy under ``name``."""
        name = " ".join(name.split())
        if not name:
            raise InputError(N_("Give the snapshot a name."))
        if name.isdigit():  # a snapshot is named by its number or its name: a number would be taken for one
            raise InputError(N_("A snapshot's name cannot be only a number ({name}); add a word."), name=name)
        if name.lower() in WORKING_COPY:  # these stand for the working copy wherever a snapshot is named
            raise InputError(N_("“{name}” stands for the working copy; give the snapshot another name."), name=name)
        _encodable(name)
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
        """Raises :class:`Unavailable` (with nothing left behind) when no backup can be made."""
        with guard(self.path), self._engine.connect() as conn:
            return backup.make_backup(conn.connection.dbapi_connection, self.path, reason)

    def restore_backup(self, path: str) -> BackupInfo:
        """Replace the database's content with a backup; the current content is backed up first
        (that backup is returned)."""
        _check_backup(path)
        try:
            kept = self.backup_now("before-restore")
        except Unavailable as exc:  # never restore over content that was not kept first
            raise Unavailable(N_("Nothing was restored; the database is as it was. {reason}"), reason=exc) from exc
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


def _ours(path: str, contents: health.Contents) -> None:
    """Refuse a sound file that another application made (or a newer version of this one)."""
    if contents.application_id:
        raise DamagedDatabase(path, N_("it is not a proposal database of this app."))
    if contents.revision is None and contents.objects:
        raise DamagedDatabase(path, N_("it is not a proposal database of this app."))
    if contents.revision is not None and not migrations.known(contents.revision):
        raise NewerDatabase(path, contents.revision or "?")


def _remove_new(path: str) -> None:
    """Remove a database file this open created, with its companions (nothing half-made stays)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)


def open_store(path: str | None = None, read_only_ok: bool = False, beside_writer: bool = False) -> Store:
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
    """
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
        contents = health.examine(path)
        _ours(path, contents)
        if contents.revision != migrations.head():
            raise Unavailable(N_("The database {file} is open in a window of another version of the app; close "
                                 "that window, then run this command again. Nothing was changed."), file=path)
        store = Store(path, make_engine(path, read_only=True))
        store.read_only = Phrase(N_("a window of the app has it open"))
        return store
    if why_read_only is not None:
        if not existed:
            raise ReadOnly(path, why_read_only, exists=False)
        contents = health.examine(path)
        _ours(path, contents)
        if not read_only_ok:
            raise ReadOnly(path, why_read_only)
        if contents.revision != migrations.head():
            raise ReadOnly(path, why_read_only, needs_upgrade=True)
        store = Store(path, make_engine(path, read_only=True))
        store.read_only = Phrase(why_read_only)
        return store
    contents = health.Contents(None, 0, 0)
    if existed and _disk_full(path):  # SQLite would need room for its -shm and -wal to open it for writing
        contents = health.examine(path)
        _ours(path, contents)
        if not read_only_ok or contents.revision != migrations.head():
            raise Unavailable(N_("The database {file} cannot be changed now: {reason}. Nothing was changed."),
                              file=path, reason=Phrase(N_("the disk is full")))
        store = Store(path, make_engine(path, read_only=True))
        store.read_only = Phrase(N_("the disk is full"))
        store.backup_problem = Unavailable(N_("No backup of {file} could be made: {reason}"), file=path,
                                           reason=Phrase(N_("the disk is full")))
        return store
    if existed:  # an empty file is new unless it has backups (then it is a database that lost its content)
        contents = health.examine(path, empty_is_new=latest_backup(path) is None)
        _ours(path, contents)
        existed = os.path.getsize(path) > 0
    engine = make_engine(path)
    try:
        _upgrade(engine, path)
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
        store = Store(path, make_engine(path, read_only=True))
        store.read_only = problem.fields.get("reason", Phrase(N_("it cannot be written now")))
        store.backup_problem = problem
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
            raise Unavailable(N_("The backup {backup} could not be copied: {reason} Nothing was restored; the "
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
        aside = _replace_aside(path, backup_path)
        open_store(path).close()
        return aside or path
    except Unavailable as exc:
        raise Unavailable(N_("Nothing was restored; the database is as it was. {reason}"), reason=exc) from exc
    with store:
        return store.restore_backup(backup_path).path
