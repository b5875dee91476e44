"""The form's records in the exchange file: written, read back losslessly, checked against the JSON
Schema, and bad values refused with where and why (exit 2 on the command line)."""

import json

import jsonschema
import pytest

from forms.base.errors import InputError
from forms.base.paths import resource_path
from forms.files import exchange_read, exchange_write
from forms.model import (
    BudgetItem,
    Deliverable,
    Equipment,
    Indicator,
    OtherProject,
    Researcher,
    Task,
    Text,
)

SCHEMA = json.load(open(resource_path("schema", "proposal.schema.json"), encoding="utf-8"))


@pytest.fixture
def full(super_regional):
    p = super_regional
    p.researchers = [Researcher("r1", "postech", Text("김하늘", "Kim Haneul"), Text("교수", "Professor"),
                                role="principal", rates={2023: 30, 2024: 30, 2025: 30},
                                other_projects=[OtherProject("다른 과제", True, 20), OtherProject("기획", False, 5, False)],
                                field=Text("재료공학", "Materials"), national_number="11283547", degree="doctorate")]
    p.indicators = [Indicator("i1", Text("특허 출원", "Patent applications"), "quantitative", Text("건", "cases"),
                              Text.both("0"), {2023: Text.both("2"), 2024: Text.both("3"), 2025: Text("4", "four")},
                              100, Text("출원서 확인", "Filings checked"))]
    p.tasks = [Task("t1", Text("회수 공정", "Recovery process"), "postech", "2023-04", "2025-12")]
    p.deliverables = [Deliverable("d1", "t1", 2024, Text("공정 보고서", "Process report"))]
    p.equipment = [Equipment("e1", "postech", 2023, Text("반응로", "Reactor"), Text("재생", "Regeneration"), 2,
                             45_000_000, True, Text("", ""))]
    p.organisations[0].registration_number = "220-82-00415"
    p.organisations[0].representative = Text("홍길동", "Hong Gildong")
    p.organisations[0].representative_title = Text("단장", "Director")
    p.budget.lines[0].items = [BudgetItem("b1", Text("연구원", "Researcher"), 2, 1_000_000, 12)]
    return p


def test_records_round_trip_and_match_the_schema(full):
    doc = exchange_write.to_dict(full)
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    again = exchange_read.loads(exchange_write.dumps(full))
    assert again == full
    assert doc["researchers"][0]["rates"] == {"2023": 30, "2024": 30, "2025": 30}
    assert doc["budget"]["lines"][0]["items"][0]["unit_price_krw"] == 1_000_000
    full.budget.lines[1].items = []
    assert "items" not in exchange_write.to_dict(full)["budget"]["lines"][1]  # written only where there are rows


def test_a_researchers_number_and_degree_are_written_only_when_given(full):
    person = exchange_write.to_dict(full)["researchers"][0]
    assert (person["national_number"], person["degree"]) == ("11283547", "doctorate")
    full.researchers[0].national_number = full.researchers[0].degree = ""
    doc = exchange_write.to_dict(full)
    assert "national_number" not in doc["researchers"][0] and "degree" not in doc["researchers"][0]
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert exchange_read.loads(exchange_write.dumps(full)) == full
    # a number that is not one yet is kept as typed: the rules say what is wrong with it
    full.researchers[0].national_number = "1128-354"
    assert exchange_read.loads(exchange_write.dumps(full)).researchers[0].national_number == "1128-354"


def test_baseline_and_targets_are_written_in_both_languages(full):
    ind = exchange_write.to_dict(full)["indicators"][0]
    assert ind["baseline"] == {"ko": "0", "en": "0"}
    assert ind["targets"] == {"2023": {"ko": "2", "en": "2"}, "2024": {"ko": "3", "en": "3"},
                              "2025": {"ko": "4", "en": "four"}}


def test_a_baseline_and_targets_written_as_one_string_read_as_the_same_text_in_both_languages(super_regional):
    """Format 2 wrote an indicator's baseline and targets as one string; such a file still loads,
    each string becoming the same text in Korean and English, and matches the JSON Schema."""
    doc = exchange_write.to_dict(super_regional)
    doc["format_version"] = 2
    for ind in doc["indicators"]:
        ind["baseline"] = ind["baseline"]["ko"]
        ind["targets"] = {year: t["ko"] for year, t in ind["targets"].items()}
    assert doc["indicators"][-1]["targets"]["2025"] == "KS 제안"
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    p = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    standard = p.indicators[-1]
    assert standard.baseline == Text("없음", "없음")
    assert standard.targets[2025] == Text("KS 제안", "KS 제안")
    assert p.indicators[0].targets == {2023: Text("90", "90"), 2024: Text("105", "105"), 2025: Text("120", "120")}
    # a number needs no second language: the read file is the sample but for the English phrases
    for a, b in zip(p.indicators[:-1], super_regional.indicators[:-1], strict=True):
        assert a == b


