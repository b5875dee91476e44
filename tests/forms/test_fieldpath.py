"""The field path: one way to write, read and compare where a value lives."""

from __future__ import annotations

import pytest

from forms.fieldpath import FieldPath, RecordId, path
from forms.model import Text


@pytest.mark.parametrize("text", ["title.ko", "plan.summary.en", "organisations[1].name.ko",
                                  "budget.lines[3].amount_krw", "partner_regions[0]", "budget.entry_unit",
                                  "roadmap[id=1c9e-x].goal.ko", "budget.lines[12].items[0].unit_price_krw", ""])
def test_parse_and_format_give_the_same_text(text):
    assert str(path(text)) == text


@pytest.mark.parametrize("text", ["title..ko", ".title", "budget.lines[-1]", "budget.lines[x]", "lines]", "a b",
                                  "budget.lines[3]amount_krw", "[3]x"])
def test_what_is_not_a_path_is_refused(text):
    with pytest.raises(ValueError):
        path(text)


def test_parent_within_and_row():
    p = path("budget.lines[3].amount_krw")
    assert p.steps == ("budget", "lines", 3, "amount_krw")
    assert str(p.parent) == "budget.lines[3]" and str(p.parent.parent) == "budget.lines"
    assert p.within("budget.lines[3]") and p.within("budget") and p.within(p) and p.within("")
    assert not p.within("budget.lines[30]") and not p.within("budget.lines[3].amount")
    assert not path("budgets").within("budget")
    assert p.row("budget.lines") == 3 and p.row("organisations") is None
    assert str(p.after("budget.lines[3]")) == "amount_krw"
    assert p.head == "budget" and path("").head == ""


def test_get_set_and_the_record_named(super_regional):
    p = super_regional
    amount = path("budget.lines[3].amount_krw")
    assert amount.get(p) == p.budget.lines[3].amount_krw
    amount.set(p, 1234)
    assert p.budget.lines[3].amount_krw == 1234
    assert amount.record(p) is p.budget.lines[3]
    assert path("title.ko").record(p) is None
    del p.plan["background"]
    path("plan.background.ko").set(p, "새 절")  # a section not written yet
    assert p.plan["background"] == Text("새 절", "")
    assert path("plan.linkage.en").get(p) == p.plan["linkage"].en


def test_a_path_by_id_names_the_same_record_after_rows_move(super_regional):
    p = super_regional
    by_row = path("budget.lines[5].amount_krw")
    stable = by_row.by_id(p)
    assert stable.steps[2] == RecordId(p.budget.lines[5].id)
    line = p.budget.lines[5]
    p.budget.lines.reverse()
    assert stable.get(p) == line.amount_krw and stable.record(p) is line
    moved = stable.by_row(p)
    assert moved.row("budget.lines") == len(p.budget.lines) - 6
    stable.set(p, 77)
    assert line.amount_krw == 77
    assert FieldPath.parse(str(stable)) == stable
    # organisations keep their own ids
    assert str(path("organisations[1].name.ko").by_id(p)) == f"organisations[id={p.organisations[1].id}].name.ko"
    with pytest.raises(KeyError):
        path("budget.lines[id=nothing].year").get(p)


def test_prefixes_are_the_paths_a_path_lies_within():
    p = path("budget.lines[id=x].org")
    assert [str(q) for q in p.prefixes()] == ["budget", "budget.lines", "budget.lines[id=x]", "budget.lines[id=x].org"]
    assert all(p.within(q) for q in p.prefixes())
    assert path("").prefixes() == []
    hinted = FieldPath(("budget", "lines", RecordId("x", 3), "org"))  # a row hint is no part of a path's identity
    assert path("budget.lines[id=x]") in set(hinted.prefixes())
