"""The budget grid as a Qt table model: one row per (organisation, category, source, paying
region), a column per year, row and column totals. Amounts are typed as officials type them
(``55억``, ``3,000천원``) and read by ``forms.money``; totals come from ``forms``."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from forms import categories, regions
from forms.base.errors import InputError
from forms.base.i18n import N_, _, current_language
from forms.budget import SOURCES, BudgetSummary
from forms.fieldpath import BUDGET_LINES, FieldPath
from forms.grid import BudgetGrid, build_grid, cleared
from forms.model import BudgetLine, label
from forms.money import EntryUnit, format_in_unit, parse_amount
from forms.rules import Finding
from ui.document import Document
from ui.marks import colour

KEY_FIELDS = ("org", "category", "source", "region")
Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_TEXT_ROLES = (_DISPLAY, _EDIT, Qt.ItemDataRole.AccessibleTextRole)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


_TOTALS_BRUSH = QBrush(QColor("#eef1f5"))


@lru_cache(maxsize=1)
def _bold() -> QFont:
    """The totals' font (made on first use: a font needs the application to exist)."""
    font = QFont()
    font.setBold(True)
    return font


@lru_cache(maxsize=4096)
def shown(amount: int, unit: EntryUnit, lang: str) -> str:
    """An amount as a cell shows it (cached: a repaint asks for every visible cell)."""
    return format_in_unit(amount, unit, lang)


