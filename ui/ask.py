"""Asking for one line of text or one choice, in a dialog wide enough for what it shows.

Qt's ``QInputDialog.getText`` and ``getItem`` open at the width of their label: a proposal's title
or a deleted proposal's name and date was cut at both ends ("…소재 재사용 업사이클링 기술 개발").
These open as wide as their longest text, up to most of the window, and select the text."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QInputDialog, QLineEdit, QWidget

#: the room kept around the longest text: the dialog's margins, a combo box's arrow, a caret
_SLACK = 96


def _fit(dialog: QInputDialog, texts: list[str]) -> None:
    dialog.ensurePolished()
    field = dialog.findChild(QComboBox) or dialog.findChild(QLineEdit)
    metrics = (field or dialog).fontMetrics()
    widest = max((metrics.horizontalAdvance(t) for t in texts), default=0) + _SLACK
    parent = dialog.parentWidget()
    window = parent.window() if parent is not None else None
    room = int((window.width() if window is not None else dialog.screen().availableGeometry().width()) * 0.85)
    dialog.resize(max(dialog.sizeHint().width(), min(widest, room)), dialog.sizeHint().height())


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """The text typed (and whether OK was chosen), the field showing ``text`` whole."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    _fit(dialog, [text, label])
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, ok


def ask_item(parent: QWidget | None, title: str, label: str, items: list[str], current: int = 0) -> tuple[str, bool]:
    """The choice made among ``items`` (and whether OK was chosen), each shown whole."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setLabelText(label)
    if items:
        dialog.setTextValue(items[min(max(current, 0), len(items) - 1)])
    _fit(dialog, [*items, label])
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, ok
