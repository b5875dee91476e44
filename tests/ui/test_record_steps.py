"""The steps ``forms.steps`` names for the form's records agree with the window: a finding on each
kind of record (researchers and their other projects, indicators, tasks, deliverables, equipment,
a budget line's justification rows, an organisation's general data), activated on the Review
page, shows the Plan step's chapter that holds its table and puts the focus in the marked cell
that edits the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.fieldpath import FieldPath
from forms.model import OtherProject
from forms.steps import STEPS, Step, step_of
from tests.ui.helpers import settle
from ui.pages.review import FINDING_ROLE


def _break_researcher(p):
    p.researchers[1].name.ko = ""


def _break_other_projects(p):
    p.researchers[2].other_projects = [OtherProject(f"Project {n}", rate=1) for n in range(6)]


def _break_indicator(p):
    p.indicators[1].targets.pop(2024)


def _break_task(p):
    p.tasks[2].name.ko = ""


def _break_deliverable(p):
    p.deliverables[3].year = 2020


def _break_equipment(p):
    p.equipment[4].name.ko = ""


def _break_items(p):
    p.budget.lines[3].items[1].quantity += 1


def _break_organisation(p):
    p.organisations[1].registration_number = "123-45-67890"


def _table(page, records: str):
    return {"researchers": page.researchers.people, "other_projects": page.researchers.others,
            "indicators": page.indicators, "tasks": page.tasks, "deliverables": page.deliverables,
            "equipment": page.equipment, "items": page.justification.rows,
            "organisations": page.organisations}[records]


# (how the sample is broken, the rule that finds it, the table, the row and the column's field
# that the finding names; "" for the table itself)
CASES = [
    (_break_researcher, "researchers.name_missing", "researchers", 1, "name.ko"),
    (_break_other_projects, "researchers.projects_over", "other_projects", None, ""),
    (_break_indicator, "indicators.target_missing", "indicators", 1, "targets[2024].ko"),
    (_break_task, "tasks.name_missing", "tasks", 2, "name.ko"),
    (_break_deliverable, "deliverables.year_outside", "deliverables", 3, "year"),
    (_break_equipment, "equipment.name_missing", "equipment", 4, "name.ko"),
    (_break_items, "budget.items_mismatch", "items", None, ""),
    (_break_organisation, "org.registration_invalid", "organisations", 1, "registration_number"),
]


def _item(review, finding):
    tree = review.tree
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            if head.child(j).data(0, FINDING_ROLE) == finding:
                return head.child(j)
    raise AssertionError(f"{finding.code} is not listed")


@pytest.mark.parametrize(("broken", "code", "records", "row", "key"), CASES, ids=[c[1] for c in CASES])
def test_a_finding_on_each_kind_of_record_leads_to_its_cell(sample_window, qtbot, broken, code, records, row, key):
    w = sample_window
    p = w.doc.proposal.copy()
    broken(p)
    w.doc.load(p)
    found = [f for f in w.doc.report.findings if f.code == code]
    assert len(found) == 1, [(f.code, str(f.shown)) for f in w.doc.report.findings]
    finding = found[0]
    assert step_of(finding.path) == step_of(finding.shown) == Step.PLAN

    w.go(STEPS.index(Step.REVIEW))
    w.review.tree.setFocus()
    w.review.tree.setCurrentItem(_item(w.review, finding))
    qtbot.keyClick(w.review.tree, Qt.Key.Key_Return)
    settle()

    page = w.plan
    assert w.stack.currentWidget() is page
    table = _table(page, records)
    assert page.chapters.currentRow() == page.chapter_of(table) >= 0
    focused = QApplication.focusWidget()
    if row is None:  # the finding names a whole list: its table
        assert table.table.isAncestorOf(focused) or focused is table.table
        assert table.records() == list(FieldPath.parse(str(finding.shown)).get(w.doc.proposal))
    else:
        column = [c.key for c in table.columns].index(key)
        assert focused is table.table.cellWidget(row, column)
        assert focused.property("recordRow") == row
        assert focused.property("finding") in ("error", "warning")  # the cell is marked too
    assert focused.isVisible()


def test_every_record_list_a_chapter_holds_has_a_case():
    from forms.profile import load_profile

    tables = {t for c in load_profile("msit-mega-2023").form.chapters for t in c.records}
    covered = {"researchers", "indicators", "tasks", "deliverables", "equipment", "organisations", "budget_items"}
    assert tables - {"roadmap", "budget"} == covered
    assert {c[2] for c in CASES} == {"researchers", "other_projects", "indicators", "tasks", "deliverables",
                                     "equipment", "items", "organisations"}
