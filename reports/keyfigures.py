"""The figures an evaluator starts from, as the cover and the summary chapter (00) print them: the
period and where it stands in the plan, the project cost by source with each paying region named,
the lead organisation and the principal investigator, the organisations by role, the researchers
and the local funds' share against the call's rule. Every amount is read from the budget
statement, so it is the budget chapter's own figure in the packet's unit."""

from __future__ import annotations

from forms.base.i18n import N_, NP_
from forms.model import OrgRole, label
from forms.period import project_period
from forms.values import Count, Num, Pct
from reports import content
from reports.context import Packet

Row = list[content.Cell | None]

#: How many organisations play each role, and how many researchers take part.
ROLES = {
    OrgRole.LEAD: NP_("{count} lead organisation", "{count} lead organisations"),
    OrgRole.PARTICIPANT: NP_("{count} participating organisation", "{count} participating organisations"),
    OrgRole.COMMISSIONED: NP_("{count} commissioned organisation", "{count} commissioned organisations"),
}
PEOPLE = NP_("{count} researcher", "{count} researchers")


def period(pk: Packet) -> str:
    """The budget's years, and which stage of how long a plan they are: "2023~2025 (10년 계획의 1단계)"."""
    pp = project_period(pk.proposal, pk.profile, pk.summary.years)
    span = pp.span.render(pk.lang)
    if pp.stage is None:
        return span
    return pk.tr(N_("{span} (stage {stage} of the {years}-year plan)"), span=span, stage=Num(pp.stage),
                 years=Num(pp.plan_years))


def regions_line(pk: Packet) -> str:
    """The applicant regions, the lead first and marked so: "경상북도(주관), 대구광역시"."""
    p = pk.proposal
    names = [pk.tr(N_("{region} (lead)"), region=pk.region(c)) if c == p.lead_region else pk.region(c)
             for c in p.applicant_regions()]
    return ", ".join(names) or "–"


def principal(pk: Packet) -> str:
    """The principal investigator: name, organisation, position ("–" when none is named)."""
    p = pk.proposal
    person = p.principal_investigator()
    if person is None:
        return "–"
    org = p.organisation(person.org)
    parts = [x for x in (pk.text(org.name) if org else person.org, pk.text(person.position)) if x]
    name = pk.text(person.name) or "–"
    return f"{name} ({', '.join(parts)})" if parts else name


def cost_table(pk: Packet, caption: str = "") -> content.Table:
    """The project cost by source in one row: national funds, each paying region's local funds
    (and their sum when more than one region pays), the organisations' own cash and in kind, and
    the total: the budget chapter's table by year and source, over all years. Figures with
    decimals (an exact thousand-won packet) leave no room for a row: they stand in a column."""
    st = pk.statement
    by = {row.key: row for row in st.by_year_source}
    if pk.decimals:
        rows: list[Row] = []
        for source in st.by_year_source:
            rows.append([pk.cell(label(source.key, pk.lang), "head"), pk.cell(pk.amount(source.total), "num")])
            rows += [[pk.cell("· " + pk.region(r.key), "head"), pk.cell(pk.amount(r.total), "num")]
                     for r in source.parts]
        rows.append([pk.cell(pk.tr(N_("Total")), "total"), pk.cell(pk.amount(st.year_totals.total), "total_num")])
        return content.Table(rows, [46, 46], header_rows=0, unit=pk.unit_label(), caption=caption, total_rows=1)
    regions_ = by["local"].parts
    local_cols = [*(pk.region(r.key) for r in regions_)]
    local_vals = [r.total for r in regions_]
    if len(regions_) > 1:
        local_cols.append(pk.tr(N_("Subtotal")))
        local_vals.append(by["local"].total)
    n_local = len(local_cols)
    ncols = 1 + max(n_local, 1) + 2 + 1
    head1: Row = [None] * ncols
    head2: Row = [None] * ncols
    head1[0] = pk.cell(label("national", pk.lang), "head", rowspan=2)
    if n_local:
        head1[1] = pk.cell(label("local", pk.lang), "head", colspan=n_local)
        for i, name in enumerate(local_cols):
            head2[1 + i] = pk.cell(name, "head")
    else:
        head1[1] = pk.cell(label("local", pk.lang), "head", rowspan=2)
        local_vals = [by["local"].total]
    own = 1 + max(n_local, 1)
    head1[own] = pk.cell(pk.tr(N_("Own share")), "head", colspan=2)
    head2[own] = pk.cell(pk.tr(N_("Cash")), "head")
    head2[own + 1] = pk.cell(pk.tr(N_("In kind")), "head")
    head1[own + 2] = pk.cell(pk.tr(N_("Total")), "head", rowspan=2)
    values = [by["national"].total, *local_vals, by["own_cash"].total, by["own_in_kind"].total, st.year_totals.total]
    row: Row = [pk.cell(pk.amount(v), "total_num" if i == len(values) - 1 else "num") for i, v in enumerate(values)]
    return content.Table([head1, head2, row], [None] * ncols, header_rows=2, unit=pk.unit_label(), caption=caption)


def local_share(pk: Packet) -> str:
    """The local funds' share of the call's basis, against its minimum: "20.91% (공모 기준: 국비의 20% 이상)"."""
    st = pk.statement
    m = st.matching
    if not m.basis_amount:
        return "–"
    return pk.tr(N_("{ratio} of {basis} (the call requires at least {min})"),
                 ratio=Pct(m.ratio, limit=m.min_percent, bound="min"), basis=st.basis_label,
                 min=Pct.of_limit(m.min_percent))


def organisations(pk: Packet) -> str:
    """How many organisations play each role ("주관연구개발기관 1개, 공동연구개발기관 4개, …"); the
    organisations themselves are listed in the consortium's chapter."""
    roles = [o.role for o in pk.proposal.organisations]
    return ", ".join(Count(roles.count(role), noun).render(pk.lang) for role, noun in ROLES.items()
                     if role in roles) or "–"


def key_figures(pk: Packet) -> list[content.Block]:
    """The summary chapter's opening: the key figures, then the project cost by source (its total
    is the total project cost)."""
    p = pk.proposal
    lead = p.lead_organisation()
    facts = [
        (pk.tr(N_("Project period")), period(pk)),
        (pk.tr(N_("Project type")), label(p.type, pk.lang) if p.type else "–"),
        (pk.tr(N_("Applicant regions")), regions_line(pk)),
        (pk.tr(N_("Lead organisation")), pk.text(lead.name) if lead else "–"),
        (pk.tr(N_("Organisations")), organisations(pk)),
        (pk.tr(N_("Principal investigator")), principal(pk)),
        (pk.tr(N_("Researchers")), Count(len(p.researchers), PEOPLE).render(pk.lang)),
        (pk.tr(N_("Local funds' share")), local_share(pk)),
    ]
    rows: list[Row] = [[pk.cell(a, "head"), pk.cell(b)] for a, b in facts]
    return [content.Table(rows, [40, None], header_rows=0, caption=pk.tr(N_("Key figures"))),
            cost_table(pk, pk.tr(N_("Project cost by source")))]
