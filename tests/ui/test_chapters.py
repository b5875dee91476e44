"""The Plan step as the call's form: one page per chapter from the profile, the form's record
tables in their chapters, every edit of a record one undoable step, and a finding's jump landing
on its chapter and cell. A second form (a profile kept under tests/) gives other chapters."""

from __future__ import annotations

import os
import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.profile import calls_dir, load_profile
from forms.steps import STEPS, Step
from tests.ui.helpers import settle, type_into

UNDO = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def plan(w):
    w.go(STEPS.index(Step.PLAN))
    settle()
    return w.plan


def row_of(form, table: str) -> int:
    """The row of the chapter that holds the record ``table`` in the list of the form's chapters."""
    return form.chapters.index(form.chapter_of_record(table))


def test_one_page_per_chapter_with_its_sections_and_tables(sample_window):
    page = plan(sample_window)
    form = load_profile("msit-mega-2023").form
    assert [page.chapters.item(i).text() for i in range(page.chapters.count())][:2] == [
        "00. Summary of the project", "01. Need for the project"]
    assert page.chapters.count() == len(form.chapters) == 9
    assert list(page.section_boxes) == form.section_keys()
    where = {name: page.chapter_of(getattr(page, name)) for name in
             ("indicators", "tasks", "deliverables", "researchers", "equipment", "organisations", "justification")}
    tables = {"indicators": "indicators", "tasks": "tasks", "deliverables": "deliverables",
              "researchers": "researchers", "equipment": "equipment", "organisations": "organisations",
              "justification": "budget_items"}
    assert where == {name: row_of(form, table) for name, table in tables.items()}
    linkage = next(i for i, c in enumerate(form.chapters) if "linkage" in [s.key for s in c.sections])
    assert page.chapter_of(page.roadmap_box) == row_of(form, "roadmap")
    assert page.chapter_of(page.section_boxes["linkage"]) == linkage
    assert page.guidance["background"].text().startswith("Why the project is needed now")
    assert page.indicators.table.rowCount() == len(sample_window.doc.proposal.indicators)
    assert page.researchers.people.table.rowCount() == len(sample_window.doc.proposal.researchers)


def test_a_rate_typed_is_checked_at_once_and_undone(sample_window, qtbot):
    w = sample_window
    page = plan(w)
    p = w.doc.proposal
    i = next(n for n, r in enumerate(p.researchers) if r.role == "principal")
    spin = page.focus_path(f"researchers[{i}].rates[2024]")
    assert page.chapters.currentRow() == row_of(load_profile(p.call).form, "researchers") and QApplication.focusWidget() is spin
    before = p.researchers[i].rates[2024]
    spin.setValue(19)
    settle()
    assert p.researchers[i].rates[2024] == 19
    assert [str(f.shown) for f in w.doc.report.findings if f.code == "researchers.pi_rate_low"] == [
        f"researchers[{i}].rates[2024]"]
    assert spin.property("finding") == "error" and "19%" in spin.toolTip()  # the cell is marked
    qtbot.keyClick(spin, *UNDO)
    settle()
    assert p.researchers[i].rates[2024] == before and spin.value() == before
    assert not [f for f in w.doc.report.findings if f.code == "researchers.pi_rate_low"]


def test_adding_and_removing_an_indicator_are_one_step_each(sample_window):
    w = sample_window
    page = plan(w)
    n = len(w.doc.proposal.indicators)
    page.indicators.add_button.click()
    settle()
    assert len(w.doc.proposal.indicators) == n + 1 and page.indicators.table.rowCount() == n + 1
    new = w.doc.proposal.indicators[-1]
    assert new.id not in {i.id for i in w.doc.proposal.indicators[:-1]}
    codes = {f.code for f in w.doc.report.findings}
    assert {"indicators.name_missing", "indicators.target_missing"} <= codes
    w.doc.undo_stack.undo()
    settle()
    assert len(w.doc.proposal.indicators) == n and page.indicators.table.rowCount() == n
    page.indicators.table.setCurrentCell(0, 0)
    page.indicators.remove_button.click()
    settle()
    assert len(w.doc.proposal.indicators) == n - 1
    assert "indicators.weights_not_100" in {f.code for f in w.doc.report.findings}
    w.doc.undo_stack.undo()
    assert len(w.doc.proposal.indicators) == n


