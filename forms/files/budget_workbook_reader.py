"""Reading the budget back from the workbook the app wrote (``reports.budget_workbook``), after it was
edited in Excel: input handling beside the exchange-file reader. The file comes from outside: it
is read within fixed bounds of size, time and memory by ``forms.files.xlsx_reader``.

Only the visible lines sheet is read; the other sheets are for people. Every cell that cannot be
read is named as ``Sheet!C7: why``, all of them at once (reading stops after ``MAX_LISTED``),
and then nothing is taken: the caller changes the proposal only with a workbook that reads
completely.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.base.errors import InputError
from forms.base.i18n import N_, NP_, translate
from forms.files.budgetsheet import (
    EMPTY_CELL,
    ID_COLUMN,
    LINE_COLUMNS,
    LINES_SHEET,
    PROPOSAL_PROPERTY,
    Names,
    ProposalTitle,
    blank,
    other_proposal,
    read_line,
    sheet_names,
    unsaved_formula,
)
from forms.files.xlsx_reader import Sheet, SheetEntry, Workbook, clipped
from forms.model import BudgetLine, Proposal
from forms.values import Count

#: A workbook far beyond any budget (a budget has some hundreds of lines) is refused unread.
MAX_ROWS = 20_000
#: Reading stops after this many unreadable cells (a message that grows with the file helps no one).
MAX_LISTED = 200


class UnreadableCells(InputError):
    """Cells of the lines sheet that cannot be read; each is an :class:`InputError` whose place is
    its ``Sheet!C7`` reference. ``hint`` (what to type instead) is said once, after them."""

    def __init__(self, file: str, problems: list[InputError], hint: InputError | None = None,
                 unchecked: int | None = None) -> None:
        self.problems = problems
        self.hint = hint
        #: The first row not read, when reading stopped after ``MAX_LISTED`` unreadable cells.
        self.unchecked = unchecked
        super().__init__(N_("{cells} of {file} cannot be read, so nothing was changed:"),
                         cells=Count(len(problems), NP_("{count} cell", "{count} cells")), file=file)

    def _rest(self, lang: str) -> list[str]:
        if self.unchecked is None:
            return []
        return [translate(N_("… and the rows from row {row} on were not read: correct these cells first."), lang,
                          row=self.unchecked)]

    def text(self, lang: str, limit: int | None = None) -> str:
        """Every cell (the command line), or the first ``limit`` of them and how many more (a
        message box, with the whole list as :meth:`details`)."""
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [super().text(lang)] + [p.text(lang) for p in shown]
        if len(self.problems) > len(shown):
            lines.append(translate(N_("… and {count} more."), lang, count=len(self.problems) - len(shown)))
        lines += self._rest(lang)
        if self.hint is not None:
            lines.append(self.hint.text(lang))
        return "\n".join(lines)

    def details(self, lang: str) -> str:
        """Every cell, one per line."""
        return "\n".join([p.text(lang) for p in self.problems] + self._rest(lang))


def _columns(ws: Sheet) -> dict[str, int]:
    """field -> column number, from the header row in either language (any order)."""
    known = (*LINE_COLUMNS, ID_COLUMN)
    wanted = {translate(h, lang).casefold(): key for key, h in known for lang in ("ko", "en")}
    wanted.update({key: key for key, _h in known})
    found: dict[str, int] = {}
    for col, value in sorted(ws.rows.get(1, {}).items()):
        key = wanted.get(str(value).strip().casefold()) if isinstance(value, str) and not blank(value) else None
        if key and key not in found:
            found[key] = col
    # Every column is needed, the paying region's too: without it each local-funds line would read
    # as another line. Only the hidden id column may be missing (a workbook written before it).
    missing = [translate(h, "ko") + " / " + translate(h, "en") for key, h in LINE_COLUMNS if key not in found]
    if missing:
        raise InputError(N_("The sheet {sheet} has no column headed {columns} in its first row."),
                         sheet=ws.name, columns=", ".join(missing))
    return found


@dataclass
class ReadBudget:
    """The budget lines read from a workbook, and the name of the sheet they were read from."""

    lines: list[BudgetLine]
    sheet: str


def _lines_sheet(book: Workbook, path: str) -> SheetEntry:
    """The sheet the app wrote the lines into: named so in either language, and visible. A hidden
    sheet of that name (a copy slipped in front of it) is never read."""
    titles = sheet_names(LINES_SHEET)
    named = [s for s in book.sheets if s.name in titles]
    visible = [s for s in named if s.state in ("", "visible")]
    if len(visible) > 1:
        raise InputError(N_("{file} has more than one visible sheet named {sheet}. Keep only the one to import."),
                         file=path, sheet=" / ".join(sorted({s.name for s in visible})))
    if not visible:
        if named:
            raise InputError(N_("{file} has its sheet {sheet} hidden. The budget is read only from the visible sheet "
                                "the app wrote. Show the sheet in Excel, or export the workbook again."),
                             file=path, sheet=named[0].name)
        raise InputError(N_("{file} has no sheet named {sheet}: is it the budget workbook the app wrote?"),
                         file=path, sheet=" / ".join(sorted(titles)))
    return visible[0]


def read_budget(path: str, proposal: Proposal) -> ReadBudget:
    """The budget lines of the workbook at ``path``, read against ``proposal`` (its organisations),
    and the sheet they come from.

    Raises :class:`UnreadableCells` naming every cell that cannot be read (reading stops after
    ``MAX_LISTED`` of them, and says from which row on it did not read), or :class:`InputError` when the file is not such a
    workbook. Never changes ``proposal``. Time and memory are bounded (``forms.files.xlsx_reader``).
    """
    with Workbook(path) as book:
        entry = _lines_sheet(book, path)
        ws = book.sheet(entry, MAX_ROWS)
        workbook_id = (book.properties.get(PROPOSAL_PROPERTY) or "").strip() or None
        title = book.title
    columns = _columns(ws)
    shared = _line_ids(ws, columns) if workbook_id and workbook_id != proposal.id else set()
    if other_proposal(proposal, workbook_id, title, shared, unreadable=False):
        raise _another(path, title or workbook_id or "", proposal)
    names = Names(proposal)
    known = {line.id for line in proposal.budget.lines}
    lines: list[BudgetLine] = []
    problems: list[InputError] = []
    unchecked: int | None = None
    for number in sorted(ws.rows):
        if number < 2:
            continue
        if len(problems) >= MAX_LISTED:
            unchecked = number
            break
        row = ws.rows[number]
        cells = {key: row.get(col) for key, col in columns.items()}
        if all(blank(cells.get(key)) for key, _h in LINE_COLUMNS):  # an emptied row, its hidden id left
            continue
        unreadable = {key: v for key, v in cells.items() if isinstance(v, InputError)}
        line, wrong = read_line(names, {k: (None if k in unreadable else v) for k, v in cells.items()}, known)
        if line is not None and line.no_amount and "amount_krw" in columns:  # empty, or a formula saved without its value
            formula = ws.formulas.get((number, columns["amount_krw"]))
            if formula is not None:
                said = unsaved_formula("amount_krw", formula)
                problems.append(InputError(said.message, f"{ws.name}!{_letters(columns['amount_krw'])}{number}",
                                           **_echoed(said.fields)))
        wrong.update(unreadable)
        for key in (k for k, _h in (*LINE_COLUMNS, ID_COLUMN) if k in wrong):
            col = columns.get(key, 1)
            where = f"{ws.name}!{_letters(col)}{number}"
            exc = _cell_problem(ws, number, col, key, wrong[key]) if key in columns else wrong[key]
            problems.append(InputError(exc.message, where, **_echoed(exc.fields)))
        if line is not None:
            lines.append(line)
    if problems:
        if other_proposal(proposal, workbook_id, title, shared, unreadable=True):
            raise _another(path, title, proposal)
        unknown_org = any(p.message == Names.UNKNOWN_ORG for p in problems)
        raise UnreadableCells(path, problems, names.org_hint() if unknown_org else None, unchecked)
    return ReadBudget(lines, ws.name)


def _cell_problem(ws: Sheet, row: int, col: int, key: str, exc: InputError) -> InputError:
    """Why a cell read as empty is empty: a formula saved without its value, or a cell inside a
    merged range (whose value Excel keeps in its first cell only)."""
    if exc.message != EMPTY_CELL:
        return exc
    formula = ws.formulas.get((row, col))
    if formula is not None:
        return unsaved_formula(key, formula)
    merged = ws.merged_range(row, col)
    if merged is not None:
        return InputError(N_("This cell is part of the merged cells {cells}, which the app's workbook never has. "
                             "Unmerge them in Excel and type the value in each cell."), cells=merged)
    return exc


def _echoed(fields: dict[str, object]) -> dict[str, object]:
    """A message's fields with each text from the file shortened: a message never grows with the file."""
    return {k: clipped(v) if isinstance(v, str) else clipped(str(v)) if isinstance(v, float | int) and
            len(str(v)) > 80 else v for k, v in fields.items()}


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _another(path: str, title: str, proposal: Proposal) -> InputError:
    return InputError(N_("{file} is the budget of another proposal, “{other}”, not of this one, “{this}”. "
                         "Nothing was changed."), file=path, other=title, this=ProposalTitle(proposal))


def _line_ids(ws: Sheet, columns: dict[str, int]) -> set[str]:
    """The ids in the hidden id column of the lines sheet (none when it has no such column)."""
    col = columns.get(ID_COLUMN[0])
    if col is None:
        return set()
    return {str(row[col]).strip() for number, row in ws.rows.items()
            if number > 1 and isinstance(row.get(col), str | int) and not blank(row.get(col))}
