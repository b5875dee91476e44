"""One meaning per term: every table of the packet that names a source of funds (정부지원, 국비,
지방비, 공공재원; government support, national, local, public funds) prints one amount for it in
its total, wherever it stands. 정부지원 is the government's support, the national funds; the
national and local funds together are 공공재원 (public funds)."""

from __future__ import annotations

import re

import pytest
from reportlab.platypus import Paragraph

from forms.sample import SAMPLES
from reports.flowables import Figure
from tests.reports.pdfcheck import laid_out_tables

AMOUNT = re.compile(r"^△?\d{1,3}(?:,\d{3})+$")
TOTAL = {"합계", "Total"}
FUNDS = re.compile(r"정부|국비|지방비|공공|government|national|local|public", re.IGNORECASE)


def _text(value) -> str:
    cells = value if isinstance(value, (list, tuple)) else [value]
    return " ".join(c.getPlainText() for c in cells if isinstance(c, (Paragraph, Figure))).strip()


def _head(value) -> bool:
    cells = value if isinstance(value, (list, tuple)) else [value]
    return any(isinstance(c, Paragraph) and c.style.name.startswith("cell_head") for c in cells)


def term(label: str) -> str:
    """The term a label names, without what qualifies it: "정부지원 연구개발비" and
    "정부지원금(국비+지방비)" both name 정부지원; "Government support" and "Government (national +
    local)" both name government."""
    label = label.split("(")[0].strip().lstrip("· ")
    if re.search(r"[가-힣]", label):
        return re.sub(r"(연구개발비|금)$", "", label.replace(" ", ""))
    return label.split()[0].lower() if label else ""


def labelled_totals(table) -> list[tuple[str, str]]:
    """(label, amount) of a laid-out table: each column's header over the amount in its total row
    (the last row, when it is a total or the table's only row of figures), and each row's label
    beside the amount in its total column."""
    rows = table._cellvalues
    heads = [i for i, row in enumerate(rows) if any(_head(v) for v in row)]
    # the notes under a table are its last rows, one paragraph across it (a note style): not figures
    notes = {i for i, row in enumerate(rows)
             if any(isinstance(c, Paragraph) and c.style.name.startswith("note")
                    for v in row[:1] for c in (v if isinstance(v, (list, tuple)) else [v]))}
    body = [i for i in range(len(rows)) if i not in heads and i not in notes]
    out: list[tuple[str, str]] = []
    if not body:
        return out
    last = rows[body[-1]]
    if _text(last[0]) in TOTAL or len(body) == 1:
        for col, value in enumerate(last):
            names = [_text(rows[i][col]) for i in heads if _text(rows[i][col])]
            if names and AMOUNT.match(_text(value)):
                out.append((names[-1], _text(value)))
    total_col = next((col for i in heads for col, v in enumerate(rows[i]) if _text(v) in TOTAL), None)
    if total_col is not None:
        for i in body:
            label, value = _text(rows[i][0]), _text(rows[i][total_col])
            if label and AMOUNT.match(value):
                out.append((label, value))
    return out


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_term_for_funds_is_printed_with_two_amounts(tmp_path, monkeypatch, lang):
    tables = laid_out_tables(monkeypatch, SAMPLES["super_regional"](), str(tmp_path / "p.pdf"), lang)
    seen: dict[str, dict[str, str]] = {}
    for table in tables:
        for label, amount in labelled_totals(table):
            if FUNDS.search(label):
                seen.setdefault(term(label), {})[amount] = label
    assert len(seen) >= 3, seen  # national, local and the public funds at least
    twice = {t: labels for t, labels in seen.items() if len(labels) > 1}
    assert not twice, twice
