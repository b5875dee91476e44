"""Windows on a server hear each other's saves: an idle window shows the saved proposal, one being
edited merges it at once, the start page's list follows; a lost connection is said, what is typed
meanwhile is kept, and it is saved and merged when the server is back. On a file nothing listens."""

from __future__ import annotations

import pytest

from storage import live
from storage.opening import open_store

SEEN = 3_000  # ms: a colleague's save is seen within a second; generous for a loaded machine
BACK = 30_000  # ms: a lost connection is tried again with growing pauses (up to 8 s)


@pytest.fixture
def pair(app, qtbot, pg_ready, super_regional):
    """Alice's window and Bob's, the same proposal open in both."""
    from ui.window import MainWindow

    stores = [open_store(pg_ready.url("alice")), open_store(pg_ready.url("bob"))]
    stores[0].create(super_regional)
    windows = []
    for store in stores:
        w = MainWindow(store)
        qtbot.addWidget(w)
        w.show()
        w.open_proposal(super_regional.id)
        windows.append(w)
    for w in windows:
        qtbot.waitUntil(w.live.listener.listening.is_set, timeout=10_000)
    yield windows
    for w in windows:
        w.close()
    for store in stores:
        store.close()


def _end_listener(pg, user):
    with pg.server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s "
                      "AND datname = %s AND usename = %s", (live.APPLICATION_NAME, pg.name, user))


def test_an_idle_window_shows_a_colleagues_save_and_its_list_follows(pair, qtbot):
    alice, bob = pair
    alice.doc.edit("title.en", "Alice's new title")
    alice.doc.flush()
    qtbot.waitUntil(lambda: bob.doc.proposal.title.en == "Alice's new title", timeout=SEEN)
    assert bob.doc.version == 2 and not bob.doc.editing()
    assert "alice" in bob.statusBar().currentMessage()
    assert bob.doc.undo_stack.count() == 0  # shown as saved: nothing of Bob's to undo
    assert [i.title.en for i in bob.start._infos] == ["Alice's new title"]


def test_a_window_being_edited_merges_at_once(pair, qtbot, super_regional):
    alice, bob = pair
    amount = bob.doc.proposal.budget.lines[0].amount_krw
    bob.doc.edit("budget.lines[0].amount_krw", amount + 3_000)
    assert bob.doc.editing()
    alice.doc.edit("title.en", "Alice's title")
    alice.doc.flush()
    qtbot.waitUntil(lambda: bob.doc.proposal.title.en == "Alice's title", timeout=SEEN)
    assert bob.doc.proposal.budget.lines[0].amount_krw == amount + 3_000  # Bob's typing stays
    assert "alice" in bob.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not bob.doc.editing(), timeout=10_000)
    stored, version = bob.store.load(super_regional.id)
    assert version == 3 and stored.title.en == "Alice's title"
    assert stored.budget.lines[0].amount_krw == amount + 3_000
    qtbot.waitUntil(lambda: alice.doc.proposal.budget.lines[0].amount_krw == amount + 3_000, timeout=SEEN)


def test_a_lost_connection_is_said_and_comes_back(pair, qtbot, pg_ready):
    alice, bob = pair
    _end_listener(pg_ready, "bob")
    qtbot.waitUntil(lambda: "connection" in bob.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: "again" in bob.statusBar().currentMessage(), timeout=BACK)
    alice.doc.edit("title.en", "After the break")
    alice.doc.flush()
    qtbot.waitUntil(lambda: bob.doc.proposal.title.en == "After the break", timeout=SEEN)


def test_typing_while_the_server_is_out_of_reach_is_kept_then_saved_and_merged(pair, qtbot, pg_ready,
                                                                               super_regional):
    alice, bob = pair
    with pg_ready.server.admin() as admin:  # Bob's computer cannot reach the database any more
        admin.execute(f"REVOKE CONNECT ON DATABASE {pg_ready.name} FROM PUBLIC")
        admin.execute(f"GRANT CONNECT ON DATABASE {pg_ready.name} TO alice, office_admin")
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND usename = 'bob'",
                      (pg_ready.name,))
    qtbot.waitUntil(lambda: "connection" in bob.statusBar().currentMessage(), timeout=10_000)
    amount = bob.doc.proposal.budget.lines[0].amount_krw
    bob.doc.edit("budget.lines[0].amount_krw", amount + 9_000)
    bob.doc.edit("title.ko", "밥이 끊긴 동안 고친 제목")
    qtbot.waitUntil(lambda: "Not saved" in bob.saved_label.text(), timeout=10_000)
    assert bob.doc.editing()  # kept in the window
    alice.doc.edit("title.en", "Alice meanwhile")
    alice.doc.flush()
    with pg_ready.server.admin() as admin:
        admin.execute(f"GRANT CONNECT ON DATABASE {pg_ready.name} TO PUBLIC")
    qtbot.waitUntil(lambda: not bob.doc.editing() and bob.doc.version == 3, timeout=BACK)
    stored, _v = bob.store.load(super_regional.id)
    assert stored.title.en == "Alice meanwhile" and stored.title.ko == "밥이 끊긴 동안 고친 제목"
    assert stored.budget.lines[0].amount_krw == amount + 9_000
    assert bob.doc.proposal.title.en == "Alice meanwhile"


def test_a_window_on_a_file_does_not_listen(sample_window):
    assert sample_window.live is None
