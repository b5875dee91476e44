"""The record tables of the call's form: performance indicators, the schedule (drawn), the
deliverables, the researchers with their participation rates, the equipment, the organisations'
general data and the budget's justification rows (산출근거). A table is printed only when the
proposal has its records. A column that prints a field of the record is headed as that field's
description says (``forms.record_columns``)."""

from __future__ import annotations

import re

from forms import categories
from forms.base.i18n import N_, NC_
from forms.dates import month_label
from forms.model import ResearcherRole, label
from forms.participation import load
from forms.record_columns import table
from forms.statement import justification as justification_of
from forms.values import Pct
from reports import content
from reports.context import Packet

Row = list[content.Cell | None]
#: A figure as an indicator's baseline or target is written: 95, 1,200, 12.5, 120%, -3, △3, –.
_FIGURE = re.compile(r"[-+△–]?[0-9][0-9,]*(?:\.[0-9]+)?\s*%?|[-–]")


def blocks(pk: Packet, table: str) -> list[content.Block]:
    make = {"indicators": indicators, "tasks": schedule, "deliverables": deliverables, "researchers": researchers,
            "equipment": equipment, "organisations": organisations, "budget_items": justification}.get(table)
    return make(pk) if make else []


def _org(pk: Packet, org_id: str) -> str:
    org = pk.proposal.organisation(org_id)
    return pk.text(org.name) if org else org_id


def indicators(pk: Packet) -> list[content.Block]:
    p, years = pk.proposal, [str(y) for y in pk.summary.years]
    if not p.indicators:
        return []
    h = table("indicators").heading
    rows: list[Row] = [[*pk.heads(h("name"), h("unit"), h("baseline")), *(pk.cell(y, "head") for y in years),
                        *pk.heads(h("weight"), h("method"))]]

    def value(text: str) -> content.Cell:
        # a figure stays on one line, right-aligned; a phrase (a qualitative target) wraps as text
        return pk.cell(text, "num" if not text or _FIGURE.fullmatch(text.strip()) else "text")

    for i, ind in enumerate(p.indicators):
        rows.append([pk.cell(pk.text(ind.name), where=f"indicators[{i}].name"), pk.cell(pk.text(ind.unit)),
                     value(pk.text(ind.baseline)),
                     *(value(pk.text(ind.targets[int(y)]) if int(y) in ind.targets else "–") for y in years),
                     pk.cell(str(ind.weight), "num"), pk.cell(pk.text(ind.method))])
    rows.append([pk.cell(pk.tr(N_("Total")), "total", colspan=3 + len(years)), *([None] * (2 + len(years))),
                 pk.cell(str(sum(i.weight for i in p.indicators)), "total_num"), None])
    return [content.Table(rows, [None, 16, 16, *([16] * len(years)), 14, 34], total_rows=1,
                          caption=pk.tr(N_("Performance indicators and yearly targets")))]


def _month(text: str) -> tuple[int, int] | None:
    try:
        year, month = text.split("-")
        return int(year), int(month)
    except ValueError:
        return None


def schedule(pk: Packet) -> list[content.Block]:
    """Tasks × months, drawn as bars (수행일정)."""
    p = pk.proposal
    spans = [(t, _month(t.start), _month(t.end)) for t in p.tasks]
    spans = [(t, a, b) for t, a, b in spans if a and b]
    if not spans:
        return []
    first = min(a for _t, a, _b in spans)
    last = max(b for _t, _a, b in spans)
    months: list[tuple[int, int]] = []
    y, m = first
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    years = [(str(year), sum(1 for yy, _m in months if yy == year)) for year in dict.fromkeys(y for y, _m in months)]

    def index(ym: tuple[int, int]) -> int:
        return (ym[0] - first[0]) * 12 + ym[1] - first[1]

    tasks = [(pk.text(t.name), index(a), index(b)) for t, a, b in spans]
    schedule = content.Schedule([month_label(y, m, pk.lang) for y, m in months], tasks, years=years,
                                marks=[str(m) for _y, m in months])
    return [content.Figure(schedule, caption=pk.tr(N_("Schedule")))]


def deliverables(pk: Packet) -> list[content.Block]:
    p = pk.proposal
    if not p.deliverables:
        return []
    names = {t.id: pk.text(t.name) for t in p.tasks}
    h = table("deliverables").heading
    rows: list[Row] = [pk.heads(h("year"), h("task"), h("name"))]
    for i, d in enumerate(sorted(p.deliverables, key=lambda d: d.year)):
        rows.append([pk.cell(str(d.year), "num"), pk.cell(names.get(d.task, d.task)),
                     pk.cell(pk.text(d.name), where=f"deliverables[{i}].name")])
    return [content.Table(rows, [16, 60, None], caption=pk.tr(N_("Main deliverables")))]


