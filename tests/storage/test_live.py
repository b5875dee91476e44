"""On a server every save announces itself (``NOTIFY rps_proposals, '<id> <version>'``) in its own
transaction: heard when it commits, never when it is rolled back; a listener hears it on a
connection of its own, says when that connection is lost and when it is back."""

from __future__ import annotations

import threading

import psycopg
import pytest

from storage import live
from storage.opening import open_store
from storage.store import Store


def _heard(conn: psycopg.Connection, count: int) -> list[str]:
    out: list[str] = []
    for note in conn.notifies(timeout=10, stop_after=count):
        out.append(note.payload)
    return out


def test_a_save_is_announced_when_it_commits_and_not_when_rolled_back(pg_ready, super_regional, monkeypatch):
    ear = psycopg.connect(pg_ready.server.url(pg_ready.name, "bob"), autocommit=True)
    ear.execute("LISTEN rps_proposals")
    with open_store(pg_ready.url("alice")) as store:
        store.create(super_regional)
        assert _heard(ear, 1) == [f"{super_regional.id} 1"]
        p, v = store.load(super_regional.id)
        real = Store._record_version

        def fails_after_announcing(self, conn, *args):
            real(self, conn, *args)
            raise RuntimeError("the transaction fails after the NOTIFY")

        monkeypatch.setattr(Store, "_record_version", fails_after_announcing)
        with pytest.raises(RuntimeError):
            store.save(p, v)
        monkeypatch.undo()
        p.title.en = "Saved"
        assert store.save(p, v) == 2  # the rolled-back save took no version
        assert _heard(ear, 1) == [f"{super_regional.id} 2"]  # and was never heard: the first heard is this one
        store.delete(super_regional.id)
        assert _heard(ear, 1) == [f"{super_regional.id} 0"]
    ear.close()


def test_the_listener_hears_saves_and_comes_back_after_a_lost_connection(pg_ready, super_regional):
    heard: list[tuple[str, int]] = []
    events = {name: threading.Event() for name in ("heard", "lost", "back")}

    def on_change(pid, version):
        heard.append((pid, version))
        events["heard"].set()

    with open_store(pg_ready.url("alice")) as mine, open_store(pg_ready.url("bob")) as theirs:
        ear = live.Listener(mine, on_change, lambda _exc: events["lost"].set(), events["back"].set)
        try:
            assert ear.listening.wait(10)
            theirs.create(super_regional)
            assert events["heard"].wait(10) and heard == [(super_regional.id, 1)]
            with pg_ready.server.admin() as admin:
                ended = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                      "application_name = %s AND datname = %s",
                                      (live.APPLICATION_NAME, pg_ready.name)).fetchall()
            assert ended == [(True,)]
            assert events["lost"].wait(10) and events["back"].wait(20)
            events["heard"].clear()
            p, v = theirs.load(super_regional.id)
            theirs.save(p, v)
            assert events["heard"].wait(10) and heard[-1] == (super_regional.id, 2)
        finally:
            ear.stop()
