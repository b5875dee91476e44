"""Copies sent to partners: the base kept exactly, found again by the fingerprint the copy carries."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from forms.base.errors import InputError
from forms.files import exchange
from storage import migrations
from storage.opening import open_store

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "rev1.db")


def test_send_copy_writes_the_file_and_keeps_the_exact_base(store, super_regional, tmp_path):
    store.create(super_regional)
    out = tmp_path / "for-daegu.json"
    fp = store.send_copy(super_regional.id, "  대구광역시 ", str(out))
    copy = exchange.read_file(str(out))
    assert copy.sent_copy.partner == "대구광역시" and copy.sent_copy.base_fingerprint == fp
    assert fp == exchange.fingerprint(super_regional)
    sent = store.sent_base(fp)
    assert sent.proposal_id == super_regional.id and sent.partner == "대구광역시"
    assert exchange.canonical_json(sent.base) == exchange.canonical_json(super_regional)
    assert store.sent_base("0" * 64) is None


def test_a_copy_that_cannot_be_written_keeps_nothing(store, super_regional, tmp_path):
    store.create(super_regional)
    with pytest.raises(InputError):
        store.send_copy(super_regional.id, "울산광역시", str(tmp_path / "missing" / "copy.json"))
    assert store.sent_base(exchange.fingerprint(super_regional)) is None
    with pytest.raises(InputError):
        store.send_copy(super_regional.id, "   ", str(tmp_path / "copy.json"))


def test_the_first_revision_upgrades_to_keep_sent_copies(db_path, super_regional, tmp_path):
    shutil.copyfile(FIXTURE, db_path)
    with open_store(db_path) as store:
        assert "0003_partner_copies" in migrations.pending(None)
        fp = store.send_copy(super_regional.id, "대구광역시", str(tmp_path / "copy.json"))
        assert store.sent_base(fp).partner == "대구광역시"
        assert store.check() == []
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.head()
        assert conn.execute("SELECT count(*) FROM partner_copies").fetchone()[0] == 1
    finally:
        conn.close()


def test_a_merged_copy_is_remembered_by_its_fingerprint_and_kept_through_the_bin(store, super_regional):
    from storage import trash

    store.create(super_regional)
    assert store.merged_at(super_regional.id, "a" * 64) is None
    store.remember_merged(super_regional.id, "a" * 64, "대구광역시")
    assert store.merged_at(super_regional.id, "a" * 64) is not None
    assert store.merged_at(super_regional.id, "b" * 64) is None
    kept = trash.delete_keeping(store, super_regional.id)
    assert store.merged_at(super_regional.id, "a" * 64) is None
    trash.restore(store, kept.path)
    assert store.merged_at(super_regional.id, "a" * 64) is not None


def test_the_first_revision_upgrades_to_remember_merged_copies(db_path, super_regional):
    shutil.copyfile(FIXTURE, db_path)
    with open_store(db_path) as store:
        store.remember_merged(super_regional.id, "c" * 64, "KR-27")
        assert store.merged_at(super_regional.id, "c" * 64) is not None
        assert store.check() == []
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.head()
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'merged_copies'")}
        assert {"merged_copies", "ix_merged_copies_proposal_pk", "ix_merged_copies_fingerprint"} <= names
    finally:
        conn.close()
