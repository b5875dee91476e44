"""The packet as an editable OWPML document (KS X 6101, ``.hwpx``) for Hancom Office, with
python-hwpx: the same description of the content as the PDF (``reports.content``), laid out with
Korean styles — a Myeongjo body at 160 % line spacing, Gothic headings and tables — real tables
whose merged header cells stay merged, the ``(단위: 천원)`` labels, the PDF's margins, a footer on
each page as the PDF's (the ``- 1 -`` page number, the document confirmation number and a draft's
mark), Korean words kept whole at the end of a line, and the cover's seal boxes.

What only a drawing shows in the PDF is given as a table here (the chart's figures, the schedule's
months), so every figure stays editable; a QR code and scanned pages are not copied (the scans
are listed by name). The archive is rewritten with fixed timestamps: the same proposal gives the
same bytes. The PDF remains the checked packet; an edited HWPX no longer carries its guarantee.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
import threading
import uuid
from collections.abc import Iterator
from xml.sax.saxutils import escape

from forms.base import app
from forms.money import EntryUnit, decimals_needed, format_in_unit
from forms.printable import one_line, printable
from reports import content as c
from reports import hwpx_merge, zipped

#: Hancom Office's own faces, present wherever it is installed: Myeongjo for the body, Gothic for
#: headings, tables and notes (as Korean official reports are set).
BODY_FACE, GOTHIC_FACE = "함초롬바탕", "함초롬돋움"
_MM = 7200 / 25.4  # HWPUNIT (1/7200 inch) in a millimetre
#: The text width: A4 less the PDF's margins (``reports.content``), so tables are as wide as the PDF's.
FRAME_MM = float(c.PAGE_WIDTH_MM - c.MARGIN_LEFT_MM - c.MARGIN_RIGHT_MM)
#: Hancom Office puts the header's area below the top margin and the footer's above the bottom one
#: (the body is what is left between them): the body starts and ends where the PDF's does, and the
#: footer's last line (7 pt) ends 2 mm below the PDF's footer baseline (``c.FOOTER_MM``), so its
#: baseline falls about where the PDF's does; its two lines fit the footer's area.
HEADER_MM = 15
FOOTER_AREA_MM = c.MARGIN_BOTTOM_MM - (c.FOOTER_MM - 2)
#: ``breakNonLatinWord`` as Hancom Office lays it out, which is the reverse of the OWPML schema's
#: wording: ``BREAK_WORD`` keeps a Korean word (어절) whole at the end of a line, ``KEEP_WORD``
#: breaks it between any two syllables (글자). (HWP 5.0's paragraph shape, bit 7: 0 어절, 1 글자,
#: which Hancom writes as BREAK_WORD and KEEP_WORD.)
KOREAN_WORDS_WHOLE = "BREAK_WORD"
#: Footer text sizes in points, as the PDF's: the page number, then the confirmation number.
_PAGE_NUMBER_PT, _FOOTER_PT = 10, 7
_HEAD_FILL, _TOTAL_FILL = "#DDE3EA", "#EEF1F5"
#: Paragraph roles: (face, size in points, bold, alignment, line spacing %).
_ROLES: dict[str, tuple[str, float, bool, str, int]] = {
    "body": (BODY_FACE, 12, False, "JUSTIFY", 160),
    "statement": (BODY_FACE, 12, False, "JUSTIFY", 160),
    "bullet0": (BODY_FACE, 12, False, "JUSTIFY", 160),
    "bullet1": (BODY_FACE, 12, False, "JUSTIFY", 160),
    "bullet2": (BODY_FACE, 11, False, "JUSTIFY", 160),
    "bullet3": (BODY_FACE, 11, False, "JUSTIFY", 160),
    "note": (GOTHIC_FACE, 9, False, "LEFT", 140),
    "words": (BODY_FACE, 11, False, "LEFT", 150),
    "end": (BODY_FACE, 12, False, "LEFT", 160),
    "title": (GOTHIC_FACE, 22, True, "CENTER", 140),
    "subtitle": (GOTHIC_FACE, 15, True, "CENTER", 140),
    "date": (BODY_FACE, 14, False, "CENTER", 160),
    "to": (GOTHIC_FACE, 16, True, "CENTER", 160),
    "draft": (GOTHIC_FACE, 12, True, "CENTER", 140),
    "centre": (GOTHIC_FACE, 14, False, "CENTER", 150),
    "fingerprint": (GOTHIC_FACE, 9, False, "LEFT", 140),
    "caption": (GOTHIC_FACE, 10, True, "LEFT", 130),
    "unit": (GOTHIC_FACE, 9, False, "RIGHT", 130),
    "contents": (BODY_FACE, 12, False, "LEFT", 160),
    "h0": (GOTHIC_FACE, 16, True, "LEFT", 140),
    "h1": (GOTHIC_FACE, 14, True, "LEFT", 140),
    "h2": (GOTHIC_FACE, 12, True, "LEFT", 140),
}
#: A point in millimetres.
_PT_MM = 25.4 / 72
_BULLET_INDENT = {"bullet0": 0, "bullet1": 4, "bullet2": 8, "bullet3": 12}
_CELL_ALIGN = {"text": "LEFT", "head": "CENTER", "num": "RIGHT", "total": "CENTER", "total_num": "RIGHT",
               "label": "LEFT", "code": "LEFT"}
_CELL_BOLD = {"head", "total", "total_num", "label"}
CELL_SIZE = 9.5
#: One HWPX at a time: the id stand-in is the library's, for the whole process.
_LOCK = threading.Lock()
#: The preview text Hancom Office shows before a document is opened (``Preview/PrvText.txt``):
#: the document's first lines, as Hancom Office writes them, up to about this many characters.
PREVIEW_CHARS = 1024
_WEEKDAYS = "월화수목금토일"


class HwpxRenderer:
    def __init__(self, doc: c.Document) -> None:
        from hwpx import HwpxDocument  # loaded only when an HWPX copy is really made

        self.doc = doc
        self.out = HwpxDocument.new()
        self._runs: dict[tuple[str, float, bool], str] = {}
        #: paragraphs by the format they take, applied once per format at the end (a format is
        #: looked up among all the document's paragraph shapes each time it is applied)
        self._formats: dict[tuple, list] = {}
        self._fills: dict[tuple[str, str | None], str] = {}
        self._first = True
        self._break = False  # the next paragraph starts a new page
        self._preview: list[str] = []  # the first lines of the document, for its preview text
        self._preview_chars = 0
        styles = self.out.styles
        for face in (BODY_FACE, GOTHIC_FACE):
            styles.ensure_font(face)

    # -- character and paragraph shapes ----------------------------------------------------------
    def run(self, face: str, size: float, bold: bool) -> str:
        key = (face, size, bold)
        if key not in self._runs:
            self._runs[key] = self.out.styles.ensure_run(font=face, size=size, bold=bold)
        return self._runs[key]

    def para(self, text: str, role: str, page_break: bool = False, keep: bool = False,  # noqa: ANN201
             indent_mm: float = 0.0):
        face, size, bold, align, spacing = _ROLES[role]
        text = printable(text)
        self.preview(text)
        char = self.run(face, size, bold)
        page_break, self._break = page_break or self._break, False
        if self._first:  # the skeleton's first paragraph holds the section's settings: write into it
            paragraph = self.out.paragraphs[0]
            paragraph.text = text
            for r in paragraph.runs:
                r.char_pr_id_ref = char
            self._first = False
        else:
            paragraph = self.out.add_paragraph(text, char_pr_id_ref=char, inherit_style=False)
        options = {"alignment": align, "line_spacing_percent": spacing}
        if role in _BULLET_INDENT or indent_mm:
            options["indent_left_mm"] = _BULLET_INDENT.get(role, 0) + indent_mm
        if role.startswith("h"):
            options.update(spacing_before_pt=10 if role == "h0" else 6, spacing_after_pt=4)
        if page_break:
            options["page_break_before"] = True
        if keep or role.startswith("h") or role in ("caption", "unit"):
            options["keep_with_next"] = True
        self.format([paragraph], **options)
        return paragraph

    def enclosures(self, e: c.Enclosures) -> None:
        """``붙임  1. …`` at the left margin, the next items indented under ``1.`` (by the label's
        width in the body's size: a full-width character an em, a space a third), ``끝.`` after the last."""
        lines = e.lines()
        if not e.items:
            self.para(e.end, "end")
            return
        self.para(f"{e.label}{c.ENCLOSURE_GAP}{lines[0]}", "end")
        size = _ROLES["end"][1] * _PT_MM
        indent = sum(size if ord(ch) > 0x2E80 else size / 2 for ch in e.label) + size * 2 / 3
        for line in lines[1:]:
            self.para(line, "end", indent_mm=round(indent, 1))

    def preview(self, line: str) -> None:
        """Note ``line`` for the preview text while it is still among the document's first lines."""
        if line.strip() and self._preview_chars < PREVIEW_CHARS:
            self._preview.append(line)
            self._preview_chars += len(line) + 2

    def preview_text(self) -> bytes:
        """The preview text: the first lines, a table's row as ``<cell><cell>``, CR LF between lines."""
        text = "\r\n".join(line.replace("\n", "\r\n") for line in self._preview)
        return text[:PREVIEW_CHARS].encode("utf-8")

    def format(self, paragraphs: list, **options: object) -> None:
        self._formats.setdefault(tuple(sorted(options.items())), []).extend(paragraphs)

    def _apply_formats(self) -> None:
        """Each format is made once, on the first of its paragraphs; the others that started from
        the same paragraph shape take the shape it made."""
        for options, paragraphs in self._formats.items():
            by_base: dict[str | None, list] = {}
            for paragraph in paragraphs:
                by_base.setdefault(paragraph.para_pr_id_ref, []).append(paragraph)
            for group in by_base.values():
                self.out.styles.apply_paragraph_format(paragraphs=group[:1], **dict(options))
                made = group[0].para_pr_id_ref
                for paragraph in group[1:]:
                    paragraph.para_pr_id_ref = made

    # -- the whole document ------------------------------------------------------------------------
    def walk(self) -> None:
        """Every part of the document in order: the cover, the main blocks, each attachment, the annex."""
        d = self.doc
        if d.cover is not None:
            self.cover(d.cover)
        for block in d.blocks:
            self.block(block)
        for attachment in d.attachments:
            self.block(attachment.heading())
            for block in attachment.blocks:
                self.block(block)
        for block in d.annex:
            self.block(block)

    def render(self) -> bytes:
        self.build()
        # Preview/PrvImage.png stays the library's blank page: drawing the first page takes a
        # layout engine, and Hancom Office makes its own image when it saves the document.
        data = self.out.to_bytes()
        return zipped.normalised(data, first=("mimetype",))

    def build(self) -> None:
        """The whole document, in the library's tree (:meth:`render` then writes its archive)."""
        self.walk()
        self._apply_formats()
        self.page()
        self.keep_korean_words()
        self.properties()
        self.version()
        self.out.package.write("Preview/PrvText.txt", self.preview_text())

    def page(self) -> None:
        """The PDF's page: its margins, and its footer — the page number centred, then the draft's
        mark and the document confirmation number, at the right (the PDF prints them on one line,
        at the left and at the right of the number); no header."""
        d = self.doc
        page = self.out.page
        page.set_margins(left=_unit(c.MARGIN_LEFT_MM), right=_unit(c.MARGIN_RIGHT_MM), gutter=0,
                         top=_unit(c.MARGIN_TOP_MM - HEADER_MM), header=_unit(HEADER_MM),
                         bottom=_unit(c.MARGIN_BOTTOM_MM - FOOTER_AREA_MM), footer=_unit(FOOTER_AREA_MM))
        number = [{"type": "run", "text": "- ", "font": GOTHIC_FACE, "size": _PAGE_NUMBER_PT},
                  {"type": "page_number", "page_number": "page"},
                  {"type": "run", "text": " -", "font": GOTHIC_FACE, "size": _PAGE_NUMBER_PT}]
        content: list[dict] = [{"align": "CENTER", "children": number}]
        label = one_line(" · ".join(t for t in (d.draft, d.footer) if t))
        if label:
            content.append({"align": "RIGHT", "children": [
                {"type": "run", "text": printable(label), "font": GOTHIC_FACE, "size": _FOOTER_PT}]})
        page.set_footer(content=content)

    def keep_korean_words(self) -> None:
        """Every paragraph shape keeps Korean words whole at the end of a line (the template's own
        shapes too, which Hancom Office offers as styles when the copy is edited)."""
        for header in self.out.oxml.headers:
            changed = False
            for element in header.element.iter():
                if str(element.tag).endswith("}breakSetting") and \
                        element.get("breakNonLatinWord") != KOREAN_WORDS_WHOLE:
                    element.set("breakNonLatinWord", KOREAN_WORDS_WHOLE)
                    changed = True
            if changed:
                header.mark_dirty()

    def version(self) -> None:
        """``version.xml`` names the app that wrote the document, not Hancom Office: the
        application and its version change; the format's version and Hancom's ``tagetApplication``
        (its spelling), which Hancom Office needs to open the document, stay as the library wrote them."""
        package = self.out.package
        path = package.version_path() or "version.xml"
        text = package.read(path).decode("utf-8")
        for name, value in (("application", app.APP_NAME), ("appVersion", app.VERSION)):
            text, found = re.subn(rf'\b{name}="[^"]*"', f'{name}="{escape(value, {chr(34): "&quot;"})}"', text)
            if not found:  # pragma: no cover - the library's template names both
                raise ValueError(f"version.xml has no {name}")
        # Written as the library wrote it (its prefix, its declaration), only the two values changed.
        package.write(path, text.encode("utf-8"))

    def properties(self) -> None:
        """The document's properties (``Contents/content.hpf``) from the proposal, never from the
        template, the clock or the machine: the app as creator and last saver, the proposal's own
        date as the dates of creation and saving, the document's language."""
        d = self.doc
        creator = one_line(d.meta.get("creator", f"{app.APP_NAME} {app.VERSION}"))
        date = d.meta.get("date", "")
        stamp = f"{date}T00:00:00Z" if date else None
        self.out.parts.set_document_metadata(
            title=one_line(d.meta.get("title", d.title)), creator=creator,
            subject=one_line(d.meta.get("subject", "")), keyword=one_line(d.meta.get("keywords", "")),
            created_date=stamp, modified_date=stamp)
        # lastsaveby, the readable date and the language have no setter in python-hwpx: they are
        # written into its manifest tree, and the part is set from it.
        package = self.out.package
        tree = package.manifest_tree()
        opf = "{http://www.idpf.org/2007/opf/}"
        metadata = tree.find(f"{opf}metadata")
        if metadata is None:  # pragma: no cover - set_document_metadata made it
            return
        language = metadata.find(f"{opf}language")
        if language is not None:
            language.text = d.lang
        for meta in metadata.findall(f"{opf}meta"):
            if meta.get("name") == "lastsaveby":
                meta.text = creator
            elif meta.get("name") == "date":
                meta.text = _readable(date, d.lang) or None
            elif meta.get("name") == "description":
                meta.text = None
        package.set_xml(package.main_content.full_path, tree)

    def block(self, b: c.Block) -> None:
        if isinstance(b, c.Heading):
            self.para(b.shown, f"h{min(b.level, 2)}", page_break=b.new_page)
        elif isinstance(b, c.Para):
            self.para(b.text, b.role if b.role in _ROLES else "body")
        elif isinstance(b, c.Table):
            self.table(b)
        elif isinstance(b, c.Figure):
            self.figure(b)
        elif isinstance(b, c.SealBox):
            self.seals(b.signers, b.mark)
        elif isinstance(b, c.Fingerprint):
            self.fingerprint(b)
        elif isinstance(b, c.Enclosures):
            self.enclosures(b)
        elif isinstance(b, c.PageBreak):
            self._break = True
        elif isinstance(b, c.Contents):
            # No page numbers: Hancom Office lays the pages out; it can add its own contents.
            self.para(b.title, "h0")
            for h in self.doc.headings(b.depth):
                self.para(("    " * h.level) + h.shown, "contents")
            self._break = True
        elif isinstance(b, c.Scan):
            self.para(f"[{b.name or b.media_type}]", "note")
        else:  # pragma: no cover - a new block kind must be given a layout here
            raise TypeError(f"no HWPX layout for {type(b).__name__}")

    # -- the cover ---------------------------------------------------------------------------------
    def cover(self, cv: c.Cover) -> None:
        if cv.draft:
            self.para(cv.draft, "draft")
        self.para(cv.call, "centre")
        self.para(cv.kind, "centre")
        self.para(cv.document, "subtitle")
        self.para(cv.title, "title")
        if cv.facts:
            rows = [[c.Cell(k, "label"), c.Cell(v)] for k, v in cv.facts]
            self.table(c.Table(rows, [45, None], header_rows=0))
        if cv.cost is not None:
            self.table(cv.cost)
        if cv.submission:
            self.para(cv.submission, "body")
        self.para(cv.date, "date")
        self.seals(cv.seals, cv.seal_mark)
        self.para(cv.to, "to")
        self._break = True

    def seals(self, signers: list[str], mark: str) -> None:
        """One row per signer: the name, then the box where the seal is pressed."""
        if not signers:
            return
        rows = [[c.Cell(s, "label"), c.Cell(mark, "head")] for s in signers]
        self.table(c.Table(rows, [FRAME_MM - 30, 30], header_rows=0))

    # -- tables ------------------------------------------------------------------------------------
    def widths(self, t: c.Table) -> list[float]:
        ncols = max((len(r) for r in t.rows), default=1)
        given = [w for w in t.widths[:ncols] if w]
        free = [w for w in t.widths[:ncols] if not w] + [None] * (ncols - len(t.widths[:ncols]))
        share = max((FRAME_MM - sum(given)) / len(free), 8.0) if free else 0.0
        widths = [w if w else share for w in t.widths[:ncols]] + [share] * (ncols - len(t.widths[:ncols]))
        scale = min(1.0, FRAME_MM / sum(widths)) if sum(widths) else 1.0
        return [w * scale for w in widths]

    def before_table(self, t: c.Table) -> None:
        """The caption and the unit over a table; an empty line carries a page break before it."""
        if t.caption:
            self.para(t.caption, "caption")
        if t.unit:
            self.para(t.unit, "unit")
        if self._break:  # a table that opens a page: an empty line carries the break before it
            self.para("", "body")

    def table(self, t: c.Table) -> None:
        if not t.rows:
            return
        self.before_table(t)
        widths = self.widths(t)
        nrows, ncols = len(t.rows), len(widths)
        for row in t.rows if self._preview_chars < PREVIEW_CHARS else ():
            self.preview("".join(f"<{printable(cell.text)}>" for cell in row[:ncols] if cell is not None))
        table = self.out.add_table(nrows, ncols, width=int(sum(widths) * _MM))
        table.set_column_widths([int(w * 100) for w in widths])
        merges: list[tuple[int, int, int, int]] = []
        grid = [row.cells for row in table.rows]  # before any merge: row r, column c is grid[r][c]
        for r, row in enumerate(t.rows):
            for col, cell in enumerate(row[:ncols]):
                if cell is None:
                    continue
                role = cell.role
                if r < t.header_rows and role == "text":
                    role = "head"
                self.cell(grid[r][col], cell.text, role)
                shaded = role == "head" or r >= nrows - t.total_rows
                if shaded and t.frame == "grid":
                    self.shade(table, grid[r][col], _HEAD_FILL if role == "head" else _TOTAL_FILL)
                if cell.rowspan > 1 or cell.colspan > 1:
                    merges.append((r, col, min(r + cell.rowspan, nrows) - 1, min(col + cell.colspan, ncols) - 1))
        # Merged last, bottom-right first, so each merge finds its cells where the rows put them.
        hwpx_merge.merge_cells(table, grid, sorted(merges, reverse=True))
        for note in t.notes:
            self.para(note, "note")

    def shade(self, table, cell, colour: str) -> None:  # noqa: ANN001
        """``table.set_cell_shading`` without looking the cell up again (a lookup walks the table)."""
        base = cell.element.get("borderFillIDRef") or table.element.get("borderFillIDRef")
        key = (colour, base)
        if key not in self._fills:
            self._fills[key] = table.paragraph.section.document.ensure_shading_border_fill(
                colour, base_border_fill_id=base)
        cell.element.set("borderFillIDRef", self._fills[key])
        table.mark_dirty()

    def cell(self, target, text: str, role: str) -> None:  # noqa: ANN001
        target.text = printable(text)
        char = self.run(GOTHIC_FACE, CELL_SIZE, role in _CELL_BOLD)
        paragraphs = target.paragraphs
        for p in paragraphs:
            for r_ in p.runs:
                r_.char_pr_id_ref = char
        self.format(paragraphs, alignment=_CELL_ALIGN.get(role, "LEFT"), line_spacing_percent=130)

    # -- figures, as tables of their figures ---------------------------------------------------------
    def figure(self, f: c.Figure) -> None:
        d = f.drawing
        caption, unit = f.caption, f.unit
        if isinstance(d, c.BarChart):
            rows = [[c.Cell("", "head"), *(c.Cell(cat, "head") for cat in d.categories)]]
            for name, values in d.series:
                rows.append([c.Cell(name, "label"),
                             *(c.Cell(_in_unit(v, d.unit_won, self.doc.lang), "num") for v in values)])
            self.table(c.Table(rows, [45] + [None] * len(d.categories), caption=caption, unit=unit))
        elif isinstance(d, c.Schedule):
            rows = [[c.Cell("", "head"), *(c.Cell(m, "head") for m in d.months)]]
            for name, first, last in d.tasks:
                rows.append([c.Cell(name), *(c.Cell("■" if first <= i <= last else "", "head")
                                             for i in range(len(d.months)))])
            self.table(c.Table(rows, [50] + [None] * len(d.months), caption=caption, unit=unit))
        elif isinstance(d, c.OrgChart):
            # One row per box, each under the box it hangs from (the ministry first, the lead's
            # participants after the lead, each commissioned organisation after its commissioner).
            names = {b.key: b.name for b in d.boxes}
            above: dict[str, list[str]] = {}
            for up, low in d.links:
                if up in names:
                    above.setdefault(low, []).append(names[up])
            rows = [[c.Cell(b.name, "head" if b.tier in ("ministry", "agency", "government", "lead") else "text"),
                     c.Cell(b.role), c.Cell(", ".join(above.get(b.key, [])) or "–")] for b in d.boxes]
            self.table(c.Table(rows, [None, 40, None], header_rows=0, caption=caption, unit=unit))

    def fingerprint(self, fp: c.Fingerprint) -> None:
        rows = [[c.Cell(fp.number_label, "label"), c.Cell(fp.number)], [c.Cell("SHA-256", "label"), c.Cell(fp.digest)]]
        self.table(c.Table(rows, [45, None], header_rows=0))
        self.para(fp.sentence, "fingerprint")


def _unit(mm: float) -> int:
    """``mm`` millimetres in HWPUNIT."""
    return round(mm * _MM)


def _readable(date: str, lang: str) -> str:
    """The readable date of the properties: ``2026년 3월 2일 월요일`` as Hancom Office writes it in
    a Korean document, the ISO date in an English one."""
    if not date or lang != "ko":
        return date
    import datetime as dt

    day = dt.date.fromisoformat(date)
    return f"{day.year}년 {day.month}월 {day.day}일 {_WEEKDAYS[day.weekday()]}요일"


def _in_unit(value: int, unit_won: int, lang: str) -> str:
    """A chart's figure in the chart's unit (천원), exact, as the packet's tables write amounts."""
    try:
        unit = EntryUnit(unit_won)
    except ValueError:
        unit = EntryUnit.WON
    return format_in_unit(value, unit, lang, decimals_needed([value], unit))


@contextlib.contextmanager
def _fixed_ids() -> Iterator[None]:
    """python-hwpx numbers new paragraphs, tables, headers and footers from ``uuid4``; its
    ``hwpx.oxml._document_impl.uuid4`` seam takes a stand-in. Here each id is drawn from a hash of
    a counter, so the same document gets the same ids (and so the same bytes) every time."""
    from hwpx.oxml import _document_impl

    counter = itertools.count(1)

    def next_id() -> uuid.UUID:
        return uuid.UUID(bytes=hashlib.sha256(str(next(counter)).encode()).digest()[:16], version=4)

    before = _document_impl.uuid4
    _document_impl.uuid4 = next_id
    try:
        yield
    finally:
        _document_impl.uuid4 = before


def render(doc: c.Document) -> bytes:
    """The description ``doc`` as the bytes of an ``.hwpx`` file."""
    with _LOCK, _fixed_ids():
        return HwpxRenderer(doc).render()
