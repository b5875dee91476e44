"""The budget workbook from the window: the Export step's format choice, and File → "Import the
budget from Excel…" with its preview, applied as one undo step."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from forms.steps import STEPS, Step
from ui.budgetimport import BudgetImportDialog


def _export_workbook(w, qtbot, out):
    w.go(STEPS.index(Step.EXPORT))
    page = w.export
    page.format.setCurrentIndex(page.format.findData("xlsx"))
    assert page.file.text().endswith(".xlsx")
    page.file.setText(str(out))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.done_box.isVisible()
    return out


def test_export_step_writes_the_workbook_and_the_suffix_follows_the_format(sample_window, qtbot, tmp_path):
    w = sample_window
    out = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.worksheets[0].max_row == len(w.doc.proposal.budget.lines) + 1
    w.export.format.setCurrentIndex(w.export.format.findData("pdf"))
    assert w.export.file.text() == str(tmp_path / "budget.pdf")


def test_import_budget_previews_then_applies_as_one_undo_step(sample_window, qtbot, tmp_path, monkeypatch):
    w = sample_window
    book = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["F2"] = before[0] + 1_000_000
    ws.delete_rows(3)
    ws.append([2024, ws["B2"].value, "Research materials", "National funds", None, "2,000천원"])
    wb.save(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(book), "")))
    seen = {}

    def accept(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        seen["summary"] = dialog.summary.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BudgetImportDialog, "exec", accept)
    undo_count = w.doc.undo_stack.count()
    w.menus.import_budget.trigger()
    assert [r[0] for r in seen["rows"]] == ["Added", "Removed", "Changed"]
    assert seen["rows"][0][3] == "2,000,000 won" or "2,000,000" in seen["rows"][0][3]
    assert "1 line added, 1 removed, 1 amount changed" in seen["summary"]
    lines = w.doc.proposal.budget.lines
    assert len(lines) == len(before) and lines[0].amount_krw == before[0] + 1_000_000
    assert lines[-1].amount_krw == 2_000_000 and lines[-1].category == "materials"
    assert w.stack.currentWidget() is w.budget
    assert w.doc.undo_stack.count() == undo_count + 1
    w.doc.undo_stack.undo()
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before


def test_import_budget_cancelled_or_unreadable_changes_nothing(sample_window, qtbot, tmp_path, monkeypatch,
                                                               _no_modal_boxes):
    w = sample_window
    book = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["F2"] = 1
    wb.save(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(book), "")))
    monkeypatch.setattr(BudgetImportDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    w.menus.import_budget.trigger()
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before
    wb.worksheets[0]["F3"] = -1
    wb.save(book)
    said = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    w.menus.import_budget.trigger()
    assert said and "Budget lines!F3: An amount cannot be negative." in said[0]
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before


def test_export_step_writes_the_hwpx_copy(sample_window, qtbot, tmp_path):
    import zipfile

    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    page = w.export
    page.format.setCurrentIndex(page.format.findData("hwpx"))
    assert page.file.text().endswith(".hwpx")
    out = tmp_path / "packet.hwpx"
    page.file.setText(str(out))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.done_box.isVisible()
    with zipfile.ZipFile(out) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/hwp+zip"
