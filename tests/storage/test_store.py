"""The store on real SQLite files: round trips, versions, conflicts, import, export, snapshots."""

from __future__ import annotations

import os

import pytest

from forms.base.errors import InputError
from forms.base.i18n import set_language
from forms.files import exchange
from forms.model import Proposal
from storage.errors import Conflict, NotFound, StorageError
from storage.opening import open_store
from tests.storage.raw import sql


def test_create_load_save_round_trip(store, super_regional):
    assert store.create(super_regional) == 1
    loaded, version = store.load(super_regional.id)
    assert version == 1
    assert exchange.fingerprint(loaded) == exchange.fingerprint(super_regional)
    loaded.title.en = "A new title"
    loaded.budget.lines[0].amount_krw += 1_000
    assert store.save(loaded, 1) == 2
    again, version = store.load(super_regional.id)
    assert version == 2
    assert again.title.en == "A new title"
    assert again.budget.lines[0].amount_krw == super_regional.budget.lines[0].amount_krw + 1_000


def test_list_shows_searchable_columns_newest_first(store, super_regional, leap):
    store.create(super_regional)
    store.create(leap)
    infos = store.list_proposals()
    assert [i.id for i in infos] == [leap.id, super_regional.id]
    first = infos[1]
    assert first.title.ko == super_regional.title.ko
    assert (first.type, first.lead_region, first.version, first.call) == (
        "super_regional", super_regional.lead_region, 1, super_regional.call)
    assert first.updated_at.tzinfo is not None
    store.save(super_regional, 1)
    assert store.list_proposals()[0].id == super_regional.id


def test_stale_version_is_a_conflict_naming_the_proposal(location, super_regional):
    with open_store(location) as a, open_store(location) as b:
        a.create(super_regional)
        mine, v = a.load(super_regional.id)
        theirs, v2 = b.load(super_regional.id)
        theirs.title.en = "Theirs"
        b.save(theirs, v2)
        mine.title.en = "Mine"
        with pytest.raises(Conflict) as caught:
            a.save(mine, v)
        assert caught.value.current_version == 2 and caught.value.expected_version == 1
        assert super_regional.title.ko in caught.value.text("ko")
        assert "Mine" in caught.value.text("en")  # the title as the person sees it
        assert a.load(super_regional.id)[0].title.en == "Theirs"  # nothing overwritten


def test_create_twice_and_unknown_ids_are_refused(store, leap):
    store.create(leap)
    with pytest.raises(StorageError):
        store.create(leap)
    for call in (lambda: store.load("nope"), lambda: store.delete("nope"), lambda: store.snapshots("nope")):
        with pytest.raises(NotFound):
            call()


def test_delete_removes_copy_and_snapshots(store, leap):
    store.create(leap)
    store.snapshot(leap.id, "one")
    store.delete(leap.id)
    assert store.list_proposals() == []
    assert store.check() == []


def test_import_same_proposal_twice_adds_a_version(store, leap, tmp_path):
    path = str(tmp_path / "leap.json")
    exchange.write_file(leap, path)
    assert store.import_file(path) == (leap.id, 1)
    assert store.import_file(path) == (leap.id, 2)
    assert store.snapshots(leap.id) == []  # same content: nothing to keep aside
    leap.title.en = "Edited elsewhere"
    exchange.write_file(leap, path)
    assert store.import_file(path) == (leap.id, 3)
    assert len(store.list_proposals()) == 1
    snaps = store.snapshots(leap.id)
    assert len(snaps) == 1 and "leap.json" in snaps[0].name and snaps[0].version == 2
    assert store.load(leap.id)[0].title.en == "Edited elsewhere"
    rows = sql(store, "SELECT uuid, version, file FROM imports ORDER BY pk")  # the audit of imports, as kept
    assert rows == [(leap.id, n, os.path.abspath(path)) for n in (1, 2, 3)]


def test_import_of_a_bad_file_changes_nothing(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "regional-proposal", "format_version": 1, "budget": 3}', encoding="utf-8")
    with pytest.raises(InputError):
        store.import_file(str(bad))
    assert store.list_proposals() == []


