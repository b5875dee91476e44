"""Finding text that does not fit: labels, buttons, check boxes, group titles, drop-downs, table
headers and cells whose text is cut off, and item-view cells elided without a tooltip.

Used by the GUI tests (in every language, the stretched pseudo-language included) and by
``python -m tools.screenshots``, which reports what it finds. Widths come from the widget's own font
metrics and style, so the check holds at any font size or screen density.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtGui import Qt as QtGuiNs
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTableView,
    QTreeView,
    QWidget,
)

#: Rows of an item view looked at (enough for every table of the window).
MAX_ROWS = 200


def plain(text: str, mnemonic: bool = True) -> str:
    """The text as drawn: ``&&`` is one ampersand, a single ``&`` marks the mnemonic."""
    if not mnemonic:
        return text
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def text_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName() or ''}".rstrip()


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and QtGuiNs.mightBeRichText(text)):
        return None
    rect = label.contentsRect()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + 1:
            return f"{_name(label)} {text!r}: needs {need}px of height, has {label.height()}"
        return None
    shown = plain(text, label.buddy() is not None)
    need = text_width(label.fontMetrics(), shown) + 2 * label.margin() + max(0, label.indent())
    if need > rect.width():
        return f"{_name(label)} {shown!r}: needs {need}px, has {rect.width()}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text:
        return None
    shown = plain(text)
    style = button.style()
    if isinstance(button, QPushButton):
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        need = text_width(button.fontMetrics(), shown) + icon + 2 * (frame + margin)
    elif isinstance(button, (QCheckBox, QRadioButton)):
        need = button.sizeHint().width()
    else:
        return None
    if need > button.width():
        return f"{_name(button)} {shown!r}: needs {need}px, has {button.width()}"
    return None


def _group(box: QGroupBox) -> str | None:
    if not box.title():
        return None
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    shown = plain(box.title())
    need = text_width(box.fontMetrics(), shown)
    label = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                       QStyle.SubControl.SC_GroupBoxLabel, box)
    room = box.width() - max(0, label.left())
    if need > room:
        return f"{_name(box)} title {shown!r}: needs {need}px, has {room}"
    return None


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = text_width(combo.fontMetrics(), text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    if need > field.width():
        return f"{_name(combo)} {text!r}: needs {need}px, has {field.width()}"
    return None


def _header(header: QHeaderView, name: str) -> list[str]:
    problems = []
    if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
        return problems
    model = header.model()
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        need = header.sectionSizeFromContents(section).width()
        has = header.sectionSize(section)
        if need > has:
            text = model.headerData(section, Qt.Orientation.Horizontal) if model else ""
            problems.append(f"{name} header {text!r}: needs {need}px, has {has}")
    if header.length() > header.width() + 1:
        problems.append(f"{name} columns need {header.length()}px, the view shows {header.width()}")
    return problems


def _cells(view: QAbstractItemView) -> list[str]:
    """Cells whose text is elided with no tooltip to show it whole."""
    model = view.model()
    if model is None:
        return []
    problems: list[str] = []
    style = view.style()
    pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    wrap = view.wordWrap() if isinstance(view, (QTableView, QTreeView)) else False
    indexes: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            if len(indexes) >= MAX_ROWS * max(1, model.columnCount(parent)):
                return
            for col in range(model.columnCount(parent)):
                indexes.append(model.index(row, col, parent))
            if isinstance(view, QTreeView):
                first = model.index(row, 0, parent)
                if view.isExpanded(first):
                    walk(first)

    walk(QModelIndex())
    cut: dict[int, list[QModelIndex]] = {}
    for index in indexes:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text or view.indexWidget(index) is not None:
            continue
        rect = view.visualRect(index)
        if rect.width() <= 0:
            continue
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        need = text_width(metrics, text) + pad + (view.iconSize().width() + 4 if icon is not None else 0)
        if wrap and " " in text.strip():
            lines = text.count("\n") + 1
            while need > rect.width() and lines < 50:  # the lines the view wraps it into
                lines += 1
                need = text_width(metrics, text) // lines + pad
            fits = metrics.lineSpacing() * lines <= rect.height() + 1
        else:
            fits = need <= rect.width()
        if not fits and not index.data(Qt.ItemDataRole.ToolTipRole):
            cut.setdefault(index.column(), []).append(index)
    for column, found in cut.items():
        first = found[0]
        problems.append(f"{_name(view)} column {column}: {len(found)} cell(s) cut off without a tooltip, "
                        f"e.g. {first.data()!r} in {view.visualRect(first).width()}px")
    return problems


def cut_off(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that is cut off, described for a person."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        found: str | None = None
        if isinstance(widget, QLabel):
            found = _label(widget)
        elif isinstance(widget, QAbstractButton):
            found = _button(widget)
        elif isinstance(widget, QGroupBox):
            found = _group(widget)
        elif isinstance(widget, QComboBox):
            found = _combo(widget)
        elif isinstance(widget, QHeaderView):
            owner = widget.parentWidget()
            problems += _header(widget, _name(owner) if owner else "table")
        elif isinstance(widget, (QTableView, QTreeView)):
            problems += _cells(widget)
        elif callable(getattr(widget, "clipped", None)) and widget.clipped() and not widget.toolTip():
            found = f"{_name(widget)}: text cut off without a tooltip"
        if found:
            problems.append(found)
    return problems
