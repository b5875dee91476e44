"""The panel under each page is a checklist of what the step still needs: one line per finding, its
mark and a few words with the figure ("✖ Indicator weights total 90/100"), the whole sentence in the
line's tooltip; a click on a line puts the cursor in its field, and the step list counts the lines
left to do (not the notes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import on_step, settle, type_into


def _items(panel):
    return [panel.scroll.item(i) for i in range(panel.scroll.count())]


def _count(w, step: Step) -> int:
    """What the step list says is left on ``step`` ("4. Plan (2)" → 2)."""
    text = w.steps.item(STEPS.index(step)).text()
    return int(text.rsplit("(", 1)[1].rstrip(")")) if text.endswith(")") else 0


def _click(qtbot, panel, line: str) -> None:
    item = next(it for it in _items(panel) if it.text() == line)
    rect = panel.scroll.visualItemRect(item)
    qtbot.mouseClick(panel.scroll.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle()


def test_a_weight_typed_shows_its_line_with_the_sum_and_the_line_goes_when_it_is_100(sample_window, qtbot):
    w = sample_window
    page = on_step(w, Step.PLAN)
    page.focus_path("indicators")
    settle()
    p = w.doc.proposal
    weight = p.indicators[0].weight
    assert page.findings.lines == [] and _count(w, Step.PLAN) == 0
    field = page.widget_for("indicators[0].weight")
    type_into(qtbot, field, str(weight - 10))
    settle()
    assert "✖ Indicator weights total 90/100" in page.findings.lines, page.findings.lines
    item = next(it for it in _items(page.findings) if it.text() == "✖ Indicator weights total 90/100")
    whole = next(f for f in w.doc.report.findings if f.code == "indicators.weights_not_100").message("en")
    assert item.toolTip() == whole and item.statusTip() == whole and len(whole) > 2 * len(item.text())
    assert page.findings.left == _count(w, Step.PLAN) == 1
    type_into(qtbot, field, str(weight))
    settle()
    assert page.findings.lines == [] and _count(w, Step.PLAN) == 0


def test_a_click_on_a_line_puts_the_cursor_in_its_field(sample_window, qtbot):
    w = sample_window
    page = on_step(w, Step.PLAN)
    title = page.title_edits["en"]
    type_into(qtbot, title, "")
    settle()
    assert "✖ No title (English)" not in page.findings.lines  # the call is written in Korean
    korean = page.title_edits["ko"]
    type_into(qtbot, korean, "")
    settle()
    assert "✖ No title (Korean)" in page.findings.lines, page.findings.lines
    page.date.setFocus()
    settle()
    _click(qtbot, page.findings, "✖ No title (Korean)")
    assert QApplication.focusWidget() is korean
    type_into(qtbot, korean, "업사이클링")
    settle()
    assert "✖ No title (Korean)" not in page.findings.lines


def test_the_step_list_counts_the_checklist_lines_left_not_the_notes(sample_window, qtbot):
    w = sample_window
    w.resize(1366, 740)
    p = w.doc.proposal
    w.doc.edit("organisations[1].region", "")
    w.doc.edit("indicators[0].weight", p.indicators[0].weight + 5)
    for i in range(len(p.budget.lines)):  # the equipment list waits for the budget: notes on Plan
        w.doc.edit(f"budget.lines[{i}].amount_krw", 0)
    settle()
    for step in (Step.TYPE, Step.REGIONS, Step.PLAN):
        w.go(STEPS.index(step))
        settle()
        panel = getattr(w, {Step.TYPE: "kind", Step.REGIONS: "regions", Step.PLAN: "plan"}[step]).findings
        left = [line for line in panel.lines if not line.startswith("ℹ")]
        assert len(left) == panel.left == _count(w, step), (step, panel.lines)
    notes = [line for line in w.plan.findings.lines if line.startswith("ℹ")]
    assert notes and all(n.endswith("(checked once Budget has data)") for n in notes), notes
    assert "✖ Indicator weights total 105/100" in w.plan.findings.lines
    assert any(line.startswith("✖ ") and line.endswith(": no region") for line in w.regions.findings.lines)


def test_the_checklist_reads_in_korean(sample_window, qtbot):
    w = sample_window
    w.resize(1366, 740)
    p = w.doc.proposal
    w.doc.edit("indicators[0].weight", p.indicators[0].weight - 10)
    w.go(STEPS.index(Step.PLAN))
    settle()
    i18n.set_language("ko")
    try:
        settle()
        assert "✖ 성과지표 가중치 합 90/100" in w.plan.findings.lines, w.plan.findings.lines
        item = next(it for it in _items(w.plan.findings) if it.text() == "✖ 성과지표 가중치 합 90/100")
        assert item.toolTip().startswith("성과지표 가중치의 합이 90%입니다.")
    finally:
        i18n.set_language("en")


def test_the_budget_page_lists_its_checklist_and_the_step_list_counts_its_lines(sample_window, qtbot):
    """The Budget page has the same checklist as every page: a line for each finding, those stated
    by the summary's lines (the local match, the national cap) too, and the step list counts them."""
    w = sample_window
    page = on_step(w, Step.BUDGET)
    lines = w.doc.proposal.budget.lines
    local = next(i for i, line in enumerate(lines) if line.source == "local")
    national = next(i for i, line in enumerate(lines) if line.source == "national")
    w.doc.edit(f"budget.lines[{local}].amount_krw", lines[local].amount_krw // 10)
    w.doc.edit(f"budget.lines[{national}].amount_krw", lines[national].amount_krw + 1)
    w.doc.edit(f"budget.lines[{national}].category", "no-such-category")
    settle()
    found = {f.code: f for f in w.doc.report.findings}
    assert {"budget.local_match_short", "budget.national_over_cap", "budget.category_not_allowed"} <= set(found)
    panel = page.findings
    assert panel is not None and panel.isVisible()
    left = [line for line in panel.lines if not line.startswith("ℹ")]
    assert len(left) == panel.left == _count(w, Step.BUDGET) >= 3, panel.lines
    excess = w.doc.report.statement.summary.national_excess
    assert f"✖ National funds KRW {excess:,} over the cap" in panel.lines, panel.lines
    assert any(line.startswith("✖ Local match ") for line in panel.lines), panel.lines
    item = next(it for it in _items(panel) if it.text().startswith("✖ National funds"))
    assert item.toolTip() == found["budget.national_over_cap"].message("en")
    # the summary's lines still say them, marked
    assert page.marker.state(page.cap) == "error" and page.marker.state(page.matching) == "error"
    # a line of a cell goes to that cell
    cell = next(it for it in _items(panel) if "not allowed" in it.text())
    page.unit.setFocus()
    _click(qtbot, panel, cell.text())
    assert QApplication.focusWidget() is page.table
    assert page.table.currentIndex().row() == page.model.cell_of(found["budget.category_not_allowed"].shown)[0]
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    w.doc.undo_stack.undo()
    settle()
    assert [line for line in panel.lines if not line.startswith("ℹ")] == [] and _count(w, Step.BUDGET) == 0
