"""Each rule on both sides of its boundary. Amounts are chosen so that exactly the limit passes
and one won more (or less) fails, with the amount named in the message."""

import dataclasses
import re
from fractions import Fraction

import pytest

from forms.model import BudgetLine, Organisation, RoadmapStage, Text
from forms.profile import load_profile
from forms.rules import RULES, validate

PROFILE = load_profile("msit-mega-2023")


def codes(p, profile=None):
    return [f.code for f in validate(p, profile).findings]


def finding(p, code, profile=None):
    found = [f for f in validate(p, profile).findings if f.code == code]
    assert found, f"expected {code}"
    return found[0]


def with_lines(p, *lines):
    p.budget.lines = [BudgetLine(*line) if isinstance(line, tuple) else line for line in lines]
    return p


def cap_lines(national=5_500_000_000, local_47=None, local_27=None):
    """National funds split over three years and local funds in proportion, for the sample's orgs."""
    per = [national // 3, national // 3, national - 2 * (national // 3)]
    lines = [BudgetLine(y, "postech", "personnel", "national", a) for y, a in zip((2023, 2024, 2025), per, strict=True)]
    for region, amount in (("KR-47", local_47), ("KR-27", local_27)):
        if amount is None:
            continue
        parts = [amount // 3, amount // 3, amount - 2 * (amount // 3)]
        org = "postech" if region == "KR-47" else "knu"
        lines += [BudgetLine(y, org, "materials", "local", a, region) for y, a in zip((2023, 2024, 2025), parts, strict=True)]
    return lines


# --- the samples ------------------------------------------------------------------------------

def test_samples_are_valid_without_warnings(super_regional, leap):
    for p in (super_regional, leap):
        report = validate(p)
        assert report.findings == [], [f.message("en") for f in report.findings]


def test_every_rule_has_a_clause_and_both_languages():
    from forms.base.i18n import fields_of, translate

    for code, rule in RULES.items():
        assert PROFILE.clause(rule.clause) is not None, code
        assert rule.severity in ("error", "warning"), code
        names = {name: "x" for name in fields_of(rule.message)}
        en, ko = translate(rule.message, "en", **names), translate(rule.message, "ko", **names)
        assert en == rule.message.format(**names) and re.search(r"[A-Za-z]{3}", en), code
        assert ko != en and re.search("[\uac00-\ud7a3]", ko), (code, ko)  # translated, not the English


# --- local match --------------------------------------------------------------------------------

def test_local_match_exactly_twenty_percent_passes(super_regional):
    p = with_lines(super_regional, *cap_lines(local_47=700_000_000, local_27=400_000_000))
    assert "budget.local_match_short" not in codes(p)


def test_local_match_one_won_short_fails_with_the_shortfall(super_regional):
    p = with_lines(super_regional, *cap_lines(local_47=700_000_000, local_27=399_999_999))
    f = finding(p, "budget.local_match_short")
    assert f.is_error and str(f.shown) == "budget"
    assert "short of the minimum of 20% (KRW 1,100,000,000) that the call requires. Add KRW 1 of local funds." in f.message("en")
    assert "1원" in f.message("ko") and "1,100,000,000원" in f.message("ko")


def test_local_match_on_total_basis_is_exact(super_regional):
    total_basis = dataclasses.replace(PROFILE, local_basis="total")
    p = with_lines(super_regional, *cap_lines(national=4_000_000_000, local_47=600_000_000, local_27=400_000_000))
    assert "budget.local_match_short" not in codes(p, total_basis)  # 1.0 bn of 5.0 bn = 20 %
    p = with_lines(super_regional, *cap_lines(national=4_000_000_000, local_47=600_000_000, local_27=399_999_999))
    f = finding(p, "budget.local_match_short", total_basis)
    assert "Add KRW 1 " in f.message("en")


def test_a_year_below_twenty_percent_is_a_warning(super_regional):
    lines = cap_lines(local_47=700_000_000, local_27=400_000_000)
    # Move local money from 2023 to 2025: the total still meets 20 %, 2023 does not.
    lines[3].amount_krw -= 100_000_000
    lines[5].amount_krw += 100_000_000
    p = with_lines(super_regional, *lines)
    f = finding(p, "budget.local_match_year_low")
    assert not f.is_error and "2023" in f.message("en")
    assert "budget.local_match_short" not in codes(p)


# --- national cap -------------------------------------------------------------------------------

@pytest.mark.parametrize(("national", "over", "below"), [
    (5_500_000_000, False, False), (5_500_000_001, True, False), (5_499_999_999, False, True)])
def test_national_cap(super_regional, national, over, below):
    p = with_lines(super_regional, *cap_lines(national=national, local_47=800_000_000, local_27=400_000_000))
    found = codes(p)
    assert ("budget.national_over_cap" in found) is over
    assert ("budget.national_below_cap" in found) is below
    if over:
        assert "by KRW 1." in finding(p, "budget.national_over_cap").message("en")
    if below:
        assert "KRW 1 of the" in finding(p, "budget.national_below_cap").message("en")


# --- type and regions ---------------------------------------------------------------------------

def test_super_regional_needs_two_regions(super_regional):
    assert "type.too_few_regions" not in codes(super_regional)
    super_regional.partner_regions = []
    f = finding(super_regional, "type.too_few_regions")
    assert "at least 2" in f.message("en") and "has 1" in f.message("en")


def test_leap_allows_exactly_one_region(leap):
    assert "type.too_many_regions" not in codes(leap)
    leap.partner_regions = ["KR-43"]
    assert "type.too_many_regions" in codes(leap)


def test_partner_equal_to_lead_or_twice(super_regional):
    super_regional.partner_regions = ["KR-47", "KR-27", "KR-27"]
    found = validate(super_regional).findings
    assert [str(f.shown) for f in found if f.code == "region.partner_is_lead"] == ["partner_regions[0]"]
    assert [str(f.shown) for f in found if f.code == "region.partner_twice"] == ["partner_regions[2]"]


def test_capital_region_is_not_eligible(super_regional):
    super_regional.partner_regions = ["KR-11"]
    f = finding(super_regional, "region.not_eligible")
    assert "Seoul" in f.message("en") and "서울특별시" in f.message("ko")


def test_a_region_that_did_not_exist_at_the_call_date(super_regional):
    super_regional.partner_regions = ["KR-GJN"]
    f = finding(super_regional, "region.not_valid_at_date")
    assert "2023" in f.message("en") and "2023. 4. 11." in f.message("ko")


def test_type_and_lead_missing(super_regional):
    super_regional.type = ""
    super_regional.lead_region = ""
    found = codes(super_regional)
    assert "type.missing" in found and "region.lead_missing" in found


# --- organisations ------------------------------------------------------------------------------

def test_organisation_rules(super_regional):
    assert not [c for c in codes(super_regional) if c.startswith("org.")]
    super_regional.organisations[1].role = "lead"
    super_regional.organisations[2].name = Text("", "DGIST")
    super_regional.organisations[3].region = ""
    found = codes(super_regional)
    assert {"org.lead_twice", "org.name_missing", "org.region_missing"} <= set(found)
    for org in super_regional.organisations:
        org.role = "participant"
    assert "org.lead_missing" in codes(super_regional)
    super_regional.organisations = []
    assert "org.none" in codes(super_regional)


# --- budget lines -------------------------------------------------------------------------------

def test_line_rules(super_regional):
    base = cap_lines(local_47=800_000_000, local_27=400_000_000)
    p = with_lines(super_regional, *base,
                   BudgetLine(2026, "postech", "personnel", "national", 0),
                   BudgetLine(2024, "postech", "security_allowance", "national", 0),
                   BudgetLine(2024, "ghost", "personnel", "national", 0),
                   BudgetLine(2024, "postech", "materials", "local", 0),
                   BudgetLine(2024, "postech", "materials", "local", 0, "KR-26"),
                   BudgetLine(2024, "postech", "materials", "national", 0, "KR-47"),
                   BudgetLine(2024, "hanbit", "indirect", "own_in_kind", 0),
                   BudgetLine(2024, "postech", "international", "own_cash", 5))
    n = len(base)
    found = {(f.code, str(f.shown)) for f in validate(p).findings}
    assert ("budget.year_outside", f"budget.lines[{n}].year") in found
    assert ("budget.category_not_allowed", f"budget.lines[{n + 1}].category") in found
    assert ("budget.unknown_org", f"budget.lines[{n + 2}].org") in found
    assert ("budget.local_region_missing", f"budget.lines[{n + 3}].region") in found
    assert ("budget.local_not_applicant", f"budget.lines[{n + 4}].region") in found
    assert ("budget.region_not_local", f"budget.lines[{n + 5}].region") in found
    assert ("budget.in_kind_category", f"budget.lines[{n + 6}].category") in found
    assert ("budget.international_own_share", f"budget.lines[{n + 7}].source") in found


def test_applicant_region_paying_nothing_is_a_warning(super_regional):
    p = with_lines(super_regional, *cap_lines(local_47=1_200_000_000))
    f = finding(p, "budget.region_pays_nothing")
    assert not f.is_error and "Daegu" in f.message("en")


def test_empty_budget(super_regional):
    super_regional.budget.lines = []
    assert "budget.empty" in codes(super_regional)


# --- organisation shares and caps ---------------------------------------------------------------

def company(p, national, cash, in_kind, kind="sme"):
    p.organisations.append(Organisation("co", Text("(주)시험", "Test Co."), kind, "KR-47", "participant"))
    return with_lines(p, *cap_lines(local_47=800_000_000, local_27=400_000_000),
                      BudgetLine(2024, "co", "materials", "national", national),
                      BudgetLine(2024, "co", "materials", "own_cash", cash),
                      BudgetLine(2024, "co", "personnel", "own_in_kind", in_kind))


def test_sme_government_share_at_most_75_percent(super_regional):
    assert "budget.gov_share_over" not in codes(company(super_regional, 750_000, 100_000, 150_000))


def test_sme_government_share_one_won_over(super_regional):
    f = finding(company(super_regional, 750_001, 100_000, 150_000), "budget.gov_share_over")
    assert "At most 75%" in f.message("en") and "KRW 1 short" in f.message("en")


@pytest.mark.parametrize(("kind", "gov", "ok"), [("mid_sized", 700_000, True), ("mid_sized", 700_001, False),
                                                 ("large", 500_000, True), ("large", 500_001, False)])
def test_share_table_by_kind(leap, kind, gov, ok):
    own = 300_000 if kind == "mid_sized" else 500_000
    p = company(leap, gov, own, 0, kind)
    assert ("budget.gov_share_over" not in codes(p)) is ok


def test_own_cash_part(super_regional):
    assert "budget.own_cash_short" not in codes(company(super_regional, 750_000, 25_000, 225_000))
    f = finding(company(super_regional.copy(), 750_000, 24_999, 225_001), "budget.own_cash_short")
    assert "Move KRW 1 " in f.message("en")


def _org_lines(p, *items):
    return with_lines(p, *cap_lines(local_47=800_000_000, local_27=400_000_000),
                      *[BudgetLine(2024, org, cat, "national", amount) for org, cat, amount in items])


def test_research_allowance_cap(super_regional):
    ok = _org_lines(super_regional.copy(), ("knu", "personnel", 1_000_000), ("knu", "allowance", 200_000))
    assert "budget.allowance_over" not in codes(ok)
    bad = _org_lines(super_regional.copy(), ("knu", "personnel", 1_000_000), ("knu", "allowance", 200_001))
    assert "by KRW 1." in finding(bad, "budget.allowance_over").message("en")


def test_commissioned_cap(super_regional):
    ok = _org_lines(super_regional.copy(), ("dgist", "personnel", 600_000), ("dgist", "commissioned", 400_000))
    assert "budget.commissioned_over" not in codes(ok)
    bad = _org_lines(super_regional.copy(), ("dgist", "personnel", 600_000), ("dgist", "commissioned", 400_001))
    assert "by KRW 1." in finding(bad, "budget.commissioned_over").message("en")


def test_for_profit_indirect_cap(super_regional):
    ok = _org_lines(super_regional.copy(), ("hanbit", "materials", 1_000_000), ("hanbit", "indirect", 100_000))
    assert "budget.indirect_over" not in codes(ok)
    bad = _org_lines(super_regional.copy(), ("hanbit", "materials", 1_000_000), ("hanbit", "indirect", 100_001))
    assert "by KRW 1." in finding(bad, "budget.indirect_over").message("en")
    nonprofit = _org_lines(super_regional.copy(), ("knu", "materials", 1_000_000), ("knu", "indirect", 300_000))
    assert "budget.indirect_over" not in codes(nonprofit)


# --- content ------------------------------------------------------------------------------------

def test_sections_present_and_within_limits(super_regional):
    limit = PROFILE.sections["summary"].max_chars
    super_regional.plan["summary"] = Text("가" * limit, "")
    assert not [c for c in codes(super_regional) if c.startswith("content.section")]
    super_regional.plan["summary"] = Text("가" * (limit + 1), "")
    f = finding(super_regional, "content.section_long")
    assert "1 over the limit" in f.message("en") and str(f.shown) == "plan.summary.ko"
    assert f"{limit:,}" in f.message("en") and f"{limit:,}" in f.message("ko")  # digits grouped: 4,000
    super_regional.plan["summary"] = Text("", "Only English")
    assert str(finding(super_regional, "content.section_missing").shown) == "plan.summary.ko"
    minimum = PROFILE.sections["summary"].min_chars
    super_regional.plan["summary"] = Text("가" * (minimum - 1), "")
    assert not finding(super_regional, "content.section_short").is_error
    super_regional.title = Text("", "x")
    assert "content.title_missing" in codes(super_regional)


def test_roadmap_rules(super_regional):
    stages = super_regional.roadmap
    assert not [c for c in codes(super_regional) if c.startswith("content.roadmap")]
    stages[2].end_year = 2033  # 11 years
    assert "content.roadmap_too_long" in codes(super_regional)
    stages[2].end_year = 2032
    stages[1].start_year = 2027
    assert str(finding(super_regional, "content.roadmap_order").shown) == "roadmap[1]"
    stages[1].start_year = 2026
    stages[0].end_year = 2024
    assert "content.roadmap_pilot" in codes(super_regional)
    super_regional.roadmap = [RoadmapStage(1, 2023, 2025, Text("", ""))]
    assert "content.roadmap_goal_missing" in codes(super_regional)
    super_regional.roadmap = []
    assert "content.roadmap_missing" in codes(super_regional)


# --- policy hints -------------------------------------------------------------------------------

def test_international_share_target(super_regional):
    lines = cap_lines(local_47=800_000_000, local_27=400_000_000)
    gov = 5_500_000_000 + 1_200_000_000
    intl = gov * 15 // 100  # exactly 15 %
    lines[0].amount_krw -= intl
    lines.append(BudgetLine(2023, "postech", "international", "national", intl))
    p = with_lines(super_regional, *lines)
    assert "policy.international_share" not in codes(p)
    lines[-1].amount_krw -= 1
    lines[0].amount_krw += 1
    f = finding(p, "policy.international_share")
    assert not f.is_error and "not a rule of the call" in f.message("en")


def test_company_own_share_hint(super_regional):
    assert "policy.company_own_share" not in codes(company(super_regional.copy(), 670_000, 330_000, 0))
    f = finding(company(super_regional.copy(), 660_000, 340_000, 0), "policy.company_own_share")
    assert "34.00%" in f.message("en") and not f.is_error


def test_profile_can_change_a_severity(super_regional):
    strict = dataclasses.replace(PROFILE, severity={"budget.national_below_cap": "error"})
    p = with_lines(super_regional, *cap_lines(national=5_000_000_000, local_47=800_000_000, local_27=400_000_000))
    assert finding(p, "budget.national_below_cap", strict).is_error
    assert not finding(p, "budget.national_below_cap").is_error


def test_ratios_are_exact_fractions(super_regional):
    # 1/3 and 1/5 have no exact binary fraction: a float ratio would miss them by a hair.
    p = with_lines(super_regional, *cap_lines(national=3_300_000_003, local_47=660_000_003, local_27=None))
    m = validate(p).summary.total_matching
    assert m.ratio == Fraction(660_000_003, 3_300_000_003) and isinstance(m.ratio, Fraction)
    p = with_lines(super_regional, *cap_lines(national=3_000_000_000, local_47=600_000_000, local_27=None))
    m = validate(p).summary.total_matching
    assert m.ratio == Fraction(1, 5) and m.met and m.surplus == 0 and m.required == 600_000_000


def test_percentages_never_seem_to_meet_a_limit_they_fail():
    from forms.values import Pct

    # half up, and a figure rounded onto the limit it fails says so
    assert Pct(Fraction(199999, 1000000), limit=Fraction(20), bound="min").render("en") == \
        "20.00% (rounded, in fact less than 20%)"
    assert Pct(Fraction(199999, 1000000), limit=Fraction(20), bound="min").render("ko") == \
        "20.00%(반올림한 값, 20% 미만)"
    assert Pct(Fraction(750001, 1000000), limit=Fraction(75), bound="max").render("en") == \
        "75.00% (rounded, in fact more than 75%)"
    assert Pct(Fraction(199999, 1000000), limit=Fraction(15), bound="min").render("en") == "20.00%"  # meets it
    assert Pct(Fraction(19949, 100000), limit=Fraction(20), bound="min").render("en") == "19.95%"  # seen to fail
    assert Pct(Fraction(21, 100)).render("en") == "21.00%"  # a share: both places, always
    assert Pct(Fraction(2, 3)).render("en") == "66.67%"


def test_a_limit_reads_as_the_call_writes_it_never_rounded_toward_a_figure():
    from forms.values import Pct

    # a limit with more decimals than a share shows is written out whole, not rounded onto 33.33%
    # or up to 33.34%, so a share that fails it never reads as equal to it
    assert Pct.of_limit(Fraction("33.334")).render("en") == "33.334%"
    assert Pct.of_limit(Fraction("33.335")).render("ko") == "33.335%"
    assert Pct.of_limit(Fraction("33.3")).render("en") == "33.3%" and Pct.of_limit(20).render("en") == "20%"
    failing = Pct(Fraction(333335, 1000000), limit=Fraction("33.334"), bound="min")
    assert failing.render("en") == "33.33%" and failing.render("en") != Pct.of_limit(Fraction("33.334")).render("en")
    # a limit with no end to its decimals (a third) says in words that it is rounded
    assert Pct.of_limit(Fraction(100, 3)).render("en") == "33.33% (rounded)"
    assert Pct.of_limit(Fraction(100, 3)).render("ko") == "33.33%(반올림한 값)"
    # and a share that fails it but shows its figure says so
    third = Pct(Fraction(33332, 100000), limit=Fraction(100, 3), bound="min")
    assert third.render("en") == "33.33% (rounded, in fact less than 33.33% (rounded))"
    assert Pct(Fraction(33334, 100000), limit=Fraction(100, 3), bound="min").render("en") == "33.33%"  # meets it


def test_a_local_match_minimum_with_three_decimals_reads_whole_in_the_sentence(super_regional):
    profile = dataclasses.replace(PROFILE, local_min=Fraction("20.125"))
    st = validate(super_regional, profile).statement
    for lang in ("en", "ko"):
        sentence = st.matching_sentence(lang)
        assert "20.125%" in sentence and "20.13%" not in sentence and "20.12%" not in sentence, sentence


def test_government_share_over_the_limit_shows_above_it(super_regional):
    f = finding(company(super_regional, 750_001, 100_000, 150_000), "budget.gov_share_over")
    assert "75.00% (rounded, in fact more than 75%)" in f.message("en") and "At most 75%" in f.message("en")
    assert "75.00%(반올림한 값, 75% 초과)" in f.message("ko")


def test_every_rule_reads_without_a_proposal_in_both_languages():
    """Help lists the call's rules with each value named by what it stands for, never as {field}."""
    from forms.base.i18n import fields_of
    from forms.rules import RULES
    from forms.rules.base import FIELD_LABELS, message_template

    for rule in RULES.values():
        assert fields_of(rule.message) <= set(FIELD_LABELS), rule.code
        for lang in ("ko", "en"):
            text = message_template(rule, lang)
            assert "{" not in text and "}" not in text and "‹" in text or not fields_of(rule.message), (rule.code, text)
    assert message_template(RULES["budget.local_match_short"], "ko").startswith("지방비 ‹지방비›")
