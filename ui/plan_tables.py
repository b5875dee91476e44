"""The form's record tables as the Plan step shows them, each in the chapter the call's form places
it: performance indicators, the schedule and its deliverables, researchers with their other
projects, the equipment plan, the organisations' general data, and a budget line's justification.
What each table is (its columns) is described here; how a table edits is ``ui.table_editor``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from forms.base.errors import InputError
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
from forms.ids import new_id
from forms.model import (
    BudgetItem,
    Deliverable,
    Equipment,
    Indicator,
    IndicatorKind,
    OtherProject,
    Researcher,
    ResearcherRole,
    Task,
    label,
)
from forms.money import format_won
from forms.profile import load_profile
from ui.table_editor import Column, RecordTable

if TYPE_CHECKING:
    from forms.model import Proposal
    from ui.document import Document


def _years(p: Proposal) -> tuple[int, ...]:
    try:
        return load_profile(p.call).years
    except InputError:
        return (p.date.year,)


def _orgs(p: Proposal) -> list[tuple[object, str]]:
    lang = current_language()
    return [(o.id, o.display_name(lang)) for o in p.organisations]


def _tasks(p: Proposal) -> list[tuple[object, str]]:
    lang = current_language()
    return [(t.id, t.name.get(lang) or t.id) for t in p.tasks]


def _codes(codes: list[str]):  # noqa: ANN202 - a choices function
    return lambda _p: [(code, label(code, current_language())) for code in codes]


def _first_org(p: Proposal) -> str:
    lead = p.lead_organisation()
    return lead.id if lead else (p.organisations[0].id if p.organisations else "")


def _start(p: Proposal) -> int:
    return min(_years(p))


# -- the tables ---------------------------------------------------------------------------------

def indicators(doc: Document) -> RecordTable:
    def columns(p: Proposal) -> list[Column]:
        return [
            Column("name.ko", N_("Indicator (Korean)"), "name"), Column("name.en", N_("Indicator (English)"), "name"),
            Column("kind", N_("Quantitative or qualitative"), "choice", choices=_codes([k.value for k in IndicatorKind])),
            Column("unit.ko", N_("Unit (Korean)")), Column("unit.en", N_("Unit (English)")),
            Column("baseline.ko", N_("Baseline (Korean)")), Column("baseline.en", N_("Baseline (English)")),
            *[Column(f"targets[{y}].{lang}", title, "text", fields=(("year", y),))
              for y in _years(p) for lang, title in (("ko", N_("{year} (Korean)")), ("en", N_("{year} (English)")))],
            Column("weight", N_("Weight (%)"), "int"),
            Column("method.ko", N_("How it is measured (Korean)"), "name"),
            Column("method.en", N_("How it is measured (English)"), "name"),
        ]

    return RecordTable(doc, N_("Performance indicators"), lambda: INDICATORS, columns,
                       lambda p: Indicator(new_id()), N_("Performance indicators"), name="indicators")


def tasks(doc: Document) -> RecordTable:
    def columns(p: Proposal) -> list[Column]:
        return [
            Column("name.ko", N_("Task (Korean)"), "name"), Column("name.en", N_("Task (English)"), "name"),
            Column("org", N_("Organisation in charge"), "choice", choices=_orgs),
            Column("start", N_("From (YYYY-MM)"), "month"), Column("end", N_("To (YYYY-MM)"), "month"),
        ]

    def make(p: Proposal) -> Task:
        first, last = min(_years(p)), max(_years(p))
        return Task(new_id(), org=_first_org(p), start=f"{first}-01", end=f"{last}-12")

    return RecordTable(doc, N_("Schedule"), lambda: TASKS, columns, make, N_("Schedule"), name="schedule")


def deliverables(doc: Document) -> RecordTable:
    def columns(p: Proposal) -> list[Column]:
        years = _years(p)
        return [
            Column("task", N_("Task"), "choice", choices=_tasks),
            Column("year", N_("Year"), "year", lo=min(years), hi=max(years)),
            Column("name.ko", N_("Deliverable (Korean)"), "name"), Column("name.en", N_("Deliverable (English)"), "name"),
        ]

    def make(p: Proposal) -> Deliverable:
        return Deliverable(new_id(), p.tasks[0].id if p.tasks else "", _start(p))

    return RecordTable(doc, N_("Main deliverables"), lambda: DELIVERABLES, columns, make, N_("Main deliverables"),
                       name="deliverables")


def equipment(doc: Document) -> RecordTable:
    def columns(p: Proposal) -> list[Column]:
        years = _years(p)
        return [
            Column("org", N_("Organisation"), "choice", choices=_orgs),
            Column("year", N_("Year"), "year", lo=min(years), hi=max(years)),
            Column("name.ko", N_("Item (Korean)"), "name"), Column("name.en", N_("Item (English)"), "name"),
            Column("purpose.ko", N_("Purpose (Korean)")), Column("purpose.en", N_("Purpose (English)")),
            Column("quantity", N_("Quantity"), "int", hi=100_000),
            Column("unit_price_krw", N_("Unit price (won)"), "money"), Column("shared", N_("Shared use"), "bool"),
            Column("review_note.ko", N_("Review note (Korean)"), "name"),
            Column("review_note.en", N_("Review note (English)"), "name"),
        ]

    def make(p: Proposal) -> Equipment:
        return Equipment(new_id(), _first_org(p), _start(p))

    return RecordTable(doc, N_("Facilities and equipment"), lambda: EQUIPMENT, columns, make,
                       N_("Facilities and equipment"), name="equipment")


def organisations(doc: Document) -> RecordTable:
    def columns(_p: Proposal) -> list[Column]:
        return [
            Column("name.ko", N_("Organisation"), "label"),
            Column("registration_number", N_("Business registration number")),
            Column("representative.ko", N_("Representative (Korean)")),
            Column("representative.en", N_("Representative (English)")),
            Column("address.ko", N_("Address (Korean)"), "name"), Column("address.en", N_("Address (English)"), "name"),
            Column("contact.ko", N_("Contact person (Korean)"), "name"),
            Column("contact.en", N_("Contact person (English)"), "name"),
        ]

    return RecordTable(doc, N_("Organisations' general data"), lambda: ORGANISATIONS, columns, None,
                       N_("Organisations' general data"), name="organisation_data")


class Researchers(QWidget):
    """The researchers, and below them the other ongoing projects of the one selected (for the
    3책5공 count and the 100% limit on participation rates)."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc

        def columns(p: Proposal) -> list[Column]:
            return [
                Column("org", N_("Organisation"), "choice", choices=_orgs),
                Column("name.ko", N_("Researcher (Korean)")), Column("name.en", N_("Researcher (English)")),
                Column("position.ko", N_("Position (Korean)")), Column("position.en", N_("Position (English)")),
                Column("field.ko", N_("Field (Korean)")), Column("field.en", N_("Field (English)")),
                Column("role", N_("Role"), "choice", choices=_codes([r.value for r in ResearcherRole])),
                *[Column(f"rates[{y}]", str(y), "int", literal=True) for y in _years(p)],
            ]

        def make(p: Proposal) -> Researcher:
            return Researcher(new_id(), _first_org(p), rates={y: 0 for y in _years(p)})

        self.people = RecordTable(doc, N_("Principal investigator and researchers (participation rate, %)"),
                                  lambda: RESEARCHERS, columns, make, N_("Researchers"), name="researchers")
        self.selected = 0

        def others_columns(_p: Proposal) -> list[Column]:
            return [
                Column("title", N_("Other ongoing national R&D project"), "name"),
                Column("principal", N_("As principal investigator"), "bool"),
                Column("rate", N_("Rate (%)"), "int"),
                Column("counted", N_("Counted for 3책5공"), "bool"),
            ]

        self.others = RecordTable(doc, N_("Other projects of the selected researcher"), self._others_base,
                                  others_columns, lambda _p: OtherProject(), N_("Other projects"),
                                  name="other_projects")
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

        def columns(_p: Proposal) -> list[Column]:
            return [
                Column("item.ko", N_("Item (Korean)"), "name"), Column("item.en", N_("Item (English)"), "name"),
                Column("quantity", N_("Quantity or persons"), "int", hi=1_000_000),
                Column("unit_price_krw", N_("Unit price (won)"), "money"),
                Column("months", N_("Months"), "int", lo=1, hi=120),
            ]

        self.rows = RecordTable(doc, N_("Justification rows"), self._base, columns, lambda _p: BudgetItem(new_id()),
                                N_("Budget justification"), name="justification")
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
        self.line_label.setText(_("&Budget line:"))
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
        self.sum.setText(_("The rows add up to {total}; the line's amount is {amount}.").format(
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
