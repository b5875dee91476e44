"""``make screenshots`` shows each record table of the Plan step where it claims: at the chapter
that holds it, scrolled into view, with the rows that make the picture worth having."""

import pytest
from PySide6.QtCore import QPoint, QRect

from forms.model import ResearcherRole
from ui import screenshots


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
    viewport = page._scrolls[chapter].viewport()
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
