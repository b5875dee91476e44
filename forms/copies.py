"""A partner's copy come back: what merging it comes to, decided before anything is shown or
stored. Is it a copy sent to a partner at all, sent from here, merged already, a copy of this
proposal, does it bring anything new; which proposal it belongs to; what the merge changes; and
the name of the snapshot the merge is kept as.

The caller (the window) hands in how to ask its store, so every decision here is plain Python,
tested without a screen or a database. What it says to the official stays with the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from forms.base.errors import InputError
from forms.base.i18n import N_, translate
from forms.dates import moment
from forms.files.exchange import fingerprint, from_dict, to_dict
from forms.merge import MergeResult, Unrelated, merge, partner_name
from forms.merge.compare import compare
from forms.model import Proposal

#: the snapshot a merged copy is kept as (the partner's name, the time of the merge)
SNAPSHOT_NAME = N_("Merged the copy from {partner}, {time}")


class Verdict(StrEnum):
    """What a partner's copy comes to, in the order it is found out."""

    NOT_A_COPY = "not_a_copy"  # it carries no fingerprint of a proposal it was sent from
    NOT_SENT_HERE = "not_sent_here"  # this database has no record of sending it
    ALREADY_MERGED = "already_merged"  # merged before: its conflicts were settled then
    OTHER_PROPOSAL = "other_proposal"  # sent from here, but it is a copy of another proposal
    NOTHING_NEW = "nothing_new"  # the proposal already holds all of it
    TO_MERGE = "to_merge"  # a merge to show (with its conflicts, if any)


class Sent(Protocol):
    """A copy the store sent: to whom, from which proposal, as it was then (the base)."""

    proposal_id: str
    partner: str
    base: Proposal


@dataclass(frozen=True)
class Returned:
    """A partner's copy weighed against the proposal it was sent from."""

    verdict: Verdict
    #: the fingerprint of the copy as it came back (how a merge of it is remembered)
    copy_fingerprint: str = ""
    #: the proposal the copy belongs to
    proposal_id: str = ""
    #: whom it was sent to, as stored: a region code, an organisation's id or a typed name
    partner: str = ""
    #: when it was merged before (ALREADY_MERGED), timezone-aware
    merged_at: dt.datetime | None = None
    #: the proposal as it is now (ours)
    ours: Proposal | None = None
    #: base, ours and theirs as exchange documents, the three sides of the merge
    sides: tuple[Mapping, Mapping, Mapping] | None = None
    #: the merge without any choice made (TO_MERGE)
    result: MergeResult | None = None

    def partner_name(self, lang: str) -> str:
        """Whom the copy was sent to, named in ``lang`` as the proposal names it now."""
        return partner_name(self.partner, self.ours, lang) if self.ours is not None else self.partner

    def merge(self, choices: Mapping[str, str]) -> MergeResult:
        """The merge again with the conflicts chosen so far (conflict key → ours | theirs)."""
        assert self.sides is not None, "only a copy weighed TO_MERGE or NOTHING_NEW has sides"
        return merge(*self.sides, choices=dict(choices))


def weigh(theirs: Proposal, sent_base: Callable[[str], Sent | None],
          merged_at: Callable[[str, str], dt.datetime | None], load: Callable[[str], Proposal]) -> Returned:
    """What merging the partner's copy ``theirs`` comes to. ``sent_base(base_fingerprint)`` finds
    the copy as it was sent; ``merged_at(proposal_id, copy_fingerprint)`` says when a copy was
    merged before; ``load(proposal_id)`` gives the proposal as it is now. Their errors
    (:class:`~forms.base.errors.InputError`) are the caller's to say."""
    if theirs.sent_copy is None:
        return Returned(Verdict.NOT_A_COPY)
    sent = sent_base(theirs.sent_copy.base_fingerprint)
    if sent is None:
        return Returned(Verdict.NOT_SENT_HERE)
    copy_fp = fingerprint(theirs)
    found = Returned(Verdict.TO_MERGE, copy_fingerprint=copy_fp, proposal_id=sent.proposal_id, partner=sent.partner)
    when = merged_at(sent.proposal_id, copy_fp)
    if when is not None:
        return replace(found, verdict=Verdict.ALREADY_MERGED, merged_at=when)
    ours = load(sent.proposal_id)
    sides = (to_dict(sent.base), to_dict(ours), to_dict(theirs))
    try:
        result = merge(*sides)
    except Unrelated:
        return replace(found, verdict=Verdict.OTHER_PROPOSAL, ours=ours)
    verdict = Verdict.NOTHING_NEW if not result.conflicts and result.merged == sides[1] else Verdict.TO_MERGE
    return replace(found, verdict=verdict, ours=ours, sides=sides, result=result)


def changes(ours: Proposal, result: MergeResult, lang: str) -> list[str]:
    """Every change the merge applies besides its conflicts (each keeps ours until chosen), one
    line each, then the budget's totals by year and source, as snapshots are compared."""
    lines = result.applied(lang)
    try:
        totals = compare(ours, from_dict(result.merged))
    except InputError:  # the merge is not yet a proposal that can be read: no totals
        return lines
    if totals.budget:
        totals.fields = []
        lines += totals.lines(lang)
    return lines


def snapshot_name(partner: str, when: dt.datetime, lang: str) -> str:
    """The name of the snapshot a merge is kept as: the partner's name and the local time."""
    return translate(SNAPSHOT_NAME, lang, partner=partner, time=moment(when, lang, seconds=True))
