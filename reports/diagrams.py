"""The drawn figures of the form: the schedule chart (tasks × months) and the organisation chart
of the consortium, as ReportLab drawings (vector, embedded fonts).

A name is never cut while there is room for it: it wraps on up to three lines (after a space or a
hyphen), is set a step smaller when it still does not fit, and only a name too long for three lines
at the smallest size ends in "…". The organisation chart is laid out first (:func:`org_layout`:
boxes and the lines between them) and then drawn, so that its geometry can be checked as such."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports import content
from reports.fonts import GOTHIC, GOTHIC_BOLD, drawn
from reports.styles import FRAME_HEIGHT

_BAR = colors.HexColor("#4f7cba")
_LINE = colors.HexColor("#555555")
_FILL = colors.HexColor("#e8ecf2")
_AUTHORITY = colors.HexColor("#f4f4f4")
#: The sizes a name is tried at, largest first, and the most lines it may take.
NAME_SIZES = (8.0, 7.5, 7.0, 6.5)
TASK_SIZES = (8.0, 7.5, 7.0)
MAX_LINES = 3
LEADING = 1.2


def draw(figure: content.Schedule | content.OrgChart, width: float, face: str = GOTHIC,
         bold: str = GOTHIC_BOLD) -> Drawing:
    if isinstance(figure, content.Schedule):
        return schedule(figure, width, face)
    return org_chart(figure, width, face, bold)


# -- names set in a box ---------------------------------------------------------------------------
@dataclass
class Fitted:
    """A name as it is set: its face (or the fallback that has its characters), size and lines."""

    face: str
    size: float
    lines: list[str]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


_PIECE = re.compile(r"[^\s-]*-+|[^\s-]+")


def _pieces(word: str) -> list[str]:
    """A word as the parts a line may end after: ``Industry-`` ``Academic``."""
    return _PIECE.findall(word) or [word]


def _wrap(text: str, face: str, size: float, width: float, break_words: bool) -> list[str] | None:
    """``text`` in lines no wider than ``width``, broken after a space or a hyphen (and, with
    ``break_words``, inside a word wider than a whole line); None if a word does not fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for i, piece in enumerate(_pieces(word)):
            joiner = " " if i == 0 and line else ""
            if stringWidth(line + joiner + piece, face, size) <= width:
                line += joiner + piece
                continue
            if line:
                lines.append(line)
            line = piece
            while stringWidth(line, face, size) > width:
                if not break_words:
                    return None
                cut = max(1, max(n for n in range(1, len(line) + 1)
                                 if n == 1 or stringWidth(line[:n], face, size) <= width))
                lines.append(line[:cut])
                line = line[cut:]
    if line:
        lines.append(line)
    return lines


def fit(text: str, face: str, width: float, sizes: tuple[float, ...] = NAME_SIZES,
        max_lines: int = MAX_LINES) -> Fitted:
    """``text`` set to fit ``width`` on at most ``max_lines`` lines: whole words at the largest size
    that holds them, then words broken where one is wider than a line, and only at last the final
    line cut with "…"."""
    face, text = drawn(text, face)
    for break_words in (False, True):
        for size in sizes:
            lines = _wrap(text, face, size, width, break_words)
            if lines is not None and len(lines) <= max_lines:
                return Fitted(face, size, lines or [""])
    size = sizes[-1]
    lines = (_wrap(text, face, size, width, True) or [""])[:max_lines]
    last = lines[-1]
    while last and stringWidth(last + "…", face, size) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return Fitted(face, size, lines)


def _lines(d: Drawing, fitted: Fitted, x: float, top: float, anchor: str) -> None:
    """``fitted``'s lines drawn from ``top`` down, at ``x`` (their start, or their middle)."""
    for i, line in enumerate(fitted.lines):
        y = top - fitted.size * (0.9 + i * LEADING)
        d.add(String(x, y, line, fontName=fitted.face, fontSize=fitted.size, textAnchor=anchor))


