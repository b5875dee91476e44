"""The open proposal: its undo stack, its findings after every edit, and its autosave.

Every edit goes through ``edit`` as one undo command named by the field's path (the path findings
use), so undo, redo, autosave and the re-run of the rules follow the same road.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from forms.base.i18n import N_
from forms.fieldpath import FieldPath

if TYPE_CHECKING:
    from forms.model import Proposal
    from forms.rules import Report


def validate(proposal: Proposal) -> Report:
    """The rules' findings (the rules load with the first proposal, not with the first window)."""
    from forms.rules import validate as run

    return run(proposal)


class SetValue(QUndoCommand):
    """Set one field (or one whole list) of the proposal. Typing into one field merges.

    The path is held by record id (``budget.lines[id=…].amount_krw``), so the command still names
    its record whatever rows were inserted, deleted or sorted since."""

    MERGE_ID = 1

    def __init__(self, doc: Document, path: FieldPath, old: object, new: object, merge: bool, text: str) -> None:
        super().__init__(text)
        self.doc, self.path, self.old, self.new, self.merge = doc, path, old, new, merge

    def id(self) -> int:
        return self.MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetValue) or not other.merge or other.path != self.path:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.doc._apply(self.path, copy.deepcopy(self.new))

    def undo(self) -> None:
        self.doc._apply(self.path, copy.deepcopy(self.old))


