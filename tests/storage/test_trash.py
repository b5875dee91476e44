"""A deleted proposal restored as it was: its version, snapshots, the copies sent to partners (so a
returned copy still merges) and its record of imports."""

from __future__ import annotations

from forms.files import exchange
from storage import trash
from tests.storage.raw import sql


def test_restore_brings_back_the_sent_copies_snapshots_and_version(store, super_regional, tmp_path):
    pid = super_regional.id
    version = store.create(super_regional)
    changed = super_regional.copy()
    changed.title.en = "Edited before sending"
    version = store.save(changed, version)
    store.snapshot(pid, "first draft")
    fingerprint = store.send_copy(pid, "대구광역시", str(tmp_path / "for-daegu.json"))
    before = store.sent_base(fingerprint)

    trash.delete_keeping(store, pid)
    assert store.sent_base(fingerprint) is None
    trash.restore(store, trash.deleted(store)[0].path)

    after = store.sent_base(fingerprint)
    assert after is not None and (after.proposal_id, after.partner, after.sent_at) == (
        before.proposal_id, before.partner, before.sent_at)
    assert exchange.fingerprint(after.base) == exchange.fingerprint(before.base)
    assert [s.name for s in store.snapshots(pid)] == ["first draft"]
    p, restored_version = store.load(pid)
    assert restored_version == version and p.title.en == "Edited before sending"


def test_restore_reattaches_the_record_of_imports(store, super_regional, tmp_path):
    path = str(tmp_path / "p.json")
    exchange.write_file(super_regional, path)
    store.import_file(path)
    trash.delete_keeping(store, super_regional.id)
    trash.restore(store, trash.deleted(store)[0].path)
    rows = sql(store, "select count(*) from imports join proposals on proposals.pk = imports.proposal_pk "
                      "where proposals.uuid = :id", id=super_regional.id)
    assert rows == [(1,)]
