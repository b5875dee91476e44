"""Lays a :class:`reports.content.Document` out as PDF bytes with ReportLab.

The description says what is printed; this module decides how: styles per role, tables whose
rows may split over pages (a long cell never stops the export), headings kept with what follows,
a table's caption and unit label repeated with its header rows on every page it runs on, the
cover set a little smaller (never below four fifths) to stay on one page, and scanned pages
placed with the page numbering running through.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports import content as c
from reports.doc import Contents, Heading, PageInfo, build
from reports.fonts import GOTHIC, Glyphs, markup
from reports.qr import QrCode
from reports.styles import ACCENT, FRAME_HEIGHT, FRAME_WIDTH, HEAD_FILL, INK, RULE, TOTAL_FILL, Styles

#: The smallest a cover is set to keep it on one page.
MIN_COVER_SCALE = 0.8
#: Room a heading wants below it on its page, or it starts the next one.
KEEP_BELOW_HEADING = 35 * mm
#: A table of up to this many rows is never split over two pages.
SMALL_TABLE_ROWS = 8
#: A column of text is never made narrower than this to widen a column of figures.
MIN_TEXT_COLUMN = 12 * mm


class PdfRenderer:
    def __init__(self, doc: c.Document, glyphs: Glyphs | None = None) -> None:
        self.doc = doc
        self.glyphs = glyphs if glyphs is not None else Glyphs()
        self.styles = Styles(doc.lang)
        s = self.styles
        self._para_styles = {
            "body": s.body, "statement": s.statement, "note": s.note, "words": s.words, "end": s.end,
            "title": s.cover_title, "subtitle": s.cover_sub, "date": s.cover_date, "to": s.cover_date,
            "draft": s.cover_draft, "centre": s.cover_kind, "fingerprint": s.fingerprint,
            **{f"bullet{i}": st for i, st in enumerate(s.bullets)},
        }
        self._cell_styles = {"text": s.cell, "head": s.cell_head, "num": s.cell_num, "total": s.cell_bold,
                             "total_num": s.cell_num_bold, "label": s.cell_bold}

    # -- text ----------------------------------------------------------------------------------
    def para(self, text: str, style, where: str = "") -> Paragraph:  # noqa: ANN001
        """Plain text as a paragraph: escaped, glyph fallback, line breaks kept."""
        lines = [markup(t, style.fontName, self.glyphs, where) for t in text.split("\n")]
        return Paragraph("<br/>".join(lines), style)

    # -- the whole document --------------------------------------------------------------------
    def story(self) -> list:
        story: list = []
        if self.doc.cover is not None:
            story += self.cover(self.doc.cover)
        for block in self.doc.blocks:
            story += self.block(block)
        for attachment in self.doc.attachments:
            story += self.block(attachment.heading())
            for block in attachment.blocks:
                story += self.block(block)
        headings = [f for f in story if isinstance(f, Heading)]
        for flowable in story:
            if isinstance(flowable, Contents):
                flowable.headings = [h for h in headings if h.level <= flowable.depth]
        return story

    def render(self) -> bytes:
        info = PageInfo(footer_label=self.doc.footer, draft=bool(self.doc.draft), draft_mark=self.doc.draft,
                        has_cover=self.doc.cover is not None)
        return build(self.story(), info, self.doc.meta)

    # -- blocks --------------------------------------------------------------------------------
    def block(self, b: c.Block) -> list:
        if isinstance(b, c.Heading):
            return self.heading(b)
        if isinstance(b, c.Para):
            return [self.para(b.text, self._para_styles[b.role], b.where)]
        if isinstance(b, c.Table):
            return self.table(b)
        if isinstance(b, c.Figure):
            return self.figure(b)
        if isinstance(b, c.SealBox):
            return self.seals(b.signers, b.mark)
        if isinstance(b, c.Fingerprint):
            return self.fingerprint(b)
        if isinstance(b, c.PageBreak):
            return [PageBreak()]
        if isinstance(b, c.Contents):
            contents = Contents([], self.styles)
            contents.depth = b.depth
            return [self.para(b.title, self.styles.toc_title), contents, PageBreak()]
        if isinstance(b, c.Scan):
            from reports.scans import scan_pages

            return scan_pages(b)
        raise TypeError(f"no PDF layout for {type(b).__name__}")

    def heading(self, h: c.Heading) -> list:
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(h.level, 2)]
        flowable = Heading(markup(h.shown, style.fontName, self.glyphs), style, h.level, h.key, h.shown)
        keep = PageBreak() if h.new_page else CondPageBreak(KEEP_BELOW_HEADING + (10 * mm if h.level == 0 else 0))
        return [keep, flowable]

    # -- tables --------------------------------------------------------------------------------
    def table(self, t: c.Table) -> list:
        """The table with its caption and unit label as a first row that repeats with the header."""
        widths = self.widths(t)
        ncols = len(widths)
        data: list[list] = []
        cmds: list = []
        top = 0
        if t.caption or t.unit:
            # The caption (left) and the unit label (right) as one first row across the table,
            # repeated with the header rows on every page the table runs on.
            s = self.styles
            line = Table([[self.para(t.caption, s.caption) if t.caption else "",
                           self.para(t.unit, s.unit) if t.unit else ""]],
                         colWidths=[sum(widths) * 0.62, sum(widths) * 0.38])
            line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONT", (0, 0), (-1, -1), GOTHIC, 9)]))
            data.append([line, *([""] * (ncols - 1))])
            cmds += [("SPAN", (0, 0), (ncols - 1, 0)), ("LEFTPADDING", (0, 0), (-1, 0), 0),
                     ("RIGHTPADDING", (0, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, 0), 0),
                     ("BOTTOMPADDING", (0, 0), (-1, 0), 2)]
            top = 1
        for r, row in enumerate(t.rows, start=top):
            out = []
            for col, cell in enumerate(row):
                if cell is None:
                    out.append("")
                    continue
                out.append(self.para(cell.text, self._cell_styles[cell.role], cell.where) if cell.text else "")
                if cell.colspan > 1 or cell.rowspan > 1:
                    cmds.append(("SPAN", (col, r), (col + cell.colspan - 1, r + cell.rowspan - 1)))
            data.append(out)
        last = len(data) - 1
        body = (0, top)
        if t.frame == "grid":
            cmds += [
                ("GRID", body, (-1, -1), 0.4, RULE), ("LINEABOVE", body, (-1, top), 1.2, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 1.2, RULE),
                ("VALIGN", body, (-1, -1), "MIDDLE"),
                ("TOPPADDING", body, (-1, -1), 3), ("BOTTOMPADDING", body, (-1, -1), 3),
                ("LEFTPADDING", body, (-1, -1), 3), ("RIGHTPADDING", body, (-1, -1), 3),
            ]
            if t.header_rows:
                cmds.append(("BACKGROUND", body, (-1, top + t.header_rows - 1), HEAD_FILL))
        elif t.frame == "facts":
            cmds += [("GRID", body, (-1, -1), 0.5, RULE), ("BACKGROUND", body, (0, -1), HEAD_FILL),
                     ("VALIGN", body, (-1, -1), "MIDDLE"), ("TOPPADDING", body, (-1, -1), 5),
                     ("BOTTOMPADDING", body, (-1, -1), 5), ("LEFTPADDING", body, (-1, -1), 6)]
        else:
            cmds += [("VALIGN", body, (-1, -1), "TOP"), ("LEFTPADDING", body, (-1, -1), 0),
                     ("TOPPADDING", body, (-1, -1), 2), ("BOTTOMPADDING", body, (-1, -1), 2)]
        if t.total_rows:
            cmds.append(("BACKGROUND", (0, last - t.total_rows + 1), (-1, last), TOTAL_FILL))
        cmds.append(("FONT", (0, 0), (-1, -1), GOTHIC, self.styles.cell.fontSize))
        table = Table(data, colWidths=widths, repeatRows=top + t.header_rows, splitInRow=1,
                      hAlign="CENTER" if t.frame == "facts" else "LEFT")
        table.setStyle(TableStyle(cmds))
        story: list = [table, *(self.para(note, self.styles.note) for note in t.notes)]
        if len(t.rows) <= SMALL_TABLE_ROWS:
            story = [KeepTogether(story)]  # a short table is not cut: it moves whole to the next page
        if t.frame != "facts":
            story.append(Spacer(1, 5))
        return story

    def widths(self, t: c.Table) -> list[float]:
        """Column widths in points: the given ones, the rest shared equally; a column of figures
        is widened to its widest figure (a figure never wraps), taking the room from the columns
        of text, which wrap."""
        fixed = sum(w for w in t.widths if w is not None) * mm
        free = sum(1 for w in t.widths if w is None)
        rest = max(FRAME_WIDTH - fixed, 0) / free if free else 0
        widths = [w * mm if w is not None else rest for w in t.widths]
        need = [0.0] * len(widths)
        numeric = [False] * len(widths)
        for row in t.rows:
            for col, cell in enumerate(row):
                if cell is not None and cell.colspan == 1 and cell.role in ("num", "total_num"):
                    style = self._cell_styles[cell.role]
                    widest = max(stringWidth(x, style.fontName, style.fontSize) for x in cell.text.split("\n"))
                    need[col] = max(need[col], widest + 7)
                    numeric[col] = True
        short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
        if not short:
            return widths
        spare = [w - (n if numeric[i] else MIN_TEXT_COLUMN) for i, (w, n) in enumerate(zip(widths, need, strict=True))]
        available = sum(x for x in spare if x > 0)
        if available <= 0:
            return widths
        take = min(short, available) / available
        return [max(w, n) if numeric[i] and n > w else w - max(spare[i], 0) * take
                for i, (w, n) in enumerate(zip(widths, need, strict=True))]

    # -- figures -------------------------------------------------------------------------------
    def figure(self, f: c.Figure) -> list:
        from reports import chart

        drawing = chart.draw(f.drawing, FRAME_WIDTH)
        head: list = []
        if f.caption or f.unit:
            row = [[self.para(f.caption, self.styles.caption) if f.caption else "",
                    self.para(f.unit, self.styles.unit) if f.unit else ""]]
            t = Table(row, colWidths=[FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3])
            t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONT", (0, 0), (-1, -1), GOTHIC, 9)]))
            head = [t]
        return [KeepTogether([*head, drawing]), Spacer(1, 5)]

    # -- seals, fingerprint, cover ---------------------------------------------------------------
    def seals(self, signers: list[str], mark: str) -> list:
        s = self.styles
        out: list = []
        for signer in signers or ["–"]:
            table = Table([[self.para(signer, s.seal), self.para(mark, s.seal_mark)]],
                          colWidths=[80 * mm, 20 * mm], rowHeights=[18 * mm], splitInRow=1)
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (1, 0), (1, 0), 0.8, INK),
                ("FONT", (0, 0), (-1, -1), GOTHIC, 10),
            ]))
            out += [table, Spacer(1, 3 * mm)]
        return out

    def fingerprint(self, f: c.Fingerprint) -> list:
        s = self.styles
        grouped = " ".join(f.digest[i:i + 16] for i in range(0, len(f.digest), 16))
        text = [self.para(f"{f.number_label}: {f.number}", s.cell_bold), Spacer(1, 3),
                self.para(f.sentence, s.cell), Spacer(1, 3), self.para(f"SHA-256 {grouped}", s.cell)]
        box = Table([[text, QrCode(f.digest, 26 * mm)]], colWidths=[FRAME_WIDTH - 34 * mm, 34 * mm])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("FONT", (0, 0), (-1, -1), GOTHIC, 9)]))
        return [Spacer(1, 6 * mm), KeepTogether([box])]

    def cover(self, cv: c.Cover) -> list:
        s = self.styles
        story: list = [self.para(cv.call, s.cover_call, "call"), Spacer(1, 3 * mm),
                       self.para(cv.kind, s.cover_kind, "type"), Spacer(1, 10 * mm),
                       self.para(cv.document, s.cover_title), Spacer(1, 8 * mm),
                       HRFlowable(width="90%", thickness=2, color=ACCENT, spaceAfter=10),
                       self.para(cv.title, s.cover_title, "title"),
                       HRFlowable(width="90%", thickness=2, color=ACCENT, spaceBefore=12)]
        if cv.draft:
            story += [Spacer(1, 5 * mm), self.para(cv.draft, s.cover_draft)]
        facts = c.Table([[c.Cell(a, "head"), c.Cell(b, where="cover")] for a, b in cv.facts], [38, 100],
                        header_rows=0, frame="facts")
        story += [Spacer(1, 10 * mm), *self.table(facts), Spacer(1, 10 * mm), self.para(cv.date, s.cover_date),
                  Spacer(1, 8 * mm), *self.seals(cv.seals, cv.seal_mark), Spacer(1, 5 * mm),
                  self.para(cv.to, s.cover_date)]
        # One page: a cover that would not fit is set a little smaller rather than spill its last lines
        # onto a page of their own; but never below four fifths of its size, so that it stays easy
        # to read: a longer cover (a very long title, many regions to seal) goes on over pages.
        kept = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, story, mode="shrink")
        kept.wrapOn(Canvas(io.BytesIO()), FRAME_WIDTH, FRAME_HEIGHT)  # measured once, on a scratch canvas
        if 1 / getattr(kept, "_scale", 1.0) < MIN_COVER_SCALE:  # ReportLab keeps the factor it divides by
            return [*story, NextPageTemplate("body"), PageBreak()]
        return [kept, NextPageTemplate("body"), PageBreak()]


def render(doc: c.Document, glyphs: Glyphs | None = None) -> bytes:
    """The PDF of ``doc``; characters no bundled face can print are noted in ``glyphs``."""
    return PdfRenderer(doc, glyphs).render()


__all__ = ["Flowable", "render"]
