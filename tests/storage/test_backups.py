"""Daily backups with the online backup API: made, kept to ten, listed, restored."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

from storage import backup
from storage.opening import open_store


def test_first_open_of_the_day_makes_one_backup(db_path, leap):
    with open_store(db_path) as store:  # a new database: nothing to back up yet
        store.create(leap)
        assert store.backups() == []
    with open_store(db_path) as store:
        backups = store.backups()
        assert len(backups) == 1
        assert backups[0].created_at.date() == dt.date.today() and backups[0].size > 0
    with open_store(db_path) as store:  # not twice the same day
        assert len(store.backups()) == 1
    conn = sqlite3.connect(backups[0].path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT uuid FROM proposals").fetchone()[0] == leap.id
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        conn.close()


def test_a_backup_from_yesterday_does_not_count(db_path, leap):
    with open_store(db_path) as store:
        store.create(leap)
    folder = backup.backup_dir(db_path)
    os.makedirs(folder)
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    old = os.path.join(folder, f"proposals-{yesterday:%Y%m%d-%H%M%S}.db")
    with open(old, "wb") as fp:
        fp.write(b"old")
    with open_store(db_path) as store:
        assert [b.path for b in store.backups()][1:] == [old]


def test_only_the_last_ten_are_kept(db_path, leap):
    with open_store(db_path) as store:
        store.create(leap)
        made = [store.backup_now() for _ in range(13)]
        kept = store.backups()
    assert len(kept) == backup.KEEP
    assert [b.path for b in kept] == [b.path for b in reversed(made)][: backup.KEEP]
    assert all(not os.path.exists(b.path) for b in made[:3])


def test_restore_a_backup(db_path, leap, super_regional):
    with open_store(db_path) as store:
        store.create(leap)
        saved = store.backup_now()
        store.create(super_regional)
        p, v = store.load(leap.id)
        p.title.en = "After the backup"
        store.save(p, v)
        kept = store.restore_backup(saved.path)
        assert [i.id for i in store.list_proposals()] == [leap.id]
        assert store.load(leap.id)[0].title.en == leap.title.en
        assert store.check() == []
        restored = sqlite3.connect(db_path)  # the restored file itself keeps the write-ahead log
        try:
            assert restored.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        finally:
            restored.close()
        assert "before-restore" in kept.name
        store.restore_backup(kept.path)  # and back again
        assert {i.id for i in store.list_proposals()} == {leap.id, super_regional.id}


def test_backups_of_two_databases_in_one_folder_stay_apart(tmp_path, leap):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    with open_store(a) as sa, open_store(b) as sb:
        sa.create(leap)
        sa.backup_now()
        assert len(sa.backups()) == 1 and sb.backups() == []
