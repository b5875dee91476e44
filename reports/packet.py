"""Assembles the packet's description in the order the evaluators read it, and lays it out.

:func:`describe` gives the :class:`reports.content.Document` (what every format prints);
:func:`render` lays it out as PDF bytes. A final packet carries nothing internal (no rule codes,
field paths or rule-pack ids); a draft carries the validation report after its attachments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms import regions
from forms.base import app
from forms.base.i18n import N_, translate
from forms.dates import official_date
from forms.files.exchange_identity import fingerprint
from forms.model import Proposal
from forms.money import EntryUnit
from forms.rules import Report
from reports import added, attachments, closing, content, cover, sections
from reports.context import Packet
from reports.glyphs import Glyphs


@dataclass
class Rendered:
    pdf: bytes
    glyphs: Glyphs
    #: Why the packet is not PDF/A-2u (:class:`reports.pdfa.Shortfall`): empty when it is.
    shortfalls: list = field(default_factory=list)


def packet(proposal: Proposal, report: Report, lang: str, draft: bool, unit: EntryUnit) -> Packet:
    return Packet(proposal, report, report.profile, report.summary, lang, unit, draft, fingerprint(proposal))


def describe(pk: Packet) -> content.Document:
    """The packet as a description: cover, contents, plan, budget, ``끝.`` and the fingerprint box,
    the attachments (붙임 1…n), and, on a draft only, the validation report as a last part of its
    own (참고) after them."""
    blocks: list[content.Block] = [cover.contents(pk)]
    blocks += sections.plan(pk)
    doc = content.Document(
        lang=pk.lang, title=pk.text(pk.proposal.title), blocks=blocks, cover=cover.cover(pk),
        footer=footer(pk.fingerprint, pk.lang), draft=content.DRAFT_MARK if pk.draft else "", meta=metadata(pk),
        attachments=attachments.generated(pk),
    )
    doc.attachments += added.attachments(pk, len(doc.attachments) + 1)
    blocks.append(closing.enclosures(pk, doc.attachments))
    blocks.append(closing.fingerprint_box(pk))
    if pk.draft:
        scan_glyphs(doc, pk.glyphs)
        doc.annex = [*closing.validation(pk), *closing.glyph_lines(pk)]
    return doc


def describe_report(pk: Packet) -> content.Document:
    """The validation report as a document of its own: what the proposal is, the rule pack it
    was checked against, and every finding with its rule code and field."""
    p = pk.proposal
    scan_glyphs(describe(pk), pk.glyphs)  # the characters the packet could not print are named too
    intro = pk.para(pk.tr(N_("Proposal: {title} ({date})"), title=pk.text(p.title),
                          date=official_date(p.date, pk.lang)), "statement")
    blocks: list[content.Block] = [*closing.validation(pk, in_draft=False), *closing.glyph_lines(pk)]
    blocks.insert(1, intro)
    return content.Document(
        lang=pk.lang, title=pk.tr(N_("Validation report")), blocks=blocks,
        footer=footer(pk.fingerprint, pk.lang), meta={**metadata(pk), "title": pk.tr(N_("Validation report"))},
    )


def render_report(proposal: Proposal, report: Report, lang: str) -> bytes:
    from reports import pdf

    pk = packet(proposal, report, lang, False, EntryUnit.THOUSAND)
    return pdf.render(describe_report(pk), pk.glyphs)


def footer(digest: str, lang: str) -> str:
    return translate(N_("Document confirmation number {number}"), lang, number=closing.confirmation_number(digest))


def scan_glyphs(doc: content.Document, glyphs: Glyphs) -> None:
    """Note the characters no bundled face has, before the layout (the draft lists them)."""
    from reports.fonts import GOTHIC, face, markup

    gothic = face(GOTHIC, doc.lang)
    for b in doc.all_blocks():
        if isinstance(b, content.Para):
            markup(b.text, gothic, glyphs, b.where)
        elif isinstance(b, content.Table):
            for row in b.rows:
                for cell in row:
                    if cell is not None:
                        markup(cell.text, gothic, glyphs, cell.where)
    if doc.cover is not None:
        markup(doc.cover.title, gothic, glyphs, "title")


def render(proposal: Proposal, report: Report, lang: str, draft: bool, unit: EntryUnit) -> Rendered:
    """The packet as PDF bytes. ``report`` is ``forms.rules.validate(proposal)`` with a profile."""
    from reports import pdf

    pk = packet(proposal, report, lang, draft, unit)
    renderer = pdf.PdfRenderer(describe(pk), pk.glyphs)
    data = renderer.render()
    return Rendered(data, pk.glyphs, renderer.shortfalls)


def metadata(pk: Packet) -> dict[str, str]:
    """Document information: nothing about the machine or the person who made it."""
    lead = regions.name(pk.proposal.lead_region, pk.proposal.date, pk.lang) if pk.proposal.lead_region else ""
    return {
        "title": pk.text(pk.proposal.title),
        "author": lead,
        "subject": pk.text(pk.profile.name),
        "creator": f"{app.APP_NAME} {app.VERSION}",
        "keywords": pk.proposal.call,
        "lang": "ko-KR" if pk.lang == "ko" else "en",
        "date": pk.proposal.date.isoformat(),  # the proposal's own date, never the clock's
    }
