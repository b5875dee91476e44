"""A small stacked bar chart of the budget: one bar per year, one colour per source."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from forms.budget import SOURCES, BudgetSummary
from forms.i18n import current_language
from forms.model import label

COLOURS = {"national": "#1f5fa8", "local": "#2e9d5b", "own_cash": "#d9822b", "own_in_kind": "#a3a3a3"}


class BudgetChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: BudgetSummary | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)
        # It paints every pixel itself: its parents need not repaint behind it on each update.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 180)

    def show_summary(self, summary: BudgetSummary | None) -> None:
        self.summary = summary
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        s = self.summary
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if s is None or not s.years:
            return
        lang = current_language()
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend_w = max(metrics.horizontalAdvance(label(src, lang)) for src in SOURCES) + line + 12
        plot = QRectF(8, 8, max(40, self.width() - legend_w - 24), self.height() - line - 20)
        tallest = max((s.year_total(y) for y in s.years), default=0) or 1
        slot = plot.width() / len(s.years)
        bar = slot * 0.6
        for i, year in enumerate(s.years):
            x = plot.left() + i * slot + (slot - bar) / 2
            y = plot.bottom()
            for src in SOURCES:
                amount = s.by_year_source.get((year, src), 0)
                h = plot.height() * amount / tallest
                painter.fillRect(QRectF(x, y - h, bar, h), QColor(COLOURS[src]))
                y -= h
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, line),
                             Qt.AlignmentFlag.AlignHCenter, str(year))
        lx = plot.right() + 16
        for j, src in enumerate(SOURCES):
            top = 8 + j * (line + 6)
            painter.fillRect(QRectF(lx, top + 2, line - 4, line - 4), QColor(COLOURS[src]))
            painter.drawText(QRectF(lx + line, top, legend_w, line), Qt.AlignmentFlag.AlignLeft, label(src, lang))
        painter.end()
