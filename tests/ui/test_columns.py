"""Columns sized once and sensibly, that stay put while a person types, and what trials found on
the budget grid, the export page, a date that does not exist and Ctrl+Z in the organisations."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QComboBox, QHeaderView, QMessageBox

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import _editor, choose, edit_cell, keys, reopen, settle, type_into


@pytest.fixture(autouse=True)
def _english():
    from ui import setup

    i18n.set_language("en")
    setup.install_qt_translation("en")


def _widths(header: QHeaderView) -> list[int]:
    return [header.sectionSize(i) for i in range(header.count())]


def _budget(w):
    w.go(STEPS.index(Step.BUDGET))
    settle()
    return w.budget


def _bold(widget) -> QFontMetrics:
    font = QFont(widget.font())
    font.setBold(True)
    return QFontMetrics(font)


# item 10: columns ---------------------------------------------------------------------------
def test_a_fresh_budget_has_year_columns_for_ten_digit_amounts_and_readable_names(window, qtbot):
    w = window
    w.resize(1280, 680)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    page = _budget(w)
    model, header = page.model, page.table.horizontalHeader()
    ten_digits = _bold(page.table).horizontalAdvance("9,999,999,999")
    for year in model.grid.years:
        assert header.sectionSize(model.year_column(year)) > ten_digits
    assert header.sectionSize(model.total_column) > ten_digits
    metrics = page.table.fontMetrics()
    for col in (1, 2, 3):  # category, source, paying region: their longest choice shows whole
        longest = max(metrics.horizontalAdvance(name) for _code, name in model.choices(col))
        assert header.sectionSize(col) > longest, (col, header.sectionSize(col), longest)


def test_budget_columns_stay_put_while_amounts_are_typed_and_lines_added(sample_window, qtbot):
    w = sample_window
    page = _budget(w)
    header = page.table.horizontalHeader()
    before = _widths(header)
    p = w.doc.proposal
    model = page.model
    for i, amount in ((0, "99억"), (1, "1"), (2, "9,999,999")):
        line = p.budget.lines[i]
        edit_cell(qtbot, page.table, model.grid.row_of_line(i), model.year_column(line.year), amount)
        assert _widths(header) == before
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle()
    assert _widths(header) == before
    w.go(STEPS.index(Step.REGIONS))
    type_into(qtbot, w.regions.widget_for("organisations[0].name.en"), "A much longer English name of the lead organisation")
    page = _budget(w)
    assert _widths(header) == before


def test_a_column_dragged_wider_is_kept_and_remembered(sample_window, qtbot, store):
    from ui.window import MainWindow

    w = sample_window
    page = _budget(w)
    header = page.table.horizontalHeader()
    col = page.model.year_column(page.model.grid.years[0])
    header.resizeSection(col, 250)  # what dragging the edge of the header does
    settle()
    line = w.doc.proposal.budget.lines[0]
    edit_cell(qtbot, page.table, page.model.grid.row_of_line(0), page.model.year_column(line.year), "12억")
    assert header.sectionSize(col) == 250
    w.doc.flush()
    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    again.doc.load(*store.load(w.doc.proposal.id))
    assert _budget(again).table.horizontalHeader().sectionSize(col) == 250
    again.close()


def test_organisation_columns_are_readable_and_stay_put_when_a_kind_is_chosen(sample_window, qtbot):
    w = sample_window
    w.resize(1280, 680)
    w.go(STEPS.index(Step.REGIONS))
    settle()
    page = w.regions
    header = page.table.horizontalHeader()
    chars = page.table.fontMetrics().averageCharWidth()
    assert header.sectionSize(0) >= 24 * chars and header.sectionSize(1) >= 24 * chars
    before = _widths(header)
    choose(page.widget_for("organisations[1].kind"), "large")
    settle()
    assert _widths(header) == before
    # and the choice is shown whole, not cut ("Large firm or pub…", "중소:")
    from ui.pages.base import choice_width

    for key in ("kind", "role", "region"):
        for row in range(len(w.doc.proposal.organisations)):
            combo = page.widget_for(f"organisations[{row}].{key}")
            assert combo.width() >= choice_width(page.table, [combo.currentText()]), (key, combo.currentText())
    type_into(qtbot, page.widget_for("organisations[1].name.en"), "Kyungpook National University Industry Foundation")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle()
    assert _widths(header) == before


def test_roadmap_columns_stay_put_while_a_goal_is_typed(sample_window, qtbot):
    w = sample_window
    w.resize(1280, 680)
    w.go(STEPS.index(Step.PLAN))
    page = w.plan
    page.show_chapter(page.chapter_of(page.roadmap))
    settle()
    header = page.roadmap.horizontalHeader()
    chars = page.roadmap.fontMetrics().averageCharWidth()
    assert header.sectionSize(2) >= 20 * chars and header.sectionSize(3) >= 20 * chars
    before = _widths(header)
    goal = page.widget_for("roadmap[0].goal.en")
    goal.setFocus()
    goal.end(False)
    keys(qtbot, goal, " and a pilot plant in Pohang that runs for the whole of the second stage")
    settle()
    assert _widths(header) == before


def _schedule(w):
    from tools import screenshots

    w.resize(1600, 800)  # room to share beyond the columns' own widths
    screenshots.shoot_plan_table(w, "schedule")
    return w.plan.tasks


def test_a_record_tables_dragged_column_is_kept_across_starts_and_the_others_still_fit(sample_window, qtbot, store):
    """A width dragged in a record table outlives the window (it is kept in the settings, which
    the tests hold in a temporary folder); the columns not dragged still share the table's room,
    and are sized again for the other language's headers when the language changes."""
    from ui import setup
    from ui.pages.base import steady_width

    w = sample_window
    tasks = _schedule(w)
    header = tasks.table.horizontalHeader()
    kinds = [c.kind for c in tasks.columns]
    dragged, other = (i for i, k in enumerate(kinds) if k in ("text", "name"))  # Korean and English names
    fitted = header.sectionSize(other)
    assert sum(_widths(header)) == steady_width(tasks.table)  # the room shared out
    header.resizeSection(dragged, 90)  # what dragging the edge of the header does
    settle()
    assert header.sectionSize(dragged) == 90
    # kept by the column's field, not its place (a year's column may come before it)
    assert setup.settings().value("columns/records/schedule") == {tasks.columns[dragged].key: 90}
    again = reopen(qtbot, w, store)
    tasks = _schedule(again)
    header = tasks.table.horizontalHeader()
    assert header.sectionSize(dragged) == 90
    # the column not dragged takes the room the narrower one left: it still fits, and more
    assert header.sectionSize(other) > fitted
    assert sum(_widths(header)) == steady_width(tasks.table)
    english = header.sectionSize(other)
    again.menus.lang_actions["ko"].trigger()
    settle()
    header = tasks.table.horizontalHeader()
    assert tasks.table.horizontalHeaderItem(other).text() != "Task (English)"
    assert header.sectionSize(dragged) == 90
    assert sum(_widths(header)) == steady_width(tasks.table)
    assert header.sectionSize(other) != english  # sized again for the Korean headers
    again.close()


