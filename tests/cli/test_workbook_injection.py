"""Text a person typed goes into the budget workbook as text, never as a formula (OWASP's "CSV
injection"), and comes back from it exactly: only the app's own totals are formulas."""

from __future__ import annotations

import json

import openpyxl
import pytest

import main
from forms.files.exchange_read import read_file
from forms.files.exchange_write import to_dict, write_file
from forms.sample import SAMPLES

HOSTILE = ["=1+1", '=HYPERLINK("http://x","a")', "+82 Tech", "-minus Org", "@SUM(A1)", "\t=tabbed", "\r=1+1"]


def _hostile_proposal(tmp_path):
    p = SAMPLES["leap"]()
    for org, name in zip(p.organisations, HOSTILE, strict=False):
        org.name.ko = name
        org.name.en = name + " (en)"
    for line, text in zip(p.budget.lines, ["=1+1", "\r=2+2", '=HYPERLINK("http://x","a")', "@id", "-id", "+id"],
                          strict=False):
        line.id = text
    path = tmp_path / "hostile.json"
    write_file(p, str(path))
    return path


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_typed_names_and_ids_are_text_cells_and_come_back_exactly(tmp_path, lang, capsys):
    src = _hostile_proposal(tmp_path)
    book = tmp_path / "b.xlsx"
    assert main.main(["export", str(src), "--format", "xlsx", "--out", str(book), "--lang", lang]) == 0
    wb = openpyxl.load_workbook(book)
    formulas = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(cell.value)
                elif isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t"):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert formulas and all(f.startswith("=SUM(") for f in formulas)  # only the app's own totals
    lines = wb.worksheets[0]
    shown = {lines.cell(r, 2).value for r in range(2, lines.max_row + 1)}
    assert shown & {"=1+1", '=HYPERLINK("http://x","a")', "=1+1 (en)"}
    out = tmp_path / "new.json"
    assert main.main(["import-budget", str(src), str(book), "--out", str(out), "--lang", lang]) == 0, \
        capsys.readouterr().err
    assert to_dict(read_file(str(out))) == to_dict(read_file(str(src)))
    assert json.loads(out.read_text(encoding="utf-8"))["budget"] == json.loads(src.read_text(encoding="utf-8"))["budget"]
