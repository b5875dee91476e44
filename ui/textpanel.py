"""A few lines of word-wrapped text that change on every keystroke without moving the page.

A ``QLabel`` asks its parents to lay the page out again whenever its text changes; on the budget
page that is the whole window, on every amount typed. This panel keeps its number of lines (at
least ``lines``) and only repaints itself; it grows or shrinks, up to ``max_lines``, only when the
text wraps into another number of lines, so a longer message or a narrower window never cuts a
line off. It draws the finding border itself, without a style sheet.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
_PAD_X, _PAD_Y = 6, 4


class TextPanel(QWidget):
    def __init__(self, lines: int = 2, parent: QWidget | None = None, max_lines: int = 8) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour: QColor | None = None
        self._bold = False
        self._mark: QColor | None = None
        self.lines = lines
        self.max_lines = max(lines, max_lines)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height_for(lines))
        # Filled by Qt first, so an update repaints this panel only, not the page behind it.
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.height())

    def _height_for(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 2 * _PAD_Y + 2

    def needed_lines(self, width: int | None = None) -> int:
        """How many lines the text wraps into at ``width`` (the panel's own by default)."""
        inner = (self.width() if width is None else width) - 2 * _PAD_X
        if not self._text or inner <= 0:
            return 1 if self._text else 0
        font = QFont(self.font())
        font.setBold(self._bold)
        metrics = QFontMetrics(font)
        height = metrics.boundingRect(QRect(0, 0, inner, 1 << 20), _FLAGS, self._text).height()
        return -(-height // metrics.lineSpacing())

    def clipped(self) -> bool:
        """True when the text needs more lines than the panel may show (the tooltip has it all)."""
        return self.needed_lines() > self.max_lines

    def _fit(self) -> None:
        """Take as many lines as the text needs (within bounds); a relayout only if that changes."""
        if not self.isVisible():
            return  # measured when shown, at its real width
        height = self._height_for(min(self.max_lines, max(self.lines, self.needed_lines())))
        if height != self.maximumHeight():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            if not self.property("finding"):  # a marked panel's tooltip gives the findings
                self.setToolTip(text)
            self._fit()
            self.update()

    def set_emphasis(self, colour: str | None, bold: bool = False) -> None:
        new = QColor(colour) if colour else None
        if new != self._colour or bold != self._bold:
            self._colour, self._bold = new, bold
            self._fit()
            self.update()

    def emphasis_colour(self) -> str | None:
        """The colour the text is drawn in (``#rrggbb``), or None for the palette's."""
        return self._colour.name() if self._colour is not None else None

    def mark_colour(self) -> str | None:
        """The colour of the border a finding draws (``#rrggbb``), or None without a mark."""
        return self._mark.name() if self._mark is not None else None

    def set_mark(self, colour: str | None) -> None:
        """A border in ``colour`` (a finding), or none; drawn here, without a style sheet. Without
        a mark the tooltip and description are the text shown now (the marker's are dropped)."""
        new = QColor(colour) if colour else None
        if new is None:
            self.setToolTip(self._text)
            self.setAccessibleDescription(self._text)
        if new != self._mark:
            self._mark = new
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self._mark is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._mark, 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)
        font = painter.font()
        font.setBold(self._bold)
        painter.setFont(font)
        painter.setPen(self._colour or self.palette().windowText().color())
        painter.drawText(self.rect().adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y), _FLAGS, self._text)
        painter.end()
