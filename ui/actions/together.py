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

    live = None

    def connect_together(self) -> None:
        """Follow colleagues' saves: those the document meets, and on a server those heard."""
        self.doc.reloaded.connect(self._reloaded)
        self.doc.merged.connect(self._merged)
        self.doc.conflicted.connect(self._conflicted)
        self.listen()

    def listen(self) -> None:
        """On a server, hear every save (see :mod:`storage.live`); a file has nothing to hear."""
        self.stop_listening()
        if self.store is None or not getattr(self.store, "server", False):
            return
        from ui.live import Live

        self.live = Live(self.store, self)
        self.live.changed.connect(self._heard)
        self.live.lost.connect(self._connection_lost)
        self.live.back.connect(self._connection_back)

    def stop_listening(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None

    def _heard(self, proposal_id: str, version: int) -> None:
        """A save heard: the open proposal is caught up with when someone else saved it (idle: shown
        as saved; editing: merged at once); the start page's list shows the change."""
        if self.is_open(proposal_id) and version > self.doc.known_version():
            self.doc.catch_up()
        self.refresh_recent()

    def _connection_lost(self, _exc: object) -> None:
        self.statusBar().showMessage(_("The connection to the server is lost. What you type is kept in this window "
                                       "and saved when the server is back. Trying again…"))

    def _connection_back(self) -> None:
        self.statusBar().showMessage(_("Connected to the server again."), NOTE_MS)
        if self.doc.proposal is not None and not self.doc.unstored:
            self.doc.catch_up()  # saves made while the connection was lost were not heard
        self.refresh_recent()

    @staticmethod
    def _who(moved: Moved) -> str:
        return ", ".join(moved.saved_by) or _("someone else")

    def _reloaded(self, moved: Moved) -> None:
        self.statusBar().showMessage(_("{who} saved changes to this proposal. It is shown as saved (version "
                                       "{version}).").format(who=self._who(moved), version=moved.version), NOTE_MS)

    def _merged(self, moved: Moved) -> None:
        self.statusBar().showMessage(_("{who} saved changes to this proposal while you were editing it. They are "
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
