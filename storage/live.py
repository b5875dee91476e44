"""Hearing, on a PostgreSQL server, that someone saved a proposal: every save announces itself on
the channel :data:`~storage.database.CHANNEL` as ``<proposal id> <version>`` (``NOTIFY`` in the
saving transaction, so only what is committed is heard), and a window listens on one connection of
its own, in a worker thread.

The thread waits for notifications a short while at a time (:data:`POLL`), so it stops soon when
asked. A lost connection (the network, a restarted server, the administrator ending it) is said
once (``on_lost``); the thread tries again after :data:`BACKOFF_FIRST` seconds, twice as long after
each failure up to :data:`BACKOFF_MAX`, and says when it is back (``on_back``): what was saved
meanwhile was not heard, so the caller looks again then. Callbacks run on the worker thread.
A database file has nothing to listen to: another process cannot write it while a window has it
open (its lock), so no listener is made for one.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from storage.database import CHANNEL

#: Seconds the listener waits for a notification before looking whether it should stop.
POLL = 0.25
#: Seconds before the first new try after a lost connection; doubled after each failure, up to the most.
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
#: How the listener's connection is named on the server (``pg_stat_activity.application_name``).
APPLICATION_NAME = "rps-listen"


def parse(payload: str) -> tuple[str, int] | None:
    """A notification's ``<proposal id> <version>``, or None for anything else on the channel."""
    proposal_id, _sep, version = payload.partition(" ")
    return (proposal_id, int(version)) if proposal_id and version.isdigit() else None


class Listener:
    """Listen for saves on the server ``store`` is on, until :meth:`stop`."""

    def __init__(self, store: object, on_change: Callable[[str, int], None],
                 on_lost: Callable[[Exception], None] | None = None,
                 on_back: Callable[[], None] | None = None) -> None:
        engine = store._engine  # the store's server and login, on a connection of its own
        self._dialect = engine.dialect
        self._cargs, self._cparams = engine.dialect.create_connect_args(engine.url)
        self._on_change, self._on_lost, self._on_back = on_change, on_lost, on_back
        self._stop = threading.Event()
        #: Set while the connection listens.
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="listen", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        """Stop listening; waits at most ``wait`` seconds for the thread (it may be connecting to a
        server that does not answer: then it ends on its own, calling back no more)."""
        self._stop.set()
        self._thread.join(wait)

    def _connect(self):  # noqa: ANN202 - a psycopg connection
        params = {**self._cparams, "autocommit": True, "application_name": APPLICATION_NAME}
        return self._dialect.loaded_dbapi.connect(*self._cargs, **params)

    def _call(self, callback: Callable | None, *args: object) -> None:
        if callback is not None and not self._stop.is_set():
            with contextlib.suppress(Exception):  # the window may be gone: never the thread's end
                callback(*args)

    def _run(self) -> None:
        delay = BACKOFF_FIRST
        lost = False
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except Exception as exc:  # noqa: BLE001 - any failure to connect is a lost connection
                lost = self._lost(lost, exc)
                self._stop.wait(delay)
                delay = min(delay * 2, BACKOFF_MAX)
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self.listening.set()
                if lost:
                    self._call(self._on_back)
                lost, delay = False, BACKOFF_FIRST
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=POLL):
                        found = parse(note.payload)
                        if found is not None:
                            self._call(self._on_change, *found)
            except Exception as exc:  # noqa: BLE001 - the connection broke: said, and tried again
                lost = self._lost(lost, exc)
                self._stop.wait(delay)
                delay = min(delay * 2, BACKOFF_MAX)
            finally:
                with contextlib.suppress(Exception):
                    conn.close()

    def _lost(self, already: bool, exc: Exception) -> bool:
        self.listening.clear()
        if not already:
            self._call(self._on_lost, exc)
        return True
