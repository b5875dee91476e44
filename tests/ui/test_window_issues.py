"""What an official hits in the window, driven as they did it: typing a row of years, deleting an
organisation that lines depend on, the window's size on a laptop, proposals that pile up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from forms.steps import STEPS, Step
from tests.ui.helpers import _editor, answer_next_box, keys, settle


def _budget(w):  # noqa: ANN001, ANN202
    w.go(STEPS.index(Step.BUDGET))
    return w.budget


def test_a_row_of_years_typed_with_tab_and_enter_keeps_every_amount(sample_window, qtbot):
    w = sample_window
    page = _budget(w)
    table, model = page.table, page.model
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle()
    row = model.grid.row_of_line(len(w.doc.proposal.budget.lines) - 1)
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
    amounts = {line.year: line.amount_krw for line in w.doc.proposal.budget.lines
               if model.grid.row_of_line(w.doc.proposal.budget.lines.index(line)) == row}
    unit = model.unit.value
    assert amounts[2024] == 111 * unit and amounts[2025] == 222 * unit
    # The cursor stays where the commit left it, and the arrow keys move it.
    current = table.currentIndex()
    assert current.isValid() and current.row() == row and current.column() == first + 1
    qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == first


def _remove_org(qtbot, w, row: int) -> None:  # noqa: ANN001
    w.go(STEPS.index(Step.REGIONS))
    page = w.regions
    page.table.selectRow(row)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    settle()


def test_removing_an_organisation_with_lines_asks_and_keeping_it_changes_nothing(sample_window, qtbot):
    w = sample_window
    p = w.doc.proposal
    org = p.organisations[1]
    lines = sum(1 for line in p.budget.lines if line.org == org.id)
    assert lines > 1
    seen: list[str] = []
    answer_next_box("Keep the organisation", seen)
    _remove_org(qtbot, w, 1)
    assert f"{lines} budget lines" in seen[0] and org.name.en in seen[0]
    assert w.doc.proposal.organisations[1] is org
    assert sum(1 for line in p.budget.lines if line.org == org.id) == lines


def test_removing_an_organisation_with_its_lines_is_one_undo_step(sample_window, qtbot):
    w = sample_window
    p = w.doc.proposal
    org, before = p.organisations[1], len(p.budget.lines)
    lines = sum(1 for line in p.budget.lines if line.org == org.id)
    answer_next_box("Remove it with them")
    _remove_org(qtbot, w, 1)
    p = w.doc.proposal
    assert org.id not in {o.id for o in p.organisations}
    assert len(p.budget.lines) == before - lines
    assert not any(f.path.startswith("budget.lines") and "org" in f.code.lower() for f in w.doc.report.findings)
    w.doc.undo_stack.undo()
    assert org.id in {o.id for o in w.doc.proposal.organisations} and len(w.doc.proposal.budget.lines) == before


def test_an_organisation_nothing_names_goes_without_a_question(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    qtbot.mouseClick(w.regions.add_button, Qt.MouseButton.LeftButton)
    settle()
    n = len(w.doc.proposal.organisations)
    _remove_org(qtbot, w, n - 1)  # a box here would fail the test
    assert len(w.doc.proposal.organisations) == n - 1


def test_the_window_fits_a_1366x768_laptop_with_its_buttons_and_status_bar(sample_window):
    from PySide6.QtCore import QRect

    w = sample_window
    available = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
    w.place_on_screen(available)
    settle()
    assert w.width() <= 1366 - w.FRAME[0] and w.height() <= 728 - w.FRAME[1]
    assert available.contains(w.geometry())
    for i, _step in enumerate(STEPS):
        w.go(i)
        settle()
        hint = w.minimumSizeHint()
        assert hint.width() <= w.width() and hint.height() <= w.height(), _step
        for widget in (w.next_button, w.back_button, w.statusBar()):
            top_left = widget.mapTo(w, widget.rect().topLeft())
            assert w.rect().contains(QRect(top_left, widget.size())), (_step, widget)


def test_the_window_opens_where_it_was_closed(app, qtbot, store):
    from ui.window import MainWindow

    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 560)
    first.move(40, 30)
    settle()
    size = first.size()
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    settle()
    assert second.size() == size
    second.close()
