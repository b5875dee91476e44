"""The window's menus and shortcuts: File, Edit, Language and Help."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from forms.base import i18n
from forms.base.i18n import _
from forms.steps import STEPS, Step
from ui import setup


class Menus:
    def __init__(self, window: QMainWindow) -> None:
        self.w = w = window
        bar = w.menuBar()
        self.file = bar.addMenu("")
        self.new = self._action(self.file, w.new_proposal, QKeySequence.StandardKey.New)
        self.open = self._action(self.file, w.open_dialog, QKeySequence.StandardKey.Open)
        self.recent = QMenu(w)
        self.recent.aboutToShow.connect(self._fill_recent)
        self.file.addMenu(self.recent)
        self.file.addSeparator()
        self.import_ = self._action(self.file, w.import_file, "Ctrl+I")
        self.export_file = self._action(self.file, w.export_file, "Ctrl+Shift+E")
        self.import_budget = self._action(self.file, w.import_budget)
        self.send_copy = self._action(self.file, w.send_copy)
        self.merge_copy = self._action(self.file, w.merge_copy)
        self.export_pdf = self._action(self.file, lambda: w.go(STEPS.index(Step.EXPORT)), "Ctrl+E")
        self.file.addSeparator()
        self.snapshots = self._action(self.file, w.snapshots, "Ctrl+Shift+N")
        self.file.addSeparator()
        self.quit = self._action(self.file, w.close, QKeySequence.StandardKey.Quit)

        self.edit = bar.addMenu("")
        self.undo = self._action(self.edit, w.doc.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.redo = self._action(self.edit, w.doc.undo_stack.redo, QKeySequence.StandardKey.Redo)

        self.language = bar.addMenu("")
        self.lang_group = QActionGroup(w)
        self.lang_group.setExclusive(True)
        self.lang_actions: dict[str, QAction] = {}
        for choice in (setup.SYSTEM, *i18n.LANGUAGES):
            action = QAction(w)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, ch=choice: w.choose_language(ch))
            self.lang_group.addAction(action)
            self.language.addAction(action)
            self.lang_actions[choice] = action
        self.lang_actions[setup.saved_language()].setChecked(True)

        self.help = bar.addMenu("")
        self.rules = self._action(self.help, w.rules, QKeySequence.StandardKey.HelpContents)
        self.about = self._action(self.help, w.about)

    def _action(self, menu: QMenu, slot, shortcut=None) -> QAction:  # noqa: ANN001
        action = QAction(self.w)
        if isinstance(shortcut, QKeySequence.StandardKey):
            # every binding of the platform (Redo is Ctrl+Y on some, Ctrl+Shift+Z on others)
            keys = QKeySequence.keyBindings(shortcut)
            if shortcut == QKeySequence.StandardKey.Redo:  # both, on every system, as the README says
                keys += [QKeySequence(k) for k in ("Ctrl+Shift+Z", "Ctrl+Y") if QKeySequence(k) not in keys]
            action.setShortcuts(keys)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False: slot())
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.file.setTitle(_("&File"))
        self.new.setText(_("&New proposal"))
        self.open.setText(_("&Open…"))
        self.recent.setTitle(_("&Recent proposals"))
        self.import_.setText(_("&Import a file…"))
        self.export_file.setText(_("Export as a &file…"))
        self.import_budget.setText(_("Import the &budget from Excel…"))
        self.send_copy.setText(_("Send a &copy to a partner…"))
        self.merge_copy.setText(_("&Merge a partner's copy…"))
        self.export_pdf.setText(_("Export the &PDF packet…"))
        self.snapshots.setText(_("&Snapshots…"))
        self.quit.setText(_("&Quit"))
        self.edit.setTitle(_("&Edit"))
        self.language.setTitle(_("&Language"))
        self.lang_actions[setup.SYSTEM].setText(_("&System default"))
        for code in i18n.LANGUAGES:
            self.lang_actions[code].setText(i18n.NATIVE_NAMES[code])
        self.help.setTitle(_("&Help"))
        self.rules.setText(_("Call &rules and sources…"))
        self.about.setText(_("&About"))
        self.update_edit()

    def update_edit(self) -> None:
        stack = self.w.doc.undo_stack
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.undo.setText(_("&Undo {action}").format(action=_(stack.undoText())).strip() if stack.canUndo()
                          else _("&Undo"))
        self.redo.setText(_("&Redo {action}").format(action=_(stack.redoText())).strip() if stack.canRedo()
                          else _("&Redo"))

    def update_file(self) -> None:
        has = self.w.doc.proposal is not None
        stored = has and self.w.store is not None
        for action in (self.export_file, self.snapshots, self.send_copy):
            action.setEnabled(stored)
        self.export_pdf.setEnabled(has)
        self.import_budget.setEnabled(has)
        self.import_.setEnabled(self.w.store is not None)
        self.merge_copy.setEnabled(self.w.store is not None)
        self.open.setEnabled(self.w.store is not None)
        self.new.setEnabled(not self.w.opening)
        self.recent.setEnabled(not self.w.opening)

    def _fill_recent(self) -> None:
        self.recent.clear()
        lang = i18n.current_language()
        infos = self.w.recent_infos()[:8]
        for info in infos:
            action = self.recent.addAction(info.title.get(lang) or _("(untitled)"))
            action.triggered.connect(lambda _c=False, pid=info.id: self.w.open_proposal(pid))
        if not infos:
            self.recent.addAction(_("(none)")).setEnabled(False)
