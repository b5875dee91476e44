"""``python main.py db …``: the same store functions the GUI uses, with messages in the user's language.

Exit codes as for ``validate``: 0 done, 1 problems found (``check``), 2 bad input (an unreadable
file, an unknown id, a damaged database); the ``InputError`` cases are printed by ``main.py``.
A command that changes the database (``import``, ``save``, ``snapshot``, ``restore``) first takes the lock a
window holds on it, and stops with 3 while a window (or another such command) has it open.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import TYPE_CHECKING

from cli.exits import EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_OK
from cli.exits import EXIT_ERRORS as EXIT_PROBLEMS
from forms import regions
from forms.base.atomic import same_file
from forms.base.console import say
from forms.base.errors import InputError, os_reason
from forms.base.i18n import N_, _, current_language, fill, render_field, translate_plural
from forms.files import exchange_identity
from forms.model import label
from storage.backup import list_backups, stray_files
from storage.errors import DamagedDatabase, NewerDatabase, NotFound, ReadOnly, Unavailable
from storage.lock import InstanceLock, held_elsewhere
from storage.paths import default_db_path, is_server, refuse_folder

if TYPE_CHECKING:
    from storage.store import Store

#: The commands that change the database: they wait for no one, they refuse while it is open.
WRITING = ("import", "snapshot", "restore", "save")
#: How long such a command waits for another one to finish before it gives up (a window is not waited for
#: in the sense that it holds the lock as long as it is open, so the command stops after this too).
LOCK_WAIT = 10.0


def _when(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(n: int) -> str:
    return _("{size} KB").format(size=f"{(n + 1023) // 1024:,}")


def resolve_id(store: Store, text: str) -> str:
    """A full id, or the start of exactly one proposal's id."""
    ids = [info.id for info in store.list_proposals()]
    text = exchange_identity.normal_id(text) or text  # the id in any of its spellings: upper case, braces, urn:uuid:
    if text in ids:
        return text
    matches = [i for i in ids if i.startswith(text)] if len(text) >= 4 else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InputError(N_("More than one proposal id starts with {id}. Give more of it."), id=text)
    if len(text) < 4 and any(i.startswith(text) for i in ids):
        raise InputError(N_("Give at least the first four characters of the proposal id, not {id}."), id=text)
    raise NotFound(N_("There is no proposal with the id {id} in this database."), id=text)


def resolve_snapshot(store: Store, proposal_id: str, text: str) -> int | None:
    """A snapshot number, a snapshot's name (the latest of that name), or "current" for the working copy."""
    from storage.snapshots import WORKING_COPY

    if text.lower() in WORKING_COPY:
        return None
    snaps = store.snapshots(proposal_id)
    if text.isdigit() and any(s.id == int(text) for s in snaps):
        return int(text)
    named = [s for s in snaps if s.name == text]
    if named:
        return named[-1].id
    raise NotFound(N_("This proposal has no snapshot {snapshot}."), snapshot=text)


def resolve_backup(db_path: str, text: str) -> str:
    if os.path.isfile(text):
        return text
    for info in list_backups(db_path):
        if info.name == text or os.path.splitext(info.name)[0] == text:
            return info.path
    raise NotFound(N_("There is no backup {file}."), file=text)


def _list(store: Store, _ns: argparse.Namespace) -> int:
    lang = current_language()
    infos = store.list_proposals()
    if not infos:
        say(_("No proposals yet."))
    for info in infos:
        region = regions.name(info.lead_region, info.updated_at.date(), lang) if info.lead_region else "-"
        say("\t".join([info.id, "v" + str(info.version), _when(info.updated_at),
                        label(info.type, lang) if info.type else "-", region,
                        info.title.get(lang) or _("(untitled)")]))
    return EXIT_OK


def _import(store: Store, ns: argparse.Namespace) -> int:
    failed = 0
    for path in ns.files:
        try:
            done = store.import_proposal(path)
        except InputError as exc:
            failed += 1
            say(_("{file}: not imported: {reason}").format(file=path, reason=exc.text(current_language())), err=True)
            continue
        say(_("Imported {file} as {id}, version {version}.").format(file=path, id=done.proposal_id,
                                                                     version=done.version))
        if done.snapshot:
            say(_("The working copy it replaced is kept as the snapshot “{name}”.").format(name=done.snapshot))
    if failed:
        say(translate_plural("{failed} of {count} file could not be imported.",
                             "{failed} of {count} files could not be imported.", len(ns.files), current_language(),
                             failed=failed),
             err=True)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _export(store: Store, ns: argparse.Namespace) -> int:
    pid = resolve_id(store, ns.id)
    version = store.export_file(pid, ns.out, record_version=True)
    say(fill(_("Wrote {id} (version {version}) to {file}."), id=pid, version=version, file=ns.out))
    return EXIT_OK


