"""A block of cells pasted into the budget grid (tab-separated text, as a spreadsheet copies it),
and a block of the grid copied out the same way.

The grid's columns are the line's organisation, category, source and paying region, then one per
year, then the row's total (``forms.grid``). A pasted block lands from the selected cell: amounts
are read with the app's money parser in the entry unit (``1,200``, ``55억``), names in the key
columns as the workbook import reads them. Every value that cannot be read is named by its row
and column, and then nothing is pasted; otherwise the result is the whole new list of budget
lines, which the window applies as one undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from forms.base.errors import InputError
from forms.base.i18n import N_, NP_, translate
from forms.files.budgetsheet import LINE_COLUMNS, Names, blank
from forms.grid import BudgetGrid
from forms.model import BudgetLine, Proposal
from forms.money import EntryUnit, parse_amount
from forms.values import Count

#: The grid's key columns, in order (the fields of a line that make its row).
KEY_FIELDS = ("org", "category", "source", "region")
_HEADERS = dict(LINE_COLUMNS)
#: A paste far beyond any budget is refused unread (a spreadsheet can copy a whole column).
MAX_CELLS = 50_000
_MAX_LISTED = 12


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated rows, as spreadsheets put them on the clipboard (the last line break dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row.split("\t") for row in text.split("\n")]


def block_text(rows: list[list[str]]) -> str:
    """Rows of cell texts as tab-separated text, one line per row (as spreadsheets copy)."""
    return "".join("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) + "\n" for row in rows)


@dataclass(frozen=True)
class Cell:
    """A place in the grid as the person sees it: the row number shown and the column's header;
    for a row the paste would add (not in the grid yet), its line in the pasted text."""

    row: int
    column: str
    translate_column: bool = False
    new: bool = False

    def render(self, lang: str) -> str:
        column = translate(self.column, lang) if self.translate_column else self.column
        if self.new:
            return translate(N_("line {line} of the pasted text (a new row), column {column}"), lang,
                             line=self.row, column=column)
        return translate(N_("row {row}, column {column}"), lang, row=self.row, column=column)


class PasteRefused(InputError):
    """Values of a paste that cannot be read or have no place; nothing was pasted."""

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        super().__init__(N_("Nothing was pasted: {values} cannot be used."),
                         values=Count(len(problems), NP_("{count} value", "{count} values")))

    def text(self, lang: str) -> str:
        lines = [super().text(lang)] + [p.text(lang) for p in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(translate(N_("… and {count} more."), lang, count=len(self.problems) - _MAX_LISTED))
        return "\n".join(lines)


def _where(grid: BudgetGrid, row: int, col: int, line: int) -> Cell:
    """Grid row ``row`` and column ``col`` (``line`` of the pasted text) as the person sees them."""
    keys = len(KEY_FIELDS)
    new = row >= len(grid.rows)  # below the lines (where the totals row is shown): not a row yet
    number = line if new else row + 1
    if col < keys:
        return Cell(number, _HEADERS[KEY_FIELDS[col]], translate_column=True, new=new)
    if col < keys + len(grid.years):
        return Cell(number, str(grid.years[col - keys]), new=new)
    return Cell(number, N_("Total"), translate_column=True, new=new)


def paste(proposal: Proposal, grid: BudgetGrid, top: int, left: int, block: list[list[str]],
          unit: EntryUnit) -> list[BudgetLine]:
    """The budget lines after pasting ``block`` with its first cell at grid row ``top``, column
    ``left``. Raises :class:`PasteRefused` naming every value that cannot be used; ``proposal`` is
    never changed."""
    if sum(len(r) for r in block) > MAX_CELLS:
        raise InputError(N_("That is too much to paste: more than {count} cells."), count=MAX_CELLS)
    names = Names(proposal)
    lines = copy.deepcopy(proposal.budget.lines)
    keys, years = len(KEY_FIELDS), grid.years
    problems: list[InputError] = []
    added: list[BudgetLine] = []
    readers = {"org": names.org, "category": names.category, "source": names.source, "region": names.region}

    def fail(row: int, col: int, exc: InputError) -> None:
        problems.append(InputError(exc.message, _where(grid, row, col, row - top + 1), **exc.fields))

    for i, values in enumerate(block):
        row = top + i
        existing = row < len(grid.rows)
        key: dict[str, str | None] = dict(zip(KEY_FIELDS, grid.rows[row].key, strict=True)) if existing else {}
        given: dict[str, str | None] = {}
        amounts: dict[int, int | None] = {}  # year -> amount (None: the cell was emptied)
        for j, text in enumerate(values):
            col = left + j
            if col < keys:
                field = KEY_FIELDS[col]
                if blank(text):
                    if field != "region":
                        fail(row, col, InputError(N_("This cell is empty, but it must be filled in.")))
                    given[field] = None
                    continue
                try:
                    given[field] = readers[field](text)
                except InputError as exc:
                    fail(row, col, exc)
            elif col < keys + len(years):
                try:
                    amounts[years[col - keys]] = parse_amount(text, unit) if not blank(text) else None
                except InputError as exc:
                    fail(row, col, exc)
            elif not blank(text):
                fail(row, col, InputError(N_("The totals are computed. Paste amounts into the year columns.")))
        if not existing and any(not blank(t) for t in values):
            # a key the block does not reach (a name it holds but that cannot be read is named above)
            reached = set(KEY_FIELDS[max(left, 0):max(0, min(keys, left + len(values)))])
            missing = [f for f in ("org", "category", "source") if f not in reached]
            if missing:
                fail(row, left, InputError(N_("There is no budget line on this row: paste the organisation, "
                                              "category and source with the amounts, or add a line first.")))
                continue
        key.update(given)
        if key.get("region") and key.get("source") != "local":
            fail(row, KEY_FIELDS.index("region"),
                 InputError(N_("A paying region is given only for local funds. Leave it empty.")))
        if problems:
            continue
        cells = grid.rows[row].cells if existing else {}
        for index in cells.values():  # a changed name applies to the whole row, as typed in the grid
            for field in given:
                setattr(lines[index], field, key[field])
        for year, amount in amounts.items():
            if year in cells:
                # an emptied cell: no amount entered, not 0 (an amount pasted over it is entered)
                lines[cells[year]].amount_krw, lines[cells[year]].no_amount = amount or 0, amount is None
            elif amount is not None:
                added.append(BudgetLine(year, key["org"] or "", key["category"] or "", key["source"] or "", amount,
                                        key.get("region")))
    if problems:
        raise PasteRefused(problems)
    return lines + added

