"""Copies sent to partners and merged back: each sent copy keeps, exactly, the proposal it was made
from (the base its return is merged against), found again by the fingerprint the copy carries; a
merged copy is remembered by the fingerprint of the file as it came back."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass

from sqlalchemy import insert, select

from forms.base.errors import InputError
from forms.base.i18n import N_
from forms.files import exchange
from forms.model import Proposal, SentCopy
from storage.database import Database
from storage.schema import aware, merged_copies, partner_copies, proposals, utcnow


@dataclass(frozen=True)
class SentBase:
    """A copy sent to a partner, found again by its fingerprint: to whom, when, and the base."""

    proposal_id: str
    partner: str
    sent_at: dt.datetime  # UTC, timezone-aware
    base: Proposal


@dataclass(frozen=True)
class ReturnedCopy:
    """A file about to be imported that is a partner's copy of a proposal of this database: the
    proposal it would replace, and the copy this database sent (None when it was not sent from
    here, or is no longer kept)."""

    proposal_id: str
    sent: SentBase | None
    differs: bool  # its content differs from the working copy


class Copies(Database):
    """The store's copies sent to partners and merged back."""

    def send_copy(self, proposal_id: str, partner: str, path: str) -> str:
        """Write the working copy to ``path`` as a copy for ``partner`` and keep it, exactly, as
        the base its return will be merged against. Returns the base's fingerprint. The file
        carries the fingerprint; if it cannot be written, nothing is kept."""
        partner = " ".join(partner.split())
        if not partner:
            raise InputError(N_("Name the region or organisation the copy is for."))
        self._not_the_database(path)
        with self._write() as conn:
            row = self._row(conn, proposal_id, lock=True)
            wc = self._working_copy(conn, row.pk)
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
            row = self._row(conn, proposal_id, lock=True)
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
            wc = self._working_copy(conn, row.pk)
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
