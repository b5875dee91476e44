"""The attachments generated from the data (붙임), as blocks of the description.

After the main document, each on its own pages: a local-funds commitment (지방비 부담 확약서) per
applicant region, with its amounts per year in figures and words and its head's title valid on
the proposal's date; a participation commitment (참여 확약서) per organisation; a cost-share
commitment (기업 부담금 확약서) per for-profit organisation, with its own share in cash and in
kind. Every one carries the proposal's date, a seal box and the addressee. Their words come from
the call profile (``[commitments]``), so another call words them its own way; a call whose profile
has no wording for one gets none of it. The amounts are read from the budget statement.
"""

from __future__ import annotations

from forms import regions
from forms.base.i18n import N_
from forms.dates import official_date
from forms.model import Organisation, label
from forms.money import NBSP, format_won, written_form
from forms.profile import Commitment
from reports import content
from reports.context import Packet


def generated(pk: Packet, first: int = 1) -> list[content.Attachment]:
    """Every generated attachment in order, numbered from ``first`` (붙임 1, 붙임 2, …)."""
    wording = pk.profile.commitments
    made: list[tuple[str, str, list[content.Block]]] = []
    if "local_funds" in wording:
        for code in pk.proposal.applicant_regions():
            made.append(_local_funds(pk, wording["local_funds"], code))
    if "participation" in wording:
        for org in pk.proposal.organisations:
            made.append(_participation(pk, wording["participation"], org))
    if "cost_share" in wording:
        for org in pk.proposal.organisations:
            if org.for_profit:
                made.append(_cost_share(pk, wording["cost_share"], org))
    return [content.Attachment(title, key, pk.tr(N_("Attachment {number}"), number=first + i), blocks)
            for i, (title, key, blocks) in enumerate(made)]


#: The longest name a heading shows in full; the facts table under it always names it whole.
HEADING_NAME = 60


