"""The budget step's summary and chart show the budget statement's table by year and source:
the rows, figures and order the packet and the workbook print."""

from __future__ import annotations

from forms.model import label
from forms.steps import STEPS, Step
from tests.ui.helpers import edit_cell, settle
from ui.budget_model import shown


def test_the_summary_and_the_chart_show_the_statements_table(sample_window, qtbot):
    w = sample_window
    w.go(STEPS.index(Step.BUDGET))
    settle()
    page = w.budget
    line = w.doc.proposal.budget.lines[0]
    edit_cell(qtbot, page.table, page.model.grid.row_of_line(0), page.model.year_column(line.year), "12억")
    settle()
    statement = w.doc.report.statement
    assert page.chart.statement is statement  # the chart draws what the rules read, after the edit
    rows = (*statement.by_year_source, statement.year_totals)
    unit, lang = page.model.unit, page.lang
    cells = [[page.summary.item(r, c).text() for c in range(page.summary.columnCount())] for r in range(len(rows))]
    assert cells == [[shown(v, unit, lang) for v in (*row.by_year, row.total)] for row in rows]
    assert page.summary.rowCount() == len(rows)
    heads = [page.summary.verticalHeaderItem(r).text() for r in range(len(rows) - 1)]
    assert heads == [label(row.key, lang) for row in statement.by_year_source]