def _save(store: Store, ns: argparse.Namespace) -> int:
    """An edited file written by ``db export`` stored as the next version: merged three ways against
    the version it was written from when the stored proposal moved on since (as a window does)."""
    from cli.merge import conflict_lines
    from forms.proposalfile import read_proposal

    p = read_proposal(ns.file)
    if p.stored_version is None:
        raise InputError(N_("{file} does not say which version of the database it was written from, so it cannot "
                            "be saved as the next one: only a file written by 'db export' can. To take it as it "
                            "is, use 'db import'. Nothing was saved."), file=ns.file)
    base = p.stored_version.version
    done = store.save_onto(p, base, p.stored_version.fingerprint)
    lang = current_language()
    moved = done.moved
    who = ", ".join(moved.saved_by) if moved is not None and moved.saved_by else _("someone else")
    if done.version is None:
        unresolved = moved.result.unresolved
        if not unresolved:  # a safety net: the merge settles what a file could not hold
            say(_("The merged proposal would not be a proposal the app reads. Nothing was saved."), err=True)
            return EXIT_PROBLEMS
        for c in unresolved:
            for line in conflict_lines(c, lang):
                say(line)
        say(translate_plural(
            "{count} conflict with what {who} saved since version {base} (the proposal is at version {version} "
            "now). Nothing was saved. Export the proposal again and make your change there, or make it in the "
            "window, which asks whose version to keep.",
            "{count} conflicts with what {who} saved since version {base} (the proposal is at version {version} "
            "now). Nothing was saved. Export the proposal again and make your changes there, or make them in the "
            "window, which asks whose version to keep for each.", len(unresolved), lang, who=who, base=base,
            version=moved.version), err=True)
        return EXIT_PROBLEMS
    if moved is not None:
        say(fill(_("Merged {file} with what {who} saved since version {base}, without conflict. Saved as version "
              "{version}."), file=ns.file, who=who, base=base, version=done.version))
    else:
        say(fill(_("Saved {file} as version {version}."), file=ns.file, version=done.version))
    return EXIT_OK


def _snapshot(store: Store, ns: argparse.Namespace) -> int:
    pid = resolve_id(store, ns.id)
    info = store.snapshot(pid, ns.name)
    say(_("Saved snapshot {snapshot} “{name}” of version {version}.").format(
        snapshot=info.id, name=info.name, version=info.version))
    return EXIT_OK


def _snapshots(store: Store, ns: argparse.Namespace) -> int:
    pid = resolve_id(store, ns.id)
    snaps = store.snapshots(pid)
    if not snaps:
        say(_("No snapshots yet."))
    for s in snaps:
        say("\t".join([str(s.id), _when(s.created_at), "v" + str(s.version), s.name]))
    return EXIT_OK


def _history(store: Store, ns: argparse.Namespace) -> int:
    pid = resolve_id(store, ns.id)
    for v in store.history(pid):
        say("\t".join(["v" + str(v.version), _when(v.saved_at), v.saved_by or _("(not recorded)")]))
    return EXIT_OK


def _diff(store: Store, ns: argparse.Namespace) -> int:
    pid = resolve_id(store, ns.id)
    a, b = resolve_snapshot(store, pid, ns.snap_a), resolve_snapshot(store, pid, ns.snap_b)
    for line in store.diff(pid, a, b).lines(current_language()):
        say(line)
    return EXIT_OK


def _check(store: Store, _ns: argparse.Namespace) -> int:
    problems = store.check()
    for p in problems:
        say(p)
    if problems:
        say(translate_plural("{count} problem found in {file}.", "{count} problems found in {file}.", len(problems),
                             current_language(), file=store.path), err=True)
        return EXIT_PROBLEMS
    say(_("The database {file} is sound.").format(file=store.path))
    return EXIT_OK


def _backups(path: str) -> int:
    backups = list_backups(path)
    if not backups:
        say(_("No backups yet."))
    for b in backups:
        say("\t".join([b.name, _when(b.created_at), _size(b.size)]))
    for name in stray_files(path):
        say(fill(_("Ignored {name}: its name is not that of a backup of this database."), name=name), err=True)
    return EXIT_OK


