"""The budget chapter as the standard form lays it out: every figure and every order of rows
comes from the budget statement (``forms.statement``, through the validation report) and its
tables; this module only places the figures, in the packet's unit, into blocks of the description."""

from __future__ import annotations

from forms import categories
from forms.base.i18n import N_, NC_
from forms.fieldpath import ORGANISATIONS
from forms.model import label
from forms.money import format_in_unit, format_won, written_form
from forms.statement import CategoryRow, ShareRow
from reports import content
from reports.context import Packet

Row = list[content.Cell | None]


def table(pk: Packet, name: str) -> list[content.Block]:
    """The blocks of one of the budget's tables, by the name the call's form gives it
    (``forms.profile.BUDGET_TABLES``); its heading is the form's item that prints it."""
    make = {"budget.support_share": _support_and_share, "budget.category": _by_category,
            "budget.year_source": _by_year_source, "budget.matching": _matching, "budget.org": _by_org,
            "budget.chart": _chart}[name]
    return make(pk)


def _chart(pk: Packet) -> list[content.Block]:
    return [content.Figure(year_chart(pk), unit=pk.unit_label())]


def _years(pk: Packet) -> list[str]:
    return [str(y) for y in pk.summary.years]


def _amounts(pk: Packet, values: list[int], total: bool = False) -> Row:
    return [pk.cell(pk.amount(v), "total_num" if total else "num") for v in values]


def _by_year_source(pk: Packet) -> list[content.Block]:
    st, sm = pk.statement, pk.summary
    rows: list[Row] = [[pk.cell(pk.tr(N_("Source")), "head"), *(pk.cell(y, "head") for y in _years(pk)),
                        pk.cell(pk.tr(N_("Total")), "head")]]
    for source in st.by_year_source:
        rows.append([pk.cell(label(source.key, pk.lang)), *_amounts(pk, [*source.by_year, source.total])])
        for region in source.parts:
            rows.append([pk.cell("· " + pk.region(region.key)), *_amounts(pk, [*region.by_year, region.total])])
    total = st.year_totals
    rows.append([pk.cell(pk.tr(N_("Total")), "total"), *_amounts(pk, [*total.by_year, total.total], total=True)])
    table = content.Table(rows, [46, *([None] * (len(sm.years) + 1))], unit=pk.unit_label(), total_rows=1)
    # 금5,500,000,000원(금오십오억원) on a Korean document; KRW and English words on an English one.
    words = written_form(sm.national, pk.lang)
    national = pk.para(pk.tr(N_("National funds in words: {amount} (the call's cap: {cap})"),
                             amount=words, cap=format_won(sm.national_cap, pk.lang)), "words")
    return [table, national]


def _matching(pk: Packet) -> list[content.Block]:
    st = pk.statement
    m = st.matching
    rows: list[Row] = [pk.heads(N_("Year"), N_("Basis"), N_("Local funds"), N_("Required"), N_("Ratio"),
                                N_("Surplus (shortfall)"))]
    for name, ym, total in [*((str(y), st.years[y], False) for y in pk.summary.years), (pk.tr(N_("Total")), m, True)]:
        num = "total_num" if total else "num"
        rows.append([pk.cell(name, "total" if total else "head"), pk.cell(pk.amount(ym.basis_amount), num),
                     pk.cell(pk.amount(ym.local), num), pk.cell(pk.amount(ym.required), num),
                     pk.cell(st.matching_values(ym)["ratio"].render(pk.lang), num),
                     pk.cell(pk.amount(ym.surplus if ym.met else -ym.shortfall), num)])
    note = pk.tr(NC_("plan", "△ marks a shortfall."))
    table = content.Table(rows, [24, None, None, None, None, None], unit=pk.unit_label(), total_rows=1, notes=[note])
    return [pk.para(st.matching_sentence(pk.lang, plan=True), "statement"), table]


