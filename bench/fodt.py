"""The packet's content as a flat OpenDocument text file (``.fodt``), for the LibreOffice comparison
of ``bench_reports``: the same description the PDF and the HWPX copy are laid out from
(``reports.content``), with the same choices as the HWPX copy — a Myeongjo body at 160 % line
spacing, Gothic headings and tables with their merged cells and repeated header rows, the figures
as tables of their figures, a scan named rather than copied, the contents without page numbers.

Only the bench uses it: the app does not write OpenDocument.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reports import content as c
from reports.hwpx import FRAME_MM, _in_unit

BODY, GOTHIC = "NanumMyeongjo", "NanumGothic"
#: Paragraph roles as (face, size in points, bold, alignment, line height %), as in the HWPX copy.
_ROLES: dict[str, tuple[str, float, bool, str, int]] = {
    "body": (BODY, 12, False, "justify", 160), "statement": (BODY, 12, False, "justify", 160),
    "bullet0": (BODY, 12, False, "justify", 160), "bullet1": (BODY, 12, False, "justify", 160),
    "bullet2": (BODY, 11, False, "justify", 160), "bullet3": (BODY, 11, False, "justify", 160),
    "note": (GOTHIC, 9, False, "start", 140), "words": (BODY, 11, False, "start", 150),
    "end": (BODY, 12, False, "start", 160), "title": (GOTHIC, 22, True, "center", 140),
    "subtitle": (GOTHIC, 15, True, "center", 140), "date": (BODY, 14, False, "center", 160),
    "to": (GOTHIC, 16, True, "center", 160), "draft": (GOTHIC, 12, True, "center", 140),
    "centre": (GOTHIC, 14, False, "center", 150), "fingerprint": (GOTHIC, 9, False, "start", 140),
    "caption": (GOTHIC, 10, True, "start", 130), "unit": (GOTHIC, 9, False, "end", 130),
    "contents": (BODY, 12, False, "start", 160), "h0": (GOTHIC, 16, True, "start", 140),
    "h1": (GOTHIC, 14, True, "start", 140), "h2": (GOTHIC, 12, True, "start", 140),
    "cell": (GOTHIC, 9.5, False, "start", 130), "cell_head": (GOTHIC, 9.5, True, "center", 130),
    "cell_num": (GOTHIC, 9.5, False, "end", 130), "cell_total": (GOTHIC, 9.5, True, "center", 130),
    "cell_total_num": (GOTHIC, 9.5, True, "end", 130), "cell_label": (GOTHIC, 9.5, True, "start", 130),
}
_INDENT_MM = {"bullet0": 0, "bullet1": 4, "bullet2": 8, "bullet3": 12}
_NS = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{v}"' for k, v in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("table", "table:1.0"),
    ("fo", "xsl-fo-compatible:1.0"), ("svg", "svg-compatible:1.0")))


def _style(name: str, face: str, size: float, bold: bool, align: str, height: int, extra: str = "") -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties '
            f'fo:text-align="{align}" fo:line-height="{height}%"{extra}/><style:text-properties '
            f'style:font-name="{face}" style:font-name-asian="{face}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"{weight}/></style:style>')


class Writer:
    def __init__(self, doc: c.Document) -> None:
        self.doc = doc
        self.out: list[str] = []
        self.tables = 0
        self._break = False

    def para(self, text: str, role: str) -> None:
        name = role if role in _ROLES else "body"
        if self._break:
            name, self._break = name + "_break", False
        tag = "text:h" if role.startswith("h") and role[1:].isdigit() else "text:p"
        level = f' text:outline-level="{int(role[1:]) + 1}"' if tag == "text:h" else ""
        self.out.append(f'<{tag} text:style-name="{name}"{level}>{escape(text)}</{tag}>')

    def block(self, b: c.Block) -> None:
        if isinstance(b, c.Heading):
            self._break = self._break or b.new_page
            self.para(b.shown, f"h{min(b.level, 2)}")
        elif isinstance(b, c.Para):
            self.para(b.text, b.role)
        elif isinstance(b, c.Table):
            self.table(b)
        elif isinstance(b, c.Figure):
            self.figure(b)
        elif isinstance(b, c.SealBox):
            self.seals(b.signers, b.mark)
        elif isinstance(b, c.Fingerprint):
            rows = [[c.Cell(b.number_label, "label"), c.Cell(b.number)], [c.Cell("SHA-256", "label"), c.Cell(b.digest)]]
            self.table(c.Table(rows, [45, None], header_rows=0))
            self.para(b.sentence, "fingerprint")
        elif isinstance(b, c.PageBreak):
            self._break = True
        elif isinstance(b, c.Contents):
            self.para(b.title, "h0")
            for h in self.doc.headings(b.depth):
                self.para(("    " * h.level) + h.shown, "contents")
            self._break = True
        elif isinstance(b, c.Scan):
            self.para(f"[{b.name or b.media_type}]", "note")
        else:
            raise TypeError(f"no OpenDocument layout for {type(b).__name__}")

    def cover(self, cv: c.Cover) -> None:
        if cv.draft:
            self.para(cv.draft, "draft")
        self.para(cv.call, "centre")
        self.para(cv.kind, "centre")
        self.para(cv.document, "subtitle")
        self.para(cv.title, "title")
        if cv.facts:
            self.table(c.Table([[c.Cell(k, "label"), c.Cell(v)] for k, v in cv.facts], [45, None], header_rows=0))
        self.para(cv.date, "date")
        self.seals(cv.seals, cv.seal_mark)
        self.para(cv.to, "to")
        self._break = True

    def seals(self, signers: list[str], mark: str) -> None:
        if signers:
            self.table(c.Table([[c.Cell(s, "label"), c.Cell(mark, "head")] for s in signers], [FRAME_MM - 30, 30],
                               header_rows=0))

    def figure(self, f: c.Figure) -> None:
        d = f.drawing
        if isinstance(d, c.BarChart):
            rows = [[c.Cell("", "head"), *(c.Cell(cat, "head") for cat in d.categories)]]
            rows += [[c.Cell(name, "label"), *(c.Cell(_in_unit(v, d.unit_won, self.doc.lang), "num") for v in values)]
                     for name, values in d.series]
            self.table(c.Table(rows, [45] + [None] * len(d.categories), caption=f.caption, unit=f.unit))
        elif isinstance(d, c.Schedule):
            rows = [[c.Cell("", "head"), *(c.Cell(m, "head") for m in d.months)]]
            rows += [[c.Cell(name), *(c.Cell("■" if first <= i <= last else "", "head") for i in range(len(d.months)))]
                     for name, first, last in d.tasks]
            self.table(c.Table(rows, [50] + [None] * len(d.months), caption=f.caption, unit=f.unit))
        elif isinstance(d, c.OrgChart):
            rows = [[c.Cell(d.top[0], "head"), c.Cell(d.top[1], "head")]]
            rows += [[c.Cell(n), c.Cell(role)] for n, role in [*d.members, *d.below]]
            self.table(c.Table(rows, [None, 50], caption=f.caption, unit=f.unit))

    def table(self, t: c.Table) -> None:
        if not t.rows:
            return
        if t.caption:
            self.para(t.caption, "caption")
        if t.unit:
            self.para(t.unit, "unit")
        if self._break:  # as in the HWPX copy: an empty line carries the break before a table
            self.para("", "body")
        ncols = max(len(r) for r in t.rows)
        given = [w for w in t.widths[:ncols] if w]
        free = ncols - len(given)
        share = max((FRAME_MM - sum(given)) / free, 8.0) if free else 0.0
        widths = [w or share for w in t.widths[:ncols]] + [share] * (ncols - len(t.widths[:ncols]))
        scale = min(1.0, FRAME_MM / sum(widths))
        self.tables += 1
        name = f"Table{self.tables}"
        out = [f'<table:table table:name="{name}" table:style-name="table">']
        for i, w in enumerate(widths):
            self.columns.append(f'<style:style style:name="{name}.{i}" style:family="table-column">'
                                f'<style:table-column-properties style:column-width="{w * scale:.2f}mm"/></style:style>')
            out.append(f'<table:table-column table:style-name="{name}.{i}"/>')
        header = min(t.header_rows, len(t.rows))
        for r, row in enumerate(t.rows):
            if r == 0 and header:
                out.append("<table:table-header-rows>")
            out.append("<table:table-row>")
            for cell in row[:ncols]:
                if cell is None:
                    out.append("<table:covered-table-cell/>")
                    continue
                role = "head" if r < header and cell.role == "text" else cell.role
                shaded = role == "head" or r >= len(t.rows) - t.total_rows
                style = ("shaded" if shaded else "cell") if t.frame == "grid" else "plain"
                span = ""
                if cell.colspan > 1:
                    span += f' table:number-columns-spanned="{cell.colspan}"'
                if cell.rowspan > 1:
                    span += f' table:number-rows-spanned="{cell.rowspan}"'
                para = "cell" if role == "text" else f"cell_{role}"
                out.append(f'<table:table-cell table:style-name="{style}"{span} office:value-type="string">'
                           f'<text:p text:style-name="{para}">{escape(cell.text)}</text:p></table:table-cell>')
            out += ['<table:covered-table-cell/>'] * (ncols - len(row))
            out.append("</table:table-row>")
            if r == header - 1:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        self.out += out
        for note in t.notes:
            self.para(note, "note")

    def render(self) -> str:
        self.columns: list[str] = []
        d = self.doc
        if d.cover is not None:
            self.cover(d.cover)
        for block in d.blocks:
            self.block(block)
        for attachment in d.attachments:
            self.block(attachment.heading())
            for block in attachment.blocks:
                self.block(block)
        styles = []
        for role, (face, size, bold, align, height) in _ROLES.items():
            indent = f' fo:margin-left="{_INDENT_MM[role]}mm"' if role in _INDENT_MM else ""
            keep = ' fo:keep-with-next="always"' if role.startswith("h") or role in ("caption", "unit") else ""
            styles.append(_style(role, face, size, bold, align, height, indent + keep))
            styles.append(_style(role + "_break", face, size, bold, align, height, indent + keep + ' fo:break-before="page"'))
        head = " · ".join(t for t in (d.draft, d.footer) if t)
        border = 'fo:border="0.5pt solid #000000" fo:padding="0.8mm"'
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">'
            f'<office:meta><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">{escape(d.title)}</dc:title></office:meta>'
            f'<office:font-face-decls><style:font-face style:name={quoteattr(BODY)} svg:font-family={quoteattr(BODY)}/>'
            f'<style:font-face style:name={quoteattr(GOTHIC)} svg:font-family={quoteattr(GOTHIC)}/></office:font-face-decls>'
            f'<office:styles>{"".join(styles)}</office:styles>'
            '<office:automatic-styles>'
            '<style:page-layout style:name="page"><style:page-layout-properties fo:page-width="210mm" '
            'fo:page-height="297mm" fo:margin-top="20mm" fo:margin-bottom="15mm" fo:margin-left="20mm" '
            'fo:margin-right="20mm"/></style:page-layout>'
            f'<style:style style:name="table" style:family="table"><style:table-properties style:width="{FRAME_MM}mm" '
            'table:align="center"/></style:style>'
            f'<style:style style:name="cell" style:family="table-cell"><style:table-cell-properties {border}/></style:style>'
            f'<style:style style:name="shaded" style:family="table-cell"><style:table-cell-properties {border} '
            'fo:background-color="#DDE3EA"/></style:style>'
            '<style:style style:name="plain" style:family="table-cell"><style:table-cell-properties fo:padding="0.8mm"/>'
            f'</style:style>{"".join(self.columns)}</office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="page">'
            f'<style:header><text:p text:style-name="note">{escape(head)}</text:p></style:header>'
            '<style:footer><text:p text:style-name="centre">- <text:page-number text:select-page="current"/> -</text:p>'
            '</style:footer></style:master-page></office:master-styles>'
            f'<office:body><office:text>{"".join(self.out)}</office:text></office:body></office:document>\n'
        )


def write(doc: c.Document, path: str) -> None:
    with open(path, "w", encoding="utf-8") as fp:
        fp.write(Writer(doc).render())
