"""The cover page of the PDF: one page, its title and then the whole cover set smaller, size by
size, rather than spill its last lines onto a page of their own (a part of
:class:`reports.pdf.PdfRenderer`)."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import HRFlowable, KeepInFrame, NextPageTemplate, PageBreak, Spacer

from reports import content as c
from reports.flowables import KeepShort
from reports.styles import ACCENT, FRAME_HEIGHT, FRAME_WIDTH

#: The cover is set smaller to stay on one page, never below this scale.
MIN_COVER_SCALE = 0.8
#: The sizes a cover's title is tried in, largest first.
TITLE_SIZES = (22, 20, 18, 16, 14)


class CoverPages:
    """The cover, for a renderer that has ``styles``, ``para``, ``table`` and ``seals``."""

    def cover(self, cv: c.Cover) -> list:
        """One page: a long title is set smaller, size by size, and the whole cover a little
        smaller (never below four fifths) rather than spill its last lines onto a page of their
        own; a cover that still does not fit (a very long title, many regions to seal) goes on
        over pages, its title in the smallest size."""
        story: list = []
        for size in TITLE_SIZES:
            title = self.styles.cover_title.clone("cover_title_fit", fontSize=size, leading=size * 1.45)
            story = self._cover_story(cv, title)
            kept = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, story, mode="shrink")
            kept.wrapOn(Canvas(io.BytesIO()), FRAME_WIDTH, FRAME_HEIGHT)  # measured on a scratch canvas
            if 1 / getattr(kept, "_scale", 1.0) >= MIN_COVER_SCALE:  # ReportLab keeps the factor it divides by
                return [kept, NextPageTemplate("body"), PageBreak()]
        return [*story, NextPageTemplate("body"), PageBreak()]

    def cover_table(self, t: c.Table) -> list:
        """A table of the cover, not kept together on its own: the whole cover is kept in one
        frame, and a table kept together reports an endless height, which no scale can fit."""
        out: list = []
        for f in self.table(t):
            out += f._content if isinstance(f, KeepShort) else [f]
        return out

    def _cover_story(self, cv: c.Cover, title_style) -> list:  # noqa: ANN001
        s = self.styles
        story: list = [self.para(cv.call, s.cover_call, "call"), Spacer(1, 3 * mm),
                       self.para(cv.kind, s.cover_kind, "type"), Spacer(1, 8 * mm),
                       self.para(cv.document, s.cover_title), Spacer(1, 6 * mm),
                       HRFlowable(width="90%", thickness=2, color=ACCENT, spaceAfter=10),
                       self.para(cv.title, title_style, "title"),
                       HRFlowable(width="90%", thickness=2, color=ACCENT, spaceBefore=12)]
        if cv.draft:
            story += [Spacer(1, 5 * mm), self.para(cv.draft, s.cover_draft)]
        facts = c.Table([[c.Cell(a, "head"), c.Cell(b, where="cover")] for a, b in cv.facts], [38, 100],
                        header_rows=0, frame="facts")
        story += [Spacer(1, 8 * mm), *self.cover_table(facts)]
        if cv.cost is not None:
            story += [Spacer(1, 3 * mm), *self.cover_table(cv.cost)]
        if cv.submission:
            story += [Spacer(1, 6 * mm), self.para(cv.submission, s.cover_sub)]
        story += [Spacer(1, 6 * mm), self.para(cv.date, s.cover_date),
                  Spacer(1, 6 * mm), *self.seals(cv.seals, cv.seal_mark), Spacer(1, 4 * mm),
                  self.para(cv.to, s.cover_date)]
        return story
