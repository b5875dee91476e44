"""The rules on the form's records, each on both sides of its boundary: the exact sum or limit
passes, one won or one percent off fails, with the amounts in the message."""

import dataclasses
import json
from fractions import Fraction

import pytest

from forms import bizno
from forms.fieldpath import BUDGET_LINES
from forms.files import exchange_write
from forms.model import BudgetItem, Degree, Equipment, OtherProject, Text
from forms.participation import is_national_number, load
from forms.profile import load_profile
from forms.rules import validate
from forms.values import Won
from tests.cli.inprocess import run_main

PROFILE = load_profile("msit-mega-2023")


def found(p, code, profile=None):
    return [f for f in validate(p, profile).findings if f.code == code]


def pi_index(p):
    return next(i for i, r in enumerate(p.researchers) if r.role == "principal")


# --- the samples --------------------------------------------------------------------------------

def test_samples_hold_the_forms_records(super_regional, leap):
    for p in (super_regional, leap):
        assert len(p.researchers) >= 12 and len(p.indicators) >= 8 and len(p.tasks) >= 10
        assert p.deliverables and p.equipment
        assert sum(i.weight for i in p.indicators) == 100
        assert p.principal_investigator().org == p.lead_organisation().id
        assert all(bizno.is_valid(o.registration_number) for o in p.organisations)
        justified = [b for b in p.budget.lines if b.amount_krw]
        assert all(b.items and sum(i.amount_krw for i in b.items) == b.amount_krw for b in justified)
        assert validate(p).findings == []


# --- researchers --------------------------------------------------------------------------------

def test_exactly_one_principal_investigator(super_regional):
    p = super_regional
    i = pi_index(p)
    p.researchers[i].role = "org_principal"
    assert [str(f.shown) for f in found(p, "researchers.pi_missing")] == ["researchers"]
    p.researchers[i].role = "principal"
    p.researchers[1].role = "principal"
    twice = found(p, "researchers.pi_twice")
    assert [str(f.shown) for f in twice] == ["researchers[1].role"]
    assert "2 researchers are marked" in twice[0].message("en")


def test_the_principal_investigator_is_of_the_lead_organisation(super_regional):
    p = super_regional
    i = pi_index(p)
    p.researchers[i].org = "knu"
    f = found(p, "researchers.pi_not_lead")
    assert [str(x.shown) for x in f] == [f"researchers[{i}].org"]
    assert "경북대학교" in f[0].message("ko")


def test_researcher_of_an_unknown_organisation(super_regional):
    super_regional.researchers[2].org = "nobody"
    assert [str(f.shown) for f in found(super_regional, "researchers.unknown_org")] == ["researchers[2].org"]


def test_researcher_without_a_name(super_regional):
    super_regional.researchers[3].name = Text("", "Only English")
    assert [str(f.shown) for f in found(super_regional, "researchers.name_missing")] == ["researchers[3].name.ko"]


def test_rates_only_in_the_calls_years(super_regional):
    super_regional.researchers[2].rates[2026] = 10
    assert [str(f.shown) for f in found(super_regional, "researchers.rate_year_outside")] == ["researchers[2].rates[2026]"]


def test_a_researcher_without_any_rate(super_regional):
    super_regional.researchers[2].rates = {}
    assert [str(f.shown) for f in found(super_regional, "researchers.no_rate")] == ["researchers[2].rates"]


def test_rates_add_up_to_at_most_100_percent(super_regional):
    p = super_regional
    i = pi_index(p)
    person = p.researchers[i]
    others = sum(o.rate for o in person.other_projects)  # the uncounted project's rate counts here too
    person.rates[2024] = 100 - others
    assert not found(p, "researchers.rate_over")
    person.rates[2024] = 101 - others
    f = found(p, "researchers.rate_over")
    assert [str(x.shown) for x in f] == [f"researchers[{i}].rates[2024]"]
    assert "add up to 101%" in f[0].message("en") and "1% over" in f[0].message("en")
    assert "101%" in f[0].message("ko")


