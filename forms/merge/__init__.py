"""Merging and comparing versions of a proposal, one idea a module:

- ``threeway``: the three-way merge of a proposal's exchange form (:func:`merge`, :class:`MergeResult`);
- ``records``: lists of records (ids, the merged order, matching copies without ids);
- ``settle``: references that lead somewhere and lists within their limits after a merge;
- ``versions``: the three versions and what a path leads to in each;
- ``conflicts`` and ``names``: a conflict and how people read it (:func:`where`, :func:`shown`);
- ``paragraphs``: diff3 over the paragraphs of a text;
- ``compare``: what changed between two copies (fields, and budget totals).

The rest of the app imports the merge's public names from here (``from forms.merge import merge``);
comparing from ``forms.merge.compare``.
"""

from forms.merge.conflicts import Conflict, Kind, where
from forms.merge.names import partner_name, shown
from forms.merge.threeway import MergeResult, Unrelated, merge
from forms.merge.versions import MISSING, OURS, THEIRS

__all__ = ["MISSING", "OURS", "THEIRS", "Conflict", "Kind", "MergeResult", "Unrelated", "merge", "partner_name",
           "shown", "where"]