def _title(wording: Commitment, pk: Packet, name: str) -> str:
    """``참여 확약서 (포항공과대학교 산학협력단)``: a very long name cut short, so the heading stays a line or two."""
    shown = name
    if len(name) > HEADING_NAME:
        cut = name[:HEADING_NAME]
        shown = (cut.rsplit(" ", 1)[0] if " " in cut[HEADING_NAME // 2:] else cut).rstrip(" ,") + "…"
    return f"{pk.text(wording.title)} ({shown})"


def _words(pk: Packet, won: int) -> str:
    """An amount in figures and words as a document in the packet's language writes it."""
    return written_form(won, pk.lang)


def _fill(pk: Packet, name: str) -> dict[str, str]:
    p = pk.profile
    return {"project": pk.text(pk.proposal.title), "call": pk.text(p.name), "ministry": pk.text(p.ministry),
            "agency": pk.text(p.agency), "name": name}


def _letter(pk: Packet, wording: Commitment, name: str, facts: list[tuple[str, str]],
            table: content.Table | None, signer: str, field: str = "") -> list[content.Block]:
    """A commitment's page: its title, the facts, the committing sentence, the amounts, the
    pledge, the proposal's date, the box for the organisation's official seal (직인) and the addressee.
    A final packet lays the signature field ``field`` over the box (none on a draft)."""
    fields = _fill(pk, name)
    rows: list[list[content.Cell | None]] = [[pk.cell(a, "label"), pk.cell(b)] for a, b in facts]
    blocks: list[content.Block] = [
        pk.para(pk.text(wording.title), "title"),
        content.Table(rows, [40, None], header_rows=0),
        pk.para(pk.text(wording.body).format(**fields), "statement"),
    ]
    if table is not None:
        blocks.append(table)
    blocks += [
        pk.para(pk.text(wording.pledge).format(**fields), "statement"),
        pk.para(official_date(pk.proposal.date, pk.lang), "date"),
        content.SealBox([signer], pk.tr(N_("(official seal)")), "" if pk.draft else field),
        pk.para(pk.tr(N_("To: The Minister, {ministry}"), ministry=pk.text(pk.profile.ministry)), "to"),
    ]
    return blocks


def _local_funds(pk: Packet, wording: Commitment, code: str) -> tuple[str, str, list[content.Block]]:
    sm = pk.summary
    day = pk.proposal.date
    region = regions.get(code)
    name = pk.region(code)
    head = region.head(day, pk.lang) if region else code
    rows: list[list[content.Cell | None]] = [pk.heads(N_("Year"), N_("Local funds (figures and words)"))]
    local = pk.statement.local_of(code)
    for year, amount in zip(sm.years, local.by_year, strict=True):
        rows.append([pk.cell(str(year), "head"), pk.cell(_words(pk, amount))])
    rows.append([pk.cell(pk.tr(N_("Total")), "total"), pk.cell(_words(pk, local.total), "total")])
    table = content.Table(rows, [24, None], total_rows=1, caption=pk.tr(N_("Local funds by year")))
    facts = [(pk.tr(N_("Project")), pk.text(pk.proposal.title)),
             (pk.tr(N_("Local government")), name), (pk.tr(N_("Head")), head)]
    title = _title(wording, pk, name)
    # The region's head signs the packet digitally in the field named by the region's code.
    return title, f"attachment-local-{code}", _letter(pk, wording, name, facts, table, head, field=code)


def _org_facts(pk: Packet, org: Organisation) -> list[tuple[str, str]]:
    facts = [(pk.tr(N_("Project")), pk.text(pk.proposal.title)),
             (pk.tr(N_("Organisation")), pk.text(org.name)), (pk.tr(N_("Role")), label(org.role, pk.lang)),
             (pk.tr(N_("Kind")), label(org.kind, pk.lang))]
    if org.registration_number:
        facts.append((pk.tr(N_("Registration number")), org.registration_number))
    if pk.text(org.representative):
        facts.append((pk.tr(N_("Representative")), pk.text(org.representative)))
    return facts


def _signer(pk: Packet, org: Organisation) -> str:
    """``포항공과대학교 산학협력단 단장 김성근``: the organisation, its head's title as the
    organisation writes it (단장, 총장, 원장, 대표이사; 대표 when none is given) and its
    representative, if named (a person's name is kept on one line: "Kim Sung-geun", never "Kim" /
    "Sung-geun"; the seal box keeps the whole line on one)."""
    rep = " ".join(pk.text(org.representative).split()).replace(" ", NBSP)
    title = " ".join(pk.text(org.representative_title).split())
    if rep and title:
        return pk.tr(N_("{organisation}, {title} {representative}"), organisation=pk.text(org.name),
                     title=title, representative=rep)
    return pk.tr(N_("{organisation}, represented by {representative}") if rep else N_("Head of {organisation}"),
                 organisation=pk.text(org.name), representative=rep)


def _participation(pk: Packet, wording: Commitment, org: Organisation) -> tuple[str, str, list[content.Block]]:
    name = pk.text(org.name)
    title = _title(wording, pk, name)
    return title, f"attachment-participation-{org.id}", _letter(pk, wording, name, _org_facts(pk, org), None,
                                                                _signer(pk, org))


def _cost_share(pk: Packet, wording: Commitment, org: Organisation) -> tuple[str, str, list[content.Block]]:
    sm = pk.summary
    name = pk.text(org.name)
    rows: list[list[content.Cell | None]] = [pk.heads(N_("Year"), N_("Cash"), N_("In kind"))]
    for year in sm.years:
        rows.append([pk.cell(str(year), "head"),
                     *(pk.cell(format_won(sm.by_org_year_source.get((org.id, year, s), 0), pk.lang), "num")
                       for s in ("own_cash", "own_in_kind"))])
    stated = pk.statement.org(org.id)
    by_source = stated.totals.by_source if stated else {}
    own = stated.totals.own if stated else 0
    rows.append([pk.cell(pk.tr(N_("Total")), "total"),
                 *(pk.cell(format_won(by_source.get(s, 0), pk.lang), "total_num") for s in ("own_cash", "own_in_kind"))])
    note = pk.tr(N_("Own share in all: {amount}"), amount=_words(pk, own))
    table = content.Table(rows, [24, None, None], total_rows=1, caption=pk.tr(N_("Own share by year")),
                          notes=[note])
    title = _title(wording, pk, name)
    return title, f"attachment-cost-share-{org.id}", _letter(pk, wording, name, _org_facts(pk, org), table,
                                                             _signer(pk, org))
