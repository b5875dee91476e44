"""A server's measures beside a file's: two clients saving the sample in turn, NOTIFY's delay from
one connection to another, and listing 1,000 proposals.

Run with ``make bench`` (or ``python bench/run.py server``). The server is a private PostgreSQL
started for the run (``tools/pgserver.py``, the tests' own) on a Unix socket of this machine, with
commits synced to disk as on a real server; the file is SQLite in a temporary folder (WAL,
synchronous=FULL). A server across the office's network adds its round trips to every figure.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import psycopg

from forms.sample import SAMPLES
from storage.opening import open_store
from tools.pgserver import PgServer

TURNS = 200
LISTED = 1000
NOTIFIES = 200


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _two_clients(first: str, second: str) -> tuple[float, float]:
    """Two clients (each its own store, as two windows) saving the sample in turn, each reloading
    what the other saved first: (saves per second over the whole run, p95 of one save in s)."""
    clients = [open_store(first), open_store(second)]
    try:
        p = SAMPLES["super_regional"]()
        p.id = str(uuid.uuid4())
        clients[0].create(p)
        took = []
        began = time.perf_counter()
        for turn in range(TURNS):
            store = clients[turn % 2]
            mine, version = store.load(p.id)
            mine.plan["summary"].en += f" {turn}"
            t = time.perf_counter()
            store.save(mine, version)
            took.append(time.perf_counter() - t)
        return TURNS / (time.perf_counter() - began), _p95(took)
    finally:
        for store in clients:
            store.close()


def _listing(location: str) -> float:
    """Median time of listing ``LISTED`` proposals."""
    with open_store(location) as store:
        kinds = ("super_regional", "leap")
        for i in range(LISTED):
            q = SAMPLES[kinds[i % 2]]()
            q.id = str(uuid.uuid4())
            q.title.en = f"{q.title.en} #{i}"
            store.create(q)
        took = []
        for _ in range(20):
            t = time.perf_counter()
            assert len(store.list_proposals()) == LISTED
            took.append(time.perf_counter() - t)
    return statistics.median(took)


def _notify(server: PgServer, dbname: str) -> tuple[float, float]:
    """NOTIFY on one connection, received by LISTEN on another: (median, p95) in s."""
    with psycopg.connect(host=str(server.folder), user="alice", dbname=dbname, autocommit=True) as listener, \
            psycopg.connect(host=str(server.folder), user="bob", dbname=dbname, autocommit=True) as sender:
        listener.execute("LISTEN bench")
        took = []
        for i in range(NOTIFIES):
            t = time.perf_counter()
            sender.execute("SELECT pg_notify('bench', %s)", (str(i),))
            (got,) = list(listener.notifies(timeout=5, stop_after=1))
            took.append(time.perf_counter() - t)
            assert got.payload == str(i)
    return statistics.median(took), _p95(took)


def _database(server: PgServer) -> str:
    """A fresh database set up by its owner (``db setup``), alice and bob editors; its name."""
    from storage.server import setup

    name = server.new_database()
    setup(server.url(name))
    with server.admin() as conn:
        conn.execute("GRANT rps_editor TO alice, bob")
    return name


def run() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    server = PgServer(durable=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            saving, listing = _database(server), _database(server)
            file_db = os.path.join(tmp, "turns.db")
            for name, (first, second) in (("SQLite file", (file_db, file_db)),
                                          ("PostgreSQL", (server.url(saving, "alice"), server.url(saving, "bob")))):
                rate, p95 = _two_clients(first, second)
                rows.append((f"two clients saving in turn, {name}: saves per second ({TURNS} saves)",
                             f"{rate:.0f} /s", "-"))
                rows.append((f"two clients saving in turn, {name}: one save, p95", f"{p95 * 1000:.1f} ms", "-"))
            median, p95 = _notify(server, saving)
            rows.append((f"NOTIFY to LISTEN on another connection, median of {NOTIFIES}", f"{median * 1000:.2f} ms",
                         "-"))
            rows.append((f"NOTIFY to LISTEN on another connection, p95 of {NOTIFIES}", f"{p95 * 1000:.2f} ms", "-"))
            rows.append(("NOTIFY on a SQLite file", "n/a", "(no server)"))
            for name, location in (("SQLite file", os.path.join(tmp, "thousand.db")),
                                   ("PostgreSQL", server.url(listing, "alice"))):
                took = _listing(location)
                rows.append((f"listing {LISTED:,} proposals, {name} (median of 20)", f"{took * 1000:.1f} ms", "-"))
    finally:
        server.stop()
    return rows
