"""A proposal database on a PostgreSQL server the office runs, named by a URL where a file's path
would be (``--db postgresql://user@host:5432/proposals?sslmode=verify-full&sslrootcert=ca.crt``, or
``postgresql://user@/proposals?host=/run/postgresql`` on the machine itself).

Over the network only ``sslmode=verify-full`` is accepted: every weaker mode lets another machine
pose as the server and read what is typed. A Unix socket needs none.

A password is never part of the address. When the server asks for one, it is taken from the
system's keychain (:mod:`storage.keychain`); when none is kept there, or the server refuses the one
kept, :class:`PasswordNeeded` says so and the caller asks the person (a dialog in the window,
the terminal on the command line) and tries again with it: a password that worked is kept.

A client never changes the server's schema: its owner runs ``main.py db setup`` (:func:`setup`),
which creates or upgrades the tables under an advisory lock and grants them to two group roles,
``rps_editor`` (may change proposals) and ``rps_reader`` (may read them). Officials log in as their
own roles, members of one of the two; a role in neither gets no proposal.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from urllib.parse import unquote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from forms.base.errors import InputError, Phrase
from forms.base.i18n import N_
from storage import migrations
from storage.errors import StorageError, Unavailable
from storage.paths import SERVER_SCHEMES as SCHEMES
from storage.paths import is_server  # noqa: F401 - the question callers ask here

#: What a server URL may say besides user, host, port and database.
_OPTIONS = {"host", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout", "application_name"}
#: Seconds to wait for a server that does not answer, and milliseconds to wait for a proposal's row
#: that someone else is saving: a save never hangs for ever.
CONNECT_TIMEOUT = 10
LOCK_TIMEOUT_MS = 15_000

EDITOR, READER = "rps_editor", "rps_reader"
#: The key of the advisory lock ``db setup`` holds while it changes the schema (two at once wait in turn).
SETUP_LOCK = 0x5250_5331


@dataclass(frozen=True)
class Server:
    """A parsed server URL: the one to connect with, and the one to show (without a password)."""

    url: URL = field(repr=False)
    shown: str
    socket: bool


def parse(location: str) -> Server:
    """The server named by ``location``; a URL that is malformed or would not check the server is
    refused in words (an :class:`InputError`), before anything is tried."""
    try:
        url = make_url(location)
        url.port  # noqa: B018 - a port that is not a number is found here
    except (ArgumentError, ValueError):
        raise InputError(N_("--db {url} is not a database address this app can read. Write it as "
                            "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=CA-FILE, or name "
                            "a file."), url=_hidden(location)) from None
    shown = unquote(url.render_as_string(hide_password=True))
    if url.drivername.lower() not in SCHEMES:
        raise InputError(N_("--db {url}: this app opens PostgreSQL servers (postgresql://…) and database files, "
                            "nothing else."), url=shown)
    if not url.database:
        raise InputError(N_("--db {url} names no database: write its name after the server "
                            "(postgresql://USER@HOST/DATABASE)."), url=shown)
    if "password" in url.query:
        raise _password_in_address(url)
    unknown = sorted(set(url.query) - _OPTIONS)
    if unknown:
        raise InputError(N_("--db {url}: the option {option} is not one this app uses."), url=shown,
                         option=unknown[0])
    if any(not isinstance(value, str) for value in url.query.values()):
        raise InputError(N_("--db {url} gives an option twice."), url=shown)
    socket_dir = url.query.get("host", "")
    socket = not url.host and socket_dir.startswith("/")
    if not socket:
        if not (url.host or socket_dir):
            raise InputError(N_("--db {url} names no server: write its name after the @ "
                                "(postgresql://USER@HOST/DATABASE), or give a local socket folder with "
                                "?host=/path/to/folder."), url=shown)
        mode = url.query.get("sslmode", "")
        if mode != "verify-full":
            raise InputError(N_("--db {url}: over the network this app connects only with sslmode=verify-full. "
                                "“{mode}” does not check that the server is the office's, so another machine could "
                                "pose as it and read what is typed. Add sslmode=verify-full&sslrootcert= the "
                                "office's CA certificate."), url=shown, mode=mode or "prefer")
    if url.password is not None:  # after sslmode: both are said, in turn
        raise _password_in_address(url)
    query = dict(url.query)
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
    if not url.username:  # the login of the person at the machine, as psql does; said in every message
        url = url.set(username=_os_user())
    return Server(url.set(drivername="postgresql+psycopg", query=query), shown, socket)


def _password_in_address(url: URL) -> InputError:
    shown = url.update_query_dict({"password": "***"}) if "password" in url.query else url
    return InputError(N_("--db {url}: a password does not belong in the address, where others can read it (the "
                         "list of running programs, the shell's history). Remove it, and put the password in the "
                         "keychain with db login: python main.py db login --db ADDRESS"),
                      url=unquote(shown.render_as_string(hide_password=True)))


def _hidden(location: str) -> str:
    """A URL that could not be parsed, shown without what might be a password."""
    head, at, tail = location.rpartition("@")
    if not at:
        return location
    scheme, sep, credentials = head.partition("://")
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{tail}" if ":" in credentials else location


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def account(server: Server) -> str:
    """The login's name in the keychain: ``user@host:port/database``."""
    url = server.url
    return f"{url.username}@{url.host or url.query.get('host', '')}:{url.port or 5432}/{url.database}"


