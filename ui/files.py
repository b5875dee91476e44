"""Files chosen and opened through the system: the file dialogs in the window's language, a
clean default file name in a folder that exists, and a clear word when the system has no program
to open (or print) a file, found out for real (not taken from Qt's word on Linux).

Every file dialog is a ``FileDialog``, run by ``chosen``. Its locale is the window's:
in Qt's own dialog (always on Linux; on Windows and macOS when the window's language is not the
system's, whose dialog speaks the system's) the sizes and dates of the detail view are written as
the window writes them ("258 KiB", "12/7/26 8:44 AM" in English, "26. 12. 7. 오전 8:44" in Korean),
not in the system's locale, and its columns are wide enough for a size, the type and a date."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QIdentityProxyModel,
    QLocale,
    QMimeDatabase,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    QStandardPaths,
    Qt,
    QTime,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

from forms.base import i18n
from forms.base.i18n import _, babel_locale
from forms.dates import moment

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
    """Qt's own dialog (translated like the window, in its locale) on Linux, and elsewhere when the
    window's language is not the system's; the system's dialog, which speaks the system's language,
    on Windows and macOS when they agree."""
    if sys.platform not in ("win32", "darwin") or i18n.current_language() != i18n.system_language():
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def window_locale() -> QLocale:
    """The locale of the window's language (the one its date fields and digits follow)."""
    return QLocale(babel_locale(i18n.current_language()))


_SIZE, _TYPE, _DATE = 1, 2, 3  # the detail view's columns after the name


class _InLocale(QIdentityProxyModel):
    """The dialog's files with their sizes in the dialog's locale and their dates as the window
    writes every moment (``2026. 12. 7. 09:03``, ``7 December 2026, 09:03``): Qt's file model writes
    them in the system's, whatever the window's language."""

    def __init__(self, locale: QLocale, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._lang = i18n.current_language()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if role == Qt.ItemDataRole.DisplayRole and isinstance(source, QFileSystemModel) and index.column() in (_SIZE, _DATE):
            at = self.mapToSource(index)
            if index.column() == _DATE:
                return moment(source.lastModified(at).toPython(), self._lang)
            return "" if source.isDir(at) else self._locale.formattedDataSize(source.size(at))
        return super().data(index, role)


class FileDialog(QFileDialog):
    """A file dialog in the window's language and locale: to open one file (``ExistingFile``),
    several (``ExistingFiles``) or to save (``AnyFile``, proposing ``path``)."""

    def __init__(self, parent: QWidget | None, caption: str, path: str, filters: str,
                 mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile) -> None:
        super().__init__(parent, caption, "", filters)
        self.setOptions(_options())
        self.setLocale(window_locale())
        self.setFileMode(mode)
        if mode == QFileDialog.FileMode.AnyFile:
            self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        self.setDirectory(folder or documents_folder())
        if path and not os.path.isdir(path):
            self.selectFile(os.path.basename(path))
        self.own = self.testOption(QFileDialog.Option.DontUseNativeDialog)
        if self.own:
            self.setProxyModel(_InLocale(self.locale(), self))
            screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
            self.resize(min(screen.width() - 40, max(self.sizeHint().width(), 900)),
                        min(screen.height() - 60, max(self.sizeHint().height(), 520)))
            view = self.view()
            if view is not None:
                view.header().setStretchLastSection(False)
                view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            source = self.findChild(QFileSystemModel)
            if source is not None:  # a folder's files are listed after the dialog shows: fitted to them then
                source.directoryLoaded.connect(lambda _folder: QTimer.singleShot(0, self.fit_columns))

    def view(self) -> QTreeView | None:
        """The detail view of Qt's own dialog (None in the system's)."""
        return self.findChild(QTreeView, "treeView") if self.own else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_columns)  # once laid out at its size

    def fit_columns(self) -> None:
        """Columns of the detail view wide enough for their heading and for what they hold: a size
        such as 258 KiB (or 1,023.9 MiB), the type of a file the dialog lists, a date with its
        time in any month; the name takes the rest."""
        view = self.view()
        if view is None:
            return
        header, metrics, locale = view.header(), view.fontMetrics(), self.locale()
        pad = 3 * metrics.averageCharWidth()
        day = QDateTime(QDate(2026, 1, 28), QTime(22, 58))
        suffixes = [x.strip("*.()") for f in self.nameFilters() for x in f.split("(")[-1].split()]
        mimes = QMimeDatabase()
        model, root = view.model(), view.rootIndex()
        listed = [str(model.index(r, _TYPE, root).data() or "") for r in range(min(200, model.rowCount(root)))]
        samples = {
            _SIZE: [locale.formattedDataSize(n) for n in (1023 * 1024 + 1000, 1023 * 1024 * 1024 + 1000 * 1024)],
            _TYPE: [QCoreApplication.translate("QFileSystemModel", "Folder"), *listed,
                    *(mimes.mimeTypeForFile(f"x.{x}", QMimeDatabase.MatchMode.MatchExtension).comment()
                      for x in suffixes if x and "*" not in x)],
            _DATE: [moment(day.addMonths(m).toPython(), i18n.current_language()) for m in range(12)],
        }
        used = 0
        for column, texts in samples.items():
            width = max(header.sectionSizeFromContents(column).width(),
                        *(metrics.horizontalAdvance(t) + pad for t in texts))
            header.resizeSection(column, width)
            used += width
        header.resizeSection(0, max(view.viewport().width() - used, header.sectionSizeFromContents(0).width(),
                                    16 * metrics.averageCharWidth()))


def chosen(dialog: QFileDialog) -> list[str]:
    """Run ``dialog``; the files chosen, none when it was cancelled."""
    try:
        return dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def save_file(parent: QWidget, caption: str, path: str, filters: str) -> str:
    files = chosen(FileDialog(parent, caption, path, filters, QFileDialog.FileMode.AnyFile))
    return files[0] if files else ""


def open_file(parent: QWidget, caption: str, filters: str, folder: str = "") -> str:
    files = chosen(FileDialog(parent, caption, folder or documents_folder(), filters))
    return files[0] if files else ""


def open_files(parent: QWidget, caption: str, filters: str, folder: str = "") -> list[str]:
    return chosen(FileDialog(parent, caption, folder or documents_folder(), filters,
                              QFileDialog.FileMode.ExistingFiles))


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