def _support_and_share(pk: Packet) -> list[content.Block]:
    """The support and share plan by organisation and year: national support, each paying
    region's local funds in its own column, the organisation's own cash and in kind, the total,
    and each share in % (government support, local governments, the organisation)."""
    st = pk.statement
    regions_ = st.paying_regions
    n_local = max(len(regions_), 1)
    # (an organisation's name row | None, the year or "Subtotal" / "Total", the statement's row, bold)
    records: list[tuple[content.Cell | None, content.Cell | None, ShareRow | None, bool]] = []
    for o in st.orgs:
        # The organisation's name is a row of its own across the table (a name of any length
        # wraps there), followed by its years and, over several years, its subtotal.
        records.append((_org_name(pk, o.org_id), None, None, False))
        for row in st.share_rows(o.org_id):
            year = pk.cell(str(row.year), "num") if row.year is not None else pk.cell(pk.tr(N_("Subtotal")), "total")
            records.append((None, year, row, row.year is None))
    records.append((None, pk.cell(pk.tr(N_("Total")), "total"), st.share_total, True))

    def amounts(row: ShareRow, total: bool) -> Row:
        values = row.by_source
        locals_ = [row.local_by_region.get(r, 0) for r in regions_] or [0]
        return _amounts(pk, [values["national"], *locals_, values["own_cash"], values["own_in_kind"], row.total], total)

    def shares(row: ShareRow, total: bool) -> Row:  # in %, as the column's head says
        return [pk.cell(share.render(pk.lang).removesuffix("%"), "total_num" if total else "num")
                for share in row.shares]

    # The shares (%) take three columns; when the figures carry decimals (an exact thousand-won
    # packet) they leave no room for them, and the shares follow in a table of their own.
    together = pk.decimals == 0
    ncols = 1 + 1 + n_local + 3 + (3 if together else 0)
    head1: Row = [None] * ncols
    head2: Row = [None] * ncols
    head1[0] = pk.cell(pk.tr(N_("Year")), "head", rowspan=2)
    head1[1] = pk.cell(pk.tr(N_("Government support")), "head", rowspan=2)
    head1[2] = pk.cell(pk.tr(N_("Local governments")), "head", colspan=n_local)
    for i in range(n_local):
        head2[2 + i] = pk.cell(pk.region(regions_[i]) if regions_ else "–", "head")
    own = 2 + n_local
    head1[own] = pk.cell(pk.tr(N_("Organisation's share")), "head", colspan=2)
    head2[own] = pk.cell(pk.tr(N_("Cash")), "head")
    head2[own + 1] = pk.cell(pk.tr(N_("In kind")), "head")
    head1[own + 2] = pk.cell(pk.tr(N_("Total")), "head", rowspan=2)
    share_heads = [pk.cell(pk.tr(N_("Gov.")), "head"), pk.cell(pk.tr(N_("Local")), "head"),
                   pk.cell(pk.tr(N_("Own")), "head")]
    if together:
        head1[own + 3] = pk.cell(pk.tr(N_("Share (%)")), "head", colspan=3)
        head2[own + 3:own + 6] = share_heads
    rows: list[Row] = [head1, head2]

    def name_row(name: content.Cell, width: int) -> Row:
        name.colspan = width
        return [name, *([None] * (width - 1))]

    for name, year, row, total in records:
        if name is not None:
            rows.append(name_row(name, ncols))
        else:
            rows.append([year, *amounts(row, total), *(shares(row, total) if together else [])])
    widths: list[float | None] = [16, *([None] * (1 + n_local + 3)), *([11.5] * (3 if together else 0))]
    note = pk.tr(NC_("plan", "Shares are of each organisation's total in each year. Government support is the "
                            "national funds."))
    caption = pk.tr(N_("Support and share plan by organisation and year"))
    story: list[content.Block] = [
        content.Table(rows, widths, header_rows=2, unit=pk.unit_label(), total_rows=1, caption=caption,
                      notes=[note] if together else []),
    ]
    if not together:
        share_rows: list[Row] = [[pk.cell(pk.tr(N_("Year")), "head"), *share_heads]]
        for name, year, row, total in records:
            share_rows.append(name_row(content.Cell(name.text, name.role, where=name.where), 4) if name is not None
                              else [year, *shares(row, total)])
        story.append(content.Table(share_rows, [None, 30, 30, 30], total_rows=1, notes=[note],
                                   caption=pk.tr(N_("Share (%)"))))
    return story


