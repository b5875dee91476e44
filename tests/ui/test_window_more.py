"""More of what an official hits in the window: keys (Ctrl+Y, quitting with an amount still being
typed), export defaults, file dialogs in the window's language, and no program to open a PDF."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import _editor, answer_next_box, reopen, settle, type_in_cell, type_into


@pytest.fixture(autouse=True)
def _english():
    from ui import setup

    i18n.set_language("en")
    setup.install_qt_translation("en")


def test_ctrl_y_redoes_in_a_text_box(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    title = w.plan.title_edits["en"]
    before = w.doc.proposal.title.en
    type_into(qtbot, title, "A new title")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.proposal.title.en == before
    qtbot.keyClick(title, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.proposal.title.en == "A new title" and title.text() == "A new title"


def _asking_once(ask):
    """The question, but only while the test runs: the fixture's own close must not wait for it."""
    calls = []

    def wrapped(self):
        calls.append(1)
        return ask(self) if len(calls) <= 2 else True

    return wrapped


def _amount_cell(w):
    w.go(STEPS.index(Step.BUDGET))
    model = w.budget.model
    line = next(i for i, x in enumerate(w.doc.proposal.budget.lines) if x.year == 2024)
    return line, model.grid.row_of_line(line), model.year_column(2024)


def test_quitting_with_an_unreadable_amount_asks_and_can_go_back_to_it(sample_window, qtbot, monkeypatch):
    w = sample_window
    monkeypatch.setattr(type(w), "_amount_settled", _asking_once(type(w)._amount_settled))
    _line, row, col = _amount_cell(w)
    type_in_cell(qtbot, w.budget.table, row, col, "12억 abc")
    seen: list[str] = []
    answer_next_box("Go back to it", seen)
    w.close()
    settle()
    assert "12억 abc" in seen[0]
    editor = _editor(w.budget.table, QLineEdit)  # the cell is open again, with the typing
    assert w.isVisible() and editor.text() == "12억 abc"
    answer_next_box("Quit without it")
    w.close()
    settle()
    assert not w.isVisible()


def test_quitting_with_a_readable_amount_being_typed_keeps_it(sample_window, qtbot, store):
    w = sample_window
    line, row, col = _amount_cell(w)
    type_in_cell(qtbot, w.budget.table, row, col, "3억")
    w.close()  # no question: the amount is read and saved
    assert not w.isVisible()
    stored, _version = store.load(w.doc.proposal.id) if w.doc.proposal else (None, 0)
    assert w.doc.proposal.budget.lines[line].amount_krw == 300_000_000
    assert stored.budget.lines[line].amount_krw == 300_000_000


def test_export_defaults_to_an_existing_folder_and_a_clean_name(sample_window, qtbot):
    from ui.files import clean_name

    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    path = w.export.file.text()
    assert os.path.isdir(os.path.dirname(path))
    name = os.path.basename(path)
    assert name.endswith(".pdf") and " .pdf" not in name and "  " not in name
    long = "Neuromorphic semiconductors mimicking compound eyes for supervision AI in Gwangju and Jeonnam"
    cut = clean_name(long, "x")
    assert len(cut) <= 60 and long.startswith(cut) and not cut.endswith(" ") and long[len(cut)] == " "
    assert clean_name('a/b: "c"  d', "x") == "a b c d"
    w.doc.edit("title.en", "")
    w.doc.edit("title.ko", "")
    w.export.refresh("")
    assert os.path.basename(w.export.file.text()) == "Proposal 2023-03-02.pdf"


