"""Regional Proposal Studio (지역혁신 제안서 작성기).

No subcommand opens the GUI; a subcommand runs headless through the same code as the GUI (``cli/``):

    python main.py [--lang ko|en] [--db PATH] [--smoke]
    python main.py sample --type super_regional|leap --out FILE
    python main.py validate FILE [--lang ko|en] [--json]
    python main.py export FILE --out OUT [--format pdf|hwpx|xlsx] [--lang ko|en] [--draft] [--unit won|thousand|million]
    python main.py import-budget FILE.json BUDGET.xlsx --out NEW.json
    python main.py merge BASE OURS THEIRS --out MERGED [--take ours|theirs] [--json]
    python main.py attach FILE.json SCAN.pdf --slot SLOT [--out NEW.json]; detach FILE.json ID
    python main.py sign PACKET.pdf --field CODE --out SIGNED.pdf (--cert C --key K [--password-file F] |
        --pkcs11 LIB --token LABEL [--pin-file F]) [--chain CA…] [--tsa URL]; sign --extend PDF --out … --tsa URL --trust ROOT…
    python main.py verify PDF [--trust ROOT…] [--json]
    python main.py db [--db PATH] list|import|export|snapshot|snapshots|history|diff|check|backups|restore|setup|login …
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # the smoke run reports how long the start took from here

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import NoReturn  # noqa: E402

from cli.exits import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_SOFTWARE  # noqa: E402
from forms.base import i18n  # noqa: E402
from forms.base.console import OutputLost, say  # noqa: E402
from forms.base.errors import InputError  # noqa: E402
from forms.base.i18n import N_, _  # noqa: E402
from storage.paths import database_file  # noqa: E402

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


def cmd_gui(ns: argparse.Namespace) -> int:
    from ui.app import run

    return run(lang=ns.lang, db_path=ns.db, smoke=ns.smoke, started=STARTED)


LANGUAGES = ["ko", "en", i18n.PSEUDO]


#: The module of ``cli/`` that adds each subcommand's parser.
COMMANDS = {"sample": "files", "validate": "files", "export": "files", "import-budget": "budget_import",
            "merge": "merge", "attach": "attach", "detach": "attach", "sign": "sign", "verify": "sign", "db": "db"}
MODULES = ("files", "budget_import", "merge", "attach", "sign", "db")


class _Mistake(Exception):
    """A mistake on a command line read by the parser of one group of subcommands (:func:`build_parser`)."""


class _OneGroup(argparse.ArgumentParser):
    """The parser of one group of subcommands: a mistake is left to the whole parser to report,
    whose usage names every command, so the message is the same word for word."""

    def error(self, message: str) -> NoReturn:
        raise _Mistake(message)


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The command line; without ``commands``, only the window's own options (see :func:`window_only`);
    with ``only``, the subcommands of that module of ``cli/`` alone (see :func:`command_module`)."""
    kind = argparse.ArgumentParser if only is None else _OneGroup
    parser = kind(prog="main.py", description=_("Regional Proposal Studio"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and the GUI"))
    parser.add_argument("--db", metavar="PATH", help=_("the database file (default: in your user data folder)"))
    parser.add_argument("--smoke", action="store_true", help=_("open the main window and exit once idle"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    import importlib

    modules = {name: importlib.import_module(f"cli.{name}") for name in MODULES if only in (None, name)}
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", dest="sub_lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=_("language of messages"))
    with_db = argparse.ArgumentParser(add_help=False)
    with_db.add_argument("--db", dest="sub_db", metavar="PATH", default=argparse.SUPPRESS,
                         help=_("the database file (default: in your user data folder)"))
    sub = parser.add_subparsers(dest="command")
    for name, module in modules.items():
        module.add_parsers(sub, common, *((with_db,) if name == "db" else ()))
    return parser


def window_only(argv: list[str]) -> bool:
    """Whether ``argv`` only opens the window (``--lang ko``, ``--db PATH``, ``--smoke``, each
    valid): then the subcommands' parsers, and the modules behind them, are not needed on the
    way to the window. Anything else (a subcommand, help, a mistake) gets the whole parser, so
    its help and its error messages stay the same."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg == "--smoke":
            i += 1
            continue
        if name not in ("--lang", "--db"):
            return False
        if not eq:
            if i + 1 == len(argv):
                return False
            value = argv[i + 1]
            i += 1
        if (name == "--lang" and value not in LANGUAGES) or not value or value.startswith("-"):
            return False
        i += 1
    return True


def command_module(argv: list[str]) -> str | None:
    """The module of ``cli/`` whose subcommand ``argv`` runs, when it names one after valid window
    options (``export FILE …``, ``--lang en db list``): only that module's parsers, and the modules
    behind them, are needed to run it. Anything else (help, a mistake before the command) gets the
    whole parser; a mistake after it is reported by the whole parser too (:class:`_OneGroup`)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("-"):
            i += 2 if arg in ("--lang", "--db") else 1
            continue
        return COMMANDS.get(arg) if window_only(argv[:i]) else None
    return None


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
    only = None if window_only(argv) else command_module(argv)
    try:
        ns = build_parser(commands=not window_only(argv), only=only).parse_args(argv)
    except _Mistake:
        ns = build_parser().parse_args(argv)  # its own message, naming every command; exits
    if getattr(ns, "sub_lang", None):
        ns.lang = ns.sub_lang
    if getattr(ns, "sub_db", None):
        ns.db = ns.sub_db
    if getattr(ns, "packet_lang", None) and not ns.lang:
        ns.lang = ns.packet_lang  # export: messages follow the packet's language unless told otherwise
    if ns.lang:
        lang = i18n.set_language(ns.lang)
    try:
        if ns.db:
            database_file(ns.db)  # before a window opens or a folder is made
        if ns.command is None:
            return cmd_gui(ns)
        return ns.func(ns)
    except OutputLost as exc:
        return _output_lost(exc, lang)
    except InputError as exc:
        try:
            say(exc.text(lang), err=True)
        except OutputLost:
            pass
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        say(_("Unexpected error: {error}. What was saved before stays saved. Please report this.").format(
            error=f"{type(exc).__name__}: {exc}"), err=True)
        return EXIT_SOFTWARE


def _output_lost(exc: OutputLost, lang: str) -> int:
    """Exit 2 when the output cannot be written; a closed pipe (``| head -1``) is not worth a word,
    and the interpreter must not try to flush into it again on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # what is still buffered goes nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if not exc.closed:
        with contextlib.suppress(InputError):
            say(exc.text(lang), err=True)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
