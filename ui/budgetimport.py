"""File → "Import the budget from Excel…": what the workbook would change (lines added, removed,
moved, amounts changed, justification rows dropped), shown before anything is applied; the
window applies it as one undo step."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.base.i18n import _, current_language
from forms.files.budgetsheet import BudgetChanges, Names, describe
from forms.money import format_won


class BudgetImportDialog(QDialog):
    """The preview: one row per change; Apply takes the workbook's budget, Cancel nothing. When
    Apply would drop the justification rows of removed lines, the preview says how many and
    Cancel is the default button."""

    def __init__(self, changes: BudgetChanges, names: Names, file: str, parent: QWidget | None = None,
                 sheet: str = "") -> None:
        super().__init__(parent)
        lang = current_language()
        self.setWindowTitle(_("Import the budget from Excel"))
        self.summary = QLabel(_("{file}: {added}. Apply these changes to the budget?").format(
            file=file, added=changes.text(lang)))
        self.summary.setWordWrap(True)
        #: The sheet the lines were read from (the workbook's visible lines sheet).
        self.sheet = QLabel(_("Read from the sheet {sheet}.").format(sheet=sheet))
        self.sheet.setVisible(bool(sheet))
        #: Said apart, above the table, when Apply would drop justification rows; Cancel is then
        #: the default button, so Enter keeps them.
        self.dropped = QLabel(changes.dropped_text(lang))
        self.dropped.setWordWrap(True)
        self.dropped.setStyleSheet("font-weight: bold")
        self.dropped.setVisible(bool(changes.dropped_items))
        rows = ([(_("Added"), describe(line, names, lang), None, line.amount_krw) for line in changes.added]
                + [(_("Removed"), describe(line, names, lang), line.amount_krw, None) for line in changes.removed]
                + [(_("Changed"), describe(new, names, lang), old.amount_krw, new.amount_krw)
                   for old, new in changes.changed]
                + [(_("Moved"), f"{describe(old, names, lang)} → {describe(new, names, lang)}", old.amount_krw,
                    new.amount_krw) for old, new in changes.moved])
        self.table = QTableWidget(len(rows), 4)
        self.table.setAccessibleName(_("Changes to the budget"))
        self.table.setHorizontalHeaderLabels([_("Change"), _("Budget line"), _("Before"), _("After")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, (kind, line, before, after) in enumerate(rows):
            texts = [kind, line, "" if before is None else format_won(before, lang),
                     "" if after is None else format_won(after, lang)]
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(_("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.sheet)
        box.addWidget(self.dropped)
        box.addWidget(self.table, 1)
        box.addWidget(buttons)
        self.resize(760, 420)
        self._keep = bool(changes.dropped_items)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The default button, set once the buttons are in the dialog: Cancel when Apply would drop
        justification rows (Enter keeps them), else Apply."""
        super().showEvent(event)
        default, other = ((self.cancel_button, self.apply_button) if self._keep
                          else (self.apply_button, self.cancel_button))
        other.setAutoDefault(False)
        other.setDefault(False)
        default.setDefault(True)
        if self._keep:
            default.setFocus()