def test_at_most_five_projects_at_once(super_regional):
    person = super_regional.researchers[2]
    person.rates = {y: 10 for y in (2023, 2024, 2025)}
    person.other_projects = [OtherProject(f"p{n}", False, 10) for n in range(4)]
    assert not found(super_regional, "researchers.projects_over")
    person.other_projects.append(OtherProject("ending soon", False, 10, counted=False))  # not counted
    assert not found(super_regional, "researchers.projects_over")
    person.other_projects.append(OtherProject("p5", False, 10))
    f = found(super_regional, "researchers.projects_over")
    assert [str(x.shown) for x in f] == ["researchers[2].other_projects"] and "6 national R&D projects at once" in f[0].message("en")


def test_at_most_three_as_principal_investigator(super_regional):
    p = super_regional
    i = pi_index(p)
    person = p.researchers[i]
    person.other_projects = [OtherProject("a", True, 10), OtherProject("b", True, 10)]
    assert not found(p, "researchers.pi_projects_over")  # this one and two others: 3
    person.other_projects.append(OtherProject("c", True, 10))
    f = found(p, "researchers.pi_projects_over")
    assert [str(x.shown) for x in f] == [f"researchers[{i}].other_projects"] and "lead 4 national R&D projects" in f[0].message("en")
    # An organisation's principal investigator leads too; a researcher does not.
    other = p.researchers[2]
    other.other_projects = [OtherProject("a", True, 5), OtherProject("b", True, 5), OtherProject("c", True, 5)]
    other.role = "researcher"
    assert [str(x.shown) for x in found(p, "researchers.pi_projects_over")] == [f"researchers[{i}].other_projects"]
    other.role = "org_principal"
    assert len(found(p, "researchers.pi_projects_over")) == 2


def test_the_samples_give_every_researcher_a_number_and_a_degree(super_regional, leap):
    for p in (super_regional, leap):
        assert all(is_national_number(r.national_number) and r.degree in set(Degree) for r in p.researchers)
        assert len({r.national_number for r in p.researchers}) == len(p.researchers)
        # several take part elsewhere: one leads another project, one has a project the count leaves out
        assert sum(1 for r in p.researchers if r.other_projects) >= 4
        assert any(o.principal for r in p.researchers for o in r.other_projects)
        assert any(not o.counted for r in p.researchers for o in r.other_projects)


@pytest.mark.parametrize("number", ["1128354", "112835470", "1128-3547", "11283S47", "１１２８３５４７"])
def test_a_national_researcher_number_is_eight_digits(super_regional, number):
    person = super_regional.researchers[3]
    person.national_number = " 11283547 "  # spaces around are not part of it
    assert not found(super_regional, "researchers.number_invalid")
    person.national_number = number
    f = found(super_regional, "researchers.number_invalid")
    assert [str(x.shown) for x in f] == ["researchers[3].national_number"] and f[0].severity == "error"
    assert f"'{number}' is not a national researcher number. It has 8 digits" in f[0].message("en")
    assert "8자리 숫자입니다" in f[0].message("ko") and number in f[0].message("ko")


def test_a_missing_national_researcher_number_is_a_warning(super_regional):
    super_regional.researchers[3].national_number = ""
    report = validate(super_regional)
    assert [(f.code, str(f.shown), f.severity) for f in report.findings] == [
        ("researchers.number_missing", "researchers[3].national_number", "warning")]
    assert "give the national researcher number" in report.findings[0].message("en")
    assert not report.errors  # a draft without the number still exports


def test_the_rule_and_the_packet_count_with_one_function(super_regional):
    person = next(r for r in super_regional.researchers if len(r.other_projects) == 2 and not all(
        o.counted for o in r.other_projects))  # the principal investigator: one led elsewhere, one left out
    carried = load(person)
    assert (carried.others_rate, carried.projects, carried.led) == (25, 2, 2)
    assert carried.total(person.rates[2024]) == person.rates[2024] + 25


def test_the_limits_are_the_profiles(super_regional):
    person = super_regional.researchers[2]
    person.other_projects = [OtherProject(f"p{n}", False, 5) for n in range(4)]
    strict = dataclasses.replace(PROFILE, participation=dataclasses.replace(PROFILE.participation, max_projects=4))
    assert found(super_regional, "researchers.projects_over", strict)
    assert not found(super_regional, "researchers.projects_over")


