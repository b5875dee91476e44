"""Findings mark their fields, and activating one in Review jumps to the field and focuses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.steps import STEPS, Step
from tests.ui.helpers import edit_cell, settle, type_into
from ui.pages.review import FINDING_ROLE


def finding_item(review, path: str):
    tree = review.tree
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            if str(head.child(j).data(0, FINDING_ROLE).shown) == path:
                return head.child(j)
    raise AssertionError(f"no finding at {path}")


def activate(qtbot, review, path: str) -> None:
    item = finding_item(review, path)
    review.tree.setFocus()
    review.tree.setCurrentItem(item)
    qtbot.keyClick(review.tree, Qt.Key.Key_Return)


def test_a_missing_name_is_marked_and_review_jumps_to_it(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.REGIONS))
    name = w.regions.widget_for("organisations[1].name.ko")
    type_into(qtbot, name, "")
    assert w.doc.proposal.organisations[1].name.ko == ""
    assert name.property("finding") == "error"
    assert "Organisation 2 has no name in Korean" in name.toolTip()
    assert w.step_state(Step.REGIONS) == "errors"
    w.go(STEPS.index(Step.REVIEW))
    activate(qtbot, w.review, "organisations[1].name.ko")
    assert w.stack.currentWidget() is w.regions
    assert QApplication.focusWidget() is name
    type_into(qtbot, name, "경북대학교")
    assert name.property("finding") == ""
    assert w.step_state(Step.REGIONS) == "complete"


@pytest.mark.parametrize("category", ["burden"])
def test_review_jumps_to_the_budget_cell(sample_window, qtbot, category):
    w = sample_window
    lines = w.doc.proposal.budget.lines
    w.doc.edit("budget.lines[5].category", category)
    path = "budget.lines[5].category"
    assert path in {str(f.shown) for f in w.doc.report.findings}
    w.go(STEPS.index(Step.REVIEW))
    activate(qtbot, w.review, path)
    model = w.budget.model
    assert w.stack.currentWidget() is w.budget
    current = w.budget.table.currentIndex()
    assert (current.row(), current.column()) == (model.grid.row_of_line(5), 1)
    assert QApplication.focusWidget() is w.budget.table
    assert "not allowed" in model.data(current, Qt.ItemDataRole.ToolTipRole)
    assert lines is w.doc.proposal.budget.lines


def test_an_amount_that_cannot_be_read_is_refused_with_a_message(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    model = w.budget.model
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    edit_cell(qtbot, w.budget.table, 0, model.year_column(2023), "오십오억")
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before
    assert "is not an amount" in w.budget.input_error.text()
    edit_cell(qtbot, w.budget.table, 0, model.year_column(2023), "5억 5천만")
    assert w.doc.proposal.budget.lines[model.grid.rows[0].cells[2023]].amount_krw == 550_000_000
    assert w.budget.input_error.text() == ""


def test_export_stays_disabled_with_the_reason_while_an_error_exists(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    assert w.export.export_button.isEnabled(), (w.export.reason.text(), w.doc.report.findings)
    w.doc.edit("lead_region", "")
    assert not w.export.export_button.isEnabled()
    assert "Choose the lead region" in w.export.reason.text()
    w.export.draft.setFocus()
    qtbot.keyClick(w.export.draft, Qt.Key.Key_Space)
    assert w.export.draft.isChecked()
    assert w.export.export_button.isEnabled()


def test_an_unreadable_amount_keeps_its_box_open_and_the_message_follows_the_language(sample_window, qtbot):
    from forms.base import i18n
    from tests.ui.helpers import type_in_cell

    i18n.set_language("en")
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    model, table = w.budget.model, w.budget.table
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    editor = type_in_cell(qtbot, table, 0, model.year_column(2023), "12억 abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle()
    assert editor.isVisible() and editor.text() == "12억 abc"  # still open, nothing typed is lost
    assert "is not an amount" in w.budget.input_error.text()
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before
    i18n.set_language("ko")
    assert "금액" in w.budget.input_error.text() and "is not an amount" not in w.budget.input_error.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # the typing is dropped, and with it the message
    settle()
    assert w.budget.input_error.text() == ""
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before


def test_the_summary_lines_drop_a_settled_findings_tooltip(sample_window):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    lines = w.doc.proposal.budget.lines
    local = next(i for i, line in enumerate(lines) if line.source == "local")
    before = lines[local].amount_krw
    national = next(i for i, line in enumerate(lines) if line.source == "national")
    national_before = lines[national].amount_krw
    w.doc.edit(f"budget.lines[{local}].amount_krw", before // 10)
    w.doc.edit(f"budget.lines[{national}].amount_krw", national_before + 1)
    checklist, matching, cap = w.budget.findings, w.budget.matching, w.budget.cap
    # the local match's and the national cap's findings mark the statements that say them, and
    # are each a line of the checklist under the page
    assert "Local funds" in matching.toolTip() and "National funds" in cap.toolTip()
    assert sum(line.startswith("✖ Local match") for line in checklist.lines) == 1
    assert sum(line.startswith("✖ National funds") for line in checklist.lines) == 1
    w.doc.edit(f"budget.lines[{national}].amount_krw", national_before)
    w.doc.edit(f"budget.lines[{local}].amount_krw", before)
    assert checklist.lines == [] and checklist.left == 0
    for line in (matching, cap):
        assert line.mark_colour() is None and line.toolTip() == line.accessibleDescription() == line.text()


def test_typing_in_a_cell_survives_a_language_switch_and_leaving_the_cell_with_a_bad_amount(sample_window, qtbot):
    from PySide6.QtWidgets import QLineEdit

    from forms.base import i18n
    from tests.ui.helpers import _editor, type_in_cell

    i18n.set_language("ko")
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    model, table = w.budget.model, w.budget.table
    before = [line.amount_krw for line in w.doc.proposal.budget.lines]
    editor = type_in_cell(qtbot, table, 0, model.year_column(2024), "5억")
    i18n.set_language("en")  # the page re-renders every figure …
    settle()
    assert editor.text() == "5억"  # … but not over what is being typed
    i18n.set_language("ko")

    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # leave the cell with an amount that cannot be read
    settle()
    settle()
    again = _editor(table, QLineEdit)
    assert again.text() == "abc" and table.currentIndex().row() == 0  # opened again, with the text
    assert "금액" in w.budget.input_error.text()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    settle()
    assert w.budget.input_error.text() == ""
    assert [line.amount_krw for line in w.doc.proposal.budget.lines] == before


def test_the_review_page_saves_the_validation_report(sample_window, qtbot, tmp_path, monkeypatch):

    from tests.reports.pdfcheck import all_text

    w = sample_window
    w.go(STEPS.index(Step.REVIEW))
    out = tmp_path / "report.pdf"
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(out)])
    qtbot.mouseClick(w.review.save_report, Qt.MouseButton.LeftButton)
    text = all_text(out.read_bytes())
    assert "msit-mega-2023" in text  # the rule pack, which a final packet never names


def test_a_selected_finding_stays_on_its_budget_line_when_a_line_is_inserted_above_it(sample_window, qtbot):
    w = sample_window
    lines = w.doc.proposal.budget.lines
    last = len(lines) - 1
    w.doc.edit(f"budget.lines[{last}].category", "burden")
    marked = lines[last].id
    # Remove the grid's first row (lines far above the marked one) in the Budget step ...
    w.go(STEPS.index(Step.BUDGET))
    table, model = w.budget.table, w.budget.model
    removed = len(model.grid.rows[0].lines)
    assert max(model.grid.rows[0].lines) < last - removed
    table.setCurrentIndex(model.index(0, 0))
    w.budget.remove_button.click()
    settle()
    moved_up = f"budget.lines[{last - removed}].category"
    # ... select the finding on the marked line in Review ...
    w.go(STEPS.index(Step.REVIEW))
    item = finding_item(w.review, moved_up)
    w.review.tree.setFocus()
    w.review.tree.setCurrentItem(item)
    # ... and undo the removal there: the lines come back above the marked one.
    qtbot.keyClick(w.review.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert w.doc.proposal.budget.lines[last].id == marked
    current = w.review.tree.currentItem()
    assert current is not None and current is not item  # the list was made anew
    finding = current.data(0, FINDING_ROLE)
    assert (finding.code, str(finding.shown)) == ("budget.category_not_allowed", f"budget.lines[{last}].category")
    assert finding.path.record(w.doc.proposal).id == marked
    # Enter on it goes to the marked line's cell
    qtbot.keyClick(w.review.tree, Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.budget
    assert w.budget.table.currentIndex().row() == model.grid.row_of_line(last)


def test_the_words_under_export_follow_the_draft_box(sample_window, qtbot):
    """Ticked, Draft enables the button and the refusal gives way to what the draft carries;
    unticked again, the refusal comes back, in red."""
    from ui.marks import ERROR_COLOUR, WARNING_COLOUR

    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    w.doc.edit("lead_region", "")
    page = w.export
    assert "Export is blocked by " in page.reason.text() and ERROR_COLOUR in page.reason.styleSheet()
    page.draft.setChecked(True)
    assert page.export_button.isEnabled()
    assert "blocked" not in page.reason.text(), page.reason.text()
    assert page.reason.text().startswith("Draft: the packet will be marked as a draft on every page.")
    assert "A draft can be exported with " in page.reason.text()
    assert "errors. First: Choose the lead region" in page.reason.text()
    assert WARNING_COLOUR in page.reason.styleSheet() and ERROR_COLOUR not in page.reason.styleSheet()
    assert page.export_button.toolTip() == page.reason.text()
    page.draft.setChecked(False)
    assert not page.export_button.isEnabled()
    assert "Export is blocked by " in page.reason.text() and ERROR_COLOUR in page.reason.styleSheet()
