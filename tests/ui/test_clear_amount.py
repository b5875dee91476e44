"""Delete in an amount cell of the budget grid clears it as one undo step, never to a 0-won line:
a line whose row has other years goes, a row's last line stays with no amount entered; the
workbook and the packet show no figure for it."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from forms.model import BudgetLine
from forms.sample import SAMPLES
from forms.steps import STEPS, Step
from reports.export import write_packet
from tests.reports.pdfcheck import all_text
from tests.ui.helpers import edit_cell, settle

UNDO = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _open(window, store, super_regional):
    # DGIST's only commissioned R&D: a row of the grid with this line alone
    super_regional.budget.lines.append(BudgetLine(2023, "dgist", "commissioned", "national", 1_000_000))
    window.doc.load(super_regional, store.create(super_regional))
    window.go(STEPS.index(Step.BUDGET))
    return window.budget.model, window.budget.table


def _press(qtbot, table, row, col, key, modifiers=Qt.KeyboardModifier.NoModifier):
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, col))
    qtbot.keyClick(table, key, modifiers)
    settle()


def test_delete_removes_a_line_whose_row_has_other_years_and_undo_brings_it_back(window, store, super_regional, qtbot):
    model, table = _open(window, store, super_regional)
    doc = window.doc
    row = next(r for r, gr in enumerate(model.grid.rows) if len(gr.cells) == 3)
    col = model.year_column(2024)
    line = doc.proposal.budget.lines[model.grid.rows[row].cells[2024]]
    count, steps = len(doc.proposal.budget.lines), doc.undo_stack.count()
    _press(qtbot, table, row, col, Qt.Key.Key_Delete)
    assert model.data(model.index(row, col)) == ""
    assert len(doc.proposal.budget.lines) == count - 1 and line.id not in {x.id for x in doc.proposal.budget.lines}
    assert model.rowCount() - 1 == len(model.grid.rows) and model.grid.rows[row].cells.keys() == {2023, 2025}
    assert table.currentIndex().row() == row  # the cursor stays on the cell
    assert doc.undo_stack.count() == steps + 1
    _press(qtbot, table, row, col, *UNDO)
    assert doc.proposal.budget.lines[model.grid.rows[row].cells[2024]] == line
    assert model.data(model.index(row, col)) != ""


def test_delete_on_a_rows_only_line_leaves_an_empty_cell_that_the_workbook_and_packet_leave_empty(
        window, store, super_regional, qtbot, tmp_path):
    model, table = _open(window, store, super_regional)
    doc = window.doc
    index = len(doc.proposal.budget.lines) - 1
    line_id = doc.proposal.budget.lines[index].id
    row, col = model.grid.row_of_line(index), model.year_column(2023)
    rows, steps = model.rowCount(), doc.undo_stack.count()
    _press(qtbot, table, row, col, Qt.Key.Key_Delete)
    assert model.data(model.index(row, col)) == ""
    assert model.rowCount() == rows  # the row stays under the cursor
    line = doc.proposal.budget.lines[index]
    assert line.id == line_id and line.no_amount and line.amount_krw == 0
    assert [f.code for f in model.marks.get((row, col), [])] == ["budget.amount_missing"]
    assert doc.undo_stack.count() == steps + 1

    book, packet = tmp_path / "b.xlsx", tmp_path / "p.pdf"
    write_packet(doc.proposal, str(book), lang="en", draft=True, fmt="xlsx")
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert next(r for r in sheet.iter_rows(min_row=2) if r[6].value == line_id)[5].value is None
    write_packet(doc.proposal, str(packet), lang="en", draft=True)
    sample = tmp_path / "sample.pdf"  # the sample's own commissioned R&D, and nothing of the cleared line
    write_packet(SAMPLES["super_regional"](), str(sample), lang="en", draft=True)
    assert all_text(packet.read_bytes()).count("CommissionedR&D") == all_text(sample.read_bytes()).count("CommissionedR&D")

    _press(qtbot, table, row, col, *UNDO)
    line = doc.proposal.budget.lines[index]
    assert line.amount_krw == 1_000_000 and not line.no_amount
    assert model.data(model.index(row, col)) != ""


def test_backspace_then_enter_clears_the_amount_too(window, store, super_regional, qtbot):
    model, table = _open(window, store, super_regional)
    doc = window.doc
    index = len(doc.proposal.budget.lines) - 1
    row, col = model.grid.row_of_line(index), model.year_column(2023)
    steps = doc.undo_stack.count()
    _press(qtbot, table, row, col, Qt.Key.Key_Backspace)
    editor = table.focusWidget()
    assert editor is not table and editor.text() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle()
    line = doc.proposal.budget.lines[index]
    assert line.no_amount and line.amount_krw == 0
    assert model.data(model.index(row, col)) == ""
    assert doc.undo_stack.count() == steps + 1
    # typing an amount again is one step too, and settles the rule
    edit_cell(qtbot, table, row, col, "500")
    line = doc.proposal.budget.lines[index]
    assert not line.no_amount and line.amount_krw == 500_000  # the entry unit: thousand won
    assert "budget.amount_missing" not in {f.code for f in doc.report.findings}
    assert doc.undo_stack.count() == steps + 2
