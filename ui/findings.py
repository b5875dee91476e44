"""What is left to do on a step, listed under the page as a checklist: a heading with the count
("남은 일 3건") and a line for each finding in a few words with its figure ("성과지표 가중치 합
90/100", "연구책임자 없음"; ``forms.rules.short``), errors (✖, red) before warnings (⚠, amber), then
the notes (ℹ, grey) of findings that wait for a later step's data. A line's tooltip (and the status
bar, while the pointer is on it) says the rule's whole sentence; a click on a line, or Enter on it,
puts the cursor in its field.

The panel keeps its height whatever it lists, so the page above it never moves as findings come and
go (a click lands where it was aimed): the person sets the height by dragging the splitter above it,
or folds it to its heading with the button (or Alt+F12); both are remembered across starts
(``findings/height``, ``findings/folded``) and shared by every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.base.i18n import N_, NP_, current_language, translate
from forms.steps import title, waiting
from forms.values import Count
from ui import setup
from ui.marks import ERROR_COLOUR, WARNING_COLOUR

if TYPE_CHECKING:
    from forms.rules import Finding

NOTE_COLOUR = "#5f6368"
#: the lines the list shows when nobody has set a height yet
DEFAULT_LINES = 5
WAITS = N_("{message} (checked once {step} has data)")
NOTES = NP_("{count} note", "{count} notes")
LEFT = NP_("{count} thing left to do on this step", "{count} things left to do on this step")


def _short(finding: Finding, lang: str) -> str:
    from forms.rules.short import short_label  # the rules load with the first proposal, not the window

    return short_label(finding, lang)


def folded_setting() -> bool:
    """Whether the person folded the panel (on any page, at any earlier start)."""
    return setup.settings().value("findings/folded", False, type=bool)


class FindingsPanel(QWidget):
    #: the FieldPath of the finding clicked
    activated = Signal(object)
    #: folded (True) or unfolded by its button
    folded_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.fold = QToolButton()
        self.fold.setAutoRaise(True)
        self.fold.setCheckable(True)
        self.fold.toggled.connect(self._folded)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.fold)
        head.addWidget(self.title, 1)
        # One line per finding: an item view, so each line has its own tooltip and status tip (the
        # whole sentence) and the keyboard reaches every line (arrows, Enter), as the mouse does.
        self.scroll = QListWidget()
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.scroll.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scroll.setWordWrap(True)  # a long name in a label wraps; it is never cut
        self.scroll.setResizeMode(QListView.ResizeMode.Adjust)
        self.scroll.setMouseTracking(True)  # the status bar says the whole sentence of the line pointed at
        self.scroll.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.scroll.itemClicked.connect(self._clicked)
        self.scroll.itemActivated.connect(self._clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 2, 0, 0)
        box.setSpacing(2)
        box.addLayout(head)
        box.addWidget(self.scroll, 1)
        self.lines: list[str] = []  # the lines shown (mark and short label), plain, for tests and screen readers
        self.left = 0  # errors and warnings listed (the notes are not counted)
        self._shown: tuple | None = None
        self._lang = ""
        self.fold.setChecked(folded_setting())
        self._folded(self.fold.isChecked())
        self.retranslate(current_language())

    def default_height(self) -> int:
        """The panel's height before anyone drags it: its heading and a few lines."""
        return self.title.sizeHint().height() + self.fontMetrics().lineSpacing() * DEFAULT_LINES + 14

    def folded_height(self) -> int:
        return max(self.fold.sizeHint().height(), self.title.sizeHint().height()) + 4

    def retranslate(self, lang: str) -> None:
        self.fold.setToolTip(translate(N_("Fold or unfold the list of what is left (Alt+F12)"), lang))
        self.fold.setAccessibleName(translate(N_("Fold or unfold the list of what is left"), lang))
        self.scroll.setAccessibleName(translate(N_("What is left to do on this step"), lang))
        self._show_title(lang)

    def _show_title(self, lang: str) -> None:
        if self.left:
            text = Count(self.left, LEFT).render(lang)
        else:
            text = translate(N_("Nothing left to do on this step."), lang)
        notes = len(self.lines) - self.left
        if notes:
            text += " " + translate(N_("({count} waiting for a later step)"), lang, count=Count(notes, NOTES))
        self.title.setText(text)

    def show_findings(self, findings: list[Finding], lang: str) -> None:
        ordered = sorted(findings, key=lambda f: (waiting(f) is not None, not f.is_error))
        shown = tuple((f.is_error, waiting(f), f.shown, _short(f, lang), f.message(lang)) for f in ordered)
        if shown == self._shown and lang == self._lang:
            return  # unchanged: no relayout on a keystroke that changes no finding
        self._shown, self._lang = shown, lang
        self.scroll.clear()
        self.lines = []
        for error, later, where, label, message in shown:
            if later is not None:
                colour, sign = NOTE_COLOUR, "ℹ"
                step = title(later, lang)
                label = translate(WAITS, lang, message=label, step=step)
                message = translate(WAITS, lang, message=message, step=step)
            else:
                colour, sign = (ERROR_COLOUR, "✖") if error else (WARNING_COLOUR, "⚠")
            line = f"{sign} {label}"
            self.lines.append(line)
            item = QListWidgetItem(line)
            item.setForeground(QBrush(QColor(colour)))
            item.setToolTip(message)
            item.setStatusTip(message)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, message)
            item.setData(Qt.ItemDataRole.UserRole, where)
            self.scroll.addItem(item)
        self.left = sum(1 for _e, later, _w, _l, _m in shown if later is None)
        self.setAccessibleDescription("\n".join(self.lines))
        self._show_title(lang)

    def _folded(self, folded: bool) -> None:
        self.fold.setArrowType(Qt.ArrowType.RightArrow if folded else Qt.ArrowType.DownArrow)
        self.scroll.setVisible(not folded)
        if folded_setting() != folded:
            setup.settings().setValue("findings/folded", folded)
        self.folded_changed.emit(folded)

    def _clicked(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if where is not None:
            self.activated.emit(where)
