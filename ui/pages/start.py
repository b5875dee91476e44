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

from forms.base.i18n import _
from forms.fieldpath import CALL, FieldPath
from forms.steps import Step
from ui.pages.base import Page

_DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
#: characters of a title the Delete button shows (the tooltip has all of it)
_BUTTON_TITLE = 24


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
        self.recent.currentItemChanged.connect(lambda *_a: self._name_buttons())
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
        if path == "":  # another proposal opened (or none): the list marks and selects it
            self._fill(select_open=True)
        elif path in ("title.ko", "title.en"):
            self._label_open()

    def _open_id(self) -> str | None:
        """The id of the proposal open now, if it is in the database."""
        p = self.doc.proposal
        return p.id if p is not None and not self.doc.unstored else None

    def _name_of(self, info) -> str:  # noqa: ANN001 - storage's ProposalInfo
        """The title the list shows: the open proposal's as typed this moment, not as last saved."""
        title = self.doc.proposal.title if info.id == self._open_id() else info.title
        return title.get(self.lang) or _("(untitled)")

    def show_recent(self, infos: list) -> None:
        """``infos``: storage's ProposalInfo list, newest first."""
        self._infos = list(infos)
        self._fill(select_open=False)

    def _fill(self, select_open: bool) -> None:
        """List the proposals, the open one marked. The selection stays where the user put it
        while that proposal is listed (unless ``select_open``); otherwise it is on the open one."""
        selected = self.selected_id()
        open_id = self._open_id()
        if select_open or selected not in {info.id for info in self._infos}:
            selected = open_id
        blocked = self.recent.blockSignals(True)
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
            where = regions.name(info.lead_region, info.updated_at.date(), self.lang) if info.lead_region else ""
            kind = label(info.type, self.lang) if info.type else ""
            detail = " · ".join(x for x in (kind, where, official_date(info.updated_at.date(), self.lang)) if x)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setData(_DETAIL_ROLE, detail)
            self._label(item, info)
            self.recent.addItem(item)
            if info.id == selected:
                self.recent.setCurrentItem(item)
        self.recent.blockSignals(blocked)
        self.open_button.setEnabled(bool(self._infos) and not self._opening)
        self._name_buttons()

    def _label(self, item: QListWidgetItem, info) -> None:  # noqa: ANN001
        name = self._name_of(info)
        is_open = info.id == self._open_id()
        if is_open:
            name = _("{title} (open now)").format(title=name)
        item.setText(f"{name}\n{item.data(_DETAIL_ROLE)}")
        font = item.font()
        font.setBold(is_open)
        item.setFont(font)

    def _label_open(self) -> None:
        """The open proposal's title was typed: its line in the list says so at once."""
        open_id = self._open_id()
        for row, info in enumerate(self._infos):
            if info.id == open_id and self.recent.item(row + self._opening) is not None:
                self._label(self.recent.item(row + self._opening), info)
        self._name_buttons()

    def selected_id(self) -> str | None:
        item = self.recent.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _name_buttons(self) -> None:
        """Rename, Duplicate and Delete act on the selected proposal; Delete names it."""
        chosen = next((info for info in self._infos if info.id == self.selected_id()), None)
        usable = chosen is not None and not self._opening
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(usable)
        if chosen is None:
            self.delete_button.setText(_("&Delete…"))
        else:
            name = self._name_of(chosen)
            short = name if len(name) <= _BUTTON_TITLE else name[:_BUTTON_TITLE - 1] + "…"
            self.delete_button.setText(_("&Delete “{title}”…").format(title=short))
            self.delete_button.setToolTip(_("Delete “{title}”").format(title=name))

    def _open_selected(self) -> None:
        item = self.recent.currentItem() or self.recent.item(0)
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _manage_selected(self, action: str) -> None:
        item = self.recent.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.manage_requested.emit(action, item.data(Qt.ItemDataRole.UserRole))

    def widget_for(self, path: str) -> QWidget | None:
        return self.call if FieldPath.parse(path) == CALL else None
