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
    ({"national": 1, "local": 1, "own_cash": 1, "own_in_kind": 0}, ("33.3%", "33.3%", "33.3%")),
    ({"national": 2, "local": 0, "own_cash": 0, "own_in_kind": 1}, ("66.7%", "0.0%", "33.3%")),
    ({"national": 1999, "local": 1, "own_cash": 0, "own_in_kind": 0}, ("100.0%", "0.1%", "0.0%")),  # 0.05 up
    ({"national": 0, "local": 0, "own_cash": 0, "own_in_kind": 0}, ("–", "–", "–")),
])
def test_source_shares_are_rounded_half_up_to_one_decimal(amounts, shown):
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
