"""The form's record tables as the Plan step shows them, each in the chapter the call's form places
it: performance indicators, the schedule and its deliverables, researchers with their other
projects, the equipment plan, the organisations' general data, and a budget line's justification.
What each table is (its fields and columns) is described in ``forms.record_columns``; how a table
edits is ``ui.table_editor``; here is where each is placed and what it is called."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from forms.base.i18n import N_, _, current_language
from forms.fieldpath import (
    BUDGET_LINES,
    DELIVERABLES,
    EQUIPMENT,
    INDICATORS,
    ORGANISATIONS,
    RESEARCHERS,
    TASKS,
    FieldPath,
)
from forms.model import label
from forms.money import format_won
from forms.record_columns import table
from ui.table_editor import RecordTable

if TYPE_CHECKING:
    from ui.document import Document


#: The Add and Remove buttons of each table: no two tables of a chapter share a letter, nor take
#: one of the Plan step's own (Title, English, Date, Back, Next, the menus, the roadmap's stage).
_BUTTONS = {
    "indicators": (N_("&Add indicator"), N_("Remove indi&cator")),
    "tasks": (N_("Add tas&k"), N_("Re&move task")),
    "deliverables": (N_("Add deli&verable"), N_("&Remove deliverable")),
    "researchers": (N_("&Add researcher"), N_("&Remove researcher")),
    "other_projects": (N_("Add other &project"), N_("Remove other pro&ject")),
    "equipment": (N_("Add e&quipment item"), N_("Remove equipment ite&m")),
}


def _editor(doc: Document, key: str, title: str, base: Callable[[], FieldPath | None], undo_text: str,
            name: str) -> RecordTable:
    """The editor of the table ``key`` of ``forms.record_columns``, its columns and new records as
    described there (read again each time, so the editor shows what the description says)."""
    adds = table(key).make is not None
    return RecordTable(doc, title, base, lambda p: table(key).columns(p),
                       (lambda p: table(key).make(p)) if adds else None, undo_text, name=name,
                       **({"buttons": _BUTTONS[key]} if key in _BUTTONS else {}))


# -- the tables ---------------------------------------------------------------------------------

def indicators(doc: Document) -> RecordTable:
    return _editor(doc, "indicators", N_("Performance indicators"), lambda: INDICATORS, N_("Performance indicators"),
                   "indicators")


def tasks(doc: Document) -> RecordTable:
    return _editor(doc, "tasks", N_("Schedule"), lambda: TASKS, N_("Schedule"), "schedule")


def deliverables(doc: Document) -> RecordTable:
    return _editor(doc, "deliverables", N_("Main deliverables"), lambda: DELIVERABLES, N_("Main deliverables"),
                   "deliverables")


def equipment(doc: Document) -> RecordTable:
    return _editor(doc, "equipment", N_("Facilities and equipment"), lambda: EQUIPMENT,
                   N_("Facilities and equipment"), "equipment")


def organisations(doc: Document) -> RecordTable:
    return _editor(doc, "organisations", N_("Organisations' general data"), lambda: ORGANISATIONS,
                   N_("Organisations' general data"), "organisation_data")


class Researchers(QWidget):
    """The researchers, and below them the other ongoing projects of the one selected (for the
    3책5공 count and the 100% limit on participation rates)."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.people = _editor(doc, "researchers", N_("Principal investigator and researchers (participation rate, %)"),
                              lambda: RESEARCHERS, N_("Researchers"), "researchers")
        self.selected = 0
        self.others = _editor(doc, "other_projects", N_("Other projects of the selected researcher"),
                              self._others_base, N_("Other projects"), "other_projects")
        self.people.row_selected.connect(self._select)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.people)
        layout.addWidget(self.others)

    def _others_base(self) -> FieldPath | None:
        p = self.doc.proposal
        if p is None or not p.researchers:
            return None
        return RESEARCHERS.child(min(self.selected, len(p.researchers) - 1), "other_projects")

    def _select(self, row: int) -> None:
        if row >= 0 and row != self.selected:
            self.selected = row
            self.others.sync()

    def tables(self) -> list[RecordTable]:
        return [self.people, self.others]

    def widget_for(self, path: FieldPath | str) -> QWidget | None:
        where = FieldPath.parse(path)
        row = where.row(RESEARCHERS)
        if row is not None and where.within(RESEARCHERS.child(row, "other_projects")):
            self._select(row)
            self.people.table.selectRow(row)
            return self.others.widget_for(where) or self.others.table
        return self.people.widget_for(where)


class Justification(QGroupBox):
    """A budget line's itemised justification (산출근거): choose the line, then its rows; the sum
    of the rows is shown against the line's amount."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.line = QComboBox()
        self.line.currentIndexChanged.connect(lambda _i: self.rows.sync() or self._sum())
        self.line_label = QLabel()
        self.line_label.setBuddy(self.line)
        self.rows = _editor(doc, "budget_items", N_("Justification rows"), self._base, N_("Budget justification"),
                            "justification")
        self.sum = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.line_label)
        layout.addWidget(self.line)
        layout.addWidget(self.rows)
        layout.addWidget(self.sum)

    def _base(self) -> FieldPath | None:
        index = self.line.currentData()
        p = self.doc.proposal
        if p is None or not isinstance(index, int) or index >= len(p.budget.lines):
            return None
        return BUDGET_LINES.child(index, "items")

    def retranslate(self) -> None:
        self.setTitle(_("Budget justification (itemised)"))
        self.line_label.setText(_("B&udget line:"))
        self.line.setAccessibleName(_("Budget line"))
        self.rows.retranslate()
        self.sync()

    def sync(self) -> None:
        p = self.doc.proposal
        if p is None:
            return
        from forms import categories

        lang = current_language()
        entries = []
        for i, b in enumerate(p.budget.lines):
            org = p.organisation(b.org)
            entries.append((i, " · ".join((str(b.year), (org.name.get(lang) if org else b.org),
                                           categories.name(b.category, lang), label(b.source, lang),
                                           format_won(b.amount_krw, lang)))))
        if [(self.line.itemData(i), self.line.itemText(i)) for i in range(self.line.count())] != entries:
            current = self.line.currentData()
            blocked = self.line.blockSignals(True)
            self.line.clear()
            for data, text in entries:
                self.line.addItem(text, data)
            self.line.setCurrentIndex(max(0, self.line.findData(current)))
            self.line.blockSignals(blocked)
        self.rows.sync()
        self._sum()

    def _sum(self) -> None:
        p = self.doc.proposal
        index = self.line.currentData()
        if p is None or not isinstance(index, int) or index >= len(p.budget.lines):
            self.sum.setText("")
            return
        line = p.budget.lines[index]
        lang = current_language()
        total = sum(item.amount_krw for item in line.items)
        self.sum.setText(_("The rows add up to {total}. The line's amount is {amount}.").format(
            total=format_won(total, lang), amount=format_won(line.amount_krw, lang)))

    def tables(self) -> list[RecordTable]:
        return [self.rows]

    def widget_for(self, path: FieldPath | str) -> QWidget | None:
        where = FieldPath.parse(path)
        index = where.row(BUDGET_LINES)
        if index is None or not where.within(BUDGET_LINES.child(index, "items")):
            return None
        if self.line.currentData() != index:
            self.line.setCurrentIndex(self.line.findData(index))
        return self.rows.widget_for(where) or self.rows.table
