"""Snapshots: a proposal's working copy kept under a name, restored, and compared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from forms.base.errors import InputError
from forms.base.i18n import N_, _
from forms.merge.compare import ProposalDiff, compare
from storage.database import Database, columns, encodable
from storage.errors import NotFound
from storage.schema import aware, proposals, snapshots, utcnow, working_copies


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    name: str
    created_at: dt.datetime  # UTC, timezone-aware
    version: int


#: The words that name the working copy where a snapshot is expected (``db diff ID 1 current``).
WORKING_COPY = ("current", "working")


class Snapshots(Database):
    """The store's snapshots."""

    def snapshot(self, proposal_id: str, name: str) -> SnapshotInfo:
        """Keep the working copy under ``name``."""
        name = " ".join(name.split())
        if not name:
            raise InputError(N_("Give the snapshot a name."))
        if name.isdigit():  # a snapshot is named by its number or its name: a number would be taken for one
            raise InputError(N_("A snapshot's name cannot be only a number ({name}). Add a word."), name=name)
        if name.lower() in WORKING_COPY:  # these stand for the working copy wherever a snapshot is named
            raise InputError(N_("“{name}” stands for the working copy. Give the snapshot another name."), name=name)
        encodable(name)
        now = utcnow()
        with self._write() as conn:
            row = self._row(conn, proposal_id, lock=True)
            taken = conn.execute(select(snapshots.c.pk).where(snapshots.c.proposal_pk == row.pk,
                                                              snapshots.c.name == name)).first()
            if taken is not None:
                raise InputError(N_("This proposal already has a snapshot named {name}. Choose another name."),
                                 name=name)
            wc = self._working_copy(conn, row.pk)
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
            row = self._row(conn, proposal_id, lock=True)
            snap = self._snapshot_row(conn, row.pk, snapshot_id)
            p = self._parse(snap.body, proposal_id, snapshot_id)
            wc = self._working_copy(conn, row.pk)
            conn.execute(insert(snapshots).values(
                proposal_pk=row.pk, name=_("Before restoring “{name}”").format(name=snap.name), created_at=now,
                version=row.version, body=wc.body, fingerprint=wc.fingerprint))
            version = row.version + 1
            conn.execute(update(proposals).where(proposals.c.pk == row.pk)
                         .values(version=version, updated_at=now, **columns(p)))
            conn.execute(update(working_copies).where(working_copies.c.proposal_pk == row.pk)
                         .values(body=snap.body, fingerprint=snap.fingerprint, saved_at=now))
            self._record_version(conn, row.pk, version, snap.body, snap.fingerprint, now)
        return version

    def diff(self, proposal_id: str, snap_a: int | None, snap_b: int | None) -> ProposalDiff:
        """What changed from snapshot ``snap_a`` to ``snap_b``; ``None`` stands for the working copy."""
        with self._read() as conn:
            row = self._row(conn, proposal_id)
            bodies = []
            for ref in (snap_a, snap_b):
                if ref is None:
                    bodies.append(self._working_copy(conn, row.pk).body)
                else:
                    bodies.append(self._snapshot_row(conn, row.pk, ref).body)
        return compare(*(self._parse(body, proposal_id, ref) for body, ref in zip(bodies, (snap_a, snap_b),
                                                                                 strict=True)))
