"""``python main.py merge BASE OURS THEIRS --out MERGED``: a partner's copy merged three ways, through
the same code as the window's File → Merge a partner's copy (``forms.merge``)."""

from __future__ import annotations

import argparse

from cli.exits import EXIT_ERRORS, EXIT_OK
from forms.base import i18n
from forms.base.console import json_text, say
from forms.base.errors import InputError
from forms.base.i18n import N_, _, translate_plural
from forms.merge import OURS, THEIRS, Conflict, MergeResult, Unrelated, merge, where


def read_version(path: str) -> dict:
    """One of the three files as its canonical exchange JSON; an unreadable one names the file."""
    from forms.files.exchange_write import to_dict
    from forms.proposalfile import read_proposal

    return to_dict(read_proposal(path))


def refuse_inputs_as_output(out: str, base: str, ours: str, theirs: str) -> None:
    """``--out`` must name none of the three inputs (by any name: a link, another spelling of the
    path): the copy as sent, ours and the partner's copy are kept as they are."""
    from forms.base.atomic import same_file
    from forms.base.errors import Phrase

    for role, path in ((N_("the base"), base), (N_("ours"), ours), (N_("the partner's copy"), theirs)):
        if same_file(out, path):
            raise InputError(N_("{out} is {role} ({file}): the merge is never written over one of the copies it "
                                "merges. Name another file with --out."), out=out, role=Phrase(role), file=path)


def merge_files(base: str, ours: str, theirs: str, take: str | None = None) -> MergeResult:
    docs = [read_version(path) for path in (base, ours, theirs)]
    try:
        return merge(*docs, take=take)
    except Unrelated:
        raise InputError(N_("{base}, {ours} and {theirs} are not versions of the same proposal (their ids differ). "
                            "Nothing was merged."), base=base, ours=ours, theirs=theirs) from None


def conflict_lines(c: Conflict, lang: str) -> list[str]:
    """A conflict as people read it: its path with rows, what happened, where it is (as the window's
    merge dialog names it), then the three values."""
    out = [f"{c.shown_path}\t{c.describe(lang)}\t{where(c, lang)}"]
    labels = {"base": _("base"), OURS: _("ours"), THEIRS: _("theirs")}
    width = max(len(v) for v in labels.values())
    for side, label in labels.items():
        text = c.shown_value(side, lang).replace("\n", "\n" + " " * (width + 4))
        out.append(f"  {label.ljust(width)}: {text}")
    if c.used_by:
        out.append("  " + _("used by: {paths}").format(paths=", ".join(c.shown_refs)))
    return out


def cmd_merge(ns: argparse.Namespace) -> int:
    from forms.files.exchange_read import from_dict
    from forms.files.exchange_write import write_file

    lang = i18n.current_language()
    try:
        refuse_inputs_as_output(ns.out, ns.base, ns.ours, ns.theirs)
        result = merge_files(ns.base, ns.ours, ns.theirs, take=ns.take)
    except InputError as exc:
        if ns.json:
            say(json_text({"merged": False, "readable": False, "message": exc.text(lang)}))
        raise
    merged = None
    if not result.unresolved:
        try:
            merged = from_dict(result.merged)
        except InputError as exc:  # a safety net: the merge settles what a file could not hold
            message = _("The merged proposal would not be a file the app reads ({reason}). Nothing was written.").format(
                reason=exc.text(lang))
            if ns.json:
                say(json_text({"merged": False, "readable": True, "conflicts": [], "message": message}))
            say(message, err=True)
            return EXIT_ERRORS
    if merged is None:
        if ns.json:
            say(json_text({"merged": False, "readable": True,
                            "conflicts": [c.as_dict(lang) for c in result.unresolved]}))
        else:
            for c in result.unresolved:
                for line in conflict_lines(c, lang):
                    say(line)
            say(translate_plural(
                "{count} conflict. Nothing was written. Choose a side with --take ours or --take theirs, or merge "
                "in the window to choose.",
                "{count} conflicts. Nothing was written. Choose a side for all of them with --take ours or --take "
                "theirs, or merge in the window to choose one by one.", len(result.unresolved), lang), err=True)
        return EXIT_ERRORS
    write_file(merged, ns.out)
    if ns.json:
        say(json_text({"merged": True, "out": ns.out,
                        "conflicts": [{**c.as_dict(lang), "taken": result.chosen[c.key]} for c in result.conflicts]}))
    elif result.conflicts:
        say(translate_plural("Merged into {file}, with {count} conflict settled by --take {side}.",
                             "Merged into {file}, with {count} conflicts settled by --take {side}.",
                             len(result.conflicts), lang, file=ns.out, side=ns.take))
    else:
        say(_("Merged into {file} without conflict.").format(file=ns.out))
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("merge", parents=[common],
                       help=_("merge a partner's copy of a proposal three ways (base, ours, theirs)"))
    p.add_argument("base", metavar="BASE", help=_("the proposal as it was sent to the partner"))
    p.add_argument("ours", metavar="OURS", help=_("the proposal as it is now"))
    p.add_argument("theirs", metavar="THEIRS", help=_("the partner's copy as it came back"))
    p.add_argument("--out", required=True, metavar="MERGED", help=_("where to write the merged proposal"))
    p.add_argument("--take", choices=[OURS, THEIRS], help=_("settle every conflict with this side"))
    p.add_argument("--json", action="store_true", help=_("print the result and the conflicts as JSON"))
    p.set_defaults(func=cmd_merge)
