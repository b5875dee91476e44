"""``python main.py attach FILE.json SCAN.pdf --slot SLOT [--out NEW.json]`` and
``python main.py detach FILE.json ID [--out NEW.json]``: a scanned document (PDF, PNG, JPEG) put
into the proposal file, or taken out of it.

The scan's bytes go into the proposal (never a path), so the file carries it wherever it is sent.
Without ``--out`` the proposal file itself is rewritten (atomically). Exit 0 written, 2 for a file
that cannot be read or attached (damaged, encrypted, not a PDF/PNG/JPEG, larger than the call's
limit, an unknown id): nothing is written then.
"""

from __future__ import annotations

import argparse

from cli.exits import EXIT_OK
from forms import ids
from forms.console import say
from forms.errors import InputError
from forms.i18n import N_, _, fill
from forms.model import SLOT_NAMES, ScanSlot


def cmd_attach(ns: argparse.Namespace) -> int:
    from forms.exchange import read_file, write_file
    from forms.profile import load_profile
    from storage.scans import read_scan

    proposal = read_file(ns.file)
    added = read_scan(ns.scan, ns.slot, load_profile(proposal.call).scan_limit)
    proposal.attachments.append(added)
    out = ns.out or ns.file
    write_file(proposal, out)
    say(_("Attached {name} as {slot} (id {id}); wrote {file}.").format(
        name=added.name, slot=_(SLOT_NAMES[added.slot]), id=added.id, file=out))
    return EXIT_OK


def cmd_detach(ns: argparse.Namespace) -> int:
    from forms.exchange import read_file, write_file

    proposal = read_file(ns.file)
    found = ids.find(proposal.attachments, ns.id)
    if found is None:
        known = ", ".join(f"{a.id} ({a.name})" for a in proposal.attachments) or _("none")
        raise InputError(N_("The proposal has no attached document with the id '{value}'; its attachments: {known}."),
                         value=ns.id, known=known)
    index, removed = found
    del proposal.attachments[index]
    out = ns.out or ns.file
    write_file(proposal, out)
    say(fill(_("Removed {name}; wrote {file}."), name=removed.name, file=out))  # type: ignore[attr-defined]
    return EXIT_OK


def add_parsers(sub, common) -> None:  # noqa: ANN001
    p = sub.add_parser("attach", parents=[common],
                       help=_("put a scanned document (PDF, PNG, JPEG) into the proposal file"))
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("scan", metavar="SCAN.pdf")
    p.add_argument("--slot", required=True, choices=[s.value for s in ScanSlot],
                   help=_("what the document is"))
    p.add_argument("--out", metavar="NEW.json", help=_("write the proposal here (default: over FILE.json)"))
    p.set_defaults(func=cmd_attach)
    p = sub.add_parser("detach", parents=[common], help=_("take an attached document out of the proposal file"))
    p.add_argument("file", metavar="FILE.json")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", metavar="NEW.json", help=_("write the proposal here (default: over FILE.json)"))
    p.set_defaults(func=cmd_detach)
