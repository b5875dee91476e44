"""A stacked bar chart of the budget's years by source (ReportLab graphics, vector, embedded fonts)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from forms.budget import SOURCES
from forms.model import label
from forms.money import format_in_unit
from reports.context import Packet
from reports.fonts import GOTHIC, plain
from reports.styles import FRAME_WIDTH

_FILLS = ("#1f3a68", "#4f7cba", "#e0a526", "#f2d48a")


def nice_scale(largest: int, unit: int) -> tuple[int, int]:
    """The axis top and step (won, whole units of the table): 1, 2, 2.5 or 5 times a power of ten,
    at most six steps, so the tallest bar stays under the top line."""
    step = unit
    while True:
        for factor in (1, 2, 5, 10, 20, 25, 50):
            candidate = step * factor
            if candidate * 6 >= largest:
                top = -(-largest // candidate) * candidate if largest else candidate
                return max(top, candidate), candidate
        step *= 100


def year_chart(pk: Packet) -> Drawing:
    """Bars of the years, stacked national / local / own cash / own in kind, heights in won."""
    sm = pk.summary
    width, height = FRAME_WIDTH, 78 * mm
    drawing = Drawing(width, height, initialFontName=GOTHIC, initialFontSize=8)
    chart = VerticalBarChart()
    chart.x, chart.y = 22 * mm, 12 * mm
    chart.width, chart.height = width - 70 * mm, height - 20 * mm
    # Bar heights are drawing geometry: the won amounts themselves, never converted to floats here.
    chart.data = [[sm.by_year_source.get((y, s), 0) for y in sm.years] for s in SOURCES]
    chart.categoryAxis.categoryNames = [str(y) for y in sm.years]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = GOTHIC
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = GOTHIC
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: format_in_unit(int(round(v)), pk.unit, pk.lang)  # round ticks
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barWidth = 10 * mm
    chart.groupSpacing = 8 * mm
    for i, fill in enumerate(_FILLS):
        chart.bars[i].fillColor = colors.HexColor(fill)
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.3
    top, step = nice_scale(max((sm.year_total(y) for y in sm.years), default=0), pk.unit.value)
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 44 * mm, height - 14 * mm
    legend.fontName = GOTHIC
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 4
    legend.colorNamePairs = [(colors.HexColor(f), plain(label(s, pk.lang), GOTHIC)) for f, s in zip(_FILLS, SOURCES, strict=True)]
    drawing.add(legend)
    return drawing
