"""The validation report, and the fingerprint: the document confirmation number and the box with the
full SHA-256 and its QR code."""

from __future__ import annotations

from forms import labels
from forms.base.i18n import N_
from forms.values import ERRORS, Count
from reports import content
from reports.context import Packet


def validation(pk: Packet, in_draft: bool = True) -> list[content.Block]:
    """The validation report: the rule pack, the errors and warnings with their codes, and the
    characters the fonts cannot print. Its own document, or the last part of a draft, after the
    attachments — never part of a final packet. In a draft it is headed as reference material
    (참고), not numbered among the form's chapters or the attachments (붙임)."""
    r = pk.report
    title = pk.tr(N_("Validation report"))
    story: list[content.Block] = []
    if in_draft:
        story.append(content.Heading(title, 0, "validation", pk.tr(N_("For reference:")), new_page=True))
        story.append(pk.para(pk.tr(N_("This report is attached to a draft only and is no part of the documents "
                                      "submitted.")), "note"))
    else:
        story.append(content.Heading(title, 0, "validation"))
    story.append(pk.para(pk.tr(N_("Checked against the rule pack {id}, version {version}: {name}."),
                               id=pk.profile.id, version=pk.profile.version, name=pk.text(pk.profile.name)),
                         "statement"))
    if r.errors and in_draft:
        story.append(pk.para(pk.tr(N_("The proposal has {errors}. This packet is a draft and cannot be "
                                      "submitted."), errors=Count(len(r.errors), ERRORS)), "statement"))
    elif r.errors:
        story.append(pk.para(pk.tr(N_("The proposal has {errors}. Until they are corrected its packet "
                                      "can be exported only as a draft."), errors=Count(len(r.errors), ERRORS)),
                             "statement"))
    else:
        story.append(pk.para(pk.tr(N_("The proposal has no error.")), "statement"))
    findings = r.errors + r.warnings
    if findings:
        rows: list[list[content.Cell | None]] = [pk.heads(N_("Severity"), N_("Code"), N_("Where"), N_("Message"))]
        for f in findings:
            # told apart in print without colour: a mark and a word of its own (kept on one line by a
            # no-break space), an error in bold
            if f.is_error:
                severity = pk.cell(ERROR_MARK + "\u00a0" + pk.tr(N_("error")), "label")
            else:
                severity = pk.cell(WARNING_MARK + "\u00a0" + pk.tr(N_("warning")))
            # the place as people read it ("Researcher 2 (Kim Tae-yoon): participation rate, 2024"),
            # the code whole on one line
            where = labels.field_label(f.shown or f.path, pk.lang, pk.proposal)
            rows.append([severity, pk.cell(f.code, "code"), pk.cell(where), pk.cell(f.message(pk.lang))])
        story.append(pk.para(pk.tr(N_("Warnings do not block submission. Each is listed with its rule code.")),
                             "note"))
        story.append(content.Table(rows, [20, 42, 44, None]))
    else:
        story.append(pk.para(pk.tr(N_("There is no warning either.")), "statement"))
    return story


#: The marks of an error and of a warning in the report, before their words: both are in the
#: bundled Nanum faces (an English packet takes them from there), unlike ⚠.
ERROR_MARK = "✖"
WARNING_MARK = "▲"


def glyph_lines(pk: Packet) -> list[content.Block]:
    """The characters no bundled face could print, by name (known once the document is laid out)."""
    lines = pk.glyphs.lines()
    if not lines:
        return []
    out: list[content.Block] = [pk.para(pk.tr(N_("Characters that the bundled fonts cannot print are shown as 〓:")),
                                        "statement")]
    out += [pk.para("- " + line, "bullet2") for line in lines]
    return out


def enclosures(pk: Packet, attached: list[content.Attachment]) -> content.Enclosures:
    """The end of the main document's body: its attachments listed at the left margin, one copy
    each (``붙임  1. 지방비 부담 확약서 (경상북도) 1부.``), and ``끝.`` after the last one."""
    items = [pk.tr(N_("{number}. {title}, 1 copy."), number=i, title=a.title)
             for i, a in enumerate(attached, start=1)]
    return content.Enclosures(pk.tr(N_("Attachments:")), items, pk.tr(N_("End.")))


def confirmation_number(digest: str) -> str:
    """The document confirmation number (문서확인번호): the fingerprint's first twelve characters
    in groups of four, as e-government documents print theirs."""
    head = digest[:CONFIRMATION_CHARS].upper()
    return "-".join(head[i:i + 4] for i in range(0, len(head), 4))


CONFIRMATION_CHARS = 12


def fingerprint_box(pk: Packet) -> content.Fingerprint:
    """The small box at the end of the main document: the number, the full SHA-256 and its QR."""
    return content.Fingerprint(
        digest=pk.fingerprint, number_label=pk.tr(N_("Document confirmation number")),
        number=confirmation_number(pk.fingerprint),
        sentence=pk.tr(N_("This document was made from the proposal file whose SHA-256 value is given below. "
                          "The document confirmation number at the foot of every page is its first twelve "
                          "characters. With it, any printed page can be matched to its file.")),
    )
