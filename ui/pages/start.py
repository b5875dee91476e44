"""Step 1: start a new proposal from a call profile, reopen a recent one, or import a file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.i18n import _
from forms.steps import Step
from ui.pages.base import Page


class StartPage(Page):
    step = Step.START
    new_requested = Signal(str)
    open_requested = Signal(str)
    import_requested = Signal()
    #: (action, proposal id) for "rename", "duplicate", "delete"; ("restore", "") for a deleted one
    manage_requested = Signal(str, str)

    def __init__(self, doc, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(doc, parent)
        self.new_box = QGroupBox()
        self.call = QComboBox()  # filled by load_calls()
        self.call_label = QLabel()
        self.call_label.setBuddy(self.call)
        self.new_button = QPushButton()
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(lambda: self.new_requested.emit(self.call.currentData()))
        form = QFormLayout(self.new_box)
        form.addRow(self.call_label, self.call)
        form.addRow(self.new_button)

        self.current = QLabel()
        self.current.setWordWrap(True)

        self.recent_box = QGroupBox()
        self.recent = QListWidget()
        self.recent.itemActivated.connect(lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_requested)
        self.rename_button, self.duplicate_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        for button, action in ((self.rename_button, "rename"), (self.duplicate_button, "duplicate"),
                               (self.delete_button, "delete")):
            button.clicked.connect(lambda _c=False, a=action: self._manage_selected(a))
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.manage_requested.emit("restore", ""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.import_button)
        box = QVBoxLayout(self.recent_box)
        box.addWidget(self.recent)
        box.addLayout(buttons)

        self.layout_.addWidget(self.current)
        self.layout_.addWidget(self.new_box)
        self.layout_.addWidget(self.recent_box, 1)
        self._infos: list = []
        self._opening = False

    def load_calls(self) -> None:
        """Offer the calls whose profiles the app carries (the window shows before they load)."""
        from forms.profile import profile_ids

        if self.call.count():
            return
        for call_id in profile_ids():
            self.call.addItem(call_id, call_id)
        self._name_calls()

    def _name_calls(self) -> None:
        from forms.profile import load_profile

        for i in range(self.call.count()):
            self.call.setItemText(i, load_profile(self.call.itemData(i)).name.get(self.lang))

    def set_opening(self, opening: bool) -> None:
        """While the database is being opened, nothing can be created, opened or imported."""
        self._opening = opening
        for button in (self.new_button, self.import_button, self.restore_button):
            button.setEnabled(not opening)
        self.show_recent(self._infos)

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(_("Start a new proposal for a call, continue a recent one, or import an "
                             "exchange file (.json) received from a colleague."))
        self.new_box.setTitle(_("New proposal"))
        self.call_label.setText(_("&Call:"))
        if self.call.count():
            self._name_calls()
        self.call.setAccessibleName(_("Call"))
        self.new_button.setText(_("Ne&w proposal"))
        self.recent_box.setTitle(_("Recent proposals"))
        self.recent.setAccessibleName(_("Recent proposals"))
        self.open_button.setText(_("&Open"))
        self.import_button.setText(_("&Import a file…"))
        self.rename_button.setText(_("Rena&me…"))
        self.duplicate_button.setText(_("D&uplicate"))
        self.delete_button.setText(_("&Delete…"))
        self.restore_button.setText(_("Res&tore a deleted one…"))
        self.show_recent(self._infos)
        self.refresh("")

    def refresh(self, path: str) -> None:
        p = self.doc.proposal
        if p is None:
            self.current.setText(_("No proposal is open."))
        elif path in ("", "title.ko", "title.en", "type"):
            name = p.title.get(self.lang) or _("(untitled)")
            self.current.setText(_("Open now: {title}").format(title=name))

    def show_recent(self, infos: list) -> None:
        """``infos``: storage's ProposalInfo list, newest first."""
        self._infos = list(infos)
        selected = self.recent.currentItem().data(Qt.ItemDataRole.UserRole) if self.recent.currentItem() else None
        self.recent.clear()
        if self._infos:
            from forms import regions
            from forms.dates import official_date
            from forms.model import label
        if self._opening:
            waiting = QListWidgetItem(_("Opening the database…"))
            waiting.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(waiting)
        for info in self._infos:
            name = info.title.get(self.lang) or _("(untitled)")
            where = regions.name(info.lead_region, info.updated_at.date(), self.lang) if info.lead_region else ""
            kind = label(info.type, self.lang) if info.type else ""
            detail = " · ".join(x for x in (kind, where, official_date(info.updated_at.date(), self.lang)) if x)
            item = QListWidgetItem(f"{name}\n{detail}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.recent.addItem(item)
            if info.id == selected:
                self.recent.setCurrentItem(item)
        for button in (self.open_button, self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(bool(self._infos) and not self._opening)

    def _open_selected(self) -> None:
        item = self.recent.currentItem() or self.recent.item(0)
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _manage_selected(self, action: str) -> None:
        item = self.recent.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.manage_requested.emit(action, item.data(Qt.ItemDataRole.UserRole))

    def widget_for(self, path: str) -> QWidget | None:
        return self.call if path == "call" else None
