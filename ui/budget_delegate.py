"""The budget grid's cell editors: a drop-down for a line's organisation, category, source and
paying region; for an amount, a text box that keeps what was typed until it can be read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from ui import choice_keys
from ui.budget_model import KEY_FIELDS


class KeyDelegate(QStyledItemDelegate):
    """A drop-down for the organisation, category, source and paying region of a line; for an
    amount, a text box that keeps what was typed: while the amount cannot be read it stays open
    (or opens again, if the cell was left by a click or an arrow key), and a repaint or a language
    switch never replaces the typing with the stored amount."""

    _COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._editor: QLineEdit | None = None

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802, ANN001
        if index.column() >= len(KEY_FIELDS):
            editor = super().createEditor(parent, option, index)
            editor.setProperty("amountCell", True)
            model = index.model()
            editor.textEdited.connect(lambda _text: model.input_rejected.emit(None))  # a new try: no old message
            self._editor = editor
            return editor
        combo = QComboBox(parent)
        for code, name in index.model().choices(index.column()):
            combo.addItem(name, code)
        # As wide as its longest item (see updateEditorGeometry), and a choice applies at once:
        # not only when the cell is left.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.activated.connect(lambda _index, c=combo: self._chosen(c))  # a click in the open list
        return choice_keys.install(combo)  # arrows and letters move within the list; Enter or Tab choose

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802, ANN001
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, QComboBox):  # a narrow column's drop-down is not squeezed to it
            rect = editor.geometry()
            rect.setWidth(max(rect.width(), editor.sizeHint().width()))
            editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))
        elif isinstance(editor, QLineEdit) and editor.isModified():
            return  # what the official is typing stays
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802, ANN001
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()
        if model.setData(index, value, Qt.ItemDataRole.EditRole) or not editor.property("amountCell"):
            return
        # The cell was left (a click, an arrow key) with an amount that cannot be read: the model
        # has said why; open the cell again with the text once this editor has closed.
        text, cell = editor.text(), QPersistentModelIndex(index)
        QTimer.singleShot(0, lambda: self._reopen(cell, text))

    def _reopen(self, cell: QPersistentModelIndex, text: str) -> None:
        view = self.parent()
        if not cell.isValid() or not view.isVisible():
            return  # the page was left: the message (which quotes the text) stays
        index = view.model().index(cell.row(), cell.column())
        view.setCurrentIndex(index)
        view.edit(index)
        if self._editor is not None and self._editor.isVisible():
            self._editor.setText(text)
            self._editor.setModified(True)
            self._editor.selectAll()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter or Tab on an amount that cannot be read: say why and keep the box open with the
        text, so it can be corrected rather than typed again."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit) and editor.property("amountCell")
                and event.key() in self._COMMIT_KEYS):
            model = self.parent().model()
            error = model.amount_error(editor.text())
            if error is not None:
                model.input_rejected.emit(error)
                editor.selectAll()
                return True
        return super().eventFilter(editor, event)
