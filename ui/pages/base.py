"""What every page of the wizard does: render the proposal, re-set its texts when the language
changes (without rebuilding widgets), mark the fields findings name, and focus a field by path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from forms.base.i18n import current_language
from forms.steps import Step, title
from ui import setup
from ui.findings import FindingsPanel, folded_setting
from ui.marks import Marker

if TYPE_CHECKING:
    from forms.rules import Finding
    from ui.document import Document


#: A dynamic property marking a widget whose every change is an edit of the proposal. In such a
#: widget Ctrl+Z undoes the proposal's last edit (see ``MainWindow.eventFilter``), not the widget's
#: own typing history, which would leave the two apart. Anywhere else — a budget cell being typed
#: into, the packet's file name — Ctrl+Z undoes the typing, as it does in any text box.
PROPOSAL_FIELD = "proposalField"


def proposal_field(widget: QWidget) -> QWidget:
    widget.setProperty(PROPOSAL_FIELD, True)
    return widget


class Page(QWidget):
    step: Step

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.marker = Marker()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The page's fields (``layout_``) above, what is left to do below (see add_findings), split
        # so the person sets the list's height; the fields never move as findings come and go.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.intro)
        self.splitter.addWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.splitter)
        #: the step's findings listed under the page (see add_findings); the Budget page has its own
        self.findings: FindingsPanel | None = None

    def add_findings(self) -> None:
        """List what is left to do on the step under the page; a click goes to the field."""
        self.findings = FindingsPanel()
        self.findings.activated.connect(self.focus_path)
        self.findings.folded_changed.connect(lambda _folded: self.place_findings())
        self.splitter.addWidget(self.findings)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.splitterMoved.connect(self._findings_moved)
        fold = QShortcut(QKeySequence("Alt+F12"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        fold.activated.connect(self.findings.fold.toggle)

    def place_findings(self) -> None:
        """Give the list its remembered height (shared by every page), or fold it to its heading."""
        panel = self.findings
        if panel is None:
            return
        if panel.fold.isChecked() != folded_setting():  # folded or unfolded on another page
            panel.fold.setChecked(folded_setting())  # calls this again
            return
        if panel.fold.isChecked():
            height = panel.folded_height()
            panel.setMinimumHeight(height)
            panel.setMaximumHeight(height)
        else:
            panel.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX: no limit
            panel.setMinimumHeight(panel.folded_height() + 2 * panel.fontMetrics().lineSpacing())
            height = setup.settings().value("findings/height", 0, type=int) or panel.default_height()
        total = sum(self.splitter.sizes()) or self.height()
        height = min(height, max(panel.folded_height(), total // 2))
        if self.splitter.sizes()[1:] != [height]:
            self.splitter.setSizes([max(0, total - height), height])

    def _findings_moved(self, _pos: int, _index: int) -> None:
        if self.findings is not None and not self.findings.fold.isChecked():
            setup.settings().setValue("findings/height", self.splitter.sizes()[1])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.place_findings()  # as another page may have left it

    @property
    def lang(self) -> str:
        return current_language()

    def retranslate(self) -> None:
        """Re-set every text in the current language; widgets and their state stay."""
        self.heading.setText(title(self.step, self.lang))
        if self.findings is not None:
            self.findings.show_findings(self._marked, self.lang)
            self.findings.retranslate(self.lang)

    def refresh(self, path: str) -> None:
        """Show the proposal's values after a change at ``path`` ("" means everything)."""

    def widget_for(self, path: str) -> QWidget | None:
        """The widget where the field at ``path`` is edited (None if it has none)."""
        return None

    def mark(self, findings: list[Finding]) -> None:
        marks: dict[QWidget, list[Finding]] = {}
        for finding in findings:
            widget = self.widget_for(finding.shown)
            if widget is not None:
                marks.setdefault(widget, []).append(finding)
        self.marker.apply(marks, self.lang)
        self._marked = findings
        if self.findings is not None:
            self.findings.show_findings(findings, self.lang)

    def entry_widget(self) -> QWidget | None:
        """Where typing goes when the page is chosen: its main field (a page with a grid: the
        grid, at its current cell). None: the page's first field (see ``focus_entry``)."""
        return None

    def focus_entry(self) -> QWidget | None:
        """Put the focus where typing on this page goes: the field last used on it if it is still
        shown, else its main field, else the first field in the Tab order."""
        candidates = [self._last_focus, self.entry_widget()]
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and self.isAncestorOf(widget):
            candidates.append(widget)
            widget = widget.nextInFocusChain()
        for widget in candidates:
            try:
                usable = (widget is not None and self.isAncestorOf(widget) and widget.isVisibleTo(self)
                          and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))
            except RuntimeError:  # a widget deleted since
                usable = False
            if usable:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return widget
        return None

    def note_focus(self, widget: QWidget) -> None:
        """``widget`` on this page got the focus: typing returns there when the page is chosen again
        (to a table, not to the editor of one of its cells, which closes)."""
        parent = widget
        while parent is not None and parent is not self:
            if isinstance(parent, QAbstractItemView):
                widget = parent
            parent = parent.parentWidget()
        self._last_focus = widget

    _last_focus: QWidget | None = None
    #: the findings last marked (listed again when the language changes)
    _marked: list[Finding] = []  # replaced, never changed in place

    def focus_path(self, path: str) -> QWidget | None:
        widget = self.widget_for(path)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget


