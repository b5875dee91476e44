"""Working on one proposal with colleagues: when someone else saves the proposal open here, the
window says who, shows their changes (nothing was being typed here) or merges them with what is
being typed (see ``Document.catch_up``), and asks the person to choose where the two disagree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.base import i18n
from forms.base.i18n import _
from ui.actions.base import WindowActions

if TYPE_CHECKING:
    from storage.moved import Moved

#: How long a note about a colleague's save stays in the status bar (ms).
NOTE_MS = 15_000


class TogetherActions(WindowActions):
    """Part of the main window: changes saved by someone else to the open proposal."""

    def connect_together(self) -> None:
        self.doc.reloaded.connect(self._reloaded)
        self.doc.merged.connect(self._merged)
        self.doc.conflicted.connect(self._conflicted)

    @staticmethod
    def _who(moved: Moved) -> str:
        return ", ".join(moved.saved_by) or _("someone else")

    def _reloaded(self, moved: Moved) -> None:
        self.statusBar().showMessage(_("{who} saved changes to this proposal; it is shown as saved (version "
                                       "{version}).").format(who=self._who(moved), version=moved.version), NOTE_MS)

    def _merged(self, moved: Moved) -> None:
        self.statusBar().showMessage(_("{who} saved changes to this proposal while you were editing it; they are "
                                       "merged with yours and saved (one step of Undo takes them out again).").format(
                                           who=self._who(moved)), NOTE_MS)

    def _conflicted(self, moved: Moved) -> None:
        """Open the merge view on the conflicts; until every one is chosen nothing is saved, and what
        was typed stays in this window (asked again at the next change, or when closing)."""
        from forms import copies
        from ui.mergedialog import MergeDialog

        lang = i18n.current_language()
        who = self._who(moved)
        title = self.doc.proposal.title.get(lang) or _("(untitled)")
        choices: dict[str, str] = {}
        result = moved.result
        for _round in range(3):  # a choice can bring a conflict of its own (a record it keeps names another)
            dialog = MergeDialog(result, who, title, self, copies.changes(self.doc.proposal, result, lang),
                                 chosen=choices)
            if dialog.exec() != MergeDialog.DialogCode.Accepted:
                break
            choices.update(dialog.choices())
            result = moved.merge(choices)
            merged = moved.proposal(result)
            if merged is not None:
                self.doc.take_merge(moved, merged)
                return
        self.saved_label.setText(_("Not saved: your changes conflict with those {who} saved. They are kept in this "
                                   "window, and you are asked again at your next change.").format(who=who))

    def behind_settled(self) -> bool:
        """Before closing: conflicts with a colleague's save not chosen yet are asked once more;
        False (the window stays open) while they are not chosen, so nothing typed is lost."""
        if self.doc.behind is None:
            return True
        self._conflicted(self.doc.behind)
        return self.doc.behind is None
