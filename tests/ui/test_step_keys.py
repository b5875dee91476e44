"""Keys meant for a page never switch pages: a click on a step hands the focus to the page, and
a letter or digit typed while the step list has the focus goes to the page, not to the step whose
name starts with it. The arrow keys still walk the steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.money import EntryUnit, parse_amount
from forms.steps import STEPS, Step
from tests.ui.helpers import settle

BUDGET, REVIEW = STEPS.index(Step.BUDGET), STEPS.index(Step.REVIEW)


def click_step(qtbot, window, row: int) -> None:
    rect = window.steps.visualItemRect(window.steps.item(row))
    qtbot.mouseClick(window.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_keys(qtbot, text: str) -> None:
    """Type as a keyboard does: every key to whatever has the focus at that moment."""
    for ch in text:
        key = {"\t": Qt.Key.Key_Tab, "\n": Qt.Key.Key_Return}.get(ch)
        target = QApplication.focusWidget()
        assert target is not None
        if key is None:
            qtbot.keyClicks(target, ch)
        else:
            qtbot.keyClick(target, key)
    settle()


def amount(window, row: int, year: int) -> int | None:
    model = window.budget.model
    line = model.line_at(model.index(row, model.year_column(year)))
    return None if line is None else window.doc.proposal.budget.lines[line].amount_krw


def test_amounts_typed_after_choosing_budget_in_the_steps_go_into_the_grid(sample_window, qtbot):
    w = sample_window
    w.activateWindow()
    w.go(BUDGET)
    table, model = w.budget.table, w.budget.model
    years = model.grid.years
    unit = EntryUnit.from_code(w.doc.proposal.budget.entry_unit)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(model.index(0, model.year_column(years[0]))).center())
    click_step(qtbot, w, REVIEW)
    click_step(qtbot, w, BUDGET)
    assert QApplication.focusWidget() is table  # at the cell clicked before
    type_keys(qtbot, "160,000\t130,000\n")
    assert w.steps.currentRow() == BUDGET
    assert amount(w, 0, years[0]) == parse_amount("160,000", unit)
    assert amount(w, 0, years[1]) == parse_amount("130,000", unit)


def test_a_digit_typed_in_the_step_list_does_not_open_another_step(sample_window, qtbot):
    w = sample_window
    w.activateWindow()
    w.go(BUDGET)
    w.steps.setFocus(Qt.FocusReason.TabFocusReason)  # reached with Tab: the focus stays in the list
    assert QApplication.focusWidget() is w.steps
    before = amount(w, 0, w.budget.model.grid.years[0])
    qtbot.keyClicks(w.steps, "7")
    assert w.steps.currentRow() == BUDGET
    assert QApplication.focusWidget() is not w.steps  # the digit went to the grid, opening its editor
    type_keys(qtbot, "\n")
    assert amount(w, 0, w.budget.model.grid.years[0]) == parse_amount("7", EntryUnit.from_code(w.doc.proposal.budget.entry_unit))
    assert before != amount(w, 0, w.budget.model.grid.years[0])


def test_arrow_keys_still_walk_the_steps(sample_window, qtbot):
    w = sample_window
    w.activateWindow()
    w.go(BUDGET)
    w.steps.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(w.steps, Qt.Key.Key_Down)
    assert w.steps.currentRow() == REVIEW
    assert QApplication.focusWidget() is w.steps
    qtbot.keyClick(w.steps, Qt.Key.Key_Up)
    assert w.steps.currentRow() == BUDGET
