"""The main window: the steps with their states on the left, the current page on the right,
menus for files, editing, language and help, and the last save in the status bar."""

from __future__ import annotations

import contextlib
import weakref

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forms.base import app as appinfo
from forms.base import i18n
from forms.base.errors import InputError
from forms.base.i18n import _
from forms.fieldpath import ROOT, TITLE, FieldPath
from forms.steps import STEPS, Step, StepState, findings_by_step, step_of, step_statuses, title
from forms.values import ERRORS, WARNINGS, Count
from ui import setup
from ui.actions.copies import CopyActions
from ui.actions.exchange import ExchangeActions
from ui.actions.proposals import ProposalActions
from ui.actions.together import TogetherActions
from ui.document import Document
from ui.menus import Menus
from ui.pages.base import PROPOSAL_FIELD, Page
from ui.pages.start import StartPage

_CTRL_SHIFT_Z = QKeySequence("Ctrl+Shift+Z")[0]
_CTRL_Y = QKeySequence("Ctrl+Y")[0]
_SHOWN_ROLE = Qt.ItemDataRole.UserRole + 1
#: The style's standard icon for each step state (none while no proposal is open).
STATE_ICONS = {StepState.COMPLETE: "SP_DialogApplyButton", StepState.WARNINGS: "SP_MessageBoxWarning",
               StepState.ERRORS: "SP_MessageBoxCritical"}
#: Each step's page (module, class). A page is made when it is first shown or asked for, so the
#: window appears without waiting for pages the user has not reached yet.
PAGES = {Step.START: ("ui.pages.start", "StartPage"), Step.TYPE: ("ui.pages.kind", "TypePage"),
         Step.REGIONS: ("ui.pages.regions", "RegionsPage"), Step.PLAN: ("ui.pages.plan", "PlanPage"),
         Step.BUDGET: ("ui.pages.budget", "BudgetPage"), Step.REVIEW: ("ui.pages.review", "ReviewPage"),
         Step.EXPORT: ("ui.pages.export", "ExportPage")}


