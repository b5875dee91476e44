"""Starting the desktop app: the Qt application, the Korean font, the language, the database
(one window per database; a damaged one offers a backup, a new database, or quitting)."""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from forms.base import app as appinfo
from forms.base import i18n
from forms.base.errors import InputError, os_reason
from forms.base.exits import EXIT_BAD_INPUT as EXIT_UNUSABLE
from forms.base.exits import EXIT_ERRORS as EXIT_QUIT
from forms.base.exits import EXIT_LOCKED, EXIT_OK
from forms.base.i18n import _
from ui import setup
from ui.faults import unexpected


def application() -> QApplication:
    """The one QApplication, created on first use, with the bundled font registered."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(appinfo.ORGANISATION)
    app.setApplicationName(appinfo.APP_NAME)
    app.setApplicationVersion(appinfo.VERSION)
    setup.register_fonts(app)
    return app


def start_language(lang: str | None) -> str:
    """``--lang`` if given, else the language chosen in the menu, else the system's."""
    current = i18n.set_language(setup.resolve(lang or setup.saved_language()))
    setup.install_qt_translation(current)
    setup.apply_qt_locale(current)
    return current


def show_error(text: str, interactive: bool = True, parent=None) -> None:  # noqa: ANN001
    if interactive:
        QMessageBox.critical(parent, appinfo.name(i18n.current_language()), text)
    else:  # the smoke run has nobody to click a box
        sys.stderr.write(text + "\n")


class NoLock:
    """Where a database on a server stands in for the lock on a file: nothing is held."""

    held = False

    def release(self) -> None:
        pass


def acquire_lock(path: str, interactive: bool = True):  # noqa: ANN201
    """One window per database: the lock on ``path``, or an exit code after saying why not. A
    server's database takes no lock: the server keeps its writers apart."""
    from storage.lock import InstanceLock
    from storage.paths import is_server, refuse_folder

    if is_server(path):
        return NoLock()

    try:
        refuse_folder(path)
    except InputError as exc:
        show_error(exc.text(i18n.current_language()), interactive)
        return EXIT_UNUSABLE
    lock = InstanceLock(path)
    try:
        locked = lock.acquire()
    except OSError as exc:
        show_error(i18n.fill(_("The database {file} cannot be opened: {reason}"),
                              file=path, reason=i18n.render_field(os_reason(exc), i18n.current_language())), interactive)
        return EXIT_UNUSABLE
    if not locked:
        show_error(i18n.fill(_("{app} is already open in another window (with {file}). Switch to that window: one "
                            "window at a time keeps your proposals."), app=appinfo.name(i18n.current_language()), file=path), interactive)
        return EXIT_LOCKED
    return lock


def _open_store(path: str, password: str | None = None):  # noqa: ANN202
    """The store at ``path``, or the exception that says why it cannot be used (for the caller's
    thread to handle: this runs in the background while the window is shown). ``password``: typed
    by the person when the server asked for one."""
    try:
        from storage.opening import open_store

        store = open_store(path, password=password)
    except Exception as exc:  # noqa: BLE001 - DamagedDatabase, NewerDatabase, Unavailable …, or a fault
        return exc
    try:  # what the Start page shows once the database is open: the calls, by name
        from forms.profile import load_profile, profile_ids

        for call in profile_ids():
            load_profile(call)
    except InputError:
        pass  # a broken profile is reported when the Start page reads it
    return store


def settle(path: str, lock, opened, interactive: bool = True, parent=None):  # noqa: ANN001, ANN201
    """The result of opening: the store, or — for a damaged or newer database — what the user
    chose (the latest backup, a new database, or quitting) in a dialog over ``parent``, or an exit
    code. Releases the lock when there will be no store."""
    from storage.errors import DamagedDatabase, NewerDatabase
    from storage.server import PasswordNeeded

    lang = i18n.current_language()
    try:
        while isinstance(opened, PasswordNeeded) and interactive:  # asked here, on the window's thread
            typed = dialogs().ask_password(opened.account, opened.wrong, parent)
            if typed is None:
                lock.release()
                return EXIT_QUIT
            opened = _open_store(path, typed)
        if isinstance(opened, (DamagedDatabase, NewerDatabase)):
            if not interactive:
                show_error(opened.text(lang), interactive)
                lock.release()
                return EXIT_QUIT
            from storage.backup import latest_backup
            from storage.opening import recover

            choice = dialogs().ask_recovery(opened.text(lang), latest_backup(path) is not None, parent)
            if choice == dialogs().QUIT:
                lock.release()
                return EXIT_QUIT
            opened = recover(path, choice)
        if isinstance(opened, Exception):
            raise opened
    except InputError as exc:
        lock.release()
        show_error(exc.text(lang), interactive, parent)
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 - a fault while opening: a message, never a traceback
        lock.release()
        show_error(unexpected(exc), interactive, parent)
        return EXIT_UNUSABLE
    return opened


