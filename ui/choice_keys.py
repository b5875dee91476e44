"""The keys of a drop-down in a table cell, as in a spreadsheet's list cell.

Once the cell's drop-down has the keyboard, the arrow keys (and Page Up/Down, Home, End) move
within its list without choosing: the choice is made with Enter or Tab (Tab then moves on) or by
leaving the cell, and Escape goes back to what the cell held. Typing letters jumps to the first
choice they begin, or whose syllables begin with the Korean initial consonants typed (ㅇㄱ for
연구활동비). Alt+Down or F4 open the list as everywhere; a click on a choice in it chooses at once.

Qt's own drop-down chooses at the first arrow key, which in a table's cell editor closes the
editor, so that the next arrow keys move to other rows.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox

_FIRST, _LAST = 0xAC00, 0xD7A3  # the Hangul syllables
#: the initial consonants of a syllable, in Unicode's order, as compatibility letters (what a
#: Korean keyboard types alone)
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MOVES = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}


def initials(text: str) -> str:
    """``text`` with each Hangul syllable as its initial consonant (연구활동비: ㅇㄱㅎㄷㅂ)."""
    return "".join(_INITIALS[(ord(ch) - _FIRST) // 588] if _FIRST <= ord(ch) <= _LAST else ch for ch in text)


def matches(typed: str, text: str) -> bool:
    """Whether a choice shown as ``text`` begins with what was ``typed``: its first characters
    (in any case), or, for Korean initial consonants typed, the initials of its syllables."""
    typed, text = typed.casefold(), text.casefold()
    return text.startswith(typed) or (any(ch in _INITIALS for ch in typed) and initials(text).startswith(typed))


class ChoiceKeys(QObject):
    """Installed on a drop-down (:func:`install`): arrows and letters move its current choice
    without choosing; Enter, Tab or leaving it choose; Escape goes back."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self._held: int | None = None  # the choice the cell holds while another is shown
        self._typed = ""
        self._clock = QElapsedTimer()
        combo.currentIndexChanged.connect(self._chosen_elsewhere)

    def _chosen_elsewhere(self, _index: int) -> None:
        self._held = None  # chosen by a click in the list, or shown anew from the proposal

    def _show(self, index: int) -> None:
        """Show the choice at ``index`` without choosing it."""
        combo = self.combo
        if not 0 <= index < combo.count() or index == combo.currentIndex():
            return
        if self._held is None:
            self._held = combo.currentIndex()
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(blocked)
        combo.update()

    def choose(self) -> None:
        """Make the choice shown the cell's (its ``currentIndexChanged``, which a cell's widget edits
        the proposal on; a cell editor's choice is read by its delegate when it closes)."""
        held, self._held = self._held, None
        combo = self.combo
        if held is None or held == combo.currentIndex():
            return
        shown = combo.currentIndex()
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(held)
        combo.blockSignals(blocked)
        combo.setCurrentIndex(shown)

    def go_back(self) -> bool:
        """Escape: show again the choice the cell holds; False when nothing was moved."""
        held, self._held = self._held, None
        if held is None:
            return False
        blocked = self.combo.blockSignals(True)
        self.combo.setCurrentIndex(held)
        self.combo.blockSignals(blocked)
        self.combo.update()
        return True

    def _search(self, text: str) -> None:
        interval = QApplication.keyboardInputInterval()
        if not self._clock.isValid() or self._clock.elapsed() > interval:
            self._typed = ""
        self._clock.restart()
        self._typed += text
        texts = [self.combo.itemText(i) for i in range(self.combo.count())]
        for typed in (self._typed, text):  # what was typed so far; else this letter alone, anew
            found = next((i for i, t in enumerate(texts) if matches(typed, t)), None)
            if found is not None:
                self._typed = typed
                self._show(found)
                return

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.FocusOut and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.choose()
            return False
        if kind == QEvent.Type.InputMethod and event.commitString():
            self._search(event.commitString())
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.MetaModifier):
            return False  # Alt+Down opens the list; shortcuts stay shortcuts
        combo = self.combo
        if key in _MOVES:
            self._show(min(max(combo.currentIndex() + _MOVES[key], 0), combo.count() - 1))
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._show(0 if key == Qt.Key.Key_Home else combo.count() - 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            moved = self._held is not None
            self.choose()
            # Enter only chooses (not the page's default button); Tab goes on to the next cell
            return moved and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if key == Qt.Key.Key_Escape:
            return self.go_back()
        if key == Qt.Key.Key_F2:
            return True  # already the cell's editor
        text = event.text()
        if text and text.isprintable() and not text.isspace():
            self._search(text)
            return True
        return False


def install(combo: QComboBox) -> QComboBox:
    """Give ``combo`` (a drop-down in a table's cell) the keys of :class:`ChoiceKeys`."""
    keys = ChoiceKeys(combo)
    combo.installEventFilter(keys)
    combo.setProperty("choiceKeys", True)
    return combo
