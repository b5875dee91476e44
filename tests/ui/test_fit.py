"""No text is cut off: every step of the window at 1280×680 (a 1366×768 laptop) in the pseudo-language (every string
stretched by 40 % and bracketed), in Korean and in English — labels, buttons, check boxes, radio
buttons, group titles, drop-downs, table headers, and table cells elided without a tooltip — and
the window never needs more than that. The checker itself is shown to catch a cut label."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QRadioButton, QTableView, QVBoxLayout, QWidget

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import settle
from tools import fit
from ui.pages.base import share_width

SIZE = (1280, 680)  # the window on a 1366×768 laptop (see MainWindow.place_on_screen)
LONG = "A label far too long for the little space it is given here"


def _problems_on_every_step(window, tmp_path) -> dict[str, list[str]]:
    window.resize(*SIZE)
    settle()
    found: dict[str, list[str]] = {}
    for i, step in enumerate(STEPS):
        window.go(i)
        if step == Step.EXPORT:  # the packet written: its result and buttons show too
            window.export.file.setText(str(tmp_path / "packet.pdf"))
            assert window.export.export()
        settle()
        assert window.stack.currentIndex() == i
        assert (window.width(), window.height()) == SIZE
        hint = window.minimumSizeHint()
        problems = fit.cut_off(window)
        if hint.width() > SIZE[0] or hint.height() > SIZE[1]:
            problems.append(f"the window needs {hint.width()}×{hint.height()}")
        if problems:
            found[step.value] = problems
    # one local amount under the minimum: the shortfall, the checks panel and the review's messages
    lines = window.doc.proposal.budget.lines
    local = next(i for i, line in enumerate(lines) if line.source == "local")
    window.doc.edit(f"budget.lines[{local}].amount_krw", lines[local].amount_krw // 10)
    for step in (Step.BUDGET, Step.REVIEW):
        window.go(STEPS.index(step))
        settle()
        problems = fit.cut_off(window)
        if problems:
            found[f"{step.value} with an error"] = problems
    return found


@pytest.mark.parametrize("lang", [i18n.PSEUDO, "ko", "en"])
def test_no_text_is_cut_off_on_any_step(sample_window, tmp_path, lang):
    i18n.set_language(lang)
    assert sample_window.budget.heading.text().startswith("[") == (lang == i18n.PSEUDO)
    found = _problems_on_every_step(sample_window, tmp_path)
    assert not found, "\n".join(f"{step}: {p}" for step, problems in found.items() for p in problems)


def test_the_checked_widgets_are_really_there(sample_window):
    """The check looks at the widgets the step shows (not at an empty window)."""
    i18n.set_language(i18n.PSEUDO)
    sample_window.go(STEPS.index(Step.EXPORT))
    settle()
    kinds = {type(w) for w in sample_window.findChildren(QWidget) if w.isVisible()}
    assert {QLabel, QPushButton, QCheckBox} <= kinds


# the checker ---------------------------------------------------------------------------------
@pytest.fixture
def holder(qtbot):
    widget = QWidget()
    QVBoxLayout(widget)
    qtbot.addWidget(widget)
    return widget


def _show(holder: QWidget, child: QWidget) -> QWidget:
    holder.layout().addWidget(child)
    holder.show()
    settle()
    return child


def test_a_label_narrower_than_its_text_is_found(holder):
    label = _show(holder, QLabel(LONG))
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(LONG) // 2)
    settle()
    assert any(LONG in p for p in fit.cut_off(holder))
    label.setFixedWidth(label.fontMetrics().horizontalAdvance(LONG) + 4)
    settle()
    assert fit.cut_off(holder) == []


def test_a_word_wrapped_label_too_short_for_its_lines_is_found(holder):
    label = _show(holder, QLabel(LONG))
    label.setWordWrap(True)
    label.setFixedSize(label.fontMetrics().horizontalAdvance(LONG) // 3, label.fontMetrics().height())
    settle()
    assert any("height" in p for p in fit.cut_off(holder))


@pytest.mark.parametrize("kind", [QPushButton, QCheckBox, QRadioButton])
def test_buttons_narrower_than_their_text_are_found(holder, kind):
    button = _show(holder, kind("&" + LONG))
    button.setFixedWidth(button.fontMetrics().horizontalAdvance(LONG) // 2)
    settle()
    problems = fit.cut_off(holder)
    assert len(problems) == 1 and LONG in problems[0]
    button.setMinimumWidth(0)
    button.setMaximumWidth(10_000)
    button.setFixedWidth(button.sizeHint().width() + 8)
    settle()
    assert fit.cut_off(holder) == []


def test_an_elided_cell_needs_a_tooltip_and_a_header_its_width(holder):
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["Organisation", "Amount"])
    model.setItem(0, 0, QStandardItem(LONG))
    model.setItem(0, 1, QStandardItem("1"))
    view = _show(holder, QTableView())
    view.setModel(model)
    header = view.horizontalHeader()
    header.resizeSection(0, header.sectionSizeFromContents(0).width())  # the header fits, the cell not
    header.resizeSection(1, 10)
    settle()
    problems = fit.cut_off(holder)
    assert any("without a tooltip" in p and LONG in p for p in problems)
    assert any("header 'Amount'" in p for p in problems)
    model.item(0, 0).setData(LONG, Qt.ItemDataRole.ToolTipRole)
    header.resizeSection(1, header.sectionSizeFromContents(1).width())
    settle()
    assert fit.cut_off(holder) == []


def test_plain_drops_the_mnemonic_marker_only():
    assert fit.plain("&Save && close") == "Save & close"
    assert fit.plain("R&D", mnemonic=False) == "R&D"


def test_columns_share_the_room_narrow_ones_first():
    assert share_width(300, [50, 400, 100], [20, 20, 20]) == [50, 150, 100]
    assert share_width(1000, [50, 400, 100], [20, 20, 20]) == [500, 400, 100]  # the rest to the first
    assert share_width(60, [50, 400, 100], [40, 40, 40]) == [40, 40, 40]  # never under the headers


def test_nothing_is_cut_off_after_switching_language_on_a_page_made_in_the_other(sample_window):
    """A page made in Korean and then shown in English (or back) re-fits its texts too."""
    sample_window.resize(*SIZE)
    for first, then in (("ko", "en"), ("en", "ko")):
        i18n.set_language(first)
        for i in range(len(STEPS)):
            sample_window.go(i)
            settle()
        i18n.set_language(then)
        for i, step in enumerate(STEPS):
            sample_window.go(i)
            settle()
            assert not fit.cut_off(sample_window), (first, then, step.value, fit.cut_off(sample_window))
