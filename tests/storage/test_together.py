"""Two people editing one proposal at once, on a file and on a server: a copy saved onto a proposal
that moved on since it was taken is merged three ways against the version it was made from (kept
in ``proposal_versions``); a clean merge is saved as the next version, conflicts save nothing."""

from __future__ import annotations

import getpass

import pytest

from forms.files import exchange
from storage.errors import NotFound
from storage.opening import open_store
from tests.storage.raw import sql


def _who(store) -> str:
    return "alice" if store.server else getpass.getuser()


def test_a_copy_saved_onto_a_newer_version_is_merged_and_saved_next(location, super_regional):
    with open_store(location) as a, open_store(location) as b:
        a.create(super_regional)
        mine, base = a.load(super_regional.id)
        theirs, v = b.load(super_regional.id)
        theirs.title.en = "Their title"
        assert b.save(theirs, v) == 2
        mine.budget.lines[0].amount_krw += 1_000
        moved = a.moved_on(mine, base)
        assert moved is not None and moved.base_version == 1 and moved.version == 2
        assert moved.saved_by == (_who(b),)
        assert moved.result.clean and moved.merged.title.en == "Their title"
        assert a.history(super_regional.id)[0].version == 2  # moved_on saves nothing
        done = a.save_onto(mine, base)
        assert done.version == 3 and done.moved is not None
        stored, version = b.load(super_regional.id)
        assert version == 3
        assert stored.title.en == "Their title"
        assert stored.budget.lines[0].amount_krw == super_regional.budget.lines[0].amount_krw + 1_000


def test_the_same_version_saves_without_merging(store, leap):
    store.create(leap)
    p, v = store.load(leap.id)
    assert store.moved_on(p, v) is None
    p.title.en = "Next"
    done = store.save_onto(p, v)
    assert (done.version, done.moved) == (2, None)


def test_conflicting_changes_save_nothing_and_name_the_conflict(location, super_regional):
    with open_store(location) as a, open_store(location) as b:
        a.create(super_regional)
        mine, base = a.load(super_regional.id)
        theirs, v = b.load(super_regional.id)
        theirs.title.en = "Theirs"
        b.save(theirs, v)
        mine.title.en = "Mine"
        done = a.save_onto(mine, base)
        assert done.version is None
        assert [c.key for c in done.moved.result.unresolved] == ["title.en"]
        assert [h.version for h in a.history(super_regional.id)] == [2, 1]
        assert a.load(super_regional.id)[0].title.en == "Theirs"
        settled = done.moved.merge({"title.en": "ours"})
        assert settled.clean and exchange.from_dict(settled.merged).title.en == "Mine"


def test_an_exported_file_records_its_version_and_only_this_database_takes_it(location, super_regional, tmp_path):
    path = str(tmp_path / "out.json")
    with open_store(location) as store:
        store.create(super_regional)
        assert store.export_file(super_regional.id, path, record_version=True) == 1
        p = exchange.read_file(path)
        assert p.stored_version.version == 1
        assert sql(store, "SELECT fingerprint FROM proposal_versions") == [(p.stored_version.fingerprint,)]
        p.title.en = "Edited in the file"
        done = store.save_onto(p, 1, p.stored_version.fingerprint)
        assert done.version == 2
        body = store.saved_version(super_regional.id, 2)
        assert body.stored_version is None and body.title.en == "Edited in the file"  # the mark is not stored
        with pytest.raises(NotFound):  # a version number that is not the file's
            store.save_onto(p, 2, p.stored_version.fingerprint)
    other = str(tmp_path / "other.db")
    with open_store(other) as elsewhere:
        first = super_regional.copy()
        first.title.en = "Another start"
        elsewhere.create(first)
        elsewhere.save(first, 1)
        with pytest.raises(NotFound):  # the same proposal in another database: another version 1
            elsewhere.save_onto(p, 1, p.stored_version.fingerprint)
