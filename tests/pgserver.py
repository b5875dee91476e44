"""The private PostgreSQL server of the tests (started and stopped by ``tools/pgserver.py``, which
the bench uses too), and one fresh database on it."""

from __future__ import annotations

import psycopg

from tools.pgserver import LOGINS, PgServer, TlsFiles

__all__ = ["LOGINS", "PgDatabase", "PgServer", "TlsFiles"]


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
