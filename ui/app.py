"""Starting the desktop app: the Qt application, the Korean font, the language, the database
(one window per database; a damaged one offers a backup, a new database, or quitting)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from forms import app as appinfo
from forms import i18n
from forms.errors import InputError
from forms.i18n import _
from ui import dialogs, setup

EXIT_OK, EXIT_QUIT, EXIT_UNUSABLE, EXIT_LOCKED = 0, 1, 2, 3


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
    return current


def show_error(text: str, interactive: bool = True) -> None:
    if interactive:
        QMessageBox.critical(None, appinfo.APP_NAME, text)
    else:  # the smoke run has nobody to click a box
        sys.stderr.write(text + "\n")


def open_database(db_path: str | None, interactive: bool = True):  # noqa: ANN201
    """Lock and open the database; on damage ask what to do. Returns (store, lock) or an exit code.

    Without ``interactive`` (the smoke run) messages go to stderr and a damaged database is left
    alone (the answer is "quit")."""
    from storage.errors import DamagedDatabase, NewerDatabase
    from storage.lock import InstanceLock
    from storage.paths import default_db_path
    from storage.store import latest_backup, open_store, recover

    path = db_path or default_db_path()
    lang = i18n.current_language()
    lock = InstanceLock(path)
    try:
        locked = lock.acquire()
    except OSError as exc:
        show_error(_("The database {file} cannot be opened: {reason}").format(
            file=path, reason=exc.strerror or exc), interactive)
        return EXIT_UNUSABLE
    if not locked:
        show_error(_("{app} is already open with the database {file}. Switch to that window, or start the app "
                     "with another database (--db).").format(app=appinfo.APP_NAME, file=path), interactive)
        return EXIT_LOCKED
    try:
        try:
            store = open_store(path)
        except (DamagedDatabase, NewerDatabase) as exc:
            if not interactive:
                show_error(exc.text(lang), interactive)
                lock.release()
                return EXIT_QUIT
            choice = dialogs.ask_recovery(exc.text(lang), latest_backup(path) is not None)
            if choice == dialogs.QUIT:
                lock.release()
                return EXIT_QUIT
            store = recover(path, choice)
    except InputError as exc:
        lock.release()
        show_error(exc.text(lang), interactive)
        return EXIT_UNUSABLE
    return store, lock


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
            text = _("Unexpected error: {error}. Your work up to the last save is kept; please report "
                     "this.").format(error=f"{kind.__name__}: {exc}")
        sys.stderr.write(text + "\n")
        if QApplication.instance() is not None:
            QMessageBox.critical(None, appinfo.APP_NAME, text)

    sys.excepthook = hook


def run(lang: str | None = None, db_path: str | None = None, smoke: bool = False) -> int:
    """Open the main window. With ``smoke``, exit 0 as soon as the event loop is idle."""
    from ui.window import MainWindow

    app = application()
    start_language(lang)
    if not smoke:
        install_last_defence()
    opened = open_database(db_path, interactive=not smoke)
    if isinstance(opened, int):
        return opened
    store, lock = opened
    window = None
    try:
        window = MainWindow(store)
        window.show()
        if smoke:
            QTimer.singleShot(0, window.close)
        code = app.exec()
    finally:
        if window is not None and window.isVisible():
            window.close()
        store.close()
        lock.release()
    return EXIT_OK if smoke else code