def _restore(path: str, ns: argparse.Namespace) -> int:
    source = resolve_backup(path, ns.backup)
    if same_file(source, path):
        raise InputError(N_("{backup} is the database itself, not a backup of it. Nothing was restored."),
                         backup=source)
    from storage.opening import restore_into  # SQLAlchemy: only for a command that uses it

    kept = restore_into(path, source)
    say(_("Restored {backup}. The previous content was kept in {kept}.").format(
        backup=os.path.basename(source), kept=kept))
    return EXIT_OK


_WITH_STORE = {"list": _list, "import": _import, "export": _export, "save": _save, "snapshot": _snapshot,
               "snapshots": _snapshots, "diff": _diff, "check": _check, "history": _history}


#: How many times a password typed at the terminal may be refused before the command stops.
PASSWORD_TRIES = 3


def _ask_password(account: str, wrong: bool) -> str:
    import getpass

    if wrong:
        say(_("The server did not accept that password."), err=True)
    return getpass.getpass(_("Password for {account}: ").format(account=account))


def _with_password(connect):  # noqa: ANN001, ANN202
    """``connect(password)`` first with the keychain's password; when the server asks for another,
    at the terminal (when there is one: else the message says how to keep it in the keychain)."""
    import sys

    from storage.server import PasswordNeeded

    try:
        return connect(None)
    except PasswordNeeded as exc:
        if not sys.stdin.isatty():
            raise
        needed = exc
    for _try in range(PASSWORD_TRIES):
        try:
            return connect(_ask_password(needed.account, needed.wrong))
        except PasswordNeeded as exc:
            needed = exc
    raise needed


def _login(location: str) -> int:
    """``db login``: ask for the password, check it on the server, keep it in the system's keychain."""
    from storage.server import PasswordNeeded, account, login, parse

    server = parse(location)
    wrong = False
    for _try in range(PASSWORD_TRIES):
        password = _ask_password(account(server), wrong)
        try:
            kept = login(location, password)
        except PasswordNeeded as exc:
            wrong, last = True, exc
            continue
        say(_("The password of {account} is kept in the system's keychain. The app takes it from there.").format(
            account=kept))
        return EXIT_OK
    raise last


def _on_server(location: str, ns: argparse.Namespace) -> int:
    """A ``db`` command on a PostgreSQL server: no lock file and no backups (the server keeps
    writers apart; its administrator backs it up)."""
    if ns.db_command == "login":
        return _login(location)
    if ns.db_command == "setup":
        from storage.server import setup

        done = _with_password(lambda password: setup(location, password))
        if not done.changed:
            say(fill(_("The database {server} is set up already (schema {revision}, groups {editor} and {reader}). "
                  "Nothing was changed."), server=_shown(location), revision=_head(), editor="rps_editor",
                                                 reader="rps_reader"))
            return EXIT_OK
        for rev in done.revisions:
            say(fill(_("Schema revision {revision} applied."), revision=rev))
        for role in done.roles:
            say(fill(_("Group role {role} created."), role=role))
        for grant in done.grants:
            say(fill(_("Granted {grant}."), grant=grant))
        say(fill(_("The database {server} is set up (schema {revision}). Grant each official's login one of the groups: "
              "GRANT rps_editor TO login; or GRANT rps_reader TO login;"), server=_shown(location),
                                                                                   revision=_head()))
        return EXIT_OK
    if ns.db_command in ("backups", "restore"):
        raise Unavailable(N_("The database {server} is on a server: its administrator backs it up and restores "
                             "it (pg_dump, pg_restore). The app makes no backup of it."), server=_shown(location))
    from storage.opening import open_store

    with _with_password(lambda password: open_store(location, password=password)) as store:
        if store.read_only is not None and ns.db_command in WRITING:
            raise Unavailable(N_("The database {server} can only be read: {reason}. Nothing was changed."),
                              server=store.path, reason=store.read_only)
        if store.read_only is not None:
            say(fill(_("The database {file} is opened read-only: {reason}."),
                     file=store.path, reason=render_field(store.read_only, current_language())), err=True)
        return _WITH_STORE[ns.db_command](store, ns)


def _shown(location: str) -> str:
    from storage.server import parse

    return parse(location).shown


def _head() -> str:
    from storage import migrations

    return migrations.head()


