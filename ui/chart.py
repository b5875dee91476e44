"""A small stacked bar chart of the budget: one bar per year, one colour per source."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from forms.base.i18n import current_language
from forms.model import label
from forms.statement import BudgetStatement

COLOURS = {"national": "#1f5fa8", "local": "#2e9d5b", "own_cash": "#d9822b", "own_in_kind": "#a3a3a3"}


class BudgetChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement: BudgetStatement | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)
        # It paints every pixel itself: its parents need not repaint behind it on each update.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 180)

    def show_statement(self, statement: BudgetStatement | None) -> None:
        """Draw the statement's table by year and source (nothing without one)."""
        self.statement = statement
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        st = self.statement
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if st is None or not st.summary.years:
            return
        years, sources = st.summary.years, st.by_year_source
        lang = current_language()
        metrics = painter.fontMetrics()
        line = metrics.height()
        legend_w = max(metrics.horizontalAdvance(label(row.key, lang)) for row in sources) + line + 12
        plot = QRectF(8, 8, max(40, self.width() - legend_w - 24), self.height() - line - 20)
        tallest = max(st.year_totals.by_year, default=0) or 1
        slot = plot.width() / len(years)
        bar = slot * 0.6
        for i, year in enumerate(years):
            x = plot.left() + i * slot + (slot - bar) / 2
            y = plot.bottom()
            for row in sources:
                h = plot.height() * row.by_year[i] / tallest
                painter.fillRect(QRectF(x, y - h, bar, h), QColor(COLOURS[row.key]))
                y -= h
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, line),
                             Qt.AlignmentFlag.AlignHCenter, str(year))
        lx = plot.right() + 16
        for j, row in enumerate(sources):
            top = 8 + j * (line + 6)
            painter.fillRect(QRectF(lx, top + 2, line - 4, line - 4), QColor(COLOURS[row.key]))
            painter.drawText(QRectF(lx + line, top, legend_w, line), Qt.AlignmentFlag.AlignLeft,
                             label(row.key, lang))
        painter.end()
