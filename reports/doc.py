"""The page machinery of the PDF: A4 page templates (cover, body) with the margins of an official
document, the footer with the page number and the document confirmation number, the diagonal
draft mark, headings that feed the table of contents and the PDF outline, and a deterministic
build into bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from reports.fonts import GOTHIC, GOTHIC_BOLD, drawn, register
from reports.styles import (
    DRAFT,
    FOOTER_Y,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    RULE,
    Styles,
)


@dataclass
class PageInfo:
    """What every page's frame shows: the footer label, and the draft mark on a draft."""

    footer_label: str  # e.g. "문서확인번호 3f2a-9c01-b7e4"
    draft: bool
    draft_mark: str  # "초안 / DRAFT"
    has_cover: bool = True
    #: The face of the page number and the footer label (NanumGothic; Noto Sans in English).
    face: str = GOTHIC


class Heading(Paragraph):
    """A section heading: goes into the table of contents and the PDF outline.

    ``text`` is Paragraph markup (already escaped); ``outline`` the same words as plain text.
    """

    def __init__(self, text: str, style, level: int, key: str, outline: str) -> None:  # noqa: ANN001
        super().__init__(text, style)
        self.markup = text
        self.level = level
        self.key = key
        self.outline = outline


class Contents(Flowable):
    """The table of contents, laid out in a single pass.

    The entries (the story's headings) are known before the build and every entry takes its
    place whatever its page number, so the page is laid out at once and drawn as a form that is
    filled in once the last page is known: no second layout pass.
    """

    FORM = "contents"

    def __init__(self, headings: list[Heading], styles: Styles, form: str = FORM) -> None:
        super().__init__()
        self.headings = headings
        self.depth = 1
        self.styles = styles
        self.pages: dict[str, int] = {}
        self.form = form
        #: When the contents run over pages: the parts it was split into, each drawn on its page.
        self._parts: list[Contents] = []
        self._rows: list[tuple[Paragraph, float, int]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._width = aw
        self._rows = []
        total = 0.0
        for h in self.headings:
            style = self.styles.toc_levels[min(h.level, 1)]
            para = Paragraph(h.markup, style)
            _w, height = para.wrap(aw - style.leftIndent - 48, ah)
            self._rows.append((para, height, h.level))
            total += height
        self.height = total
        return aw, total

    def split(self, aw: float, ah: float) -> list[Contents]:
        """Contents longer than a page go on over the next: the entries that fit, then the rest."""
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]
        used, n = 0.0, 0
        for _para, height, _level in self._rows:
            if used + height > ah:
                break
            used, n = used + height, n + 1
        if not n:
            return []
        self._parts = [Contents(self.headings[:n], self.styles, f"{self.form}.1"),
                       Contents(self.headings[n:], self.styles, f"{self.form}.2")]
        for part in self._parts:
            part.pages = self.pages
            part.depth = self.depth
        return list(self._parts)

    def draw(self) -> None:
        self.canv.doForm(self.form)

    def draw_form(self, canv) -> None:  # noqa: ANN001
        """Called after the last page: draw the entries with their page numbers into the form."""
        if self._parts:
            for part in self._parts:
                part.draw_form(canv)
            return
        canv.beginForm(self.form)
        origin = self._frame_origin
        y = origin[1] + self.height
        for (para, height, level), h in zip(self._rows, self.headings, strict=True):
            style = self.styles.toc_levels[min(level, 1)]
            y -= height
            x = origin[0] + style.leftIndent
            para.drawOn(canv, x, y)
            number = str(self.pages.get(h.key, ""))
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            base = y + (style.leading - style.fontSize) / 2 + 1
            right = origin[0] + self._width
            canv.drawRightString(right, base, number)
            widths = para.getActualLineWidths0() or [0]
            start = x + widths[-1] + 6
            end = right - canv.stringWidth(number, style.fontName, style.fontSize) - 6
            if end > start:
                canv.saveState()
                canv.setStrokeColor(RULE)
                canv.setLineWidth(0.6)
                canv.setDash(0.6, 3)
                canv.line(start, base + 1, end, base + 1)
                canv.restoreState()
        canv.endForm()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 - ReportLab's names
        # The form is drawn in page coordinates: remember where the flowable sits on its page.
        self._frame_origin = (x, y)
        canvas.saveState()
        self.canv = canvas
        self.draw()
        del self.canv
        canvas.restoreState()


