"""The cover page and the table of contents, as blocks of the description."""

from __future__ import annotations

from forms import regions
from forms.base.i18n import N_
from forms.dates import official_date
from forms.model import label
from reports import content
from reports.context import Packet


def cover(pk: Packet) -> content.Cover:
    p = pk.proposal
    lead_org = p.lead_organisation()
    partners = ", ".join(pk.region(c) for c in p.partner_regions if c) or pk.tr(N_("none"))
    facts = [
        (N_("Project type"), label(p.type, pk.lang)),
        (N_("Lead region"), pk.region(p.lead_region) if p.lead_region else "–"),
        (N_("Partner regions"), partners),
        (N_("Lead organisation"), pk.text(lead_org.name) if lead_org else "–"),
        (N_("Managing agency"), pk.text(pk.profile.agency)),
    ]
    # A draft of a proposal without errors (exported as a draft all the same) does pass validation.
    draft = "" if not pk.draft else pk.tr(
        N_("DRAFT — not for submission: the proposal does not pass validation.") if pk.report.errors
        else N_("DRAFT — not for submission."))
    return content.Cover(
        call=pk.text(pk.profile.name), kind=label(p.type, pk.lang), document=pk.tr(N_("Proposal")),
        title=pk.text(p.title), facts=[(pk.tr(a), b) for a, b in facts], date=official_date(p.date, pk.lang),
        seals=heads(pk), seal_mark=pk.tr(N_("(seal)")),
        to=pk.tr(N_("To: The Minister, {ministry}"), ministry=pk.text(pk.profile.ministry)), draft=draft,
    )


def heads(pk: Packet) -> list[str]:
    """The head of each applicant region (경상북도지사, 대구광역시장, …), lead first."""
    out = []
    for code in pk.proposal.applicant_regions():
        region = regions.get(code)
        out.append(region.head(pk.proposal.date, pk.lang) if region else code)
    return out


def contents(pk: Packet) -> content.Contents:
    return content.Contents(pk.tr(N_("Contents")))
