"""A finding names its field with a FieldPath: a record by its id (so it still names the same
record after rows are inserted above it), shown to people with rows counted from 0."""

import dataclasses
import json

from forms.fieldpath import BUDGET_LINES, ORGANISATIONS, FieldPath, RecordId
from forms.model import BudgetLine
from forms.rules import validate


def _bad_category(p, row):
    line = p.budget.lines[row]
    line.category = "burden"  # not a category the call allows
    return line


def test_a_finding_on_a_budget_line_names_the_line_by_its_id(super_regional):
    line = _bad_category(super_regional, 5)
    found = [f for f in validate(super_regional).findings if f.code == "budget.category_not_allowed"]
    assert len(found) == 1
    f = found[0]
    assert f.path == BUDGET_LINES.child(RecordId(line.id), "category")
    assert isinstance(f.shown, FieldPath) and str(f.shown) == "budget.lines[5].category"
    assert f.path.record(super_regional) is line


def test_the_finding_names_the_same_line_after_lines_are_inserted_above_it(super_regional):
    line = _bad_category(super_regional, 5)
    f = next(f for f in validate(super_regional).findings if f.code == "budget.category_not_allowed")
    extra = [BudgetLine(2023, "postech", "personnel", "national", 0) for _ in range(3)]
    super_regional.budget.lines[0:0] = extra
    # the finding made before the insertion still leads to the same line, now at row 8
    assert f.path.record(super_regional) is line
    assert f.path.get(super_regional) == "burden"
    assert str(f.rows(super_regional)) == "budget.lines[8].category"
    # and checking again names it by the same id, shown at its new row
    again = next(g for g in validate(super_regional).findings if g.code == "budget.category_not_allowed")
    assert again.path == f.path
    assert str(again.shown) == "budget.lines[8].category"


def test_a_finding_on_a_line_that_was_deleted_names_no_row(super_regional):
    line = _bad_category(super_regional, 5)
    f = next(f for f in validate(super_regional).findings if f.code == "budget.category_not_allowed")
    super_regional.budget.lines.remove(line)
    assert f.rows(super_regional) is None


def test_a_record_whose_id_is_shared_is_named_by_its_row(super_regional):
    lines = super_regional.budget.lines
    lines[6] = dataclasses.replace(lines[6], id=lines[2].id, category="burden")
    f = next(f for f in validate(super_regional).findings if f.code == "budget.category_not_allowed")
    assert f.path == BUDGET_LINES.child(6, "category")  # an id naming two lines would name the first


def test_an_organisation_finding_is_by_id_and_json_keeps_the_row(super_regional):
    super_regional.organisations[1].region = ""
    report = validate(super_regional)
    f = next(f for f in report.findings if f.code == "org.region_missing")
    org = super_regional.organisations[1]
    assert f.path == ORGANISATIONS.child(RecordId(org.id), "region")
    assert f.as_dict("en")["path"] == "organisations[1].region"
    json.dumps(f.as_dict("en"))
    assert report.at(FieldPath.parse("organisations[1]")) == [f]
    assert report.at(ORGANISATIONS.child(RecordId(org.id))) == [f]