def make_server_engine(server: Server, password: str | None = None) -> Engine:
    args: dict[str, object] = {"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"}
    if password is not None:
        args["password"] = password
    return create_engine(server.url, pool_pre_ping=True, connect_args=args)


class PasswordNeeded(StorageError):
    """The server asks for the login's password and none is kept (``wrong``: the one tried was refused)."""

    def __init__(self, server: Server, wrong: bool) -> None:
        self.server, self.wrong, self.account = server, wrong, account(server)
        if wrong:
            message = N_("The server {server} did not accept the password of {user}. Put the right one in the "
                         "system's keychain with: {command}")
        else:
            message = N_("The server {server} asks for the password of {user}, and none is kept in the system's "
                         "keychain. Put it there once with: {command}")
        super().__init__(message, server=server.shown, user=server.url.username,
                         command=f"python main.py db login --db '{server.shown}'")


def _asks_password(exc: OperationalError) -> bool:
    """Whether the connection failed for want of the right password (psycopg says so only in words)."""
    said = str(exc.orig or exc)
    return "password" in said and ("no password supplied" in said or "authentication failed" in said
                                   or getattr(exc.orig, "sqlstate", None) in ("28P01", "28000"))


def connect(server: Server, password: str | None = None) -> Engine:
    """An engine on ``server`` whose first connection worked. When the server asks for a password:
    ``password`` if given (then kept in the keychain, replacing what was there), else the one the
    keychain holds; :class:`PasswordNeeded` when there is none or it was refused."""
    from storage import keychain

    tried = password
    while True:
        engine = make_server_engine(server, tried)
        try:
            engine.connect().close()
        except OperationalError as exc:
            engine.dispose()
            if not _asks_password(exc):
                raise
            if tried is None:
                tried = keychain.stored(account(server))
                if tried is not None:
                    continue
            raise PasswordNeeded(server, wrong=tried is not None) from None
        if password is not None:
            try:
                keychain.keep(account(server), password)
            except keychain.KeychainUnavailable:
                engine.dispose()
                raise
        return engine


def login(location: str, password: str) -> str:
    """Check ``password`` on the server named by ``location`` and keep it in the keychain; the
    keychain's account name. Raises :class:`PasswordNeeded` (``wrong``) when the server refuses it."""
    from storage.checks import guard

    server = parse(location)
    with guard(server.shown):
        connect(server, password).dispose()
    return account(server)


class NoAccess(StorageError):
    """The role may not read the proposals: it is in neither group."""


class NotSetUp(StorageError):
    """The server's database has no tables of this app yet, or tables of another version."""


def _setup_command(server: Server) -> str:
    return f"python main.py db setup --db '{server.shown}'"


def check_access(conn: Connection, server: Server) -> str | None:
    """Refuse a database that is not set up, at another schema, or that this role may not read;
    return why it can only be read (an N_ phrase) or None when the role may change proposals."""
    tables = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL, "
                               "to_regclass('proposals') IS NOT NULL")).one()
    if not tables[1]:
        raise NotSetUp(N_("The database {server} holds no proposals of this app yet. Its owner sets it up once "
                          "with: {command}"), server=server.shown, command=_setup_command(server))
    readable = conn.execute(text("SELECT has_table_privilege('proposals', 'SELECT') AND "
                                 "has_table_privilege('alembic_version', 'SELECT')")).scalar_one()
    if not tables[0] or not readable:
        user = conn.execute(text("SELECT current_user")).scalar_one()
        raise NoAccess(N_("Your login {user} may not see the proposals on {server}. Ask the administrator to grant "
                          "you {editor} (to change proposals) or {reader} (to read them)."),
                       user=user, server=server.shown, editor=EDITOR, reader=READER)
    rev = migrations.current_revision(conn)
    if rev != migrations.head():
        if rev is not None and migrations.known(rev):
            raise NotSetUp(N_("The database {server} has an older schema ({found}) than this app ({expected}). Its "
                              "owner brings it up to date with: {command}"), server=server.shown, found=rev,
                           expected=migrations.head(), command=_setup_command(server))
        raise NotSetUp(N_("The database {server} has a schema ({found}) that this version of the app does not "
                          "know: a newer version set it up. Use the newer version. Nothing was changed."),
                       server=server.shown, found=rev or "?")
    writable = conn.execute(text("SELECT has_table_privilege('proposals', 'UPDATE')")).scalar_one()
    return None if writable else N_("your login may only read it (ask the administrator for rps_editor to "
                                    "change proposals)")


