"""``python main.py import-budget FILE.json BUDGET.xlsx --out NEW.json``: the budget lines of a
workbook the app wrote (and an official edited in Excel) into a copy of the proposal file.

Exit 0 written (the changes are listed, and how many justification rows went with the removed
lines), 2 for an unreadable file or cell (every such cell named
as ``Sheet!C7``; nothing is written). The proposal's rules are not a reason to refuse: the new
file is validated like any other.
"""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from forms.base import i18n
from forms.base.atomic import same_file
from forms.base.console import say
from forms.base.errors import InputError
from forms.base.i18n import N_, _
from forms.files.budgetsheet import Names, carried_over, compare, describe


def cmd_import_budget(ns: argparse.Namespace) -> int:
    from forms.files.budget_workbook_reader import read_budget
    from forms.files.exchange_read import read_file
    from forms.files.exchange_write import write_file

    lang = i18n.current_language()
    if same_file(ns.workbook, ns.out):
        raise InputError(N_("The proposal would be written over the workbook {file}. Name another file with --out."),
                         file=ns.out)
    proposal = read_file(ns.file)
    read = read_budget(ns.workbook, proposal)
    lines = read.lines
    say(_("Read the sheet {sheet} of {file}.").format(sheet=read.sheet, file=ns.workbook))
    changes = compare(proposal.budget.lines, lines)
    proposal.budget.lines = carried_over(proposal.budget.lines, lines)
    write_file(proposal, ns.out)
    names = Names(proposal)
    for line in changes.added:
        say("+ " + _("{line}: {amount} won").format(line=describe(line, names, lang), amount=f"{line.amount_krw:,}"))
    for line in changes.removed:
        say("- " + _("{line}: {amount} won").format(line=describe(line, names, lang), amount=f"{line.amount_krw:,}"))
    for old, new in changes.changed:
        say("~ " + _("{line}: {before} → {after} won").format(line=describe(new, names, lang),
                                                            before=f"{old.amount_krw:,}", after=f"{new.amount_krw:,}"))
    for old, new in changes.moved:
        moved = f"{describe(old, names, lang)} → {describe(new, names, lang)}"
        if old.amount_krw == new.amount_krw:
            say("> " + _("{line}: {amount} won").format(line=moved, amount=f"{new.amount_krw:,}"))
        else:
            say("> " + _("{line}: {before} → {after} won").format(line=moved, before=f"{old.amount_krw:,}",
                                                                after=f"{new.amount_krw:,}"))
    say(_("{added}. Wrote {file}.").format(added=changes.text(lang), file=ns.out))
    if changes.dropped_items:
        say(changes.dropped_text(lang, done=True))
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import-budget", parents=[common],
                       help=_("take the budget lines from the workbook the app exported (edited in Excel)"))
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("workbook", metavar="BUDGET.xlsx")
    p.add_argument("--out", required=True, metavar="NEW.json")
    p.set_defaults(func=cmd_import_budget)
