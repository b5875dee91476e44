"""Driving the window as a person would: typing into widgets and table cells."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView, QWidget


def keys(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text``: ASCII as key presses, Hangul (and other non-ASCII) as the input method
    commits it, one syllable at a time, as a Korean keyboard does."""
    run = ""
    for ch in text:
        if ch.isascii():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)
    if run:
        qtbot.keyClicks(widget, run)


def type_into(qtbot, widget: QWidget, text: str, clear: bool = True) -> None:
    widget.setFocus()
    if clear and hasattr(widget, "selectAll"):
        widget.selectAll()
        if text == "":
            qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        keys(qtbot, widget, text)


def reopen(qtbot, window, store):
    """Save and close ``window``, then open its proposal in a new window on the same ``store``
    (what a later start of the app shows): the new window."""
    from ui.window import MainWindow

    pid = window.doc.proposal.id
    window.doc.flush()
    window.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    again.open_proposal(pid)
    return again


def settle() -> None:
    """Let the posted work run: the editor's commit, then the edit it schedules."""
    for _ in range(3):
        QApplication.processEvents()


def on_step(window, step):
    """``window`` at an official's 1366×768 screen (740 high inside its frame), on ``step``'s page,
    laid out: that page."""
    from forms.steps import STEPS

    window.resize(1366, 740)
    window.go(STEPS.index(step))
    settle()
    return window.page_of(step)


def destroy_closed() -> None:
    """Destroy now the widgets whose deletion is pending (``deleteLater``, as pytest-qt does with the
    widgets of a finished test). ``processEvents`` never runs these, so without this they pile up
    until the next test that waits in an event loop, which then spends seconds tearing down every
    earlier window (holding the interpreter, so the autosave thread cannot run meanwhile either)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _editor(table: QTableView, kind: type) -> QWidget:
    settle()
    editors = [w for w in table.viewport().findChildren(kind) if w.isVisible()]
    assert len(editors) == 1, f"expected one open {kind.__name__} editor, found {len(editors)}"
    return editors[0]


def type_in_cell(qtbot, table: QTableView, row: int, col: int, text: str) -> QLineEdit:
    """Open the cell's editor and type ``text`` over its content (not committed yet)."""
    index = table.model().index(row, col)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = _editor(table, QLineEdit)
    editor.selectAll()
    keys(qtbot, editor, text)
    return editor


def edit_cell(qtbot, table: QTableView, row: int, col: int, text: str) -> None:
    """Open the cell's editor, type ``text`` and press Enter."""
    qtbot.keyClick(type_in_cell(qtbot, table, row, col, text), Qt.Key.Key_Return)
    settle()


def choose_in_cell(qtbot, table: QTableView, row: int, col: int, code: str) -> None:
    """Open the cell's drop-down, pick ``code`` and press Enter."""
    index = table.model().index(row, col)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = _editor(table, QComboBox)
    found = combo.findData(code)
    assert found >= 0, f"{code} is not offered"
    combo.setCurrentIndex(found)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    settle()


def choose(combo: QComboBox, code: str) -> None:
    """Pick an entry of a drop-down by its code (as a click on the entry would)."""
    found = combo.findData(code)
    assert found >= 0, f"{code} is not offered"
    combo.setCurrentIndex(found)


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


def answer_next_box(button: str, seen: list[str] | None = None) -> None:
    """Click ``button`` (its text without the Alt-letter mark) in the next message box that opens,
    keeping what it said in ``seen``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.append(box.text())
        for b in box.buttons():
            if b.text().replace("&", "") == button:
                b.click()
                return
        box.done(0)  # never left open: the test would wait for it forever
        raise AssertionError(f"no button {button!r} among {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, answer)


def answer_next_dialog(kind: type, answer) -> None:
    """Call ``answer(dialog)`` on the next modal dialog of type ``kind`` that opens."""
    from PySide6.QtCore import QTimer

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, look)
            return
        answer(dialog)

    QTimer.singleShot(0, look)


def answer_input_dialogs(monkeypatch, answers) -> list:
    """Answer each input dialog the window opens (a name, a choice) with the next of ``answers``,
    as a person typing it and pressing OK (None: pressing Cancel); returns the dialogs as they were shown, for their size."""
    from PySide6.QtWidgets import QComboBox, QDialog, QInputDialog, QLineEdit

    shown: list = []
    answers = iter(answers)

    def run(dialog) -> int:
        dialog.show()
        field = dialog.findChild(QComboBox) if dialog.comboBoxItems() else dialog.findChild(QLineEdit)
        shown.append({"width": dialog.width(), "text": dialog.textValue(), "items": dialog.comboBoxItems(),
                      "field": field, "field_width": field.width()})
        answer = next(answers)
        dialog.hide()
        if answer is None:  # Cancel
            return QDialog.DialogCode.Rejected
        dialog.setTextValue(answer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", run)
    return shown
