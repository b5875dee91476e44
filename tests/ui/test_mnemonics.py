"""Alt+letter reaches one thing: on every page (and after an export, with its buttons shown), in
Korean and English, no two labels, buttons, check boxes or group titles share a letter, and none
takes a letter of the menu bar (Alt+L must reach 서류 언어, not the Language menu)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

from forms.base import i18n
from forms.steps import STEPS, Step
from tests.ui.helpers import settle

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(window) -> list[str]:
    menus = {letter(a.text()): a.text() for a in window.menuBar().actions() if letter(a.text())}
    out = []
    for i, step in enumerate(STEPS):
        window.go(i)
        settle()
        page = window.stack.currentWidget()
        taken = dict(menus)
        widgets = [w for w in page.findChildren(QLabel) if w.buddy() is not None]
        widgets += page.findChildren(QAbstractButton) + page.findChildren(QGroupBox)
        widgets += [window.back_button, window.next_button]
        for w in widgets:
            if not w.isVisibleTo(window):
                continue
            text = w.title() if isinstance(w, QGroupBox) else w.text()
            key = letter(text)
            if key is None:
                continue
            if key in taken:
                out.append(f"{step.value}: Alt+{key.upper()} is both {taken[key]!r} and {text!r}")
            else:
                taken[key] = text
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_two_things_answer_the_same_alt_letter(sample_window, tmp_path, lang):
    i18n.set_language(lang)
    w = sample_window
    w.go(STEPS.index(Step.EXPORT))
    w.export.draft.setChecked(True)
    w.export.file.setText(str(tmp_path / "packet.pdf"))
    assert w.export.export()  # the buttons shown after an export count too
    assert clashes(w) == []