def test_export_writes_the_exchange_file(store, super_regional, tmp_path):
    store.create(super_regional)
    out = str(tmp_path / "out.json")
    store.export_file(super_regional.id, out)
    assert exchange.read_file(out) == super_regional
    with open(out, encoding="utf-8") as fp:
        assert fp.read() == exchange.dumps(super_regional)


def test_snapshot_restore_keeps_the_current_copy(store, super_regional):
    store.create(super_regional)
    sent = store.snapshot(super_regional.id, "  sent to the province,   2026-11-20 ")
    assert sent.name == "sent to the province, 2026-11-20" and sent.version == 1
    p, v = store.load(super_regional.id)
    p.title.en = "After sending"
    v = store.save(p, v)
    set_language("ko")
    v3 = store.restore_snapshot(super_regional.id, sent.id)
    assert v3 == v + 1
    restored, version = store.load(super_regional.id)
    assert version == v3 and restored.title.en == super_regional.title.en
    snaps = store.snapshots(super_regional.id)
    assert [s.name for s in snaps][0] == sent.name
    kept = snaps[1]
    assert "sent to the province" in kept.name and kept.version == v
    assert store.diff(super_regional.id, kept.id, None).fields  # the kept copy differs from the restored one
    again = store.restore_snapshot(super_regional.id, kept.id)
    assert store.load(super_regional.id)[0].title.en == "After sending" and again == v3 + 1


def test_snapshot_needs_a_name_and_must_exist(store, leap):
    store.create(leap)
    with pytest.raises(InputError):
        store.snapshot(leap.id, "   ")
    with pytest.raises(NotFound):
        store.restore_snapshot(leap.id, 99)


def test_diff_between_snapshots(store, super_regional):
    store.create(super_regional)
    a = store.snapshot(super_regional.id, "a")
    p, v = store.load(super_regional.id)
    p.plan["summary"].en = "Shorter summary."
    line = next(b for b in p.budget.lines if b.source == "national" and b.year == 2024)
    line.amount_krw -= 5_000_000
    store.save(p, v)
    b = store.snapshot(super_regional.id, "b")
    d = store.diff(super_regional.id, a.id, b.id)
    assert [c.path for c in d.fields] == ["plan.summary.en"]
    assert [(c.year, c.source, c.delta) for c in d.budget] == [(2024, "national", -5_000_000)]
    text = "\n".join(d.lines("en"))
    assert "Summary (English)" in text and "KRW 5,000,000" in text
    assert "국비" in "\n".join(d.lines("ko"))
    assert store.diff(super_regional.id, b.id, None).is_empty()


def test_check_finds_a_tampered_copy(store, leap):
    store.create(leap)
    assert store.check() == []
    sql(store, "UPDATE working_copies SET body = '{\"format\": 1}'")  # changed outside the app
    problems = store.check()
    assert len(problems) == 1 and leap.id in problems[0]


def test_a_blank_new_proposal_round_trips(store):
    blank = Proposal(call="msit-mega-2023", type="")
    assert store.create(blank) == 1
    loaded, version = store.load(blank.id)
    assert loaded == blank and version == 1
    info = store.list_proposals()[0]
    assert info.title.is_empty() and info.type == "" and info.lead_region == ""
    assert store.diff(blank.id, store.snapshot(blank.id, "empty").id, None).is_empty()


def test_snapshot_names_are_unique_words(store, super_regional):
    import pytest as _pytest

    from forms.base.errors import InputError

    store.create(super_regional)
    store.snapshot(super_regional.id, "sent to the province")
    with _pytest.raises(InputError) as info:
        store.snapshot(super_regional.id, "  sent to   the province ")
    assert "already has a snapshot named sent to the province" in info.value.text("en")
    with _pytest.raises(InputError) as info:
        store.snapshot(super_regional.id, "2")
    assert "cannot be only a number" in info.value.text("en") and "숫자" in info.value.text("ko")
    assert [s.name for s in store.snapshots(super_regional.id)] == ["sent to the province"]
