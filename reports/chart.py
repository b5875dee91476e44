"""The drawn figures: the budget's years by source as stacked bars (the description's
``BarChart``), laid out with ReportLab graphics (vector, embedded fonts)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from reports import content
from reports.fonts import GOTHIC, GOTHIC_BOLD, drawn

_FILLS = ("#1f3a68", "#4f7cba", "#e0a526", "#f2d48a")


def draw(figure: content.BarChart | content.Schedule | content.OrgChart, width: float, face: str = GOTHIC,
         bold: str = GOTHIC_BOLD) -> Drawing:
    """``figure`` drawn ``width`` wide, its words in ``face`` (and ``bold``): the packet's Gothic."""
    if isinstance(figure, content.BarChart):
        return bar_chart(figure, width, face)
    from reports import diagrams

    return diagrams.draw(figure, width, face, bold)


def bar_chart(bc: content.BarChart, width: float, face: str = GOTHIC) -> Drawing:
    height = bc.height * mm
    drawing = Drawing(width, height, initialFontName=face, initialFontSize=8)
    chart = VerticalBarChart()
    chart.x, chart.y = 22 * mm, 12 * mm
    chart.width, chart.height = width - 70 * mm, height - 20 * mm
    # Bar heights are drawing geometry: the won amounts themselves, never converted to floats here.
    chart.data = [values for _name, values in bc.series]
    chart.categoryAxis.categoryNames = bc.categories
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = face
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = face
    chart.valueAxis.labels.fontSize = 7
    ticks = bc.tick_labels
    chart.valueAxis.labelTextFormat = lambda v: ticks.get(int(round(v)), "")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barWidth = 10 * mm
    chart.groupSpacing = 8 * mm
    for i, fill in enumerate(_FILLS[:len(bc.series)]):
        chart.bars[i].fillColor = colors.HexColor(fill)
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.3
    step = bc.step_won or bc.unit_won
    chart.valueAxis.valueMax = max(ticks, default=step)
    chart.valueAxis.valueStep = step
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 44 * mm, height - 14 * mm
    names = [name for name, _v in bc.series]
    legend.fontName = drawn(" ".join(names), face)[0]  # one face for the legend: the first that has every name
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 4
    legend.colorNamePairs = [(colors.HexColor(f), drawn(name, legend.fontName)[1])
                             for f, name in zip(_FILLS, names, strict=False)]
    drawing.add(legend)
    return drawing