# found in trials -----------------------------------------------------------------------------
def test_a_source_chosen_in_the_grid_applies_at_once_from_a_drop_down_as_wide_as_its_items(sample_window, qtbot):
    w = sample_window
    page = _budget(w)
    table, model = page.table, page.model
    p = w.doc.proposal
    i = next(k for k, line in enumerate(p.budget.lines) if line.source == "national")
    line_id, row = p.budget.lines[i].id, model.grid.row_of_line(i)
    rect = table.visualRect(model.index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    combo = _editor(table, QComboBox)
    assert combo.width() >= combo.sizeHint().width()  # not squeezed into the column
    combo.showPopup()
    settle()
    view = combo.view()
    target = view.model().index(combo.findData("own_cash"), 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center())
    settle()
    # Applied without leaving the cell.
    assert next(x for x in w.doc.proposal.budget.lines if x.id == line_id).source == "own_cash"
    assert not [e for e in table.viewport().findChildren(QComboBox) if e.isVisible()]
    w.doc.undo_stack.undo()
    assert next(x for x in w.doc.proposal.budget.lines if x.id == line_id).source == "national"


def test_the_export_page_fits_the_format_and_clears_an_old_failure(sample_window, qtbot, tmp_path):
    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    settle()
    page = w.export
    choose(page.format, "xlsx")
    settle()
    assert "workbook" in page.export_button.text().replace("&", "")
    assert "sheets" in page.draft.text()
    page.file.setText(str(tmp_path / "gone" / "budget.xlsx"))  # a folder that does not exist
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.failure.isVisible() and "gone" in page.failure.text()
    page.file.setText(str(tmp_path / "budget.xlsx"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    settle()
    assert (tmp_path / "budget.xlsx").exists()
    assert not page.failure.isVisible() and page.failure.text() == ""
    assert page.done_box.isVisible() and not page.print_button.isVisible()  # Print is for the PDF
    choose(page.format, "pdf")
    settle()
    assert "PDF" in page.export_button.text()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.print_button.isVisible()


@pytest.mark.parametrize(("lang", "said"), [("en", "does not exist: that month has 28 days"),
                                            ("ko", "없는 날짜입니다. 그 달은 28일까지 있습니다")])
def test_a_date_that_is_not_on_the_calendar_is_said_to_not_exist(window, tmp_path, monkeypatch, lang, said):
    from forms.files.exchange import to_dict
    from forms.sample import SAMPLES
    from ui import setup

    i18n.set_language(lang)
    setup.install_qt_translation(lang)
    data = to_dict(SAMPLES["super_regional"]())
    data["date"] = "2023-02-30"
    bad = tmp_path / "dated.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(bad)])
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: seen.append(text)))
    window.menus.import_.trigger()
    settle()
    assert len(seen) == 1 and said in seen[0] and "2023-02-30" in seen[0] and "YYYY" not in seen[0]


@pytest.mark.parametrize("where", ["table", "name", "kind"])
def test_ctrl_z_in_the_organisation_table_brings_a_removed_organisation_back(sample_window, qtbot, where):
    from tests.ui.helpers import answer_next_box

    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    settle()
    page = w.regions
    n = len(w.doc.proposal.organisations)
    removed = w.doc.proposal.organisations[1].id
    answer_next_box("Remove it with them")
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    settle()
    assert len(w.doc.proposal.organisations) == n - 1
    w.activateWindow()  # back from the box, as the window manager does
    settle()
    if where == "name":
        qtbot.mouseClick(page.widget_for("organisations[0].name.ko"), Qt.MouseButton.LeftButton)
    elif where == "kind":
        page.widget_for("organisations[0].kind").setFocus()
    else:
        page.table.setFocus()
    settle()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert len(w.doc.proposal.organisations) == n
    assert removed in {o.id for o in w.doc.proposal.organisations}


def test_a_failed_export_never_leaves_the_last_ones_result_nor_a_wait_cursor(sample_window, qtbot, tmp_path,
                                                                              monkeypatch):
    from PySide6.QtGui import QGuiApplication

    import reports.export

    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    settle()
    page = w.export
    choose(page.format, "xlsx")
    page.file.setText(str(tmp_path / "first.xlsx"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    settle()
    assert page.done_box.isVisible()

    def broken(*_args, **_kwargs):
        raise ValueError("a writer's fault")

    monkeypatch.setattr(reports.export, "export_packet", broken)
    page.file.setText(str(tmp_path / "second.xlsx"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    settle()
    assert not page.done_box.isVisible()  # "written: first.xlsx" is not this export's result
    assert page.failure.isVisible() and page.failure.text().startswith("Unexpected error: ValueError: a writer's fault")
    assert QGuiApplication.overrideCursor() is None
    assert page.export_button.isEnabled()
    page.file.setText(str(tmp_path / "third.xlsx"))  # another file proposed: the old failure goes
    assert not page.failure.isVisible()