def researchers(pk: Packet) -> list[content.Block]:
    """Who takes part (degree, national researcher number), then each one's participation rates
    with their other national R&D projects, the rates added up per year and the projects counted
    against the limits (3책5공), as the rules count them (``forms.participation``)."""
    p = pk.proposal
    if not p.researchers:
        return []
    h = table("researchers").heading
    rows: list[Row] = [pk.heads(h("name"), h("org"), h("position"), h("degree"), h("field"), h("national_number"),
                                h("role"))]
    for i, r in enumerate(p.researchers):
        rows.append([pk.cell(pk.text(r.name), where=f"researchers[{i}].name"), pk.cell(_org(pk, r.org)),
                     pk.cell(pk.text(r.position)), pk.cell(label(r.degree, pk.lang) if r.degree else "–"),
                     pk.cell(pk.text(r.field) or "–"), pk.cell(r.national_number.strip() or "–", "code"),
                     pk.cell(label(r.role, pk.lang))])
    return [content.Table(rows, [18, None, 20, 14, None, 24, 26], caption=pk.tr(N_("Researchers of the project"))),
            _participation(pk)]


def _participation(pk: Packet) -> content.Table:
    """Per researcher: this project and each other one (its role, whether the count takes it in,
    the rate in each year), then the rates added up per year and the projects counted, led and in
    all, against the call's limits."""
    p, years, limits = pk.proposal, list(pk.summary.years), pk.profile.participation
    h = table("researchers").heading
    counted, left_out = pk.tr(N_("Counted")), pk.tr(N_("Not counted"))
    rows: list[Row] = [[*pk.heads(h("name"), N_("Project"), h("role"), N_("Counted for the limits")),
                        *(pk.cell(pk.tr(h("rates"), year=y), "head") for y in years)]]
    for i, r in enumerate(p.researchers):
        carried = load(r)
        rows.append([pk.cell(pk.text(r.name), where=f"researchers[{i}].name", rowspan=len(r.other_projects) + 2),
                     pk.cell(pk.tr(N_("This project"))), pk.cell(label(r.role, pk.lang)), pk.cell(counted),
                     *(pk.cell(str(r.rates.get(y, 0)), "num") for y in years)])
        for j, o in enumerate(r.other_projects):
            role = ResearcherRole.PRINCIPAL if o.principal else ResearcherRole.RESEARCHER
            rows.append([None, pk.cell(o.title.strip() or "–", where=f"researchers[{i}].other_projects[{j}].title"),
                         pk.cell(label(role, pk.lang)), pk.cell(counted if o.counted else left_out),
                         *(pk.cell(str(o.rate), "num") for _y in years)])
        rows.append([None, pk.cell(pk.tr(N_("Total")), "total"),
                     pk.cell(pk.tr(N_("Led {count}/{max}"), count=carried.led, max=limits.max_pi_projects), "total"),
                     pk.cell(pk.tr(N_("In all {count}/{max}"), count=carried.projects, max=limits.max_projects),
                             "total"),
                     *(pk.cell(str(carried.total(r.rates.get(y, 0))), "total_num") for y in years)])
    note = pk.tr(NC_("plan", "A researcher takes part in at most {projects} national R&D projects at once, this one "
                     "included, and leads at most {led} of them (the three-and-five rule). The rates add up to at most "
                     "{rate} in each year. A project marked not counted adds its rate but is not counted among the "
                     "projects."),
                 projects=limits.max_projects, led=limits.max_pi_projects, rate=Pct.of_limit(limits.max_rate))
    return content.Table(rows, [18, None, 26, 20, *([16] * len(years))], notes=[note],
                         caption=pk.tr(N_("Participation rates and other national R&D projects by researcher")))


def equipment(pk: Packet) -> list[content.Block]:
    p = pk.proposal
    if not p.equipment:
        return []
    h = table("equipment").heading
    # the amount is the quantity times the unit price, not a field of its own
    rows: list[Row] = [pk.heads(h("year"), h("org"), h("name"), h("purpose"), h("quantity"), N_("Amount"))]
    for i, e in enumerate(p.equipment):
        rows.append([pk.cell(str(e.year), "num"), pk.cell(_org(pk, e.org)),
                     pk.cell(pk.text(e.name), where=f"equipment[{i}].name"), pk.cell(pk.text(e.purpose)),
                     pk.cell(str(e.quantity), "num"), pk.cell(pk.amount(e.amount_krw), "num")])
    return [content.Table(rows, [14, 34, None, 40, 14, 24], unit=pk.unit_label(),
                          caption=pk.tr(N_("Facilities and equipment to be acquired")))]


