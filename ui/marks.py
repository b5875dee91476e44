"""Marking fields that have a finding: a coloured border, and the messages in the tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from forms.rules import Finding

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#d68000"


def colour(findings: list[Finding]) -> str:
    return ERROR_COLOUR if any(f.is_error for f in findings) else WARNING_COLOUR


class Marker:
    """Keeps which widgets are marked, so a re-run only touches widgets whose marks changed."""

    def __init__(self) -> None:
        self._state: dict[QWidget, tuple[str, str]] = {}
        self._tips: dict[QWidget, str] = {}

    def apply(self, marks: dict[QWidget, list[Finding]], lang: str) -> None:
        for widget in list(self._state):
            if widget not in marks:
                self._set(widget, None)
        for widget, findings in marks.items():
            self._set(widget, (colour(findings), "\n".join(f.message(lang) for f in findings)))

    def _set(self, widget: QWidget, state: tuple[str, str] | None) -> None:
        if self._state.get(widget) == state:
            return
        if widget not in self._tips:
            self._tips[widget] = widget.toolTip()
        own = getattr(widget, "set_mark", None)  # a widget that draws its own border
        if state is None:
            self._state.pop(widget, None)
            widget.setProperty("finding", "")
            if own is not None:  # such a widget also puts back its own tooltip (its text of now)
                own(None)
            else:
                widget.setStyleSheet("")
                widget.setToolTip(self._tips.get(widget, ""))
                widget.setAccessibleDescription("")
            return
        self._state[widget] = state
        col, text = state
        if own is not None:
            own(col)
        else:  # a style sheet costs a few ms: fine when a mark comes or goes, not per keystroke
            widget.setStyleSheet(f"{type(widget).__name__} {{ border: 2px solid {col}; border-radius: 3px; }}")
        widget.setToolTip(text)
        widget.setAccessibleDescription(text)
        widget.setProperty("finding", "error" if col == ERROR_COLOUR else "warning")

    def marked(self) -> list[QWidget]:
        """The widgets marked now."""
        return list(self._state)

    def state(self, widget: QWidget) -> str:
        """'error', 'warning' or '' (for tests and screenshots)."""
        return widget.property("finding") or ""
