"""Lays a :class:`reports.content.Document` out as PDF bytes with ReportLab.

The description says what is printed; this module decides how: styles per role, tables whose
rows may split over pages (a long cell never stops the export), headings kept with what follows,
a table's caption and unit label repeated with its header rows on every page it runs on, the
cover set a little smaller (never below four fifths) to stay on one page, and scanned pages
placed with the page numbering running through. The file is finished as PDF/A-2u
(:mod:`reports.pdfa`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText, split

from forms.base.i18n import N_, translate
from forms.money import keep_amounts_together
from reports import content as c
from reports.doc import Contents, Heading, PageInfo, build
from reports.flowables import Figure, KeepShort, RunningTable, SealTable, groups_of, keep_headings_with_next
from reports.fonts import Glyphs, clean, covers, markup
from reports.paragraphs import CellParagraph, Fragments
from reports.pdfcover import CoverPages
from reports.qr import QrCode
from reports.styles import (
    FRAME_WIDTH,
    HEAD_FILL,
    INK,
    RULE,
    TABLE_SIZE,
    TOTAL_FILL,
    Styles,
)

#: A table of up to this many rows is never split over two pages.
SMALL_TABLE_ROWS = 8
#: A word up to this wide widens its column rather than being cut.
MAX_WORD = 45 * mm
#: A column of text is never made narrower than this to widen a column of figures.
MIN_TEXT_COLUMN = 12 * mm
GROUP_FILL = "#f7f7f7"
#: Where an English header may break: between words and after a hyphen ("Gyeongsangbuk-" / "do"),
#: never at a non-breaking space (``keep_amounts_together``).
_HEAD_BREAKS = re.compile(r"[^\S\u00a0]+|(?<=-)")
#: Where a line of a cell may break: at a space, not at a non-breaking one.
_SPACES = re.compile(r"[^\S\u00a0]+")
#: The sizes a table cell is tried in, before a word wider than its column is split: its own and a
#: step or two smaller ("국제공동연구개발비", "Gyeongsangbuk-do" stay whole in a narrow column).
CELL_SIZES = (TABLE_SIZE, TABLE_SIZE - 0.5, TABLE_SIZE - 1)
#: A cell's left and right padding, by the table's frame.
_PADDING = {"grid": (3, 3), "facts": (6, 6)}
#: The width of a seal box's name: an English title ("Governor of Gyeongsangbuk-do") is longer.
SEAL_NAME = (80 * mm, 110 * mm)
#: The seal's box, a seal name's cell padding (both sides), and the sizes a signatory's line is tried in.
SEAL_BOX, SEAL_PAD, SEAL_SIZES = 20 * mm, 12, (14, 13, 12, 11, 10)
#: The cells of figures, right aligned: each a :class:`reports.flowables.Figure` when it can be (``figure_text``).
_FIGURES = ("num", "total_num")


class PdfRenderer(CoverPages):
    def __init__(self, doc: c.Document, glyphs: Glyphs | None = None) -> None:
        self.doc = doc
        self.glyphs = glyphs if glyphs is not None else Glyphs()
        #: The scanned PDF pages laid out, to be stamped onto their pages once the packet is built.
        self.placed: list = []
        #: Why the packet is not PDF/A (a scan's fonts not in it), once rendered: empty when it is.
        self.shortfalls: list = []
        #: Where each seal box with a signature field was drawn (:class:`reports.flowables.SealTable`).
        self.fields: dict = {}
        self.styles = Styles(doc.lang)
        self._frags = Fragments()
        s = self.styles
        self._para_styles = {
            "body": s.body, "statement": s.statement, "note": s.note, "words": s.words, "end": s.end,
            "title": s.cover_title, "subtitle": s.cover_sub, "date": s.cover_date, "to": s.cover_date,
            "draft": s.cover_draft, "centre": s.cover_kind, "fingerprint": s.fingerprint,
            **{f"bullet{i}": st for i, st in enumerate(s.bullets)},
        }
        #: The cell styles set a step or two smaller, or without breaks after hyphens (``cell_style``).
        self._fitted: dict[tuple[str, float], ParagraphStyle] = {}
        self._cell_styles = {"text": s.cell, "head": s.cell_head, "num": s.cell_num, "total": s.cell_bold,
                             "total_num": s.cell_num_bold, "label": s.cell_bold, "code": s.cell}

    # -- text ----------------------------------------------------------------------------------
    def para(self, text: str, style, where: str = "") -> Paragraph:  # noqa: ANN001
        """Plain text as a paragraph: escaped, glyph fallback, line breaks kept, an amount never
        broken over two lines (``KRW 5,500,000,000``, ``55억 원``); in English with typographic
        quotation marks and apostrophes."""
        text = keep_amounts_together(text)
        if self.doc.lang == "en":
            text = typographic(text)
        lines = [markup(t, style.fontName, self.glyphs, where) for t in text.split("\n")]
        text, frags = self._frags("<br/>".join(lines), style)
        return CellParagraph(text, style, frags=frags)

    # -- the whole document --------------------------------------------------------------------
    def story(self) -> list:
        story: list = []
        if self.doc.cover is not None:
            story += self.cover(self.doc.cover)
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, c.Fingerprint) and i and isinstance(blocks[i - 1], (c.Para, c.Enclosures)):
                story[-1] = KeepTogether([story[-1], *self.block(block)])  # the text's last words stay with it
                continue
            story += self.block(block)
        for attachment in self.doc.attachments:
            story += self.block(attachment.heading())
            for block in attachment.blocks:
                story += self.block(block)
        for block in self.doc.annex:
            story += self.block(block)
        headings = [f for f in story if isinstance(f, Heading)]
        for flowable in story:
            if isinstance(flowable, Contents):
                flowable.headings = [h for h in headings if h.level <= flowable.depth]
        return keep_headings_with_next(story)

    def render(self) -> bytes:
        info = PageInfo(footer_label=self.doc.footer, draft=bool(self.doc.draft), draft_mark=self.doc.draft,
                        has_cover=self.doc.cover is not None, face=self.styles.gothic)
        pdf = build(self.story(), info, self.doc.meta)
        from reports import pdfa

        writer = pdfa.writer(pdf)
        if self.placed:
            from reports.scans import draw

            for scan, forms in draw(writer, self.placed):
                self.shortfalls += pdfa.scan_shortfalls(scan.name or "-", forms)
        if self.fields:
            from reports.sigfields import add_fields

            add_fields(writer, list(self.fields.values()))
        return pdfa.finish(writer)  # archival (PDF/A-2u), as far as the scans allow: see ``shortfalls``

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
            return self.seals(b.signers, b.mark, b.field)
        if isinstance(b, c.Fingerprint):
            return self.fingerprint(b)
        if isinstance(b, c.Enclosures):
            return self.enclosures(b)
        if isinstance(b, c.PageBreak):
            return [PageBreak()]
        if isinstance(b, c.Contents):
            contents = Contents([], self.styles)
            contents.depth = b.depth
            return [self.para(b.title, self.styles.toc_title), contents, PageBreak()]
        if isinstance(b, c.Scan):
            from reports.scans import scan_pages

            return scan_pages(b, self.placed)
        raise TypeError(f"no PDF layout for {type(b).__name__}")

    def heading(self, h: c.Heading) -> list:
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(h.level, 2)]
        shown = typographic(h.shown) if self.doc.lang == "en" else h.shown
        flowable = Heading(markup(keep_amounts_together(shown), style.fontName, self.glyphs), style, h.level, h.key,
                           shown)
        # Kept with what follows by ``keep_headings_with_next``; a chapter of the form starts a page.
        return [PageBreak(), flowable] if h.new_page else [flowable]

    # -- tables --------------------------------------------------------------------------------
    def table(self, t: c.Table) -> list:
        """The table with its caption and unit label as a first row that repeats with the header,
        and its notes as last rows kept with its last row."""
        story: list = [self.grid(t, self.widths(t))]
        if len(t.rows) <= SMALL_TABLE_ROWS:
            story = [KeepShort(story)]  # a short table is not cut: it moves whole to the next page
        if t.frame != "facts":
            story.append(Spacer(1, 5))
        return story

    def grid(self, t: c.Table, widths: list[float], made: dict | None = None) -> RunningTable:
        """The table laid out in ``widths``. A table grouped by rows that name a group across the
        table (an organisation's name) never leaves a group's name alone at the foot of a page, and
        a group continued on a new page starts with its name: "(포항공과대학교, 계속)".

        ``made`` holds the cells' flowables by cell: a continuation, laid out again from the row it
        starts at, takes the flowables the table made of its header and its remaining rows rather
        than making each again (the rows of a long table were made once for each page it ran on)."""
        made = {} if made is None else made
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
                                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONT", (0, 0), (-1, -1), s.gothic, 9)]))
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
                known = made.get(id(cell))
                if known is None:
                    room = sum(widths[col:col + cell.colspan]) - sum(_PADDING.get(t.frame, (0, 6)))
                    style = self.cell_style(cell, room)
                    figure = self.figure_text(cell, style, room) if cell.role in _FIGURES else None
                    if figure is not None:
                        flowable: Flowable | str = Figure(figure, style)
                    else:
                        flowable = self.para(cell.text, style, cell.where) if cell.text else ""
                    known = made[id(cell)] = (cell, flowable)  # (the cell held: its id is not reused)
                out.append(known[1])
                if cell.colspan > 1 or cell.rowspan > 1:
                    cmds.append(("SPAN", (col, r), (col + cell.colspan - 1, r + cell.rowspan - 1)))
                if cell.role == "label" and cell.colspan == ncols:  # a group's name across the table
                    cmds.append(("BACKGROUND", (0, r), (-1, r), GROUP_FILL))
            data.append(out)
        groups = groups_of(t)
        for i, (_name, head) in enumerate(groups):
            if head and top + i + 1 < len(data):  # a group's name stays with the group's first row
                cmds.append(("NOSPLIT", (0, top + i), (-1, top + i + 1)))
        last = len(data) - 1
        body = (0, top)
        if t.frame == "grid":
            cmds += [
                ("GRID", body, (-1, last), 0.4, RULE), ("LINEABOVE", body, (-1, top), 1.2, RULE),
                ("LINEBELOW", (0, last), (-1, last), 1.2, RULE),
                ("VALIGN", body, (-1, last), "MIDDLE"),
                ("TOPPADDING", body, (-1, last), 3), ("BOTTOMPADDING", body, (-1, last), 3),
                ("LEFTPADDING", body, (-1, last), 3), ("RIGHTPADDING", body, (-1, last), 3),
            ]
            if t.header_rows:
                cmds.append(("BACKGROUND", body, (-1, top + t.header_rows - 1), HEAD_FILL))
        elif t.frame == "facts":
            cmds += [("GRID", body, (-1, last), 0.5, RULE), ("BACKGROUND", body, (0, -1), HEAD_FILL),
                     ("VALIGN", body, (-1, last), "MIDDLE"), ("TOPPADDING", body, (-1, last), 5),
                     ("BOTTOMPADDING", body, (-1, last), 5), ("LEFTPADDING", body, (-1, last), 6)]
        else:
            cmds += [("VALIGN", body, (-1, last), "TOP"), ("LEFTPADDING", body, (-1, last), 0),
                     ("TOPPADDING", body, (-1, last), 2), ("BOTTOMPADDING", body, (-1, last), 2)]
        if t.total_rows:
            cmds.append(("BACKGROUND", (0, last - t.total_rows + 1), (-1, last), TOTAL_FILL))
            if len(t.rows) - t.header_rows > t.total_rows:  # the total never opens a page alone
                cmds.append(("NOSPLIT", (0, last - t.total_rows), (-1, last)))
        cmds.append(("FONT", (0, 0), (-1, -1), self.styles.gothic, self.styles.cell.fontSize))
        # A body cell spanning rows (a researcher beside their projects) keeps them on one page: the
        # table is then split only between such groups, never inside one, which would leave the
        # spanning cell's text behind.
        spans = any(cell is not None and cell.rowspan > 1 for row in t.rows[t.header_rows:] for cell in row)
        if t.notes:
            # The notes under the table, across it and unruled: a note is never set apart from its
            # table, the last row goes over to the next page with it.
            for note in t.notes:
                data.append([self.para(note, self.styles.note), *([""] * (ncols - 1))])
            cmds += [("SPAN", (0, r), (-1, r)) for r in range(last + 1, len(data))]
            cmds += [("LEFTPADDING", (0, last + 1), (-1, -1), 0), ("RIGHTPADDING", (0, last + 1), (-1, -1), 0),
                     ("TOPPADDING", (0, last + 1), (-1, -1), 0), ("BOTTOMPADDING", (0, last + 1), (-1, -1), 0),
                     ("TOPPADDING", (0, last + 1), (-1, last + 1), 3),
                     ("NOSPLIT", (0, last), (-1, -1))]
        table = RunningTable(data, colWidths=widths, repeatRows=top + t.header_rows, splitInRow=0 if spans else 1,
                             hAlign="CENTER" if t.frame == "facts" else "LEFT")
        table.setStyle(TableStyle(cmds))
        table.groups = [(None, False)] * top + groups + [(None, False)] * len(t.notes)

        def continued(row: int, name: str) -> RunningTable:
            """The rows from ``row`` on (of the laid-out table) under the header, after "(name, continued)"."""
            label = c.Cell(translate(N_("({name}, continued)"), self.doc.lang, name=name), "label", colspan=ncols)
            rows = [*t.rows[:t.header_rows], [label, *([None] * (ncols - 1))], *t.rows[row - top:]]
            return self.grid(replace(t, rows=rows), widths, made)

        table.continued = continued
        return table

    def figure_text(self, cell: c.Cell, style: ParagraphStyle, room: float) -> str | None:
        """The text of a figure's cell (an amount, a share, a year) when it is one word that fits its
        column (``room``) at its role's size, in its role's face: the cell is then a
        :class:`reports.flowables.Figure`, drawn exactly as a paragraph of it is, at a fraction of
        the cost. Otherwise (a figure in a smaller size, with a character its face lacks, of two
        words or lines) None: the cell is a paragraph."""
        if not cell.text or style is not self._cell_styles[cell.role]:
            return None
        text = keep_amounts_together(cell.text)
        if self.doc.lang == "en":
            text = typographic(text)
        text = clean(text)
        face = style.fontName
        if text != cleanBlockQuotedText(text) or len(split(text)) != 1 \
                or stringWidth(text, face, style.fontSize) > room or not all(covers(face, char) for char in text):
            return None
        return text

    def cell_style(self, cell: c.Cell, room: float) -> ParagraphStyle:
        """The style of ``cell`` in a column ``room`` wide: its role's, a step or two smaller
        (``CELL_SIZES``) when a word of it (a run without spaces) is wider than the column at the
        role's size, so that its lines break between words; a word too wide even then is split at
        the role's size."""
        style = self._cell_styles[cell.role]
        text = keep_amounts_together(cell.text)
        if self.doc.lang == "en":
            text = typographic(text)
        words = _SPACES.split(text)
        widest = max((stringWidth(w, style.fontName, 1) for w in words), default=0.0)
        size = next((size for size in CELL_SIZES if widest * size <= room), None)
        if size is None or (size == style.fontSize and not style.embeddedHyphenation):
            return style
        # Every word fits: none breaks after its hyphen either ("Industry-" / "Academic").
        key = (style.name, size)
        if key not in self._fitted:
            self._fitted[key] = style.clone(style.name, fontSize=size, leading=size * style.leading / style.fontSize,
                                            embeddedHyphenation=0)
        return self._fitted[key]

    def widths(self, t: c.Table) -> list[float]:
        """Column widths in points: the given ones, the rest shared equally; a column of figures
        is widened to its widest figure (a figure, or a code, never wraps), and a column to the widest word of
        its headers and total labels (in English, of all its cells: such a word is not cut),
        taking the room from the columns of text, which wrap."""
        fixed = sum(w for w in t.widths if w is not None) * mm
        free = sum(1 for w in t.widths if w is None)
        rest = max(FRAME_WIDTH - fixed, 0) / free if free else 0
        widths = [w * mm if w is not None else rest for w in t.widths]
        need = [0.0] * len(widths)
        numeric = [False] * len(widths)
        english = self.doc.lang == "en"
        # Every word counts at the smallest size a cell is set in (``cell_style``: "국제공동연구개" / "발비"),
        # and at its size in English (ReportLab cut "Industr" / "y-Academic") and in headers and totals.
        sized = ("head", "total", *(("text", "label") if english else ()))
        for row in t.rows:
            for col, cell in enumerate(row):
                if cell is None or cell.colspan != 1:
                    continue
                style = self._cell_styles[cell.role]
                if cell.role not in ("num", "total_num", "code"):  # a header, a label such as "Subtotal", a word
                    # (a header word may break after its hyphen at its size; an amount is one word:
                    # ``KRW 5,500,000,000`` is set on one line)
                    text = keep_amounts_together(cell.text)
                    whole = _SPACES.split(text)
                    parts = (_HEAD_BREAKS if english and cell.role == "head" else _SPACES).split(text)
                    widest = max((stringWidth(x, style.fontName, CELL_SIZES[-1]) for x in whole), default=0.0)
                    if cell.role in sized:
                        widest = max([widest, *(stringWidth(x, style.fontName, style.fontSize) for x in parts)])
                else:
                    parts = cell.text.split("\n")
                    numeric[col] = True
                    widest = max((stringWidth(x, style.fontName, style.fontSize) for x in parts), default=0.0)
                if numeric[col] or widest <= MAX_WORD:  # a longer word is cut whatever the column
                    need[col] = max(need[col], widest + 7)
        short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
        if not short:
            return widths
        spare = [w - (n if numeric[i] else max(n, MIN_TEXT_COLUMN)) for i, (w, n) in enumerate(zip(widths, need, strict=True))]
        available = sum(x for x in spare if x > 0)
        if available <= 0:
            return widths
        take = min(short, available) / available
        return [max(w, n) if n > w else w - max(spare[i], 0) * take
                for i, (w, n) in enumerate(zip(widths, need, strict=True))]

    # -- figures -------------------------------------------------------------------------------
    def figure(self, f: c.Figure) -> list:
        from reports import chart

        drawing = chart.draw(f.drawing, FRAME_WIDTH, self.styles.gothic, self.styles.gothic_bold)
        head: list = []
        if f.caption or f.unit:
            row = [[self.para(f.caption, self.styles.caption) if f.caption else "",
                    self.para(f.unit, self.styles.unit) if f.unit else ""]]
            t = Table(row, colWidths=[FRAME_WIDTH * 0.7, FRAME_WIDTH * 0.3])
            t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("FONT", (0, 0), (-1, -1), self.styles.gothic, 9)]))
            head = [t]
        return [KeepTogether([*head, drawing]), Spacer(1, 5)]

    # -- seals, fingerprint, cover ---------------------------------------------------------------
    def seals(self, signers: list[str], mark: str, field: str = "") -> list:
        """A line per signer with the box for the seal; with ``field``, the box notes where it was drawn
        (``self.fields``) so that an empty signature field of that name is laid over it."""
        s = self.styles
        out: list = []
        for signer in signers or ["–"]:
            name, style, signer = self.seal_name(signer)
            cells = [[self.para(signer, style), self.para(mark, s.seal_mark)]]
            if field:
                table: Table = SealTable(field, self.fields, cells, colWidths=[name, SEAL_BOX], rowHeights=[18 * mm],
                                         splitInRow=1)
            else:
                table = Table(cells, colWidths=[name, SEAL_BOX], rowHeights=[18 * mm], splitInRow=1)
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (1, 0), (1, 0), 0.8, INK),
                ("FONT", (0, 0), (-1, -1), s.gothic, 10),
            ]))
            out += [table, Spacer(1, 3 * mm)]
        return out

    def seal_name(self, signer: str) -> tuple[float, ParagraphStyle, str]:
        """The signatory on one line: the name's column grows to the line's width, and a line wider
        than the frame allows is set a size or two smaller; one still too wide ("POSTECH …
        Foundation, represented by Kim Sung-geun") breaks after its first comma, never inside a name."""
        s = self.styles
        room = FRAME_WIDTH - SEAL_BOX - SEAL_PAD
        for text in (signer, signer.replace(", ", ",\n", 1)):
            for size in SEAL_SIZES:
                style = s.seal if size == s.seal.fontSize else s.seal.clone("seal_fit", fontSize=size, leading=size + 6)
                needed = max(stringWidth(line, style.fontName, size) for line in text.split("\n")) + SEAL_PAD
                if needed <= room:
                    return max(SEAL_NAME[self.doc.lang == "en"], needed), style, text
        return room, s.seal, signer

    def enclosures(self, e: c.Enclosures) -> list:
        """``붙임  1. …`` at the left margin, the next items under ``1.``, ``끝.`` after the last:
        the label and the items in two columns, so a long item's second line stays under its
        first words too."""
        s = self.styles.end
        if not e.items:
            return [self.para(e.end, s)]
        cell = s.clone("enclosure", spaceBefore=0)
        label = stringWidth(e.label, s.fontName, s.fontSize) + stringWidth(c.ENCLOSURE_GAP, s.fontName, s.fontSize)
        rows = [[self.para(e.label, cell) if i == 0 else "", self.para(line, cell)]
                for i, line in enumerate(e.lines())]
        table = Table(rows, colWidths=[label, FRAME_WIDTH - label], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("FONT", (0, 0), (-1, -1), s.fontName, s.fontSize)]))
        return [Spacer(1, s.spaceBefore), table]

    def fingerprint(self, f: c.Fingerprint) -> list:
        s = self.styles
        grouped = " ".join(f.digest[i:i + 16] for i in range(0, len(f.digest), 16))
        text = [self.para(f"{f.number_label}: {f.number}", s.cell_bold), Spacer(1, 3),
                self.para(f.sentence, s.cell), Spacer(1, 3), self.para(f"SHA-256 {grouped}", s.cell)]
        box = Table([[text, QrCode(f.digest, 26 * mm)]], colWidths=[FRAME_WIDTH - 34 * mm, 34 * mm])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("FONT", (0, 0), (-1, -1), s.gothic, 9)]))
        # A one-row table never splits; not wrapped in a KeepTogether of its own, since the box is
        # kept with the closing line in one (ReportLab's KeepTogether reports an endless height,
        # so one inside another always started a new page: 끝. stood alone on a page of its own).
        return [Spacer(1, 6 * mm), box]


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=[\s.,;:)]|$)")
#: A straight quotation mark that opens: not after a word or closing punctuation, and before a character.
_OPENING = re.compile(r"(?<![\w.,;:!?%)\]’”])([\"'])(?=\S)")


def typographic(text: str) -> str:
    """English text with the marks a typesetter sets: ``’`` for an apostrophe (the call’s cap,
    the organisations’ shares), ``“…”`` and ``‘…’`` for straight quotation marks."""
    if "'" not in text and '"' not in text:
        return text
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING.sub(lambda m: "“" if m.group(1) == '"' else "‘", text)
    return text.replace('"', "”").replace("'", "’")


def render(doc: c.Document, glyphs: Glyphs | None = None) -> bytes:
    """The PDF of ``doc``; characters no bundled face can print are noted in ``glyphs``."""
    return PdfRenderer(doc, glyphs).render()


__all__ = ["Flowable", "render"]
