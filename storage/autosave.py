"""Autosave: every change is persisted soon after the last edit (within a second on a file), off the caller's thread.

``changed(proposal)`` only takes a deep copy and wakes the worker (a few milliseconds for a
full proposal); ``changed(copy, snapshot=True)`` takes a copy the caller never changes again as it
is (the window hands over such copies, made from the last one and the fields edited since). The worker waits until edits pause for :data:`QUIET` seconds, but never longer
than :data:`LATEST` after the first unsaved edit, so steady typing is saved too (on a server
:data:`QUIET_SERVER` and :data:`LATEST_SERVER`: a longer pause). A failed save is
retried, sooner at first and less often while it keeps failing (a server out of reach); a
:class:`~storage.errors.Conflict` (or the proposal having been deleted) stops
autosaving, keeping the copy in ``unsaved`` until the caller decides what to do. Callbacks run
on the worker thread. After ``Store.restore_snapshot`` or ``restore_backup`` the version changes:
close the autosaver and start a new one with the new version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Callable

from forms.model import Proposal
from storage.errors import Conflict, NotFound, StorageError
from storage.store import Store

QUIET = 0.3  # seconds without edits before saving
LATEST = 0.7  # seconds after the first unsaved edit at the latest
#: The same on a PostgreSQL server: each save sends the whole proposal over the network and every
#: colleague's window hears it, so a save waits for a short pause in the typing.
QUIET_SERVER = 1.5
LATEST_SERVER = 5.0
RETRY = 1.0  # seconds before retrying a failed save; doubled after each failure in a row …
RETRY_MAX = 8.0  # … up to this (a server out of reach is not asked every second)


class Autosaver:
    def __init__(self, store: Store, proposal_id: str, version: int,
                 on_saved: Callable[[int, dt.datetime], None] | None = None,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        self.store = store
        self.proposal_id = proposal_id
        self.version = version
        self.last_saved_at: dt.datetime | None = None
        #: Seconds without edits before saving, and after the first unsaved edit at the latest.
        self.quiet, self.latest = (QUIET_SERVER, LATEST_SERVER) if getattr(store, "server", False) else (QUIET, LATEST)
        #: Set when another writer saved first or the proposal is gone; autosaving stops then.
        self.stopped: StorageError | None = None
        self._on_saved = on_saved
        self._on_error = on_error
        self._cond = threading.Condition()
        self._save_lock = threading.Lock()
        self._pending: Proposal | None = None
        self._first = self._last = 0.0
        self._retry_at = 0.0
        self._failures = 0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=f"autosave-{proposal_id[:8]}", daemon=True)
        self._thread.start()

    @property
    def conflict(self) -> Conflict | None:
        return self.stopped if isinstance(self.stopped, Conflict) else None

    @property
    def unsaved(self) -> Proposal | None:
        """The latest copy not yet in the database (None when everything is saved)."""
        with self._cond:
            return self._pending

    def changed(self, proposal: Proposal, since: float | None = None, snapshot: bool = False) -> None:
        """Note an edit; returns at once (the copy is saved by the worker). ``since``: the
        ``time.monotonic()`` of the first edit in this copy, when the caller held edits back
        before handing them over (the latest save is counted from then). ``snapshot``: ``proposal``
        is a copy the caller never changes afterwards, taken as it is (no copy made here)."""
        copy = proposal if snapshot else proposal.copy()
        now = time.monotonic()
        with self._cond:
            if self._pending is None:
                self._first = now if since is None else min(now, since)
            self._pending = copy
            self._last = now
            self._cond.notify()

    def flush(self) -> None:
        """Save the pending copy now, on this thread. Raises what the save raises."""
        with self._save_lock:
            with self._cond:
                p = self._pending
            if p is not None:
                self._save(p)

    def abandon(self) -> Proposal | None:
        """Stop the worker without saving (a save under way finishes first); the copy not saved
        yet, or None. The caller saves it later, with another autosaver."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join()
        return self.unsaved

    def close(self) -> None:
        """Stop the worker and save what is pending. Raises what the last save raises."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        self._thread.join()
        if self.stopped is None:
            self.flush()

    def _save(self, p: Proposal) -> None:
        """Save ``p`` (holding the save lock); the pending copy is cleared only if no newer edit came."""
        started = time.monotonic()
        try:
            version = self.store.save(p, self.version)
        except (Conflict, NotFound) as exc:
            self.stopped = exc
            raise
        with self._cond:
            if self._pending is p:
                self._pending = None
            else:  # edits made during the save: their clock starts when the save began
                self._first = max(self._first, started)
        self.version = version
        self.last_saved_at = dt.datetime.now(dt.UTC)
        if self._on_saved is not None:
            self._on_saved(version, self.last_saved_at)

    def _due(self) -> float:
        return max(min(self._last + self.quiet, self._first + self.latest), self._retry_at)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and (self._pending is None or self.stopped is not None):
                    self._cond.wait()
                if self._stopping:
                    return
                wait = self._due() - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
            try:
                self.flush()
                self._retry_at, self._failures = 0.0, 0
            except Exception as exc:  # noqa: BLE001 - reported to the caller, retried unless a conflict
                self._failures += 1
                self._retry_at = time.monotonic() + min(RETRY * 2 ** (self._failures - 1), RETRY_MAX)
                if self._on_error is not None:
                    with contextlib.suppress(Exception):
                        self._on_error(exc)
