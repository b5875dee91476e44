"""What every action of the window leans on: a message over the window in the official's
language, a call that can fail said in words instead of raised, and which proposal is open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtWidgets import QMessageBox

from forms.base import app as appinfo
from forms.base import i18n
from forms.base.errors import InputError
from forms.base.i18n import _

if TYPE_CHECKING:
    from ui.document import Document

T = TypeVar("T")


class _Failed:
    """What :meth:`WindowActions.guard` returns when the action failed (and the official was told
    why): never a value an action returns, not even None."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FAILED"


FAILED: Final = _Failed()


class WindowActions:
    """The part of the main window every action uses; the window is a ``QMainWindow`` with a
    document (``doc``) and, once the database is open, a store."""

    doc: Document
    store: object | None

    def say(self, text: str, kind: str = "warning") -> None:
        """A message box over the window, titled with the app's name in the user's language."""
        getattr(QMessageBox, kind)(self, appinfo.name(i18n.current_language()), text)

    #: How many unreadable cells a message box lists; the others are in its details.
    LISTED_CELLS = 10

    def say_cells(self, exc) -> None:  # noqa: ANN001 - forms.files.budget_workbook_reader.UnreadableCells
        """The cells of a workbook that cannot be read: the first few, how many more, and every one
        of them in the box's scrollable details, so the box stays within the screen."""
        lang = i18n.current_language()
        if len(exc.problems) <= self.LISTED_CELLS:
            self.say(exc.text(lang))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, appinfo.name(lang), exc.text(lang, limit=self.LISTED_CELLS),
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText(exc.details(lang))
        box.exec()

    def guard(self, action: Callable[..., T], *args: object) -> T | _Failed:
        """``action(*args)``'s value; or, when it fails with words for the official (an
        :class:`~forms.base.errors.InputError`), say them and return :data:`FAILED`."""
        try:
            return action(*args)
        except InputError as exc:
            self.say(exc.text(i18n.current_language()))
            return FAILED

    def current_proposal_id(self) -> str | None:
        """The id of the proposal open in the window, or None."""
        return self.doc.proposal.id if self.doc.proposal is not None else None

    def is_open(self, proposal_id: str) -> bool:
        return self.current_proposal_id() == proposal_id

    def recent_infos(self) -> list:
        """The stored proposals, the last changed first (while the database is being opened, those
        read before it, if any; none when it cannot be read)."""
        if self.store is None:  # what was read before the database opened, if anything
            return list(getattr(self, "early_infos", []))
        try:
            infos = self.store.list_proposals()
        except InputError:
            return []
        return sorted(infos, key=lambda i: i.updated_at, reverse=True)

    def show_early_list(self, infos: list) -> None:
        """The proposals read before the database is open (storage's ProposalInfo list, newest
        first): listed while it opens, then replaced by the database's own list."""
        self.early_infos = list(infos)
        self.start.show_recent(self.early_infos)

    def title_of(self, proposal_id: str) -> str:
        """A stored proposal's title in the window's language; the open one's as typed this
        moment, saved or not yet."""
        lang = i18n.current_language()
        if self.is_open(proposal_id):
            return self.doc.proposal.title.get(lang) or _("(untitled)")
        for info in self.recent_infos():
            if info.id == proposal_id:
                return info.title.get(lang) or _("(untitled)")
        return _("(untitled)")
