"""Step 5: the budget grid by year with row and column totals, and a summary: each source per
year, the local match against its minimum, the national cap used, and a small chart. Under the
page, as on every page, the checklist of what is left (``ui.findings``): a line for each finding,
those the summary's lines state (the local match, the national cap) too, so the step list counts
the lines the page lists."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.base.errors import InputError
from forms.base.i18n import N_, _
from forms.budget import SOURCES
from forms.fieldpath import BUDGET, BUDGET_LINES, ORGANISATIONS, PARTNER_REGIONS, ROOT, FieldPath
from forms.files import gridpaste
from forms.model import BudgetLine, label
from forms.money import EntryUnit, format_number
from forms.rules import Finding
from forms.rules.budget_rules import LOCAL_SHORT, NATIONAL_BELOW, NATIONAL_OVER
from forms.steps import Step
from ui import setup
from ui.budget_delegate import KeyDelegate
from ui.budget_model import KEY_FIELDS, BudgetModel, shown
from ui.chart import BudgetChart
from ui.marks import ERROR_COLOUR
from ui.pages.base import (
    Page,
    apply_widths,
    choice_width,
    remember_columns,
    set_combo,
    share_width,
    steady_width,
)
from ui.textpanel import TextPanel

_AMOUNT = FieldPath(("amount_krw",))
_ENTRY_UNIT = BUDGET.child("entry_unit")
#: Changes after which the grid's rows are built again.
_STRUCTURAL = (ROOT, BUDGET_LINES, ORGANISATIONS, PARTNER_REGIONS, FieldPath(("lead_region",)))
#: The findings on the national cap: the cap line of the summary states them.
_CAP_CODES = (NATIONAL_OVER.code, NATIONAL_BELOW.code)


class BudgetPage(Page):
    step = Step.BUDGET

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.model = BudgetModel(doc)
        bar = QHBoxLayout()
        self.unit_label = QLabel()
        self.unit = QComboBox()
        # Its names change with the language: take the width of the current ones, not the first.
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for unit in EntryUnit:
            self.unit.addItem(unit.code, unit.code)
        self.unit.currentIndexChanged.connect(
            lambda: self.doc.edit("budget.entry_unit", self.unit.currentData(), text=N_("Entry unit")))
        self.unit_label.setBuddy(self.unit)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_line)
        for w in (self.unit_label, self.unit):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        self.layout_.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.model)
        delegate = KeyDelegate(self.table)
        self.table.setItemDelegate(delegate)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        # A block can be selected for Ctrl+C; Ctrl+V pastes a block from the current cell.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        remember_columns(self.table.horizontalHeader(), "budget")
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(False)
        # Rows one line of text high (the style's default leaves room for a second): on a 1366×768
        # laptop the grid shows a third more lines.
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(self.table.fontMetrics().height() + 6)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        # Only the names of organisations and categories may be elided, and their tooltip has them.
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)
        self._sized: tuple | None = None  # (columns, language, width) the columns were sized for
        self.input_error = QLabel()
        self.input_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.input_error.setWordWrap(True)
        self._input_error: InputError | None = None
        self.model.input_rejected.connect(self._show_input_error)
        # a message about what was refused goes with the next change (an edit, a paste, Undo):
        # it no longer says how the budget stands
        doc.changed.connect(lambda _path: self._show_input_error(None))
        delegate.closeEditor.connect(self._editor_closed)

        bottom = QHBoxLayout()
        self.summary_box = QGroupBox()
        inner = QVBoxLayout(self.summary_box)
        self.summary = QTableWidget(len(SOURCES) + 1, 0)
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Row heights are set when the years, language or unit change (see _show_summary), not
        # measured again for every amount: a ResizeToContents header re-measures every cell of
        # the table each time one of them changes.
        self.summary.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Text panels, not labels: they change on every amount typed without a relayout.
        self.matching = TextPanel(2)
        self.cap = TextPanel(2)
        inner.addWidget(self.summary)
        inner.addWidget(self.matching)
        inner.addWidget(self.cap)
        inner.addStretch(1)
        self.chart = BudgetChart()
        self._summary_shape: tuple | None = None
        bottom.addWidget(self.summary_box, 3)
        bottom.addWidget(self.chart, 2)
        # The grid above, the totals and chart below, split where the person drags it (remembered
        # across starts); what is left to do is listed under both, as on every page.
        grid = QWidget()
        above = QVBoxLayout(grid)
        above.setContentsMargins(0, 0, 0, 0)
        above.addWidget(self.table, 1)
        above.addWidget(self.input_error)
        below = QWidget()
        below.setLayout(bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(grid)
        # below scrolls when dragged smaller than its contents: the grid can take the whole page
        scroll = self.below = QScrollArea()
        scroll.setWidget(below)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.split.addWidget(scroll)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.splitterMoved.connect(
            lambda _pos, _index: setup.settings().setValue("budget/split", self.split.saveState()))
        self._split_placed = False
        self.layout_.addWidget(self.split, 1)
        self.add_findings()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._split_placed:  # once: where the person left the split, else the grid gets the room
            self._split_placed = True
            state = setup.settings().value("budget/split")
            if not (isinstance(state, QByteArray) and self.split.restoreState(state)):
                total = sum(self.split.sizes())
                below = self.split.widget(1).widget().sizeHint().height()
                self.split.setSizes([max(total - below, total // 2), min(below, total // 2)])

    def _show_input_error(self, error: InputError | None) -> None:
        self._input_error = error
        self.input_error.setText(error.text(self.lang) if error is not None else "")

    def entry_widget(self) -> QWidget | None:
        """The grid, at its current cell; at the first amount when no cell was chosen yet."""
        if not self.table.currentIndex().isValid() and self.model.grid.years and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, self.model.year_column(self.model.grid.years[0])))
        return self.table

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:  # Escape: the typing is dropped
            self._show_input_error(None)

    # texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self._show_input_error(self._input_error)
        self.intro.setText(_("Type amounts as you would write them: 55억, 5억 5천만, 3,000천원. A plain "
                             "number is read in the entry unit. Totals and the checks follow every change."))
        self.unit_label.setText(_("Entry &unit:"))
        self.unit.setAccessibleName(_("Entry unit"))
        for i in range(self.unit.count()):
            self.unit.setItemText(i, EntryUnit.from_code(self.unit.itemData(i)).label(self.lang))
        self.add_button.setText(_("&Add line"))
        self.remove_button.setText(_("&Remove line"))
        self.table.setAccessibleName(_("Budget lines by year"))
        self.summary_box.setTitle(_("Summary"))
        self.summary.setAccessibleName(_("Each source per year"))
        self.chart.setAccessibleName(_("Chart of the budget by year and source"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        self.model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(0, self.model.rowCount() - 1))
        self.model.values_changed()
        self._size_columns()
        self._show_summary()

    # values -----------------------------------------------------------------------------------
    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None:
            self.model.rebuild()
            return
        where = FieldPath.parse(path)
        line = where.row(BUDGET_LINES)
        amount = line is not None and where.after(BUDGET_LINES.child(line)) == _AMOUNT
        if where in _STRUCTURAL or (line is not None and not amount):
            current = self.table.currentIndex()
            if self.model.rebuild() and current.isValid():  # rows came or went: keep the cursor near
                row = min(current.row(), self.model.rowCount() - 1)
                col = min(current.column(), self.model.columnCount() - 1)
                if row >= 0 and col >= 0:
                    self.table.setCurrentIndex(self.model.index(row, col))
            if where == ROOT:
                self._sized = None  # another proposal: its organisations, categories and years
            self._size_columns()  # only when the columns changed (years), never for a line or an amount
        elif amount:
            self.model.values_changed(line)
        elif where.within(BUDGET) or where.row(ORGANISATIONS) is not None:
            self.model.values_changed()
        if where in (ROOT, _ENTRY_UNIT):
            set_combo(self.unit, p.budget.entry_unit)
        if where == ROOT or where.within(BUDGET):
            self._show_summary()

    # column widths --------------------------------------------------------------------------
    def _size_columns(self) -> None:
        """Size the columns once for what they can hold, not for what they hold now, so nothing
        moves under the mouse while amounts are typed or lines added: each year as wide as a
        10-digit amount with its separators (the total column one digit more), in bold as the
        totals show it; the category, source and region columns as wide as their longest choice
        in the drop-down; the organisation column the rest. Sized again only when the columns,
        the language or the table's width change; a column the user dragged keeps its width
        (``remember_columns``)."""
        model, header = self.model, self.table.horizontalHeader()
        cols = model.columnCount()
        room = steady_width(self.table)
        shape = (cols, self.lang, room)
        if not cols or shape == self._sized:
            return
        self._sized = shape
        keys = len(KEY_FIELDS)
        regular = self.table.fontMetrics()
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        pad = 2 * margin + regular.averageCharWidth()
        floors = [header.sectionSizeFromContents(col).width() for col in range(cols)]
        wants = list(floors)
        for col in range(keys):
            names = [name for _code, name in model.choices(col)] if self.doc.proposal is not None else []
            wants[col] = max(floors[col], choice_width(self.table, names) if col else
                             max((regular.horizontalAdvance(n) for n in names), default=0) + pad)
        figure = bold.horizontalAdvance(format_number(9_999_999_999, self.lang)) + pad
        for col in range(keys, cols):
            wants[col] = max(floors[col], figure + (bold.horizontalAdvance("0,") if col == model.total_column else 0))
        widths = list(wants)
        widths[:keys] = share_width(room - sum(widths[keys:]), wants[:keys], floors[:keys])
        apply_widths(header, widths)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._size_columns()
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return True
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return True
            if (event.key() == Qt.Key.Key_Delete and not event.modifiers()
                    and self.table.state() != QAbstractItemView.State.EditingState):
                return self.clear_selected()
            if (event.key() == Qt.Key.Key_Backspace and not event.modifiers()
                    and self.table.state() != QAbstractItemView.State.EditingState):
                return self._edit_emptied()
        return False

    def _edit_emptied(self) -> bool:
        """Backspace: the current amount cell opens with its text gone, as in a spreadsheet; Enter
        then clears the amount, Escape keeps it."""
        index = self.table.currentIndex()
        if not index.isValid() or not len(KEY_FIELDS) <= index.column() < self.model.total_column \
                or index.row() == self.model.totals_row:
            return False
        self.table.edit(index)
        editor = self._typing_editor() or self.table.itemDelegate()._editor
        if editor is None or not editor.isVisible():
            return False
        editor.clear()
        editor.setModified(True)
        return True

    def clear_selected(self) -> bool:
        """Delete: the amounts of the selected cells (or the current one) are cleared, as one undo
        step; not set to 0. False when no amount is selected (the key then does what it did)."""
        indexes = self.table.selectionModel().selectedIndexes() or [self.table.currentIndex()]
        if not self.model.clear_amounts([i for i in indexes if i.isValid()]):
            return False
        self._show_input_error(None)
        return True

    # the clipboard ----------------------------------------------------------------------------
    def copy(self) -> None:
        """The selected block (or the current cell) as tab-separated text, as the grid shows it."""
        indexes = self.table.selectionModel().selectedIndexes() or [self.table.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        rows = range(min(i.row() for i in indexes), max(i.row() for i in indexes) + 1)
        cols = range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
        texts = [[self.model.data(self.model.index(r, c)) or "" for c in cols] for r in rows]
        QGuiApplication.clipboard().setText(gridpaste.block_text(texts))

    def paste(self) -> None:
        """A block from the clipboard from the current cell on: all of it, as one undo step, or
        nothing, with every value that cannot be used named below the grid."""
        p, start = self.doc.proposal, self.table.currentIndex()
        text = QGuiApplication.clipboard().text()
        if p is None or not text:
            return
        top, left = (start.row(), start.column()) if start.isValid() else (0, 0)
        try:
            lines = gridpaste.paste(p, self.model.grid, top, left, gridpaste.parse_block(text), self.model.unit)
        except InputError as exc:
            self._show_input_error(exc)
            return
        self._show_input_error(None)
        self.doc.edit("budget.lines", lines, text=N_("Paste"))
        if start.isValid():
            self.table.setCurrentIndex(self.model.index(min(top, self.model.rowCount() - 1), left))

    def _show_summary(self) -> None:
        # The statement the rules read (its summary is the grid's): its table by year and source.
        statement = self.doc.report.statement if self.doc.report else None
        self.chart.show_statement(statement)
        if statement is None:
            self.summary.setColumnCount(0)
            self.matching.setText("")
            self.cap.setText("")
            return
        unit, lang = self.model.unit, self.lang
        years = list(statement.summary.years)
        shape = (tuple(years), lang, unit)
        if self._summary_shape != shape:  # headers only when years, language or unit change
            self._summary_shape = shape
            self.summary.setColumnCount(len(years) + 1)
            self.summary.setHorizontalHeaderLabels([str(y) for y in years] + [_("Total")])
            self.summary.setVerticalHeaderLabels([label(row.key, lang) for row in statement.by_year_source]
                                                 + [_("Total")])
            self.summary_box.setTitle(_("Summary ({unit})").format(unit=unit.label(lang)))
            self.summary.resizeRowsToContents()
            frame = 2 * self.summary.frameWidth()
            self.summary.setFixedHeight(self.summary.horizontalHeader().sizeHint().height()
                                        + self.summary.verticalHeader().length() + frame)
        rows = [[*row.by_year, row.total] for row in (*statement.by_year_source, statement.year_totals)]
        for r, values in enumerate(rows):
            for c, amount in enumerate(values):
                item = self.summary.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.summary.setItem(r, c, item)
                text = shown(amount, unit, lang)
                if item.text() != text:
                    item.setText(text)
        self.matching.setText(statement.matching_sentence(lang))
        met = statement.matching.met
        self.matching.set_emphasis(None if met else ERROR_COLOUR, bold=not met)
        self.cap.setText(statement.cap_sentence(lang))
        over = bool(statement.summary.national_excess)
        self.cap.set_emphasis(ERROR_COLOUR if over else None, bold=over)

    # an amount being typed ------------------------------------------------------------------
    def _typing_editor(self) -> QLineEdit | None:
        editor = self.table.itemDelegate()._editor
        try:
            return editor if editor is not None and editor.isVisible() and editor.isModified() else None
        except RuntimeError:  # the editor was closed and deleted
            return None

    def amount_being_typed(self) -> str | None:
        """The text of an amount cell still open with typing in it (None if there is none)."""
        editor = self._typing_editor()
        return editor.text() if editor is not None else None

    def commit_typing(self) -> bool:
        """Store the amount being typed if it can be read (True), as Enter would."""
        editor = self._typing_editor()
        if editor is None:
            return True
        if self.model.amount_error(editor.text()) is not None:
            return False
        self.table.itemDelegate().commitData.emit(editor)
        return True

    def return_to_typing(self) -> None:
        """Put the cursor back in the amount being typed, once the question asked over it is gone
        (its cell may have been opened again meanwhile)."""
        def focus() -> None:
            editor = self._typing_editor()
            if editor is not None:
                editor.setFocus()
                editor.selectAll()

        QTimer.singleShot(0, focus)

    # lines ------------------------------------------------------------------------------------
    def add_line(self) -> None:
        p = self.doc.proposal
        model = self.model
        org = p.organisations[0].id if p.organisations else ""
        category = model.allowed_categories[0] if model.allowed_categories else "personnel"
        year = model.years[0] if model.years else p.date.year
        self.doc.edit("budget.lines", [*p.budget.lines, BudgetLine(year, org, category, "national", 0)],
                      text=N_("Add line"))
        row = self.model.grid.row_of_line(len(p.budget.lines) - 1)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.setFocus()

    def remove_line(self) -> None:
        row = self.table.currentIndex().row()
        if not (0 <= row < len(self.model.grid.rows)):
            return
        drop = set(self.model.grid.rows[row].lines)
        lines = [line for i, line in enumerate(self.doc.proposal.budget.lines) if i not in drop]
        self.doc.edit("budget.lines", lines, text=N_("Remove line"))

    # findings ---------------------------------------------------------------------------------
    def mark(self, findings: list[Finding]) -> None:
        self.model.set_marks(findings)
        # The summary's lines state the local match and the national funds against the cap (with
        # what is over or not requested): their findings mark those lines. Every finding is also a
        # line of the checklist below, a cell's with the row the grid shows it in.
        stated = [f for f in findings if f.code == LOCAL_SHORT.code]
        on_cap = [f for f in findings if f.code in _CAP_CODES]
        self.marker.apply({w: found for w, found in ((self.matching, stated), (self.cap, on_cap)) if found}, self.lang)
        self._marked = [self.model.as_shown(f) for f in findings]
        self.findings.show_findings(self._marked, self.lang)

    def widget_for(self, path: str) -> QWidget | None:
        where = FieldPath.parse(path)
        if where.row(BUDGET_LINES) is not None or (where.within(BUDGET) and where != _ENTRY_UNIT):
            return self.table  # a finding on the whole budget is mended in the grid
        if where == _ENTRY_UNIT:
            return self.unit
        return None

    def focus_path(self, path: str) -> QWidget | None:
        cell = self.model.cell_of(path)
        if cell is not None:
            index = self.model.index(*cell)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()
            return self.table
        widget = self.widget_for(path)
        if widget is self.table:  # the summary's lines that state the whole budget's findings, in view
            self.below.ensureWidgetVisible(self.cap, 0, 0)
            self.below.ensureWidgetVisible(self.matching, 0, 0)
        if widget is not None:
            widget.setFocus()
        return widget
