"""The plan as the call's form orders it: its chapters and sections with the □ ○ - · hierarchy,
the consortium (tables and chart), the roadmap, and the record tables of each chapter."""

from __future__ import annotations

from forms import record_columns
from forms.base.i18n import N_, NP_
from forms.model import OrgRole, label
from forms.values import Count, YearSpan
from reports import content
from reports.context import Packet

#: A stage's length: "1 year", "3 years", "3년".
YEARS = NP_("{count} year", "{count} years")
#: Characters that open a line of the official hierarchy, with their level (□ > ○ > - > ·).
BULLETS = {"□": 0, "○": 1, "-": 2, "·": 3, "ㅇ": 1, "◦": 1, "•": 3}


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


def plan(pk: Packet) -> list[content.Block]:
    """The chapters of the call's form (00-08), in its order, each with its numbered items as the
    form's description numbers and titles them (``7-2 연구시설·장비``): the text of the item's
    sections, then the tables it prints. Sections in no item stand first, under the chapter's title.
    The chapter of the summary opens with the key figures (``keyfigures``)."""
    from reports import keyfigures

    story: list[content.Block] = []
    for chapter in pk.profile.form.chapters:
        story.append(pk.form_chapter(chapter.number, pk.text(chapter.title), f"ch-{chapter.number}"))
        if any(section.key == "summary" for section in chapter.sections):
            story.extend(keyfigures.key_figures(pk))  # the summary chapter opens with the key figures
        for section in chapter.preamble:
            story.append(content.Heading(pk.text(section.title), 1, f"sec-{section.key}"))
            story.extend(_section(pk, section.key))
        for item in chapter.items:
            key = f"sec-{item.sections[0]}" if item.section_titled else f"item-{item.number}"
            story.append(content.Heading(pk.text(item.title), 1, key, item.number))
            shown = len(story)
            for section_key in item.sections:
                section = chapter.section(section_key)
                if not item.section_titled and section is not None:
                    story.append(content.Heading(pk.text(section.title), 2, f"sec-{section_key}"))
                story.extend(_section(pk, section_key))
            for table in item.tables:
                story.extend(_table(pk, table))
            if len(story) == shown:  # an item of tables the proposal has no records for
                story.append(pk.para(pk.tr(N_("(none)")), "note"))
    return story


def _section(pk: Packet, key: str) -> list[content.Block]:
    text = pk.proposal.section(key).get(pk.lang)
    out = text_block(pk, text, f"plan.{key}.{pk.lang}") if text.strip() else [pk.para(pk.tr(N_("(not written)")), "note")]
    return [*out, *(consortium(pk) if key == "consortium" else [])]


def _table(pk: Packet, name: str) -> list[content.Block]:
    """The blocks of a table the form's item prints (``indicators``, ``budget.support_share``)."""
    from reports import budget, record_tables

    if name == "roadmap":
        return _roadmap_table(pk)
    if name.startswith("budget."):
        return budget.table(pk, name)
    return record_tables.blocks(pk, name)


def consortium(pk: Packet) -> list[content.Block]:
    p = pk.proposal
    story: list[content.Block] = []
    rows: list[list[content.Cell | None]] = [pk.heads(N_("Region"), N_("Role"), N_("Organisations"))]
    for code in p.applicant_regions():
        role = pk.tr(N_("Lead region")) if code == p.lead_region else pk.tr(N_("Partner region"))
        count = sum(1 for o in p.organisations if o.region == code)
        rows.append([pk.cell(pk.region(code)), pk.cell(role), pk.cell(str(count), "num")])
    story.append(content.Table(rows, [78.75, 61.25, None], caption=pk.tr(N_("Applicant regions"))))
    rows = [pk.heads(N_("No."), N_("Organisation"), N_("Kind"), N_("Role"), N_("Region"))]
    for i, org in enumerate(p.organisations, start=1):
        rows.append([
            pk.cell(str(i), "num"), pk.cell(pk.text(org.name), where=f"organisations[{i - 1}].name"),
            pk.cell(label(org.kind, pk.lang)), pk.cell(label(org.role, pk.lang)),
            pk.cell(pk.region(org.region) if org.region else "–"),
        ])
    if not p.organisations:
        rows.append([pk.cell("–"), pk.cell(pk.tr(N_("none"))), None, None, None])
    story.append(content.Table(rows, [10, None, 40, 32, 38], caption=pk.tr(N_("Organisations"))))
    story.append(org_chart(pk))
    return story


def org_chart(pk: Packet) -> content.Figure:
    """The consortium drawn (추진체계도): the ministry over its managing agency; the agency and the
    applicant governments, which fund and oversee the project, over the lead organisation; the
    participants under the lead; each commissioned organisation under the one that commissions it
    (under the lead when it names none, or none that is in the proposal and not itself commissioned)."""
    p = pk.proposal
    lead = p.lead_organisation()
    lead_key = f"org:{lead.id}" if lead else "org:"
    boxes = [content.OrgBox("ministry", pk.text(pk.profile.ministry), pk.tr(N_("Ministry")), "ministry"),
             content.OrgBox("agency", pk.text(pk.profile.agency), pk.tr(N_("Managing agency")), "agency")]
    links = [("ministry", "agency"), ("agency", lead_key)]
    for code in p.applicant_regions():
        role = N_("Lead region") if code == p.lead_region else N_("Partner region")
        boxes.append(content.OrgBox(f"region:{code}", pk.region(code), pk.tr(role), "government"))
        links.append((f"region:{code}", lead_key))
    boxes.append(content.OrgBox(lead_key, pk.text(lead.name) if lead else "–", label(OrgRole.LEAD.value, pk.lang),
                                "lead"))
    members = [o for o in p.organisations if o is not lead]
    commissioners = {o.id for o in members if o.role != OrgRole.COMMISSIONED}
    for org in members:
        commissioned = org.role == OrgRole.COMMISSIONED
        above = f"org:{org.commissioned_by}" if commissioned and org.commissioned_by in commissioners else lead_key
        boxes.append(content.OrgBox(f"org:{org.id}", pk.text(org.name), label(org.role, pk.lang),
                                    "commissioned" if commissioned else "participant"))
        links.append((above, f"org:{org.id}"))
    return content.Figure(content.OrgChart(boxes, links), caption=pk.tr(N_("Organisation chart")))


def _roadmap_table(pk: Packet) -> list[content.Block]:
    if not pk.proposal.roadmap:
        return []
    h = record_columns.table("roadmap").heading
    # the years and the duration are read from the stage's first and last year
    rows = [pk.heads(h("stage"), N_("Years"), N_("Duration"), h("goal"))]
    for i, stage in enumerate(pk.proposal.roadmap):
        rows.append([
            pk.cell(pk.tr(N_("Stage {n}"), n=stage.stage), "head"),
            pk.cell(YearSpan(stage.start_year, stage.end_year).render(pk.lang), "num"),
            pk.cell(Count(stage.years, YEARS).render(pk.lang), "num"),
            pk.cell(pk.text(stage.goal), where=f"roadmap[{i}].goal"),
        ])
    return [content.Table(rows, [22, 28, 20, None])]
