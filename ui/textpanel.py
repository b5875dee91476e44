"""A few lines of word-wrapped text that change on every keystroke without moving the page.

A ``QLabel`` asks its parents to lay the page out again whenever its text changes; on the budget
page that is the whole window, on every amount typed. This panel keeps a fixed number of lines
and only repaints itself; it draws the finding border itself, without a style sheet.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextPanel(QWidget):
    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour: QColor | None = None
        self._bold = False
        self._mark: QColor | None = None
        self.lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 10)
        # Filled by Qt first, so an update repaints this panel only, not the page behind it.
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.height())

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - as QLabel
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            if not self.property("finding"):  # a marked panel's tooltip gives the findings
                self.setToolTip(text)
            self.update()

    def set_emphasis(self, colour: str | None, bold: bool = False) -> None:
        new = QColor(colour) if colour else None
        if new != self._colour or bold != self._bold:
            self._colour, self._bold = new, bold
            self.update()

    def set_mark(self, colour: str | None) -> None:
        """A border in ``colour`` (a finding), or none; drawn here, without a style sheet."""
        new = QColor(colour) if colour else None
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
        painter.drawText(self.rect().adjusted(6, 4, -6, -4),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                         self._text)
        painter.end()