# -- the schedule ---------------------------------------------------------------------------------
def schedule(s: content.Schedule, width: float, face: str = GOTHIC) -> Drawing:
    """Tasks as rows (a long name on two or three lines), months as columns under a heading of two
    rows: the years, and each month's number inside its own column. No row is left empty."""
    year_h, month_h, name_w, pad = 5 * mm, 4.5 * mm, 50 * mm, 1.5 * mm
    head = year_h + month_h
    names = [fit(name, face, name_w - 2 * pad, TASK_SIZES) for name, _a, _b in s.tasks]
    rows = [max(6 * mm, f.height + 2 * pad) for f in names]
    height = head + sum(rows)
    d = Drawing(width, height, initialFontName=face, initialFontSize=8)
    count = max(len(s.months), 1)
    cell = (width - name_w) / count
    body = height - head
    d.add(Rect(0, body, width, head, strokeColor=None, fillColor=_FILL))
    # Each year over the months it spans, ruled off from the next.
    start = 0
    for label, span in s.years:
        x = name_w + start * cell
        d.add(Line(x, 0, x, height, strokeColor=_LINE, strokeWidth=0.6))
        lf, text = drawn(label, face)
        if stringWidth(text, lf, 7) <= span * cell - 2:
            d.add(String(x + span * cell / 2, body + month_h + 1.6 * mm, text, fontName=lf, fontSize=7,
                         textAnchor="middle"))
        start += span
    d.add(Line(name_w, body + month_h, width, body + month_h, strokeColor=_LINE, strokeWidth=0.3))
    # A month's number stands inside its column; when the columns are too narrow for every number,
    # every n-th is shown and the heading's own rules between months are left out.
    widest = max((stringWidth(drawn(m, face)[1], drawn(m, face)[0], 6) for m in s.marks), default=0.0)
    every = max(1, math.ceil((widest + 1.5) / cell))
    firsts = set(_year_starts(s.years))
    for i, mark in enumerate(s.marks):
        x = name_w + i * cell
        if i not in firsts:
            d.add(Line(x, 0, x, body if every > 1 else body + month_h, strokeColor=_LINE, strokeWidth=0.2))
        if i % every == 0:
            mf, text = drawn(mark, face)
            d.add(String(x + cell / 2, body + 1.3 * mm, text, fontName=mf, fontSize=6, textAnchor="middle"))
    top = body
    for (_name, first, last), fitted, row in zip(s.tasks, names, rows, strict=True):
        y = top - row
        _lines(d, fitted, pad, top - (row - fitted.height) / 2, "start")
        d.add(Rect(name_w + first * cell, y + row / 2 - 1.5 * mm, (last - first + 1) * cell, 3 * mm, fillColor=_BAR,
                   strokeColor=None))
        if y > 0.01:
            d.add(Line(0, y, width, y, strokeColor=_LINE, strokeWidth=0.2))
        top = y
    d.add(Line(0, body, width, body, strokeColor=_LINE, strokeWidth=0.6))
    d.add(Line(name_w, 0, name_w, height, strokeColor=_LINE, strokeWidth=0.6))
    d.add(Rect(0, 0, width, height, strokeColor=_LINE, fillColor=None, strokeWidth=0.6))
    return d


def _year_starts(years: list[tuple[str, int]]) -> list[int]:
    out, start = [], 0
    for _label, span in years:
        out.append(start)
        start += span
    return out


# -- the organisation chart -----------------------------------------------------------------------
_GAP_X, _GAP_Y, _PAD = 3 * mm, 8 * mm, 1.8 * mm
_MIN_W, _MAX_W, _GUTTER = 30 * mm, 52 * mm, 4 * mm
_ROLE_SIZE = 6.5