def test_the_principal_investigators_minimum_rate(super_regional):
    p = super_regional
    i = pi_index(p)
    p.researchers[i].rates[2025] = 20
    assert not found(p, "researchers.pi_rate_low")
    p.researchers[i].rates[2025] = 19
    f = found(p, "researchers.pi_rate_low")
    assert [str(x.shown) for x in f] == [f"researchers[{i}].rates[2025]"]
    assert "at 19% in 2025" in f[0].message("en") and "1% more" in f[0].message("en")
    lower = dataclasses.replace(PROFILE, pi_min_rate=dataclasses.replace(PROFILE.pi_min_rate, percent=Fraction(19)))
    assert not found(p, "researchers.pi_rate_low", lower)


def test_personnel_cost_of_an_organisation_without_researchers(super_regional):
    p = super_regional
    p.researchers = [r for r in p.researchers if r.org != "knu"]
    f = found(p, "researchers.personnel_without_researchers")
    assert len(f) == 1 and f[0].severity == "warning" and str(f[0].shown).startswith("budget.lines[")
    assert p.budget.lines[f[0].shown.row(BUDGET_LINES)].org == "knu"
    knu = sum(b.amount_krw for b in p.budget.lines if b.org == "knu" and b.category in ("personnel", "student_personnel"))
    assert f[0].values["amount"] == Won(knu)


def test_no_researchers_at_all(super_regional):
    super_regional.researchers = []
    assert [str(f.shown) for f in found(super_regional, "researchers.none")] == ["researchers"]


# --- indicators ---------------------------------------------------------------------------------

def test_weights_add_up_to_exactly_100(super_regional):
    p = super_regional
    p.indicators[0].weight += 1
    f = found(p, "indicators.weights_not_100")
    assert [str(x.shown) for x in f] == ["indicators"] and "add up to 101%" in f[0].message("en")
    assert "(1% apart)" in f[0].message("en")
    p.indicators[0].weight -= 2
    assert "add up to 99%" in found(p, "indicators.weights_not_100")[0].message("en")
    p.indicators[0].weight += 1
    assert not found(p, "indicators.weights_not_100")


def test_a_target_for_every_year_of_the_call(super_regional):
    ind = super_regional.indicators[1]
    del ind.targets[2024]
    assert [str(f.shown) for f in found(super_regional, "indicators.target_missing")] == [
        "indicators[1].targets[2024].ko"]
    ind.targets[2024] = Text.both(" ")
    assert found(super_regional, "indicators.target_missing")
    ind.targets[2024] = Text.both("90")
    ind.targets[2026] = Text.both("99")
    assert [str(f.shown) for f in found(super_regional, "indicators.target_year_outside")] == ["indicators[1].targets[2026]"]


def test_a_target_counts_in_the_language_of_submission(super_regional):
    """Like a name: the call is written in Korean, so a target only in English is missing, and one
    only in Korean is enough (the English packet then prints the Korean)."""
    ind = super_regional.indicators[-1]
    ind.targets[2024] = Text("", "Draft standard")
    f = found(super_regional, "indicators.target_missing")
    assert [str(x.shown) for x in f] == [f"indicators[{len(super_regional.indicators) - 1}].targets[2024].ko"]
    assert f[0].message("en").endswith("no target for 2024 in Korean.")
    ind.targets[2024] = Text("표준안 초안", "")
    assert not found(super_regional, "indicators.target_missing")


def test_a_quantitative_target_is_a_number(super_regional):
    p = super_regional
    p.indicators[0].targets[2023] = Text.both("1,200")
    assert not found(p, "indicators.target_not_number")
    p.indicators[0].targets[2023] = Text.both("many")
    f = found(p, "indicators.target_not_number")  # the same words in both languages: one finding
    assert [str(x.shown) for x in f] == ["indicators[0].targets[2023].ko"] and f[0].severity == "warning"
    p.indicators[0].targets[2023] = Text("1200", "about 1200")
    assert [str(x.shown) for x in found(p, "indicators.target_not_number")] == ["indicators[0].targets[2023].en"]
    p.indicators[0].kind = "qualitative"
    assert not found(p, "indicators.target_not_number")


def test_indicators_are_asked_for_and_named(super_regional):
    super_regional.indicators[2].name = Text("", "x")
    assert [str(f.shown) for f in found(super_regional, "indicators.name_missing")] == ["indicators[2].name.ko"]
    super_regional.indicators = []
    assert [str(f.shown) for f in found(super_regional, "indicators.none")] == ["indicators"]
    assert not found(super_regional, "indicators.weights_not_100")


