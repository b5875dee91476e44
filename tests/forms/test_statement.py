"""The budget statement's figures at their boundaries: one way of rounding, exact won."""

from __future__ import annotations

from fractions import Fraction

import pytest

from forms.budget import matching
from forms.statement import BudgetStatement
from forms.values import Won


@pytest.mark.parametrize(("local", "national", "own", "required"), [
    (0, 4_000, 0, 1_000),  # 1,000 of 5,000 is 20 %
    (999, 4_000, 0, 1_000),
    (1_000, 4_000, 0, 1_000),
    (5_000, 4_000, 1_000, 1_250),  # the required amount does not move as local funds grow
    (0, 1, 0, 1),  # a quarter of a won is still a whole won to add
])
def test_total_basis_requires_the_least_amount_that_meets_the_minimum(local, national, own, required):
    m = matching(local, national, own, Fraction(20), "total")
    assert m.required == required
    assert m.shortfall == max(0, required - local) and m.surplus == max(0, local - required)
    # adding the shortfall meets the minimum exactly; one won less does not
    after = local + m.shortfall
    assert after * 100 >= 20 * (national + own + after)
    if m.shortfall:
        assert (after - 1) * 100 < 20 * (national + own + after - 1)


def test_national_basis_is_a_share_of_the_national_funds():
    m = matching(500, 4_001, 7_000, Fraction(20), "national")
    assert (m.required, m.shortfall, m.surplus, m.ratio) == (801, 301, 0, Fraction(500, 4_001))


@pytest.mark.parametrize(("amounts", "shown"), [
    ({"national": 1, "local": 1, "own_cash": 1, "own_in_kind": 0}, ("33.33%", "33.33%", "33.33%")),
    ({"national": 2, "local": 0, "own_cash": 0, "own_in_kind": 1}, ("66.67%", "0.00%", "33.33%")),
    ({"national": 19999, "local": 1, "own_cash": 0, "own_in_kind": 0}, ("100.00%", "0.01%", "0.00%")),  # .005 up
    ({"national": 0, "local": 0, "own_cash": 0, "own_in_kind": 0}, ("–", "–", "–")),
])
def test_source_shares_are_rounded_half_up_to_two_decimals(amounts, shown):
    assert tuple(p.render("en") for p in BudgetStatement.source_shares(amounts)) == shown


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_match_sentence_of_an_empty_budget_and_of_a_minimum_met_exactly(lang):
    from forms.rules import validate
    from forms.sample import SAMPLES

    p = SAMPLES["super_regional"]()
    p.budget.lines = []
    empty = validate(p).statement.matching_sentence(lang)
    assert "-" not in empty and "–" not in empty
    assert ("아직 편성된 국비가 없어" in empty) if lang == "ko" else empty.startswith("No national funds are budgeted yet")

    p = SAMPLES["super_regional"]()
    st = validate(p).statement
    line = next(x for x in p.budget.lines if x.source == "local")
    line.amount_krw -= st.matching.surplus
    line.items = []
    exact = validate(p).statement
    assert exact.matching.met and exact.matching.surplus == 0
    text = exact.matching_sentence(lang)
    assert ("정확히 충족합니다" in text) if lang == "ko" else "exactly the minimum the call requires" in text
    assert "0원을 초과" not in text and "surplus" not in text
    assert text.count(Won(exact.matching.local).render(lang)) == 1  # the amount met is said once


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_local_funds_at_all_names_the_amount_required_once(lang):
    from forms.rules import validate
    from forms.sample import SAMPLES

    p = SAMPLES["super_regional"]()
    p.budget.lines = [x for x in p.budget.lines if x.source != "local"]
    report = validate(p)
    st = report.statement
    assert st.matching.local == 0 and not st.matching.met
    required = Won(st.matching.required).render(lang)
    for text in (st.matching_sentence(lang),
                 next(f for f in report.findings if f.code == "budget.local_match_short").message(lang)):
        assert text.count(required) == 1, text
        assert ("아직 편성된 지방비가 없습니다" in text) if lang == "ko" else text.startswith("No local funds")


def test_the_total_basis_says_nothing_is_budgeted_yet():
    from forms.rules import validate
    from forms.sample import SAMPLES

    p = SAMPLES["super_regional"]()
    p.budget.lines = []
    st = validate(p).statement
    from dataclasses import replace

    total = replace(st, basis="total")
    assert total.matching_sentence("en").startswith("Nothing is budgeted yet")
    assert "총사업비" in total.matching_sentence("ko")


