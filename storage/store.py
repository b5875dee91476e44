"""The proposal database the GUI and ``main.py db`` use: its proposals and their versions, with the
copies sent to partners (:mod:`storage.copies`) and the snapshots (:mod:`storage.snapshots`) it is
made of. Every write is one transaction; ``save`` refuses a stale version. Opening it (checking,
upgrading, backing up) and recovering a damaged one is :mod:`storage.opening`."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from forms.base.i18n import N_, _
from forms.files import exchange
from forms.model import Proposal, StoredVersion, Text
from storage import backup
from storage.backup import BackupInfo, list_backups
from storage.checks import guard, problems
from storage.copies import Copies
from storage.database import columns, shown, stored
from storage.errors import Conflict, NotFound, StorageError, Unavailable
from storage.info import ProposalInfo
from storage.moved import Moved, weigh
from storage.schema import aware, imports, proposal_versions, proposals, snapshots, utcnow, working_copies
from storage.snapshots import Snapshots
from storage.upgrade import check_backup, upgrade_file

__all__ = ["Imported", "Moved", "ProposalInfo", "Saved", "Store", "VersionInfo"]


@dataclass(frozen=True)
class VersionInfo:
    """A saved version: its number, who saved it ("" when not recorded) and when."""

    version: int
    saved_by: str
    saved_at: dt.datetime  # UTC, timezone-aware


@dataclass(frozen=True)
class Saved:
    """What :meth:`Store.save_onto` did: the version saved (None when conflicts kept it from being
    saved), and the merge when the stored proposal had moved on."""

    version: int | None
    moved: Moved | None


@dataclass(frozen=True)
class Imported:
    """An imported file: the proposal's id, its new version, and the snapshot that keeps the working
    copy it replaced ("" when nothing was replaced)."""

    proposal_id: str
    version: int
    snapshot: str = ""


class Store(Copies, Snapshots):
    """One proposal database: proposals and versions here; sent copies and snapshots from the
    parts it is made of."""

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
            pk = self._add_row(conn, p, 1, now, now)
            body = stored(p)
            conn.execute(insert(working_copies).values(proposal_pk=pk, **body))
            self._record_version(conn, pk, 1, body["body"], body["fingerprint"], body["saved_at"])
        return 1

    def load(self, proposal_id: str) -> tuple[Proposal, int]:
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            body = self._working_copy(conn, row.pk).body
        p = self._parse(body, proposal_id)
        if p.id != row.uuid and exchange.normal_id(row.uuid) == p.id:
            # stored before ids were written one way (upper case, braces …): the row keeps its spelling,
            # so that saving finds it again
            p.id = row.uuid
        return p, row.version

    def save(self, p: Proposal, expected_version: int) -> int:
        """Save the working copy if the stored version is still ``expected_version``; else :class:`Conflict`."""
        with self._write() as conn:
            row = self._row(conn, p.id, lock=True)
            if row.version != expected_version:
                title = p.title if not p.title.is_empty() else Text(row.title_ko, row.title_en)
                raise Conflict(p.id, title, expected_version, row.version)
            return self._save_locked(conn, row, p)

    def _save_locked(self, conn: Connection, row, p: Proposal) -> int:  # noqa: ANN001 - the proposal's row
        """Save ``p`` as the version after ``row``'s, whose row lock this transaction holds."""
        new = row.version + 1
        done = conn.execute(update(proposals).where(proposals.c.pk == row.pk, proposals.c.version == row.version)
                            .values(version=new, updated_at=utcnow(), **columns(p)))
        if done.rowcount != 1:  # the lock makes this impossible; never written over all the same
            raise Conflict(p.id, p.title, row.version, row.version + 1)
        body = stored(p)
        conn.execute(update(working_copies).where(working_copies.c.proposal_pk == row.pk).values(**body))
        self._record_version(conn, row.pk, new, body["body"], body["fingerprint"], body["saved_at"])
        return new

    # --- saving onto a proposal that moved on (see storage.moved) -----------------------------

    def saved_version(self, proposal_id: str, version: int) -> Proposal:
        """The proposal as it was saved as ``version`` (kept in ``proposal_versions``)."""
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            return self._version_body(conn, row, version)

    def _version_body(self, conn: Connection, row, version: int, fingerprint: str | None = None) -> Proposal:  # noqa: ANN001
        v = proposal_versions.c
        query = select(v.body, v.fingerprint).where(v.proposal_pk == row.pk, v.version == version)
        if fingerprint is not None:
            query = query.where(v.fingerprint == fingerprint)
        body = conn.execute(query.order_by(v.pk.desc())).first()
        if body is None:
            if fingerprint is not None:
                raise NotFound(N_("Version {version} of proposal {id} in this database is not the one the file was "
                                  "written from: the file comes from another database, or from a copy of this one."),
                               version=version, id=row.uuid)
            raise NotFound(N_("Version {version} of proposal {id} is not kept in this database (it was saved before "
                              "versions were kept), so what changed since cannot be merged."),
                           version=version, id=row.uuid)
        p = self._parse(body.body, row.uuid)
        p.id = row.uuid
        return p

    def _moved(self, conn: Connection, row, base: Proposal, mine: Proposal, base_version: int) -> Moved:  # noqa: ANN001
        v = proposal_versions.c
        names = conn.execute(select(v.saved_by).where(v.proposal_pk == row.pk, v.version > base_version)
                             .order_by(v.version, v.pk)).scalars().all()
        theirs = self._parse(self._working_copy(conn, row.pk).body, row.uuid)
        theirs.id = row.uuid
        mine = mine.copy()
        mine.id = row.uuid
        return weigh(row.uuid, base_version, row.version, tuple(dict.fromkeys(n for n in names if n)), base, mine,
                     theirs)

    def moved_on(self, p: Proposal, base_version: int) -> Moved | None:
        """None when the stored proposal is still at ``base_version``; else ``p`` (made from that
        version) merged onto it as it is now. Nothing is saved."""
        with self._read() as conn:
            row = self._row(conn, p.id)
            if row.version == base_version:
                return None
            return self._moved(conn, row, self._version_body(conn, row, base_version), p, base_version)

    def save_onto(self, p: Proposal, base_version: int, base_fingerprint: str | None = None) -> Saved:
        """Save ``p``, made from the saved version ``base_version`` (with ``base_fingerprint``, when
        known: a file's mark), as the next version; when the stored proposal moved on since, merge
        three ways under its row lock and save the merge if it is clean. A merge with conflicts
        saves nothing (``Saved.version`` is None): its :class:`Moved` lists them."""
        with self._write() as conn:
            row = self._row(conn, p.id, lock=True)
            if row.version < base_version:
                raise NotFound(N_("Proposal {id} in this database is at version {current}, older than version "
                                  "{version} the file was written from: the file comes from another database."),
                               id=row.uuid, current=row.version, version=base_version)
            base = self._version_body(conn, row, base_version, base_fingerprint)
            if row.version == base_version:
                return Saved(self._save_locked(conn, row, p), None)
            moved = self._moved(conn, row, base, p, base_version)
            merged = moved.merged
            if merged is None:
                return Saved(None, moved)
            return Saved(self._save_locked(conn, row, merged), moved)

    def history(self, proposal_id: str) -> list[VersionInfo]:
        """The proposal's saved versions, newest first, with who saved each and when."""
        v = proposal_versions.c
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            rows = conn.execute(select(v.version, v.saved_by, v.saved_at).where(v.proposal_pk == row.pk)
                                .order_by(v.version.desc(), v.pk.desc())).all()
        return [VersionInfo(r.version, r.saved_by, aware(r.saved_at)) for r in rows]

    def delete(self, proposal_id: str) -> None:
        with self._write() as conn:
            row = self._row(conn, proposal_id, lock=True)
            conn.execute(delete(proposals).where(proposals.c.pk == row.pk))
            self._notify(conn, row.uuid, 0)

    def import_file(self, path: str) -> tuple[str, int]:
        """Import an exchange file: its proposal's id and version (see :meth:`import_proposal`)."""
        done = self.import_proposal(path)
        return done.proposal_id, done.version

    def import_proposal(self, path: str) -> Imported:
        """Import an exchange file. The same proposal again (same id) becomes a new version of it;
        the copy it replaces is kept as a snapshot first, named in the result."""
        p = exchange.read_file(path)
        body = stored(p)
        fingerprint = body["fingerprint"]
        now = utcnow()
        kept = ""
        with self._write() as conn:
            row = conn.execute(select(proposals).where(proposals.c.uuid == p.id).with_for_update()).first()
            if row is None:
                version = 1
                pk = conn.execute(insert(proposals).values(uuid=p.id, version=1, created_at=now, updated_at=now,
                                                          **columns(p))).inserted_primary_key[0]
                conn.execute(insert(working_copies).values(proposal_pk=pk, **body))
            else:
                pk, version = row.pk, row.version + 1
                old = self._working_copy(conn, pk)
                # An older format's body (no record ids) is compared in today's form.
                if old.fingerprint != fingerprint and exchange.fingerprint(exchange.loads(old.body)) != fingerprint:
                    kept = _("Before importing {file}").format(file=shown(os.path.basename(path)))
                    conn.execute(insert(snapshots).values(
                        proposal_pk=pk, name=kept, created_at=now, version=row.version, body=old.body,
                        fingerprint=old.fingerprint))
                conn.execute(update(proposals).where(proposals.c.pk == pk)
                             .values(version=version, updated_at=now, **columns(p)))
                conn.execute(update(working_copies).where(working_copies.c.proposal_pk == pk).values(**body))
            self._record_version(conn, pk, version, body["body"], fingerprint, now)
            conn.execute(insert(imports).values(proposal_pk=pk, uuid=p.id, file=shown(os.path.abspath(path)),
                                                fingerprint=fingerprint, version=version, imported_at=now))
        return Imported(p.id, version, kept)

    def export_file(self, proposal_id: str, path: str, record_version: bool = False) -> int:
        """Write the working copy to an exchange file (atomically); never over the database. Returns
        its version. ``record_version``: the file records it, with its fingerprint (``stored_version``),
        so that :meth:`save_onto` can take the file back as the next version (``db export``/``db save``)."""
        self._not_the_database(path)
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            saved = self._working_copy(conn, row.pk)
        if exchange.written_fingerprint(saved.body) != saved.fingerprint:
            # the row was changed outside the app: a copy handed out must be what was saved
            raise StorageError(N_("The saved copy of {id} in the database does not match its fingerprint: the "
                                  "database was changed outside the app. Nothing was written. 'db check' lists "
                                  "what is damaged. A snapshot or a backup can be restored."), id=row.uuid)
        p = self._parse(saved.body, proposal_id)
        if p.id != row.uuid and exchange.normal_id(row.uuid) == p.id:
            p.id = row.uuid  # as load() does
        if record_version:
            p.stored_version = StoredVersion(row.version, saved.fingerprint)
        exchange.write_file(p, path)
        return row.version

    # --- backups and checks --------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        """The automatic backups, newest first (none on a server: its administrator backs it up)."""
        return [] if self.server else list_backups(self.path)

    def backup_now(self, reason: str = "") -> BackupInfo:
        """Raises :class:`Unavailable` (with nothing left behind) when no backup can be made."""
        self._file_only()
        with guard(self.path), self._engine.connect() as conn:
            return backup.make_backup(conn.connection.dbapi_connection, self.path, reason)

    def restore_backup(self, path: str) -> BackupInfo:
        """Replace the database's content with a backup; the current content is backed up first
        (that backup is returned)."""
        self._file_only()
        check_backup(path)
        try:
            kept = self.backup_now("before-restore")
        except Unavailable as exc:  # never restore over content that was not kept first
            raise Unavailable(N_("Nothing was restored. The database is as it was. {reason}"), reason=exc) from exc
        self._engine.dispose()
        with guard(self.path), self._engine.connect() as conn:
            src = sqlite3.connect(path)
            try:
                src.backup(conn.connection.dbapi_connection)
            finally:
                src.close()
        self._engine.dispose()
        upgrade_file(self._engine, self.path, backup_first=False)
        return kept

    def _file_only(self) -> None:
        if self.server:
            raise Unavailable(N_("The database {server} is on a server: its administrator backs it up and restores "
                                 "it (pg_dump, pg_restore). The app makes no backup of it."), server=self.path)

    def check(self) -> list[str]:
        """Problems found (in the current language); an empty list means the database is sound."""
        with self._read() as conn:
            return problems(conn)
