"""What the application needs before its first window: the bundled Korean font, Qt's own
translations, and the remembered settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from forms.base import app as appinfo
from forms.base import i18n
from forms.base.i18n import N_, _, babel_locale
from forms.base.paths import resource_path

FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
#: Language setting values: "system" follows the system language.
SYSTEM = "system"

_qt_translators: list[QTranslator] = []

#: Qt's own strings that its Korean catalog lacks, by (context, text): the file dialog's labels
#: gained their Alt letters in Qt 6 ("&Look in:") and its folder type moved to a new context, and
#: ``qtbase_ko`` still has only the old texts, so a Korean dialog said "Look in:" in English.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
    ("QAbstractFileIconProvider", "Folder"): N_("Folder"),
    ("QAbstractFileIconProvider", "File"): N_("File"),
}


class QtGaps(QTranslator):
    """Translates :data:`QT_GAPS` from the app's own catalogs; every other text is left to Qt's."""

    def translate(self, context, text, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 - Qt's signature
        message = QT_GAPS.get((context, text))
        return _(message) if message is not None else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
_font_family: str | None = None


def register_fonts(app: QApplication) -> str | None:
    """Register the bundled Nanum Gothic and put it behind the default family as a fallback,
    so Hangul renders even where the system has no Korean font."""
    global _font_family
    if _font_family is None:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(resource_path("fonts", name))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families and _font_family is None:
                _font_family = families[0]
    if _font_family:
        font = QFont(app.font())
        families = [f for f in font.families() if f != _font_family] or [font.family()]
        font.setFamilies([*families, _font_family])
        app.setFont(font)
    return _font_family


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, appinfo.ORGANISATION, "Studio")


def saved_language() -> str:
    """The language chosen in the menu, or "system"."""
    value = settings().value("language", SYSTEM)
    return value if value in (SYSTEM, *i18n.LANGUAGES) else SYSTEM


def save_language(choice: str) -> None:
    s = settings()
    s.setValue("language", choice)
    s.sync()


def resolve(choice: str | None) -> str:
    if not choice or choice == SYSTEM:
        return i18n.system_language()
    return choice


def apply_qt_locale(lang: str) -> QLocale:
    """Make Qt format as the UI language does, not as the system does: month and day names in date
    fields, digits in spin boxes, calendars. Without this an English window on a Korean system shows
    the proposal's date as "26 11월 2026". The default serves widgets made from now on; the open
    widgets follow through ``QWidget.setLocale`` on the window (see ``MainWindow.language_changed``)."""
    locale = QLocale(babel_locale(lang))
    QLocale.setDefault(locale)
    return locale


def install_qt_translation(lang: str) -> bool:
    """Load Qt's own strings (OK, Cancel, Undo …) for ``lang``; English needs none."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if lang not in ("ko",):
        return False
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)
        gaps = QtGaps(app)
        app.installTranslator(gaps)  # asked first: installed last
        _qt_translators.append(gaps)
        return True
    return False

