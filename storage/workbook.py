"""Reading the budget back from the workbook the app wrote (``reports.workbook``), after it was
edited in Excel: input handling beside the exchange-file reader, with openpyxl.

Only the lines sheet is read; the other sheets are for people. Every cell that cannot be read is
named as ``Sheet!C7: why``, all of them at once, and then nothing is taken: the caller changes the
proposal only with a workbook that reads completely.
"""

from __future__ import annotations

import zipfile

from forms.budgetsheet import (
    EMPTY_CELL,
    LINE_COLUMNS,
    LINES_SHEET,
    Names,
    blank,
    read_line,
    sheet_names,
    unsaved_formula,
)
from forms.errors import InputError, os_reason
from forms.i18n import N_, NP_, translate
from forms.model import BudgetLine, Proposal
from forms.values import Count

#: A workbook far beyond any budget (a budget has some hundreds of lines) is refused unread.
MAX_ROWS = 20_000
_MAX_LISTED = 50


class UnreadableCells(InputError):
    """Cells of the lines sheet that cannot be read; each is an :class:`InputError` whose place is
    its ``Sheet!C7`` reference."""

    def __init__(self, file: str, problems: list[InputError]) -> None:
        self.problems = problems
        super().__init__(N_("{cells} of {file} cannot be read, so nothing was changed:"),
                         cells=Count(len(problems), NP_("{count} cell", "{count} cells")), file=file)

    def text(self, lang: str) -> str:
        lines = [super().text(lang)] + [p.text(lang) for p in self.problems[:_MAX_LISTED]]
        if len(self.problems) > _MAX_LISTED:
            lines.append(translate(N_("… and {count} more."), lang, count=len(self.problems) - _MAX_LISTED))
        return "\n".join(lines)


def _open(path: str, values: bool = True):  # noqa: ANN202 - an openpyxl workbook
    """The workbook at ``path``: each formula cell as the value saved with it (``values``), or as its formula."""
    from openpyxl import load_workbook  # loaded only when a workbook is really read

    try:
        return load_workbook(path, read_only=True, data_only=values)
    except OSError as exc:
        raise InputError(N_("{file} cannot be read ({reason})."), file=path, reason=os_reason(exc)) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise InputError(N_("{file} is not an Excel workbook (.xlsx) that can be read."), file=path) from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise InputError(N_("{file} is not an Excel workbook (.xlsx) that can be read."), file=path) from exc


def _columns(ws, title: str) -> dict[str, int]:  # noqa: ANN001
    """field -> column number, from the header row in either language (any order)."""
    wanted = {translate(h, lang).casefold(): key for key, h in LINE_COLUMNS for lang in ("ko", "en")}
    wanted.update({key: key for key, _h in LINE_COLUMNS})
    found: dict[str, int] = {}
    first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for col, value in enumerate(first, start=1):
        key = wanted.get(str(value).strip().casefold()) if not blank(value) else None
        if key and key not in found:
            found[key] = col
    missing = [translate(h, "ko") + " / " + translate(h, "en") for key, h in LINE_COLUMNS
               if key not in found and key != "region"]
    if missing:
        raise InputError(N_("The sheet {sheet} has no column headed {columns} in its first row."),
                         sheet=title, columns=", ".join(missing))
    return found


def read_budget(path: str, proposal: Proposal) -> list[BudgetLine]:
    """The budget lines of the workbook at ``path``, read against ``proposal`` (its organisations).

    Raises :class:`UnreadableCells` naming every cell that cannot be read, or :class:`InputError`
    when the file is not such a workbook. Never changes ``proposal``.
    """
    from openpyxl.utils import get_column_letter

    wb = _open(path)
    try:
        titles = sheet_names(LINES_SHEET)
        ws = next((wb[name] for name in wb.sheetnames if name in titles), None)
        if ws is None:
            raise InputError(N_("{file} has no sheet named {sheet}: is it the budget workbook the app wrote?"),
                             file=path, sheet=" / ".join(sorted(titles)))
        columns = _columns(ws, ws.title)
        names = Names(proposal)
        lines: list[BudgetLine] = []
        problems: list[InputError] = []
        #: (row, column) -> (field, index in problems) of each required cell read as empty
        empty: dict[tuple[int, int], tuple[str, int]] = {}
        for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            if number > MAX_ROWS:
                raise InputError(N_("The sheet {sheet} has more than {count} rows; it is not a budget."),
                                 sheet=ws.title, count=MAX_ROWS)
            cells = {key: (row[col - 1] if col - 1 < len(row) else None) for key, col in columns.items()}
            if all(blank(v) for v in cells.values()):
                continue
            line, wrong = read_line(names, cells)
            for key, exc in wrong.items():
                where = f"{ws.title}!{get_column_letter(columns.get(key, 1))}{number}"
                if exc.message == EMPTY_CELL and key in columns:
                    empty[(number, columns[key])] = (key, len(problems))
                problems.append(InputError(exc.message, where, **exc.fields))
            if line is not None:
                lines.append(line)
        title = ws.title
    finally:
        wb.close()
    if empty:
        _formulas(path, title, empty, problems)
    if problems:
        raise UnreadableCells(path, problems)
    return lines


def _formulas(path: str, title: str, empty: dict[tuple[int, int], tuple[str, int]],
              problems: list[InputError]) -> None:
    """Tell a formula saved without its value from an empty cell: both read as nothing, but one
    was typed, and is put right by saving the file in Excel (or typing the value)."""
    wb = _open(path, values=False)
    try:
        ws = wb[title]
        last = max(row for row, _col in empty)
        for number, row in enumerate(ws.iter_rows(min_row=2, max_row=last, values_only=True), start=2):
            for col, value in enumerate(row, start=1):
                found = empty.get((number, col))
                if found is not None and isinstance(value, str) and value.startswith("="):
                    key, index = found
                    said = unsaved_formula(key, value)
                    problems[index] = InputError(said.message, problems[index].where, **said.fields)
    finally:
        wb.close()

