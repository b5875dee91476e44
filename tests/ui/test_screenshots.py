"""``make screenshots`` shows each record table of the Plan step where it claims: at the chapter
that holds it, scrolled into view, with the rows that make the picture worth having."""

import pytest
from PySide6.QtCore import QPoint, QRect

from forms.model import ResearcherRole
from tools import screenshots


@pytest.mark.parametrize("name", sorted(screenshots.PLAN_TABLES))
def test_each_plan_table_is_shown_at_its_chapter_and_in_view(sample_window, name):
    w = sample_window
    w.resize(*screenshots.SIZE)
    screenshots.shoot_plan_table(w, name)
    page = w.plan
    assert w.stack.currentWidget() is page
    table = getattr(page, screenshots.PLAN_TABLES[name])
    chapter = page.chapter_of(table)
    assert chapter >= 0 and page.chapter_pages.currentIndex() == chapter
    viewport = page.chapter_pages.widget(chapter).viewport()
    top = table.mapTo(viewport, QPoint(0, 0))
    shown = QRect(top, table.size()).intersected(viewport.rect())
    assert shown.height() >= min(200, table.height()), f"{name}: only {shown.height()} px of the table in view"


def test_the_researchers_shot_selects_the_principal_investigator(sample_window):
    w = sample_window
    screenshots.shoot_plan_table(w, "researchers")
    p = w.doc.proposal
    pi = next(i for i, r in enumerate(p.researchers) if r.role == ResearcherRole.PRINCIPAL)
    assert w.plan.researchers.others.table.rowCount() == len(p.researchers[pi].other_projects) > 0


def test_the_justification_shot_shows_a_line_with_rows(sample_window):
    w = sample_window
    screenshots.shoot_plan_table(w, "justification")
    rows = w.plan.justification.rows.table.rowCount()
    assert rows == max(len(line.items) for line in w.doc.proposal.budget.lines) > 0


def test_a_record_tables_room_goes_to_its_text_and_a_choice_shows_its_whole_name(sample_window):
    """The schedule: the text columns share the room the table leaves (the last column is not
    stretched for nothing); the organisation drop-down opens wide enough for the longest name and
    its tooltip gives the whole name its cell may cut; the widths do not move while typing."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QLineEdit

    w = sample_window
    w.resize(*screenshots.SIZE)
    screenshots.shoot_plan_table(w, "schedule")
    tasks = w.plan.tasks
    header = tasks.table.horizontalHeader()
    kinds = [c.kind for c in tasks.columns]
    widths = [header.sectionSize(i) for i in range(len(kinds))]
    text = [wd for wd, k in zip(widths, kinds, strict=True) if k in ("text", "name")]
    assert text and min(text) > max(wd for wd, k in zip(widths, kinds, strict=True) if k == "month")
    combo = next(tasks.table.cellWidget(0, i) for i, k in enumerate(kinds) if k == "choice")
    assert isinstance(combo, QComboBox)
    longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.view().minimumWidth() >= longest
    assert combo.toolTip() == combo.currentText() != ""
    edit = next(tasks.table.cellWidget(0, i) for i, k in enumerate(kinds) if k in ("text", "name"))
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    QTest.keyClicks(edit, " and a much longer name of the task")
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert [header.sectionSize(i) for i in range(len(kinds))] == widths