def _by_category(pk: Packet) -> list[content.Block]:
    """By category: a column per year, then cash, in kind and total; the direct costs' subtotal,
    the indirect costs and the total."""
    table_ = pk.statement.by_category
    years = list(pk.summary.years)
    ny = len(years)
    head1: Row = [pk.cell(pk.tr(N_("Category")), "head", rowspan=2), pk.cell(pk.tr(N_("By year")), "head", colspan=ny),
                  *([None] * (ny - 1)), pk.cell(pk.tr(N_("All years")), "head", colspan=3), None, None]
    head2: Row = [None, *(pk.cell(str(y), "head") for y in years), pk.cell(pk.tr(N_("Cash")), "head"),
                  pk.cell(pk.tr(N_("In kind")), "head"), pk.cell(pk.tr(N_("Total")), "head")]
    rows: list[Row] = [head1, head2]

    def values(row: CategoryRow, total: bool = False) -> Row:
        return _amounts(pk, [*row.by_year, row.cash, row.in_kind, row.total], total)

    for row in table_.direct:
        rows.append([pk.cell(categories.name(row.codes[0], pk.lang)), *values(row)])
    rows.append([pk.cell(pk.tr(N_("Direct costs, subtotal")), "total"), *values(table_.direct_total, True)])
    for row in table_.indirect:
        rows.append([pk.cell(categories.name(row.codes[0], pk.lang)), *values(row)])
    rows.append([pk.cell(pk.tr(N_("Total")), "total"), *values(table_.total, True)])
    note = pk.tr(NC_("plan", "Cash is national funds, local funds and the organisations' own cash. In kind is the "
                    "organisations' own share in kind."))
    table = content.Table(rows, [38, *([None] * (ny + 3))], header_rows=2, unit=pk.unit_label(), total_rows=1,
                          notes=[note])
    return [table]


def _org_name(pk: Packet, org_id: str, role: str = "label") -> content.Cell:
    """An organisation's name in a table: the consortium's name for it, else the id the lines use."""
    p = pk.proposal
    org = p.organisation(org_id)
    if org is None:
        return pk.cell(org_id, role)
    return pk.cell(pk.text(org.name), role, where=str(ORGANISATIONS.child(p.organisations.index(org), "name")))


def _by_org(pk: Packet) -> list[content.Block]:
    st = pk.statement
    rows: list[Row] = [pk.heads(N_("Organisation"), N_("Public funds (national + local)"), N_("Own share (cash)"),
                                N_("Own share (in kind)"), N_("Total"), N_("Public funds' share (maximum)"),
                                N_("Cash in own share (minimum)"))]
    for o in st.orgs:
        t = o.totals
        gov = [o.gov_pct.render(pk.lang)]
        cash = [o.cash_pct.render(pk.lang)]
        if o.gov_limit is not None:
            gov.append(f"(≤ {o.gov_limit.render(pk.lang)})")
        if o.cash_limit is not None:
            cash.append(f"(≥ {o.cash_limit.render(pk.lang)})")
        rows.append([_org_name(pk, o.org_id, "text"),
                     *_amounts(pk, [t.gov, t.by_source["own_cash"], t.by_source["own_in_kind"], t.total]),
                     pk.cell("\n".join(gov), "num"), pk.cell("\n".join(cash), "num")])
    total = st.share_total
    rows.append([pk.cell(pk.tr(N_("Total")), "total"),
                 *_amounts(pk, [total.gov, total.by_source["own_cash"], total.by_source["own_in_kind"], total.total],
                           True), None, None])
    note = pk.tr(NC_("plan", "Public funds are the national and the local funds together. Their share is measured "
                     "on each organisation's R&D cost without international joint R&D. The figures in brackets "
                     "are the call's limits."))
    table = content.Table(rows, [38, 24, 21, 21, 24, None, None], unit=pk.unit_label(), total_rows=1, notes=[note])
    return [table]


def nice_scale(largest: int, unit: int) -> tuple[int, int]:
    """The axis top and step (won, whole units of the table): 1, 2, 2.5 or 5 times a power of ten,
    at most six steps, so the tallest bar stays under the top line."""
    step = unit
    while True:
        for factor in (1, 2, 5, 10, 20, 25, 50):
            candidate = step * factor
            if candidate * 6 >= largest:
                top = -(-largest // candidate) * candidate if largest else candidate
                return max(top, candidate), candidate
        step *= 100


def year_chart(pk: Packet) -> content.BarChart:
    """Bars of the years, stacked national / local / own cash / own in kind, heights in won."""
    st = pk.statement
    top, step = nice_scale(max(st.year_totals.by_year, default=0), pk.unit.value)
    ticks = {v: format_in_unit(v, pk.unit, pk.lang) for v in range(0, top + 1, step)}
    return content.BarChart(
        categories=_years(pk),
        series=[(label(row.key, pk.lang), list(row.by_year)) for row in st.by_year_source],
        unit_won=pk.unit.value, step_won=step, tick_labels=ticks,
    )
