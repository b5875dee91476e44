"""Every percentage the app shows is the exact value rounded half up to two decimals, in Korean
and in English; one rounded onto a limit it fails says so."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.budget import matching
from forms.rules import validate
from forms.sample import SAMPLES
from forms.statement import BudgetStatement
from forms.values import Pct

LANGS = ("ko", "en")
_FIGURE = re.compile(r"^(-?\d+(?:\.\d+)?)%")
ratios = st.fractions(min_value=0, max_value=3, max_denominator=10**13)
amounts = st.integers(min_value=0, max_value=10**13)


def _shown(text: str) -> Fraction:
    """The figure a rendered percentage starts with."""
    match = _FIGURE.match(text)
    assert match, text
    return Fraction(Decimal(match.group(1)))


def _is_half_up(shown: Fraction, exact: Fraction) -> bool:
    """``shown`` is ``exact`` to the nearest hundredth, a tie going up."""
    off = shown - exact
    return (shown * 100).denominator == 1 and (abs(off) < Fraction(1, 200) or off == Fraction(1, 200))


@given(ratios, st.sampled_from(LANGS), st.booleans())
def test_a_percentage_is_the_exact_value_rounded_half_up(value, lang, fixed):
    text = Pct(value, fixed=fixed).render(lang)
    assert _is_half_up(_shown(text), value * 100), (value, text)
    assert text == _FIGURE.match(text).group(0)  # the figure and nothing else
    if fixed:
        assert re.fullmatch(r"\d+\.\d\d%", text), text


@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(20909, 100000), "20.91%"), (Fraction(399993, 1000000), "40%"), (Fraction(1, 8), "12.5%"),
    (Fraction(1005, 100000), "1.01%"), (Fraction(1004999, 100000000), "1%"),
])
def test_the_evaluators_figures(value, shown):
    for lang in LANGS:
        assert Pct(value).render(lang) == shown


@given(ratios, st.integers(min_value=0, max_value=100), st.sampled_from(("max", "min")), st.sampled_from(LANGS))
def test_a_figure_rounded_onto_a_limit_it_fails_says_so(value, limit, bound, lang):
    text = Pct(value, limit=Fraction(limit), bound=bound).render(lang)
    exact, shown = value * 100, _shown(text)
    assert _is_half_up(shown, exact)
    fails = exact > limit if bound == "max" else exact < limit
    seems_to_meet = shown <= limit if bound == "max" else shown >= limit
    said = ("반올림" if lang == "ko" else "rounded") in text
    assert said == (fails and seems_to_meet), text
    if said:
        word = {("ko", "max"): "초과", ("ko", "min"): "미만", ("en", "max"): "more than",
                ("en", "min"): "less than"}[lang, bound]
        assert f"{word}" in text and f"{limit}%" in text


@pytest.fixture(scope="module")
def statement() -> BudgetStatement:
    return validate(SAMPLES["super_regional"]()).statement


@given(amounts, amounts, amounts, st.sampled_from(("national", "total")), st.sampled_from(LANGS))
def test_the_statements_local_match_is_rounded_half_up(statement, local, national, own, basis, lang):
    m = matching(local, national, own, Fraction(20), basis)
    ratio = statement.matching_values(m)["ratio"]
    if m.ratio is None:
        return
    text = ratio.render(lang)
    assert _is_half_up(_shown(text), m.ratio * 100), text
    assert (("반올림" if lang == "ko" else "rounded") in text) == (not m.met and _shown(text) >= 20)


@given(amounts, amounts, amounts, amounts, st.sampled_from(LANGS))
def test_the_support_and_share_plans_shares_are_rounded_half_up(national, local, cash, in_kind, lang):
    by_source = {"national": national, "local": local, "own_cash": cash, "own_in_kind": in_kind}
    whole = sum(by_source.values())
    for part, pct in zip((national, local, cash + in_kind), BudgetStatement.source_shares(by_source), strict=True):
        text = pct.render(lang)
        if not whole:
            assert text == "–"
            continue
        assert _is_half_up(_shown(text), Fraction(part * 100, whole)), text


@pytest.mark.parametrize("lang", LANGS)
def test_the_samples_organisation_figures_are_rounded_half_up(statement, lang):
    for o in statement.orgs:
        for pct, ratio in ((o.gov_pct, o.gov_ratio), (o.cash_pct, o.cash_ratio)):
            if ratio is not None:
                assert _is_half_up(_shown(pct.render(lang)), ratio * 100)
    cash = {o.org_id: o.cash_pct.render(lang) for o in statement.orgs if o.cash_ratio is not None}
    assert "40%" in cash.values()  # 39.9993…%: the cash part of a company's own share, no longer 39.99%
