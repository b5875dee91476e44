"""Regional Proposal Studio (지역혁신 제안서 작성기).

No subcommand opens the GUI; a subcommand runs headless through the same code as the GUI:

    python main.py [--lang ko|en] [--db PATH] [--smoke]
    python main.py sample --type super_regional|leap --out FILE
    python main.py validate FILE [--lang ko|en] [--json]
    python main.py export FILE --out OUT.pdf [--lang ko|en] [--draft] [--unit won|thousand|million]
    python main.py db [--db PATH] list|import|export|snapshot|snapshots|diff|check|backups|restore …
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # the smoke run reports how long the start took from here

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

from forms import i18n  # noqa: E402
from forms.console import say  # noqa: E402
from forms.errors import InputError  # noqa: E402
from forms.i18n import N_, _  # noqa: E402

#: argparse's own messages (usage, errors, the help option), translated from the app's catalogs so
#: that ``--lang ko`` reaches them too. Each text is exactly Python's; argparse looks them up
#: through its module-level ``_`` when it needs them, which is pointed at the app's below.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"), N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)
argparse._ = _

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


def cmd_sample(ns: argparse.Namespace) -> int:
    from forms.exchange import write_file
    from forms.model import label
    from forms.sample import SAMPLES

    proposal = SAMPLES[ns.type]()
    write_file(proposal, ns.out)
    say(_("Wrote the sample of the {type} to {file}.").format(
        type=label(ns.type, i18n.current_language()), file=ns.out))
    return EXIT_OK


def cmd_validate(ns: argparse.Namespace) -> int:
    from forms.exchange import read_file
    from forms.rules import validate

    lang = i18n.current_language()
    try:
        proposal = read_file(ns.file)
    except InputError as exc:
        if ns.json:  # a script reading the output gets JSON in every case
            doc = {"file": ns.file, "readable": False, "where": exc.place(lang), "message": exc.text(lang)}
            doc.update({k: exc.fields[k] for k in ("line", "column") if k in exc.fields})
            say(json.dumps(doc, ensure_ascii=False, indent=2))
        raise
    report = validate(proposal)
    if ns.json:
        doc = {
            "file": ns.file,
            "readable": True,
            "call": proposal.call,
            "profile_version": report.profile.version if report.profile else None,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "findings": [f.as_dict(lang) for f in report.findings],
        }
        say(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        words = {"error": _("error"), "warning": _("warning")}
        for f in report.findings:
            say(f"{words[f.severity.value]}\t{f.code}\t{f.path}\t{f.message(lang)}")
        say(_("{errors} error(s), {warnings} warning(s).").format(
            errors=len(report.errors), warnings=len(report.warnings)))
    return EXIT_ERRORS if report.has_errors else EXIT_OK


def cmd_export(ns: argparse.Namespace) -> int:
    from reports.export import export_command

    return export_command(ns.file, ns.out, lang=ns.packet_lang or i18n.current_language(), draft=ns.draft,
                          unit=ns.unit)


def cmd_db(ns: argparse.Namespace) -> int:
    from storage import commands

    return commands.run(ns)


def cmd_gui(ns: argparse.Namespace) -> int:
    from ui.app import run

    return run(lang=ns.lang, db_path=ns.db, smoke=ns.smoke, started=STARTED)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description=_("Regional Proposal Studio"))
    parser.add_argument("--lang", choices=["ko", "en", i18n.PSEUDO], help=_("language of messages and the GUI"))
    parser.add_argument("--db", metavar="PATH", help=_("the database file (default: in your user data folder)"))
    parser.add_argument("--smoke", action="store_true", help=_("open the main window and exit once idle"))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", dest="sub_lang", choices=["ko", "en", i18n.PSEUDO], default=argparse.SUPPRESS,
                        help=_("language of messages"))
    with_db = argparse.ArgumentParser(add_help=False)
    with_db.add_argument("--db", dest="sub_db", metavar="PATH", default=argparse.SUPPRESS,
                         help=_("the database file (default: in your user data folder)"))
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("sample", parents=[common], help=_("write a complete reference proposal"))
    p.add_argument("--type", required=True, choices=["super_regional", "leap"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("validate", parents=[common], help=_("check a proposal file against its call's rules"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help=_("write the PDF packet of a proposal file"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", required=True, metavar="OUT.pdf")
    p.add_argument("--lang", dest="packet_lang", choices=["ko", "en"], help=_("language of the packet"))
    p.add_argument("--draft", action="store_true", help=_("export despite errors, marking every page as a draft"))
    p.add_argument("--unit", choices=["won", "thousand", "million"], default="thousand",
                   help=_("unit of the amount tables"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("db", parents=[common, with_db], help=_("work with the proposal database"))
    dbsub = p.add_subparsers(dest="db_command", required=True)
    verbs = {"parents": [common, with_db]}
    dbsub.add_parser("list", help=_("list the proposals"), **verbs)
    q = dbsub.add_parser("import", help=_("import exchange files"), **verbs)
    q.add_argument("files", nargs="+", metavar="FILE")
    q = dbsub.add_parser("export", help=_("write a proposal to an exchange file"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE")
    q = dbsub.add_parser("snapshot", help=_("save the working copy under a name"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("--name", required=True)
    q = dbsub.add_parser("snapshots", help=_("list a proposal's snapshots"), **verbs)
    q.add_argument("id", metavar="ID")
    q = dbsub.add_parser("diff", help=_("show what changed between two snapshots"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("snap_a", metavar="SNAP_A")
    q.add_argument("snap_b", metavar="SNAP_B")
    dbsub.add_parser("check", help=_("check the database's integrity"), **verbs)
    dbsub.add_parser("backups", help=_("list the automatic backups"), **verbs)
    q = dbsub.add_parser("restore", help=_("restore a backup"), **verbs)
    q.add_argument("backup", metavar="BACKUP")
    p.set_defaults(func=cmd_db)
    return parser


def _early_language(argv: list[str]) -> str:
    """The language asked for anywhere on the command line, before parsing (for --help texts)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return i18n.system_language()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = i18n.set_language(_early_language(argv))
    ns = build_parser().parse_args(argv)
    if getattr(ns, "sub_lang", None):
        ns.lang = ns.sub_lang
    if getattr(ns, "sub_db", None):
        ns.db = ns.sub_db
    if getattr(ns, "packet_lang", None) and not ns.lang:
        ns.lang = ns.packet_lang  # export: messages follow the packet's language unless told otherwise
    if ns.lang:
        lang = i18n.set_language(ns.lang)
    try:
        if ns.command is None:
            return cmd_gui(ns)
        return ns.func(ns)
    except InputError as exc:
        say(exc.text(lang), err=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        say(_("Unexpected error: {error}. What was saved before stays saved; please report this.").format(
            error=f"{type(exc).__name__}: {exc}"), err=True)
        return 70  # EX_SOFTWARE: a fault of the app, not of the input (0/1/2 are for the input)


if __name__ == "__main__":
    sys.exit(main())
