"""The Start page's list read before the store is open: the store's own list, read in one query
without SQLAlchemy, only from a file at the schema's head with nothing beside it, and leaving the
file, its time and its folder exactly as they were."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid

from forms.sample import SAMPLES
from storage import migrations
from storage.opening import open_store
from storage.quicklist import HEAD, quick_list


def _filled(path: str, count: int) -> list:
    store = open_store(path)
    try:
        for i in range(count):
            p = SAMPLES["super_regional" if i % 2 else "leap"]()
            p.id = str(uuid.uuid4())
            p.title.ko = f"제안 {i}"
            store.create(p)
        if count:
            first = store.list_proposals()[-1]
            p, version = store.load(first.id)
            p.title.en = "Saved again"
            store.save(p, version)  # the oldest becomes the last changed
        return store.list_proposals()
    finally:
        store.close()


def _state(path: str) -> tuple:
    folder = os.path.dirname(path)
    with open(path, "rb") as fp:
        digest = hashlib.sha256(fp.read()).hexdigest()
    return digest, os.stat(path).st_mtime_ns, sorted(os.listdir(folder))


def test_it_lists_what_the_store_lists_and_changes_nothing(db_path):
    listed = _filled(db_path, 5)
    before = _state(db_path)
    assert quick_list(db_path) == listed
    assert len(listed) == 5 and listed[0].title.en == "Saved again"
    assert _state(db_path) == before  # the bytes, the time and the folder's files


def test_an_empty_database_lists_nothing(db_path):
    assert _filled(db_path, 0) == []
    before = _state(db_path)
    assert quick_list(db_path) == []
    assert _state(db_path) == before


def test_its_revision_is_the_schemas_head():
    assert HEAD == migrations.head(), "a new schema revision: check the quick list's query and raise its HEAD"


def test_it_waits_for_the_store_when_it_cannot_answer_as_the_store(db_path, tmp_path):
    _filled(db_path, 2)
    assert quick_list("postgresql://editor@db.example/proposals") is None
    missing = str(tmp_path / "none.db")
    assert quick_list(missing) is None and not os.path.exists(missing)
    store = open_store(db_path)  # open: its log beside it, it may be changing
    try:
        assert any(os.path.exists(db_path + s) for s in ("-wal", "-shm"))
        assert quick_list(db_path) is None
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004_merged_copies'")
    conn.close()
    assert quick_list(db_path) is None  # an older revision: the store upgrades it first
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert quick_list(str(other)) is None  # not ours
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert quick_list(str(damaged)) is None
