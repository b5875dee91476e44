"""Table headers wrap between words only, and every word of every header fits its column."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from forms.sample import SAMPLES
from tests.reports.pdfcheck import laid_out_tables


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_no_header_word_is_wider_than_its_column(tmp_path, monkeypatch, lang, kind):
    tables = laid_out_tables(monkeypatch, SAMPLES[kind](), str(tmp_path / "p.pdf"), lang)
    checked, too_wide = 0, []
    for table in {id(t): t for t in tables}.values():  # each table once, however often it was wrapped
        # every header cell, in whatever row (a caption's row stands above the header), over the
        # columns it spans
        for row, col, value in ((r, c, v) for r, cells in enumerate(table._cellvalues) for c, v in enumerate(cells)):
            cells = value if isinstance(value, (list, tuple)) else [value]
            heads = [c for c in cells if isinstance(c, Paragraph) and c.style.name == "cell_head"]
            spans = getattr(table, "_spanRanges", None)  # ReportLab sets it on a table with spans only
            span = spans.get((col, row)) if spans else (col, row, col, row)
            if not heads or span is None:
                continue
            cs = table._cellStyles[row][col]
            room = sum(table._colWidths[span[0]:span[2] + 1]) - cs.leftPadding - cs.rightPadding
            for word in (w for cell in heads for w in cell.getPlainText().split()):
                checked += 1
                if stringWidth(word, heads[0].style.fontName, heads[0].style.fontSize) > room + 0.01:
                    too_wide.append((word, round(room, 1)))
    assert checked > 20
    assert not too_wide, too_wide
