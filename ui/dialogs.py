"""The window's dialogs: a damaged database, snapshots, opening a stored proposal, About, and
the call's rules with their sources."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms.base import app as appinfo
from forms.base.errors import InputError
from forms.base.i18n import _, current_language
from forms.base.paths import resource_path
from forms.dates import moment, official_date
from forms.profile import CallProfile
from forms.rules import RULES
from forms.rules.base import message_template
from forms.steps import STEPS, rule_step
from forms.steps import title as step_title
from ui import ask

BACKUP, NEW, QUIT = "backup", "new", "quit"


class RecoveryDialog(QMessageBox):
    """The database cannot be used: restore the latest backup, start a new one, or quit."""

    def __init__(self, message: str, has_backup: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("The database cannot be opened"))
        self.setText(message)
        self.setInformativeText(_("The file is kept untouched beside the new one in every case."))
        self.backup_button = self.addButton(_("Restore the latest &backup"), QMessageBox.ButtonRole.AcceptRole)
        self.backup_button.setEnabled(has_backup)
        if not has_backup:
            self.backup_button.setToolTip(_("There is no backup of this database yet."))
        self.new_button = self.addButton(_("Start a &new database"), QMessageBox.ButtonRole.DestructiveRole)
        self.quit_button = self.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.backup_button if has_backup else self.quit_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.backup_button:
            return BACKUP
        if clicked is self.new_button:
            return NEW
        return QUIT


def ask_recovery(message: str, has_backup: bool, parent: QWidget | None = None) -> str:
    dialog = RecoveryDialog(message, has_backup, parent)
    dialog.exec()
    return dialog.choice()


class PasswordDialog(QDialog):
    """The password of the login on a server, typed once (never shown); the app keeps it in the
    system's keychain when the server accepts it."""

    def __init__(self, account: str, wrong: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password for the server"))
        text = (_("The server did not accept the password of {account}. Type it again. The app keeps the one "
                  "that works in the system's keychain.") if wrong else
                _("The server asks for the password of {account}. Type it once. The app keeps it in the "
                  "system's keychain and takes it from there next time."))
        said = QLabel(text.format(account=account))
        said.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Password"))
        label = QLabel(_("&Password:"))
        label.setBuddy(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(said)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.field, 1)
        box.addLayout(row)
        box.addWidget(buttons)
        self.setMinimumWidth(420)


def ask_password(account: str, wrong: bool, parent: QWidget | None = None) -> str | None:
    """The password typed, or None when the person cancelled."""
    dialog = PasswordDialog(account, wrong, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    typed = dialog.field.text()
    dialog.field.clear()
    return typed if accepted else None


class OpenDialog(QDialog):
    """Choose one of the proposals stored in the database."""

    def __init__(self, infos: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = current_language()
        self.setWindowTitle(_("Open a proposal"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Stored proposals"))
        for info in infos:
            item = QListWidgetItem(f"{info.title.get(lang) or _('(untitled)')} — "
                                   f"{official_date(info.updated_at.date(), lang)}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.list)
        box.addWidget(buttons)
        self.resize(520, 360)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class SnapshotsDialog(QDialog):
    """Save the working copy under a name, compare two snapshots (or one with the working copy),
    and restore one. ``restored`` is set to the new version after a restore."""

    def __init__(self, store, proposal_id: str, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store, self.proposal_id = store, proposal_id
        self.restored: int | None = None
        self.setWindowTitle(_("Snapshots"))
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(_("Snapshots"))
        self.diff = QPlainTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setAccessibleName(_("Differences"))
        self.save_button = QPushButton(_("&Save a snapshot…"))
        self.save_button.clicked.connect(self.save)
        self.compare_button = QPushButton(_("&Compare"))
        self.compare_button.setToolTip(_("Select one snapshot to compare it with the current proposal, or two "
                                         "to compare them."))
        self.compare_button.clicked.connect(self.compare)
        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.clicked.connect(self.restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.compare_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)
        box.addWidget(QLabel(_("Differences:")))
        box.addWidget(self.diff, 1)
        box.addWidget(close)
        self.resize(640, 520)
        self.reload()

    def reload(self) -> None:
        lang = current_language()
        self.list.clear()
        for snap in self.store.snapshots(self.proposal_id):
            when = snap.created_at.astimezone()
            item = QListWidgetItem(f"{snap.name} — {moment(when, lang)}")
            item.setData(Qt.ItemDataRole.UserRole, snap.id)
            self.list.addItem(item)

    def _selected(self) -> list[int]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]

    def _fail(self, exc: InputError) -> None:
        QMessageBox.warning(self, _("Snapshots"), exc.text(current_language()))

    def save(self) -> None:
        name, ok = ask.ask_text(self, _("Save a snapshot"), _("Name of the snapshot:"))
        if not ok:
            return
        try:
            self.store.snapshot(self.proposal_id, name)
        except InputError as exc:
            self._fail(exc)
        self.reload()

    def compare(self) -> None:
        chosen = sorted(self._selected())
        if not chosen:
            return
        a, b = (chosen[0], None) if len(chosen) == 1 else (chosen[0], chosen[-1])
        try:
            lines = self.store.diff(self.proposal_id, a, b).lines(current_language())
        except InputError as exc:
            self._fail(exc)
            return
        self.diff.setPlainText("\n".join(lines))

    def restore(self) -> None:
        chosen = self._selected()
        if len(chosen) != 1:
            return
        answer = QMessageBox.question(self, _("Restore"), _("Make this snapshot the current proposal? The "
                                                            "current proposal is kept as a snapshot first."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.restored = self.store.restore_snapshot(self.proposal_id, chosen[0])
        except InputError as exc:
            self._fail(exc)
            return
        self.accept()


#: The licences of the bundled fonts (Nanum: the window and the Korean packet; Noto: the English packet).
FONT_LICENCES = ("LICENSE-Nanum-OFL.txt", "LICENSE-Noto-OFL.txt")


def about_text() -> str:
    return "\n".join([
        f"{appinfo.APP_NAME_KO} — {appinfo.APP_NAME}",
        _("Version {version}").format(version=appinfo.VERSION),
        "",
        _("Prepares proposals for national regional-innovation calls, checks them against the call's rules "
          "and exports the submission packet. Works offline and opens no network connection."),
        "",
        _("Licences: the app is MIT-licensed. It uses Qt for Python (PySide6, LGPLv3), SQLAlchemy and Alembic "
          "(MIT), ReportLab (BSD), Babel (BSD) and platformdirs (MIT). The Nanum and Noto fonts are licensed "
          "under the SIL Open Font License 1.1, reproduced below."),
    ])


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {app}").format(app=appinfo.name(current_language())))
        text = QLabel(about_text())
        text.setWordWrap(True)
        licence = QPlainTextEdit()
        licence.setReadOnly(True)
        licence.setAccessibleName(_("Font licence"))
        try:
            texts = []
            for name in FONT_LICENCES:
                with open(resource_path("fonts", name), encoding="utf-8") as fp:
                    texts.append(fp.read().strip())
            licence.setPlainText("\n\n\n".join(texts))
        except OSError:
            licence.setPlainText(_("The licence file is missing from this installation."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(text)
        box.addWidget(licence, 1)
        box.addWidget(buttons)
        self.resize(620, 520)


class RulesDialog(QDialog):
    """Every rule of the app, with its severity in this call and the source of its clause."""

    def __init__(self, profile: CallProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = current_language()
        self.setWindowTitle(_("Rules of {call}").format(call=profile.name.get(lang)))
        tabs = QTabWidget()
        # Written for an official: the step where each rule is met, what it says and what it rests
        # on, in words; no rule codes (those are for the validation report and the command line).
        table = QTableWidget(len(RULES), 4)
        table.setHorizontalHeaderLabels([_("Step"), _("Severity"), _("Rule"), _("Basis in the call")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.setAccessibleName(_("Rules"))
        # A row taller than the view (a long basis) scrolls by pixels, and Page Up/Down turn the
        # view a page (they moved the current row, and stuck on a row taller than the view).
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.installEventFilter(self)
        table.verticalHeader().hide()
        order = sorted(RULES.values(), key=lambda x: (STEPS.index(rule_step(x.code)), x.code))
        for r, rule in enumerate(order):
            severity = profile.severity.get(rule.code, rule.severity.value)
            clause = profile.clause(rule.clause)
            source = clause.explained(lang) if clause else ""
            cells = [step_title(rule_step(rule.code), lang), _("Error") if severity == "error" else _("Warning"),
                     message_template(rule, lang), source]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setData(Qt.ItemDataRole.UserRole, rule.code)  # kept, not shown
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        self.table = table
        tabs.addTab(table, _("Rules"))
        info = QLabel("\n".join([
            profile.name.get(lang), profile.ministry.get(lang), profile.agency.get(lang),
            _("Announced {date}").format(date=official_date(profile.announced, lang)),
            _("Source: {source}").format(source=profile.clause("call").source_text(lang)),
            _("Profile version {version}").format(version=profile.version),
        ]))
        info.setAlignment(Qt.AlignmentFlag.AlignTop)
        info.setWordWrap(True)
        tabs.addTab(info, _("Call"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(tabs)
        box.addWidget(buttons)
        self.resize(980, 620)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if obj is getattr(self, "table", None) and event.type() == QEvent.Type.KeyPress and not event.modifiers():
            action = {Qt.Key.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
                      Qt.Key.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub}.get(Qt.Key(event.key()))
            if action is not None:
                self.table.verticalScrollBar().triggerAction(action)
                return True
        return super().eventFilter(obj, event)
