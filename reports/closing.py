"""The validation report and the last page: the proposal's fingerprint in full and as a QR code."""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from forms.i18n import N_
from reports.context import Packet
from reports.sections import grid
from reports.styles import FRAME_WIDTH


def validation(pk: Packet) -> list:
    r, s = pk.report, pk.styles
    story: list = [*pk.chapter(pk.tr(N_("Validation report")), "validation")]
    story.append(pk.para(pk.tr(N_("Checked against the rule pack {id}, version {version}: {name}."),
                               id=pk.profile.id, version=pk.profile.version, name=pk.text(pk.profile.name)),
                         s.statement))
    if r.errors:
        story.append(pk.para(pk.tr(N_("The proposal has {count} error(s); this packet is a draft and cannot be "
                                      "submitted."), count=len(r.errors)), s.statement))
    else:
        story.append(pk.para(pk.tr(N_("The proposal has no error.")), s.statement))
    findings = r.errors + r.warnings
    if findings:
        head = [N_("Severity"), N_("Code"), N_("Where"), N_("Message")]
        data = [[pk.cell(pk.tr(h), s.cell_head) for h in head]]
        for f in findings:
            severity = pk.tr(N_("error")) if f.is_error else pk.tr(N_("warning"))
            data.append([pk.cell(severity), pk.cell(f.code), pk.cell(f.path), pk.cell(f.message(pk.lang))])
        table = Table(data, colWidths=[18 * mm, 42 * mm, 36 * mm, FRAME_WIDTH - 96 * mm], repeatRows=1)
        table.setStyle(grid())
        story.append(pk.para(pk.tr(N_("Warnings do not block submission; each is listed with its rule code.")),
                             s.note))
        story.append(table)
    else:
        story.append(pk.para(pk.tr(N_("There is no warning either.")), s.statement))
    lines = pk.glyphs.lines()
    if lines:
        story.append(Spacer(1, 6))
        story.append(pk.para(pk.tr(N_("Characters that the bundled fonts cannot print are shown as 〓:")),
                             s.statement))
        for line in lines:
            story.append(pk.para("- " + line, s.bullets[2]))
    return story


def fingerprint_page(pk: Packet) -> list:
    s = pk.styles
    digest = pk.fingerprint
    grouped = " ".join(digest[i:i + 16] for i in range(0, len(digest), 16))
    qr_table = QrCode(digest, 44 * mm)
    story: list = [PageBreak(), *pk.chapter(pk.tr(N_("Fingerprint")), "fingerprint")]
    story.append(pk.para(pk.tr(N_("This packet was made from the proposal file whose SHA-256 fingerprint of the "
                                  "canonical exchange JSON is:")), s.statement))
    story.append(Spacer(1, 8))
    story.append(KeepTogether([pk.para(grouped, s.fingerprint), Spacer(1, 10), qr_table]))
    story.append(Spacer(1, 8))
    story.append(pk.para(pk.tr(N_("The first {n} characters of the fingerprint are printed at the foot of every "
                                  "page, so that any printed page can be matched to its file."), n=12), s.statement))
    story.append(pk.para(pk.tr(N_("End.")), s.end))
    return story


class QrCode(Flowable):
    """A QR code of ``value``, centred in the frame, drawn as filled runs of dark modules.

    ReportLab's encoder gives the module matrix; drawing the runs straight onto the canvas
    avoids building (and validating) hundreds of shape objects twice.
    """

    BORDER = 2

    def __init__(self, value: str, side: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(value)
        code.make()
        self.modules = code.modules
        self.side = side

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._left = (aw - self.side) / 2
        return aw, self.side

    def draw(self) -> None:
        count = len(self.modules)
        box = self.side / (count + 2 * self.BORDER)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(colors.black)
        path = canv.beginPath()
        for r, row in enumerate(self.modules):
            c = 0
            y = self.side - (r + self.BORDER + 1) * box
            for dark, run in itertools.groupby(row):
                n = len(list(run))
                if dark:
                    path.rect(self._left + (c + self.BORDER) * box, y, n * box, box)
                c += n
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()
