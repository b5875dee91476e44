"""A row added to a record table puts the cursor on the cell the new row must fill first (the one
the checks mark as missing), so what is typed next lands there and not in the row's first cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import keys, settle


@pytest.mark.parametrize(("table", "lang"), [("equipment", "ko"), ("researchers", "en"), ("deliverables", "ko")])
def test_typing_after_add_row_goes_to_the_first_missing_cell(sample_window, qtbot, table, lang):
    w = sample_window
    i18n.set_language(lang)
    w.go(STEPS.index(Step.PLAN))
    page = w.plan
    editor = page.researchers.people if table == "researchers" else getattr(page, table)
    page.show_chapter(page.chapter_of(editor))
    settle()
    count = len(getattr(w.doc.proposal, table))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    settle()
    keys(qtbot, QApplication.focusWidget(), "분광기 A")
    settle()
    records = getattr(w.doc.proposal, table)
    assert len(records) == count + 1
    assert records[-1].name.ko == "분광기 A"
    assert editor.table.currentRow() == count
