"""Every percentage the app shows is the exact value rounded half up to the places of its kind (a
share of money two, a participation rate and a weight none, a limit as the call writes it), every
place shown, in Korean and in English, in the window, the rules' messages and the packet alike; one
rounded onto a limit it fails says so."""

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
from forms.values import PLACES, RATE, SHARE, WEIGHT, Pct

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


@given(ratios, st.sampled_from(LANGS))
def test_a_share_is_the_exact_value_rounded_half_up_with_both_places(value, lang):
    text = Pct(value).render(lang)
    assert _is_half_up(_shown(text), value * 100), (value, text)
    assert re.fullmatch(r"\d+\.\d\d%", text), text  # the figure and nothing else, both places shown


@given(st.fractions(min_value=0, max_value=300, max_denominator=1000), st.sampled_from((RATE, WEIGHT)),
       st.sampled_from(LANGS))
def test_a_rate_or_a_weight_is_whole(value, kind, lang):
    text = Pct(value, percent=True, kind=kind).render(lang)
    assert re.fullmatch(r"\d+%", text), text
    assert abs(Fraction(int(text[:-1])) - value) <= Fraction(1, 2)


@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(20909, 100000), "20.91%"), (Fraction(399993, 1000000), "40.00%"), (Fraction(1, 8), "12.50%"),
    (Fraction(1005, 100000), "1.01%"), (Fraction(1004999, 100000000), "1.00%"),
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
    assert "40.00%" in cash.values()  # 39.9993…%: the cash part of a company's own share, no longer 39.99%


_ANY = re.compile(r"(\d+(?:\.\d+)?)%")


@pytest.mark.parametrize("lang", LANGS)
def test_each_kind_is_printed_with_its_places_in_the_messages(lang):
    """The rules' messages and the statement's sentences (which the Budget page and the packet print
    as they are) write each kind with its places: shares 20.91% and 100.00%, rates and weights whole,
    the call's limits as it writes them."""
    p = SAMPLES["super_regional"]()
    p.indicators[0].weight -= 10  # the weights add up to 90%
    pi = next(r for r in p.researchers if r.role == "principal")
    pi.rates[max(pi.rates)] = 19  # below the principal investigator's minimum of 20%
    report = validate(p)
    weights = next(f for f in report.findings if f.code == "indicators.weights_not_100").message(lang)
    assert sorted(m.group(0) for m in _ANY.finditer(weights)) == ["10%", "100%", "90%"]
    rate = next(f for f in report.findings if f.code == "researchers.pi_rate_low").message(lang)
    assert sorted(m.group(0) for m in _ANY.finditer(rate)) == ["1%", "19%", "20%"]
    st = report.statement
    assert _ANY.findall(st.cap_sentence(lang)) == ["100.00"]  # a share of the cap: both places
    assert sorted(_ANY.findall(st.matching_sentence(lang))) == ["20", "20.91"]  # a share; the call's limit
    for o in st.orgs:
        for share in (o.gov_pct, o.cash_pct):
            assert re.fullmatch(r"\d+\.\d\d%|–", share.render(lang))
        for limit in (o.gov_limit, o.cash_limit):
            assert limit is None or re.fullmatch(r"\d+%", limit.render(lang))
    assert PLACES == {SHARE: 2, RATE: 0, WEIGHT: 0, "limit": 0}
