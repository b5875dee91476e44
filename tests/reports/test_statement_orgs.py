"""The packet's figures by organisation are the statement's: the by-organisation table (each
organisation's shares against the limits of its kind) and the support and share plan (by
organisation and year, with each row's shares), read back from the PDF."""

from __future__ import annotations

import pytest

from forms.model import BudgetLine
from forms.money import EntryUnit, format_in_unit
from forms.rules import validate
from forms.sample import SAMPLES
from forms.values import Pct, round_percent
from reports.export import export_packet
from tests.reports.pdfcheck import all_text, squash


@pytest.fixture(scope="module")
def proposal():
    """The sample with an SME over its kind's government maximum (a share the packet rounds half up,
    as the statement does) and lines of an organisation the consortium does not name."""
    p = SAMPLES["super_regional"]()
    first = min(line.year for line in p.budget.lines)
    p.budget.lines.append(BudgetLine(first, "hanbit", "personnel", "national", 200_000_000))
    p.budget.lines.append(BudgetLine(first, "ghost", "personnel", "own_cash", 12_345_000))
    assert all(line.amount_krw % 1000 == 0 for line in p.budget.lines)  # whole thousands: no decimals
    return p


def _pct(pct: Pct | None, lang: str) -> str:
    """A statement's percentage as a table shows it: rounded as the statement rounds it, decimals kept."""
    return pct.render(lang) if pct is not None else ""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_packet_states_each_organisations_figures_as_the_statement_does(proposal, tmp_path, lang):
    st = validate(proposal).statement
    over = st.org("hanbit")
    assert over.gov_over and _pct(over.gov_pct, lang) == f"{round_percent(over.gov_ratio * 100)}%"  # half up
    assert st.orgs[-1].org_id == "ghost"
    out = tmp_path / f"orgs-{lang}.pdf"
    export_packet(proposal, str(out), lang=lang, draft=True)
    text = all_text(out.read_bytes())

    def won(v: int) -> str:
        return format_in_unit(v, EntryUnit.THOUSAND, lang)

    def name(org_id: str) -> str:
        org = proposal.organisation(org_id)
        return org.name.get(lang) if org is not None else org_id

    # the plan's columns of local funds: the paying regions, applicants first (the sample has no other)
    regions = [c for c in proposal.applicant_regions() if c in st.share_total.local_by_region]
    assert len(regions) == len(st.share_total.local_by_region) == 2
    for o in st.orgs:
        t = o.totals
        # Budget by organisation: the amounts, the government share against its maximum and the
        # cash part of the own share against its minimum.
        # (a row's figures are looked for after the name: a long name may wrap over a page break)
        row = [won(t.gov), won(t.by_source["own_cash"]), won(t.by_source["own_in_kind"]),
               won(t.total), _pct(o.gov_pct, lang), o.gov_limit and f"(≤ {o.gov_limit.render(lang)})",
               _pct(o.cash_pct, lang), o.cash_limit and f"(≥ {o.cash_limit.render(lang)})"]
        figures = squash("".join(c for c in row if c))
        assert squash(name(o.org_id)) in text and figures in text, (o.org_id, row)
        # The support and share plan: each of the organisation's years (and their subtotal) with
        # national, local (each paying region), own cash, in kind, total and the three shares.
        plan = []
        for r in st.share_rows(o.org_id):
            plan.append([str(r.year) if r.year is not None else ("소계" if lang == "ko" else "Subtotal"),
                         won(r.by_source["national"]), *(won(r.local_by_region.get(c, 0)) for c in regions),
                         won(r.by_source["own_cash"]), won(r.by_source["own_in_kind"]), won(r.total),
                         *(_pct(s, lang).removesuffix("%") for s in r.shares)])
        assert len(plan) == (1 if o.org_id == "ghost" else 4)
        at = text.index(figures)  # the plan comes before the by-organisation table
        for cells in plan:
            assert squash("".join(cells)) in text[:at], (o.org_id, cells)
    total, word = st.share_total, "합계" if lang == "ko" else "Total"
    assert squash("".join([word, won(total.by_source["national"]), *(won(total.local_by_region[c]) for c in regions),
                           won(total.by_source["own_cash"]), won(total.by_source["own_in_kind"]), won(total.total),
                           *(_pct(s, lang).removesuffix("%") for s in total.shares)])) in text
    assert squash("".join([word, won(total.gov), won(total.by_source["own_cash"]),
                           won(total.by_source["own_in_kind"]), won(total.total)])) in text
    assert over.gov_limit.render(lang) == "75%" and _pct(over.gov_pct, lang) in text
