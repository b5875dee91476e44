"""The plan: summary, regions and consortium, the plan sections with the □ ○ - · hierarchy,
the stage plan and the ten-year roadmap."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from forms.i18n import N_
from forms.model import SECTIONS, label
from reports.context import Packet
from reports.fonts import GOTHIC
from reports.styles import BULLETS, FRAME_WIDTH, HEAD_FILL, RULE, TABLE_SIZE

#: Sections with a chapter of their own, in the packet's order (the roadmap gets its table too).
_BEFORE_CONSORTIUM = ("summary",)
_AFTER_CONSORTIUM = tuple(s for s in SECTIONS if s not in _BEFORE_CONSORTIUM)


def grid(repeat: int = 1, total_rows: int = 0) -> TableStyle:
    """The house table style: ruled grid, shaded header, optional shaded total rows at the end."""
    cmds = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("LINEABOVE", (0, 0), (-1, 0), 1.2, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, RULE),
        ("BACKGROUND", (0, 0), (-1, repeat - 1), HEAD_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("FONT", (0, 0), (-1, -1), GOTHIC, TABLE_SIZE),
    ]
    if total_rows:
        cmds.append(("BACKGROUND", (0, -total_rows), (-1, -1), "#f3f3f3"))
    return TableStyle(cmds)


def text_block(pk: Packet, text: str, where: str) -> list:
    """Paragraphs of a section: a line starting with □ ○ - · is indented to its level, hanging."""
    out: list = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append(Spacer(1, 4))
            continue
        level = BULLETS.get(line[0])
        if level is not None and (len(line) == 1 or line[1] == " " or line[0] not in "-·"):
            symbol, rest = line[0], line[1:].strip()
            style = pk.styles.bullets[level]
            shown = {"ㅇ": "○", "◦": "○", "•": "·"}.get(symbol, symbol)
            out.append(pk.para(f"{shown} {rest}", style, where))
        else:
            out.append(pk.para(line, pk.styles.body, where))
    return out


def _section(pk: Packet, key: str) -> list:
    text = pk.proposal.section(key).get(pk.lang)
    where = f"plan.{key}.{pk.lang}"
    story: list = [*pk.chapter(label(key, pk.lang), f"sec-{key}")]
    if text.strip():
        story.extend(text_block(pk, text, where))
    else:
        story.append(pk.para(pk.tr(N_("(not written)")), pk.styles.note))
    if key == "roadmap":
        story.extend(_roadmap_table(pk))
    return story


def plan(pk: Packet) -> list:
    story: list = []
    for key in _BEFORE_CONSORTIUM:
        story.extend(_section(pk, key))
    story.extend(consortium(pk))
    for key in _AFTER_CONSORTIUM:
        story.extend(_section(pk, key))
    return story


def consortium(pk: Packet) -> list:
    p, s = pk.proposal, pk.styles
    story: list = [*pk.chapter(pk.tr(N_("Regions and consortium")), "consortium")]
    story += pk.subheading(pk.tr(N_("Applicant regions")), "consortium-regions")
    rows = [[pk.cell(pk.tr(N_("Region")), s.cell_head), pk.cell(pk.tr(N_("Role")), s.cell_head),
             pk.cell(pk.tr(N_("Organisations")), s.cell_head)]]
    for code in p.applicant_regions():
        role = pk.tr(N_("Lead region")) if code == p.lead_region else pk.tr(N_("Partner region"))
        count = sum(1 for o in p.organisations if o.region == code)
        rows.append([pk.cell(pk.region(code)), pk.cell(role), pk.cell(str(count), s.cell_num)])
    table = Table(rows, colWidths=[FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.35, FRAME_WIDTH * 0.2], repeatRows=1)
    table.setStyle(grid())
    story.append(table)
    story.append(Spacer(1, 6))

    story += pk.subheading(pk.tr(N_("Organisations")), "consortium-orgs")
    head = [N_("No."), N_("Organisation"), N_("Kind"), N_("Role"), N_("Region")]
    rows = [[pk.cell(pk.tr(h), s.cell_head) for h in head]]
    for i, org in enumerate(p.organisations, start=1):
        rows.append([
            pk.cell(str(i), s.cell_num), pk.cell(pk.text(org.name), where=f"organisations[{i - 1}].name"),
            pk.cell(label(org.kind, pk.lang)), pk.cell(label(org.role, pk.lang)),
            pk.cell(pk.region(org.region) if org.region else "–"),
        ])
    if not p.organisations:
        rows.append([pk.cell("–"), pk.cell(pk.tr(N_("none"))), "", "", ""])
    widths = [10 * mm, FRAME_WIDTH - 10 * mm - 110 * mm, 40 * mm, 32 * mm, 38 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid())
    story.append(table)
    return story


def _roadmap_table(pk: Packet) -> list:
    s = pk.styles
    if not pk.proposal.roadmap:
        return []
    rows = [[pk.cell(pk.tr(h), s.cell_head) for h in (N_("Stage"), N_("Years"), N_("Duration"), N_("Goal"))]]
    for i, stage in enumerate(pk.proposal.roadmap):
        rows.append([
            pk.cell(pk.tr(N_("Stage {n}"), n=stage.stage), s.cell_head),
            pk.cell(f"{stage.start_year}–{stage.end_year}", s.cell_num),
            pk.cell(pk.tr(N_("{years} years"), years=stage.years), s.cell_num),
            pk.cell(pk.text(stage.goal), where=f"roadmap[{i}].goal"),
        ])
    table = Table(rows, colWidths=[22 * mm, 28 * mm, 20 * mm, FRAME_WIDTH - 70 * mm], repeatRows=1)
    table.setStyle(grid())
    return [Spacer(1, 6), table]
