"""``python main.py attach FILE.json SCAN.pdf --slot SLOT [--out NEW.json]`` and
``python main.py detach FILE.json ID… [--out NEW.json]``: a scanned document (PDF, PNG, JPEG) put
into the proposal file, or taken out of it.

The scan's bytes go into the proposal (never a path), so the file carries it wherever it is sent.
Without ``--out`` the proposal file itself is rewritten (atomically). Exit 0 written, 2 for a file
that cannot be read or attached (damaged, encrypted, not a PDF/PNG/JPEG, larger than the call's
limit, more than the proposal can carry in all, one the packet could not place within its bounds — a
page that unpacks to more than it may, say —, an unknown or ambiguous id): nothing is written then.
``detach`` reads a file an older version wrote over the read limit, so it can be made small again.
"""

from __future__ import annotations

import argparse
import os

from cli.exits import EXIT_OK
from forms.attached import megabytes, size_text
from forms.base.console import say
from forms.base.errors import InputError
from forms.base.i18n import N_, _, fill
from forms.model import SLOT_NAMES, ScanAttachment, ScanSlot

#: The fewest characters of an id taken as its start.
MIN_PREFIX = 4


def cmd_attach(ns: argparse.Namespace) -> int:
    from forms.files.exchange import read_file, write_file
    from forms.profile import load_profile
    from reports.scan_file import read_scan
    from reports.scans import check

    proposal = read_file(ns.file)
    added = read_scan(ns.scan, ns.slot, load_profile(proposal.call).scan_limit, proposal.attachments)
    check(added.media_type, added.data, added.name)  # what the packet will do with it, done now
    proposal.attachments.append(added)
    out = ns.out or ns.file
    write_file(proposal, out)
    say(_("Attached {name} as {slot} (id {id}). Wrote {file}.").format(
        name=added.name, slot=_(SLOT_NAMES[added.slot]), id=added.id, file=out))
    return EXIT_OK


def _listed(attachments: list[ScanAttachment]) -> str:
    return ", ".join(f"{a.id} ({a.name}, {size_text(len(a.data))})" for a in attachments) or _("none")


def find_attachment(attachments: list[ScanAttachment], text: str) -> int:
    """The position of the attachment whose id is ``text`` or starts with it (at least four characters,
    as the ``db`` commands take a proposal's id), or :class:`InputError` naming those it could be."""
    key = text.strip().lower()
    exact = [i for i, a in enumerate(attachments) if a.id.lower() == key]
    if exact:
        return exact[0]
    matches = [i for i, a in enumerate(attachments) if a.id.lower().startswith(key)] if len(key) >= MIN_PREFIX else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(N_("More than one attached document's id starts with '{value}': {known}. Give more of it."),
                         value=text, known=_listed([attachments[i] for i in matches]))
    if key and any(a.id.lower().startswith(key) for a in attachments):
        raise InputError(N_("Give at least the first {count} characters of the attached document's id, not "
                            "'{value}'."), count=MIN_PREFIX, value=text)
    raise InputError(N_("The proposal has no attached document with the id '{value}'. Its attachments: {known}."),
                     value=text, known=_listed(attachments))


def cmd_detach(ns: argparse.Namespace) -> int:
    from forms.files import exchange

    # a file an older version wrote over the read limit is read too: taking documents out is its repair
    proposal = exchange.read_file(ns.file, repair=True)
    if not ns.ids:
        raise InputError(N_("Name the attached document to take out by its id (or its first characters). The "
                            "proposal's attachments: {known}."), known=_listed(proposal.attachments))
    positions = sorted({find_attachment(proposal.attachments, text) for text in ns.ids})
    removed = [proposal.attachments[i] for i in positions]
    for index in reversed(positions):
        del proposal.attachments[index]
    out = ns.out or ns.file
    exchange.write_file(proposal, out, oversized=True)  # never larger than the file read
    for item in removed:
        say(fill(_("Removed {name}. Wrote {file}."), name=item.name, file=out))
    size = os.path.getsize(out)
    if size > exchange.MAX_FILE_BYTES:
        say(fill(_("{file} is still {size} MB. A proposal file is read up to {limit} MB. Take out more attached "
                   "documents."), file=out, size=megabytes(size), limit=megabytes(exchange.MAX_FILE_BYTES)))
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
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
    p.add_argument("ids", metavar="ID", nargs="*",
                   help=_("the id of an attached document or its first characters (at least four), several "
                          "at once if need be (with none, they are listed)"))
    p.add_argument("--out", metavar="NEW.json", help=_("write the proposal here (default: over FILE.json)"))
    p.set_defaults(func=cmd_detach)
