"""Deleted proposals, kept to be restored: deleting one from the window first keeps it — its
working copy, every snapshot and every copy sent to a partner (the base its return is merged
against) — and restoring puts it back as it was, under its own id, and drops what was kept.

A database file keeps them in a ``deleted`` folder beside it (plain JSON files, written
atomically). A server keeps them in its ``deleted_proposals`` table, in the transaction that
deletes, so any official of the team (``rps_editor``) may restore what another deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from forms.base.atomic import atomic_write
from forms.base.errors import os_reason
from forms.base.i18n import N_
from forms.model import Text
from storage.errors import StorageError
from storage.schema import (
    aware,
    deleted_proposals,
    imports,
    merged_copies,
    partner_copies,
    proposals,
    snapshots,
    utcnow,
    working_copies,
)
from storage.store import Store

FORMAT = "regional-proposal-deleted"
#: How a proposal kept in the server's table is named where a file's path would be.
ROW = "deleted_proposals:"


@dataclass(frozen=True)
class DeletedInfo:
    path: str  # the file; on a server ``deleted_proposals:PK``
    id: str
    title: Text
    deleted_at: dt.datetime  # UTC, timezone-aware
    deleted_by: str = ""  # on a server, the login that deleted it


def folder(store: Store) -> str:
    """Beside a database file. A server keeps its deleted proposals in a table; this is then the
    folder in the user's data folder where earlier versions kept them, one per server and
    database: what is still there is listed with the rest, and can be restored."""
    if store.server:
        from storage.paths import data_dir

        name = hashlib.sha256(store.path.encode("utf-8")).hexdigest()[:16]
        return os.path.join(data_dir(), "deleted", "server-" + name)
    return os.path.join(os.path.dirname(os.path.abspath(store.path)), "deleted")


def delete_keeping(store: Store, proposal_id: str) -> DeletedInfo:
    """Delete the proposal after keeping it (working copy and snapshots) in the ``deleted`` folder."""
    now = utcnow()
    with store._write() as conn:
        row = store._row(conn, proposal_id, lock=True)
        body = store._working_copy(conn, row.pk).body
        snaps = conn.execute(select(snapshots).where(snapshots.c.proposal_pk == row.pk)
                             .order_by(snapshots.c.created_at, snapshots.c.pk)).all()
        sent = conn.execute(select(partner_copies).where(partner_copies.c.proposal_pk == row.pk)
                            .order_by(partner_copies.c.pk)).all()
        merged = conn.execute(select(merged_copies).where(merged_copies.c.proposal_pk == row.pk)
                              .order_by(merged_copies.c.pk)).all()
        kept = {"format": FORMAT, "id": proposal_id, "title": {"ko": row.title_ko, "en": row.title_en},
                "deleted_at": now.isoformat(), "body": body, "version": row.version,
                "created_at": row.created_at.isoformat(),
                "snapshots": [{"name": s.name, "created_at": s.created_at.isoformat(), "version": s.version,
                               "body": s.body, "fingerprint": s.fingerprint} for s in snaps],
                "partner_copies": [{"partner": c.partner, "file": c.file, "sent_at": c.sent_at.isoformat(),
                                    "body": c.body, "fingerprint": c.fingerprint} for c in sent],
                "merged_copies": [{"fingerprint": m.fingerprint, "partner": m.partner,
                                   "merged_at": m.merged_at.isoformat()} for m in merged]}
        if store.server:
            by = store._saved_by(conn)
            pk = conn.execute(insert(deleted_proposals).values(
                uuid=proposal_id, title_ko=row.title_ko, title_en=row.title_en, deleted_by=by, deleted_at=now,
                kept=json.dumps(kept, ensure_ascii=False))).inserted_primary_key[0]
            conn.execute(delete(proposals).where(proposals.c.pk == row.pk))
            return DeletedInfo(f"{ROW}{pk}", proposal_id, Text(row.title_ko, row.title_en), aware(now), by)
        path = os.path.join(folder(store), f"{proposal_id}-{now:%Y%m%dT%H%M%S%f}.json")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with atomic_write(path, "w", encoding="utf-8") as fp:
                json.dump(kept, fp, ensure_ascii=False)
        except OSError as exc:  # nothing is deleted unless it was kept
            raise StorageError(N_("The proposal cannot be kept for restoring ({reason}). It was not deleted."),
                               reason=os_reason(exc)) from exc
        conn.execute(delete(proposals).where(proposals.c.pk == row.pk))
    return DeletedInfo(path, proposal_id, Text(row.title_ko, row.title_en), aware(now))


def _kept(text: str, name: str) -> dict:
    try:
        kept = json.loads(text)
    except ValueError as exc:
        raise StorageError(N_("{file} cannot be read as a deleted proposal."), file=name) from exc
    if not isinstance(kept, dict) or kept.get("format") != FORMAT:
        raise StorageError(N_("{file} cannot be read as a deleted proposal."), file=name)
    return kept


def _read(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fp:
            kept = json.load(fp)
    except (OSError, ValueError) as exc:
        raise StorageError(N_("{file} cannot be read as a deleted proposal."), file=os.path.basename(path)) from exc
    if not isinstance(kept, dict) or kept.get("format") != FORMAT:
        raise StorageError(N_("{file} cannot be read as a deleted proposal."), file=os.path.basename(path))
    return kept


def deleted(store: Store) -> list[DeletedInfo]:
    """The deleted proposals that can be restored, most recently deleted first."""
    if store.server:
        d = deleted_proposals.c
        with store._read() as conn:
            rows = conn.execute(select(d.pk, d.uuid, d.title_ko, d.title_en, d.deleted_at, d.deleted_by)
                                .order_by(d.deleted_at.desc(), d.pk.desc())).all()
        out = [DeletedInfo(f"{ROW}{r.pk}", r.uuid, Text(r.title_ko, r.title_en), aware(r.deleted_at), r.deleted_by)
               for r in rows]
    else:
        out = []
    where = folder(store)
    for name in sorted(os.listdir(where)) if os.path.isdir(where) else []:
        if not name.endswith(".json"):
            continue
        try:
            kept = _read(os.path.join(where, name))
            title = Text(kept["title"].get("ko", ""), kept["title"].get("en", ""))
            out.append(DeletedInfo(os.path.join(where, name), kept["id"], title,
                                   aware(dt.datetime.fromisoformat(kept["deleted_at"]))))
        except (StorageError, KeyError, TypeError, ValueError, AttributeError):
            continue  # a file that is not one of ours is left alone
    return sorted(out, key=lambda d: d.deleted_at, reverse=True)


def restore(store: Store, path: str) -> str:
    """Put a deleted proposal back as it was — its version, its snapshots, the copies sent to
    partners (so their returns merge), its record of imports; returns its id. A proposal with the
    same id made since (an import of the same file) is not overwritten: the restore is refused.
    ``path``: a :attr:`DeletedInfo.path`."""
    if path.startswith(ROW) and store.server:
        with store._write() as conn:
            d = deleted_proposals.c
            row = conn.execute(select(d.pk, d.kept).where(d.pk == int(path[len(ROW):])).with_for_update()).first()
            if row is None:  # someone else restored it a moment ago
                raise StorageError(N_("This deleted proposal is no longer kept: someone else restored it, or it was "
                                      "restored already."))
            pid = _put_back(store, conn, _kept(row.kept, path))
            conn.execute(delete(deleted_proposals).where(d.pk == row.pk))
        return pid
    kept = _read(path)
    with store._write() as conn:
        pid = _put_back(store, conn, kept)
    os.remove(path)
    return pid


def _put_back(store: Store, conn: Connection, kept: dict) -> str:
    """Add the kept proposal back in the write transaction ``conn``; its id."""
    p = store._parse(kept["body"], kept["id"])
    now = utcnow()
    version = kept.get("version") if type(kept.get("version")) is int else 1
    created = dt.datetime.fromisoformat(kept["created_at"]) if kept.get("created_at") else now
    pk = store._add_row(conn, p, version, created, now)
    for c in kept.get("partner_copies", []):
        conn.execute(insert(partner_copies).values(proposal_pk=pk, partner=c["partner"], file=c["file"],
                                                   sent_at=dt.datetime.fromisoformat(c["sent_at"]),
                                                   body=c["body"], fingerprint=c["fingerprint"]))
    for m in kept.get("merged_copies", []):
        conn.execute(insert(merged_copies).values(proposal_pk=pk, fingerprint=m["fingerprint"],
                                                  partner=m["partner"],
                                                  merged_at=dt.datetime.fromisoformat(m["merged_at"])))
    conn.execute(update(imports).where(imports.c.uuid == p.id, imports.c.proposal_pk.is_(None))
                 .values(proposal_pk=pk))
    fingerprint = hashlib.sha256(kept["body"].encode()).hexdigest()
    conn.execute(insert(working_copies).values(proposal_pk=pk, body=kept["body"], saved_at=now,
                                               fingerprint=fingerprint))
    store._record_version(conn, pk, version, kept["body"], fingerprint, now)
    for s in kept.get("snapshots", []):
        conn.execute(insert(snapshots).values(proposal_pk=pk, name=s["name"], version=s["version"],
                                              created_at=dt.datetime.fromisoformat(s["created_at"]),
                                              body=s["body"], fingerprint=s["fingerprint"]))
    return p.id
