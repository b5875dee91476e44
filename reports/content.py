"""One description of a document the app writes for people, free of any output format.

The packet (and the validation report) is first built as a :class:`Document`: chapters, headings
with levels, paragraphs, tables with header rows, merged cells, unit labels and notes, drawn
figures, seal boxes, attachments and page breaks. Each output format lays the same description
out (``reports.pdf`` for the PDF), so the formats cannot drift apart.

Everything here is plain data: text is plain text (never markup; a renderer escapes it), sizes
are millimetres, amounts are already formatted strings — the description decides *what* is
printed, a renderer only *how*. No ReportLab (or any other format library) type appears here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: What every page of a draft says, in either language (the PDF's and the HWPX copy's footers, the
#: workbook's sheets).
DRAFT_MARK = "초안 / DRAFT"

#: The margins of an official document on A4, in millimetres: top 30, left 20, right 15, bottom 15.
#: The footer (page number, document confirmation number, draft mark) sits in the bottom margin,
#: ``FOOTER_MM`` above the foot of the page. The PDF and the HWPX copy both take them from here.
MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 20, 15, 30, 15
FOOTER_MM = 7
PAGE_WIDTH_MM = 210

#: Paragraph roles: each renderer maps a role to its own style.
#: body: the plan's prose; bullet0..bullet3: the □ ○ - · levels; statement: a generated sentence;
#: note: a small remark under a table; words: an amount in words; end: the closing "끝." (see :class:`Enclosures`);
#: title/subtitle/date/to: the large centred lines of a cover or an attachment; draft: the draft notice.
ParaRole = Literal["body", "bullet0", "bullet1", "bullet2", "bullet3", "statement", "note", "words", "end",
                   "title", "subtitle", "date", "to", "draft", "centre", "fingerprint"]
#: Cell roles: text (left), head (centred, bold, shaded), num (right-aligned figure),
#: total/total_num (bold on a shaded total row), label (a row's bold left label), code (left, one
#: word never broken over lines, as a figure: a rule code such as ``budget.local_match_min``).
CellRole = Literal["text", "head", "num", "total", "total_num", "label", "code"]


@dataclass
class Heading:
    """A heading of ``level`` 0 (a chapter: ``1.``), 1 (``가.`` / ``1.1``) or 2 (``1)``).

    ``number`` is printed before ``text`` (``"1."``, ``"가."``, ``"00"``); ``key`` is the stable
    anchor of the contents, the outline and links. A heading is always kept with what follows.
    """

    text: str
    level: int
    key: str
    number: str = ""
    #: Start on a new page (chapters of the form and attachments do).
    new_page: bool = False

    @property
    def shown(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class Para:
    text: str
    role: ParaRole = "body"
    #: Where the text comes from in the proposal (for reporting unprintable characters), or "".
    where: str = ""


@dataclass
class Cell:
    text: str = ""
    role: CellRole = "text"
    #: How many columns / rows this cell covers (the cells it covers are ``None`` in the rows).
    colspan: int = 1
    rowspan: int = 1
    where: str = ""


@dataclass
class Table:
    """A table: ``header_rows`` rows repeat on every page the table runs on.

    ``widths`` are millimetres, or ``None`` for an equal share of what is left of the frame.
    ``unit`` (``"(단위: 천원)"``) stands above the table, right-aligned, and repeats with the
    header on a continuation; ``caption`` stands above it and is kept with it; ``notes`` follow.
    ``total_rows`` at the end are shaded. A cell may hold several lines (``\\n``).
    """

    rows: list[list[Cell | None]]
    widths: list[float | None]
    header_rows: int = 1
    caption: str = ""
    unit: str = ""
    notes: list[str] = field(default_factory=list)
    total_rows: int = 0
    #: "grid" (ruled) or "plain" (no rules: a label/value layout such as a letter's details).
    frame: Literal["grid", "plain", "facts"] = "grid"


@dataclass
class BarChart:
    """Stacked bars: one bar per category (year), one stack per series (source)."""

    categories: list[str]
    series: list[tuple[str, list[int]]]  # (legend name, values in won per category)
    #: The unit the amounts are written in (the packet's: 1,000 for 천원), its value in won.
    unit_won: int
    #: The axis' step between two ticks, in won, and a formatter's output per tick.
    step_won: int = 0
    tick_labels: dict[int, str] = field(default_factory=dict)
    height: float = 78.0


@dataclass
class Schedule:
    """A schedule chart (수행일정): tasks as rows, months as columns, bars drawn, not typed."""

    months: list[str]  # each month named whole ("2023.7", "Jul 2023"): an edited copy's column heads
    tasks: list[tuple[str, int, int]]  # (name, first month index, last month index), inclusive
    height: float = 0.0
    #: The drawn heading's two rows: each year with the number of months it spans, and each month's
    #: number ("7"), so that a month is named inside its own column.
    years: list[tuple[str, int]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


#: Where a box of the organisation chart stands: the ministry and its managing agency, the applicant
#: governments, the lead organisation, a participant, a commissioned organisation.
OrgTier = Literal["ministry", "agency", "government", "lead", "participant", "commissioned"]


@dataclass
class OrgBox:
    """One box of the organisation chart: a name and, under it, what it is in the project."""

    key: str
    name: str
    role: str
    tier: OrgTier


@dataclass
class OrgChart:
    """The project's organisation chart (추진체계도): the ministry over its managing agency; the agency
    and the applicant governments (which fund and oversee it) over the lead organisation; the
    participants under the lead; each commissioned organisation under the one that commissions it."""

    boxes: list[OrgBox]
    links: list[tuple[str, str]]  # (upper box's key, lower box's key)


@dataclass
class Figure:
    """A drawn figure with an optional caption, kept with its caption and unit label."""

    drawing: BarChart | Schedule | OrgChart
    caption: str = ""
    unit: str = ""


@dataclass
class SealBox:
    """Who signs (``이름 (인)``): one line per signer, the seal's place beside the last character."""

    signers: list[str]
    mark: str = "(인)"
    #: The name of the empty signature field laid over the seal's box (a region's code, ``KR-47``), in
    #: which that signer signs the PDF digitally; "" for none (a draft, an organisation's letter).
    field: str = ""