class StepList(QListWidget):
    """The steps. Arrow keys, Home and End walk them; a click or Enter hands the focus to the
    chosen page. A letter or digit typed here was meant for the page (a click on a step left the
    focus here): it goes to the page's field, never to "the step whose name starts with it"."""

    #: a key meant for the page (Enter, or one that types text)
    typed = Signal(QKeyEvent)

    def keyboardSearch(self, _search: str) -> None:  # noqa: N802 - Qt's name
        """No jumping to a step by its first letter or number."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                         | Qt.KeyboardModifier.MetaModifier)
        if plain and (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (text and text.isprintable())):
            self.typed.emit(event)
            return
        super().keyPressEvent(event)


class MainWindow(ProposalActions, ExchangeActions, CopyActions, TogetherActions, QMainWindow):
    """The steps, the current page, the menus and the last save. What the official does with
    proposals, files and partners' copies are its parts in :mod:`ui.actions`."""

    def __init__(self, store: object | None = None, parent: QWidget | None = None, opening: bool = False) -> None:
        """``opening``: the database is still being opened (see :meth:`attach_store`); until then
        nothing can be created or opened, and the window says so."""
        super().__init__(parent)
        self.store = store
        self.opening = opening
        self.doc = Document(store, self)
        self._icons: dict = {}
        self.steps = StepList()
        self.steps.setWordWrap(True)  # long step names (and stretched test languages) wrap
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for _step in STEPS:
            self.steps.addItem(QListWidgetItem())
        self.stack = QStackedWidget()
        self._pages: list[Page | None] = [None] * len(STEPS)
        for _step in STEPS:
            self.stack.addWidget(QWidget())  # stands in for the page until it is made
        self.start = StartPage(self.doc)
        self._place(0, self.start)
        self.back_button, self.next_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(lambda: self.go(self.steps.currentRow() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.steps.currentRow() + 1))
        # Ctrl+PgUp / Ctrl+PgDown move between steps from anywhere, as between tabs.
        for keys, button in (("Ctrl+PgUp", self.back_button), ("Ctrl+PgDown", self.next_button)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(button.click)
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addLayout(nav)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.steps)
        row.addLayout(right, 1)
        self.setCentralWidget(central)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)

        self.steps.currentRowChanged.connect(self._step_selected)
        self.steps.clicked.connect(lambda _index: self._focus_page())
        self.steps.typed.connect(self._typed_in_steps)
        self.start.new_requested.connect(self.new_proposal)
        self.start.open_requested.connect(self.open_proposal)
        self.start.import_requested.connect(self.import_file)
        self.start.manage_requested.connect(self.manage_proposal)
        self.doc.changed.connect(self._changed)
        self.doc.validated.connect(self._validated)
        self.doc.saved.connect(lambda _v, _w: self._saved())
        self.doc.save_failed.connect(self._save_failed)
        self.doc.stored.connect(self.refresh_recent)
        self.connect_together()

        self.menus = Menus(self)
        self.doc.undo_stack.indexChanged.connect(self._undo_moved)
        # Undo and redo keys are watched on the focused widget when it is a proposal field (see
        # PROPOSAL_FIELD), not on the whole application: an application-wide filter would run
        # Python for every event of every widget, and a cell being typed into needs none.
        self._watched: QWidget | None = None
        QApplication.instance().focusChanged.connect(self._focus_moved)
        ref = weakref.ref(self)

        def listener(lang: str) -> None:
            window = ref()
            if window is not None:
                window.language_changed(lang)

        self._listener = listener
        i18n.on_language_changed(listener)
        self.start.set_opening(opening)
        if not opening:
            self.start.load_calls()
        self.retranslate()
        self.refresh_recent()
        self.steps.setCurrentRow(0)
        self._validated(None)
        self.place_on_screen()

    # place on the screen ------------------------------------------------------------------------
    #: the size the window opens at when the screen has room and none was remembered
    PREFERRED = (1280, 800)
    #: room kept for the window manager's title bar and borders, which are not known before showing
    FRAME = (16, 48)

    def place_on_screen(self, available: QRect | None = None) -> None:
        """Where the window was last closed, if that still lies on a screen; else the preferred
        size, or less on a small screen (a 1366×768 laptop less its task bar), centred."""
        if available is None:
            screen = self.screen() or QApplication.primaryScreen()
            available = screen.availableGeometry()
            remembered = setup.settings().value("window/geometry")
            if isinstance(remembered, QByteArray) and self.restoreGeometry(remembered):
                return  # Qt moves a window whose screen is gone back onto one
        width = min(self.PREFERRED[0], available.width() - self.FRAME[0])
        height = min(self.PREFERRED[1], available.height() - self.FRAME[1])
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2,
                  available.y() + (available.height() - height - self.FRAME[1]) // 2)

    def _remember_place(self) -> None:
        s = setup.settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.sync()

    # pages ------------------------------------------------------------------------------------
    def _place(self, index: int, page: Page) -> None:
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self._pages[index] = page

    def page_at(self, index: int) -> Page:
        """The page of step ``index``, made now if it was not yet: in the current language,
        showing the open proposal and its findings."""
        page = self._pages[index]
        if page is None:
            import importlib

            module, name = PAGES[STEPS[index]]
            page = getattr(importlib.import_module(module), name)(self.doc)
            if STEPS[index] == Step.REVIEW:
                page.jump_requested.connect(self.jump_to)
            self._place(index, page)
            page.retranslate()
            page.refresh("")
            report = self.doc.report
            page.mark(findings_by_step(report)[STEPS[index]] if report is not None else [])
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page (each made if it was not yet)."""
        return [self.page_at(i) for i in range(len(STEPS))]

    def is_made(self, step: Step) -> bool:
        """Whether the page of ``step`` is made yet (a page is made when first shown or asked for)."""
        return self._pages[STEPS.index(step)] is not None

    def _made(self) -> list[Page]:
        return [page for page in self._pages if page is not None]

    kind = property(lambda self: self.page_at(STEPS.index(Step.TYPE)))
    regions = property(lambda self: self.page_at(STEPS.index(Step.REGIONS)))
    plan = property(lambda self: self.page_at(STEPS.index(Step.PLAN)))
    budget = property(lambda self: self.page_at(STEPS.index(Step.BUDGET)))
    review = property(lambda self: self.page_at(STEPS.index(Step.REVIEW)))
    export = property(lambda self: self.page_at(STEPS.index(Step.EXPORT)))

    # language ---------------------------------------------------------------------------------
    def language_changed(self, lang: str) -> None:
        setup.install_qt_translation(lang)
        self.setLocale(setup.apply_qt_locale(lang))  # the open widgets (date fields) follow at once
        self.retranslate()

    def choose_language(self, choice: str) -> None:
        """From the menu: "system", "ko" or "en"; applies at once and is remembered."""
        setup.save_language(choice)
        i18n.set_language(setup.resolve(choice))

    def retranslate(self) -> None:
        self.menus.retranslate()
        for page in self._made():
            page.retranslate()
        self.back_button.setText(_("< &Back"))
        self.next_button.setText(_("&Next >"))
        self.steps.setAccessibleName(_("Steps"))
        self._title()
        self._show_saved()
        self._validated(self.doc.report)
        self.start.show_recent(self.recent_infos())
        self._size_steps()

    def _size_steps(self) -> None:
        """The step list as wide as its longest step name in this language and font, with room for
        its state icon and a count of what is left ("(12)") whether or not they are shown yet, so
        the list keeps its width when a proposal opens and as counts change; up to about forty
        characters, a longer name wraps onto a second line."""
        metrics = self.steps.fontMetrics()
        frame = 2 * self.steps.frameWidth() + 2 * self.steps.spacing() + metrics.averageCharWidth()
        lang = i18n.current_language()
        style = self.steps.style()
        icon = (self.steps.iconSize().width() if self.steps.iconSize().isValid()
                else style.pixelMetric(QStyle.PixelMetric.PM_ListViewIconSize))
        longest = max(metrics.horizontalAdvance(self._step_text(i, step, lang, 99)) for i, step in enumerate(STEPS))
        natural = longest + icon + 4 * style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + frame
        width = max(16 * metrics.averageCharWidth(), min(natural, 40 * metrics.averageCharWidth()))
        if self.steps.width() != width or self.steps.minimumWidth() != width:
            self.steps.setFixedWidth(width)

    @staticmethod
    def _step_text(i: int, step: Step, lang: str, left: int) -> str:
        """A step's line in the list: its number and name, and what is left to do on it."""
        text = f"{i + 1}. {title(step, lang)}"
        return f"{text} ({left})" if left else text

    def _title(self) -> None:
        name = appinfo.name(i18n.current_language())
        p = self.doc.proposal
        self.setWindowTitle(f"{p.title.get(i18n.current_language()) or _('(untitled)')} — {name}" if p else name)

    # steps ------------------------------------------------------------------------------------
    def go(self, row: int) -> None:
        if 0 <= row < len(STEPS) and self.steps.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
            self.steps.setCurrentRow(row)

    def _step_selected(self, row: int) -> None:
        if row < 0:
            return
        self.page_at(row)
        if row == STEPS.index(Step.START) and row != self.stack.currentIndex():
            self.refresh_recent()
        self.stack.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row + 1 < len(STEPS) and self.doc.proposal is not None)

    def _focus_page(self) -> QWidget | None:
        """Put the focus on the shown page, where its typing goes (see ``Page.focus_entry``)."""
        page = self.stack.currentWidget()
        return page.focus_entry() if isinstance(page, Page) else None

    def _typed_in_steps(self, event: QKeyEvent) -> None:
        """A key typed while the step list had the focus goes to the page's field."""
        target = self._focus_page()
        if target is not None and event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                                                     event.isAutoRepeat(), event.count()))

    def page_of(self, step: Step):  # noqa: ANN201
        return self.page_at(STEPS.index(step))

    def jump_to(self, path: FieldPath | str) -> None:
        """Show the step where the field at ``path`` is edited and put the focus in it."""
        step = step_of(path)
        self.go(STEPS.index(step))
        self.page_of(step).focus_path(path)

    # proposal events --------------------------------------------------------------------------
    def _changed(self, path: str) -> None:
        for page in self._made():
            page.refresh(path)
        where = FieldPath.parse(path)
        if where == ROOT or where.within(TITLE):
            self._title()

    def _icon(self, name: str | None) -> QIcon:
        """The style's standard icon ``name`` (made on first use: the style's Python type costs
        about 10 ms to create, which the first window does without)."""
        if name is None:
            return QIcon()
        if name not in self._icons:

            self._icons[name] = self.style().standardIcon(getattr(QStyle.StandardPixmap, name))
        return self._icons[name]

    def _validated(self, report) -> None:  # noqa: ANN001
        has = self.doc.proposal is not None
        statuses = step_statuses(report) if report is not None else []
        for i, step in enumerate(STEPS):
            item = self.steps.item(i)
            enabled = has or step == Step.START
            left = statuses[i].left if statuses and step != Step.EXPORT else 0
            text = self._step_text(i, step, i18n.current_language(), left)
            if statuses:
                st = statuses[i]
                pixmap, state = STATE_ICONS[st.state], st.state.value
                tip = {StepState.COMPLETE: _("Done"),
                       StepState.WARNINGS: Count(st.warnings, WARNINGS).render(i18n.current_language()),
                       StepState.ERRORS: Count(st.errors, ERRORS).render(i18n.current_language())}[st.state]
            else:
                pixmap, state, tip = None, "", ""
            shown = (text, enabled, pixmap, tip)
            if item.data(_SHOWN_ROLE) == repr(shown):
                continue  # unchanged: leave the item alone (this runs on every keystroke)
            item.setData(_SHOWN_ROLE, repr(shown))
            item.setText(text)
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setIcon(self._icon(pixmap))
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text}: {tip}" if tip else text)
            item.setData(Qt.ItemDataRole.UserRole, state)
        grouped = findings_by_step(report) if report is not None else {s: [] for s in STEPS}
        for step, page in zip(STEPS, self._pages, strict=True):
            if page is not None:
                page.mark(grouped[step])
        self._step_selected(self.steps.currentRow())
        self.menus.update_file()

    def step_state(self, step: Step) -> str:
        return self.steps.item(STEPS.index(step)).data(Qt.ItemDataRole.UserRole) or ""

    def attach_store(self, store: object) -> None:
        """The database is open: proposals can now be created, opened and saved."""
        self.store = self.doc.store = store
        self.opening = False
        self.start.load_calls()
        self.start.set_opening(False)
        self.refresh_recent()
        self.menus.update_file()
        self._show_saved()
        self.listen()
        problem = getattr(store, "backup_problem", None)
        if problem is not None:  # today's backup could not be made (a full disk): said, work goes on
            self.statusBar().showMessage(problem.text(i18n.current_language()))

    # saving -----------------------------------------------------------------------------------
    def _show_saved(self) -> None:
        when = self.doc.last_saved_at
        if self.opening:
            self.saved_label.setText(_("Opening the database…"))
        elif self.store is None:
            self.saved_label.setText(_("Not saved (no database)"))
        elif when is None:
            self.saved_label.setText(_("Saved automatically") if self.doc.proposal else "")
        else:
            self.saved_label.setText(_("Saved {time}").format(time=when.astimezone().strftime("%H:%M:%S")))

    def _saved(self) -> None:
        self._show_saved()
        if self.stack.currentIndex() == STEPS.index(Step.START):
            self.refresh_recent()  # the list shows what is saved: its titles, types and dates

    def _save_failed(self, exc: object) -> None:
        text = exc.text(i18n.current_language()) if isinstance(exc, InputError) else str(exc)
        self.saved_label.setText(_("Not saved: {reason}").format(reason=text))

    # the Start page and help ------------------------------------------------------------------
    def refresh_recent(self) -> None:
        self.start.show_recent(self.recent_infos())

    def about(self) -> None:
        from ui.dialogs import AboutDialog

        AboutDialog(self).exec()

    def rules(self) -> None:
        from forms.profile import load_profile
        from ui.dialogs import RulesDialog

        if self.doc.proposal is None:
            self.start.load_calls()  # F1 may come before the database (and with it the calls) is open
        call = self.doc.proposal.call if self.doc.proposal else self.start.call.currentData()
        try:
            profile = load_profile(call)
        except InputError as exc:
            self.say(exc.text(i18n.current_language()))
            return
        RulesDialog(profile, self).exec()

    # undo -------------------------------------------------------------------------------------
    def _undo_moved(self, _index: int) -> None:
        self.menus.update_edit()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        page = self.stack.currentWidget()
        if new is not None and isinstance(page, Page) and page.isAncestorOf(new):
            page.note_focus(new)
        if new is not None and new.property(PROPOSAL_FIELD) and new.window() is self:
            new.installEventFilter(self)
            self._watched = new

    def _unwatch(self) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the widget may be gone already
                self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Ctrl+Z and Ctrl+Shift+Z undo the proposal's edits even inside a text box bound to the
        proposal, whose own undo would otherwise take the key (see ``PROPOSAL_FIELD``)."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination() in (_CTRL_SHIFT_Z, _CTRL_Y)):
            return True  # not accepted: the window's Undo/Redo shortcut runs
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._amount_settled() or not self.behind_settled():
            event.ignore()
            return
        self.stop_listening()
        try:
            self.doc.close_autosave()
        except InputError as exc:
            self.say(exc.text(i18n.current_language()))
        self._remember_place()
        i18n.remove_language_listener(self._listener)
        app = QApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_moved)
        self._unwatch()
        super().closeEvent(event)

    def _amount_settled(self) -> bool:
        """An amount still being typed in the budget is kept if it can be read; if it cannot, ask
        before quitting, and go back to it unless the official chooses to quit without it."""
        page = self._pages[STEPS.index(Step.BUDGET)]
        typing = page.amount_being_typed() if page is not None else None
        if typing is None:
            return True
        if page.commit_typing():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, appinfo.name(i18n.current_language()),
                          i18n.fill(_("The amount “{text}” typed in the budget cannot be read, so it is not saved."),
                                    text=typing), parent=self)
        back = box.addButton(_("&Go back to it"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(_("&Quit without it"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(back)
        box.exec()
        if box.clickedButton() is back or box.clickedButton() is None:
            self.go(STEPS.index(Step.BUDGET))
            page.return_to_typing()
            return False
        return True
