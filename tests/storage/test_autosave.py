"""The Autosaver: off the caller's thread, debounced, flushed on close, stopped by a conflict."""

from __future__ import annotations

import threading

import pytest

from storage.autosave import Autosaver
from storage.errors import Conflict, NotFound, Unavailable


def test_changes_are_saved_in_the_background(store, leap):
    version = store.create(leap)
    saved = threading.Event()
    calls = []

    def on_saved(v, when):
        calls.append((v, when, threading.current_thread().name))
        saved.set()

    saver = Autosaver(store, leap.id, version, on_saved=on_saved)
    for i in range(20):  # a burst of typing: saved in the background, a few saves at most
        leap.title.en = f"typing {i}"
        saver.changed(leap)
    leap.title.en = "changed after the call"  # the autosaver took a copy
    assert saved.wait(10)
    saver.flush()  # whatever of the burst is still waiting (a loaded machine may split it in two)
    assert store.load(leap.id)[0].title.en == "typing 19"
    assert calls[0][2].startswith("autosave")  # in the background (a flush above saves on this thread)
    assert [v for v, _w, _n in calls] == list(range(2, 2 + len(calls))) and saver.version == 1 + len(calls)
    assert len(calls) < 20  # coalesced: never one save per keystroke
    assert saver.last_saved_at == calls[-1][1]
    assert saver.unsaved is None
    saver.close()
    assert len(calls) == len({v for v, _w, _n in calls})


class _SlowStore:
    """Wraps a store so that save() waits until the test lets it go."""

    def __init__(self, store):
        self.store = store
        self.entered = threading.Event()
        self.go = threading.Event()

    def save(self, p, expected):
        self.entered.set()
        self.go.wait(10)
        return self.store.save(p, expected)


def test_changed_never_waits_for_a_save_in_progress(store, leap):
    version = store.create(leap)
    slow = _SlowStore(store)
    saver = Autosaver(slow, leap.id, version)
    saver.changed(leap)
    assert slow.entered.wait(10)  # the worker is now stuck inside save()
    for i in range(5):
        leap.title.en = f"while saving {i}"
        saver.changed(leap)  # returns although the save is still running
    assert saver.unsaved.title.en == "while saving 4"
    slow.go.set()
    saver.close()
    assert store.load(leap.id) == (leap, 3)


def test_flush_and_close_save_at_once(store, leap):
    version = store.create(leap)
    saver = Autosaver(store, leap.id, version)
    leap.title.en = "flushed"
    saver.changed(leap)
    saver.flush()
    assert store.load(leap.id) == (leap, 2)
    leap.title.en = "closed"
    saver.changed(leap)
    saver.close()
    assert store.load(leap.id)[0].title.en == "closed"


def test_a_conflict_stops_autosaving_and_keeps_the_copy(store, leap):
    version = store.create(leap)
    errors, failed = [], threading.Event()
    saver = Autosaver(store, leap.id, version, on_error=lambda e: (errors.append(e), failed.set()))
    other, v = store.load(leap.id)
    other.title.en = "saved by the other window"
    store.save(other, v)
    leap.title.en = "mine"
    saver.changed(leap)
    assert failed.wait(10)
    assert isinstance(errors[0], Conflict) and saver.conflict is errors[0]
    assert leap.title.ko in errors[0].text("ko")
    assert saver.unsaved.title.en == "mine"  # kept for the caller to decide
    assert store.load(leap.id)[0].title.en == "saved by the other window"
    with pytest.raises(Conflict):
        saver.flush()
    saver.close()  # does not raise again: the conflict was already reported


class _FlakyStore:
    def __init__(self, store, failures):
        self.store, self.failures = store, failures

    def save(self, p, expected):
        if self.failures:
            self.failures -= 1
            raise Unavailable("The database {file} cannot be used right now: {reason}", file="x", reason="locked")
        return self.store.save(p, expected)


def test_a_failed_save_is_reported_and_retried(store, leap):
    version = store.create(leap)
    errors, saved = [], threading.Event()
    saver = Autosaver(_FlakyStore(store, 1), leap.id, version, on_error=errors.append,
                      on_saved=lambda v, w: saved.set())
    leap.title.en = "eventually"
    saver.changed(leap)
    assert saved.wait(15)
    assert isinstance(errors[0], Unavailable)
    assert store.load(leap.id)[0].title.en == "eventually"
    saver.close()


def test_a_deleted_proposal_stops_autosaving(store, leap):
    version = store.create(leap)
    errors, failed = [], threading.Event()
    saver = Autosaver(store, leap.id, version, on_error=lambda e: (errors.append(e), failed.set()))
    store.delete(leap.id)
    saver.changed(leap)
    assert failed.wait(10)
    assert isinstance(saver.stopped, NotFound) and saver.conflict is None and len(errors) == 1
    saver.close()
    assert saver.unsaved is not None and store.list_proposals() == []


def test_on_a_server_a_save_waits_for_a_longer_pause_in_the_typing(store, leap):
    saver = Autosaver(store, leap.id, store.create(leap))
    try:
        # on a server: 1.5 s after the last keystroke, at most 5 s after the first; on a file as before
        assert (saver.quiet, saver.latest) == ((1.5, 5.0) if store.server else (0.3, 0.7))
        with saver._cond:
            saver._first, saver._last = 100.0, 103.0  # typing for three seconds
            assert saver._due() == (104.5 if store.server else 100.7)
            saver._first, saver._last = 100.0, 104.0  # and on: the latest moment comes first
            assert saver._due() == (105.0 if store.server else 100.7)
        saved = threading.Event()
        saver._on_saved = lambda _v, _when: saved.set()
        leap.title.en = "saved after the pause"
        saver.changed(leap)
        assert saved.wait(20)
        assert store.load(leap.id)[0].title.en == "saved after the pause"
    finally:
        saver.close()
