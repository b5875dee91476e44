"""A page's findings listed on the page, as the Budget page lists its checks: each message on its
own line, errors (✖, red) before warnings (⚠, amber), so the reason for a red border is read
without hovering over it or going to Review. A click on a message puts the cursor in its field."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea

from ui.marks import ERROR_COLOUR, WARNING_COLOUR

if TYPE_CHECKING:
    from forms.fieldpath import FieldPath
    from forms.rules import Finding


class FindingsPanel(QScrollArea):
    #: the FieldPath of the finding clicked
    activated = Signal(object)

    def __init__(self, max_lines: int = 5) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.linkActivated.connect(self._link)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.max_lines = max_lines
        self.lines: list[str] = []  # the messages shown, plain, for tests and screen readers
        self._shown: tuple | None = None
        self._paths: dict[str, FieldPath] = {}  # each link's text → the field it names (no parsing)
        self.hide()

    def show_findings(self, findings: list[Finding], lang: str) -> None:
        ordered = sorted(findings, key=lambda f: not f.is_error)
        shown = tuple((f.is_error, f.path, f.message(lang)) for f in ordered)
        self._paths = {str(f.shown): f.shown for f in ordered}
        if shown == self._shown:
            return  # unchanged: no relayout on a keystroke that changes no finding
        self._shown = shown
        self.lines = [("✖ " if error else "⚠ ") + message for error, _path, message in shown]
        rows = []
        for (error, _path, message), finding in zip(shown, ordered, strict=True):
            colour = ERROR_COLOUR if error else WARNING_COLOUR
            rows.append(f'<span style="color:{colour}">{"✖" if error else "⚠"}</span> '
                        f'<a href="{escape(str(finding.shown), quote=True)}" style="color:{colour}; text-decoration:none">'
                        f"{escape(message)}</a>")
        self.label.setText("<br>".join(rows))
        self.setAccessibleDescription("\n".join(self.lines))
        self.setVisible(bool(rows))
        if rows:
            spacing = self.label.fontMetrics().lineSpacing()
            width = max(200, self.viewport().width() or self.width())
            needed = self.label.heightForWidth(width)
            self.setFixedHeight(min(needed if needed > 0 else spacing * len(rows), spacing * self.max_lines) + 4)

    def _link(self, href: str) -> None:
        where = self._paths.get(href)
        if where is not None:
            self.activated.emit(where)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._shown and event.size().width() != event.oldSize().width():
            spacing = self.label.fontMetrics().lineSpacing()
            needed = self.label.heightForWidth(self.viewport().width())
            height = min(needed if needed > 0 else spacing, spacing * self.max_lines) + 4
            if height != self.height():
                self.setFixedHeight(height)
