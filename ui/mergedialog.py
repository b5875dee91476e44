"""File → "Merge a partner's copy…": every conflict side by side (base, ours, the partner's), a
choice per conflict or for all; nothing is applied until the official accepts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms import regions
from forms.base.i18n import _, current_language, translate_plural
from forms.merge import OURS, THEIRS, Conflict, MergeResult, where
from forms.model import Proposal


class MergeDialog(QDialog):
    """The conflicts of one merge. ``choices()`` gives conflict key → ours | theirs once accepted."""

    def __init__(self, result: MergeResult, partner: str, file: str, parent: QWidget | None = None,
                 changes: list[str] | None = None, chosen: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.merge_result, self.partner = result, partner
        self.conflicts: list[Conflict] = list(result.conflicts)
        self.setWindowTitle(_("Merge the copy from {partner}").format(partner=partner))
        if self.conflicts:
            text = translate_plural(
                "{file}: the copy from {partner} merges with the proposal, except for {count} conflict. Choose "
                "whose version to keep. Nothing changes until you apply.",
                "{file}: the copy from {partner} merges with the proposal, except for {count} conflicts. Choose "
                "for each whose version to keep. Nothing changes until you apply.",
                len(self.conflicts), current_language(), file=file, partner=partner)
        else:
            text = _("{file}: the copy from {partner} merges with the proposal without conflict. "
                     "Apply the merge?").format(file=file, partner=partner)
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)

        self.table = QTableWidget(len(self.conflicts), 3)
        self.table.setAccessibleName(_("Conflicts"))
        self.table.setHorizontalHeaderLabels([_("Where"), _("What happened"), _("Keep")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.pickers: list[QComboBox] = []
        lang = current_language()
        for row, c in enumerate(self.conflicts):
            item = QTableWidgetItem(where(c, lang))
            item.setToolTip(c.shown_path)
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(c.describe(lang)))
            picker = QComboBox()
            picker.addItem(_("— choose —"), None)
            picker.addItem(_("Ours"), OURS)
            picker.addItem(_("{partner}'s").format(partner=partner), THEIRS)
            picker.currentIndexChanged.connect(self._update)
            self.table.setCellWidget(row, 2, picker)
            self.pickers.append(picker)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._show_selected)

        sides = QWidget()
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        self.panes: dict[str, QPlainTextEdit] = {}
        titles = {"base": _("As sent (base)"), OURS: _("Ours, now"),
                  THEIRS: _("{partner}'s copy").format(partner=partner)}
        keyed = {"base": _("As sent (&base)"), OURS: _("Ours, &now"),
                 THEIRS: _("{partner}'s cop&y").format(partner=partner.replace("&", "&&"))}
        for col, (side, title) in enumerate(titles.items()):
            label = QLabel(keyed[side])  # plain text, so that its Alt+letter reaches the pane
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            pane = QPlainTextEdit()
            pane.setReadOnly(True)
            pane.setAccessibleName(title)
            label.setBuddy(pane)
            grid.addWidget(label, 0, col)
            grid.addWidget(pane, 1, col)
            self.panes[side] = pane

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(sides)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)

        self.all_ours = QPushButton(_("Keep &ours for all"))
        self.all_theirs = QPushButton(_("&Take {partner}'s for all").format(partner=partner.replace("&", "&&")))
        self.all_ours.clicked.connect(lambda: self.choose_all(OURS))
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        for button in (self.all_ours, self.all_theirs):
            button.setEnabled(bool(self.conflicts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(_("&Apply the merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.all_ours)
        row.addWidget(self.all_theirs)
        row.addStretch(1)
        row.addWidget(buttons)

        #: Every change the merge applies to ours besides the conflicts, one line each: the partner's
        #: other changes are listed, never applied unseen.
        self.changes = QListWidget()
        self.changes.setAccessibleName(_("What the copy from {partner} changes").format(partner=partner))
        self.changes.addItems(changes or [])
        if self.conflicts:
            changes_label = QLabel(_("Applied besi&des the conflicts, from the copy of {partner}:").format(
                partner=partner.replace("&", "&&")))
        else:
            changes_label = QLabel(_("What the copy from {partner} &changes:").format(
                partner=partner.replace("&", "&&")))
        changes_label.setBuddy(self.changes)

        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(split, 1)
        box.addWidget(changes_label)
        box.addWidget(self.changes, 1)
        box.addLayout(row)
        if not self.conflicts:
            split.hide()
        if not changes:
            changes_label.hide()
            self.changes.hide()
        self.resize(1000, 640)
        for c, picker in zip(self.conflicts, self.pickers, strict=True):
            if (chosen or {}).get(c.key) in (OURS, THEIRS):
                picker.setCurrentIndex(picker.findData(chosen[c.key]))
        if self.conflicts:
            self.table.selectRow(0)
        self._update()

    def choose(self, row: int, side: str) -> None:
        picker = self.pickers[row]
        picker.setCurrentIndex(picker.findData(side))

    def choose_all(self, side: str) -> None:
        for row in range(len(self.pickers)):
            self.choose(row, side)

    def choices(self) -> dict[str, str]:
        return {c.key: p.currentData() for c, p in zip(self.conflicts, self.pickers, strict=True)
                if p.currentData() in (OURS, THEIRS)}

    def _update(self) -> None:
        left = len(self.conflicts) - len(self.choices())
        self.apply_button.setEnabled(left == 0)
        self.apply_button.setToolTip(translate_plural("{count} conflict still to choose.",
                                                      "{count} conflicts still to choose.", left,
                                                      current_language()) if left else "")

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        c = self.conflicts[rows[0].row()]
        lang = current_language()
        for side, pane in self.panes.items():
            pane.setPlainText(c.shown_value(side, lang))


def ask_partner(p: Proposal, parent: QWidget | None = None) -> str:
    """The region or organisation a copy is for: one of the proposal's partner regions (its code)
    or organisations (its id), so it is named in whatever language the window is in later; or a
    name typed, as it is."""
    lang = current_language()
    offered = {regions.name(code, p.date, lang): code for code in p.partner_regions if code}
    offered.update({o.name.get(lang): o.id for o in p.organisations if o.name.get(lang) and o.id})
    name, ok = QInputDialog.getItem(parent, _("Send a copy to a partner"),
                                    _("Which region or organisation is the copy for?"), list(offered), 0, True)
    name = " ".join(name.split()) if ok else ""
    return offered.get(name, name)