def open_server(location: str, password: str | None = None):  # noqa: ANN201 - a Store (store imports this module)
    """The store on the server named by ``location``, after checking that this role may use it and
    that its schema is this app's. ``password``: one the person just typed (see :func:`connect`)."""
    from storage.checks import guard
    from storage.store import Store

    server = parse(location)
    with guard(server.shown):
        engine = connect(server, password)
    try:
        with guard(server.shown), engine.connect() as conn, conn.begin():
            why_read_only = check_access(conn, server)
        store = Store(server.shown, engine)
        if why_read_only is not None:
            store.read_only = Phrase(why_read_only)
        return store
    except BaseException:
        engine.dispose()
        raise


# --- the owner's set-up ----------------------------------------------------------------------

@dataclass(frozen=True)
class SetupDone:
    revisions: list[str]
    roles: list[str]
    grants: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.revisions or self.roles or self.grants)


#: What each group may do on every table (sequences: USAGE for the editor, to add rows).
_GRANTS = {EDITOR: ("SELECT", "INSERT", "UPDATE", "DELETE"), READER: ("SELECT",)}


def setup(location: str, password: str | None = None) -> SetupDone:
    """Create or upgrade the schema and grant it to the two groups, all in one transaction under
    an advisory lock; run by the database's owner. Running it again changes nothing."""
    from storage.checks import guard

    server = parse(location)
    with guard(server.shown):
        engine = connect(server, password)
    try:
        with guard(server.shown), engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK})
            rev = migrations.current_revision(conn)
            if rev is not None and not migrations.known(rev):
                raise NotSetUp(N_("The database {server} has a schema ({found}) that this version of the app does "
                                  "not know: a newer version set it up. Use the newer version. Nothing was "
                                  "changed."), server=server.shown, found=rev)
            if rev is None and migrations.has_tables(conn):
                raise NotSetUp(N_("The database {server} holds tables of another application. Set up an empty "
                                  "database for the proposals. Nothing was changed."), server=server.shown)
            ran = migrations.upgrade(conn)
            roles = _create_roles(conn)
            grants = _grant(conn)
        return SetupDone(ran, roles, grants)
    finally:
        engine.dispose()


def _create_roles(conn: Connection) -> list[str]:
    made = []
    for role in (EDITOR, READER):
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is None:
            allowed = conn.execute(text("SELECT rolsuper OR rolcreaterole FROM pg_roles "
                                        "WHERE rolname = current_user")).scalar_one()
            if not allowed:
                raise Unavailable(N_("The group role {role} does not exist and your login may not create roles. "
                                     "Ask the server's administrator to run: CREATE ROLE {role} NOLOGIN; then run "
                                     "this command again. Nothing was changed."), role=role)
            conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
            made.append(role)
    return made


def _grant(conn: Connection) -> list[str]:
    """Grant what each group lacks; the grants made (``role: PRIVILEGE ON table``)."""
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
                          {"s": schema}).scalars().all()
    sequences = conn.execute(text("SELECT sequencename FROM pg_sequences WHERE schemaname = :s "
                                  "ORDER BY sequencename"), {"s": schema}).scalars().all()
    done = []
    for role in (EDITOR, READER):
        if not conn.execute(text("SELECT has_schema_privilege(:r, :s, 'USAGE')"), {"r": role, "s": schema}).scalar():
            conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
            done.append(f"{role}: USAGE ON SCHEMA {schema}")
        for table in tables:
            wanted = ("SELECT",) if table == "alembic_version" else _GRANTS[role]
            for privilege in wanted:
                qualified = f'"{schema}"."{table}"'
                if not conn.execute(text("SELECT has_table_privilege(:r, :t, :p)"),
                                    {"r": role, "t": qualified, "p": privilege}).scalar():
                    conn.execute(text(f'GRANT {privilege} ON {qualified} TO "{role}"'))
                    done.append(f"{role}: {privilege} ON {table}")
        if role == EDITOR:
            for seq in sequences:
                qualified = f'"{schema}"."{seq}"'
                if not conn.execute(text("SELECT has_sequence_privilege(:r, :t, 'USAGE')"),
                                    {"r": role, "t": qualified}).scalar():
                    conn.execute(text(f'GRANT USAGE ON SEQUENCE {qualified} TO "{role}"'))
                    done.append(f"{role}: USAGE ON {seq}")
    return done
