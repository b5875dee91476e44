"""The plan: summary, regions and consortium, the plan sections with the □ ○ - · hierarchy,
the stage plan and the ten-year roadmap, as blocks of the description."""

from __future__ import annotations

from forms.i18n import N_
from forms.model import SECTIONS, label
from reports import content
from reports.context import Packet

#: Characters that open a line of the official hierarchy, with their level (□ > ○ > - > ·).
BULLETS = {"□": 0, "○": 1, "-": 2, "·": 3, "ㅇ": 1, "◦": 1, "•": 3}
#: Sections with a chapter of their own, in the packet's order (the roadmap gets its table too).
_BEFORE_CONSORTIUM = ("summary",)
_AFTER_CONSORTIUM = tuple(s for s in SECTIONS if s not in _BEFORE_CONSORTIUM)


def text_block(pk: Packet, text: str, where: str) -> list[content.Block]:
    """Paragraphs of a section: a line starting with □ ○ - · is indented to its level, hanging."""
    out: list[content.Block] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        level = BULLETS.get(line[0])
        if level is not None and (len(line) == 1 or line[1] == " " or line[0] not in "-·"):
            symbol, rest = line[0], line[1:].strip()
            shown = {"ㅇ": "○", "◦": "○", "•": "·"}.get(symbol, symbol)
            out.append(pk.para(f"{shown} {rest}", f"bullet{level}", where))
        else:
            out.append(pk.para(line, "body", where))
    return out


def _section(pk: Packet, key: str) -> list[content.Block]:
    text = pk.proposal.section(key).get(pk.lang)
    where = f"plan.{key}.{pk.lang}"
    story: list[content.Block] = [pk.chapter(label(key, pk.lang), f"sec-{key}")]
    if text.strip():
        story.extend(text_block(pk, text, where))
    else:
        story.append(pk.para(pk.tr(N_("(not written)")), "note"))
    if key == "roadmap":
        story.extend(_roadmap_table(pk))
    return story


def plan(pk: Packet) -> list[content.Block]:
    story: list[content.Block] = []
    for key in _BEFORE_CONSORTIUM:
        story.extend(_section(pk, key))
    story.extend(consortium(pk))
    for key in _AFTER_CONSORTIUM:
        story.extend(_section(pk, key))
    return story


def consortium(pk: Packet) -> list[content.Block]:
    p = pk.proposal
    story: list[content.Block] = [pk.chapter(pk.tr(N_("Regions and consortium")), "consortium")]
    story.append(pk.subheading(pk.tr(N_("Applicant regions")), "consortium-regions"))
    rows: list[list[content.Cell | None]] = [pk.heads(N_("Region"), N_("Role"), N_("Organisations"))]
    for code in p.applicant_regions():
        role = pk.tr(N_("Lead region")) if code == p.lead_region else pk.tr(N_("Partner region"))
        count = sum(1 for o in p.organisations if o.region == code)
        rows.append([pk.cell(pk.region(code)), pk.cell(role), pk.cell(str(count), "num")])
    story.append(content.Table(rows, [78.75, 61.25, None]))

    story.append(pk.subheading(pk.tr(N_("Organisations")), "consortium-orgs"))
    rows = [pk.heads(N_("No."), N_("Organisation"), N_("Kind"), N_("Role"), N_("Region"))]
    for i, org in enumerate(p.organisations, start=1):
        rows.append([
            pk.cell(str(i), "num"), pk.cell(pk.text(org.name), where=f"organisations[{i - 1}].name"),
            pk.cell(label(org.kind, pk.lang)), pk.cell(label(org.role, pk.lang)),
            pk.cell(pk.region(org.region) if org.region else "–"),
        ])
    if not p.organisations:
        rows.append([pk.cell("–"), pk.cell(pk.tr(N_("none"))), None, None, None])
    story.append(content.Table(rows, [10, None, 40, 32, 38]))
    return story


def _roadmap_table(pk: Packet) -> list[content.Block]:
    if not pk.proposal.roadmap:
        return []
    rows = [pk.heads(N_("Stage"), N_("Years"), N_("Duration"), N_("Goal"))]
    for i, stage in enumerate(pk.proposal.roadmap):
        rows.append([
            pk.cell(pk.tr(N_("Stage {n}"), n=stage.stage), "head"),
            pk.cell(f"{stage.start_year}–{stage.end_year}", "num"),
            pk.cell(pk.tr(N_("{years} years"), years=stage.years), "num"),
            pk.cell(pk.text(stage.goal), where=f"roadmap[{i}].goal"),
        ])
    return [content.Table(rows, [22, 28, 20, None])]
