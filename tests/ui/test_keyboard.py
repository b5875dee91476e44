"""Keyboard-only use: every input has an accessible name, labels carry mnemonics to their
fields, and the steps can be walked with shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from forms.base import i18n
from forms.steps import STEPS, Step

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def _inside_composite(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_inputs(window) -> list[str]:
    missing = []
    for page in window.pages:
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, INPUTS):
                continue
            if isinstance(widget, QHeaderView) or _inside_composite(widget):
                continue  # a part of a composite widget (a table's header, a drop-down's list, …)
            if not widget.accessibleName():
                missing.append(f"{type(page).__name__}: {type(widget).__name__}")
    return missing


def test_every_input_has_an_accessible_name_in_both_languages(sample_window):
    assert unnamed_inputs(sample_window) == []
    i18n.set_language("ko")
    assert unnamed_inputs(sample_window) == []
    assert sample_window.plan.title_edits["ko"].accessibleName() == "과제명 (국문)"


def test_labels_have_mnemonics_and_buttons_have_shortcut_letters(sample_window):
    for page in sample_window.pages:
        for label in page.findChildren(QLabel):
            if label.buddy() is not None:
                assert "&" in label.text(), label.text()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(page) and button.text() and page.step not in (Step.TYPE,):
                assert "&" in button.text(), button.text()


def test_steps_are_walked_with_ctrl_page_keys(sample_window, qtbot):
    w = sample_window
    w.go(0)
    w.steps.setFocus()
    for expected in range(1, len(STEPS)):
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert w.steps.currentRow() == expected
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.steps.currentRow() == len(STEPS) - 2


def test_without_a_proposal_only_the_start_step_is_open(window):
    assert isinstance(window.steps, QListWidget)
    flags = [bool(window.steps.item(i).flags() & Qt.ItemFlag.ItemIsEnabled) for i in range(len(STEPS))]
    assert flags == [True] + [False] * (len(STEPS) - 1)
    window.go(STEPS.index(Step.BUDGET))
    assert window.steps.currentRow() == 0