@pytest.fixture
def mixed():
    """The super-regional sample with its lines in reverse order, local funds from a government
    that is not an applicant, a category the call does not know and a line of an organisation
    the consortium does not name: the tables must not follow the order the lines were typed in."""
    from forms.model import BudgetLine
    from forms.sample import SAMPLES

    p = SAMPLES["super_regional"]()
    year = p.budget.lines[0].year
    p.budget.lines = [*reversed(p.budget.lines),
                      BudgetLine(year, p.organisations[-1].id, "materials", "local", 7_000, region="KR-11"),
                      BudgetLine(year, p.organisations[0].id, "zz_unknown", "national", 11_000),
                      BudgetLine(year + 1, "zz-not-in-consortium", "personnel", "own_cash", 13_000)]
    return p


def _statement(p):
    from forms.profile import load_profile
    from forms.statement import state

    return state(p, load_profile(p.call))


def test_the_table_by_year_and_source_adds_up_the_lines_with_the_paying_regions(mixed):
    from forms.budget import SOURCES

    st = _statement(mixed)
    years = st.summary.years
    assert [row.key for row in st.by_year_source] == list(SOURCES)
    for row in st.by_year_source:
        assert row.by_year == tuple(sum(x.amount_krw for x in mixed.budget.lines if x.source == row.key and x.year == y)
                                    for y in years)
        assert row.total == sum(x.amount_krw for x in mixed.budget.lines if x.source == row.key)
        assert bool(row.parts) == (row.key == "local")
    local = next(row for row in st.by_year_source if row.key == "local")
    # The applicants first, in their order, then the government that is not one of them.
    assert st.paying_regions == ("KR-47", "KR-27", "KR-11") == tuple(part.key for part in local.parts)
    for part in local.parts:
        assert part.total == sum(x.amount_krw for x in mixed.budget.lines if x.source == "local" and x.region == part.key)
        assert part.total > 0
    assert tuple(map(sum, zip(*(part.by_year for part in local.parts), strict=True))) == local.by_year
    assert st.local_of("KR-11") is local.parts[2]
    assert st.local_of("KR-26").by_year == (0,) * len(years)  # a government that pays nothing
    assert st.year_totals.by_year == tuple(sum(x.amount_krw for x in mixed.budget.lines if x.year == y) for y in years)
    assert st.year_totals.total == sum(x.amount_krw for x in mixed.budget.lines)


def test_the_table_by_category_follows_the_categories_order_with_the_direct_costs_subtotal(mixed):
    from forms.categories import CATEGORIES

    st = _statement(mixed)
    table = st.by_category
    used = {x.category for x in mixed.budget.lines}
    known = [c for c in CATEGORIES if c in used and CATEGORIES[c].direct]
    assert [row.codes for row in table.direct] == [(c,) for c in [*known, "zz_unknown"]]
    assert [row.codes for row in table.indirect] == [("indirect",)]
    assert table.rows == (*table.direct, *table.indirect)

    def lines(codes, year=None):
        return [x for x in mixed.budget.lines if x.category in codes and (year is None or x.year == year)]

    for row in (*table.rows, table.direct_total, table.total):
        assert row.by_year == tuple(sum(x.amount_krw for x in lines(row.codes, y)) for y in st.summary.years)
        assert row.in_kind == sum(x.amount_krw for x in lines(row.codes) if x.source == "own_in_kind")
        assert row.cash + row.in_kind == row.total == sum(x.amount_krw for x in lines(row.codes))
    assert table.direct_total.codes == tuple(c for row in table.direct for c in row.codes)
    assert table.total.total == sum(x.amount_krw for x in mixed.budget.lines)


def test_the_organisations_follow_the_consortium_then_the_others(mixed):
    from forms.budget import SOURCES

    st = _statement(mixed)
    named = [o.id for o in mixed.organisations if any(x.org == o.id for x in mixed.budget.lines)]
    assert [o.org_id for o in st.orgs] == [*named, "zz-not-in-consortium"]
    for o in st.orgs:
        assert o.totals.by_source == {src: sum(x.amount_krw for x in mixed.budget.lines
                                               if x.org == o.org_id and x.source == src) for src in SOURCES}