@dataclass
class Fingerprint:
    """The box at the end of the main document: the document confirmation number, the full SHA-256
    and its QR code, with the sentence that says what it certifies."""

    digest: str
    number_label: str  # "문서확인번호" / "Document confirmation number"
    number: str
    sentence: str


@dataclass
class Scan:
    """Pages of a scanned document (PDF, PNG or JPEG bytes) placed as they are, one page each."""

    media_type: str
    data: bytes
    name: str = ""
    ident: str = ""  # the attachment's id, to name it when it cannot be placed


@dataclass
class Enclosures:
    """The end of a document's body, as an official document writes it: the attachments listed at
    the left margin after ``label`` (``붙임  1. … 1부.``, the next items under ``1.``), and ``end``
    (``끝.``) two spaces after the last item's full stop; with no item, ``end`` alone at the left."""

    label: str  # "붙임" / "Attachments:"
    items: list[str]  # "1. 지방비 부담 확약서 (경상북도) 1부."
    end: str  # "끝." / "End."

    def lines(self) -> list[str]:
        """The items as printed, the last one followed by the end mark."""
        if not self.items:
            return [self.end]
        return [*self.items[:-1], f"{self.items[-1]}{ENCLOSURE_GAP}{self.end}"]


#: Between the last item's full stop and ``끝.``, and between ``붙임`` and the first item: two spaces.
ENCLOSURE_GAP = "\u00a0\u00a0"


@dataclass
class PageBreak:
    pass


@dataclass
class Contents:
    """The table of contents: every heading of the document up to ``depth``, with its page."""

    title: str
    depth: int = 1


@dataclass
class Cover:
    """The cover: the call, the project type, the form's name for the document, the title, the
    facts, the project cost by source, the sentence that submits it, the date, the seals and the
    addressee."""

    call: str
    kind: str
    document: str
    title: str
    facts: list[tuple[str, str]]
    date: str
    seals: list[str]
    seal_mark: str
    to: str
    draft: str = ""
    cost: Table | None = None
    submission: str = ""


Block = Heading | Para | Table | Figure | SealBox | Fingerprint | Scan | PageBreak | Contents | Enclosures


@dataclass
class Attachment:
    """An attachment (붙임): its own pages, listed in the contents and bookmarked; the page numbers
    run on from the main document."""

    title: str
    key: str
    number: str  # "붙임 1" / "Attachment 1"
    blocks: list[Block]

    def heading(self) -> Heading:
        return Heading(self.title, 0, self.key, self.number, new_page=True)


@dataclass
class Document:
    """A whole document: the cover (if any), the main blocks, then the attachments in order, then
    the annex.

    ``footer`` is the short text in every footer (the document confirmation number);
    ``draft`` the mark of a draft on every page (empty for a final document). ``annex`` is what
    follows the attachments and is no part of what is submitted: a draft's validation report.
    """

    lang: str
    title: str
    blocks: list[Block]
    attachments: list[Attachment] = field(default_factory=list)
    annex: list[Block] = field(default_factory=list)
    cover: Cover | None = None
    footer: str = ""
    draft: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def headings(self, depth: int = 1) -> list[Heading]:
        """The headings of the main document and of every attachment, in order."""
        return [b for b in self.all_blocks() if isinstance(b, Heading) and b.level <= depth]

    def all_blocks(self) -> list[Block]:
        """The main blocks, then each attachment's heading and blocks, then the annex."""
        out = list(self.blocks)
        for a in self.attachments:
            out.append(a.heading())
            out += a.blocks
        return out + self.annex

    def text(self) -> str:
        """Every word the document prints, in order (for search, tests and a text export)."""
        out: list[str] = []
        if self.cover:
            c = self.cover
            out += [c.call, c.kind, c.document, c.title, *(f"{a} {b}" for a, b in c.facts)]
            if c.cost is not None:
                out += _table_text(c.cost)
            out += [c.submission, c.date, *c.seals, c.to]
        for b in self.all_blocks():
            if isinstance(b, Heading):
                out.append(b.shown)
            elif isinstance(b, Para):
                out.append(b.text)
            elif isinstance(b, Table):
                out += _table_text(b)
            elif isinstance(b, SealBox):
                out += b.signers
            elif isinstance(b, Enclosures):
                out += [b.label, *b.lines()]
        return "\n".join(t for t in out if t)


def _table_text(t: Table) -> list[str]:
    return [t.caption, t.unit, *(c.text for row in t.rows for c in row if c is not None), *t.notes]
