"""The Budget page states the call's national cap once: the summary's line on the national funds
says how they stand against it (with what is over or not requested), the findings on the cap mark
that line, and the checklist under the page lists them by what is over or not requested, without
saying the cap a second time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget

from forms.money import Won
from forms.steps import STEPS, Step
from tests.ui.helpers import edit_cell, settle
from ui.textpanel import TextPanel


def page_texts(page) -> list[str]:
    """Every text the page shows: labels, text panels, group titles, the summary's cells and the
    checklist's lines."""
    texts = []
    for widget in page.findChildren(QLabel):
        texts.append(widget.text())
    for widget in page.findChildren(TextPanel):
        texts.append(widget.text())
    for widget in page.findChildren(QGroupBox):
        texts.append(widget.title())
    for table in page.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
    return texts + page.findings.lines


@pytest.mark.parametrize(("amount", "code"), [("5천만", "budget.national_below_cap"),
                                              ("1억", "budget.national_over_cap")])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_cap_is_stated_once(sample_window, qtbot, amount, code, lang):
    w = sample_window
    w.menus.lang_actions[lang].trigger()
    w.go(STEPS.index(Step.BUDGET))
    settle()
    page = w.budget
    line = w.doc.proposal.budget.lines[0]
    assert line.source == "national"
    edit_cell(qtbot, page.table, page.model.grid.row_of_line(0), page.model.year_column(line.year), amount)
    settle()
    assert code in {f.code for f in w.doc.report.findings}  # the finding is there …
    cap = Won(w.doc.report.statement.summary.national_cap).render(lang)
    texts = page_texts(page)
    assert sum(t.count(cap) for t in texts) == 1, [t for t in texts if cap in t]
    assert page.marker.state(page.cap) == ("error" if code.endswith("over_cap") else "warning")  # … marked on the line
    difference = w.doc.report.statement.summary
    said = Won(difference.national_excess or difference.national_unused).render(lang)
    assert said in page.cap.text()  # what is over or not requested, said with the cap
    listed = [line for line in page.findings.lines if said in line]  # … and a line left to do
    assert len(listed) == 1 and listed[0][0] == ("✖" if code.endswith("over_cap") else "⚠"), page.findings.lines
