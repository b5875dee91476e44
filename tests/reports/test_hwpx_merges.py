"""The HWPX copy merges its tables' cells without python-hwpx looking every cell up again for each
merge, and writes exactly the bytes the library's own ``merge_cells`` gives: for the samples in
both languages, and for tables whose merges the library must take over (a merge over a merged
cell, a merge that leaves a row or a column without a cell of its own)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from hwpx import HwpxDocument

from forms.money import EntryUnit
from forms.rules import validate
from forms.sample import SAMPLES
from reports import hwpx, hwpx_merge
from reports.packet import describe, packet


def _library_merges(table, _grid, merges) -> None:
    """What the copy did before: the library's ``merge_cells``, one merge after another."""
    for merge in merges:
        table.merge_cells(*merge)


@pytest.mark.parametrize(("kind", "lang"), [(k, lang) for k in ("super_regional", "leap") for lang in ("ko", "en")])
def test_the_copy_is_byte_for_byte_what_the_librarys_merges_make(kind, lang, monkeypatch):
    proposal = SAMPLES[kind]()
    doc = describe(packet(proposal, validate(proposal), lang, False, EntryUnit.THOUSAND))
    fast = hwpx.render(doc)
    monkeypatch.setattr(hwpx_merge, "merge_cells", _library_merges)
    assert hwpx.render(doc) == fast


def _table(rows: int, cols: int):
    with hwpx._fixed_ids():  # the same ids in both tables
        table = HwpxDocument.new().add_table(rows, cols, width=cols * 3000)
    for r, row in enumerate(table.rows):
        for col, cell in enumerate(row.cells):
            if (r + col) % 3:  # some cells blank, as a merged rectangle's covered cells are
                cell.text = f"{r}.{col}"
    return table


MERGES = {
    "header cells across columns and rows": [(0, 0, 1, 0), (0, 1, 0, 3), (4, 2, 4, 3)],
    "a whole row covered: the library drops it": [(2, 0, 3, 4), (0, 0, 0, 1)],
    "a whole column covered: the library drops it": [(0, 1, 5, 2), (0, 3, 0, 4)],
    "a merge over a merged cell": [(1, 1, 2, 2), (0, 0, 2, 2)],
    "one cell": [(3, 3, 3, 3), (0, 0, 0, 2)],
}


@pytest.mark.parametrize("name", list(MERGES))
def test_each_table_is_merged_as_the_library_merges_it(name):
    merges = sorted(MERGES[name], reverse=True)
    ours, theirs = _table(6, 5), _table(6, 5)
    expected_error = None
    try:
        _library_merges(theirs, None, merges)
    except ValueError as exc:
        expected_error = type(exc)
    if expected_error is not None:
        with pytest.raises(expected_error):
            hwpx_merge.merge_cells(ours, [row.cells for row in ours.rows], merges)
        return
    hwpx_merge.merge_cells(ours, [row.cells for row in ours.rows], merges)
    assert ET.tostring(copy.deepcopy(ours.element)) == ET.tostring(copy.deepcopy(theirs.element))