class PacketTemplate(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, info: PageInfo, meta: dict[str, str]) -> None:
        register()
        super().__init__(
            buffer, pagesize=PAGE, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, invariant=1, pageCompression=1, title=meta["title"],
            author=meta["author"], subject=meta["subject"], creator=meta["creator"], producer=meta["creator"],
            keywords=meta.get("keywords", ""), lang=meta["lang"], displayDocTitle=1, initialFontName=GOTHIC,
        )
        self.info = info
        #: When the document says it was made and last changed: the proposal's own date (never the clock's).
        self.epoch = _epoch(meta.get("date", ""))
        self.contents: Contents | None = None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = PageTemplate(id="body", frames=[frame], onPage=self._body_page)
        cover = PageTemplate(id="cover", frames=[frame], onPage=self._cover_page)
        self.addPageTemplates([cover, body] if info.has_cover else [body, cover])

    def _makeCanvas(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202, N802 - ReportLab's hook
        # ReportLab dates an invariant document (its CreationDate and ModDate) from SOURCE_DATE_EPOCH
        # when it is set, else 2000-01-01: it is set to the proposal's date while the canvas is made, so
        # the same proposal gives the same bytes whatever the environment says.
        with _ENVIRONMENT, _set("SOURCE_DATE_EPOCH", self.epoch):
            return super()._makeCanvas(*args, **kwargs)

    # -- page furniture ------------------------------------------------------------------------
    def _draft(self, canvas) -> None:  # noqa: ANN001
        if not self.info.draft:
            return
        canvas.saveState()
        canvas.setFillColor(DRAFT)
        canvas.setFillAlpha(0.14)
        canvas.setFont(GOTHIC_BOLD, 64)
        canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -20, self.info.draft_mark)
        canvas.restoreState()

    def _footer(self, canvas, numbered: bool) -> None:  # noqa: ANN001
        canvas.saveState()
        y = FOOTER_Y
        if numbered:
            canvas.setFont(self.info.face, 10)
            canvas.setFillColor(RULE)
            canvas.drawCentredString(PAGE[0] / 2, y, f"- {canvas.getPageNumber()} -")
        face, label = drawn(self.info.footer_label, self.info.face)
        canvas.setFont(face, 7)
        canvas.setFillColor(RULE)
        canvas.drawRightString(PAGE[0] - MARGIN_RIGHT, y, label)
        if self.info.draft:
            canvas.setFillColor(DRAFT)
            canvas.setFont(GOTHIC_BOLD, 8)
            canvas.drawString(MARGIN_LEFT, y, self.info.draft_mark)
        canvas.restoreState()

    def _cover_page(self, canvas, doc) -> None:  # noqa: ANN001
        self._draft(canvas)
        self._footer(canvas, numbered=False)

    def _body_page(self, canvas, doc) -> None:  # noqa: ANN001
        self._draft(canvas)
        self._footer(canvas, numbered=True)

    # -- table of contents and outline ---------------------------------------------------------
    def afterFlowable(self, flowable) -> None:  # noqa: ANN001, N802 - ReportLab's hook name
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline, flowable.key, level=flowable.level, closed=False)
            if self.contents is not None:
                self.contents.pages[flowable.key] = self.page

    def canvas_maker(self) -> type[Canvas]:
        """The canvas class for ``build``: when the build saves it, after the last page, the
        contents form is filled in with the page numbers now known and the outline is shown
        (the public ``Canvas.save``, instead of the template's private end-of-build hook)."""
        doc = self

        class PacketCanvas(Canvas):
            def save(self) -> None:
                if doc.contents is not None:
                    doc.contents.draw_form(self)
                self.showOutline()  # open with the bookmarks shown
                super().save()

        return PacketCanvas


_ENVIRONMENT = threading.Lock()


def _epoch(day: str) -> str | None:
    """Seconds from 1970 to the start of ``day`` (``2026-03-15``) in UTC, as SOURCE_DATE_EPOCH says
    them; None without a date."""
    try:
        when = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), dt.UTC)
    except (TypeError, ValueError):
        return None
    return str(int(when.timestamp()))


@contextlib.contextmanager
def _set(name: str, value: str | None) -> Iterator[None]:
    """The environment variable ``name`` set to ``value`` (or unset, for None), then as it was."""
    saved = os.environ.pop(name, None)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        os.environ.pop(name, None)
        if saved is not None:
            os.environ[name] = saved


def plain_meta(text: str) -> str:
    """Document information as a PDF viewer's title bar shows it: control characters become
    spaces, invisible format characters (a right-to-left override, U+202E) are dropped."""
    kept = (" " if unicodedata.category(ch) == "Cc" else ch for ch in text
            if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn"))
    return " ".join("".join(kept).split())


def build(story: list, info: PageInfo, meta: dict[str, str]) -> bytes:
    """Lay the story out in one pass and return the PDF."""
    buffer = io.BytesIO()
    meta = {key: plain_meta(value) if isinstance(value, str) else value for key, value in meta.items()}
    doc = PacketTemplate(buffer, info, meta)
    doc.contents = next((f for f in story if isinstance(f, Contents)), None)
    doc.build(story, canvasmaker=doc.canvas_maker())
    return buffer.getvalue()
