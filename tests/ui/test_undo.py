"""Undo and redo for every edit, with the standard shortcuts, budget cells included."""

from __future__ import annotations

from PySide6.QtCore import Qt

from forms.steps import STEPS, Step
from tests.ui.helpers import edit_cell, settle, type_into


def press(qtbot, widget, key, modifiers) -> None:
    qtbot.keyClick(widget, key, modifiers)
    settle()


UNDO = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
REDO = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_typing_is_one_step_and_ctrl_z_undoes_it_inside_the_text_box(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    edit = w.plan.title_edits["en"]
    before = w.doc.proposal.title.en
    type_into(qtbot, edit, "A new title")
    assert w.doc.proposal.title.en == "A new title"
    assert w.doc.undo_stack.count() == 1  # the keystrokes merged into one command
    press(qtbot, edit, *UNDO)
    assert w.doc.proposal.title.en == before
    assert edit.text() == before
    press(qtbot, edit, *REDO)
    assert w.doc.proposal.title.en == "A new title"
    assert edit.text() == "A new title"


def test_budget_cell_undo_and_redo_update_totals_and_findings(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    model, table = w.budget.model, w.budget.table
    row = next(r for r, gr in enumerate(model.grid.rows) if gr.key[2] == "local")
    line = model.grid.rows[row].cells[2023]
    before = w.doc.proposal.budget.lines[line].amount_krw
    total_before = model.data(model.index(model.totals_row, model.total_column))
    edit_cell(qtbot, table, row, model.year_column(2023), "0")
    assert w.doc.proposal.budget.lines[line].amount_krw == 0
    assert "budget.local_match_short" in {f.code for f in w.doc.report.findings}
    assert model.data(model.index(model.totals_row, model.total_column)) != total_before
    table.setFocus()
    press(qtbot, table, *UNDO)
    assert w.doc.proposal.budget.lines[line].amount_krw == before
    assert not w.doc.report.has_errors
    assert model.data(model.index(model.totals_row, model.total_column)) == total_before
    press(qtbot, table, *REDO)
    assert w.doc.proposal.budget.lines[line].amount_krw == 0
    assert w.step_state(Step.BUDGET) == "errors"


def test_adding_and_removing_an_organisation_undoes(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    count = len(w.doc.proposal.organisations)
    qtbot.mouseClick(w.regions.add_button, Qt.MouseButton.LeftButton)
    assert len(w.doc.proposal.organisations) == count + 1
    assert w.regions.table.rowCount() == count + 1
    assert "org.name_missing" in {f.code for f in w.doc.report.findings}
    w.menus.undo.trigger()
    assert len(w.doc.proposal.organisations) == count
    assert w.regions.table.rowCount() == count
    assert "org.name_missing" not in {f.code for f in w.doc.report.findings}
    w.menus.redo.trigger()
    assert w.regions.table.rowCount() == count + 1


def test_changing_the_type_rechecks_and_undoes(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.TYPE))
    qtbot.mouseClick(w.kind.cards["leap"][2], Qt.MouseButton.LeftButton)
    assert w.doc.proposal.type == "leap"
    assert "type.too_many_regions" in {f.code for f in w.doc.report.findings}
    assert w.step_state(Step.REGIONS) == "errors"
    assert w.menus.undo.isEnabled()
    w.menus.undo.trigger()
    assert w.doc.proposal.type == "super_regional"
    assert w.kind.cards["super_regional"][2].isChecked()
    assert not w.doc.report.has_errors


def test_ctrl_z_in_a_box_not_bound_to_the_proposal_undoes_the_typing_not_an_edit_elsewhere(sample_window, qtbot):
    """An open budget cell (typing not yet committed) and the packet's file name are ordinary text
    boxes: Ctrl+Z takes back what was typed there and leaves the proposal's edits alone."""
    from tests.ui.helpers import keys, type_in_cell

    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    title = w.plan.title_edits["en"]
    type_into(qtbot, title, "Edited title")
    assert w.doc.undo_stack.count() == 1

    w.go(STEPS.index(Step.BUDGET))
    model, table = w.budget.model, w.budget.table
    line = model.line_at(model.index(0, model.year_column(2024)))
    before = w.doc.proposal.budget.lines[line].amount_krw
    editor = type_in_cell(qtbot, table, 0, model.year_column(2024), "7")
    press(qtbot, editor, *UNDO)
    assert editor.text() != "7"  # the typing was taken back …
    assert w.doc.proposal.title.en == "Edited title"  # … and the title edit on the Plan page stays
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    settle()
    assert w.doc.proposal.budget.lines[line].amount_krw == before

    w.go(STEPS.index(Step.EXPORT))
    box = w.export.file
    box.setFocus()
    box.end(False)
    start = box.text()
    keys(qtbot, box, "_final")
    press(qtbot, box, *UNDO)
    assert box.text() == start
    assert w.doc.proposal.title.en == "Edited title"
    assert w.doc.undo_stack.count() == 1 and w.doc.undo_stack.canUndo()


def test_the_edit_menu_names_the_last_edit_in_the_language_of_the_moment(sample_window, qtbot):
    from forms.base import i18n

    i18n.set_language("en")
    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    type_into(qtbot, w.plan.title_edits["en"], "Another title")
    assert w.menus.undo.text() == "&Undo Title"
    i18n.set_language("ko")
    assert w.menus.undo.text() == "실행 취소(&U): 과제명"
    press(qtbot, w.plan.title_edits["en"], *UNDO)
    assert "과제명" in w.menus.redo.text() and "Title" not in w.menus.redo.text()