def test_file_dialogs_speak_the_window_language(sample_window, qtbot, monkeypatch, tmp_path):
    """Every file dialog is made by one helper: Qt's own on Linux, in the window's locale (sizes
    and dates as the window writes them, not as the system does), its detail view's columns wide
    enough for their headings and for a size, a type and a date."""
    from PySide6.QtCore import QDateTime, QLocale
    from PySide6.QtWidgets import QTreeView

    from forms.dates import moment
    from ui import files

    made = []
    monkeypatch.setattr(files, "chosen", lambda dialog: made.append(dialog) or [])
    monkeypatch.setattr(i18n, "system_language", lambda: "ko")
    (tmp_path / "큰 파일.json").write_bytes(b"x" * 264_192)  # 258 KiB
    w = sample_window
    w.resize(1366, 740)
    w.go(STEPS.index(Step.EXPORT))
    for lang, locale in (("en", "en_US"), ("ko", "ko_KR")):
        i18n.set_language(lang)
        qtbot.mouseClick(w.export.browse, Qt.MouseButton.LeftButton)  # Save as… of the packet
        assert made[-1].locale().name() == locale
        assert made[-1].testOption(QFileDialog.Option.DontUseNativeDialog)  # Linux: Qt's own dialog
        dialog = files.FileDialog(w, "x", str(tmp_path), "Proposal files (*.json)")
        assert dialog.locale().name() == locale
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        qtbot.waitExposed(dialog)
        view = dialog.findChild(QTreeView, "treeView")
        model = view.model()
        qtbot.waitUntil(lambda m=model, v=view: m.rowCount(v.rootIndex()) == 1)
        qtbot.wait(50)  # the columns are fitted once the dialog is laid out
        row = [model.index(0, c, view.rootIndex()).data() for c in range(4)]
        stamp = QDateTime.fromSecsSinceEpoch(int((tmp_path / "큰 파일.json").stat().st_mtime))
        assert row[1] == QLocale(locale).formattedDataSize(264_192)
        assert row[3] == moment(stamp.toPython(), lang)  # as the window writes every moment
        assert "/" not in row[3] and "AM" not in row[3] and "PM" not in row[3], row  # not the system's short form
        header, metrics = view.header(), view.fontMetrics()
        for c in range(4):
            assert header.sectionSize(c) >= header.sectionSizeFromContents(c).width(), (lang, c)
            assert header.sectionSize(c) > metrics.horizontalAdvance(row[c] or ""), (lang, c, row[c])
        assert sum(header.sectionSize(c) for c in range(4)) <= view.viewport().width() + 2
        dialog.reject()


def _exported(window, tmp_path):
    window.go(STEPS.index(Step.EXPORT))
    window.export.draft.setChecked(True)
    window.export.file.setText(str(tmp_path / "packet.pdf"))
    assert window.export.export()
    return window.export


def _no_viewer(monkeypatch, tmp_path, opener: str | None) -> None:
    """The system's opener: on Linux an ``xdg-open`` on PATH running ``opener`` (a shell script's
    body), or none at all; elsewhere Qt's answer that nothing took the file."""
    import sys

    from PySide6.QtGui import QDesktopServices

    if sys.platform in ("win32", "darwin"):
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
        return
    # As on X11: Qt starts xdg-open detached and reports success whatever becomes of it.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: True))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    if opener is not None:
        script = bin_dir / "xdg-open"
        script.write_text("#!/bin/sh\n" + opener + "\n")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


def _say_in_list(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text: said.append(text)))
    return said


def test_without_any_opener_open_and_print_say_so_naming_the_folder(sample_window, qtbot, tmp_path, monkeypatch):
    _no_viewer(monkeypatch, tmp_path, None)
    said = _say_in_list(monkeypatch)
    page = _exported(sample_window, tmp_path)
    for button in (page.open_pdf, page.open_folder, page.print_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(said) == 3)
    assert "PDF viewer" in said[0] and str(tmp_path / "packet.pdf") in said[0]
    assert said[0].endswith("It is in the folder:\n" + str(tmp_path))
    assert str(tmp_path) in said[1] and "PDF viewer" in said[2]


