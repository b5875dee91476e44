"""What is left to do on a step, listed under the page: a heading with the count ("남은 일 3건")
and each finding on its own line, errors (✖, red) before warnings (⚠, amber), then the notes (ℹ,
grey) of findings that wait for a later step's data. A click on a message puts the cursor in its
field.

The panel keeps its height whatever it lists, so the page above it never moves as findings come and
go (a click lands where it was aimed): the person sets the height by dragging the splitter above it,
or folds it to its heading with the button (or Alt+F12); both are remembered across starts
(``findings/height``, ``findings/folded``) and shared by every page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from forms.base.i18n import N_, NP_, current_language, translate
from forms.steps import title, waiting
from forms.values import Count
from ui import setup
from ui.marks import ERROR_COLOUR, WARNING_COLOUR

if TYPE_CHECKING:
    from forms.fieldpath import FieldPath
    from forms.rules import Finding

NOTE_COLOUR = "#5f6368"
#: the lines the list shows when nobody has set a height yet
DEFAULT_LINES = 5
WAITS = N_("{message} (checked once {step} has data)")
NOTES = NP_("{count} note", "{count} notes")
LEFT = NP_("{count} thing left to do on this step", "{count} things left to do on this step")


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
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.linkActivated.connect(self._link)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 2, 0, 0)
        box.setSpacing(2)
        box.addLayout(head)
        box.addWidget(self.scroll, 1)
        self.lines: list[str] = []  # the messages shown, plain, for tests and screen readers
        self.left = 0  # errors and warnings listed (the notes are not counted)
        self._shown: tuple | None = None
        self._lang = ""
        self._paths: dict[str, FieldPath] = {}  # each link's text → the field it names (no parsing)
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
        shown = tuple((f.is_error, waiting(f), f.path, f.message(lang)) for f in ordered)
        self._paths = {str(f.shown): f.shown for f in ordered}
        if shown == self._shown and lang == self._lang:
            return  # unchanged: no relayout on a keystroke that changes no finding
        self._shown, self._lang = shown, lang
        rows, self.lines = [], []
        for (error, later, _path, message), finding in zip(shown, ordered, strict=True):
            if later is not None:
                colour, sign = NOTE_COLOUR, "ℹ"
                message = translate(WAITS, lang, message=message,
                                    step=title(later, lang))
            else:
                colour, sign = (ERROR_COLOUR, "✖") if error else (WARNING_COLOUR, "⚠")
            self.lines.append(f"{sign} {message}")
            rows.append(f'<span style="color:{colour}">{sign}</span> '
                        f'<a href="{escape(str(finding.shown), quote=True)}" style="color:{colour}; text-decoration:none">'
                        f"{escape(message)}</a>")
        self.left = sum(1 for _e, later, _p, _m in shown if later is None)
        self.label.setText("<br>".join(rows))
        self.setAccessibleDescription("\n".join(self.lines))
        self._show_title(lang)

    def _folded(self, folded: bool) -> None:
        self.fold.setArrowType(Qt.ArrowType.RightArrow if folded else Qt.ArrowType.DownArrow)
        self.scroll.setVisible(not folded)
        if folded_setting() != folded:
            setup.settings().setValue("findings/folded", folded)
        self.folded_changed.emit(folded)

    def _link(self, href: str) -> None:
        where = self._paths.get(href)
        if where is not None:
            self.activated.emit(where)
