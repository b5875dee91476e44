"""A budget line with no amount entered (its cell cleared): written and read back in the exchange
file, asked for by its rule, left out of every total, cleared in the grid, merged as one field
with its amount, and read back from the workbook's empty cell."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from forms import merge
from forms.base.errors import InputError
from forms.files import exchange_read, exchange_write
from forms.files.budgetsheet import Names, carried_over, compare, read_line
from forms.grid import build_grid, cleared
from forms.model import BudgetItem, BudgetLine, Text
from forms.rules import validate
from tests.forms.test_exchange import SCHEMA

YEARS = (2023, 2024, 2025)


def _new_row(p, amount=1_000_000):
    """A line of its own row (the only commissioned R&D of DGIST), last in the list."""
    p.budget.lines.append(BudgetLine(2023, "dgist", "commissioned", "national", amount))
    return len(p.budget.lines) - 1


def test_a_line_with_no_amount_goes_through_the_exchange_file_and_older_files_load_unchanged(super_regional):
    p = super_regional
    i = _new_row(p, 0)
    p.budget.lines[i].no_amount = True
    doc = exchange_write.to_dict(p)
    jsonschema.validate(doc, SCHEMA)
    written = doc["budget"]["lines"][i]
    assert written["amount_krw"] == 0 and written["no_amount"] is True
    # only that line says so: every other line is written as before
    assert all("no_amount" not in line for n, line in enumerate(doc["budget"]["lines"]) if n != i)
    back = exchange_read.loads(exchange_write.dumps(p))
    assert back.budget.lines[i].no_amount and back.budget.lines[i].amount_krw == 0
    assert back == p
    # a file without the key (every file written before it existed): every amount is entered
    older = copy.deepcopy(doc)
    del older["budget"]["lines"][i]["no_amount"]
    assert not any(line.no_amount for line in exchange_read.from_dict(older).budget.lines)


@pytest.mark.parametrize(("value", "amount", "where"), [
    ("yes", 0, "budget.lines[{i}].no_amount"),
    (True, 500, "budget.lines[{i}].amount_krw"),
])
def test_a_malformed_no_amount_is_refused_at_its_field(super_regional, value, amount, where):
    i = _new_row(super_regional, 0)
    doc = exchange_write.to_dict(super_regional)
    doc["budget"]["lines"][i].update(no_amount=value, amount_krw=amount)
    with pytest.raises(InputError) as caught:
        exchange_read.from_dict(json.loads(json.dumps(doc)))
    assert caught.value.where == where.format(i=i)
    assert caught.value.text("ko") and caught.value.text("en")


def test_the_rule_names_the_line_and_its_cell_and_totals_leave_it_out(super_regional):
    p = super_regional
    before = validate(p).summary
    i = _new_row(p, 0)
    line = p.budget.lines[i]
    line.no_amount = True
    line.items = [BudgetItem(id="it-1", item=Text.both("계약"), quantity=1, unit_price_krw=700_000)]
    report = validate(p)
    found = [f for f in report.findings if f.code == "budget.amount_missing"]
    assert len(found) == 1
    assert str(found[0].shown) == f"budget.lines[{i}].amount_krw"
    assert found[0].is_error
    assert "금액" in found[0].message("ko") and "2023" in found[0].message("ko")
    assert "no amount" in found[0].message("en") and f"Line {i + 1}" in found[0].message("en")
    # its justification rows are not compared with an amount that was never entered
    assert "budget.items_mismatch" not in {f.code for f in report.findings}
    # nothing of it in any total, not even a 0 under its category or organisation
    assert "commissioned" not in report.summary.by_org["dgist"].by_category
    assert report.summary.by_category_year == before.by_category_year
    assert report.summary.total == before.total
    # an amount typed again: the rule is settled
    line.no_amount, line.amount_krw = False, 1_000_000
    assert "budget.amount_missing" not in {f.code for f in validate(p).findings}


def test_clearing_removes_a_line_whose_row_has_other_years_and_keeps_a_rows_last_line(super_regional):
    p = super_regional
    i = _new_row(p)
    grid = build_grid(p, YEARS)
    full = next(r for r, row in enumerate(grid.rows) if len(row.cells) == 3)
    gone = grid.rows[full].cells[2024]
    only = grid.row_of_line(i)

    lines = cleared(p, grid, [(full, 2024), (only, 2023)])
    assert p.budget.lines[gone] not in lines and len(lines) == len(p.budget.lines) - 1
    kept = next(line for line in lines if line.id == p.budget.lines[i].id)
    assert kept.no_amount and kept.amount_krw == 0
    assert not p.budget.lines[i].no_amount  # the proposal itself is not changed
    p.budget.lines = lines
    after = build_grid(p, YEARS)
    assert [r.key for r in after.rows] == [r.key for r in grid.rows]  # no row vanished
    assert after.amount(p, full, 2024) is None and after.amount(p, only, 2023) is None
    assert after.amount(p, full, 2023) is not None

    # a whole row cleared at once: its earliest year stays, with no amount
    grid = after
    lines = cleared(p, grid, [(full, 2023), (full, 2025)])
    row_lines = [line for line in lines if (line.org, line.category, line.source, line.region) == grid.rows[full].key
                 and line.year in YEARS]
    assert [(line.year, line.no_amount, line.amount_krw) for line in row_lines][:1] == [(2023, True, 0)]
    assert not any(line.year == 2025 for line in row_lines)


def _docs(p, i):
    base = exchange_write.to_dict(p)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    return base, ours, theirs


def test_an_amount_and_its_mark_merge_as_one_field(super_regional):
    i = _new_row(super_regional, 300)
    base, ours, theirs = _docs(super_regional, i)
    ours["budget"]["lines"][i].update(amount_krw=0, no_amount=True)  # ours cleared it
    theirs["budget"]["lines"][i]["amount_krw"] = 500  # theirs typed another amount
    result = merge.merge(base, ours, theirs)
    assert [c.key for c in result.unresolved] == [f"budget.lines[id={super_regional.budget.lines[i].id}].amount_krw"]
    conflict = result.unresolved[0]
    assert merge.shown(conflict.ours, "en", "amount_krw") == "(no amount entered)"
    assert merge.shown(conflict.ours, "ko", "amount_krw") == "(금액 미입력)"
    taken = merge.merge(base, ours, theirs, take="theirs").merged["budget"]["lines"][i]
    assert taken["amount_krw"] == 500 and "no_amount" not in taken
    kept = merge.merge(base, ours, theirs, take="ours").merged["budget"]["lines"][i]
    assert kept["amount_krw"] == 0 and kept["no_amount"] is True
    exchange_read.from_dict(merge.merge(base, ours, theirs, take="theirs").merged)  # a complete proposal

    # an entered 0 cleared on one side, typed over on the other: a conflict, never both at once
    base, ours, theirs = _docs(super_regional, i)
    for doc in (base, ours, theirs):
        doc["budget"]["lines"][i]["amount_krw"] = 0
    ours["budget"]["lines"][i]["no_amount"] = True
    theirs["budget"]["lines"][i]["amount_krw"] = 700
    assert len(merge.merge(base, ours, theirs).unresolved) == 1
    # cleared on one side only: taken without a conflict
    base, ours, theirs = _docs(super_regional, i)
    theirs["budget"]["lines"][i].update(amount_krw=0, no_amount=True)
    result = merge.merge(base, ours, theirs)
    assert result.clean and result.merged["budget"]["lines"][i]["no_amount"] is True


def test_the_workbook_reads_an_empty_amount_of_a_known_line_as_not_entered(super_regional):
    p = super_regional
    i = _new_row(p)
    names = Names(p)
    row = {"year": 2023, "org": "dgist", "category": "commissioned", "source": "national", "region": None,
           "amount_krw": None, "id": p.budget.lines[i].id}
    line, problems = read_line(names, row, {p.budget.lines[i].id})
    assert not problems and line.no_amount and line.amount_krw == 0
    changes = compare(p.budget.lines, [*p.budget.lines[:i], line])
    assert [(old.amount_krw, new.no_amount) for old, new in changes.changed] == [(1_000_000, True)]
    assert carried_over(p.budget.lines, [*p.budget.lines[:i], line])[i].no_amount
    # a row that is no line of the proposal still needs its amount
    line, problems = read_line(names, {**row, "id": "someone-else"}, {p.budget.lines[i].id})
    assert line is None and set(problems) == {"amount_krw"}
