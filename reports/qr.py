"""The QR code of the fingerprint, drawn for the PDF."""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.platypus import Flowable


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
