"""A table's figures (amounts, shares, years) are drawn without a paragraph each
(``reports.flowables.Figure``), exactly as the paragraph drew them; a figure a paragraph would
set otherwise (smaller, over two lines, with a face's missing character) stays a paragraph."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from forms.money import EntryUnit
from forms.rules import validate
from forms.sample import SAMPLES
from reports import content as c
from reports.flowables import Figure
from reports.packet import describe, packet
from reports.pdf import PdfRenderer
from tests.reports.pdfcheck import laid_out_tables


def _drawn(cell, style, width: float, valign: str) -> bytes:
    """The page of a one-row table holding ``cell`` beside a paragraph of two lines."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pageCompression=0)
    table = Table([[Paragraph("two<br/>lines", style), cell]], colWidths=[60, width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign), ("GRID", (0, 0), (-1, -1), 0.4, "black")]))
    table.wrapOn(canvas, 400, 400)
    table.drawOn(canvas, 50, 500)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("valign", ["MIDDLE", "TOP", "BOTTOM"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_figure_is_drawn_as_its_paragraph_was(lang, valign):
    renderer = PdfRenderer(c.Document(lang=lang, title="", blocks=[]))
    for role in ("num", "total_num"):
        style = renderer._cell_styles[role]
        figures = [("1,234,567", 70.0), ("2027", 90.0), ("KRW\u00a05,500,000", 88.0)]
        for text, width in figures + ([("△5,000", 45.3)] if lang == "ko" else []):
            cell = c.Cell(text, role)
            figure = renderer.figure_text(cell, style, width - 12)
            assert figure == text
            assert _drawn(Figure(figure, style), style, width, valign) == \
                _drawn(renderer.para(text, style), style, width, valign), (role, text)


def test_a_figure_a_paragraph_sets_otherwise_stays_a_paragraph():
    renderer = PdfRenderer(c.Document(lang="en", title="", blocks=[]))
    style = renderer._cell_styles["num"]
    assert renderer.figure_text(c.Cell("1,234,567", "num"), style, 10) is None  # wider than its column: split
    assert renderer.figure_text(c.Cell("12 months", "num"), style, 200) is None  # two words
    assert renderer.figure_text(c.Cell("1,000\n2,000", "num"), style, 200) is None  # two lines
    assert renderer.figure_text(c.Cell("1,000 😀", "num"), style, 200) is None  # a character no face has
    assert renderer.figure_text(c.Cell("△5,000", "num"), style, 200) is None  # set in a fallback face
    assert renderer.figure_text(c.Cell(" 1,000", "num"), style, 200) is None  # space a paragraph squeezes
    assert renderer.figure_text(c.Cell("1,000", "num"), renderer.styles.cell, 200) is None  # a fitted size
    assert renderer.figure_text(c.Cell("<b>1</b>", "num"), style, 200) == "<b>1</b>"  # text, never markup


def test_most_figures_of_the_packet_are_drawn_without_a_paragraph(tmp_path, monkeypatch):
    proposal = SAMPLES["super_regional"]()
    tables = laid_out_tables(monkeypatch, proposal, str(tmp_path / "p.pdf"), "ko")
    cells = [x for t in tables for row in t._cellvalues for v in row for x in (v if isinstance(v, (list, tuple)) else [v])]
    figures = [v for v in cells if isinstance(v, Figure)]
    numbers = [v for v in cells if isinstance(v, Paragraph) and v.style.name.startswith("cell_num")]
    assert len(figures) > 1000 and len(figures) > 10 * len(numbers)


def test_a_continued_table_takes_the_cells_it_made(monkeypatch):
    """A table grouped by organisation, continued on a new page under "(name, continued)", is laid
    out again from that row: its header and remaining rows are the flowables already made."""
    proposal = SAMPLES["super_regional"]()
    pk = packet(proposal, validate(proposal), "ko", False, EntryUnit.THOUSAND)
    made: dict[int, int] = {}
    styled = PdfRenderer.cell_style
    grids = PdfRenderer.grid
    calls = []

    def cell_style(self, cell, room):
        made[id(cell)] = made.get(id(cell), 0) + 1
        return styled(self, cell, room)

    def grid(self, *args):
        calls.append(args[0])
        return grids(self, *args)

    monkeypatch.setattr(PdfRenderer, "cell_style", cell_style)
    monkeypatch.setattr(PdfRenderer, "grid", grid)
    doc = describe(pk)
    PdfRenderer(doc, pk.glyphs).render()
    tables = [b for b in doc.blocks if isinstance(b, c.Table)]
    assert len(calls) > len(tables)  # some tables were continued
    assert max(made.values()) == 1
