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

from forms.base.i18n import N_, _
from forms.files import exchange
from forms.model import Proposal, Text
from storage import backup
from storage.backup import BackupInfo, list_backups
from storage.checks import guard, problems
from storage.copies import Copies
from storage.database import columns, shown, stored
from storage.errors import Conflict, StorageError, Unavailable
from storage.schema import aware, imports, proposal_versions, proposals, snapshots, utcnow, working_copies
from storage.snapshots import Snapshots
from storage.upgrade import check_backup, upgrade_file

__all__ = ["Imported", "ProposalInfo", "Store", "VersionInfo"]


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
class VersionInfo:
    """A saved version: its number, who saved it ("" when not recorded) and when."""

    version: int
    saved_by: str
    saved_at: dt.datetime  # UTC, timezone-aware


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
        new = expected_version + 1
        with self._write() as conn:
            self._row(conn, p.id, lock=True)
            done = conn.execute(update(proposals)
                                .where(proposals.c.uuid == p.id, proposals.c.version == expected_version)
                                .values(version=new, updated_at=utcnow(), **columns(p)))
            if done.rowcount != 1:
                row = self._row(conn, p.id)
                title = p.title if not p.title.is_empty() else Text(row.title_ko, row.title_en)
                raise Conflict(p.id, title, expected_version, row.version)
            pk = conn.execute(select(proposals.c.pk).where(proposals.c.uuid == p.id)).scalar_one()
            body = stored(p)
            conn.execute(update(working_copies).where(working_copies.c.proposal_pk == pk).values(**body))
            self._record_version(conn, pk, new, body["body"], body["fingerprint"], body["saved_at"])
        return new

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

    def export_file(self, proposal_id: str, path: str) -> None:
        """Write the working copy to an exchange file (atomically); never over the database."""
        self._not_the_database(path)
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            saved = self._working_copy(conn, row.pk)
        if exchange.written_fingerprint(saved.body) != saved.fingerprint:
            # the row was changed outside the app: a copy handed out must be what was saved
            raise StorageError(N_("The saved copy of {id} in the database does not match its fingerprint: the "
                                  "database was changed outside the app. Nothing was written. 'db check' lists "
                                  "what is damaged; a snapshot or a backup can be restored."), id=row.uuid)
        p, _version = self.load(proposal_id)
        exchange.write_file(p, path)

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
            raise Unavailable(N_("Nothing was restored; the database is as it was. {reason}"), reason=exc) from exc
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
                                 "it (pg_dump, pg_restore); the app makes no backup of it."), server=self.path)

    def check(self) -> list[str]:
        """Problems found (in the current language); an empty list means the database is sound."""
        with self._read() as conn:
            return problems(conn)
