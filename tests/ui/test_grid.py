"""The budget grid (forms.grid): one line per cell, rows in the order lines appear."""

from __future__ import annotations

from forms.grid import build_grid
from forms.model import BudgetLine, Proposal


def test_each_cell_holds_one_line_and_duplicates_start_a_new_row():
    p = Proposal()
    p.budget.lines = [
        BudgetLine(2023, "a", "personnel", "national", 100),
        BudgetLine(2024, "a", "personnel", "national", 200),
        BudgetLine(2023, "a", "personnel", "national", 5),  # same key and year: a second row
        BudgetLine(2023, "b", "equipment", "local", 7, "KR-47"),
        BudgetLine(2026, "b", "equipment", "local", 9, "KR-47"),  # outside the call's years: own column
    ]
    grid = build_grid(p, (2023, 2024, 2025))
    assert grid.years == (2023, 2024, 2025, 2026)
    assert [r.key for r in grid.rows] == [("a", "personnel", "national", None), ("a", "personnel", "national", None),
                                          ("b", "equipment", "local", "KR-47")]
    assert grid.rows[0].cells == {2023: 0, 2024: 1}
    assert grid.rows[1].cells == {2023: 2}
    assert grid.row_total(p, 0) == 300
    assert grid.row_total(p, 2) == 16
    assert grid.amount(p, 0, 2025) is None
    assert grid.row_of_line(4) == 2


def test_the_sample_grid_covers_every_line_once(super_regional):
    grid = build_grid(super_regional, (2023, 2024, 2025))
    seen = sorted(i for row in grid.rows for i in row.cells.values())
    assert seen == list(range(len(super_regional.budget.lines)))
    assert sum(grid.row_total(super_regional, r) for r in range(len(grid.rows))) == sum(
        line.amount_krw for line in super_regional.budget.lines)
