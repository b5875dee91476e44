"""Merging and comparing versions of a proposal.

- ``threeway``: the three-way merge of a proposal's exchange form (:func:`merge`);
- ``paragraphs``: diff3 over the paragraphs of a text;
- ``compare``: what changed between two copies (fields, and budget totals).

The rest of the app imports the merge's few public names from here.
"""

from forms.merge.threeway import (
    MISSING,
    OURS,
    THEIRS,
    Conflict,
    Kind,
    MergeResult,
    Unrelated,
    merge,
    partner_name,
    shown,
    where,
)

__all__ = ["MISSING", "OURS", "THEIRS", "Conflict", "Kind", "MergeResult", "Unrelated", "merge", "partner_name",
           "shown", "where"]
