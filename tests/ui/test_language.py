"""The language switches at once from the menu without losing the page, the selection or the text
being typed; Qt's own buttons follow; the choice is remembered; the first start follows the system."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import keys
from ui import setup
from ui.app import start_language


def test_switching_keeps_page_selection_and_text_being_typed(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    editor = w.plan.editors["plan.summary.en"]
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    keys(qtbot, editor, " Half-typed")
    position = editor.textCursor().position()
    undo_count = w.doc.undo_stack.count()

    w.menus.lang_actions["ko"].trigger()

    assert i18n.current_language() == "ko"
    assert w.stack.currentWidget() is w.plan
    assert w.steps.currentRow() == STEPS.index(Step.PLAN)
    assert QApplication.focusWidget() is editor
    assert editor.toPlainText().endswith(" Half-typed")
    assert editor.textCursor().position() == position
    assert w.doc.undo_stack.count() == undo_count
    assert w.plan.heading.text() == "사업계획"
    assert w.menus.file.title() == "파일(&F)"
    assert w.steps.item(STEPS.index(Step.BUDGET)).text() == "5. 예산"
    keys(qtbot, editor, " more")
    assert w.doc.proposal.plan["summary"].en.endswith(" Half-typed more")

    w.menus.lang_actions["en"].trigger()
    assert w.plan.heading.text() == "Plan"
    assert w.menus.file.title() == "&File"


def test_qt_own_buttons_are_translated(app):
    setup.install_qt_translation("ko")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "취소"
    setup.install_qt_translation("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_the_file_dialog_speaks_korean_where_qts_own_catalog_is_silent(app):
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.set_language("ko")
    setup.install_qt_translation("ko")
    try:
        dialog = QFileDialog(None, "x", "", "*.json")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
        dialog.deleteLater()
        assert labels == ["찾는 위치(&L):", "파일 이름(&N):", "파일 형식(&T):"]  # the middle one is Qt's own
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "폴더"
        assert QCoreApplication.translate("QFileDialog", "Detail View") == "자세히 보기"  # still Qt's catalog
    finally:
        i18n.set_language("en")
        setup.install_qt_translation("en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"


def test_choice_is_remembered_and_first_start_follows_the_system(window, monkeypatch):
    monkeypatch.setenv("LC_ALL", "ko_KR.UTF-8")
    assert setup.saved_language() == setup.SYSTEM
    assert start_language(None) == "ko"  # first start: the system's language
    window.menus.lang_actions["en"].trigger()
    assert setup.saved_language() == "en"
    assert start_language(None) == "en"  # remembered over the system's
    assert start_language("ko") == "ko"  # --lang wins
    window.menus.lang_actions[setup.SYSTEM].trigger()
    assert i18n.current_language() == "ko"
    assert start_language(None) == "ko"
    setup.install_qt_translation("en")


def test_language_menu_lists_system_default_first_then_each_language_in_its_own_script(window):
    titles = [a.text() for a in window.menus.language.actions()]
    assert titles == ["&System default", "한국어", "English"]


def test_the_bundled_korean_font_is_registered_as_the_fallback(app):
    from PySide6.QtGui import QFontDatabase

    family = setup.register_fonts(app)
    assert family and "Nanum" in family
    assert family in QFontDatabase.families()
    assert app.font().families()[-1] == family
    assert QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.Korean) == 1


def test_the_pseudo_language_stretches_every_text(sample_window):
    i18n.set_language(i18n.PSEUDO)
    assert sample_window.budget.heading.text().startswith("[")
    assert sample_window.menus.file.title().startswith("[")
    assert sample_window.steps.item(0).text().startswith("1. [")


def test_dates_follow_the_ui_language_not_the_system(sample_window):
    """An English window on a Korean system writes the proposal's date in English, and a switch
    of language rewrites the open date field at once."""
    from PySide6.QtCore import QLocale

    w = sample_window
    system = QLocale()
    try:
        QLocale.setDefault(QLocale("ko_KR"))  # a Korean system
        w.setLocale(QLocale("ko_KR"))
        w.menus.lang_actions["en"].trigger()
        w.go(STEPS.index(Step.PLAN))
        day = w.doc.proposal.date
        assert (day.year, day.month, day.day) == (2023, 3, 2)
        assert w.plan.date.text() == "2 March 2023"
        assert QLocale().name() == "en_US"
        w.menus.lang_actions["ko"].trigger()
        assert w.plan.date.text() == "2023. 3. 2."
        assert QLocale().name() == "ko_KR"
        w.menus.lang_actions["en"].trigger()
        assert w.plan.date.text() == "2 March 2023"
    finally:
        QLocale.setDefault(system)