# --- schedule -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "month", "fails"), [
    ("start", "2023-01", False), ("start", "2022-12", True), ("end", "2025-12", False), ("end", "2026-01", True),
])
def test_task_months_inside_the_calls_years(super_regional, key, month, fails):
    task = super_regional.tasks[0]
    setattr(task, key, month)
    if key == "start":
        task.end = "2025-12"
    f = found(super_regional, "tasks.month_outside")
    assert [str(x.shown) for x in f] == ([f"tasks[0].{key}"] if fails else [])


def test_a_task_ends_after_it_starts(super_regional):
    task = super_regional.tasks[0]
    task.start, task.end = "2024-05", "2024-05"
    assert not found(super_regional, "tasks.backwards")
    task.end = "2024-04"
    assert [str(f.shown) for f in found(super_regional, "tasks.backwards")] == ["tasks[0].end"]


def test_tasks_are_asked_for_named_and_owned(super_regional):
    super_regional.tasks[1].org = "nobody"
    super_regional.tasks[2].name = Text("", "x")
    assert [str(f.shown) for f in found(super_regional, "tasks.unknown_org")] == ["tasks[1].org"]
    assert [str(f.shown) for f in found(super_regional, "tasks.name_missing")] == ["tasks[2].name.ko"]
    super_regional.tasks, super_regional.deliverables = [], []
    assert [str(f.shown) for f in found(super_regional, "tasks.none")] == ["tasks"]


def test_deliverables_in_the_calls_years_and_their_tasks(super_regional):
    p = super_regional
    item = p.deliverables[0]
    task = p.task(item.task)
    task.start, task.end = "2024-03", "2024-10"  # a task of one year inside the call's 2023–2025
    item.year = 2024
    assert not found(p, "deliverables.outside_task")
    for year in (2023, 2025):  # the call's years on either side of the task's
        item.year = year
        assert [str(f.shown) for f in found(p, "deliverables.outside_task")] == ["deliverables[0].year"], year
    item.year = 2026
    assert [str(f.shown) for f in found(p, "deliverables.year_outside")] == ["deliverables[0].year"]
    assert not found(p, "deliverables.outside_task")  # outside the call's years: said once
    item.year = 2024
    item.name = Text("", "")
    assert [str(f.shown) for f in found(p, "deliverables.name_missing")] == ["deliverables[0].name.ko"]


# --- equipment ----------------------------------------------------------------------------------

def test_equipment_items_add_up_to_the_equipment_budget(super_regional):
    p = super_regional
    item = p.equipment[0]
    assert not found(p, "equipment.sum_mismatch")
    item.unit_price_krw += 1
    f = found(p, "equipment.sum_mismatch")
    assert [str(x.shown) for x in f] == ["equipment[0]"] and f[0].values["difference"] == Won(item.quantity)
    assert f[0].message("ko") == ("포항공과대학교 산학협력단, 2023년: 장비 목록 합계는 106,500,001원이나 "
                                  "연구시설·장비비 예산은 106,500,000원입니다. 1원 차이가 납니다.")
    item.unit_price_krw -= 2
    assert found(p, "equipment.sum_mismatch")[0].values["difference"] == Won(item.quantity)


def test_an_equipment_budget_without_items_is_named_at_its_line(super_regional):
    p = super_regional
    org, year = p.equipment[0].org, p.equipment[0].year
    p.equipment = [e for e in p.equipment if (e.org, e.year) != (org, year)]
    f = found(p, "equipment.sum_mismatch")
    line = p.budget.lines[f[0].shown.row(BUDGET_LINES)]
    assert (line.org, line.year, line.category) == (org, year, "equipment")
    budget = sum(b.amount_krw for b in p.budget.lines if (b.org, b.year, b.category) == (org, year, "equipment"))
    assert f[0].values["items"] == Won(0) and f[0].values["difference"] == Won(budget)