def organisations(pk: Packet) -> list[content.Block]:
    """Each organisation's general data, where given (7-3)."""
    p = pk.proposal
    given = [o for o in p.organisations if o.registration_number or not o.representative.is_empty()
             or not o.address.is_empty()]
    if not given:
        return []
    h = table("organisations").heading
    rows: list[Row] = [pk.heads(h("name"), h("registration_number"), h("representative"), h("address"))]
    for o in given:
        rows.append([pk.cell(pk.text(o.name)), pk.cell(o.registration_number or "–"),
                     pk.cell(pk.text(o.representative) or "–"), pk.cell(pk.text(o.address) or "–")])
    return [content.Table(rows, [44, 30, 30, None], caption=pk.tr(N_("General data of the organisations")))]


def justification(pk: Packet) -> list[content.Block]:
    """The justification rows (산출근거), each organisation → year → category in one place (see
    ``forms.statement.justification``): a row per justification row with its source (national, the
    paying region's local funds, own cash, own in kind: marked ※), a line without rows as one row
    of its own, and the subtotals of each category, year and organisation, which are the budget
    tables' figures; the total last. Printed when any line has rows."""
    p = pk.proposal
    if not any(line.items for line in p.budget.lines):
        return []
    line_head, item_head = table("budget").heading, table("budget_items").heading
    ncols = 7
    # a row's amount is its quantity times its unit price and months, not a field of its own
    rows: list[Row] = [pk.heads(line_head("category"), item_head("item"), N_("Source"),
                                item_head("unit_price_krw"), item_head("quantity"), item_head("months"),
                                N_("Amount"))]

    def across(cell: content.Cell) -> Row:
        cell.colspan = ncols
        return [cell, *([None] * (ncols - 1))]

    def subtotal(text: str, amount: int) -> Row:
        return [pk.cell(text, "total", colspan=ncols - 1), *([None] * (ncols - 2)),
                pk.cell(pk.amount(amount), "total_num")]

    orgs = justification_of(p, pk.statement.paying_regions)
    for org in orgs:
        name = _org(pk, org.org_id)
        rows.append(across(pk.cell(name, "label")))
        for year in org.years:
            rows.append(across(pk.cell(str(year.year), "label")))
            for cat in year.categories:
                category = categories.name(cat.code, pk.lang)
                first = True
                for i, line in cat.lines:
                    source = _source(pk, line.source, line.region)
                    items = line.items or [None]
                    for item in items:
                        head = pk.cell(category if first else "")
                        first = False
                        if item is None:  # a line without justification rows: its amount alone
                            rows.append([head, pk.cell(pk.tr(N_("(not itemised)")), where=f"budget.lines[{i}]"),
                                         pk.cell(source), pk.cell("–", "num"), pk.cell("–", "num"),
                                         pk.cell("–", "num"), pk.cell(pk.amount(line.amount_krw), "num")])
                            continue
                        rows.append([head, pk.cell(pk.text(item.item)), pk.cell(source),
                                     pk.cell(pk.amount(item.unit_price_krw), "num"), pk.cell(str(item.quantity), "num"),
                                     pk.cell(str(item.months), "num"), pk.cell(pk.amount(item.amount_krw), "num")])
                rows.append(subtotal(pk.tr(N_("Subtotal, {category}"), category=category), cat.total))
            rows.append(subtotal(pk.tr(N_("Subtotal, {year}"), year=str(year.year)), year.total))
        rows.append(subtotal(pk.tr(N_("Total, {organisation}"), organisation=name), org.total))
    rows.append(subtotal(pk.tr(N_("Total")), sum(o.total for o in orgs)))
    notes = [pk.tr(NC_("plan", "※ In kind: the organisation's own share given in kind (researchers' time, "
                       "equipment, materials), not paid in cash. The subtotals are those of the budget tables above."))]
    return [content.Table(rows, [26, None, 27, 19, 11, 11, 22], unit=pk.unit_label(), total_rows=1, notes=notes)]


def _source(pk: Packet, source: str, region: str | None) -> str:
    """Where a justification row's money comes from: 국비, 지방비(경상북도), 기관부담금(현금), or
    ※ 현물 (the own share in kind), marked so that a row in kind is seen as one."""
    name = label(source, pk.lang)
    if source == "local" and region:
        return pk.tr(N_("{source} ({region})"), source=name, region=pk.region(region))
    if source == "own_in_kind":
        return "※ " + pk.tr(N_("In kind"))
    return name
