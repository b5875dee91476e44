"""The record tables of the call's form: performance indicators, the schedule (drawn), the
deliverables, the researchers with their participation rates, the equipment, the organisations'
general data and the budget's justification rows (산출근거). A table is printed only when the
proposal has its records. A column that prints a field of the record is headed as that field's
description says (``forms.record_columns``)."""

from __future__ import annotations

import re

from forms import categories
from forms.base.i18n import N_
from forms.model import label
from forms.record_columns import table
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
    months = []
    y, m = first
    while (y, m) <= last:
        months.append(f"{y}.{m}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)

    def index(ym: tuple[int, int]) -> int:
        return (ym[0] - first[0]) * 12 + ym[1] - first[1]

    tasks = [(pk.text(t.name), index(a), index(b)) for t, a, b in spans]
    return [content.Figure(content.Schedule(months, tasks), caption=pk.tr(N_("Schedule")))]


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
    p, years = pk.proposal, list(pk.summary.years)
    if not p.researchers:
        return []
    h = table("researchers").heading
    rows: list[Row] = [[*pk.heads(h("name"), h("org"), h("position"), h("role")),
                        *(pk.cell(pk.tr(h("rates"), year=y), "head") for y in years)]]
    for i, r in enumerate(p.researchers):
        rows.append([pk.cell(pk.text(r.name), where=f"researchers[{i}].name"), pk.cell(_org(pk, r.org)),
                     pk.cell(pk.text(r.position)), pk.cell(label(r.role, pk.lang)),
                     *(pk.cell(str(r.rates[y]) if y in r.rates else "–", "num") for y in years)])
    return [content.Table(rows, [26, None, 24, 30, *([16] * len(years))],
                          caption=pk.tr(N_("Researchers and participation rates")))]


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
    """The justification rows (산출근거) of the budget lines that have them."""
    lines = [line for line in pk.proposal.budget.lines if line.items]
    if not lines:
        return []
    line_head, item_head = table("budget").heading, table("budget_items").heading
    # a row's amount is its quantity times its unit price and months, not a field of its own
    rows: list[Row] = [pk.heads(line_head("year"), line_head("org"), line_head("category"), item_head("item"),
                                item_head("unit_price_krw"), item_head("quantity"), item_head("months"),
                                N_("Amount"))]
    for line in lines:
        for item in line.items:
            rows.append([pk.cell(str(line.year), "num"), pk.cell(_org(pk, line.org)),
                         pk.cell(categories.name(line.category, pk.lang)), pk.cell(pk.text(item.item)),
                         pk.cell(pk.amount(item.unit_price_krw), "num"), pk.cell(str(item.quantity), "num"),
                         pk.cell(str(item.months), "num"), pk.cell(pk.amount(item.amount_krw), "num")])
    return [content.Table(rows, [12, 30, 24, None, 20, 12, 12, 22], unit=pk.unit_label())]
