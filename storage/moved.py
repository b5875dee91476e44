"""A copy of a proposal saved onto a stored proposal that moved on since the copy was taken: two
windows editing it at once, or a file written by ``db export`` and edited outside the app.

The copy was made from a saved version (its base, kept in ``proposal_versions``); the stored
proposal is at a later version now (theirs). The copy (mine) is merged three ways onto it with
:mod:`forms.merge`: a clean merge is saved as the next version, conflicts are for a person to
choose. :class:`Moved` holds what the merge came to and who saved the versions in between.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from forms.base.errors import InputError
from forms.files.exchange import from_dict, to_dict
from forms.merge import MergeResult, merge
from forms.model import Proposal


@dataclass(frozen=True)
class Moved:
    """The stored proposal moved on from ``base_version`` to ``version``: the merge of the copy onto it."""

    proposal_id: str
    base_version: int
    version: int
    #: who saved the versions after the base (each login once, in the order they saved)
    saved_by: tuple[str, ...]
    base: Proposal
    theirs: Proposal
    #: the merge without any choice made (a conflict keeps mine until chosen)
    result: MergeResult
    #: base, mine and theirs as exchange documents, to merge again with choices
    sides: tuple[Mapping, Mapping, Mapping]

    @property
    def merged(self) -> Proposal | None:
        """The merged proposal when the merge is clean, else None."""
        return self.proposal(self.result)

    def merge(self, choices: Mapping[str, str]) -> MergeResult:
        """The merge again with the conflicts chosen (conflict key → ours | theirs)."""
        return merge(*self.sides, choices=dict(choices))

    @staticmethod
    def proposal(result: MergeResult) -> Proposal | None:
        """A clean merge as a proposal (None while a conflict is unresolved, or when the merged
        document could not be read as a proposal, which the merge's settling is there to prevent)."""
        if not result.clean:
            return None
        try:
            return from_dict(result.merged)
        except InputError:
            return None


def weigh(proposal_id: str, base_version: int, version: int, saved_by: tuple[str, ...], base: Proposal,
          mine: Proposal, theirs: Proposal) -> Moved:
    """Merge ``mine`` (made from ``base``) onto ``theirs`` (the stored proposal now)."""
    sides = (_side(base), _side(mine), _side(theirs))
    return Moved(proposal_id, base_version, version, saved_by, base, theirs, merge(*sides), sides)


def _side(p: Proposal) -> dict:
    """A proposal as one side of the merge, without the marks of a file (a sent copy, a stored version)."""
    doc = to_dict(p)
    doc.pop("stored_version", None)
    return doc
