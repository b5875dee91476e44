"""The cover page and the table of contents."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Spacer, Table, TableStyle

from forms import regions
from forms.dates import official_date
from forms.i18n import N_
from forms.model import label
from reports.context import Packet
from reports.doc import Contents
from reports.fonts import GOTHIC
from reports.styles import ACCENT, FRAME_HEIGHT, FRAME_WIDTH, INK, RULE

#: The smallest a cover is set to keep it on one page.
MIN_COVER_SCALE = 0.8


def cover(pk: Packet) -> list:
    p, s = pk.proposal, pk.styles
    story: list = [Spacer(1, 14 * mm)]
    story.append(pk.para(pk.text(pk.profile.name), s.cover_call, "call"))
    story.append(Spacer(1, 3 * mm))
    story.append(pk.para(label(p.type, pk.lang), s.cover_kind, "type"))
    story.append(Spacer(1, 12 * mm))
    story.append(pk.para(pk.tr(N_("Proposal")), s.cover_title))
    story.append(Spacer(1, 8 * mm))
    title = Table([[pk.para(pk.text(p.title), s.cover_title, "title")]], colWidths=[FRAME_WIDTH - 20 * mm])
    title.setStyle(TableStyle([
        ("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT), ("LINEBELOW", (0, -1), (-1, -1), 2, ACCENT),
        ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
        ("FONT", (0, 0), (-1, -1), GOTHIC, 10),
    ]))
    story.append(title)
    if pk.draft:
        story.append(Spacer(1, 5 * mm))
        story.append(pk.para(pk.tr(N_("DRAFT — not for submission: the proposal does not pass validation.")),
                             s.cover_draft))
    story.append(Spacer(1, 12 * mm))
    story.append(_facts(pk))
    story.append(Spacer(1, 14 * mm))
    story.append(pk.para(official_date(p.date, pk.lang), s.cover_date))
    story.append(Spacer(1, 10 * mm))
    story += _seals(pk)
    story.append(Spacer(1, 7 * mm))
    story.append(pk.para(pk.tr(N_("To: {ministry}"), ministry=pk.text(pk.profile.ministry)),
                         s.cover_date))
    # One page: a cover that would not fit is set a little smaller rather than spill its last lines
    # onto a page of their own; but never below four fifths of its size, so that it stays easy
    # to read: a cover longer than that (many regions to seal) goes on over two pages.
    kept = KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT, story, mode="shrink")
    kept.wrapOn(Canvas(io.BytesIO()), FRAME_WIDTH, FRAME_HEIGHT)  # measured once, on a scratch canvas
    if 1 / getattr(kept, "_scale", 1.0) < MIN_COVER_SCALE:  # ReportLab keeps the factor it divides by
        return [*story, NextPageTemplate("body"), PageBreak()]
    return [kept, NextPageTemplate("body"), PageBreak()]


def _facts(pk: Packet) -> Table:
    p, s = pk.proposal, pk.styles
    lead_org = p.lead_organisation()
    partners = ", ".join(pk.region(c) for c in p.partner_regions if c) or pk.tr(N_("none"))
    rows = [
        (N_("Project type"), label(p.type, pk.lang)),
        (N_("Lead region"), pk.region(p.lead_region) if p.lead_region else "–"),
        (N_("Partner regions"), partners),
        (N_("Lead organisation"), pk.text(lead_org.name) if lead_org else "–"),
        (N_("Managing agency"), pk.text(pk.profile.agency)),
    ]
    data = [[pk.cell(pk.tr(head), s.cell_head), pk.cell(value, s.cell, "cover")] for head, value in rows]
    table = Table(data, colWidths=[38 * mm, 100 * mm])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (0, -1), "#e8ecf2"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("FONT", (0, 0), (-1, -1), GOTHIC, 10),
    ]))
    return table


def _seals(pk: Packet) -> list:
    """One seal box per applicant region: the head's title and the place of the official seal."""
    s = pk.styles
    heads = []
    for code in pk.proposal.applicant_regions():
        region = regions.get(code)
        heads.append(region.head(pk.proposal.date, pk.lang) if region else code)
    out: list = []
    for head in heads or ["–"]:
        table = Table([[pk.para(head, s.seal, "regions"), pk.para(pk.tr(N_("(seal)")), s.seal_mark)]],
                      colWidths=[80 * mm, 20 * mm], rowHeights=[18 * mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (1, 0), (1, 0), 0.8, INK),
            ("FONT", (0, 0), (-1, -1), GOTHIC, 10),
        ]))
        out += [table, Spacer(1, 3 * mm)]
    return out


def contents(pk: Packet) -> list:
    title = pk.tr(N_("Contents"))
    return [pk.para(title, pk.styles.toc_title), Contents([], pk.styles), PageBreak()]
