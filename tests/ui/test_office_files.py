"""The budget workbook from the window: the Export step's format choice, and File → "Import the
budget from Excel…" with its preview, applied as one undo step."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

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
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    seen = {}

    def accept(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        seen["summary"] = dialog.summary.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BudgetImportDialog, "exec", accept)
    undo_count = w.doc.undo_stack.count()
    w.menus.import_budget.trigger()
    assert [r[0] for r in seen["rows"]] == ["Added", "Removed", "Changed"]
    assert seen["rows"][0][3] == "KRW 2,000,000"
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
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
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


def _capture_preview(monkeypatch, answer=None):
    """The preview as shown: what it says, which button is the default, and what Enter does."""
    from PySide6.QtTest import QTest

    seen = {}

    def shown(dialog):
        dialog.show()
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        seen["summary"] = dialog.summary.text()
        seen["dropped"] = dialog.dropped.text() if dialog.dropped.isVisible() else ""
        seen["cancel default"] = dialog.cancel_button.isDefault()
        seen["apply default"] = dialog.apply_button.isDefault()
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        seen["enter"] = dialog.result()
        return seen["enter"] if answer is None else answer

    monkeypatch.setattr(BudgetImportDialog, "exec", shown)
    return seen


def test_preview_counts_the_justification_rows_dropped_and_cancel_is_the_default(sample_window, qtbot, tmp_path,
                                                                                 monkeypatch):
    """A workbook without the id column (written before it): a line moved to another year is
    removed and added again; the preview says how many justification rows would go, and Enter
    keeps them."""
    w = sample_window
    book = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    lines = w.doc.proposal.budget.lines
    rows = len(lines[0].items)
    assert rows > 1
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.delete_cols(7)
    ws["A2"] = 2030
    wb.save(book)
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    seen = _capture_preview(monkeypatch)
    before = [(x.id, x.year, len(x.items)) for x in lines]
    w.menus.import_budget.trigger()
    assert seen["dropped"] == f"{rows} justification rows of the removed lines will be dropped with them."
    assert seen["cancel default"] and not seen["apply default"]
    assert seen["enter"] == QDialog.DialogCode.Rejected
    assert [(x.id, x.year, len(x.items)) for x in w.doc.proposal.budget.lines] == before


def test_preview_shows_a_moved_line_that_keeps_its_rows_and_apply_is_the_default(sample_window, qtbot, tmp_path,
                                                                                  monkeypatch):
    w = sample_window
    book = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    first = w.doc.proposal.budget.lines[0]
    items = list(first.items)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["A2"] = 2030
    wb.save(book)
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    seen = _capture_preview(monkeypatch)
    w.menus.import_budget.trigger()
    assert seen["dropped"] == "" and seen["apply default"] and not seen["cancel default"]
    assert [r[0] for r in seen["rows"]] == ["Moved"]
    assert seen["rows"][0][1].startswith(str(first.year)) and "→ 2030" in seen["rows"][0][1]
    assert "1 moved to another year, source or paying region" in seen["summary"]
    assert seen["enter"] == QDialog.DialogCode.Accepted  # Enter applies when nothing would be dropped
    now = w.doc.proposal.budget.lines[0]
    assert (now.id, now.year, now.items) == (first.id, 2030, items)


def _capture_box(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    seen = {}

    def shown(box):
        box.show()
        seen["text"], seen["details"] = box.text(), box.detailedText()
        seen["height"] = box.frameGeometry().height()
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", shown)
    return seen


def test_many_unreadable_cells_are_listed_in_a_box_that_fits_the_screen(sample_window, qtbot, tmp_path, monkeypatch,
                                                                         _no_modal_boxes):
    w = sample_window
    book = _export_workbook(w, qtbot, tmp_path / "budget.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for r in range(2, 62):
        ws.cell(r, 2).value = "Nobody Inc."
    wb.save(book)
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    seen = _capture_box(monkeypatch)
    before = [x.org for x in w.doc.proposal.budget.lines]
    w.menus.import_budget.trigger()
    text = seen["text"]
    assert text.startswith("60 cells of ")
    assert [f"Budget lines!B{r}:" in text for r in range(2, 62)] == [True] * 10 + [False] * 50
    assert "… and 50 more." in text
    assert text.count("Use the name or id of one of this proposal's organisations:") == 1
    assert all(f"Budget lines!B{r}: 'Nobody Inc.' is not an organisation" in seen["details"] for r in range(2, 62))
    assert seen["height"] < 900  # within a 1000-pixel screen, its OK button seen
    assert [x.org for x in w.doc.proposal.budget.lines] == before


def test_a_workbook_of_another_proposal_is_refused_in_one_sentence(sample_window, qtbot, tmp_path, monkeypatch,
                                                                   _no_modal_boxes):
    from PySide6.QtWidgets import QMessageBox

    from forms.profile import load_profile
    from forms.sample import SAMPLES
    from forms.statement import state
    from reports.budget_workbook import workbook_bytes

    w = sample_window
    leap = SAMPLES["leap"]()
    book = tmp_path / "leap.xlsx"
    book.write_bytes(workbook_bytes(leap, state(leap, load_profile(leap.call)), "en"))
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    listed = _capture_box(monkeypatch)  # a list of cells would be the wrong answer
    before = [x.id for x in w.doc.proposal.budget.lines]
    w.menus.import_budget.trigger()
    assert not listed
    assert said == [f"{book} is the budget of another proposal, “{leap.title.en}”, not of this one, "
                    f"“{w.doc.proposal.title.en}”. Nothing was changed."]
    assert [x.id for x in w.doc.proposal.budget.lines] == before
