"""The budget as a grid: one row per (organisation, category, source, paying region), one column
per year. The GUI's budget table and any other tabular view read it; it adds no rule.

Each cell holds at most one budget line: a second line with the same key and year starts a new
row, so editing a cell always edits exactly one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
        index = self.rows[row].cells.get(year)
        return None if index is None else proposal.budget.lines[index].amount_krw

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
