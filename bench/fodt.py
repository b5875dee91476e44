"""The packet's content as a flat OpenDocument text file (``.fodt``), for the LibreOffice comparison
of ``bench_reports``: the same description the PDF and the HWPX copy are laid out from
(``reports.content``), walked by the HWPX copy's renderer (``reports.hwpx``), so with its choices —
a Myeongjo body at 160 % line spacing, Gothic headings and tables with their merged cells and
repeated header rows, the figures as tables of their figures, a scan named rather than copied, the
contents without page numbers. Only how a paragraph and a table are written differs.

Only the bench uses it: the app does not write OpenDocument.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reports import content as c
from reports.hwpx import _CELL_ALIGN, _CELL_BOLD, _HEAD_FILL, _ROLES, CELL_SIZE, FRAME_MM, HwpxRenderer

#: The HWPX copy's faces (Hancom Office's own) stand for the Nanum faces the PDF uses.
FACES = {"함초롬바탕": "NanumMyeongjo", "함초롬돋움": "NanumGothic"}
_ALIGN = {"JUSTIFY": "justify", "LEFT": "start", "CENTER": "center", "RIGHT": "end"}
_INDENT_MM = {"bullet0": 0, "bullet1": 4, "bullet2": 8, "bullet3": 12}
_NS = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{v}"' for k, v in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("table", "table:1.0"),
    ("fo", "xsl-fo-compatible:1.0"), ("svg", "svg-compatible:1.0")))


def _style(name: str, face: str, size: float, bold: bool, align: str, height: int, extra: str = "") -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    face = FACES.get(face, face)
    return (f'<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties '
            f'fo:text-align="{_ALIGN[align]}" fo:line-height="{height}%"{extra}/><style:text-properties '
            f'style:font-name="{face}" style:font-name-asian="{face}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"{weight}/></style:style>')


class Writer(HwpxRenderer):
    def __init__(self, doc: c.Document) -> None:  # no python-hwpx document: the XML is written here
        self.doc = doc
        self.out: list[str] = []
        self.columns: list[str] = []  # the column styles of every table
        self.tables = 0
        self._break = False

    def para(self, text: str, role: str, page_break: bool = False, keep: bool = False,
             indent_mm: float = 0.0) -> None:
        name = role if role in _ROLES else "body"
        if page_break or self._break:
            name, self._break = name + "_break", False
        heading = role.startswith("h") and role[1:].isdigit()
        tag, level = ("text:h", f' text:outline-level="{int(role[1:]) + 1}"') if heading else ("text:p", "")
        self.out.append(f'<{tag} text:style-name="{name}"{level}>{escape(text)}</{tag}>')

    def table(self, t: c.Table) -> None:
        if not t.rows:
            return
        self.before_table(t)
        widths = self.widths(t)
        ncols = len(widths)
        self.tables += 1
        name = f"Table{self.tables}"
        out = [f'<table:table table:name="{name}" table:style-name="table">']
        out += [f'<table:table-column table:style-name="{name}.{i}"/>' for i in range(ncols)]
        self.columns += [f'<style:style style:name="{name}.{i}" style:family="table-column"><style:table-column-'
                         f'properties style:column-width="{w:.2f}mm"/></style:style>' for i, w in enumerate(widths)]
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
                span = f' table:number-columns-spanned="{cell.colspan}"' if cell.colspan > 1 else ""
                span += f' table:number-rows-spanned="{cell.rowspan}"' if cell.rowspan > 1 else ""
                out.append(f'<table:table-cell table:style-name="{style}"{span} office:value-type="string">'
                           f'<text:p text:style-name="cell_{role}">{escape(cell.text)}</text:p></table:table-cell>')
            out += ["<table:covered-table-cell/>"] * (ncols - len(row))
            out.append("</table:table-row>")
            if r == header - 1:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        self.out += out
        for note in t.notes:
            self.para(note, "note")

    def render(self) -> str:  # type: ignore[override] - the text of the file, not an archive
        d = self.doc
        self.walk()
        styles = []
        for role, (face, size, bold, align, height) in _ROLES.items():
            extra = f' fo:margin-left="{_INDENT_MM[role]}mm"' if role in _INDENT_MM else ""
            extra += ' fo:keep-with-next="always"' if role.startswith("h") or role in ("caption", "unit") else ""
            styles.append(_style(role, face, size, bold, align, height, extra))
            styles.append(_style(role + "_break", face, size, bold, align, height, extra + ' fo:break-before="page"'))
        for role, align in _CELL_ALIGN.items():
            styles.append(_style(f"cell_{role}", "함초롬돋움", CELL_SIZE, role in _CELL_BOLD, align, 130))
        head = " · ".join(t for t in (d.draft, d.footer) if t)
        border = 'fo:border="0.5pt solid #000000" fo:padding="0.8mm"'
        faces = "".join(f"<style:font-face style:name={quoteattr(f)} svg:font-family={quoteattr(f)}/>" for f in FACES.values())
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">'
            f'<office:meta><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">{escape(d.title)}</dc:title></office:meta>'
            f'<office:font-face-decls>{faces}</office:font-face-decls><office:styles>{"".join(styles)}</office:styles>'
            '<office:automatic-styles>'
            '<style:page-layout style:name="page"><style:page-layout-properties fo:page-width="210mm" '
            'fo:page-height="297mm" fo:margin-top="20mm" fo:margin-bottom="15mm" fo:margin-left="20mm" '
            'fo:margin-right="20mm"/></style:page-layout>'
            f'<style:style style:name="table" style:family="table"><style:table-properties style:width="{FRAME_MM}mm" '
            'table:align="center"/></style:style>'
            f'<style:style style:name="cell" style:family="table-cell"><style:table-cell-properties {border}/></style:style>'
            f'<style:style style:name="shaded" style:family="table-cell"><style:table-cell-properties {border} '
            f'fo:background-color="{_HEAD_FILL}"/></style:style>'
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