def dialogs():  # noqa: ANN201
    """The dialogs module, imported when a dialog is first needed (not on the way to the window)."""
    from ui import dialogs as module

    return module


class Opener(QObject):
    """Opens the database in a background thread once the window is up, and hands the result to
    the GUI thread. Importing and opening the storage is most of the start-up; the window need
    not wait for it (it shows that the database is being opened, and its New and Open wait)."""

    _done = Signal(object)

    def __init__(self, path: str, on_done) -> None:  # noqa: ANN001
        super().__init__()
        self.path = path
        self.result: object = None
        self._on_done = on_done
        self._done.connect(self._deliver)  # queued: emitted from the worker thread
        self._thread = threading.Thread(target=self._work, name="open-database")

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    def start(self) -> None:
        self._thread.start()

    def _work(self) -> None:
        self.result = _open_store(self.path)
        self._done.emit(self.result)

    def _deliver(self, opened: object) -> None:
        self._thread.join()
        self._on_done(opened)

    def wait(self) -> object:
        """After the event loop ended: the result, even if it was never delivered."""
        self._thread.join()
        return self.result


def install_last_defence() -> None:
    """An error nobody foresaw inside the event loop becomes a message, never a traceback on
    the user's screen; the window stays open and what was saved stays saved."""

    def hook(kind, exc, tb) -> None:  # noqa: ANN001
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, InputError):
            text = exc.text(i18n.current_language())
        else:
            text = unexpected(exc)
        sys.stderr.write(text + "\n")
        if QApplication.instance() is not None:
            QMessageBox.critical(None, appinfo.name(i18n.current_language()), text)

    sys.excepthook = hook


def run(lang: str | None = None, db_path: str | None = None, smoke: bool = False,
        started: float | None = None) -> int:
    """Open the main window, list the proposals (read at once when the file allows, see
    :mod:`storage.quicklist`), then open the database behind it. With ``smoke``, exit 0 as soon as the
    database is open and the event loop is idle, and say how long the start took (from
    ``started``, a ``time.perf_counter()`` reading taken when the program began)."""
    from storage.paths import default_db_path
    from ui.window import MainWindow

    begun = time.perf_counter() if started is None else started
    app = application()
    start_language(lang)
    if not smoke:
        install_last_defence()
    path = db_path or default_db_path()
    lock = acquire_lock(path, interactive=not smoke)
    if isinstance(lock, int):
        return lock
    window = MainWindow(None, opening=True)
    window.show()
    times: dict[str, float] = {}
    outcome: dict[str, object] = {}

    def shown() -> None:
        times["shown"] = time.perf_counter() - begun
        from storage.quicklist import quick_list

        early = quick_list(path)  # the list, read while the store is not open yet (None: it waits for the store)
        if early is not None:
            window.show_early_list(early)
            times["listed"] = time.perf_counter() - begun
        opener.start()

    def opened(result: object) -> None:
        if not window.isVisible():  # closed while the database was being opened
            return
        store = settle(path, lock, result, interactive=not smoke, parent=window)
        if isinstance(store, int):
            outcome["code"] = store
            window.close()
            return
        outcome["store"] = store
        window.attach_store(store)
        times["ready"] = time.perf_counter() - begun
        times.setdefault("listed", times["ready"])
        if smoke:
            QTimer.singleShot(0, window.close)

    opener = Opener(path, opened)
    QTimer.singleShot(0, shown)  # the first turn of the event loop: the window is up
    try:
        code = app.exec()
    finally:
        if window.isVisible():
            window.close()
        late = opener.wait() if opener.started else None
        store = outcome.get("store")
        if store is None and late is not None and not isinstance(late, Exception):
            store = late  # the window was closed before the database it opened was used
        if store is not None:
            store.close()
        if lock.held:
            lock.release()
    if "code" in outcome:
        return outcome["code"]  # type: ignore[return-value]
    if smoke:
        sys.stdout.write(_("Window shown after {shown:.3f} s; proposals listed after {listed:.3f} s; database open "
                           "after {ready:.3f} s.").format(shown=times.get("shown", 0.0),
                                                          listed=times.get("listed", 0.0),
                                                          ready=times.get("ready", 0.0)) + "\n")
        return EXIT_OK
    return code
