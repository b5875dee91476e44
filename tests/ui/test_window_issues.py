"""What an official hits in the window, driven as they did it: typing a row of years, deleting an
organisation that lines depend on, the window's size on a laptop, proposals that pile up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from forms.steps import STEPS, Step
from tests.ui.helpers import _editor, keys, settle


def _budget(w):  # noqa: ANN001, ANN202
    w.go(STEPS.index(Step.BUDGET))
    return w.budget


def test_a_row_of_years_typed_with_tab_and_enter_keeps_every_amount(sample_window, qtbot):
    w = sample_window
    page = _budget(w)
    table, model = page.table, page.model
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle()
    row = model.grid.row_of_line(len(w.doc.proposal.budget_lines) - 1)
    first = model.year_column(2024)
    rect = table.visualRect(model.index(row, first))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = _editor(table, QLineEdit)
    keys(qtbot, editor, "111")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    settle()
    assert table.currentIndex().row() == row and table.currentIndex().column() == first + 1
    keys(qtbot, QApplication.focusWidget(), "222")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle()
    amounts = {line.year: line.amount_krw for line in w.doc.proposal.budget_lines
               if model.grid.row_of_line(w.doc.proposal.budget_lines.index(line)) == row}
    unit = model.unit.value
    assert amounts[2024] == 111 * unit and amounts[2025] == 222 * unit
    # The cursor stays where the commit left it, and the arrow keys move it.
    current = table.currentIndex()
    assert current.isValid() and current.row() == row and current.column() == first + 1
    qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == first
