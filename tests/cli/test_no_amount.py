"""A budget line with no amount entered, through Excel and back: an empty cell in the workbook,
not 0, and read back as no amount entered."""

from __future__ import annotations

import json

import openpyxl

from forms.files import exchange_read, exchange_write
from forms.model import BudgetLine
from forms.sample import SAMPLES
from tests.cli.test_files import run


def test_an_empty_amount_goes_to_the_workbook_and_comes_back(tmp_path):
    p = SAMPLES["super_regional"]()
    p.budget.lines.append(BudgetLine(2023, "postech", "commissioned", "national", 0, no_amount=True))
    line_id = p.budget.lines[-1].id
    src, book, back = tmp_path / "p.json", tmp_path / "b.xlsx", tmp_path / "back.json"
    exchange_write.write_file(p, str(src))
    done = run("export", str(src), "--format", "xlsx", "--out", str(book), "--draft")
    assert done.returncode == 0, done.stderr
    lines = openpyxl.load_workbook(book).worksheets[0]
    row = next(r for r in lines.iter_rows(min_row=2) if r[6].value == line_id)
    assert row[5].value is None  # an empty cell, not 0
    assert all(r[5].value is not None for r in lines.iter_rows(min_row=2) if r[6].value != line_id)

    done = run("import-budget", str(src), str(book), "--out", str(back))
    assert done.returncode == 0, done.stderr
    read = {line["id"]: line for line in json.loads(back.read_text(encoding="utf-8"))["budget"]["lines"]}
    assert read[line_id]["amount_krw"] == 0 and read[line_id]["no_amount"] is True
    assert exchange_read.read_file(str(back)).budget.lines == p.budget.lines

    # a formula typed over the empty cell but saved without its value is named, not read as empty
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    at = next(r for r in ws.iter_rows(min_row=2) if r[6].value == line_id)[5]
    at.value = "=1+1"
    wb.save(book)
    done = run("import-budget", str(src), str(book), "--out", str(back), lang="en")
    assert done.returncode == 2
    assert f"F{at.row}" in done.stderr and "=1+1" in done.stderr
