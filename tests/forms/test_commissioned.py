"""A commissioned organisation (위탁연구개발기관) has no budget of its own: its work is the
commissioning organisation's commissioned R&D (위탁연구개발비), under that organisation's 40% cap."""

import json

import pytest

from forms.base.errors import InputError
from forms.files.exchange_read import from_dict
from forms.files.exchange_write import to_dict
from forms.model import BudgetLine, OrgRole
from forms.rules import validate

COMMISSIONED = {"super_regional": ("rist", "postech"), "leap": ("kmbio", "seohae")}


def findings(p, code):
    return [f for f in validate(p).findings if f.code == code]


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_the_samples_book_commissioned_work_as_the_commissioning_organisations_cost(kind, request):
    p = request.getfixturevalue(kind)
    org_id, by = COMMISSIONED[kind]
    org = p.organisation(org_id)
    assert org.role == OrgRole.COMMISSIONED and org.commissioned_by == by
    assert not [line for line in p.budget.lines if line.org == org_id]
    commissioned = [line for line in p.budget.lines if line.category == "commissioned"]
    assert commissioned and {line.org for line in commissioned} == {by}
    # its justification names the commissioned organisation and its task, in both languages
    task = next(t for t in p.tasks if t.org == org_id)
    for line in commissioned:
        (item,) = line.items
        assert org.name.ko in item.item.ko and task.name.ko in item.item.ko
        assert org.name.en in item.item.en and task.name.en in item.item.en
        assert item.amount_krw == line.amount_krw
    report = validate(p)
    assert not report.findings, [f.message("en") for f in report.findings]


def test_lines_of_a_commissioned_organisation_are_an_error_naming_who_commissions_it(super_regional):
    p = super_regional
    p.budget.lines += [BudgetLine(2023, "rist", "personnel", "national", 30_000_000),
                       BudgetLine(2024, "rist", "materials", "national", 12_000_000)]
    (f,) = findings(p, "budget.commissioned_org_lines")
    assert f.is_error
    en, ko = f.message("en"), f.message("ko")
    assert "is commissioned by POSTECH Industry-Academic Cooperation Foundation" in en
    assert "KRW 42,000,000" in en
    assert "포항공과대학교 산학협력단" in ko and "위탁연구개발비" in ko and "42,000,000원" in ko
    assert str(f.shown).startswith("budget.lines[")


def test_lines_of_a_commissioned_organisation_without_a_commissioner_are_an_error(super_regional):
    p = super_regional
    p.organisation("rist").commissioned_by = ""
    p.budget.lines.append(BudgetLine(2023, "rist", "personnel", "national", 5_000_000))
    (f,) = findings(p, "budget.commissioned_org_lines")
    assert "commissioning organisation" in f.message("en") and "KRW 5,000,000" in f.message("en")


@pytest.mark.parametrize(("by", "code"), [
    ("", "org.commissioner_missing"),
    ("nobody", "org.commissioner_unknown"),
    ("rist", "org.commissioner_itself"),
])
def test_a_commissioned_organisation_names_a_valid_commissioner(super_regional, by, code):
    p = super_regional
    p.organisation("rist").commissioned_by = by
    (f,) = findings(p, code)
    assert f.is_error and str(f.shown) == "organisations[3].commissioned_by"
    assert "Research Institute of Industrial Science & Technology" in f.message("en")
    assert "포항산업과학연구원" in f.message("ko")


def test_a_commissioned_organisation_cannot_commission_another(super_regional):
    p = super_regional
    p.organisation("knu").role = OrgRole.COMMISSIONED.value
    p.organisation("knu").commissioned_by = "postech"
    p.budget.lines = [line for line in p.budget.lines if line.org != "knu"]
    p.organisation("rist").commissioned_by = "knu"
    (f,) = findings(p, "org.commissioner_commissioned")
    assert "Kyungpook National University" in f.message("en")


def test_commissioned_rd_at_an_organisation_that_commissions_nobody_is_a_warning(super_regional):
    p = super_regional
    p.budget.lines.append(BudgetLine(2023, "dgist", "commissioned", "national", 1_000_000))
    (f,) = findings(p, "budget.commissioned_nobody")
    assert not f.is_error and "DGIST" in f.message("en") and "KRW 1,000,000" in f.message("en")
    assert str(f.shown).endswith(".category")
    assert not findings(p, "budget.commissioned_org_lines")
    # the commissioning organisation books it without a warning
    p.budget.lines[-1].org = "postech"
    assert not findings(p, "budget.commissioned_nobody")


def test_the_cap_is_forty_percent_of_the_commissioning_organisations_direct_cost_in_cash(super_regional):
    p = super_regional
    totals = validate(p).statement.org("postech").totals
    commissioned = totals.by_category["commissioned"]
    # room up to exactly 40% of the direct cost in cash: c + x = 0.4 (d + x) → x = (0.4 d - c) / 0.6
    room = (4 * totals.direct_cash - 10 * commissioned) // 6
    p.budget.lines.append(BudgetLine(2025, "postech", "commissioned", "national", room))
    assert not findings(p, "budget.commissioned_over")
    # an own share in kind raises the direct cost, but not the base of the cap
    p.budget.lines.append(BudgetLine(2025, "postech", "personnel", "own_in_kind", 500_000_000))
    assert not findings(p, "budget.commissioned_over")
    p.budget.lines[-2].amount_krw += 10
    assert findings(p, "budget.commissioned_over")
    assert "direct cost in cash" in findings(p, "budget.commissioned_over")[0].message("en")


def test_the_exchange_file_keeps_who_commissions_whom(super_regional):
    d = to_dict(super_regional)
    orgs = {o["id"]: o for o in d["organisations"]}
    assert orgs["rist"]["commissioned_by"] == "postech"
    assert "commissioned_by" not in orgs["postech"]  # written only when not empty
    back = from_dict(json.loads(json.dumps(d)))
    assert back.organisation("rist").commissioned_by == "postech"
    assert back.organisation("postech").commissioned_by == ""


def test_the_exchange_file_bounds_the_commissioning_organisations_id(super_regional):
    d = json.loads(json.dumps(to_dict(super_regional)))
    d["organisations"][3]["commissioned_by"] = "x" * 65
    with pytest.raises(InputError) as caught:
        from_dict(d)
    assert "organisations[3].commissioned_by" in str(caught.value)
    d["organisations"][3]["commissioned_by"] = ["postech"]
    with pytest.raises(InputError):
        from_dict(d)