def test_items_at_the_review_price_need_a_note(super_regional):
    p = super_regional
    limit = PROFILE.equipment_review.amount_krw
    p.equipment.append(Equipment("x", "postech", 2024, Text("분석기", "Analyser"), quantity=1, unit_price_krw=limit - 1))
    assert not found(p, "equipment.review_note_missing")
    p.equipment[-1].unit_price_krw = limit
    f = found(p, "equipment.review_note_missing")
    assert [str(x.shown) for x in f] == [f"equipment[{len(p.equipment) - 1}].review_note.ko"] and f[0].severity == "warning"
    p.equipment[-1].review_note = Text("기존 장비로는 측정할 수 없음", "")
    assert not found(p, "equipment.review_note_missing")


def test_equipment_of_a_known_organisation_in_the_calls_years(super_regional):
    p = super_regional
    p.equipment[1].org = "nobody"
    p.equipment[2].year = 2026
    p.equipment[3].name = Text("", "x")
    assert [str(f.shown) for f in found(p, "equipment.unknown_org")] == ["equipment[1].org"]
    assert [str(f.shown) for f in found(p, "equipment.year_outside")] == ["equipment[2].year"]
    assert [str(f.shown) for f in found(p, "equipment.name_missing")] == ["equipment[3].name.ko"]


# --- budget justification -----------------------------------------------------------------------

def test_justification_rows_add_up_to_the_line(super_regional):
    p = super_regional
    line = p.budget.lines[0]
    assert not found(p, "budget.items_mismatch")
    line.items.append(BudgetItem("extra", Text("추가", "Extra"), 1, 1))
    f = found(p, "budget.items_mismatch")
    assert [str(x.shown) for x in f] == ["budget.lines[0].items"] and f[0].values["difference"] == Won(1)
    line.items[-1].unit_price_krw = 0
    assert not found(p, "budget.items_mismatch")
    line.amount_krw += 1
    assert found(p, "budget.items_mismatch")[0].values["difference"] == Won(1)
    line.items = []  # a line without rows is not checked
    assert not found(p, "budget.items_mismatch")


# --- organisations ------------------------------------------------------------------------------

def test_the_check_digit():
    assert bizno.check_digit("123456789") == 1  # 165 + (9 × 5) // 10 = 169 → 10 − 9 = 1
    assert bizno.formatted("123456789") == "123-45-67891"
    assert bizno.is_valid("123-45-67891") and bizno.is_valid("1234567891")
    assert not bizno.is_valid("123-45-67890") and not bizno.is_valid("123-45-6789") and not bizno.is_valid("")


def test_registration_numbers(super_regional):
    p = super_regional
    good = p.organisations[0].registration_number
    last = int(good[-1])
    p.organisations[0].registration_number = good[:-1] + str((last + 1) % 10)
    f = found(p, "org.registration_invalid")
    assert [str(x.shown) for x in f] == ["organisations[0].registration_number"]
    # the message says what is wrong, and never gives a number as the example of the form
    wrong_digit = f[0].message("en")
    assert "last digit" in wrong_digit and "000-00-00000" not in wrong_digit
    p.organisations[0].registration_number = "123-45-67890"  # the usual example, typed in: wrong digit
    said = found(p, "org.registration_invalid")[0].message("ko")
    assert said.count("123-45-67890") == 1 and "마지막 자리" in said
    p.organisations[0].registration_number = "12-345-6789"
    said = found(p, "org.registration_invalid")[0].message("en")
    assert "000-00-00000" in said and "ten digits" in said and "last digit" not in said
    p.organisations[0].registration_number = good.replace("-", "")
    assert not found(p, "org.registration_invalid")
    p.organisations[0].registration_number = ""
    f = found(p, "org.registration_missing")
    assert [str(x.shown) for x in f] == ["organisations[0].registration_number"] and f[0].severity == "warning"


# --- the command line ---------------------------------------------------------------------------

def test_validate_json_gives_each_new_finding_with_its_path(tmp_path, super_regional):
    p = super_regional
    i = pi_index(p)
    p.researchers[i].rates[2024] = 100
    p.indicators[0].weight += 1
    path = tmp_path / "p.json"
    exchange_write.write_file(p, str(path))
    run = run_main("validate", str(path), "--json")
    assert run.returncode == 1
    findings = json.loads(run.stdout)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    got = {(f["code"], f["path"]) for f in findings}
    assert ("researchers.rate_over", f"researchers[{i}].rates[2024]") in got
    assert ("indicators.weights_not_100", "indicators") in got
