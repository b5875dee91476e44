"""What is left to do sits in a panel of steady height under each page: the page's fields do not
move as findings come and go (a click lands where it was aimed), the person sets the panel's height
or folds it, and the step list counts what is left on each step without changing its width."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from forms.steps import STEPS, Step
from tests.ui.helpers import on_step, reopen, settle, type_into


def _where(widget, window) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def test_the_regions_page_does_not_move_when_a_finding_appears_and_goes(sample_window, qtbot):
    w = sample_window
    page = on_step(w, Step.REGIONS)
    before = (_where(page.add_button, w), _where(page.table, w), page.table.height(), page.findings.height())
    assert page.findings.left == 0 and page.findings.isVisible()
    w.doc.edit("organisations[0].region", "")  # as a colleague's merged change would: a finding
    settle()
    assert page.findings.left >= 1 and page.findings.lines[0].startswith("✖")
    assert (_where(page.add_button, w), _where(page.table, w), page.table.height(),
            page.findings.height()) == before
    w.doc.undo_stack.undo()
    settle()
    assert page.findings.left == 0
    assert (_where(page.add_button, w), _where(page.table, w), page.findings.height()) == before[:2] + before[3:]


def test_the_panel_folds_with_alt_f12_and_its_height_is_remembered(sample_window, qtbot, store):
    w = sample_window
    page = on_step(w, Step.PLAN)
    panel = page.findings
    unfolded = panel.height()
    assert unfolded > 3 * panel.fontMetrics().lineSpacing()
    page.date.setFocus()
    qtbot.keyClick(page.date, Qt.Key.Key_F12, Qt.KeyboardModifier.AltModifier)
    settle()
    assert panel.fold.isChecked() and not panel.scroll.isVisible()
    assert panel.height() <= panel.folded_height()
    # the other pages fold too, and so does the next start
    w.go(STEPS.index(Step.REGIONS))
    settle()
    assert w.regions.findings.height() <= w.regions.findings.folded_height()
    again = reopen(qtbot, w, store)
    again.resize(1366, 740)
    again.go(STEPS.index(Step.PLAN))
    settle()
    assert again.plan.findings.fold.isChecked()
    qtbot.mouseClick(again.plan.findings.fold, Qt.MouseButton.LeftButton)
    settle()
    assert again.plan.findings.scroll.isVisible() and again.plan.findings.height() > panel.folded_height()


def test_a_dragged_height_is_kept_by_every_page_and_the_next_start(sample_window, qtbot, store):
    w = sample_window
    w.resize(1366, 740)
    w.go(STEPS.index(Step.PLAN))
    settle()
    split = w.plan.splitter
    handle = split.handle(1)
    start = handle.mapTo(split, QPoint(handle.width() // 2, handle.height() // 2))
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, 1))
    qtbot.mouseMove(handle, QPoint(handle.width() // 2, -60))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, -60))
    settle()
    taller = split.sizes()[1]
    assert start.y() > 0 and taller > w.plan.findings.default_height() + 30
    w.go(STEPS.index(Step.REGIONS))
    settle()
    assert w.regions.splitter.sizes()[1] == taller
    again = reopen(qtbot, w, store)
    again.resize(1366, 740)
    again.go(STEPS.index(Step.PLAN))
    settle()
    assert again.plan.splitter.sizes()[1] == taller


def test_the_step_list_counts_what_is_left_and_keeps_its_width(window, qtbot):
    w = window
    w.resize(1366, 740)
    settle()
    width = w.steps.width()
    w.new_proposal("msit-mega-2023")  # a new proposal: every step has something left
    settle()
    assert w.steps.width() == width
    texts = [w.steps.item(i).text() for i in range(len(STEPS))]
    regions = texts[STEPS.index(Step.REGIONS)]
    assert regions.endswith(")") and regions.rsplit("(", 1)[1].rstrip(")").isdigit(), texts
    status = {s.step: s for s in __import__("forms.steps", fromlist=["x"]).step_statuses(w.doc.report)}
    assert regions.endswith(f"({status[Step.REGIONS].left})")
    assert "(" not in texts[STEPS.index(Step.EXPORT)]


def test_the_budget_grid_and_the_totals_below_are_split_where_the_person_left_them(sample_window, qtbot, store):
    w = sample_window
    w.resize(1366, 740)
    w.go(STEPS.index(Step.BUDGET))
    settle()
    page = w.budget
    rows_before = page.table.rowAt(page.table.viewport().height() - 2)
    handle = page.split.handle(1)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, 1))
    qtbot.mouseMove(handle, QPoint(handle.width() // 2, 150))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, 150))
    settle()
    rows_after = page.table.rowAt(page.table.viewport().height() - 2)
    assert rows_after >= rows_before + 4  # the grid got the room
    sizes = page.split.sizes()
    again = reopen(qtbot, w, store)
    again.resize(1366, 740)
    again.go(STEPS.index(Step.BUDGET))
    settle()
    assert again.budget.split.sizes() == sizes


def test_an_equipment_list_waits_as_a_note_until_the_budget_has_amounts(sample_window, qtbot):
    w = sample_window
    p = w.doc.proposal
    assert p.equipment
    for i in range(len(p.budget.lines)):
        w.doc.edit(f"budget.lines[{i}].amount_krw", 0)
    settle()
    w.go(STEPS.index(Step.PLAN))
    settle()
    notes = [line for line in w.plan.findings.lines if line.startswith("ℹ")]
    assert notes and all("checked once Budget has data" in n for n in notes), w.plan.findings.lines
    assert w.plan.findings.left == len(w.plan.findings.lines) - len(notes)
    plan = w.steps.item(STEPS.index(Step.PLAN)).text()
    assert plan == "4. Plan" or plan.endswith(f"({w.plan.findings.left})")
    type_into(qtbot, w.plan.title_edits["en"], "x", clear=False)  # any edit: still waiting
    settle()
    assert any(line.startswith("ℹ") for line in w.plan.findings.lines)