def test_an_opener_that_finds_no_viewer_is_said_too(sample_window, qtbot, tmp_path, monkeypatch):
    """xdg-open is there but has no program for PDF files: it ends with an error, after Qt would
    have reported success."""
    _no_viewer(monkeypatch, tmp_path, "echo 'xdg-open: no method available for opening' >&2; exit 3")
    said = _say_in_list(monkeypatch)
    page = _exported(sample_window, tmp_path)
    qtbot.mouseClick(page.open_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "PDF viewer" in said[0] and "It is in the folder:" in said[0]


def test_an_opener_that_opens_the_file_is_not_second_guessed(sample_window, qtbot, tmp_path, monkeypatch):
    import sys

    import pytest

    if sys.platform in ("win32", "darwin"):
        pytest.skip("xdg-open is Linux's")
    done = tmp_path / "opened"
    _no_viewer(monkeypatch, tmp_path, f'echo "$1" > "{done}"')
    said = _say_in_list(monkeypatch)
    page = _exported(sample_window, tmp_path)
    qtbot.mouseClick(page.open_pdf, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: done.exists() and done.read_text().strip() == str(tmp_path / "packet.pdf"))
    qtbot.waitUntil(lambda: not page.findChildren(QProcess))  # the opener has ended and been let go
    assert said == []


# Help's words ----------------------------------------------------------------------------------
def test_rules_help_says_basis_in_korean_and_explains_an_assumption_plainly(sample_window, monkeypatch):
    from PySide6.QtWidgets import QLabel, QTableWidget

    from ui.dialogs import RulesDialog

    i18n.set_language("ko")
    shown: list = []
    monkeypatch.setattr(RulesDialog, "exec", lambda self: shown.append(self) or 0)
    sample_window.rules()
    dialog = shown[0]
    table = dialog.findChild(QTableWidget)
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert heads[-1] == "근거" and "재원" not in heads
    cells = " ".join(table.item(r, 3).text() for r in range(table.rowCount()))
    assert "영문 제목" not in cells and "추정값이며" not in cells
    assert "앱이 가정한 값" in cells and ".toml" not in cells and "opens" not in cells
    call_tab = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "MSIT press release" not in call_tab and "과학기술정보통신부 보도자료" in call_tab


def test_the_type_page_explains_an_assumed_value_in_the_window_language(sample_window):
    w = sample_window
    i18n.set_language("ko")
    w.go(STEPS.index(Step.TYPE))
    text = w.kind.cards["super_regional"][1].text()
    assert "앱이 가정한 값" in text and "(추정값이며" not in text and "toml" not in text


# columns ---------------------------------------------------------------------------------------
def test_columns_are_sized_sensibly_on_a_fresh_proposal_and_a_dragged_width_is_kept(window, qtbot, store):

    w = window
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    w.go(STEPS.index(Step.REGIONS))
    qtbot.mouseClick(w.regions.add_button, Qt.MouseButton.LeftButton)
    settle()
    header = w.regions.table.horizontalHeader()
    assert abs(header.sectionSize(0) - header.sectionSize(1)) <= 1  # Korean and English names alike
    assert header.sectionSize(1) >= 120
    w.go(STEPS.index(Step.BUDGET))
    qtbot.mouseClick(w.budget.add_button, Qt.MouseButton.LeftButton)
    settle()
    budget = w.budget
    year = budget.table.horizontalHeader().sectionSize(budget.model.year_column(2024))
    assert year >= budget.table.fontMetrics().horizontalAdvance("5,500,000")
    # a width dragged by the official stays, across typing and across windows
    budget.table.horizontalHeader().resizeSection(0, 333)
    budget.refresh("budget.lines")
    assert budget.table.horizontalHeader().sectionSize(0) == 333
    again = reopen(qtbot, w, store)
    again.go(STEPS.index(Step.BUDGET))
    settle()
    assert again.budget.table.horizontalHeader().sectionSize(0) == 333
    again.close()


def test_a_cell_finding_names_the_row_the_grid_shows_and_is_listed_under_the_table(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    page, model = w.budget, w.budget.model
    lines = w.doc.proposal.budget.lines
    line = max(i for i, x in enumerate(lines) if model.grid.row_of_line(i) != i)  # its row is not its line
    w.doc.edit(f"budget.lines[{line}].category", "burden")  # not allowed in this call: an error in its cell
    settle()
    row = model.grid.row_of_line(line)
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert f"Line {row + 1}:" in tip and f"Line {line + 1}:" not in tip
    assert any(text.startswith(f"✖ Line {row + 1}:") for text in page.findings.lines), page.findings.lines
    items = [page.findings.scroll.item(i) for i in range(page.findings.scroll.count())]
    assert any(f"Line {row + 1}:" in it.toolTip() and f"Line {line + 1}:" not in it.toolTip() for it in items)