def set_text(widget: QWidget, text: str) -> None:
    """Put ``text`` into a line or text edit without an edit signal, only if it differs
    (so the cursor of text being typed stays where it is)."""
    current = widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()
    if current == text:
        return
    blocked = widget.blockSignals(True)
    if hasattr(widget, "setPlainText"):
        widget.setPlainText(text)
    else:
        widget.setText(text)
        if not widget.hasFocus():
            widget.setCursorPosition(0)  # show the start of a long name, not its end
    widget.blockSignals(blocked)


def set_combo(combo: QWidget, data: object) -> None:
    index = combo.findData(data)
    if combo.currentIndex() != index:
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(blocked)


def share_width(room: int, wants: list[int], floors: list[int]) -> list[int]:
    """Share ``room`` pixels between columns: each gets what it wants if it fits, else an equal
    share of what is left (the narrow ones first), never less than its floor (its header).
    Whatever is left over goes to the first column."""
    widths = list(wants)
    order = sorted(range(len(wants)), key=lambda c: max(wants[c], floors[c]))
    for i, col in enumerate(order):
        widths[col] = max(floors[col], min(wants[col], room // (len(wants) - i)))
        room -= widths[col]
    if widths and room > 0:
        widths[0] += room
    return widths


def choice_width(widget: QWidget, texts: list[str]) -> int:
    """The width a drop-down (in ``widget``'s font and style) needs to show the longest of
    ``texts`` whole: a column of choices is sized for every choice it may hold, not for the one it
    holds now, so it does not change width when another is chosen."""
    option = QStyleOptionComboBox()
    option.initFrom(widget)
    metrics = widget.fontMetrics()
    text = QSize(max((metrics.horizontalAdvance(t) for t in texts), default=0), metrics.height())
    return widget.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, widget).width()


def steady_width(view: QAbstractScrollArea) -> int:
    """The width of ``view``'s viewport as if its vertical scroll bar were always shown: a scroll
    bar that comes or goes (a line added) does not re-flow the columns."""
    return view.maximumViewportSize().width() - view.verticalScrollBar().sizeHint().width()


def apply_widths(header: QHeaderView, widths: list[int]) -> None:
    """Set each column to its width, touching only those that change (each resize relays out).
    A column the user has dragged to a width (see ``remember_columns``) keeps that width."""
    chosen = dragged_widths(header)
    setting = header.property(_SETTING)
    header.setProperty(_SETTING, True)
    try:
        for col, width in enumerate(widths):
            width = chosen.get(col, width)
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)
    finally:
        header.setProperty(_SETTING, setting)


_SETTING = "settingWidths"


@dataclass
class _Chosen:
    """The widths the user dragged the columns of one header to, by the name of each column."""

    key: str  # where in the per-user settings
    name_of: Callable[[int], str]
    widths: dict[str, int]


_CHOSEN: WeakKeyDictionary = WeakKeyDictionary()


def dragged_widths(header: QHeaderView) -> dict[int, int]:
    """The width of each column of ``header`` the user has dragged (by column): the others are
    the app's to size."""
    chosen = _CHOSEN.get(header)
    if chosen is None or not chosen.widths:
        return {}
    out = {}
    for col in range(header.count()):
        width = chosen.widths.get(chosen.name_of(col))
        if width:
            out[col] = width
    return out


def remember_columns(header: QHeaderView, name: str, name_of: Callable[[int], str] = str) -> None:
    """Let the user drag the columns of ``header`` to the widths they like; those widths are kept
    (in the per-user settings, under ``name``) and win over the computed ones from then on, in
    either language. A column is known by ``name_of(column)`` (its position unless told), so a
    table whose columns come and go (one per year) gives each its own name."""
    from ui import setup

    key = f"columns/{name}"
    saved = setup.settings().value(key) or {}
    widths = {}
    if isinstance(saved, dict):
        for column, width in saved.items():
            try:
                widths[str(column)] = int(width)
            except (TypeError, ValueError):
                continue  # a value edited by hand: that column is sized as if never dragged
    chosen = _CHOSEN[header] = _Chosen(key, name_of, widths)

    def resized(col: int, _old: int, new: int) -> None:
        if header.property(_SETTING) or not header.isVisible():
            return  # the app's own sizing, not a drag
        chosen.widths[chosen.name_of(col)] = new
        setup.settings().setValue(key, dict(chosen.widths))

    header.sectionResized.connect(resized)