def test_a_weight_as_typed_moves_the_sum(sample_window, qtbot):
    w = sample_window
    page = plan(w)
    spin = page.focus_path("indicators[0].weight")
    spin.setValue(spin.value() + 1)
    settle()
    found = [f for f in w.doc.report.findings if f.code == "indicators.weights_not_100"]
    assert found and "101%" in found[0].message("en")


def test_a_researchers_other_projects_follow_the_selection(sample_window, qtbot):
    w = sample_window
    page = plan(w)
    p = w.doc.proposal
    i = next(n for n, r in enumerate(p.researchers) if len(r.other_projects) == 1)
    page.focus_path(f"researchers[{i}].name.ko")
    settle()
    others = page.researchers.others
    assert others.table.rowCount() == 1
    others.add_button.click()
    settle()
    assert len(p.researchers[i].other_projects) == 2
    cell = others.widget_for(f"researchers[{i}].other_projects[1].title")
    type_into(qtbot, cell, "다른 과제")
    assert p.researchers[i].other_projects[1].title == "다른 과제"
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    settle()
    assert len(p.researchers[i].other_projects) == 1


def test_justification_rows_of_a_budget_line(sample_window, qtbot):
    w = sample_window
    page = plan(w)
    p = w.doc.proposal
    cell = page.focus_path("budget.lines[3].items[1].unit_price_krw")
    form = load_profile(p.call).form
    assert page.chapters.currentRow() == row_of(form, "budget_items") and page.justification.line.currentData() == 3
    before = p.budget.lines[3].items[1].unit_price_krw
    type_into(qtbot, cell, "1억")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)
    settle()
    assert p.budget.lines[3].items[1].unit_price_krw == 100_000_000
    assert "budget.items_mismatch" in {f.code for f in w.doc.report.findings}
    assert "add up to" in page.justification.sum.text()
    w.doc.undo_stack.undo()
    settle()
    assert p.budget.lines[3].items[1].unit_price_krw == before
    assert "budget.items_mismatch" not in {f.code for f in w.doc.report.findings}


def test_organisation_details_and_a_bad_registration_number(sample_window, qtbot):
    w = sample_window
    page = plan(w)
    cell = page.focus_path("organisations[1].registration_number")
    assert page.chapters.currentRow() == row_of(load_profile(w.doc.proposal.call).form, "organisations")
    type_into(qtbot, cell, "123-45-67890")
    assert w.doc.proposal.organisations[1].registration_number == "123-45-67890"
    assert [str(f.shown) for f in w.doc.report.findings if f.code == "org.registration_invalid"] == [
        "organisations[1].registration_number"]


def test_a_second_form_gives_other_chapters(sample_window, tmp_path, monkeypatch):
    folder = tmp_path / "calls"
    shutil.copytree(calls_dir(), folder)
    shutil.copy(os.path.join(os.path.dirname(__file__), "..", "forms", "calls", "test-other-form.toml"), folder)
    from forms import profile as module

    monkeypatch.setattr(module, "calls_dir", lambda: str(folder))
    monkeypatch.setattr(module, "_cache", {})
    w = sample_window
    proposal = w.doc.proposal.copy()
    proposal.call = "test-other-form"
    w.doc.load(proposal)
    page = plan(w)
    assert [page.chapters.item(i).text() for i in range(page.chapters.count())] == [
        "I. Overview", "II. Plan and people", "III. Budget"]
    assert list(page.section_boxes) == ["overview", "work_plan", "summary"]
    assert page.section_boxes["summary"].title() == "Abstract"
    form = load_profile("test-other-form").form
    assert page.chapter_of(page.tasks) == page.chapter_of(page.researchers) == row_of(form, "tasks")
    assert page.chapter_of(page.equipment) == row_of(form, "equipment")
    assert page.chapter_of(page.indicators) == -1  # this form has no indicators
