"""What an official hits in the window, driven as they did it: typing a row of years, deleting an
organisation that lines depend on, the window's size on a laptop, proposals that pile up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from forms.base import i18n
from forms.fieldpath import BUDGET_LINES
from forms.steps import STEPS, Step
from tests.ui.helpers import _editor, answer_next_box, keys, settle


@pytest.fixture(autouse=True)
def _english():
    """The buttons are answered by their English names (another test may have left Korean on)."""
    from ui import setup

    i18n.set_language("en")
    setup.install_qt_translation("en")  # Qt's own buttons (Cancel) too


def _budget(w):
    w.go(STEPS.index(Step.BUDGET))
    return w.budget


def test_a_row_of_years_typed_with_tab_and_enter_keeps_every_amount(sample_window, qtbot):
    w = sample_window
    page = _budget(w)
    table, model = page.table, page.model
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle()
    row = model.grid.row_of_line(len(w.doc.proposal.budget.lines) - 1)
    first = model.year_column(2024)
    rect = table.visualRect(model.index(row, first))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = _editor(table, QLineEdit)
    keys(qtbot, editor, "111")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    settle()
    assert table.currentIndex().row() == row and table.currentIndex().column() == first + 1
    keys(qtbot, QApplication.focusWidget(), "222")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle()
    amounts = {line.year: line.amount_krw for line in w.doc.proposal.budget.lines
               if model.grid.row_of_line(w.doc.proposal.budget.lines.index(line)) == row}
    unit = model.unit.value
    assert amounts[2024] == 111 * unit and amounts[2025] == 222 * unit
    # The cursor stays where the commit left it, and the arrow keys move it.
    current = table.currentIndex()
    assert current.isValid() and current.row() == row and current.column() == first + 1
    qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().column() == first


def _remove_org(qtbot, w, row: int) -> None:
    w.go(STEPS.index(Step.REGIONS))
    page = w.regions
    page.table.selectRow(row)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    settle()


def test_removing_an_organisation_with_lines_asks_and_keeping_it_changes_nothing(sample_window, qtbot):
    w = sample_window
    p = w.doc.proposal
    org = p.organisations[1]
    lines = sum(1 for line in p.budget.lines if line.org == org.id)
    assert lines > 1
    seen: list[str] = []
    answer_next_box("Keep the organisation", seen)
    _remove_org(qtbot, w, 1)
    assert f"{lines} budget lines" in seen[0] and org.name.en in seen[0]
    assert w.doc.proposal.organisations[1] is org
    assert sum(1 for line in p.budget.lines if line.org == org.id) == lines


def test_the_removal_question_names_each_kind_of_record_in_korean(sample_window, qtbot):
    w = sample_window
    org = w.doc.proposal.organisations[1]
    w.menus.lang_actions["ko"].trigger()
    seen: list[str] = []
    answer_next_box("기관 유지(K)", seen)
    _remove_org(qtbot, w, 1)
    assert seen[0].startswith(f"{org.name.ko}에 연결된 기록이 있습니다: 예산 항목 ")
    assert "과제 " in seen[0] and "장비 " in seen[0]
    assert "기타 기록" not in seen[0] and "이(가)" not in seen[0]
    assert w.doc.proposal.organisations[1] is org


def test_removing_an_organisation_with_its_lines_is_one_undo_step(sample_window, qtbot):
    w = sample_window
    p = w.doc.proposal
    org, before = p.organisations[1], len(p.budget.lines)
    lines = sum(1 for line in p.budget.lines if line.org == org.id)
    answer_next_box("Remove it with them")
    _remove_org(qtbot, w, 1)
    p = w.doc.proposal
    assert org.id not in {o.id for o in p.organisations}
    assert len(p.budget.lines) == before - lines
    assert not any(f.path.within(BUDGET_LINES) and "org" in f.code.lower() for f in w.doc.report.findings)
    w.doc.undo_stack.undo()
    assert org.id in {o.id for o in w.doc.proposal.organisations} and len(w.doc.proposal.budget.lines) == before


def test_an_organisation_nothing_names_goes_without_a_question(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    qtbot.mouseClick(w.regions.add_button, Qt.MouseButton.LeftButton)
    settle()
    n = len(w.doc.proposal.organisations)
    _remove_org(qtbot, w, n - 1)  # a box here would fail the test
    assert len(w.doc.proposal.organisations) == n - 1


def test_the_window_fits_a_1366x768_laptop_with_its_buttons_and_status_bar(sample_window):
    from PySide6.QtCore import QRect

    w = sample_window
    available = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
    w.place_on_screen(available)
    settle()
    assert w.width() <= 1366 - w.FRAME[0] and w.height() <= 728 - w.FRAME[1]
    assert available.contains(w.geometry())
    for i, _step in enumerate(STEPS):
        w.go(i)
        settle()
        hint = w.minimumSizeHint()
        assert hint.width() <= w.width() and hint.height() <= w.height(), _step
        for widget in (w.next_button, w.back_button, w.statusBar()):
            top_left = widget.mapTo(w, widget.rect().topLeft())
            assert w.rect().contains(QRect(top_left, widget.size())), (_step, widget)


def test_the_window_opens_where_it_was_closed(app, qtbot, store):
    from ui.window import MainWindow

    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 560)
    first.move(40, 30)
    settle()
    size = first.size()
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    settle()
    assert second.size() == size
    second.close()


# proposals: new, rename, duplicate, delete and restore ------------------------------------------
def _select_recent(w, proposal_id: str) -> None:
    w.go(STEPS.index(Step.START))
    w.refresh_recent()  # the fixture stored the sample behind the window's back
    recent = w.start.recent
    for i in range(recent.count()):
        if recent.item(i).data(Qt.ItemDataRole.UserRole) == proposal_id:
            recent.setCurrentRow(i)
            return
    raise AssertionError(f"{proposal_id} is not listed")


def test_ctrl_n_stores_nothing_until_something_is_typed(window, qtbot, store):
    from tests.ui.helpers import type_into

    w = window
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert w.doc.proposal is not None and store.list_proposals() == []
    assert w.start.recent.count() == 0
    w.go(STEPS.index(Step.PLAN))
    type_into(qtbot, w.plan.title_edits["ko"], "새 제안")
    w.doc.flush()
    assert [i.title.ko for i in store.list_proposals()] == ["새 제안"]
    assert w.start.recent.count() == 1


def test_rename_duplicate_delete_and_restore_from_the_start_page(sample_window, qtbot, store):
    from PySide6.QtWidgets import QInputDialog

    from tests.ui.helpers import answer_next_dialog

    w = sample_window
    pid = w.doc.proposal.id
    w.doc.flush()
    _select_recent(w, pid)

    def rename(dialog: QInputDialog) -> None:
        dialog.setTextValue("Renamed mega project")
        dialog.accept()

    answer_next_dialog(QInputDialog, rename)
    qtbot.mouseClick(w.start.rename_button, Qt.MouseButton.LeftButton)
    settle()
    assert w.doc.proposal.title.en == "Renamed mega project"
    assert any(i.title.en == "Renamed mega project" for i in store.list_proposals())

    _select_recent(w, pid)
    qtbot.mouseClick(w.start.duplicate_button, Qt.MouseButton.LeftButton)
    settle()
    copy_id = w.doc.proposal.id
    assert copy_id != pid and w.doc.proposal.title.en == "Renamed mega project (copy)"
    assert len(store.list_proposals()) == 2

    seen: list[str] = []
    _select_recent(w, pid)
    answer_next_box("Cancel", seen)
    qtbot.mouseClick(w.start.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert "Renamed mega project" in seen[0] and len(store.list_proposals()) == 2
    answer_next_box("Delete")
    qtbot.mouseClick(w.start.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert [i.id for i in store.list_proposals()] == [copy_id]
    assert w.start.recent.count() == 1

    answer_next_dialog(QInputDialog, lambda dialog: dialog.accept())
    qtbot.mouseClick(w.start.restore_button, Qt.MouseButton.LeftButton)
    settle()
    assert w.doc.proposal.id == pid and w.doc.proposal.title.en == "Renamed mega project"
    assert {i.id for i in store.list_proposals()} == {pid, copy_id}


def test_deleting_the_open_proposal_closes_it_and_keeps_its_snapshots(sample_window, qtbot, store):
    from storage import trash

    w = sample_window
    pid = w.doc.proposal.id
    w.doc.flush()
    store.snapshot(pid, "first draft")
    _select_recent(w, pid)
    answer_next_box("Delete")
    qtbot.mouseClick(w.start.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert w.doc.proposal is None and store.list_proposals() == []
    assert not w.next_button.isEnabled()
    trash.restore(store, trash.deleted(store)[0].path)
    assert [s.name for s in store.snapshots(pid)] == ["first draft"]


# findings on the Type, Regions and Plan pages; the cap and the date ---------------------------
def test_the_type_page_says_why_its_step_is_red(window, qtbot):
    w = window
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    w.go(STEPS.index(Step.TYPE))
    panel = w.kind.findings
    assert panel.isVisible()
    assert any(line.startswith("✖") and "type" in line.lower() for line in panel.lines), panel.lines
    qtbot.mouseClick(w.kind.cards["leap"][2], Qt.MouseButton.LeftButton)
    assert not any("type" in line.lower() and line.startswith("✖") for line in panel.lines)


def test_the_regions_page_lists_a_missing_name_and_a_click_goes_to_it(sample_window, qtbot):
    from tests.ui.helpers import type_into

    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    name = w.regions.widget_for("organisations[1].name.ko")
    type_into(qtbot, name, "")
    panel = w.regions.findings
    assert panel.isVisible() and "✖ Organisation 2: no name (Korean)" in panel.lines
    w.regions.setFocus()
    line = panel.scroll.item(panel.lines.index("✖ Organisation 2: no name (Korean)"))
    assert line.toolTip() == "Organisation 2 has no name in Korean."
    qtbot.mouseClick(panel.scroll.viewport(), Qt.MouseButton.LeftButton, pos=panel.scroll.visualItemRect(line).center())
    assert QApplication.focusWidget() is name


def test_the_plan_counter_turns_red_past_its_limit_and_the_page_says_by_how_much(sample_window, qtbot):
    from ui.marks import ERROR_COLOUR

    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    page = w.plan
    from forms.fieldpath import PLAN, FieldPath

    path = next(p for p in page.counters
                if page.profile.form.section(FieldPath.parse(p).after(PLAN).head).max_chars)
    page.show_chapter(page.chapter_of(page.editors[path]))
    limit = page.profile.form.section(FieldPath.parse(path).after(PLAN).head).max_chars
    counter = page.counters[path]
    assert counter.property("finding") in (None, "")
    editor = page.editors[path]
    editor.setFocus()
    editor.selectAll()
    editor.insertPlainText("x" * limit)  # pasted: at the limit, not past it
    settle()
    assert counter.property("finding") in (None, "")
    qtbot.keyClicks(editor, "abcde")
    settle()
    assert counter.property("finding") == "error" and ERROR_COLOUR in counter.styleSheet()
    assert any(line.startswith("✖") and f"{limit + 5:,}/{limit:,} characters" in line
               for line in page.findings.lines), page.findings.lines
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    for _ in range(5):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert counter.property("finding") in (None, "") and counter.styleSheet() == ""


def test_over_the_national_cap_the_excess_shows_in_red(sample_window, qtbot):
    from tests.ui.helpers import edit_cell
    from ui.marks import ERROR_COLOUR

    w = sample_window
    page = _budget(w)
    assert page.cap.emphasis_colour() is None
    model = page.model
    p = w.doc.proposal
    line = next(i for i, x in enumerate(p.budget.lines) if x.source == "national")
    row, col = model.grid.row_of_line(line), model.year_column(p.budget.lines[line].year)
    edit_cell(qtbot, page.table, row, col, "60억")
    excess = page.model.summary.national_excess
    assert excess > 0
    assert "over the call's cap" in page.cap.text() and f"{excess:,}" in page.cap.text()
    assert page.cap.emphasis_colour() == ERROR_COLOUR.lower()


def test_a_date_outside_the_submission_period_is_a_warning_on_the_plan_page(sample_window, qtbot):
    from PySide6.QtCore import QDate

    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    page = w.plan
    page.date.setFocus()
    page.date.setDate(QDate(2026, 11, 26))  # today, as a new proposal would have it
    settle()
    found = [f for f in w.doc.report.findings if f.code == "content.date_outside_submission"]
    assert found and not found[0].is_error
    assert page.date.property("finding") == "warning"
    assert any(line.startswith("⚠") and "submission period" in line for line in page.findings.lines)
    page.date.setDate(QDate(2023, 3, 2))
    settle()
    assert not any(f.code == "content.date_outside_submission" for f in w.doc.report.findings)
