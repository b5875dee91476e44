"""A tab-separated block pasted into the budget grid, without a screen."""

import pytest

from forms.files.gridpaste import PasteRefused, block_text, parse_block, paste
from forms.grid import build_grid
from forms.money import EntryUnit


def _grid(p):
    return build_grid(p, (2023, 2024, 2025))


def test_parse_and_write_blocks_as_spreadsheets_do():
    assert parse_block("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_block("1,200") == [["1,200"]]
    assert block_text([["a", "b"], ["c", ""]]) == "a\tb\nc\t\n"


def test_names_in_the_key_columns_change_the_whole_row(leap):
    grid = _grid(leap)
    other = leap.organisations[1]
    lines = paste(leap, grid, 0, 0, [[other.name.ko, "Research materials"]], EntryUnit.WON)
    for index in grid.rows[0].cells.values():
        assert (lines[index].org, lines[index].category) == (other.id, "materials")
    assert leap.budget.lines[grid.rows[0].lines[0]].org != other.id  # the proposal itself is untouched


@pytest.mark.parametrize(("block", "left", "why"), [
    ([["1", "2", "3", "4"]], 4, "The totals are computed"),
    ([["", "", "Own share (cash)", "경상북도"]], 0, "only for local funds"),
    ([["0.5"]], 4, "whole number of won"),
    ([["Nobody"]], 0, "not an organisation"),
])
def test_what_cannot_be_used_is_named_by_row_and_column(leap, block, left, why):
    grid = _grid(leap)
    with pytest.raises(PasteRefused) as caught:
        paste(leap, grid, 0, left, block, EntryUnit.WON)
    assert why in caught.value.text("en")
    assert "row 1, column " in caught.value.text("en")
    assert "1행 " in caught.value.text("ko")


def test_an_emptied_cell_leaves_its_line_with_no_amount_and_an_empty_new_cell_adds_nothing(leap):
    grid = _grid(leap)
    row = next(r for r, gr in enumerate(grid.rows) if 2023 in gr.cells)
    index = grid.rows[row].cells[2023]
    lines = paste(leap, grid, row, 4, [[""]], EntryUnit.WON)
    assert lines[index].amount_krw == 0 and lines[index].no_amount  # not entered, not a 0-won line
    assert len(lines) == len(leap.budget.lines)
    leap.budget.lines = lines
    again = paste(leap, grid, row, 4, [["1200"]], EntryUnit.WON)  # an amount pasted over it is entered
    assert again[index].amount_krw == 1200 and not again[index].no_amount
