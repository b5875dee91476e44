"""Proposal files and the budget workbook, from the File menu: import a proposal file (a partner's
copy coming back is offered to be merged instead), export one, and import the budget from the
workbook the app wrote."""

from __future__ import annotations

import os

from forms.base import i18n
from forms.base.errors import InputError
from forms.base.i18n import N_, _
from forms.labels import readable
from forms.steps import STEPS, Step
from ui import files
from ui.actions.base import FAILED, WindowActions


class ExchangeActions(WindowActions):
    """Part of the main window: reading and writing proposal files and the budget workbook."""

    def import_file(self, path: str | None = None) -> None:
        """Import a proposal file. A partner's copy of a proposal of this database would replace the
        working copy: the official chooses first to merge it, to replace (the snapshot is kept), or
        to leave it."""
        from forms.files.exchange import read_file

        if self.store is None:
            return
        if path is None:
            path = files.open_file(self, _("Import a proposal"), _("Proposal files (*.json)"))
        if not path:
            return
        name = os.path.basename(path)
        try:
            p = read_file(path)
            if self.is_open(p.id):
                self.doc.flush()
            returned = self.store.returned_copy(p)
        except InputError as exc:  # the file's name first, then the field by its name, not its path
            self.say(_("{file} cannot be imported.").format(file=name) + "\n" + readable(exc, i18n.current_language()))
            return
        if returned is not None:
            from forms.files.exchange import fingerprint

            when = self.guard(self.store.merged_at, returned.proposal_id, fingerprint(p))
            if when is FAILED:
                return
            if when is not None:
                self.say_already_merged(returned.proposal_id, when, name)
                return
            choice = self.ask_returned(name, returned)
            if choice == "merge":
                self.merge_copy(path)
            if choice != "replace":
                return
        try:
            done = self.store.import_proposal(path)
        except InputError as exc:
            self.say(_("{file} cannot be imported.").format(file=name) + "\n" + readable(exc, i18n.current_language()))
            return
        self.refresh_recent()
        self.open_proposal(done.proposal_id)
        if done.snapshot:
            self.statusBar().showMessage(
                i18n.fill(_("Imported {file}. The working copy it replaced is kept as the snapshot “{name}” "
                            "(File → Snapshots)."), file=name, name=done.snapshot), 15000)
        else:
            self.statusBar().showMessage(i18n.fill(_("Imported {file}."), file=name), 8000)

    def export_file(self) -> None:
        p = self.doc.proposal
        if p is None or self.store is None:
            return

        path = files.save_file(self, _("Export the proposal file"),
                               files.default_file(p.title.get(i18n.current_language()), files.fallback_name(p), "json"),
                               _("Proposal files (*.json)"))
        if (path and self.guard(self.doc.flush) is not FAILED
                and self.guard(self.store.export_file, p.id, path) is not FAILED):
            self.statusBar().showMessage(_("Written: {file}").format(file=path), 5000)

    def import_budget(self) -> None:
        """Read the budget lines of a workbook the app exported, show what they change, and apply
        them as one undo step. A workbook with any unreadable cell changes nothing."""
        from forms.files.budget_workbook_reader import UnreadableCells, read_budget
        from forms.files.budgetsheet import Names, carried_over, compare
        from ui.budgetimport import BudgetImportDialog

        p = self.doc.proposal
        if p is None:
            return
        path = files.open_file(self, _("Import the budget from Excel"), _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        try:
            read = read_budget(path, p)
        except UnreadableCells as exc:
            self.say_cells(exc)
            return
        except InputError as exc:
            self.say(exc.text(i18n.current_language()))
            return
        lines = read.lines
        changes = compare(p.budget.lines, lines)
        if changes.empty:
            self.say(_("The workbook holds the same budget as the proposal: nothing to change."), "information")
            return
        dialog = BudgetImportDialog(changes, Names(p), path, self, sheet=read.sheet)
        if dialog.exec() == BudgetImportDialog.DialogCode.Accepted:
            self.doc.edit("budget.lines", carried_over(p.budget.lines, lines), text=N_("Import the budget from Excel"))
            self.go(STEPS.index(Step.BUDGET))
