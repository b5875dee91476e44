"""Flowables the packet's layout needs beyond ReportLab's own: a table whose continuation starts a
new page, a short table kept in one piece, a heading kept with the start of what follows it, and a
seal box that notes where it was drawn (for the signature field laid over it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    ActionFlowable,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Table,
)

from reports import content as c
from reports.doc import Heading
from reports.styles import FRAME_HEIGHT


class RunningTable(Table):
    """A table whose continuation, once it is split, always starts the next page.

    ReportLab splits a table at a row boundary when one fits, which can leave room under the first
    part; the continuation was then set in that room, its repeated caption and header over a
    sliver of a split row standing alone at the foot of the page.

    A table grouped by rows naming a group (an organisation) knows, for each row, the group it
    belongs to and whether it names it (``groups``): a continuation that starts inside a group is
    laid out again by ``continued`` (the row it starts at, the group's name) with the group's
    name first, "(name, continued)"."""

    groups: list[tuple[str | None, bool]] | None = None
    continued: Callable[[int, str], Table] | None = None

    #: The least of its body a first part shows under its header (about a line of a cell): less
    #: is a sliver of a split row, and the whole table goes to the next page instead.
    LEAST_BODY = 12.0

    def _calcSpanRanges(self) -> None:  # noqa: N802 - ReportLab's name
        # ReportLab keeps the cells inside spanned ranges in lists and asks each of them of every
        # cell while it measures the rows: a long table with a group's name across every few rows
        # took time growing with the square of its length (a proposal ten times the sample's took
        # minutes). The same cells, in the same order, in dictionaries: each asked at once.
        super()._calcSpanRanges()
        self._colSpanCells = dict.fromkeys(self._colSpanCells)
        self._rowSpanCells = dict.fromkeys(self._rowSpanCells)

    def split(self, aw: float, ah: float) -> list:
        parts = super().split(aw, ah)
        if len(parts) < 2:
            return parts
        first, rest = parts
        fresh = getattr(getattr(self, "_frame", None), "_atTop", False)  # nothing is gained by moving on
        if not fresh:
            first.wrapOn(self.canv, aw, ah)
            if sum(first._rowHeights[self.repeatRows:]) < self.LEAST_BODY:
                return []  # the header over a sliver of a split row: the whole table goes on
        split_row = len(first._cellvalues) - 1
        if self.groups and len(first._cellvalues) + len(rest._cellvalues) - self.repeatRows > len(self._cellvalues) \
                and self.groups[split_row][1]:
            return []  # a group's name cut in two at the foot: the table starts on the next page instead
        return [first, PageBreak(), self._go_on(first, rest)]

    def _go_on(self, first: Table, rest: Table) -> Table:
        groups, repeat = self.groups, self.repeatRows
        if not groups or not isinstance(repeat, int):
            return rest
        n = len(first._cellvalues)
        if n + len(rest._cellvalues) - repeat != len(self._cellvalues):  # a row was split in two
            return rest
        name, head = groups[n]
        if name is not None and not head and self.continued is not None:
            return self.continued(n, name)
        # the rest starts with a group's name (or outside any group): it keeps what it knows
        assert isinstance(rest, RunningTable)
        rest.groups = groups[:repeat] + groups[n:]
        if self.continued is not None:
            go_on = self.continued
            rest.continued = lambda row, group: go_on(row - repeat + n, group)
        return rest


def groups_of(t: c.Table) -> list[tuple[str | None, bool]]:
    """For each row of ``t``: the name of the group it belongs to (None outside any: the header,
    the total rows), and whether it is the row that names the group (one cell across the table)."""
    ncols = len(t.widths)
    out: list[tuple[str | None, bool]] = []
    name: str | None = None
    for i, row in enumerate(t.rows):
        first = row[0] if row else None
        head = first is not None and first.role == "label" and first.colspan == ncols and i >= t.header_rows
        if head:
            name = first.text
        if i < t.header_rows or i >= len(t.rows) - t.total_rows:
            out.append((None, False))
        else:
            out.append((name, head))
    return out


class KeepShort(KeepTogether):
    """Keeps a short table in one piece; one taller than a page (a cell of very long text) is
    let to split at once rather than first pushed to a new page."""

    def split(self, aw: float, ah: float) -> list:
        if getattr(self, "_H", 0) > FRAME_HEIGHT:
            first, *rest = self._content
            parts = first.splitOn(self.canv, aw, ah)
            return [*parts, *rest] if parts else []
        return super().split(aw, ah)


class KeepWithNext(Flowable):
    """A heading (or caption) and what follows it: the heading goes to the next page unless
    at least the first part of what follows fits below it on this one.

    ReportLab's own ``keepWithNext`` keeps the two together only when both fit on a page; a
    heading over a table longer than a page would still stand alone at the foot. Here the
    flowable always asks to be split, and the split puts the heading on the page only with the
    part of the next flowable that fits there.
    """

    def __init__(self, head: list, following: Flowable) -> None:
        super().__init__()
        self.head = head
        self.following = following

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._head_height = sum(f.wrapOn(self.canv, aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                                for f in self.head)
        return aw, ah + 1  # never drawn as one piece: always split

    def split(self, aw: float, ah: float) -> list:
        room = ah - self._head_height
        frame = getattr(self, "_frame", None)
        fresh = getattr(frame, "_atTop", False)  # at the top of a page nothing is gained by moving on
        self.following._frame = frame  # a nested heading needs to know it too
        _w, height = self.following.wrapOn(self.canv, aw, max(room, 0))
        if height <= room or fresh:
            return [*self.head, self.following]
        if room <= 0:
            return []
        parts = self.following.splitOn(self.canv, aw, room)
        if not parts or isinstance(parts[0], ActionFlowable):  # e.g. KeepTogether's page break
            return []
        return [*self.head, *parts]

    def draw(self) -> None:  # pragma: no cover - always split before drawing
        raise AssertionError("KeepWithNext is always split")


def keep_headings_with_next(story: list) -> list:
    """Bind every heading (with its page-break condition) to the flowable that follows it,
    from the end, so a chapter heading followed by a sub-heading and a table stays together."""
    out: list = []
    for flowable in reversed(story):
        # A heading, or a □ line (the first level of the plan's hierarchy, a heading in all but name).
        leads = isinstance(flowable, Heading) or (isinstance(flowable, Paragraph) and flowable.style.name == "bullet0")
        if leads and out and not isinstance(out[0], (PageBreak, NextPageTemplate)):
            out[0] = KeepWithNext([flowable], out[0])
        else:
            out.insert(0, flowable)
    return out


class Figure(Flowable):
    """A figure in a table cell (an amount, a share, a year): one word on one line, right aligned.

    It is drawn exactly as ReportLab draws a paragraph of that word in ``style`` (right aligned,
    without indents; the same operators in the same order, so the page is the same to the byte),
    without the paragraph's machinery: no fragments to build, no lines to break, no general
    drawing code. Two thirds of a table's cells are figures. The caller makes sure the word fits
    the cell's width and that ``style``'s face has every character of it
    (``PdfRenderer.figure_text``)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._text_width = stringWidth(text, style.fontName, style.fontSize)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.style.leading
        return aw, self.height

    def getPlainText(self) -> str:  # noqa: N802 - ReportLab's name, as a paragraph has it
        return self.text

    def draw(self) -> None:
        canv, style = self.canv, self.style
        canv.saveState()
        canv.setFillColor(style.textColor)
        tx = canv.beginText(0, self.height - style.fontSize)
        tx.setFont(style.fontName, style.fontSize, style.leading)
        room = self.width - self._text_width
        if room > 1e-6 or room < -1e-6:
            tx.setXPos(room)
        tx._textOut(self.text, 1)
        if room > 1e-6 or room < -1e-6:
            tx.setXPos(-room)
        canv.drawText(tx)
        canv.restoreState()


@dataclass(frozen=True)
class SealPlace:
    """Where a seal box was drawn: its signature field's name, the page (from 1) and the box's
    rectangle on it in points (left, bottom, right, top)."""

    name: str
    page: int
    rect: tuple[float, float, float, float]


class SealTable(Table):
    """A signer's line and the box for the seal, which notes in ``places`` (by field name) where
    its box was drawn: the page and the rectangle, in the page's own coordinates."""

    def __init__(self, name: str, places: dict[str, SealPlace], *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.field_name = name
        self.places = places

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        left, right = self._colpositions[-2], self._colpositions[-1]  # the box: the last column
        bottom, top = self._rowpositions[-1], self._rowpositions[0]
        x0, y0 = canv.absolutePosition(left, bottom)
        x1, y1 = canv.absolutePosition(right, top)
        rect = tuple(round(v, 2) for v in (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        self.places[self.field_name] = SealPlace(self.field_name, canv.getPageNumber(), rect)
