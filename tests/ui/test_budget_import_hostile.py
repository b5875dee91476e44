"""File → "Import the budget from Excel…" with malformed and hostile workbooks: each is refused in
a message box in words (never an exception in the event loop), and the budget stays as it was."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.hostile_workbooks import CASES, hidden_copy_first, hostile_bytes
from ui.budgetimport import BudgetImportDialog


@pytest.fixture
def said(monkeypatch):
    out: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: out.append(a[2])))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: out.append(box.text() + "\n" + box.detailedText()))
    return out


def test_every_hostile_workbook_is_refused_in_a_message(sample_window, tmp_path, monkeypatch, said):
    w = sample_window
    before = [(x.id, x.amount_krw) for x in w.doc.proposal.budget.lines]
    for case in sorted(CASES):
        book = tmp_path / f"{case}.xlsx"
        book.write_bytes(hostile_bytes(w.doc.proposal, case))
        monkeypatch.setattr("ui.files.chosen", lambda dialog, b=book: [str(b)])
        said.clear()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            w.import_budget()
        assert len(said) == 1, case
        assert CASES[case][1] in said[0], (case, said[0][:2000])
        assert len(said[0]) < 64 * 1024
        assert [(x.id, x.amount_krw) for x in w.doc.proposal.budget.lines] == before


def test_the_preview_names_the_visible_sheet_it_read(sample_window, tmp_path, monkeypatch):
    w = sample_window
    book = tmp_path / "hidden.xlsx"
    book.write_bytes(hidden_copy_first(w.doc.proposal))
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(book)])
    before = [x.amount_krw for x in w.doc.proposal.budget.lines]
    w.doc.proposal.budget.lines[0].amount_krw += 1  # so that the workbook changes something
    seen = {}

    def accept(dialog):
        seen["sheet"] = dialog.sheet.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BudgetImportDialog, "exec", accept)
    w.import_budget()
    assert seen["sheet"] == "Read from the sheet Budget lines."
    assert [x.amount_krw for x in w.doc.proposal.budget.lines] == before  # not the hidden copy's ×10