def test_the_schema_takes_a_baseline_and_targets_in_either_form(full):
    doc = exchange_write.to_dict(full)
    jsonschema.validate(doc, SCHEMA)
    doc["indicators"][0]["baseline"] = "0"
    doc["indicators"][0]["targets"]["2024"] = "3"
    jsonschema.validate(doc, SCHEMA)
    for bad in (3, {"ko": "3", "de": "3"}, {"ko": 3}, ["3"]):
        doc["indicators"][0]["targets"]["2024"] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, SCHEMA)


def test_absent_record_lists_read_as_empty(super_regional):
    doc = exchange_write.to_dict(super_regional)
    for key in ("researchers", "indicators", "tasks", "deliverables", "equipment"):
        del doc[key]
    p = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert p.researchers == [] and p.equipment == []


BAD = [
    (("researchers", 0, "rates", "2023"), 101, "researchers[0].rates[2023]: must be a whole number from 0 to 100"),
    (("researchers", 0, "rates", "2023"), 30.5, "researchers[0].rates[2023]: must be a whole number"),
    (("researchers", 0, "rates", "year"), 30, "researchers[0].rates[\"year\"]: 'year' is not a year"),
    (("researchers", 0, "role"), "boss", "researchers[0].role: 'boss' is not a known code"),
    (("researchers", 0, "degree"), "phd", "researchers[0].degree: 'phd' is not a known code"),
    (("researchers", 0, "national_number"), 11283547, "researchers[0].national_number: must be text"),
    (("researchers", 0, "national_number"), "1" * 21, "researchers[0].national_number: is longer than 20"),
    (("researchers", 0, "other_projects", 0, "principal"), "yes", "other_projects[0].principal: must be true or false"),
    (("researchers", 0, "other_projects", 0, "rate"), -1, "other_projects[0].rate: must be a whole number from 0"),
    (("indicators", 0, "weight"), "100", "indicators[0].weight: must be a whole number from 0 to 100, not \"100\""),
    (("indicators", 0, "kind"), "numeric", "indicators[0].kind"),
    (("indicators", 0, "targets", "2023"), 2, "indicators[0].targets[2023]: must be text"),
    (("indicators", 0, "targets", "2023"), {"ko": "2", "fr": "2"}, "indicators[0].targets[2023].fr: unexpected key"),
    (("indicators", 0, "baseline"), {"ko": 0}, "indicators[0].baseline.ko: must be text"),
    (("indicators", 0, "baseline"), "x" * 201, "indicators[0].baseline: is longer than 200 characters"),
    (("tasks", 0, "start"), "2023-13", "tasks[0].start: must be a month written YYYY-MM"),
    (("tasks", 0, "end"), "2025/12", "tasks[0].end: must be a month"),
    (("deliverables", 0, "task"), "t9", "deliverables[0].task: 't9' is not the id of a task in this file"),
    (("equipment", 0, "unit_price_krw"), 4.5e7, "equipment[0].unit_price_krw: must be a whole number of won"),
    (("equipment", 0, "shared"), 1, "equipment[0].shared: must be true or false"),
    (("equipment", 0, "id"), "", "equipment[0].id: must not be empty"),
    (("budget", "lines", 0, "items", 0, "quantity"), "2", "budget.lines[0].items[0].quantity: must be a whole number"),
    (("budget", "lines", 0, "items", 0, "months"), 0, "budget.lines[0].items[0].months: must be a whole number from 1"),
    (("organisations", 0, "registration_number"), 2208200415, "organisations[0].registration_number: must be text"),
    (("researchers",), {}, "researchers: must be a list"),
    (("tasks", 0, "owner"), "postech", "tasks[0].owner: unexpected key"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[m.split(":")[0] for _p, _v, m in BAD])
def test_bad_record_values_name_the_field(full, path, value, message):
    doc = exchange_write.to_dict(full)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InputError) as info:
        exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert message in info.value.text("en")
    assert info.value.text("ko") != info.value.text("en")
    if path[-1] not in ("task", "id") and value != 4.5e7:  # the schema cannot see ids across lists
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_a_record_id_used_twice_is_refused(full):
    doc = exchange_write.to_dict(full)
    doc["tasks"].append(dict(doc["tasks"][0]))
    with pytest.raises(InputError) as info:
        exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    assert "tasks[1].id: the id 't1' is used by another task" in info.value.text("en")


def test_the_command_line_gives_exit_2_with_where(tmp_path, full):
    from tests.cli.inprocess import run_main

    doc = exchange_write.to_dict(full)
    doc["researchers"][0]["rates"]["2024"] = 101
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = run_main("validate", str(path))
    assert run.returncode == 2
    assert "researchers[0].rates[2024]" in run.stdout + run.stderr


def test_a_heads_title_is_written_only_when_given(full):
    org = exchange_write.to_dict(full)["organisations"][0]
    assert org["representative_title"] == {"ko": "단장", "en": "Director"}
    full.organisations[0].representative_title = Text()
    assert "representative_title" not in exchange_write.to_dict(full)["organisations"][0]
