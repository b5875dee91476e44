"""The Start page's list of proposals stays live: a title typed for the open proposal shows in it
at once, the open proposal is marked and selected when opened, and Delete names the proposal it
will delete, in its button and in its question."""

from __future__ import annotations

from PySide6.QtCore import Qt

from forms.steps import STEPS, Step
from tests.ui.helpers import answer_next_box, keys, settle

START, PLAN = STEPS.index(Step.START), STEPS.index(Step.PLAN)


def click_step(qtbot, window, row: int) -> None:
    rect = window.steps.visualItemRect(window.steps.item(row))
    qtbot.mouseClick(window.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select(qtbot, window, proposal_id: str) -> None:
    recent = window.start.recent
    for i in range(recent.count()):
        if recent.item(i).data(Qt.ItemDataRole.UserRole) == proposal_id:
            qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=recent.visualItemRect(recent.item(i)).center())
            return
    raise AssertionError(f"{proposal_id} is not listed")


def selected(window) -> str | None:
    item = window.start.recent.currentItem()
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def listed(window) -> dict[str, str]:
    recent = window.start.recent
    return {recent.item(i).data(Qt.ItemDataRole.UserRole): recent.item(i).text().splitlines()[0]
            for i in range(recent.count())}


def test_a_new_proposal_is_listed_under_the_title_being_typed_marked_and_selected(window, qtbot, store, leap):
    w = window
    store.create(leap)
    w.refresh_recent()
    select(qtbot, w, leap.id)  # chosen earlier: the selection rests on another proposal
    qtbot.mouseClick(w.start.new_button, Qt.MouseButton.LeftButton)
    click_step(qtbot, w, PLAN)
    w.plan.title_edits["en"].setFocus()
    keys(qtbot, w.plan.title_edits["en"], "Harbour data valley")
    settle()
    click_step(qtbot, w, START)
    new_id = w.doc.proposal.id
    names = listed(w)
    assert names[new_id] == "Harbour data valley (open now)"
    assert "(open now)" not in names[leap.id]
    assert selected(w) == new_id
    assert w.start.delete_button.text() == "&Delete “Harbour data valley”…"
    keys(qtbot, w.plan.title_edits["en"], " II")  # typed while the Start page is not shown
    assert listed(w)[new_id] == "Harbour data valley II (open now)"


def test_delete_names_the_selected_proposal_not_the_open_one(sample_window, qtbot, store, leap):
    w = sample_window
    leap.title.en = "Leap of the coast"
    store.create(leap)
    w.go(START)
    w.refresh_recent()
    assert selected(w) == w.doc.proposal.id
    open_title = w.doc.proposal.title.en
    assert w.start.delete_button.text().startswith("&Delete “" + open_title[:10])
    select(qtbot, w, leap.id)
    assert w.start.delete_button.text() == "&Delete “Leap of the coast”…"
    seen: list[str] = []
    answer_next_box("Cancel", seen)
    qtbot.mouseClick(w.start.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert "Leap of the coast" in seen[0]
    assert len(store.list_proposals()) == 2
