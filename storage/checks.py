"""Failures turned into clear messages, and the deep consistency check behind ``db check``."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from forms.base.errors import InputError, Phrase
from forms.base.i18n import N_, _, current_language
from forms.files import exchange
from storage import migrations
from storage.errors import DamagedDatabase, StorageError, Unavailable, write_reason
from storage.schema import proposals, snapshots, working_copies


@contextlib.contextmanager
def guard(path: str) -> Iterator[None]:
    """Database failures become clear messages: locked or unwritable, or damaged."""
    try:
        yield
    except StorageError:
        raise
    except DBAPIError as exc:
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate is not None or (isinstance(exc, OperationalError) and _from_server(exc)):
            raise _server_failure(path, exc, sqlstate or "") from exc
        if _damage(exc):
            raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged).")) from exc
        if isinstance(exc, OperationalError):  # locked, read-only, disk full, cannot open
            raise Unavailable(N_("The database {file} cannot be used right now: {reason}"), file=path,
                              reason=write_reason(exc.orig or exc)) from exc
        raise
    except sqlite3.DatabaseError as exc:
        if _damage(exc):
            raise DamagedDatabase(path, N_("its pages are inconsistent (the database is damaged).")) from exc
        if isinstance(exc, sqlite3.OperationalError):
            raise Unavailable(N_("The database {file} cannot be used right now: {reason}"), file=path,
                              reason=write_reason(exc)) from exc
        raise


def _from_server(exc: DBAPIError) -> bool:
    return type(exc.orig).__module__.startswith("psycopg")


def _server_failure(server: str, exc: DBAPIError, sqlstate: str) -> StorageError:
    """What a PostgreSQL server's refusal or failure means, in the reader's words; the server's
    own words follow as the detail."""
    detail = (str(exc.orig or exc).strip().splitlines() or [type(exc.orig).__name__])[0]
    detail = detail.removeprefix("connection failed: ")
    if sqlstate == "42501":
        return Unavailable(N_("The server {server} refused: your login is not permitted to do this. Nothing was "
                              "changed. To change proposals, ask the administrator to grant you rps_editor."),
                           server=server)
    if sqlstate in ("55P03", "40P01", "40001"):
        return Unavailable(N_("Someone else on {server} is saving the same proposal. Nothing was changed. Try "
                              "again in a moment."), server=server)
    if sqlstate.startswith("28"):
        reason = Phrase(N_("the server did not accept the login (user name or password)"))
    elif sqlstate == "3D000":
        reason = Phrase(N_("there is no such database on the server"))
    elif not sqlstate and "certificate verify failed" in detail:
        reason = Phrase(N_("the server's certificate is not trusted: it is not signed by the CA certificate named "
                           "in sslrootcert (ask the office's administrator for the office's CA certificate)"))
    elif not sqlstate and "does not match host name" in detail:
        reason = Phrase(N_("the server's name does not match its certificate: write the server's name in the "
                           "address exactly as its certificate names it (not its IP address)"))
    elif not sqlstate and "root certificate file" in detail:
        reason = Phrase(N_("the CA certificate file named in sslrootcert cannot be read"))
    elif sqlstate.startswith(("08", "57P")) or not sqlstate:
        reason = Phrase(N_("the server cannot be reached, or it refused the connection"))
    else:
        reason = Phrase(N_("the server reported an error"))
    return Unavailable(N_("The database {server} cannot be used right now: {reason} ({detail}). Nothing was "
                          "changed."), server=server, reason=reason, detail=detail)


def _damage(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(sign in text for sign in ("malformed", "not a database", "disk image", "corrupt"))


def problems(conn: Connection) -> list[str]:
    """Problems found (in the current language); an empty list means the database is sound."""
    found: list[str] = []
    if conn.dialect.name == "sqlite":
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
        found += [_("Integrity: {detail}").format(detail=r) for r in rows if r != "ok"]
        for r in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
            found.append(_("A row of {table} points to a missing row of {parent}.").format(table=r[0], parent=r[2]))
    rev = migrations.current_revision(conn)
    if rev != migrations.head():
        found.append(_("The schema is at {found}, expected {expected}.").format(found=rev, expected=migrations.head()))
    rows = conn.execute(select(proposals.c.uuid, working_copies.c.body, working_copies.c.fingerprint)
                        .select_from(proposals.outerjoin(working_copies))).all()
    for r in rows:
        if r.body is None:
            found.append(_("Proposal {id} has no working copy.").format(id=r.uuid))
            continue
        found += _check_body(r.body, r.fingerprint, _("Proposal {id}").format(id=r.uuid), r.uuid)
    for s in conn.execute(select(snapshots.c.pk, snapshots.c.body, snapshots.c.fingerprint)).all():
        found += _check_body(s.body, s.fingerprint, _("Snapshot {id}").format(id=s.pk), None)
    return found


def _check_body(body: str, fingerprint: str, what: str, uuid: str | None) -> list[str]:
    try:
        p = exchange.loads(body)
    except InputError as exc:
        return [_("{what} cannot be read: {reason}").format(what=what, reason=exc.text(current_language()))]
    out = []
    if exchange.written_fingerprint(body) != fingerprint:
        out.append(_("{what} does not match its fingerprint.").format(what=what))
    if uuid is not None and p.id != uuid:
        out.append(_("{what} holds another proposal ({other}).").format(what=what, other=p.id))
    return out
