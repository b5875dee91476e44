"""Copies for partners, from the File menu: send a copy to a partner region or organisation, and
merge a partner's copy back three ways against the copy as it was sent. What a returned copy comes
to is decided in :mod:`forms.copies`; here it is asked, shown and applied."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from forms.base import app as appinfo
from forms.base import i18n
from forms.base.i18n import N_, _
from forms.dates import moment
from forms.steps import STEPS, Step
from ui import files
from ui.actions.base import FAILED, WindowActions

if TYPE_CHECKING:
    from forms.copies import Returned


class CopyActions(WindowActions):
    """Part of the main window: copies sent to partners and merged back."""

    def send_copy(self) -> None:
        """Write a copy for a partner region or organisation; the database keeps the proposal as
        sent (the base), and the copy carries its fingerprint so its return can be merged."""
        from forms.merge import partner_name
        from ui.mergedialog import ask_partner

        p = self.doc.proposal
        if p is None or self.store is None:
            return
        partner = ask_partner(p, self)
        if not partner:
            return

        lang = i18n.current_language()
        shown = partner_name(partner, p, lang)
        name = f"{files.clean_name(p.title.get(lang), files.fallback_name(p))} - {files.clean_name(shown, 'partner', 30)}"
        path = files.save_file(self, _("Send a copy to a partner"),
                               os.path.join(files.documents_folder(), f"{name}.json"), _("Proposal files (*.json)"))
        if (path and self.guard(self.doc.flush) is not FAILED
                and self.guard(self.store.send_copy, p.id, partner, path) is not FAILED):
            self.statusBar().showMessage(_("Copy for {partner} written: {file}").format(partner=shown, file=path),
                                         8000)

    def merge_copy(self, path: str | None = None) -> None:
        """Merge a partner's copy three ways against the base it was sent from; every conflict is
        chosen in the dialog, and the accepted merge is one undo step, a snapshot named after the
        partner, and validated at once."""
        from forms import copies
        from forms.copies import Verdict
        from forms.files.exchange import from_dict
        from forms.proposalfile import read_proposal
        from ui.mergedialog import MergeDialog

        if self.store is None:
            return
        if path is None:
            path = files.open_file(self, _("Merge a partner's copy"), _("Proposal files (*.json)"))
        if not path:
            return
        file = os.path.basename(path)
        theirs = self.guard(read_proposal, path, file)
        if theirs is FAILED:
            return
        # The proposal the copy belongs to is read, not opened: the one open stays open until the
        # merge is applied, and a cancelled merge changes nothing at all.
        returned = self.guard(copies.weigh, theirs, self.store.sent_base, self.store.merged_at, self._as_it_is_now)
        if returned is FAILED:
            return
        if returned.verdict != Verdict.TO_MERGE:
            self._say_verdict(returned, path)
            return
        partner = returned.partner_name(i18n.current_language())
        choices: dict[str, str] = {}
        final = returned.result
        for _round in range(3):  # a choice can bring a conflict of its own (a record it keeps names another)
            changes = copies.changes(returned.ours, final, i18n.current_language())
            dialog = MergeDialog(final, partner, file, self, changes, chosen=choices)
            if dialog.exec() != MergeDialog.DialogCode.Accepted:
                return
            choices.update(dialog.choices())
            final = returned.merge(choices)
            if final.clean:
                break
        else:
            return
        made = self.guard(from_dict, final.merged)
        if made is FAILED:
            return
        if not self.is_open(returned.proposal_id):
            self.open_proposal(returned.proposal_id)
            if not self.is_open(returned.proposal_id):
                return
        self.doc.replace(made, N_("Merge a partner's copy"))
        name = copies.snapshot_name(partner, dt.datetime.now(), i18n.current_language())
        if self.guard(self.doc.flush) is not FAILED:
            self.guard(self.store.snapshot, self.doc.proposal.id, name)
            self.guard(self.store.remember_merged, self.doc.proposal.id, returned.copy_fingerprint, returned.partner)
        report = self.doc.report  # every edit of the merge ran the rules: the last run is the merged proposal's
        if report is not None and report.has_errors:
            self.go(STEPS.index(Step.REVIEW))
            self.say(i18n.fill(_("The copy from {partner} is merged and saved as the snapshot “{name}”. The merged "
                                 "proposal breaks rules of the call, which are listed here."),
                               partner=partner, name=name))
        else:
            self.statusBar().showMessage(_("The copy from {partner} is merged and saved as the snapshot “{name}”.").format(
                partner=partner, name=name), 8000)

    def _as_it_is_now(self, proposal_id: str):  # noqa: ANN202 - forms.model.Proposal
        """The proposal a copy belongs to as it is now: the open one as typed, else as stored."""
        return self.doc.proposal if self.is_open(proposal_id) else self.store.load(proposal_id)[0]

    def _say_verdict(self, returned: Returned, path: str) -> None:
        """Why a partner's copy is not merged."""
        from forms.copies import Verdict

        if returned.verdict == Verdict.NOT_A_COPY:
            self.say(i18n.fill(_("{file} is not a copy sent to a partner: it does not carry the fingerprint of the "
                                 "proposal it was sent from. To take it as it is, use File → Import a file."),
                               file=path))
        elif returned.verdict == Verdict.NOT_SENT_HERE:
            self.say(i18n.fill(_("{file} is a copy this database has no record of sending: it was sent from "
                                 "another computer or database, or from a proposal deleted for good. If you still "
                                 "have the file as it was sent, merge on the command line: export your proposal "
                                 "(File → Export as a file), then run main.py merge SENT.json YOURS.json {file} "
                                 "--out MERGED.json, and import MERGED.json."), file=path))
        elif returned.verdict == Verdict.ALREADY_MERGED:
            self.say_already_merged(returned.proposal_id, returned.merged_at, os.path.basename(path))
        elif returned.verdict == Verdict.OTHER_PROPOSAL:
            self.say(i18n.fill(_("{file} is a copy of another proposal. Nothing was merged."), file=path))
        elif returned.verdict == Verdict.NOTHING_NEW:
            self.say(_("The copy from {partner} brings nothing new: the proposal already holds all of it.").format(
                partner=returned.partner_name(i18n.current_language())), "information")

    def say_already_merged(self, proposal_id: str, when: dt.datetime, file: str) -> None:
        """A partner's copy merged into the proposal before: its conflicts were settled then, so
        it is not asked again."""
        self.say(i18n.fill(_("{file} is already merged into “{title}” ({time}). Its conflicts were settled then. "
                             "Nothing was changed."), file=file, title=self.title_of(proposal_id),
                           time=moment(when, i18n.current_language())), "information")

    def ask_returned(self, name: str, returned) -> str:  # noqa: ANN001 - storage.store.ReturnedCopy
        """Ask what to do with a partner's copy being imported: "merge", "replace" or "" (cancel)."""
        from forms.merge import partner_name

        title = self.title_of(returned.proposal_id)
        if returned.sent is not None:
            text = i18n.fill(_("{file} is the copy of “{title}” sent to {partner}, come back. Importing it replaces "
                               "your working copy with it, and your changes since it was sent are no longer in the "
                               "proposal. Merge it instead, to keep both?"),
                             file=name, title=title,
                             partner=partner_name(returned.sent.partner, returned.sent.base, i18n.current_language()))
        else:
            text = i18n.fill(_("{file} is a partner's copy of “{title}”, and it differs from your working copy. "
                               "Importing it replaces your working copy with it. Merge it instead, to keep both?"),
                             file=name, title=title)
        box = QMessageBox(QMessageBox.Icon.Question, appinfo.name(i18n.current_language()), text, parent=self)
        merge = box.addButton(_("&Merge it"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(_("&Replace my working copy"), QMessageBox.ButtonRole.DestructiveRole)
        box.setInformativeText(_("If you replace it, your working copy is kept as a snapshot first."))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "merge" if clicked is merge else "replace" if clicked is replace else ""
