"""Two windows editing one proposal at once, on a file and on a server: a save that meets a newer
version merges three ways against the version the window loaded; a clean merge is one undo step and
the next version, with a note naming who saved; conflicts open the merge view, and what was typed
is never lost meanwhile."""

from __future__ import annotations

import getpass

import pytest

from forms.merge import OURS
from storage.opening import open_store
from ui.mergedialog import MergeDialog


@pytest.fixture(params=["sqlite", "postgresql"])
def place(request, db_path):
    """Where the two windows' database is: (location for the first, location for the second, the
    names their saves are recorded under)."""
    if request.param == "sqlite":
        return db_path, db_path, (getpass.getuser(), getpass.getuser())
    pg = request.getfixturevalue("pg_ready")
    return pg.url("alice"), pg.url("bob"), ("alice", "bob")


@pytest.fixture
def two(app, qtbot, place, super_regional):
    """Two windows with the same proposal open, each on its own connection to the database. On a
    server they do not listen here (``test_live`` does): a colleague's save is met when saving."""
    from ui.window import MainWindow

    stores = [open_store(place[0]), open_store(place[1])]
    stores[0].create(super_regional)
    windows = []
    for store in stores:
        w = MainWindow(store)
        qtbot.addWidget(w)
        w.show()
        w.stop_listening()
        w.open_proposal(super_regional.id)
        windows.append(w)
    yield windows, place[2]
    for w in windows:
        w.close()
    for store in stores:
        store.close()


def _saved(qtbot, window, version):
    qtbot.waitUntil(lambda: window.doc.version == version and not window.doc.editing(), timeout=10_000)


def test_a_clean_merge_is_one_undo_step_saved_next_and_names_who_saved(two, qtbot, super_regional):
    (a, b), (first, _second) = two
    a.doc.edit("title.en", "Title from the first window")
    a.doc.flush()
    assert a.doc.version == 2
    amount = b.doc.proposal.budget.lines[0].amount_krw
    b.doc.edit("budget.lines[0].amount_krw", amount + 5_000)
    _saved(qtbot, b, 3)
    assert b.doc.proposal.title.en == "Title from the first window"
    assert b.doc.proposal.budget.lines[0].amount_krw == amount + 5_000
    assert first in b.statusBar().currentMessage()
    stored, version = b.store.load(super_regional.id)
    assert version == 3 and stored.title.en == "Title from the first window"
    assert stored.budget.lines[0].amount_krw == amount + 5_000
    b.doc.undo_stack.undo()  # the merge is one step: the other window's change goes, mine stays
    assert b.doc.proposal.title.en == super_regional.title.en
    assert b.doc.proposal.budget.lines[0].amount_krw == amount + 5_000


def test_an_idle_window_is_shown_what_was_saved(two, qtbot):
    (a, b), (first, _second) = two
    a.doc.edit("title.en", "Saved elsewhere")
    a.doc.flush()
    b.doc.catch_up()
    assert b.doc.proposal.title.en == "Saved elsewhere" and b.doc.version == 2
    assert not b.doc.editing()
    assert first in b.statusBar().currentMessage()


def test_conflicts_open_the_merge_view_and_nothing_typed_is_lost(two, qtbot, monkeypatch):
    (a, b), _names = two
    a.doc.edit("title.en", "Theirs")
    a.doc.flush()
    shown: list[MergeDialog] = []

    def cancel(dialog):
        shown.append(dialog)
        return MergeDialog.DialogCode.Rejected

    monkeypatch.setattr(MergeDialog, "exec", cancel)
    b.doc.edit("title.en", "Mine")
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert [c.key for c in shown[0].conflicts] == ["title.en"]
    assert b.doc.proposal.title.en == "Mine" and b.doc.behind is not None
    stored, version = b.store.load(b.doc.proposal.id)
    assert (stored.title.en, version) == ("Theirs", 2)  # nothing saved
    b.open_proposal(b.doc.proposal.id)  # opening (this or another proposal) asks first: nothing typed is dropped
    assert len(shown) == 2 and b.doc.proposal.title.en == "Mine" and b.doc.behind is not None

    def keep_mine(dialog):
        shown.append(dialog)
        dialog.choose_all(OURS)
        return MergeDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", keep_mine)
    b.doc.edit("title.ko", "내 제목")  # the next change asks again
    _saved(qtbot, b, 3)
    assert len(shown) == 3
    stored, _v = b.store.load(b.doc.proposal.id)
    assert (stored.title.en, stored.title.ko) == ("Mine", "내 제목")


def test_looking_again_while_a_save_is_under_way_does_not_save_the_same_proposal_twice(two, qtbot,
                                                                                      super_regional):
    """A window looks again (its connection came back, a colleague's save was heard) while its own
    save is under way: that save finishes first and counts as saved, so nothing is left to save and
    no second version of the same proposal is written."""
    import threading

    (a, _b), _names = two
    started, release = threading.Event(), threading.Event()
    real_save = a.store.save

    def slow_save(proposal, expected):
        started.set()
        release.wait(10)
        return real_save(proposal, expected)

    a.store.save = slow_save
    a.doc.edit("title.en", "Saved while the window looks again")
    qtbot.waitUntil(started.is_set, timeout=10_000)
    threading.Timer(0.3, release.set).start()
    a.doc.catch_up()  # waits for the save under way
    assert not a.doc.editing()
    qtbot.wait(2 * 1500)  # longer than an autosave's pause on either kind of database
    stored, version = a.store.load(super_regional.id)
    assert version == 2 and a.doc.version == 2
    assert stored.title.en == "Saved while the window looks again"
