"""The budget as a grid: one row per (organisation, category, source, paying region), one column
per year. The GUI's budget table and any other tabular view read it; it adds no rule.

Each cell holds at most one budget line: a second line with the same key and year starts a new
row, so editing a cell always edits exactly one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from forms.model import BudgetLine, Proposal

RowKey = tuple[str, str, str, str | None]  # org, category, source, region


def key_of(line: BudgetLine) -> RowKey:
    return (line.org, line.category, line.source, line.region)


@dataclass
class GridRow:
    key: RowKey
    #: year -> index of the budget line in ``proposal.budget.lines``
    cells: dict[int, int] = field(default_factory=dict)

    @property
    def lines(self) -> list[int]:
        return sorted(self.cells.values())


@dataclass
class BudgetGrid:
    years: tuple[int, ...]
    rows: list[GridRow]

    def row_of_line(self, index: int) -> int | None:
        for r, row in enumerate(self.rows):
            if index in row.cells.values():
                return r
        return None

    def amount(self, proposal: Proposal, row: int, year: int) -> int | None:
        """The cell's amount; None for an empty cell (no line, or a line with no amount entered)."""
        index = self.rows[row].cells.get(year)
        if index is None or proposal.budget.lines[index].no_amount:
            return None
        return proposal.budget.lines[index].amount_krw

    def row_total(self, proposal: Proposal, row: int) -> int:
        return sum(proposal.budget.lines[i].amount_krw for i in self.rows[row].cells.values())


def build_grid(proposal: Proposal, years: tuple[int, ...]) -> BudgetGrid:
    """Rows in the order their first line appears; ``years`` are the columns (lines of other
    years get their own columns appended, so nothing typed is hidden)."""
    cols = list(years)
    rows: list[GridRow] = []
    open_rows: dict[RowKey, list[GridRow]] = {}
    for index, line in enumerate(proposal.budget.lines):
        if line.year not in cols:
            cols.append(line.year)
        key = key_of(line)
        target = None
        for row in open_rows.get(key, []):
            if line.year not in row.cells:
                target = row
                break
        if target is None:
            target = GridRow(key)
            rows.append(target)
            open_rows.setdefault(key, []).append(target)
        target.cells[line.year] = index
    return BudgetGrid(tuple(sorted(cols)), rows)


def cleared(proposal: Proposal, grid: BudgetGrid, cells: list[tuple[int, int]]) -> list[BudgetLine]:
    """The budget lines once the amounts of ``cells`` ((row, year) pairs of ``grid``) are cleared.

    A cleared line is removed when its row keeps a line of another year, so the cell is empty and
    the row stays; the last line of a row is kept with no amount entered (``no_amount``), so the
    row does not vanish under the cursor (the line of its earliest cleared year, when a whole row
    is cleared). Its justification rows stay with it. ``proposal`` is not changed.
    """
    lines = proposal.budget.lines
    chosen: dict[int, list[int]] = {}
    for row, year in cells:
        index = grid.rows[row].cells.get(year)
        if index is not None:
            chosen.setdefault(row, []).append(year)
    drop: set[int] = set()
    empty: set[int] = set()
    for row, years in chosen.items():
        cells_of = grid.rows[row].cells
        kept = [y for y in cells_of if y not in years]
        years = sorted(set(years))
        if not kept:
            empty.add(cells_of[years[0]])
            years = years[1:]
        drop.update(cells_of[y] for y in years)
    return [replace(line, amount_krw=0, no_amount=True) if i in empty else line
            for i, line in enumerate(lines) if i not in drop]
