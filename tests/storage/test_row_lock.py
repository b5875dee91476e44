"""No lost update on a server: every write first locks its proposal's row, so a change that reads
the version and writes ``version + 1`` (restoring a snapshot, importing, deleting to the bin, saving)
waits for another writer's transaction and then builds on what it wrote. The other writer holds the
row; the test waits until the server shows the store's connection waiting for that lock, then
commits."""

from __future__ import annotations

import threading
import time

import pytest

from forms.files import exchange
from storage import trash
from storage.errors import Conflict
from storage.opening import open_store


def _other_writer_holds(pg, proposal_id, title):
    """Bob, outside the app, locks the row, saves version 2 with a new title, and keeps the
    transaction open; returns his connection (commit it to let the store go on)."""
    conn = pg.connect("bob")
    row = conn.execute("SELECT pk, version FROM proposals WHERE uuid = %s FOR UPDATE", (proposal_id,)).fetchone()
    body = conn.execute("SELECT body FROM working_copies WHERE proposal_pk = %s", (row[0],)).fetchone()[0]
    p = exchange.loads(body)
    p.title.en = title
    raw = exchange.canonical_json(p).decode("utf-8")
    conn.execute("UPDATE proposals SET version = version + 1, title_en = %s WHERE pk = %s", (title, row[0]))
    conn.execute("UPDATE working_copies SET body = %s, fingerprint = %s WHERE proposal_pk = %s",
                 (raw, exchange.written_fingerprint(raw), row[0]))
    return conn


def _race(pg, holder, action):
    """Run ``action`` in a thread while ``holder`` keeps the row; once the server shows the store
    waiting for the lock, commit ``holder``. The action's result, or the error it raised."""
    outcome = {}

    def run():
        try:
            outcome["result"] = action()
        except Exception as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    with pg.server.admin(pg.name) as admin:
        deadline = time.monotonic() + 30
        while not admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                                "wait_event_type = 'Lock'", (pg.name,)).fetchone()[0]:
            assert worker.is_alive(), f"the store did not wait for the row: {outcome}"
            assert time.monotonic() < deadline
            worker.join(0.01)
    holder.commit()
    holder.close()
    worker.join(30)
    return outcome


@pytest.fixture
def shared(pg_ready, super_regional):
    store = open_store(pg_ready.url("alice"))
    store.create(super_regional)
    store.snapshot(super_regional.id, "first")
    yield pg_ready, store, super_regional
    store.close()


def test_restoring_a_snapshot_builds_on_the_other_save(shared):
    pg, store, p = shared
    snap = store.snapshots(p.id)[0].id
    holder = _other_writer_holds(pg, p.id, "Bob's edit")
    outcome = _race(pg, holder, lambda: store.restore_snapshot(p.id, snap))
    assert outcome.get("result") == 3
    kept = [s for s in store.snapshots(p.id) if s.name != "first"]
    assert [s.version for s in kept] == [2]  # Bob's save is kept as the snapshot before restoring
    assert store.load(p.id)[1] == 3


def test_an_import_builds_on_the_other_save(shared, tmp_path):
    pg, store, p = shared
    path = str(tmp_path / "again.json")
    changed = p.copy()
    changed.title.en = "From the file"
    exchange.write_file(changed, path)
    holder = _other_writer_holds(pg, p.id, "Bob's edit")
    outcome = _race(pg, holder, lambda: store.import_proposal(path))
    assert outcome["result"].version == 3
    snap = [s for s in store.snapshots(p.id) if s.name != "first"]
    assert [s.version for s in snap] == [2]
    assert store.load(p.id)[0].title.en == "From the file"


def test_deleting_to_the_bin_keeps_the_other_save(shared):
    pg, store, p = shared
    holder = _other_writer_holds(pg, p.id, "Bob's edit")
    outcome = _race(pg, holder, lambda: trash.delete_keeping(store, p.id))
    assert "error" not in outcome
    trash.restore(store, outcome["result"].path)
    restored, version = store.load(p.id)
    assert (version, restored.title.en) == (2, "Bob's edit")


def test_a_save_from_the_old_version_is_a_conflict_after_waiting(shared):
    pg, store, p = shared
    mine, version = store.load(p.id)
    mine.title.en = "Alice's edit"
    holder = _other_writer_holds(pg, p.id, "Bob's edit")
    outcome = _race(pg, holder, lambda: store.save(mine, version))
    assert isinstance(outcome.get("error"), Conflict) and outcome["error"].current_version == 2
    assert store.load(p.id)[0].title.en == "Bob's edit"  # nothing lost
