"""Each saved version is kept, with who saved it and when, in the transaction that saves it: on a
server the login the server knows, on a file the user of the computer."""

from __future__ import annotations

import getpass
import shutil

import pytest

from forms.files import exchange
from storage import migrations, trash
from storage.errors import Conflict
from storage.opening import open_store
from tests.storage.raw import sql
from tests.storage.test_partner_copies import FIXTURE


def test_every_way_to_a_new_version_is_kept_with_who_and_when(store, super_regional, tmp_path):
    pid = super_regional.id
    store.create(super_regional)
    p, v = store.load(pid)
    p.title.en = "Second"
    store.save(p, v)
    store.snapshot(pid, "second")
    path = str(tmp_path / "p.json")
    p.title.en = "Third, from a file"
    exchange.write_file(p, path)
    store.import_proposal(path)
    store.restore_snapshot(pid, store.snapshots(pid)[0].id)
    history = store.history(pid)
    assert [h.version for h in history] == [4, 3, 2, 1]
    who = "alice" if store.server else getpass.getuser()
    assert {h.saved_by for h in history} == {who}
    assert all(h.saved_at.tzinfo is not None for h in history)
    assert history[0].saved_at >= history[-1].saved_at
    bodies = sql(store, "SELECT version, body FROM proposal_versions ORDER BY version")
    assert [exchange.loads(b).title.en for _v, b in bodies] == [
        super_regional.title.en, "Second", "Third, from a file", "Second"]


def test_a_save_refused_as_a_conflict_keeps_no_version(store, super_regional):
    store.create(super_regional)
    p, v = store.load(super_regional.id)
    store.save(p, v)
    with pytest.raises(Conflict):
        store.save(p, v)
    assert [h.version for h in store.history(super_regional.id)] == [2, 1]


def test_a_proposal_back_from_the_bin_has_its_version_again(store, leap):
    store.create(leap)
    kept = trash.delete_keeping(store, leap.id)
    trash.restore(store, kept.path)
    assert [h.version for h in store.history(leap.id)] == [1]


def test_an_older_file_starts_its_history_with_the_current_version(db_path, super_regional):
    shutil.copyfile(FIXTURE, db_path)
    with open_store(db_path) as store:
        assert migrations.known("0005_proposal_versions")
        (first,) = store.history(super_regional.id)
        assert first.saved_by == "" and first.version == store.load(super_regional.id)[1]
        assert store.check() == []
