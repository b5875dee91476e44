"""The cover page and the table of contents, as blocks of the description."""

from __future__ import annotations

from forms import regions
from forms.base.i18n import N_
from forms.dates import official_date
from forms.model import label
from reports import content, keyfigures
from reports.context import Packet


def cover(pk: Packet) -> content.Cover:
    p = pk.proposal
    lead_org = p.lead_organisation()
    # The project type stands under the call's name, above the form's name.
    facts = [
        (N_("Project period"), keyfigures.period(pk)),
        (N_("Applicant regions"), keyfigures.regions_line(pk)),
        (N_("Lead organisation"), pk.text(lead_org.name) if lead_org else "–"),
        (N_("Principal investigator"), keyfigures.principal(pk)),
        (N_("Managing agency"), pk.text(pk.profile.agency)),
    ]
    # A draft of a proposal without errors (exported as a draft all the same) does pass validation.
    draft = "" if not pk.draft else pk.tr(
        N_("DRAFT — not for submission: the proposal does not pass validation.") if pk.report.errors
        else N_("DRAFT — not for submission."))
    return content.Cover(
        call=pk.text(pk.profile.name), kind=label(p.type, pk.lang) if p.type else "",
        document=pk.text(pk.profile.form.name), title=pk.text(p.title), facts=[(pk.tr(a), b) for a, b in facts],
        cost=keyfigures.cost_table(pk, pk.tr(N_("Total project cost"))),
        submission=pk.tr(N_("We hereby submit this proposal, as set out above, to the call for the {call}."),
                         call=pk.text(pk.profile.name)),
        date=official_date(p.date, pk.lang),
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
