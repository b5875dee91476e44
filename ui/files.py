"""Files chosen and opened through the system: the file dialogs in the window's language, a
clean default file name in a folder that exists, and a clear word when the system has no program
to open (or print) a file, found out for real (not taken from Qt's word on Linux)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from forms.base import i18n
from forms.base.i18n import _

#: characters no file name may hold on Windows, macOS or Linux (and line breaks)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def documents_folder() -> str:
    """The user's documents folder if it exists, else the home folder (which always does)."""
    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and os.path.isdir(folder):
            return folder
    return os.path.expanduser("~")


def clean_name(title: str, fallback: str, limit: int = 60) -> str:
    """A file name from a title: unsafe characters and runs of spaces become one space, and a long
    title is cut at a word boundary, never inside a word or before a stray space."""
    name = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")
    if len(name) > limit:
        cut = name[:limit + 1]
        space = cut.rfind(" ")
        name = (cut[:space] if space > limit // 2 else name[:limit]).rstrip(" .,;-–—")
    return name or fallback


def fallback_name(p) -> str:  # noqa: ANN001
    """The file name of an untitled proposal: readable, with its date."""
    return _("Proposal {date}").format(date=p.date.isoformat())


def default_file(title: str, fallback: str, suffix: str) -> str:
    return os.path.join(documents_folder(), f"{clean_name(title, fallback)}.{suffix}")


def _options() -> QFileDialog.Option:
    """Qt's own dialog (translated like the window) when the window's language is not the
    system's; the system's dialog, which speaks the system's language, when they agree."""
    if i18n.current_language() != i18n.system_language():
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def save_file(parent: QWidget, caption: str, path: str, filters: str) -> str:
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, path, filters, options=_options())
    return chosen


def open_file(parent: QWidget, caption: str, filters: str, folder: str = "") -> str:
    chosen, _filter = QFileDialog.getOpenFileName(parent, caption, folder or documents_folder(), filters,
                                                  options=_options())
    return chosen


def open_with_system(path: str, failed: Callable[[], None], parent: QObject | None = None) -> None:
    """Open ``path`` (a file or a folder) with the system's program for it; call ``failed`` (at
    once, or when the opener gives up) if no program took it.

    On Windows and macOS the system says at once whether a program took the file. Elsewhere Qt
    hands the file to ``xdg-open`` and reports success even when ``xdg-open`` is missing or finds
    no program: the app runs ``xdg-open`` itself and watches how it ends."""
    if not path:
        return
    if sys.platform in ("win32", "darwin"):
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            failed()
        return
    opener = shutil.which("xdg-open")
    if opener is None:
        failed()
        return
    process = QProcess(parent)
    said = False

    def once() -> None:
        nonlocal said
        if not said:
            said = True
            failed()

    def finished(code: int, status: QProcess.ExitStatus) -> None:
        if status != QProcess.ExitStatus.NormalExit or code != 0:
            once()
        process.deleteLater()

    def error(kind: QProcess.ProcessError) -> None:
        if kind == QProcess.ProcessError.FailedToStart:
            once()
            process.deleteLater()

    process.finished.connect(finished)
    process.errorOccurred.connect(error)
    # Its output is the opener's business: not shown, not kept.
    process.setStandardOutputFile(QProcess.nullDevice())
    process.setStandardErrorFile(QProcess.nullDevice())
    process.start(opener, [path])
