"""The stored proposals, as the official handles them from the Start page and the File menu:
new, open, rename, duplicate, delete (kept, to be restored), restore, and the snapshots."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from forms.base import i18n
from forms.base.i18n import N_, _
from forms.fieldpath import TITLE
from forms.model import duplicate
from forms.steps import STEPS, Step
from ui import ask
from ui.actions.base import FAILED, WindowActions


class ProposalActions(WindowActions):
    """Part of the main window: its actions on stored proposals."""

    def new_proposal(self, call: str | None = None) -> None:
        if self.opening or not self.behind_settled():
            return  # it would not be saved: wait for the database; or a colleague's changes to choose first
        call = call or self.start.call.currentData()
        if self.guard(self.doc.new, call) is not FAILED:
            self.refresh_recent()
            self.go(STEPS.index(Step.TYPE))

    def open_proposal(self, proposal_id: str) -> None:
        if not self.behind_settled():  # what was typed stays until a colleague's conflicting changes are chosen
            return
        if self.store is not None and self.guard(self.doc.open, proposal_id) is not FAILED:
            self.go(STEPS.index(Step.TYPE))

    def open_dialog(self) -> None:
        from ui.dialogs import OpenDialog

        infos = self.recent_infos()
        if not infos:
            self.say(_("There is no stored proposal yet."), "information")
            return
        dialog = OpenDialog(infos, self)
        if dialog.exec() and dialog.chosen():
            self.open_proposal(dialog.chosen())

    def manage_proposal(self, action: str, proposal_id: str) -> None:
        """An action chosen for a proposal of the Start page's list."""
        if self.store is None or self.opening:
            return
        {"rename": self.rename_proposal, "duplicate": self.duplicate_proposal,
         "delete": self.delete_proposal, "restore": lambda _pid: self.restore_deleted()}[action](proposal_id)

    def rename_proposal(self, proposal_id: str) -> None:
        """A new title in the language of the window (the other language's title stays)."""
        lang = i18n.current_language()
        if self.is_open(proposal_id):
            current = self.doc.proposal.title.get(lang, fallback=False)
        else:
            found = self.guard(self.store.load, proposal_id)
            if found is FAILED:
                return
            current = found[0].title.get(lang, fallback=False)
        field = TITLE.child("ko" if lang == "ko" else "en")
        text, ok = ask.ask_text(self, _("Rename the proposal"),
                                        _("Title ({language}):").format(language=i18n.NATIVE_NAMES.get(lang, lang)),
                                        text=current)
        text = " ".join(text.split())
        if not ok or not text or text == current:
            return
        if self.is_open(proposal_id):
            self.doc.edit(field, text, text=N_("Title"))
            self.guard(self.doc.flush)
        else:
            p, version = found
            field.set(p, text)
            self.guard(self.store.save, p, version)
        self.refresh_recent()

    def duplicate_proposal(self, proposal_id: str) -> None:
        """A copy under a new id, titled as a copy, opened at once."""
        if self.is_open(proposal_id) and self.guard(self.doc.flush) is FAILED:
            return
        found = self.guard(self.store.load, proposal_id)
        if found is FAILED:
            return
        copy = duplicate(found[0], lambda title, lang: i18n.translate(N_("{title} (copy)"), lang, title=title))
        if self.guard(self.store.create, copy) is not FAILED:
            self.refresh_recent()
            self.open_proposal(copy.id)

    def delete_proposal(self, proposal_id: str) -> None:
        """Ask; then keep the proposal (and its snapshots) to be restored, and delete it."""
        from storage import trash

        name = self.title_of(proposal_id)
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete the proposal"),
                          i18n.fill(_("Delete “{title}”? It is kept, with its snapshots, and can be brought back with "
                                      "“Restore a deleted one” on the Start page."), title=name), parent=self)
        delete = box.addButton(_("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        if self.is_open(proposal_id):
            if self.guard(self.doc.close_autosave) is FAILED:
                return
            self.doc.close()
            self.go(STEPS.index(Step.START))
        if self.guard(trash.delete_keeping, self.store, proposal_id) is not FAILED:
            self.refresh_recent()
            self.statusBar().showMessage(_("Deleted: {title}").format(title=name), 8000)

    def restore_deleted(self) -> None:
        from forms.dates import moment
        from storage import trash

        lang = i18n.current_language()
        kept = trash.deleted(self.store)
        if not kept:
            self.say(_("No deleted proposal is kept."), "information")
            return
        names = [(_("{title} — deleted {time} by {login}") if k.deleted_by else _("{title} — deleted {time}")).format(
            title=k.title.get(lang) or _("(untitled)"), time=moment(k.deleted_at, lang), login=k.deleted_by)
            for k in kept]
        chosen, ok = ask.ask_item(self, _("Restore a deleted proposal"), _("&Deleted proposals:"), names)
        if not ok or chosen not in names:
            return
        restored = self.guard(trash.restore, self.store, kept[names.index(chosen)].path)
        if restored is not FAILED:
            self.refresh_recent()
            self.open_proposal(restored)

    def snapshots(self) -> None:
        from ui.dialogs import SnapshotsDialog

        p = self.doc.proposal
        if p is None or self.store is None or self.guard(self.doc.flush) is FAILED:
            return
        dialog = SnapshotsDialog(self.store, p.id, self)
        dialog.exec()
        if dialog.restored is not None:
            self.guard(self.doc.open, p.id)
