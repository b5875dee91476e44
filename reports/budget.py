"""The budget chapter: every figure comes from ``forms.budget.summarise`` (through the validation
report); this module only lays the figures out in the packet's unit."""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table

from forms import categories
from forms.budget import SOURCES
from forms.i18n import N_
from forms.model import label
from forms.money import english_words, format_won, official_form
from forms.values import Pct
from reports.chart import year_chart
from reports.context import Packet
from reports.fonts import GOTHIC
from reports.sections import grid
from reports.styles import FRAME_WIDTH, TABLE_SIZE


def _num_style(pk: Packet, texts: list[str], width: float):  # noqa: ANN202
    """The table's number style, one size smaller at a time until the widest figure fits."""
    widest = max((stringWidth(t, GOTHIC, TABLE_SIZE) for t in texts), default=0)
    size = TABLE_SIZE
    while size > 5.5 and widest * size / TABLE_SIZE > width - 8:
        size -= 0.5
    if size == TABLE_SIZE:
        return pk.styles.cell_num
    style = pk.styles.cell_num.clone("cell_num_fit", fontSize=size, leading=size * 1.35)
    return style


def _amount_table(pk: Packet, head: list[str], rows: list[tuple[str, list[int], bool]], label_width: float,
                  where: str = "") -> Table:
    """A table of a label column and amount columns; rows flagged True are totals (bold, shaded)."""
    s = pk.styles
    ncols = len(head) - 1
    width = (FRAME_WIDTH - label_width) / max(ncols, 1)
    texts = [[pk.amount(v) for v in values] for _l, values, _t in rows]
    num = _num_style(pk, [t for row in texts for t in row], width)
    bold = num.clone("cell_num_bold", fontName=s.cell_bold.fontName)
    data = [[pk.cell(h, s.cell_head) for h in head]]
    totals = 0
    for (name, _values, total), shown in zip(rows, texts, strict=True):
        data.append([pk.cell(name, s.cell_bold if total else s.cell, where)]
                    + [pk.cell(t, bold if total else num) for t in shown])
        totals = totals + 1 if total else 0
    table = Table(data, colWidths=[label_width] + [width] * ncols, repeatRows=1)
    table.setStyle(grid(total_rows=totals))
    return table


def budget(pk: Packet) -> list:
    story: list = [*pk.chapter(pk.tr(N_("Budget")), "budget")]
    story += _by_year_source(pk)
    story += _matching(pk)
    story += _by_category(pk)
    story += _by_org(pk)
    chart = year_chart(pk)
    # The heading and unit stay on the chart's page: break first unless the chart fits below.
    story += pk.subheading(pk.tr(N_("Budget by year: chart")), "budget-chart", keep=chart.height + 20 * mm)
    story.append(pk.unit_note())
    story.append(chart)
    return story


def _years_head(pk: Packet, first: str) -> list[str]:
    return [first, *(str(y) for y in pk.summary.years), pk.tr(N_("Total"))]


def _by_year_source(pk: Packet) -> list:
    sm = pk.summary
    rows: list[tuple[str, list[int], bool]] = []
    for source in SOURCES:
        rows.append((label(source, pk.lang), [sm.by_year_source.get((y, source), 0) for y in sm.years]
                     + [sm.source_total(source)], False))
        if source == "local":
            for region in _paying_regions(pk):
                rows.append(("  · " + pk.region(region),
                             [sm.local_by_region_year.get((region, y), 0) for y in sm.years]
                             + [sm.local_by_region.get(region, 0)], False))
    rows.append((pk.tr(N_("Total")), [sm.year_total(y) for y in sm.years] + [sm.total], True))
    table = _amount_table(pk, _years_head(pk, pk.tr(N_("Source"))), rows, 46 * mm)
    # The Korean official form is what the amount says on a Korean document, in either language;
    # an English packet adds the English words beside it.
    words = official_form(sm.national) if pk.lang == "ko" else f"{official_form(sm.national)}, {english_words(sm.national)}"
    national = pk.para(pk.tr(N_("National funds in words: {amount} (the call's cap: {cap})"),
                             amount=words, cap=format_won(sm.national_cap, pk.lang)),
                       pk.styles.words)
    return [*pk.subheading(pk.tr(N_("Budget by year and source")), "budget-year-source"), pk.unit_note(), table,
            national]


def _paying_regions(pk: Packet) -> list[str]:
    applicants = pk.proposal.applicant_regions()
    paying = set(pk.summary.local_by_region)
    return [c for c in applicants if c in paying] + sorted(paying - set(applicants))


