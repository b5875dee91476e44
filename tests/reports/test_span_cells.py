"""A long table with a group's name across every few rows is measured and split exactly as
ReportLab's own table does, with its cells inside spans kept where each is found at once."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from reports.flowables import RunningTable


def _data(groups: int) -> tuple[list[list[str]], list]:
    data, cmds = [["기관", "연도", "금액"]], []
    for g in range(groups):
        data.append([f"기관 {g}", "", ""])
        cmds.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        for year in (2023, 2024, 2025):
            data.append(["", str(year), f"{(g + 1) * year:,}"])
    data.append(["합계", "", "1,000"])
    cmds.append(("SPAN", (0, len(data) - 1), (1, len(data) - 1)))
    return data, cmds


def _split(cls: type, groups: int) -> list[list[float]]:
    data, cmds = _data(groups)
    table = cls(data, colWidths=[200, 80, 120], repeatRows=1)
    table.setStyle(TableStyle(cmds))
    table.canv = Canvas("/dev/null", pagesize=A4)
    table.wrap(400, 700)
    heights = [list(table._rowHeights)]
    parts = Table.split(table, 400, 300)
    for part in parts:
        part.wrap(400, 10_000)
        heights.append(list(part._rowHeights))
    return heights


def test_a_long_grouped_table_measures_and_splits_as_reportlabs_own():
    assert _split(RunningTable, 300) == _split(Table, 300)


def test_the_cells_inside_spans_are_the_same_and_in_the_same_order():
    data, cmds = _data(40)
    ours, theirs = RunningTable(data, repeatRows=1), Table(data, repeatRows=1)
    for t in (ours, theirs):
        t.setStyle(TableStyle(cmds))
        t._calcSpanRanges()
    assert list(ours._colSpanCells) == list(theirs._colSpanCells)
    assert list(ours._rowSpanCells) == list(theirs._rowSpanCells)
    assert (0, 1) in ours._colSpanCells and (1, 2) not in ours._colSpanCells