def run(ns: argparse.Namespace) -> int:
    """Run one ``db`` subcommand. ``InputError`` (damaged database, unknown id, …) is left to main.py."""
    if is_server(getattr(ns, "db", None)):
        return _on_server(ns.db, ns)
    if ns.db_command == "setup":
        raise InputError(N_("'db setup' prepares a database on a PostgreSQL server: name it with --db "
                            "postgresql://…. A database file needs no set-up."))
    if ns.db_command == "login":
        raise InputError(N_("'db login' keeps the password of a login on a PostgreSQL server: name it with --db "
                            "postgresql://…. A database file needs no password."))
    path = os.path.abspath(getattr(ns, "db", None) or default_db_path())
    if ns.db_command == "backups":  # works even when the database does not open
        return _backups(path)
    refuse_folder(path)
    lock = None
    if ns.db_command in WRITING:
        from storage.opening import not_writable  # SQLAlchemy: imported when a command needs it

        why = not_writable(path)
        if why is not None and os.path.exists(path):  # said before any lock file is tried beside it
            raise ReadOnly(path, why)
        lock = InstanceLock(path)
        try:
            taken = lock.acquire(wait=LOCK_WAIT)
        except OSError as exc:  # no lock file can be made beside it: the database cannot be changed either
            raise Unavailable(N_("The database {file} cannot be changed: {reason} Nothing was changed."),
                              file=path, reason=os_reason(exc)) from exc
        if not taken:
            say(_("The database {file} is open in a window of the app (or in another command). Close it, then "
                  "run this command again. Nothing was changed.").format(file=path), err=True)
            return EXIT_LOCKED
    try:
        return _run_on(path, ns)
    finally:
        if lock is not None:
            lock.release()


def _run_on(path: str, ns: argparse.Namespace) -> int:
    if ns.db_command == "restore":
        return _restore(path, ns)
    from storage.opening import open_store  # SQLAlchemy: imported when a command needs it, not at start-up

    reading = ns.db_command not in WRITING
    try:
        store = open_store(path, read_only_ok=reading, beside_writer=reading and held_elsewhere(path))
    except (DamagedDatabase, NewerDatabase) as exc:
        say(exc.text(current_language()), err=True)
        db = f" --db {path}" if getattr(ns, "db", None) else ""
        hint = _("To see the backups: {backups}. To restore one: {restore}.").format(
            backups=f"python main.py db{db} backups", restore=f"python main.py db{db} restore NAME")
        say(hint if list_backups(path) else _("There is no backup of it yet."), err=True)
        return EXIT_BAD_INPUT
    with store:
        if store.backup_problem is not None:  # said, and the command goes on: reading never depends on it
            say(_("{problem} The command goes on without it.").format(
                problem=store.backup_problem.text(current_language())), err=True)
        if store.read_only is not None:
            say(fill(_("The database {file} is opened read-only: {reason}."),
                     file=path, reason=render_field(store.read_only, current_language())), err=True)
        return _WITH_STORE[ns.db_command](store, ns)


def cmd_db(ns: argparse.Namespace) -> int:
    return run(ns)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser,
                with_db: argparse.ArgumentParser) -> None:
    p = sub.add_parser("db", parents=[common, with_db], help=_("work with the proposal database"))
    dbsub = p.add_subparsers(dest="db_command", required=True)
    verbs = {"parents": [common, with_db]}
    dbsub.add_parser("list", help=_("list the proposals"), **verbs)
    q = dbsub.add_parser("import", help=_("import exchange files"), **verbs)
    q.add_argument("files", nargs="+", metavar="FILE")
    q = dbsub.add_parser("export", help=_("write a proposal to an exchange file"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE")
    q = dbsub.add_parser("save", help=_("store a file written by 'db export' and edited as the next version, "
                                        "merging with what was saved since"), **verbs)
    q.add_argument("file", metavar="FILE")
    q = dbsub.add_parser("snapshot", help=_("save the working copy under a name"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("--name", required=True)
    q = dbsub.add_parser("snapshots", help=_("list a proposal's snapshots"), **verbs)
    q.add_argument("id", metavar="ID")
    q = dbsub.add_parser("history", help=_("list a proposal's saved versions, who saved each and when"), **verbs)
    q.add_argument("id", metavar="ID")
    q = dbsub.add_parser("diff", help=_("show what changed between two snapshots"), **verbs)
    q.add_argument("id", metavar="ID")
    q.add_argument("snap_a", metavar="SNAP_A")
    q.add_argument("snap_b", metavar="SNAP_B")
    dbsub.add_parser("check", help=_("check the database's integrity"), **verbs)
    dbsub.add_parser("setup", help=_("create or upgrade the schema on a PostgreSQL server (its owner runs this)"),
                     **verbs)
    dbsub.add_parser("login", help=_("ask for the password of your login on a PostgreSQL server and keep it in "
                                     "the system's keychain"), **verbs)
    dbsub.add_parser("backups", help=_("list the automatic backups"), **verbs)
    q = dbsub.add_parser("restore", help=_("restore a backup"), **verbs)
    q.add_argument("backup", metavar="BACKUP")
    p.set_defaults(func=cmd_db)
