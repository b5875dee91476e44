"""Assembles the packet in the order the evaluators read it and lays it out into PDF bytes."""

from __future__ import annotations

from dataclasses import dataclass

from forms import app, regions
from forms.exchange import fingerprint
from forms.i18n import N_, translate
from forms.model import Proposal
from forms.money import EntryUnit
from forms.rules import Report
from reports import budget, closing, cover, sections
from reports.context import Packet
from reports.doc import SHORT_FINGERPRINT, Contents, Heading, PageInfo, build
from reports.fonts import Glyphs


@dataclass
class Rendered:
    pdf: bytes
    glyphs: Glyphs


def render(proposal: Proposal, report: Report, lang: str, draft: bool, unit: EntryUnit) -> Rendered:
    """The packet as PDF bytes. ``report`` is ``forms.rules.validate(proposal)`` with a profile."""
    digest = fingerprint(proposal)
    pk = Packet(proposal, report, report.profile, report.summary, lang, unit, draft, digest)
    story: list = []
    story += cover.cover(pk)
    story += cover.contents(pk)
    story += sections.plan(pk)
    story += budget.budget(pk)
    story += closing.validation(pk)
    story += closing.fingerprint_page(pk)
    headings = [f for f in story if isinstance(f, Heading)]
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.headings = headings
    info = PageInfo(
        fingerprint=digest,
        draft=draft,
        footer_label=translate(N_("Fingerprint {short}"), lang, short=digest[:SHORT_FINGERPRINT]),
        draft_mark="초안 / DRAFT",
    )
    pdf = build(story, info, metadata(pk))
    return Rendered(pdf, pk.glyphs)


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
    }
