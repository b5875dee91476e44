"""The drawn figures of the form: the schedule chart (tasks × months) and the organisation chart
of the consortium, as ReportLab drawings (vector, embedded fonts)."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports import content
from reports.fonts import GOTHIC, GOTHIC_BOLD, drawn

_BAR = colors.HexColor("#4f7cba")
_LINE = colors.HexColor("#555555")
_FILL = colors.HexColor("#e8ecf2")


def draw(figure: content.Schedule | content.OrgChart, width: float, face: str = GOTHIC,
         bold: str = GOTHIC_BOLD) -> Drawing:
    if isinstance(figure, content.Schedule):
        return schedule(figure, width, face)
    return org_chart(figure, width, face, bold)


def _label(x: float, y: float, text: str, face: str, size: float, width: float | None = None,
           anchor: str = "start") -> String:
    """``text`` drawn at ``(x, y)`` in ``face`` (or the fallback face that has all its characters),
    cut with … to fit ``width`` (a drawn box does not wrap)."""
    face, text = drawn(text, face)
    if width is not None and stringWidth(text, face, size) > width:
        while text and stringWidth(text + "…", face, size) > width:
            text = text[:-1]
        text += "…"
    return String(x, y, text, fontName=face, fontSize=size, textAnchor=anchor)


def schedule(s: content.Schedule, width: float, face: str = GOTHIC) -> Drawing:
    row, head, name_w = 6 * mm, 8 * mm, 50 * mm
    height = head + row * len(s.tasks) + 2
    d = Drawing(width, height, initialFontName=face, initialFontSize=8)
    cell = (width - name_w) / max(len(s.months), 1)
    top = height - head
    d.add(Rect(0, 0, width, height, strokeColor=_LINE, fillColor=None, strokeWidth=0.6))
    d.add(Rect(0, top, width, head, strokeColor=_LINE, fillColor=_FILL, strokeWidth=0.6))
    # Label every n-th month so the labels do not run together (in the face they are set in).
    widest = max((stringWidth(drawn(m, face)[1], drawn(m, face)[0], 6) for m in s.months), default=0.0)
    every = max(1, math.ceil((widest + 2) / cell))
    for i, month in enumerate(s.months):
        x = name_w + i * cell
        d.add(Line(x, 0, x, height, strokeColor=_LINE, strokeWidth=0.2 if i % 12 else 0.6))
        if i % every == 0:
            d.add(_label(x + 1, top + 2.5 * mm, month, face, 6))
    for r, (name, first, last) in enumerate(s.tasks):
        y = top - (r + 1) * row
        d.add(Line(0, y, width, y, strokeColor=_LINE, strokeWidth=0.2))
        d.add(_label(2, y + 2 * mm, name, face, 8, name_w - 4))
        d.add(Rect(name_w + first * cell, y + 1.5 * mm, (last - first + 1) * cell, row - 3 * mm, fillColor=_BAR,
                   strokeColor=None))
    return d


def org_chart(o: content.OrgChart, width: float, face: str = GOTHIC, bold: str = GOTHIC_BOLD) -> Drawing:
    box_h, gap = 14 * mm, 10 * mm
    rows = [[o.top], o.members, o.below]
    rows = [r for r in rows if r]
    height = len(rows) * box_h + (len(rows) - 1) * gap + 2
    d = Drawing(width, height, initialFontName=face, initialFontSize=8)
    centres: list[list[float]] = []
    for level, boxes in enumerate(rows):
        n = len(boxes)  # one row per level: many organisations make narrow boxes, their names cut with …
        box_w = min(60 * mm, (width - (n - 1) * 3 * mm) / n)
        y = height - (level + 1) * box_h - level * gap
        xs = []
        for i, (name, role) in enumerate(boxes):
            span = n * box_w + (n - 1) * 3 * mm
            x = (width - span) / 2 + i * (box_w + 3 * mm)
            yy = y
            d.add(Rect(x, yy, box_w, box_h, strokeColor=_LINE, fillColor=_FILL if level == 0 else colors.white,
                       strokeWidth=0.8))
            d.add(_label(x + box_w / 2, yy + box_h - 5 * mm, name, bold, 8, box_w - 4, "middle"))
            d.add(_label(x + box_w / 2, yy + 3 * mm, role, face, 7, box_w - 4, "middle"))
            xs.append(x + box_w / 2)
        centres.append(xs)
    for level in range(1, len(rows)):
        y_top = height - level * box_h - (level - 1) * gap
        y_mid = y_top - gap / 2
        d.add(Line(width / 2, y_top, width / 2, y_mid, strokeColor=_LINE))
        xs = centres[level]
        d.add(Line(min([*xs, width / 2]), y_mid, max([*xs, width / 2]), y_mid, strokeColor=_LINE))
        for x in xs:
            d.add(Line(x, y_mid, x, y_top - gap, strokeColor=_LINE))
    return d