class Document(QObject):
    """One proposal being edited, with its storage (optional: without a store nothing is saved)."""

    #: a field changed; "" when the whole proposal was replaced
    changed = Signal(str)
    #: the rules ran again
    validated = Signal(object)
    #: autosave finished (version, datetime); emitted in the GUI thread
    saved = Signal(int, object)
    save_failed = Signal(object)
    #: a new proposal was written to the database for the first time (its first edit)
    stored = Signal()
    #: someone else saved the open proposal (a storage.moved.Moved): shown as they saved it (nothing
    #: was being typed here), merged with what was (and saved), or with conflicts to choose
    reloaded = Signal(object)
    merged = Signal(object)
    conflicted = Signal(object)

    def __init__(self, store: object | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.proposal: Proposal | None = None
        self.version = 0
        self.report: Report | None = None
        #: a new proposal nothing was typed into yet: not in the database
        self.unstored = False
        self.last_saved_at: dt.datetime | None = None
        self.undo_stack = QUndoStack(self)
        self._autosaver = None
        # Handing the proposal to the autosaver copies it (a few ms): done when typing pauses,
        # or at the latest HANDOVER_LATEST ms after the first edit not handed over, so steady
        # typing (never pausing that long) is saved too. The autosaver counts its own latest
        # moment from that first edit, not from the hand-over.
        self._handover = QTimer(self)
        self._handover.setSingleShot(True)
        self._handover.setInterval(self.HANDOVER_QUIET)
        self._handover.timeout.connect(self._hand_over)
        self._handover_latest = QTimer(self)
        self._handover_latest.setSingleShot(True)
        self._handover_latest.setInterval(self.HANDOVER_LATEST)
        self._handover_latest.timeout.connect(self._hand_over)
        self._first_edit: float | None = None  # time.monotonic() of the first edit not handed over
        # What is handed over is a copy that follows the edits (forms.snapshot): the last copy and
        # the paths edited since make the next, so a keystroke never copies the whole proposal.
        self._snapshot: Proposal | None = None
        self._edited: list[FieldPath] = []
        # The autosaver calls back from its worker thread; these signals carry the call into
        # the GUI thread (queued connection, because the emitting thread differs).
        self._saved_from_thread.connect(self._on_saved)
        self._failed_from_thread.connect(self._on_save_failed)
        #: the merge with a newer version waiting for the person's choices (autosave waits with it)
        self.behind = None
        self._catching = False

    _saved_from_thread = Signal(int, object)
    _failed_from_thread = Signal(object)

    #: ms without edits before the proposal is handed to the autosaver
    HANDOVER_QUIET = 150
    #: ms after the first edit not handed over at the latest, however fast the typing
    HANDOVER_LATEST = 300

    # opening ----------------------------------------------------------------------------------
    def load(self, proposal: Proposal, version: int = 0, stored: bool = True) -> None:
        """``stored``: the proposal is in the database (a new one is written there with its first edit)."""
        self.close_autosave()
        self.proposal = proposal
        self.version = version
        self.behind = None
        self.undo_stack.clear()
        self.unstored = not stored and self.store is not None
        if self.store is not None and stored:
            self._start_autosave()
        self.report = validate(proposal)
        self.changed.emit("")
        self.validated.emit(self.report)

    def _start_autosave(self) -> None:
        from storage.autosave import Autosaver

        self._autosaver = Autosaver(self.store, self.proposal.id, self.version,
                                    on_saved=lambda v, when: self._saved_from_thread.emit(v, when),
                                    on_error=lambda exc: self._failed_from_thread.emit(exc))
        self._snapshot, self._edited = self.proposal.copy(), []  # when it opens, not on a keystroke

    def _take_snapshot(self) -> Proposal:
        """A copy of the proposal as it is now, for the autosaver (which never changes it): the last
        copy with what was edited since copied in."""
        from forms.snapshot import refreshed

        if self._snapshot is None:
            self._snapshot = self.proposal.copy()
        elif self._edited:
            self._snapshot = refreshed(self._snapshot, self.proposal, self._edited)
        self._edited = []
        return self._snapshot

    def new(self, call: str) -> None:
        """A new proposal, not stored until something is typed into it: New pressed twice, or New
        and then another proposal opened, leaves no empty proposal behind."""
        from forms.model import Proposal

        self.load(Proposal(call=call, type="", date=dt.date.today()), 0, stored=False)

    def _store_new(self) -> None:
        from forms.base.errors import InputError

        try:
            self.version = self.store.create(self.proposal)
        except InputError as exc:
            self.save_failed.emit(exc)
            return
        self.unstored = False
        self._start_autosave()
        self.stored.emit()

    def close(self) -> None:
        """No proposal open any more (its autosave finished first)."""
        self.close_autosave()
        self.proposal, self.report, self.version, self.unstored, self.behind = None, None, 0, False, None
        self.undo_stack.clear()
        self.changed.emit("")
        self.validated.emit(None)

    def open(self, proposal_id: str) -> None:
        proposal, version = self.store.load(proposal_id)
        self.load(proposal, version)

    # editing ----------------------------------------------------------------------------------
    def value(self, path: str) -> object:
        return FieldPath.parse(path).get(self.proposal)

    def edit(self, path: FieldPath | str, value: object, merge: bool = False, text: str | None = None) -> None:
        """Change the field at ``path`` to ``value`` as one undoable command named ``text`` (an
        English message marked with ``N_``: the Edit menu shows it in the language of the moment)."""
        if self.proposal is None:
            return
        where = FieldPath.parse(path)
        old = where.get(self.proposal)
        if old == value:
            return
        self.undo_stack.push(SetValue(self, where.by_id(self.proposal), copy.deepcopy(old), copy.deepcopy(value), merge,
                                      text or N_("Edit")))

    def replace(self, proposal: Proposal, text: str) -> None:
        """Take every field of ``proposal`` (a new version of the open one: a merge) as ONE undo
        step named ``text`` (marked with ``N_``). Its id and the mark of a sent copy stay."""
        import dataclasses

        if self.proposal is None:
            return
        self.undo_stack.beginMacro(text)
        try:
            for f in dataclasses.fields(proposal):
                if f.name not in ("id", "sent_copy", "stored_version"):
                    self.edit(f.name, getattr(proposal, f.name), text=text)
        finally:
            self.undo_stack.endMacro()

    def _apply(self, path: FieldPath, value: object) -> None:
        path.set(self.proposal, value)
        if self.unstored:
            self._store_new()
        if self.behind is not None and not self._catching:  # conflicts not chosen yet: asked again
            QTimer.singleShot(0, self.catch_up)
        if self._autosaver is not None:
            self._edited.append(path)
            self._handover.start()
            if not self._handover_latest.isActive():
                self._first_edit = time.monotonic()
                self._handover_latest.start()
        self.report = validate(self.proposal)
        self.changed.emit(str(path.by_row(self.proposal)))  # the pages show rows
        self.validated.emit(self.report)

    # saving -----------------------------------------------------------------------------------
    def _on_saved(self, version: int, when: object) -> None:
        self.version = version
        self.last_saved_at = when if isinstance(when, dt.datetime) else dt.datetime.now()
        self.saved.emit(version, self.last_saved_at)

    def _on_save_failed(self, exc: object) -> None:
        from storage.errors import Conflict

        if isinstance(exc, Conflict) and self.proposal is not None and exc.proposal_id == self.proposal.id:
            self.catch_up()  # someone else saved first: their changes are merged in, not a failure
        else:
            self.save_failed.emit(exc)

    def editing(self) -> bool:
        """Whether something typed is not saved yet."""
        return (self._handover_pending() or self.behind is not None
                or (self._autosaver is not None and self._autosaver.unsaved is not None))

    def known_version(self) -> int:
        """The latest version saved from here (the autosaver's, which may be ahead of ``version``)."""
        return max(self.version, self._autosaver.version if self._autosaver is not None else 0)

    def catch_up(self) -> None:
        """The stored proposal moved on (another window or person saved it): take their changes.
        Nothing typed here unsaved: it is shown as they saved it. Something typed: it is merged
        three ways (against the version loaded here, kept in the database) and a clean merge is
        applied as ONE undo step and saved as the next version; conflicts are for the person to
        choose (``conflicted``), autosave waiting meanwhile with what is typed kept here."""
        from forms.base.errors import InputError

        if self.proposal is None or self.store is None or self.unstored or self._catching:
            return
        self._catching = True
        try:
            # Typed and not saved: edits not handed over yet, conflicts not chosen, or the copy the
            # autosaver still holds once it stopped (a save under way finishes first and then counts
            # as saved: taking it as unsaved would save the same proposal again as a new version).
            editing = self._handover_pending() or self.behind is not None
            self._handover.stop()
            self._handover_latest.stop()
            self._first_edit = None
            if self._autosaver is not None:
                editing = self._autosaver.abandon() is not None or editing
                self.version = self._autosaver.version
                self._autosaver = None
            try:
                moved = self.store.moved_on(self.proposal, self.version)
            except InputError as exc:
                self._resume(editing)
                self.save_failed.emit(exc)
                return
            if moved is None:
                self._resume(editing)
            elif not editing:
                self.load(moved.theirs, moved.version)
                self.reloaded.emit(moved)
            elif moved.merged is None:
                self.behind = moved
                self.conflicted.emit(moved)
            else:
                self.take_merge(moved, moved.merged)
        finally:
            self._catching = False

    def _resume(self, editing: bool) -> None:
        self._start_autosave()
        if editing:
            self._autosaver.changed(self.proposal)

    def take_merge(self, moved: object, merged: Proposal) -> None:
        """Apply ``merged`` (mine merged onto ``moved.theirs``) as one undo step, and save it as the
        version after theirs."""
        from forms.files.exchange import fingerprint

        was = self._catching
        self._catching = True
        try:
            self.behind = None
            self.version = moved.version
            if self._autosaver is not None:
                self._autosaver.abandon()
            self._start_autosave()
            self.replace(merged, N_("Merge the changes saved elsewhere"))
            if self._handover_pending():
                self._hand_over()  # saved now, not after a pause: the merge is no keystroke
            elif fingerprint(self.proposal) != fingerprint(moved.theirs):
                self._autosaver.changed(self.proposal)  # mine held all the merge kept: saved all the same
        finally:
            self._catching = was
        self.merged.emit(moved)

    def _hand_over(self) -> None:
        self._handover.stop()
        self._handover_latest.stop()
        since, self._first_edit = self._first_edit, None
        if self._autosaver is not None and self.proposal is not None:
            self._autosaver.changed(self._take_snapshot(), since=since, snapshot=True)

    def _handover_pending(self) -> bool:
        return self._handover.isActive() or self._handover_latest.isActive()

    def flush(self) -> None:
        if self._handover_pending():
            self._hand_over()
        if self._autosaver is not None:
            self._autosaver.flush()
            self.version = self._autosaver.version

    def close_autosave(self) -> None:
        if self.behind is not None:  # conflicts not chosen: nothing can be saved over the newer version
            return
        if self._handover_pending():
            self._hand_over()
        if self._autosaver is not None:
            self._autosaver.close()
            self.version = self._autosaver.version
            self._autosaver = None