@dataclass
class Placed:
    """A box where it stands (``x``, ``y`` its lower left corner) with its name set to fit."""

    box: content.OrgBox
    x: float
    y: float
    w: float
    h: float
    name: Fitted
    role: Fitted

    @property
    def centre(self) -> float:
        return self.x + self.w / 2


@dataclass
class OrgLayout:
    """The organisation chart laid out: its boxes by key, and for each link (upper, lower) the path
    of the line that joins them, from the middle of the upper box's bottom edge to the middle of the
    lower box's top edge."""

    width: float
    height: float
    boxes: dict[str, Placed] = field(default_factory=dict)
    paths: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)


def _row_width(n: int, avail: float) -> float:
    return max(1.0, min(_MAX_W, (avail - (n - 1) * _GAP_X) / max(n, 1)))


def _bands(groups: list[tuple[content.OrgBox, list[content.OrgBox]]], avail: float,
           narrowest: float) -> list[list[int]]:
    """The lead's children in rows ("bands") of as many columns as fit at the ``narrowest`` box: a
    child takes one column, or one per organisation it commissions."""
    per_row = max(1, int((avail + _GAP_X) // (narrowest + _GAP_X)))
    units = [max(1, len(kids)) for _box, kids in groups]
    total = sum(units)
    if total <= per_row:
        return [list(range(len(groups)))] if groups else []
    target = math.ceil(total / math.ceil(total / per_row))
    bands: list[list[int]] = [[]]
    used = 0
    for i, u in enumerate(units):
        if bands[-1] and used + u > target:
            bands.append([])
            used = 0
        bands[-1].append(i)
        used += u
    return bands


def org_layout(o: content.OrgChart, width: float, face: str = GOTHIC, bold: str = GOTHIC_BOLD,
               max_height: float = FRAME_HEIGHT - 15 * mm) -> OrgLayout:
    """The chart laid out ``width`` wide: rows of boxes no narrower than 30 mm, the lead's children
    in as many rows as that takes; a consortium too large for a page that way gets narrower boxes
    in fewer rows, so that the chart stays within ``max_height``."""
    layout = _org_layout(o, width, face, bold, _MIN_W)
    narrowest = _MIN_W
    while layout.height > max_height and narrowest > 8 * mm:
        narrowest -= 4 * mm
        layout = _org_layout(o, width, face, bold, narrowest)
    return layout


def _org_layout(o: content.OrgChart, width: float, face: str, bold: str, narrowest: float) -> OrgLayout:
    by_key = {b.key: b for b in o.boxes}
    lowers: dict[str, list[str]] = {}
    for up, low in o.links:
        if up in by_key and low in by_key:
            lowers.setdefault(up, []).append(low)
    ministry = [b for b in o.boxes if b.tier == "ministry"]
    governments = [b for b in o.boxes if b.tier == "government"]
    agency = [b for b in o.boxes if b.tier == "agency"]
    # The agency stands under the ministry, between the lead government and the partners.
    authorities = governments[:1] + agency + governments[1:]
    lead = next((b for b in o.boxes if b.tier == "lead"), None)
    groups = [(by_key[k], [by_key[c] for c in lowers.get(k, [])]) for k in (lowers.get(lead.key, []) if lead else [])]
    bands = _bands(groups, width, narrowest)
    gutter = _GUTTER if len(bands) > 1 else 0.0
    avail = width - gutter

    # Rows: (boxes, box width, x of each box), top to bottom.
    placed_rows: list[list[tuple[content.OrgBox, float, float]]] = []

    def centred(boxes: list[content.OrgBox], w: float, left: float, span: float) -> list[tuple[content.OrgBox, float, float]]:
        total = len(boxes) * w + (len(boxes) - 1) * _GAP_X
        x0 = left + (span - total) / 2
        return [(b, x0 + i * (w + _GAP_X), w) for i, b in enumerate(boxes)]

    row1 = centred(authorities, _row_width(len(authorities), width), 0, width) if authorities else []
    if ministry:
        w = row1[0][2] if row1 else _row_width(1, width)
        anchor = next((x for b, x, _w in row1 if b.tier == "agency"), (width - w) / 2)
        placed_rows.append([(ministry[0], anchor, w)])
    if row1:
        placed_rows.append(row1)
    if lead:
        placed_rows.append(centred([lead], _row_width(1, width), 0, width))
    for band in bands:
        units = sum(max(1, len(groups[i][1])) for i in band)
        w = _row_width(units, avail)
        col = w + _GAP_X
        total = units * col - _GAP_X
        x = gutter + (avail - total) / 2
        upper, lower = [], []
        for i in band:
            box, kids = groups[i]
            slot = max(1, len(kids)) * col - _GAP_X
            upper.append((box, x + (slot - w) / 2, w))
            lower += [(kid, x + j * col, w) for j, kid in enumerate(kids)]
            x += slot + _GAP_X
        placed_rows.append(upper)
        if lower:
            placed_rows.append(lower)

    # Every name set to its box; one height for every box, the tallest name's.
    fitted = {b.key: (fit(b.name, bold, w - 2 * _PAD), fit(b.role, face, w - 2 * _PAD, (_ROLE_SIZE,), 2))
              for row in placed_rows for b, _x, w in row}
    box_h = max((n.height + r.height + 3 * _PAD for n, r in fitted.values()), default=12 * mm)
    height = len(placed_rows) * box_h + (len(placed_rows) - 1) * _GAP_Y
    layout = OrgLayout(width, height)
    for level, row in enumerate(placed_rows):
        y = height - (level + 1) * box_h - level * _GAP_Y
        for b, x, w in row:
            name, role = fitted[b.key]
            layout.boxes[b.key] = Placed(b, x, y, w, box_h, name, role)

    boxes = layout.boxes

    def bus_y(key: str) -> float:
        return boxes[key].y + boxes[key].h + _GAP_Y / 2  # the middle of the gap above the box

    for up, low in o.links:
        if up not in boxes or low not in boxes:
            continue
        a, b = boxes[up], boxes[low]
        start, end = (a.centre, a.y), (b.centre, b.y + b.h)
        if lead and up == lead.key and gutter:
            # The lead's children in several rows: one line down the left gutter to each row's bus.
            first, mid = bus_y(groups[bands[0][0]][0].key), bus_y(low)
            path = [start, (a.centre, first), (gutter / 2, first), (gutter / 2, mid), (b.centre, mid), end]
            path = [pt for i, pt in enumerate(path) if i == 0 or pt != path[i - 1]]
        elif abs(a.centre - b.centre) < 0.01:
            path = [start, end]
        else:
            mid = bus_y(low)
            path = [start, (a.centre, mid), (b.centre, mid), end]
        layout.paths[(up, low)] = path
    return layout


def org_chart(o: content.OrgChart, width: float, face: str = GOTHIC, bold: str = GOTHIC_BOLD) -> Drawing:
    layout = org_layout(o, width, face, bold)
    d = Drawing(width, layout.height, initialFontName=face, initialFontSize=8)
    for path in layout.paths.values():
        for (x1, y1), (x2, y2) in zip(path, path[1:], strict=False):
            d.add(Line(x1, y1, x2, y2, strokeColor=_LINE, strokeWidth=0.6))
    for p in layout.boxes.values():
        fill = {"ministry": _AUTHORITY, "agency": _AUTHORITY, "government": _AUTHORITY, "lead": _FILL}
        d.add(Rect(p.x, p.y, p.w, p.h, strokeColor=_LINE, fillColor=fill.get(p.box.tier, colors.white),
                   strokeWidth=0.8))
        text_h = p.name.height + _PAD + p.role.height
        top = p.y + (p.h + text_h) / 2
        _lines(d, p.name, p.centre, top, "middle")
        _lines(d, p.role, p.centre, top - p.name.height - _PAD, "middle")
    return d