class BudgetModel(QAbstractTableModel):
    #: an amount could not be read: the InputError that says why (None: the last one is settled)
    input_rejected = Signal(object)

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        self.grid = BudgetGrid((), [])
        self.summary: BudgetSummary | None = None
        self.marks: dict[tuple[int, int], list[Finding]] = {}
        self.allowed_categories: tuple[str, ...] = ()
        self.day = None
        self._unit_code, self._unit = "", EntryUnit.THOUSAND

    # structure --------------------------------------------------------------------------------
    def rebuild(self) -> bool:
        """Read the lines again. When the rows and years stay as they were (an amount typed into
        an empty cell makes a line but no row) the cells are only repainted, so the open editor,
        the current cell and the selection stay; otherwise the model is reset. True if it was."""
        p, report = self.doc.proposal, self.doc.report
        if p is None:
            grid = BudgetGrid((), [])
        else:
            profile = report.profile if report else None
            years = profile.years if profile else ()
            self.allowed_categories = profile.allowed_categories if profile else tuple(categories.CATEGORIES)
            self.day = profile.announced if profile else p.date
            grid = build_grid(p, years)
        self.summary = report.summary if report else None
        same = (p is not None and self.rowCount() > 0 and grid.years == self.grid.years
                and [r.key for r in grid.rows] == [r.key for r in self.grid.rows])
        if same:
            self.grid = grid
            self.values_changed()
            return False
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()
        return True

    def values_changed(self, line: int | None = None) -> None:
        """Amounts changed but no line came or went: repaint, keep the editor and selection.
        With ``line``, only its row, the total column and the totals row can have changed."""
        report = self.doc.report
        self.summary = report.summary if report else None
        rows, cols = self.rowCount(), self.columnCount()
        if not (rows and cols):
            return
        row = self.grid.row_of_line(line) if line is not None else None
        p = self.doc.proposal
        if row is None or p is None or not 0 <= line < len(p.budget.lines):
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))
            return
        # One amount changed: its cell, its row's total, its year's total and the grand total.
        # Each is announced alone, because a view repaints all of itself for a range of cells.
        col = self.year_column(p.budget.lines[line].year)
        for cell in ((row, col), (row, cols - 1), (rows - 1, col), (rows - 1, cols - 1)):
            index = self.index(*cell)
            self.dataChanged.emit(index, index)

    @property
    def years(self) -> tuple[int, ...]:
        return self.grid.years

    def year_column(self, year: int) -> int:
        return len(KEY_FIELDS) + self.grid.years.index(year)

    @property
    def total_column(self) -> int:
        return len(KEY_FIELDS) + len(self.grid.years)

    @property
    def totals_row(self) -> int:
        return len(self.grid.rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.doc.proposal is None else len(self.grid.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(KEY_FIELDS) + len(self.grid.years) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return "Σ" if section == self.totals_row else str(section + 1)  # its first cell says "Total"
        names = (_("Organisation"), _("Category"), _("Source"), _("Paying region"))
        if section < len(KEY_FIELDS):
            return names[section]
        if section == self.total_column:
            return _("Total")
        return str(self.grid.years[section - len(KEY_FIELDS)])

    # cells ------------------------------------------------------------------------------------
    @property
    def unit(self) -> EntryUnit:
        code = self.doc.proposal.budget.entry_unit if self.doc.proposal else "thousand"
        if code != self._unit_code:
            try:
                self._unit = EntryUnit.from_code(code)
            except InputError:
                self._unit = EntryUnit.THOUSAND
            self._unit_code = code
        return self._unit

    def key_text(self, field: str, code: str | None, lang: str) -> str:
        if field == "org":
            return self.doc.proposal.org_name(code or "", lang)
        if field == "category":
            return categories.name(code or "", lang)
        if field == "source":
            return label(code or "", lang)
        return regions.name(code, self.day, lang) if code else "—"

    def line_at(self, index: Index) -> int | None:
        row, col = index.row(), index.column()
        if row >= len(self.grid.rows) or not (len(KEY_FIELDS) <= col < self.total_column):
            return None
        return self.grid.rows[row].cells.get(self.grid.years[col - len(KEY_FIELDS)])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        """A repaint asks every visible cell for some eight roles: one dict lookup picks the answer."""
        answer = _ROLES.get(role)
        return None if answer is None else answer(self, index.row(), index.column(), role)

    def _alignment(self, _row: int, col: int, _role: int) -> int | None:
        return _RIGHT if col >= len(KEY_FIELDS) else None

    def _font(self, row: int, col: int, _role: int) -> QFont | None:
        return _bold() if row == self.totals_row or col == self.total_column else None

    def _background(self, row: int, col: int, _role: int) -> QBrush | None:
        found = self.marks.get((row, col))
        if found:
            return QBrush(QColor(colour(found)).lighter(185))
        return _TOTALS_BRUSH if row == self.totals_row or col == self.total_column else None

    def as_shown(self, finding: Finding) -> Finding:
        """``finding`` with its line number replaced by the row the grid shows it in (the rules
        count lines in the file's order; the grid puts several lines on one row)."""
        cell = self.cell_of(finding.shown)
        if cell is None or "line" not in finding.values:
            return finding
        return replace(finding, values={**finding.values, "line": cell[0] + 1})

    def _tooltip(self, row: int, col: int, _role: int) -> str | None:
        found = self.marks.get((row, col))
        tip = "\n".join(self.as_shown(f).message(current_language()) for f in found) if found else ""
        if col < len(KEY_FIELDS) and row != self.totals_row:  # the whole name, which a narrow column elides
            name = self._text(row, col, _DISPLAY)
            tip = f"{name}\n{tip}" if tip else name
        return tip or None

    def _text(self, row: int, col: int, role: int) -> str:
        p, lang = self.doc.proposal, current_language()
        totals = row == self.totals_row
        if col < len(KEY_FIELDS):
            if totals:
                return _("Total") if col == 0 and role != _EDIT else ""
            code = self.grid.rows[row].key[col]
            return (code or "") if role == _EDIT else self.key_text(KEY_FIELDS[col], code, lang)
        if col == self.total_column:
            amount = (self.summary.total if self.summary else 0) if totals else self.grid.row_total(p, row)
        elif totals:
            amount = self.summary.year_total(self.grid.years[col - len(KEY_FIELDS)]) if self.summary else 0
        else:
            line = self.grid.rows[row].cells.get(self.grid.years[col - len(KEY_FIELDS)])
            if line is None or p.budget.lines[line].no_amount:
                return ""
            amount = p.budget.lines[line].amount_krw
        return shown(amount, self.unit, lang)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.row() == self.totals_row or index.column() == self.total_column:
            return _READ_ONLY
        return _EDITABLE

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, col = index.row(), index.column()
        p = self.doc.proposal
        if col < len(KEY_FIELDS):
            field = KEY_FIELDS[col]
            new = (value or None) if field == "region" else (value or "")
            lines = self.grid.rows[row].lines
            if all(getattr(p.budget.lines[i], field) == new for i in lines):
                return True

            def apply() -> None:
                self.doc.undo_stack.beginMacro(N_("Budget line"))
                for i in lines:
                    self.doc.edit(f"budget.lines[{i}].{field}", new)
                self.doc.undo_stack.endMacro()

            # Rows may merge or split: rebuild after the editor has closed, not inside its commit.
            QTimer.singleShot(0, apply)
            return True
        text = str(value).strip()
        line = self.line_at(index)
        if not text and line is None:
            return True
        if not text:  # an emptied cell: its amount is cleared, not set to 0
            self.input_rejected.emit(None)
            self.clear_amounts([index])
            return True
        try:
            amount = parse_amount(text, self.unit)
        except InputError as exc:
            self.input_rejected.emit(exc)
            return False
        self.input_rejected.emit(None)
        if line is not None and p.budget.lines[line].no_amount:  # the amount and its mark, as one step
            self.doc.edit(f"budget.lines[{line}]", replace(p.budget.lines[line], amount_krw=amount, no_amount=False),
                          text=N_("Amount"))
        elif line is not None:
            self.doc.edit(f"budget.lines[{line}].amount_krw", amount, text=N_("Amount"))
        else:
            org, category, source, region = self.grid.rows[row].key
            year = self.grid.years[col - len(KEY_FIELDS)]
            # A new line in a row that is already there: the grid keeps its shape, so the edit is
            # made at once and the next cell's editor (after Tab or Enter) is not disturbed.
            new_line = BudgetLine(year, org, category, source, amount, region)
            self.doc.edit("budget.lines", [*p.budget.lines, new_line], text=N_("Amount"))
        return True

    def clear_amounts(self, indexes: list[Index]) -> bool:
        """Clear the amounts of the cells at ``indexes`` as one undo step (see ``forms.grid.cleared``):
        a line whose row has lines of other years goes, a row's last line stays with no amount
        entered. False when none of them holds an amount to clear."""
        p = self.doc.proposal
        cells = [(i.row(), self.grid.years[i.column() - len(KEY_FIELDS)]) for i in indexes
                 if self.line_at(i) is not None]
        if p is None or not cells:
            return False
        lines = cleared(p, self.grid, cells)
        if lines == p.budget.lines:
            return False
        shape = [r.key for r in build_grid(replace(p, budget=replace(p.budget, lines=lines)), self.grid.years).rows]
        if shape == [r.key for r in self.grid.rows]:
            self.doc.edit("budget.lines", lines, text=N_("Clear amount"))
        else:  # rows merge: rebuild after an open editor has closed, not inside its commit
            QTimer.singleShot(0, lambda: self.doc.edit("budget.lines", lines, text=N_("Clear amount")))
        return True

    def amount_error(self, text: str) -> InputError | None:
        """Why ``text`` typed in an amount cell cannot be read (None if it can)."""
        text = text.strip()
        try:
            if text:
                parse_amount(text, self.unit)
        except InputError as exc:
            return exc
        return None

    # choices for the key columns ------------------------------------------------------------------
    def choices(self, col: int) -> list[tuple[str, str]]:
        """(code, name) pairs offered in a key column."""
        p, lang = self.doc.proposal, current_language()
        field = KEY_FIELDS[col]
        if field == "org":
            return [(o.id, o.display_name(lang)) for o in p.organisations]
        if field == "category":
            return [(c, categories.name(c, lang)) for c in self.allowed_categories]
        if field == "source":
            return [(s, label(s, lang)) for s in SOURCES]
        return [("", "—"), *[(c, regions.name(c, self.day, lang)) for c in p.applicant_regions()]]

    # findings ---------------------------------------------------------------------------------
    def cell_of(self, path: str) -> tuple[int, int] | None:
        """The cell where the field at ``budget.lines[i]…`` is shown."""
        where = FieldPath.parse(path)
        index = where.row(BUDGET_LINES)
        if index is None:
            return None
        row = self.grid.row_of_line(index)
        if row is None:
            return None
        field = where.after(BUDGET_LINES.child(index)).head
        if field in KEY_FIELDS:
            return row, KEY_FIELDS.index(field)
        if field in ("amount_krw", "year"):
            line = self.doc.proposal.budget.lines[index]
            return row, self.year_column(line.year)
        return row, 0

    def set_marks(self, findings: list[Finding]) -> None:
        marks: dict[tuple[int, int], list[Finding]] = {}
        for finding in findings:
            cell = self.cell_of(finding.shown)
            if cell is not None:
                marks.setdefault(cell, []).append(finding)
        if marks != self.marks:
            self.marks = marks
            self.values_changed()


#: The answer to each role a cell is asked for (any other role: nothing).
_ROLES = {
    **{int(role): BudgetModel._text for role in _TEXT_ROLES},
    int(Qt.ItemDataRole.TextAlignmentRole): BudgetModel._alignment,
    int(Qt.ItemDataRole.FontRole): BudgetModel._font,
    int(Qt.ItemDataRole.BackgroundRole): BudgetModel._background,
    int(Qt.ItemDataRole.ToolTipRole): BudgetModel._tooltip,
}
