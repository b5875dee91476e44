"""A table of records of the proposal (researchers, indicators, tasks, …) edited in place.

A table is described by columns (``forms.record_columns``), each naming a field of the record by
its path inside it (``name.ko``, ``org``, ``rates[2024]``); every change is one edit of the document
at the path the rules use (``researchers[3].name.ko``), so undo, the findings' marks and the jumps
from the Review page all name the same field. A per-year field (``rates``, ``targets``) is a mapping by year: its
cell (a year, or one language of a year's text: ``targets[2024].en``) edits the whole mapping.
Adding and removing rows edit the whole list, one undo step each.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forms.base.errors import InputError
from forms.base.i18n import N_, _, current_language
from forms.fieldpath import ORGANISATIONS, ROOT, TASKS, FieldPath
from forms.model import Text
from forms.money import EntryUnit, format_number, parse_amount
from forms.record_columns import Column, first_missing, read
from ui import choice_keys
from ui.pages.base import (
    apply_widths,
    dragged_widths,
    proposal_field,
    remember_columns,
    set_text,
    steady_width,
)

if TYPE_CHECKING:
    from forms.model import Proposal
    from ui.document import Document

#: Width of a column by its kind, in average characters of the table's font.
#: The widest a choice column is made to show its longest item, in the same characters.
_MAX_CHOICE = 34
_WIDTHS = {"text": 22, "name": 26, "month": 10, "int": 8, "year": 9, "money": 16, "choice": 20, "bool": 8, "label": 24}


class RecordTable(QGroupBox):
    """A list of records of the proposal at ``base()`` (``researchers``, ``budget.lines[3].items``)
    as a table with Add and Remove buttons; ``make(proposal)`` makes a new record (None: rows are
    neither added nor removed here). ``name`` is the table's own name in the per-user settings,
    under which the widths the user drags its columns to are kept (``remember_columns``)."""

    #: the row whose cell has the focus (or was clicked)
    row_selected = Signal(int)

    def __init__(self, doc: Document, title: str, base: Callable[[], FieldPath | None],
                 columns: Callable[[Proposal], list[Column]], make: Callable[[Proposal], object] | None,
                 undo_text: str, parent: QWidget | None = None, *, name: str,
                 buttons: tuple[str, str] = (N_("&Add row"), N_("&Remove row"))) -> None:
        super().__init__(parent)
        #: the Add and Remove buttons' words (``N_`` messages), each with its own Alt+letter among
        #: the tables of the chapter that shows this one
        self.button_texts = buttons
        self.doc, self.title_, self.base, self.columns_of, self.make, self.undo_text = (
            doc, title, base, columns, make, undo_text)
        self.columns: list[Column] = []
        self.table = QTableWidget(0, 0)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the width left over goes to the text columns (_fit), not to whichever column is last
        self.table.horizontalHeader().setStretchLastSection(False)
        # a column dragged by the user keeps its width, across starts; the others are sized here
        remember_columns(self.table.horizontalHeader(), f"records/{name}", self._column_name)
        self.table.installEventFilter(self)
        self._widths: list[int] = []  # each column's own width, before the table's width is shared out
        self.table.setMinimumHeight(190)
        self.table.currentCellChanged.connect(lambda row, _c, _r, _pc: self.row_selected.emit(row))
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.setVisible(make is not None)
        self.remove_button.setVisible(make is not None)
        self._rows: list[dict[FieldPath, QWidget]] = []
        self._shown_base: FieldPath | None = None

    # texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(_(self.title_))
        self.table.setAccessibleName(_(self.title_))
        self.add_button.setText(_(self.button_texts[0]))
        self.remove_button.setText(_(self.button_texts[1]))
        self._headers()
        if self.doc.proposal is not None:
            self.sync()

    def _headers(self) -> None:
        """Each column as wide as its kind needs (a choice: its longest item, within reason), then
        the table's width shared out (:meth:`_fit`). Sized here and when the table's width changes,
        never while typing."""
        self.table.setHorizontalHeaderLabels([c.heading() for c in self.columns])
        metrics = self.table.fontMetrics()
        chars = metrics.averageCharWidth()
        p = self.doc.proposal
        self._widths = []
        for i, column in enumerate(self.columns):
            width = max(_WIDTHS.get(column.kind, 16) * chars,
                        self.table.horizontalHeader().sectionSizeFromContents(i).width())
            if column.kind == "choice" and column.choices is not None and p is not None:
                texts = [text for _v, text in column.choices(p)]
                if texts:
                    probe = QComboBox()  # the style's own room for the frame and the arrow
                    probe.setFont(self.table.font())
                    probe.addItem(max(texts, key=metrics.horizontalAdvance))
                    width = max(width, min(probe.sizeHint().width() + chars, _MAX_CHOICE * chars))
            self._widths.append(width)
        self._fit()

    def _column_name(self, col: int) -> str:
        """A column as the settings know it: by its field (``name.ko``, ``targets[2024]``), so a
        width stays with its column when a year's column comes or goes before it."""
        return self.columns[col].key if col < len(self.columns) else str(col)

    def _fit(self) -> None:
        """Share the room the columns leave in the table among its text columns (or, with none, its
        choices), so no column is stretched for nothing and none is squeezed while there is room.
        A column the user dragged keeps its width and takes no share."""
        if not self._widths:
            return
        header = self.table.horizontalHeader()
        dragged = dragged_widths(header)
        widths = [dragged.get(i, width) for i, width in enumerate(self._widths)]
        # the room as if the vertical scroll bar were always there: one appearing moves nothing
        room = steady_width(self.table) - sum(widths)
        takers = [i for i, c in enumerate(self.columns) if c.kind in ("text", "name") and i not in dragged] or \
            [i for i, c in enumerate(self.columns) if c.kind == "choice" and i not in dragged]
        if room > 0 and takers:
            for n, i in enumerate(takers):
                widths[i] += room // len(takers) + (1 if n < room % len(takers) else 0)
        apply_widths(header, widths)

    # values -----------------------------------------------------------------------------------
    def records(self) -> list:
        base = self.base()
        if base is None or self.doc.proposal is None:
            return []
        try:
            return list(base.get(self.doc.proposal))
        except (IndexError, KeyError, AttributeError):
            return []

    def concerns(self, path: FieldPath | str) -> bool:
        """Whether a change at ``path`` may change what this table shows (its own list, or the
        organisations and tasks its choices name)."""
        where, base = FieldPath.parse(path), self.base()
        return where == ROOT or base is None or where.head == base.head or where.within(ORGANISATIONS) \
            or where.within(TASKS)

    def sync(self) -> None:
        """Show the records: rows made or dropped to match, values set without edit signals."""
        p = self.doc.proposal
        if p is None:
            return
        columns = self.columns_of(p)
        base = self.base()
        records = self.records()
        if columns != self.columns or base != self._shown_base:
            self.columns = columns
            self.table.setColumnCount(len(columns))
            self._headers()
            self.table.setRowCount(0)
            self._rows = []
            self._shown_base = base
        if len(self._rows) != len(records):
            self.table.setRowCount(len(records))
            while len(self._rows) < len(records):
                self._rows.append(self._make_row(len(self._rows)))
            del self._rows[len(records):]
        for widgets, record in zip(self._rows, records, strict=True):
            for column in self.columns:
                self._show(widgets[column.field], column, read(record, column.field))
        self.remove_button.setEnabled(bool(records) and base is not None)
        self.add_button.setEnabled(base is not None)

    def _show(self, widget: QWidget, column: Column, value: object) -> None:
        blocked = widget.blockSignals(True)
        try:
            if column.kind in ("int", "year"):
                widget.setValue(int(value or 0))
            elif column.kind == "bool":
                widget.setChecked(bool(value))
            elif column.kind == "choice":
                items = column.choices(self.doc.proposal) if column.choices else []
                if [widget.itemData(i) for i in range(widget.count())] != [v for v, _t in items] or \
                        [widget.itemText(i) for i in range(widget.count())] != [t for _v, t in items]:
                    widget.clear()
                    for data, text in items:
                        widget.addItem(text, data)
                    # the list opens wide enough for every name, however narrow the cell
                    longest = max((widget.fontMetrics().horizontalAdvance(t) for _v, t in items), default=0)
                    widget.view().setMinimumWidth(longest + 3 * widget.fontMetrics().averageCharWidth())
                widget.setCurrentIndex(widget.findData(value))
                widget.setToolTip(widget.currentText())
            elif column.kind == "money":
                if not widget.hasFocus():
                    widget.setText(format_number(int(value or 0), current_language()))
            elif column.kind == "label":
                widget.setText(str(value or ""))
            else:
                set_text(widget, "" if value is None else str(value))
        finally:
            widget.blockSignals(blocked)

    def _make_row(self, row: int) -> dict[FieldPath, QWidget]:
        widgets: dict[FieldPath, QWidget] = {}
        for c, column in enumerate(self.columns):
            widget = self._make_cell(row, column)
            widget.setAccessibleName(_("Row {row}: {field}").format(row=row + 1, field=column.heading()))
            widget.installEventFilter(self)
            widget.setProperty("recordRow", row)
            self.table.setCellWidget(row, c, widget)
            widgets[column.field] = widget
        return widgets

    def _make_cell(self, row: int, column: Column) -> QWidget:
        kind = column.kind
        if kind == "label":
            return QLabel()
        if kind in ("int", "year"):
            spin = proposal_field(QSpinBox())
            spin.setRange(column.lo, column.hi)
            if kind == "int":
                spin.setSuffix("")
            spin.valueChanged.connect(lambda v, r=row, col=column: self.set_value(r, col, v, merge=True))
            return spin
        if kind == "bool":
            box = proposal_field(QCheckBox())
            box.toggled.connect(lambda v, r=row, col=column: self.set_value(r, col, bool(v)))
            return box
        if kind == "choice":
            combo = choice_keys.install(proposal_field(QComboBox()))  # arrows move; Enter, Tab choose
            combo.currentIndexChanged.connect(
                lambda i, r=row, col=column, cb=combo: i >= 0 and self.set_value(r, col, cb.itemData(i)))
            combo.currentTextChanged.connect(combo.setToolTip)  # the whole name, where the cell cuts it
            return combo
        edit = proposal_field(QLineEdit())
        if kind == "money":
            edit.editingFinished.connect(lambda r=row, col=column, e=edit: self._money_entered(r, col, e))
        else:
            edit.textEdited.connect(lambda text, r=row, col=column: self.set_value(r, col, text, merge=True))
        return edit

    def _money_entered(self, row: int, column: Column, edit: QLineEdit) -> None:
        try:
            amount = parse_amount(edit.text(), EntryUnit.WON)
        except InputError as exc:
            edit.setToolTip(exc.text(current_language()))
            edit.setStyleSheet("background: #fde2e1")
            return
        edit.setToolTip("")
        edit.setStyleSheet("")
        self.set_value(row, column, amount)
        edit.setText(format_number(amount, current_language()))

    # editing ----------------------------------------------------------------------------------
    def path_of(self, row: int, column: Column) -> FieldPath:
        """The document path a cell edits: the field's, or a per-year mapping's (the whole mapping)."""
        steps = column.field.steps
        return self.base().child(row, *(steps[: column.year_at] if column.by_year else steps))

    def set_value(self, row: int, column: Column, value: object, merge: bool = False) -> None:
        if self.base() is None:
            return
        path = self.path_of(row, column)
        if column.by_year:
            steps = column.field.steps[column.year_at:]
            year = steps[0]
            mapping = dict(path.get(self.doc.proposal))
            if len(steps) > 1:  # one language of the year's text; the other stays as it is
                value = dataclasses.replace(mapping.get(year) or Text(), **{steps[1]: value})
                empty = not (value.ko or value.en)
            else:
                empty = value in ("", 0, None)
            if empty:
                mapping.pop(year, None)
            else:
                mapping[year] = value
            value = mapping
        self.doc.edit(path, value, merge=merge, text=self.undo_text)

    def add_row(self) -> None:
        base = self.base()
        if base is None or self.make is None:
            return
        records = self.records()
        record = self.make(self.doc.proposal)
        self.doc.edit(base, [*copy.deepcopy(records), record], text=self.undo_text)
        if self._rows and self.columns:
            # the cursor on the cell the new row must fill first (the one marked as missing), so
            # typing goes there; the first cell when it needs nothing
            col = first_missing(self.columns, record, self.doc.proposal) or 0
            self.table.setCurrentCell(len(self._rows) - 1, col)
            self.table.scrollTo(self.table.model().index(len(self._rows) - 1, col))
            self._rows[-1][self.columns[col].field].setFocus()

    def remove_row(self) -> None:
        base = self.base()
        records = self.records()
        if base is None or not records:
            return
        row = self.table.currentRow()
        row = row if 0 <= row < len(records) else len(records) - 1
        self.doc.edit(base, records[:row] + records[row + 1:], text=self.undo_text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is self.table:
            if event.type() == QEvent.Type.Resize:
                self._fit()
            return False
        if event.type() == QEvent.Type.FocusIn:
            row = obj.property("recordRow")
            if isinstance(row, int) and row != self.table.currentRow():
                self.table.setCurrentCell(row, self.table.currentColumn() if self.table.currentColumn() >= 0 else 0)
        return False

    # findings ---------------------------------------------------------------------------------
    def widget_for(self, path: FieldPath | str) -> QWidget | None:
        """The cell that edits ``path`` (a field of a row, or a field inside it), the row's first
        cell for the row, or the table for the list itself; None if the path is not in this table."""
        where, base = FieldPath.parse(path), self.base()
        if base is None or not where.within(base):
            return None
        if where == base:
            return self.table
        row = where.row(base)
        if row is None or row >= len(self._rows):
            return None
        widgets = self._rows[row]
        field = where.after(base.child(row))
        while field.steps:
            if field in widgets:
                return widgets[field]
            field = field.parent
        return widgets[self.columns[0].field] if self.columns else self.table