def _matching(pk: Packet) -> list:
    st, s = pk.statement, pk.styles
    head = [N_("Year"), N_("Basis"), N_("Local funds"), N_("Required"), N_("Ratio"), N_("Surplus (shortfall)")]
    data_rows = [(str(year), st.years[year]) for year in pk.summary.years]
    data_rows.append((pk.tr(N_("Total")), st.matching))
    width = (FRAME_WIDTH - 24 * mm) / 5
    texts = [pk.amount(x) for _y, ym in data_rows for x in (ym.basis_amount, ym.local, ym.required,
                                                              max(ym.surplus, ym.shortfall))]
    num = _num_style(pk, texts, width)
    data = [[pk.cell(pk.tr(h), s.cell_head) for h in head]]
    for year, ym in data_rows:
        diff = pk.amount(ym.surplus) if ym.met else f"({pk.amount(ym.shortfall)})"
        data.append([pk.cell(year, s.cell_head), pk.cell(pk.amount(ym.basis_amount), num),
                     pk.cell(pk.amount(ym.local), num), pk.cell(pk.amount(ym.required), num),
                     pk.cell(_fixed(st.matching_values(ym)["ratio"], pk.lang), num), pk.cell(diff, num)])
    table = Table(data, colWidths=[24 * mm] + [width] * 5, repeatRows=1)
    table.setStyle(grid(total_rows=1))
    return [*pk.subheading(pk.tr(N_("Matching funds")), "budget-matching"),
            pk.para(st.matching_sentence(pk.lang), s.statement), pk.unit_note(), table, Spacer(1, 4)]


def _fixed(pct: Pct, lang: str) -> str:
    """A statement's percentage in a table: rounded as the statement rounds it, both decimals kept."""
    return replace(pct, fixed=True).render(lang)


def _by_category(pk: Packet) -> list:
    sm = pk.summary
    codes = {c for c, _y in sm.by_category_year}
    ordered = [c for c in categories.CATEGORIES if c in codes] + sorted(codes - set(categories.CATEGORIES))
    rows = [(categories.name(c, pk.lang), [sm.by_category_year.get((c, y), 0) for y in sm.years]
             + [sm.category_total(c)], False) for c in ordered]
    rows.append((pk.tr(N_("Total")), [sm.year_total(y) for y in sm.years] + [sm.total], True))
    table = _amount_table(pk, _years_head(pk, pk.tr(N_("Category"))), rows, 46 * mm)
    return [*pk.subheading(pk.tr(N_("Budget by category and year")), "budget-category"), pk.unit_note(), table]


def _by_org(pk: Packet) -> list:
    sm, s, p = pk.summary, pk.styles, pk.proposal
    head = [N_("Organisation"), N_("Government (national + local)"), N_("Own share (cash)"),
            N_("Own share (in kind)"), N_("Total"), N_("Government share (maximum)"), N_("Cash in own share (minimum)")]
    widths = [38 * mm, 24 * mm, 21 * mm, 21 * mm, 24 * mm, 21 * mm, 21 * mm]
    texts = [pk.amount(v) for t in sm.by_org.values() for v in (t.gov, t.total)]
    num = _num_style(pk, texts, 24 * mm)
    data = [[pk.cell(pk.tr(h), s.cell_head) for h in head]]
    for o in pk.statement.orgs:
        t = o.totals
        org = p.organisation(o.org_id)
        name = pk.text(org.name) if org else o.org_id
        gov = [_fixed(o.gov_pct, pk.lang)]
        cash = [_fixed(o.cash_pct, pk.lang)]
        if o.gov_max is not None:
            gov.append(f"(≤ {Pct(o.gov_max, percent=True).render(pk.lang)})")
        if o.own_cash_min is not None:
            cash.append(f"(≥ {Pct(o.own_cash_min, percent=True).render(pk.lang)})")
        data.append([pk.cell(name, where="organisations"), pk.cell(pk.amount(t.gov), num),
                     pk.cell(pk.amount(t.by_source["own_cash"]), num), pk.cell(pk.amount(t.by_source["own_in_kind"]), num),
                     pk.cell(pk.amount(t.total), num), pk.lines(gov, num), pk.lines(cash, num)])
    bold = num.clone("cell_num_total", fontName=s.cell_bold.fontName)
    data.append([pk.cell(pk.tr(N_("Total")), s.cell_bold), pk.cell(pk.amount(sm.national + sm.local), bold),
                 pk.cell(pk.amount(sm.source_total("own_cash")), bold),
                 pk.cell(pk.amount(sm.source_total("own_in_kind")), bold), pk.cell(pk.amount(sm.total), bold), "", ""])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(grid(total_rows=1))
    note = pk.para(pk.tr(N_("The government share is measured on each organisation's R&D cost without "
                            "international joint R&D; the figures in brackets are the call's limits.")), s.note)
    return [*pk.subheading(pk.tr(N_("Budget by organisation")), "budget-org"), pk.unit_note(), table, note]
