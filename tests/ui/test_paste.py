"""Copy and paste in the budget grid through the real clipboard, as from and to a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.steps import STEPS, Step

CTRL = Qt.KeyboardModifier.ControlModifier


def _budget(w, qtbot):
    w.go(STEPS.index(Step.BUDGET))
    page = w.budget
    page.table.setFocus()
    return page


def _select(page, row, col):
    page.table.setCurrentIndex(page.model.index(row, col))


def _amount(w, page, row, year):
    return page.model.grid.amount(w.doc.proposal, row, year)


def test_a_pasted_row_of_amounts_lands_from_the_current_cell_as_one_undo_step(sample_window, qtbot):
    w = sample_window
    page = _budget(w, qtbot)
    years = page.model.years
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    undo_count = w.doc.undo_stack.count()
    _select(page, 1, page.model.year_column(years[0]))
    QApplication.clipboard().setText("1,200\t55억\t 3,000천원 \r\n7\t8\t9\r\n")  # as Excel copies two rows
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
    unit = page.model.unit.value  # plain numbers are read in the entry unit (thousand won)
    assert [_amount(w, page, 1, y) for y in years] == [1200 * unit, 5_500_000_000, 3_000_000]
    assert [_amount(w, page, 2, y) for y in years] == [7 * unit, 8 * unit, 9 * unit]
    assert w.doc.undo_stack.count() == undo_count + 1
    assert page.input_error.text() == ""
    w.doc.undo_stack.undo()
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before


def test_an_unreadable_value_is_named_and_nothing_is_pasted(sample_window, qtbot):
    w = sample_window
    page = _budget(w, qtbot)
    years = page.model.years
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    undo_count = w.doc.undo_stack.count()
    _select(page, 0, page.model.year_column(years[0]))
    QApplication.clipboard().setText("100\t2x0\t300\n-5\t1\t2\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
    message = page.input_error.text()
    assert "Nothing was pasted: 2 values cannot be used." in message
    assert f"row 1, column {years[1]}: '2x0' is not an amount" in message
    assert f"row 2, column {years[0]}: An amount cannot be negative." in message
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before
    assert w.doc.undo_stack.count() == undo_count


def test_a_whole_spreadsheet_row_below_the_lines_adds_a_line(sample_window, qtbot):
    w = sample_window
    page = _budget(w, qtbot)
    p = w.doc.proposal
    count, rows = len(p.budget.lines), len(page.model.grid.rows)
    org = p.organisations[0]
    _select(page, page.model.totals_row, 0)  # below the last line: the totals row
    QApplication.clipboard().setText(f"{org.name.en}\t연구재료비\t국비\t\t10\t20\t30\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
    assert page.input_error.text() == ""
    assert len(w.doc.proposal.budget.lines) == count + 3
    new = w.doc.proposal.budget.lines[-3:]
    assert {(line.org, line.category, line.source) for line in new} == {(org.id, "materials", "national")}
    assert [line.amount_krw for line in new] == [10_000, 20_000, 30_000]
    assert len(page.model.grid.rows) == rows + 1


def test_ctrl_c_copies_the_selection_as_tab_separated_text_that_pastes_back(sample_window, qtbot):
    w = sample_window
    page = _budget(w, qtbot)
    model, table = page.model, page.table
    years = model.years
    first = model.index(0, model.year_column(years[0]))
    last = model.index(1, model.year_column(years[-1]))
    table.setCurrentIndex(first)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     table.visualRect(last).center())  # shift-click: the block between
    assert len(table.selectionModel().selectedIndexes()) == 2 * len(years)
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    text = QApplication.clipboard().text()
    rows = [r.split("\t") for r in text.rstrip("\n").split("\n")]
    assert rows == [[model.data(model.index(r, model.year_column(y))) for y in years] for r in (0, 1)]
    # pasted into the next rows, the amounts arrive exactly
    expected = [[_amount(w, page, r, y) for y in years] for r in (0, 1)]
    _select(page, 2, model.year_column(years[0]))
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    assert [[_amount(w, page, r, y) for y in years] for r in (2, 3)] == expected


def test_a_refused_paste_is_said_once_and_forgotten_on_undo_or_the_next_edit(sample_window, qtbot):
    from forms.base import i18n
    from tests.ui.helpers import edit_cell, settle

    w = sample_window
    i18n.set_language("ko")
    page = _budget(w, qtbot)
    years = page.model.years
    col = page.model.year_column(years[0])
    edit_cell(qtbot, page.table, 0, col, "1,234")  # something to undo
    _select(page, 1, col)
    QApplication.clipboard().setText("2x0\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
    assert page.input_error.text().startswith("붙여넣지 않았습니다")
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    settle()
    assert _amount(w, page, 0, years[0]) != 1_234_000  # undone
    assert page.input_error.text() == ""
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
    assert page.input_error.text() != ""
    edit_cell(qtbot, page.table, 2, col, "77")  # the next edit that is taken
    assert page.input_error.text() == ""


def test_a_new_row_with_an_unknown_organisation_is_named_as_it_was_pasted(sample_window, qtbot):
    from forms.base import i18n

    w = sample_window
    page = _budget(w, qtbot)
    count = len(w.doc.proposal.budget.lines)
    _select(page, page.model.totals_row, 0)  # below the last line: the rows pasted are new
    QApplication.clipboard().setText("Nobody Ltd\t연구재료비\t국비\t\t10\n")
    for lang, where in (("en", "line 1 of the pasted text (a new row), column Organisation"),
                        ("ko", "붙여넣은 텍스트의 1번째 줄(새 행), 기관명 열")):
        i18n.set_language(lang)
        qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL)
        lines = page.input_error.text().split("\n")
        assert len(lines) == 2, lines  # the refusal and the one value it is about
        assert lines[1].startswith(where + ": "), lines
        assert str(page.model.totals_row + 1) not in lines[1]
    assert len(w.doc.proposal.budget.lines) == count
