"""Every button of the window and of its dialogs is reached by its own Alt+letter, in Korean and
English: on each page (each chapter of the Plan step too) and in each dialog, every button, check
box, labelled field and group has a letter, and no two share one (nor a letter of the menu bar, on
the window's pages).

Deliberately without a letter: the standard buttons of a dialog's button box (OK, Cancel, Close,
Open: Enter and Escape reach them, and Qt words them), buttons without text (a check box in a
table's cell, Qt's own scroll arrows), and labels that name no field."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import settle

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _standard(button: QAbstractButton) -> bool:
    """A standard button of a button box (OK, Cancel, Close …), reached by Enter or Escape."""
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QDialogButtonBox):
        parent = parent.parentWidget()
    return parent is not None and parent.standardButton(button) != QDialogButtonBox.StandardButton.NoButton


def problems(where: str, root: QWidget, extra: list[QWidget] = (), taken: dict[str, str] | None = None) -> list[str]:
    """What on ``root`` (as shown now) has no letter, or the letter of another."""
    taken = dict(taken or {})
    out = []
    widgets = [w for w in root.findChildren(QLabel) if w.buddy() is not None]
    widgets += root.findChildren(QAbstractButton) + root.findChildren(QGroupBox) + list(extra)
    top = root.window()
    for w in widgets:
        if not w.isVisibleTo(top):
            continue
        text = w.title() if isinstance(w, QGroupBox) else w.text()
        if isinstance(w, QGroupBox) and not w.isCheckable():
            key = letter(text)
            if key is None:
                continue  # a group's title is a heading; it takes no letter unless it has one
        elif not text.strip() or (isinstance(w, QAbstractButton) and _standard(w)):
            continue
        key = letter(text)
        if key is None:
            out.append(f"{where}: {text!r} has no letter")
        elif key in taken:
            out.append(f"{where}: Alt+{key.upper()} is both {taken[key]!r} and {text!r}")
        else:
            taken[key] = text
    return out


def pages(window) -> list[str]:
    menus = {letter(a.text()): a.text() for a in window.menuBar().actions() if letter(a.text())}
    out = []
    for i, step in enumerate(STEPS):
        window.go(i)
        settle()
        page = window.stack.currentWidget()
        chapters = range(page.chapters.count()) if step == Step.PLAN else [None]
        for chapter in chapters:
            if chapter is not None:
                page.show_chapter(chapter)
                settle()
            name = step.value if chapter is None else f"{step.value}, chapter {page.chapters.item(chapter).text()}"
            out += problems(name, page, [window.back_button, window.next_button], menus)
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_button_of_every_page_has_its_own_letter(sample_window, tmp_path, lang):
    i18n.set_language(lang)
    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    w.export.draft.setChecked(True)
    w.export.file.setText(str(tmp_path / "packet.pdf"))
    assert w.export.export()  # the buttons shown after an export count too
    found = pages(w)
    assert found == [], "\n".join(found)


def _dialogs(window, store, super_regional, monkeypatch) -> list[tuple[str, QWidget]]:
    """Every dialog of the window, made as the window makes it (the message boxes asked inline are
    caught as they would open)."""
    from forms.files.budgetsheet import Names, compare
    from forms.files.exchange import to_dict
    from forms.merge import merge
    from forms.profile import load_profile
    from ui import dialogs
    from ui.budgetimport import BudgetImportDialog
    from ui.mergedialog import MergeDialog

    p = window.doc.proposal
    base = to_dict(p)
    ours, theirs = json.loads(json.dumps(base)), json.loads(json.dumps(base))
    ours["budget"]["lines"][0]["amount_krw"] += 1_000
    theirs["budget"]["lines"][0]["amount_krw"] += 2_000
    lines = list(p.budget.lines)
    made = [
        ("recovery", dialogs.RecoveryDialog("The database is damaged.", has_backup=True)),
        ("open", dialogs.OpenDialog([])),
        ("snapshots", dialogs.SnapshotsDialog(store, p.id, window)),
        ("about", dialogs.AboutDialog()),
        ("rules", dialogs.RulesDialog(load_profile(p.call))),
        ("merge", MergeDialog(merge(base, ours, theirs), "Daegu", "from-daegu.json")),
        ("budget import", BudgetImportDialog(compare(lines, lines[1:]), Names(p), "budget.xlsx", sheet="Lines")),
    ]
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box) or 0)
    window.go(STEPS.index(Step.REGIONS))
    window.regions.table.setCurrentCell(0, 0)
    window.regions.remove_organisation()  # named by budget lines: asks first
    window.delete_proposal(p.id)
    made += [(f"message {box.windowTitle()}", box) for box in asked]
    return made


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_button_of_every_dialog_has_its_own_letter(sample_window, store, super_regional, monkeypatch, qtbot,
                                                          lang):
    i18n.set_language(lang)
    found = []
    made = _dialogs(sample_window, store, super_regional, monkeypatch)
    assert len(made) >= 9
    for name, dialog in made:
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        found += problems(name, dialog)
        dialog.hide()
    assert found == [], "\n".join(found)
