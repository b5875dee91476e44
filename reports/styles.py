"""One stylesheet of named paragraph styles, after Korean official-document conventions:
Myeongjo body with about 160 % line spacing, heavy Gothic headings, Gothic notes and tables (in an
English packet, Noto Serif and Noto Sans in their places)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from reports import content
from reports.fonts import GOTHIC, GOTHIC_BOLD, MYEONGJO, face, register

PAGE = A4
# The margins of an official document (reports.content, which the HWPX copy reads too); the
# footer (page number, document confirmation number) sits in the bottom margin, at FOOTER_Y.
MARGIN_LEFT = content.MARGIN_LEFT_MM * mm
MARGIN_RIGHT = content.MARGIN_RIGHT_MM * mm
MARGIN_TOP = content.MARGIN_TOP_MM * mm
MARGIN_BOTTOM = content.MARGIN_BOTTOM_MM * mm
FOOTER_Y = content.FOOTER_MM * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#e8ecf2")
TOTAL_FILL = colors.HexColor("#f3f3f3")
ACCENT = colors.HexColor("#1f3a68")
DRAFT = colors.HexColor("#c0392b")

BODY_SIZE = 15
#: Table text is 9 pt; a cell with a word wider than its column is set a step or two smaller
#: (8.5 or 8 pt) before the word is split (``reports.pdf.CELL_SIZES``).
TABLE_SIZE = 9


class Styles:
    """The named styles for one packet language.

    Korean wraps between words (어절), as the word processors officials use do: a word is split
    only when it alone is wider than the line (ReportLab's ``splitLongWords``)."""

    def __init__(self, lang: str) -> None:
        wrap = None
        self.lang = lang
        # The faces of the packet's language: Nanum in Korean, their Latin partners in English.
        gothic, bold, myeongjo = (face(name, lang) for name in (GOTHIC, GOTHIC_BOLD, MYEONGJO))
        register(gothic, bold, myeongjo)
        self.gothic, self.gothic_bold = gothic, bold

        def style(name: str, **kw: object) -> ParagraphStyle:
            # A paragraph keeps at least two lines together at a page's foot and top: neither its
            # first line alone at the foot (an orphan) nor its last alone at the top (a widow).
            base = {"fontName": myeongjo, "fontSize": BODY_SIZE, "leading": BODY_SIZE * 1.6,
                    "textColor": INK, "wordWrap": wrap, "alignment": TA_LEFT, "allowWidows": 0, "allowOrphans": 0}
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body", spaceAfter=4)
        self.bullets = [
            style(f"bullet{i}", leftIndent=indent + hang, firstLineIndent=-hang, spaceBefore=before,
                  spaceAfter=2, fontName=bold if i == 0 else myeongjo)
            for i, (indent, hang, before) in enumerate(((0, 17, 6), (15, 16, 2), (31, 11, 0), (44, 10, 0)))
        ]
        self.h1 = style("h1", fontName=bold, fontSize=18, leading=26, spaceBefore=10, spaceAfter=8,
                        textColor=ACCENT)
        self.h2 = style("h2", fontName=bold, fontSize=15, leading=22, spaceBefore=8, spaceAfter=5)
        self.h3 = style("h3", fontName=bold, fontSize=13, leading=19, spaceBefore=6, spaceAfter=4)
        self.caption = style("caption", fontName=bold, fontSize=10, leading=13, spaceAfter=2)
        self.note = style("note", fontName=gothic, fontSize=9, leading=13, textColor=RULE, spaceBefore=3)
        self.unit = style("unit", fontName=gothic, fontSize=9, leading=12, alignment=TA_RIGHT, spaceAfter=2)
        self.cell = style("cell", fontName=gothic, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35)
        self.cell_bold = style("cell_bold", fontName=bold, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35)
        # Headers wrap between words: "기관부담금(현금)" never splits inside a word.
        self.cell_head = style("cell_head", fontName=bold, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35,
                               alignment=TA_CENTER, wordWrap=None)
        # in a column too narrow for a word even a step or two smaller, it breaks after a hyphen it has
        # ("Gyeongsangbuk-" / "do"); a cell whose words fit is set without (``PdfRenderer.cell_style``)
        if lang == "en":
            for cell in (self.cell, self.cell_bold, self.cell_head):
                cell.embeddedHyphenation = 1
        self.cell_num = style("cell_num", fontName=gothic, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.35,
                              alignment=TA_RIGHT)
        self.cell_num_bold = style("cell_num_bold", fontName=bold, fontSize=TABLE_SIZE,
                                   leading=TABLE_SIZE * 1.35, alignment=TA_RIGHT)
        self.statement = style("statement", fontName=myeongjo, fontSize=11.5, leading=18.5, spaceBefore=4,
                               spaceAfter=4)
        self.words = style("words", fontName=bold, fontSize=11.5, leading=18, spaceBefore=6)
        self.end = style("end", fontName=myeongjo, spaceBefore=10)
        self.toc_title = style("toc_title", fontName=bold, fontSize=20, leading=28, alignment=TA_CENTER,
                               spaceAfter=18)
        self.toc_levels = [
            style("toc0", fontName=bold, fontSize=12, leading=20, leftIndent=0, firstLineIndent=0),
            style("toc1", fontName=gothic, fontSize=10.5, leading=16, leftIndent=18, firstLineIndent=0),
        ]
        # Cover
        self.cover_call = style("cover_call", fontName=bold, fontSize=15, leading=22, alignment=TA_CENTER)
        self.cover_kind = style("cover_kind", fontName=gothic, fontSize=12, leading=18, alignment=TA_CENTER,
                                textColor=RULE)
        self.cover_title = style("cover_title", fontName=bold, fontSize=22, leading=32, alignment=TA_CENTER)
        self.cover_sub = style("cover_sub", fontName=myeongjo, fontSize=12, leading=18, alignment=TA_CENTER)
        self.cover_date = style("cover_date", fontName=bold, fontSize=16, leading=24, alignment=TA_CENTER)
        self.cover_draft = style("cover_draft", fontName=bold, fontSize=14, leading=20, alignment=TA_CENTER,
                                 textColor=DRAFT)
        self.seal = style("seal", fontName=bold, fontSize=14, leading=20, alignment=TA_CENTER)
        self.seal_mark = style("seal_mark", fontName=gothic, fontSize=9, leading=12, alignment=TA_CENTER,
                               textColor=RULE)
        self.fingerprint = style("fingerprint", fontName=bold, fontSize=11, leading=17, alignment=TA_CENTER,
                                 wordWrap=None)
