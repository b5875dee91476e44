"""The justification (산출근거) read back from the packet: each organisation → year → category in one
place, each row with its source (an own share in kind marked ※), and subtotals per category, year
and organisation that are the budget tables' figures, the total last."""

from __future__ import annotations

import pytest

from forms import categories
from forms.model import BudgetItem, BudgetLine
from forms.money import EntryUnit, format_in_unit
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import all_text, squash

_WORDS = {
    "ko": {"heading": "연구개발비산출근거", "category": "{category}소계", "year": "{year}년소계",
           "org": "{org}계", "total": "합계", "note": "※현물:", "local": "지방비(경상북도)", "in_kind": "※현물"},
    "en": {"heading": "Justificationofthebudget", "category": "Subtotal,{category}", "year": "Subtotal,{year}",
           "org": "Total,{org}", "total": "Total", "note": "※Inkind:", "local": "Localfunds(Gyeongsangbuk-do)",
           "in_kind": "※Inkind"},
}


@pytest.fixture(scope="module")
def proposal():
    """The sample, with a second line of an organisation, year and category already budgeted, far
    from the first in the list (the table still shows the category in one place), and a line
    without justification rows (shown with its amount, so the subtotals still add up)."""
    p = SAMPLES["super_regional"]()
    p.budget.lines.append(BudgetLine(2023, "postech", "personnel", "own_cash", 3_000_000,
                                     items=[BudgetItem("late-1", quantity=1, unit_price_krw=3_000_000)]))
    p.budget.lines.append(BudgetLine(2024, "knu", "materials", "own_cash", 2_000_000))
    assert not validate(p).has_errors
    return p


def _section(pdf: bytes, lang: str) -> str:
    text = all_text(pdf)
    w = _WORDS[lang]
    start = text.rindex(w["heading"])  # the chapter, not its line in the contents
    return text[start:text.index(w["note"], start)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_organisation_year_and_category_is_in_one_place_with_subtotals_of_the_budget(proposal, tmp_path, lang):
    st = validate(proposal).statement
    out = tmp_path / f"j-{lang}.pdf"
    export_packet(proposal, str(out), lang=lang, draft=True)
    section = _section(out.read_bytes(), lang)
    w = _WORDS[lang]

    def won(v: int) -> str:
        return format_in_unit(v, EntryUnit.THOUSAND, lang)

    # what each group adds up to, from the lines themselves
    sums: dict[tuple[str, int, str], int] = {}
    for line in proposal.budget.lines:
        key = (line.org, line.year, line.category)
        sums[key] = sums.get(key, 0) + line.amount_krw
    expected: list[str] = []
    for o in st.orgs:
        name = squash(proposal.organisation(o.org_id).name.get(lang))
        expected.append(name)  # the organisation's row
        for row in st.share_rows(o.org_id):
            if row.year is None:
                continue
            codes = [c for c in categories.CATEGORIES if (o.org_id, row.year, c) in sums]
            for code in codes:
                category = squash(categories.name(code, lang))
                expected.append(w["category"].format(category=category) + won(sums[o.org_id, row.year, code]))
            # a year's subtotal is the organisation's row of that year in the support and share plan
            assert sum(sums[o.org_id, row.year, c] for c in codes) == row.total
            expected.append(w["year"].format(year=row.year) + won(row.total))
        # an organisation's total is its total in the budget by organisation
        expected.append(w["org"].format(org=name) + won(o.totals.total))
    expected.append(w["total"] + won(st.share_total.total))
    at = 0
    for text in expected:  # in this order, each after the one before
        found = section.find(text, at)
        assert found >= 0, (text, section[at:at + 300])
        at = found + len(text)
    # the organisation, its years and categories are each in one place only
    for o in st.orgs:
        name = squash(proposal.organisation(o.org_id).name.get(lang))
        assert section.count(w["org"].format(org=name)) == 1
        for row in st.share_rows(o.org_id):
            if row.year is not None:
                assert section.count(w["year"].format(year=row.year)) == len(
                    [x for x in st.orgs if any(r.year == row.year for r in st.share_rows(x.org_id))])
    personnel, student = (section.count(w["category"].format(category=squash(categories.name(c, lang))))
                          for c in ("personnel", "student_personnel"))
    if lang == "ko":  # "학생인건비 소계" ends in "인건비 소계"
        personnel -= student
    assert personnel == len({(org, year) for org, year, code in sums if code == "personnel"})


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_each_row_names_its_source_and_rows_in_kind_are_marked(proposal, tmp_path, lang):
    out = tmp_path / f"s-{lang}.pdf"
    export_packet(proposal, str(out), lang=lang, draft=True)
    section = _section(out.read_bytes(), lang)
    w = _WORDS[lang]
    in_kind = sum(len(line.items) for line in proposal.budget.lines if line.source == "own_in_kind")
    assert in_kind and section.count(w["in_kind"]) == in_kind
    assert w["local"] in section
    # the commissioned organisation's work, in the commissioning organisation's rows: whom, what, how much
    rist, task = proposal.organisation("rist"), next(t for t in proposal.tasks if t.org == "rist")
    first = next(line for line in proposal.budget.lines if line.category == "commissioned")
    row = squash(first.items[0].item.get(lang)) + squash({"ko": "국비", "en": "National funds"}[lang])
    assert squash(rist.name.get(lang)) in row and squash(task.name.get(lang)) in row
    assert row + won_row(first.amount_krw, lang) in section


def won_row(won: int, lang: str) -> str:
    """A one-off row's figures: unit price, quantity 1, 1 month, amount."""
    amount = format_in_unit(won, EntryUnit.THOUSAND, lang)
    return f"{amount}11{amount}"
