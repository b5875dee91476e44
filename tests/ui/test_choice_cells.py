"""A drop-down in a table's cell, driven from the keyboard as a person does: once its editor is open
the arrow keys move within the list (not to other rows), Enter or Tab choose, Escape goes back,
and typed letters (or Korean initial consonants) jump to a choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import keys, settle
from ui.choice_keys import initials, matches

CATEGORY = 1  # the budget grid's column of the line's category


def _focused():
    settle()
    return QApplication.focusWidget()


def _open_category(w, qtbot, row=0):
    """The budget grid's category cell of ``row``, its editor opened with F2; the index of the
    category it holds among the choices, and the choices."""
    w.go(STEPS.index(Step.BUDGET))
    page = w.budget
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, CATEGORY))
    codes = [code for code, _name in page.model.choices(CATEGORY)]
    held = codes.index(page.model.grid.rows[row].key[CATEGORY])
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = _focused()
    assert isinstance(editor, QComboBox)
    return page, held, codes


def _category(page, row=0):
    return page.model.grid.rows[row].key[CATEGORY]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_arrow_keys_move_within_an_open_drop_down_and_enter_chooses(sample_window, qtbot, lang):
    i18n.set_language(lang)
    page, held, codes = _open_category(sample_window, qtbot)
    step = 1 if held + 4 < len(codes) else -1
    for _ in range(4):
        qtbot.keyClick(_focused(), Qt.Key.Key_Down if step > 0 else Qt.Key.Key_Up)
    assert isinstance(_focused(), QComboBox)  # still the cell's drop-down, not another row
    assert _category(page) == codes[held]  # nothing chosen yet
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    settle()
    assert _category(page) == codes[held + 4 * step]
    assert page.table.currentIndex().row() == 0


def test_escape_leaves_the_cell_as_it_was_and_tab_chooses_and_moves_on(sample_window, qtbot):
    i18n.set_language("ko")
    page, held, codes = _open_category(sample_window, qtbot)
    step = 1 if held + 2 < len(codes) else -1
    undo = sample_window.doc.undo_stack.count()
    for _ in range(2):
        qtbot.keyClick(_focused(), Qt.Key.Key_Down if step > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(_focused(), Qt.Key.Key_Escape)
    settle()
    assert _category(page) == codes[held]
    assert sample_window.doc.undo_stack.count() == undo
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.keyClick(_focused(), Qt.Key.Key_Down if step > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    settle()
    assert _category(page) == codes[held + step]
    assert sample_window.doc.undo_stack.count() == undo + 1
    assert page.table.currentIndex().column() == CATEGORY + 1  # on to the next cell


def test_typing_jumps_to_the_choice_it_begins_or_its_initial_consonants(sample_window, qtbot):
    i18n.set_language("ko")
    page, _held, codes = _open_category(sample_window, qtbot)
    names = dict(page.model.choices(CATEGORY))
    assert "activities" in codes
    target = names["activities"]  # 연구활동비
    keys(qtbot, _focused(), initials(target)[:3])  # ㅇㄱㅎ, as a Korean keyboard types it alone
    assert _focused().currentText() == target
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    settle()
    assert _category(page) == "activities"


def test_the_kind_of_an_organisation_moves_with_the_arrows_and_is_chosen_with_enter(sample_window, qtbot):
    w = sample_window
    i18n.set_language("ko")
    w.go(STEPS.index(Step.REGIONS))
    combo = w.regions._rows[0]["kind"]
    kind = w.doc.proposal.organisations[0].kind
    held = combo.currentIndex()
    step = 1 if held + 2 < combo.count() else -1
    combo.setFocus()
    undo = w.doc.undo_stack.count()
    for _ in range(2):
        qtbot.keyClick(_focused(), Qt.Key.Key_Down if step > 0 else Qt.Key.Key_Up)
    assert w.doc.proposal.organisations[0].kind == kind
    qtbot.keyClick(_focused(), Qt.Key.Key_Escape)
    assert w.doc.proposal.organisations[0].kind == kind
    assert combo.currentIndex() == held
    for _ in range(2):
        qtbot.keyClick(_focused(), Qt.Key.Key_Down if step > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    settle()
    assert w.doc.proposal.organisations[0].kind == combo.itemData(held + 2 * step)
    assert w.doc.undo_stack.count() == undo + 1  # one choice, one undo step


def test_initial_consonants_match_the_syllables_they_begin():
    assert initials("연구활동비") == "ㅇㄱㅎㄷㅂ"
    assert matches("ㅇㄱ", "연구활동비") and matches("연구", "연구활동비") and matches("re", "Research")
    assert not matches("ㄱ", "연구활동비") and not matches("x", "연구활동비")
