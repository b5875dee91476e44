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
    for table in tables:
        for col, value in enumerate(table._cellvalues[0]):
            cells = value if isinstance(value, (list, tuple)) else [value]
            heads = [c for c in cells if isinstance(c, Paragraph) and c.style.name == "cell_head"]
            if not heads:
                continue
            cs = table._cellStyles[0][col]
            room = table._colWidths[col] - cs.leftPadding - cs.rightPadding
            for word in (w for cell in heads for w in cell.getPlainText().split()):
                checked += 1
                if stringWidth(word, heads[0].style.fontName, heads[0].style.fontSize) > room + 0.01:
                    too_wide.append((word, round(room, 1)))
    assert checked > 20
    assert not too_wide, too_wide
