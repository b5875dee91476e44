"""Each finding in a few words with its key figure: the checklist of what a step still needs. Every
rule has a short label, and its figures are the finding's own, as its message writes them."""

import dataclasses

import pytest

from forms.base.i18n import fields_of, translate
from forms.bizno import check_digit
from forms.model import BudgetLine, Organisation, Proposal, ResearcherRole, Text
from forms.rules import RULES, validate
from forms.rules.short import BY_TEMPLATE, SHORT, short_label, short_template

#: Values a label may name beyond its rule's message: figures said otherwise there.
EXTRA = {"indicators.weights_not_100": {"points"}}


def test_every_rule_has_a_short_label_naming_only_its_values():
    missing = sorted(set(RULES) - set(SHORT))
    assert not missing, f"rules without a short label: {missing}"
    assert not set(SHORT) - set(RULES), "a short label for no rule"
    for code, rule in RULES.items():
        short = SHORT[code]
        assert fields_of(short) <= fields_of(rule.message) | EXTRA.get(code, set()), code
        for lang in ("ko", "en"):
            names = {name: "x" for name in fields_of(short)}
            text, whole = translate(short, lang, **names), translate(rule.message, lang, **{n: "x" for n in fields_of(rule.message)})
            assert text and "{" not in text and len(text) < len(whole), (code, lang, text)
            assert not text.endswith((".", "다")), (code, lang, text)  # a line of a list, not a sentence
    for template, short in BY_TEMPLATE.items():
        assert fields_of(short) <= fields_of(template)


def _broken(p: Proposal) -> Proposal:
    """The sample with a finding of many kinds: weights off, no principal investigator, a company
    paid too much by the state, national funds over the cap, a section too long."""
    p.indicators[0] = dataclasses.replace(p.indicators[0], weight=p.indicators[0].weight - 10)
    for r in p.researchers:
        if r.role == ResearcherRole.PRINCIPAL:
            r.role = ResearcherRole.RESEARCHER.value
    p.organisations.append(Organisation("co", Text("(주)시험", "Test Co."), "sme", "KR-47", "participant",
                                        registration_number=WRONG_DIGIT))
    p.budget.lines += [BudgetLine(2024, "co", "materials", "national", 6_000_000_000),
                       BudgetLine(2024, "co", "materials", "own_cash", 100)]
    key = next(iter(p.plan))
    p.plan[key] = Text(p.plan[key].ko + "가" * 20_000, p.plan[key].en)
    return p


def _broken_more(p: Proposal) -> Proposal:
    """The sample with findings on every kind of record."""
    p.partner_regions += [p.lead_region, ""]
    p.organisations[1].region = ""
    p.roadmap[0].goal = Text()
    p.roadmap[-1].end_year = p.roadmap[-1].start_year - 1
    p.researchers[0].rates[2030] = 10
    p.researchers[1].rates = {y: 100 for y in p.researchers[1].rates}
    p.researchers[2].national_number = "12"
    p.indicators[0].targets[2030] = Text("1", "1")
    p.tasks[0].org = "nobody"
    p.tasks[1].end = "2021-01"
    p.deliverables[0].year = 2030
    p.equipment[0].year = 2030
    p.budget.lines[0].year = 2030
    p.budget.lines.append(BudgetLine(2024, "nobody", "commissioned", "national", 1_000))
    return p


def labels(p: Proposal, lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in validate(p).findings:
        out.setdefault(f.code, []).append(short_label(f, lang))
    return out


def test_a_broken_sample_reads_as_a_short_checklist(super_regional):
    p = _broken(super_regional)
    en, ko = labels(p, "en"), labels(p, "ko")
    assert en["indicators.weights_not_100"] == ["Indicator weights total 90/100"]
    assert ko["indicators.weights_not_100"] == ["성과지표 가중치 합 90/100"]
    assert en["researchers.pi_missing"] == ["No principal investigator"]
    assert ko["researchers.pi_missing"] == ["연구책임자 없음"]
    report = validate(p)
    excess = report.summary.national_excess
    # the cap itself is stated by the Budget page's cap line, which the checklist sits under
    assert en["budget.national_over_cap"] == [f"National funds KRW {excess:,} over the cap"]
    share = next(f for f in report.findings if f.code == "budget.gov_share_over")
    ratio = share.values["ratio"].render("ko")
    assert ko["budget.gov_share_over"] == [f"(주)시험: 공공재원 비율 {ratio} (최대 75%)"]
    assert ratio.endswith("%") and float(ratio.rstrip("%")) > 75
    long = next(f for f in report.findings if f.code == "content.section_long")
    count, most = long.values["count"].value, long.values["max"].value
    assert en["content.section_long"][0].endswith(f": {count:,}/{most:,} characters")
    assert ko["content.section_long"][0].endswith(f"): {count:,}/{most:,}자")


def test_a_label_says_the_figures_its_message_says(super_regional, leap):
    """Every value a label names reads as in the finding's message (the same formatting), for the
    findings of a blank proposal and of broken samples."""
    seen = set()
    for p in (Proposal(), _broken(super_regional), _broken_more(leap)):
        for f in validate(p).findings:
            template = short_template(f)
            for lang in ("ko", "en"):
                label, message = short_label(f, lang), f.message(lang)
                for name in fields_of(template) & fields_of(f.template or f.rule.message):
                    value = f.values[name]
                    shown = value.render(lang) if hasattr(value, "render") else str(value)
                    assert shown in label and shown in message, (f.code, name, shown, label)
            seen.add(f.code)
    assert len(seen) > 30, sorted(seen)


WRONG_DIGIT = "123-45-6789" + str((check_digit("123456789") + 1) % 10)


@pytest.mark.parametrize("number", [WRONG_DIGIT, "12-345"])
def test_a_registration_number_mistyped_or_malformed_says_which(super_regional, number):
    super_regional.organisations[0].registration_number = number
    f = next(f for f in validate(super_regional).findings if f.code == "org.registration_invalid")
    label = short_label(f, "en")
    assert number in label
    assert ("check digit" in label) == (number == WRONG_DIGIT)
