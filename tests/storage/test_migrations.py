"""Schema upgrades from a real file made at the first revision; failure and newer files."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import sys

import pytest

from forms.sample import SAMPLES
from storage import migrations
from storage.backup import list_backups
from storage.errors import NewerDatabase
from storage.opening import open_store

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "rev1.db")


def _rev(path: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _digest(path: str) -> str:
    with open(path, "rb") as fp:
        return hashlib.sha256(fp.read()).hexdigest()


@pytest.fixture
def old_db(db_path):
    shutil.copyfile(FIXTURE, db_path)
    assert _rev(db_path) == "0001_initial"
    return db_path


def test_revisions_run_one_at_a_time_in_order_up_to_the_head(tmp_path):
    names = [rev for rev, _fn in migrations.REVISIONS]
    assert len(names) >= 2 and len(set(names)) == len(names) and names == sorted(names)  # 0001_, 0002_, …
    assert migrations.pending(None) == names and migrations.pending(migrations.head()) == []
    from sqlalchemy import create_engine, inspect

    engine = create_engine(f"sqlite:///{tmp_path / 'stepwise.db'}")
    try:
        with engine.begin() as conn:
            tables: list[set[str]] = []
            for rev in names:
                assert migrations.upgrade(conn, rev) == [rev]  # this revision alone
                assert migrations.current_revision(conn) == rev
                tables.append(set(inspect(conn).get_table_names()))
            assert migrations.upgrade(conn) == [] and migrations.current_revision(conn) == migrations.head()
    finally:
        engine.dispose()
    assert tables[0] < tables[-1]  # a later revision added tables (imports) to the first ones


def test_upgrade_from_the_first_revision(old_db):
    with open_store(old_db) as store:
        assert _rev(old_db) == migrations.head()
        infos = {i.id: i for i in store.list_proposals()}
        for kind in ("super_regional", "leap"):
            sample = SAMPLES[kind]()
            info = infos[sample.id]
            assert info.version == 3 and info.call == sample.call  # the new column, filled in
            loaded, version = store.load(sample.id)
            assert version == 3 and loaded.title == sample.title
            assert [b.amount_krw for b in loaded.budget.lines] == [b.amount_krw for b in sample.budget.lines]
            assert [o.id for o in loaded.organisations] == [o.id for o in sample.organisations]
        assert [s.name for s in store.snapshots(SAMPLES["super_regional"]().id)] == ["first draft"]
        assert store.check() == []
        upgraded_backups = [b for b in store.backups() if "before-" in b.name]
    assert len(upgraded_backups) == 1
    assert _rev(upgraded_backups[0].path) == "0001_initial"  # the backup is of the old file
    with open_store(old_db) as store:  # a second open does not upgrade or back up again for it
        assert len([b for b in store.backups() if "before-" in b.name]) == 1


def test_a_failing_upgrade_leaves_the_old_version(old_db, monkeypatch):
    def broken(op):
        op.add_column("proposals", migrations.Column("extra", migrations.Integer, nullable=True))
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "REVISIONS", [*migrations.REVISIONS, ("0003_broken", broken)])
    with pytest.raises(RuntimeError):
        open_store(old_db)
    assert _rev(old_db) == "0001_initial"  # version recorded only on success
    conn = sqlite3.connect(old_db)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(proposals)")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert "call" not in columns and "extra" not in columns and "imports" not in tables  # one transaction
    assert any("before-0003_broken" in b.name for b in list_backups(old_db))  # backed up first
    monkeypatch.undo()
    with open_store(old_db) as store:  # and the real upgrade still works afterwards
        assert len(store.list_proposals()) == 2


def test_a_newer_database_is_refused_untouched(db_path, leap):
    with open_store(db_path) as store:
        store.create(leap)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    before = _digest(db_path)
    with pytest.raises(NewerDatabase) as caught:
        open_store(db_path)
    assert caught.value.path == os.path.abspath(db_path)
    assert "0099_from_the_future" in caught.value.text("en") and "newer version" in caught.value.text("en")
    assert caught.value.text("ko") == (
        f"데이터베이스({os.path.abspath(db_path)})는 이 프로그램의 새 버전에서 작성되었습니다(스키마 0099_from_the_future). "
        "새 버전을 사용하십시오. 이 버전은 파일을 변경하지 않습니다.")
    assert _digest(db_path) == before


def test_the_fixture_script_still_makes_the_fixture(tmp_path):
    sys.path.insert(0, os.path.dirname(__file__))
    try:
        import make_rev1_fixture
    finally:
        sys.path.pop(0)
    made = make_rev1_fixture.make(str(tmp_path / "rev1.db"))
    assert _rev(made) == "0001_initial"
    queries = ["SELECT uuid, version, title_ko, title_en, type, lead_region FROM proposals ORDER BY pk",
               "SELECT body, fingerprint FROM working_copies ORDER BY proposal_pk",
               "SELECT name, version, body FROM snapshots ORDER BY pk"]
    for query in queries:
        a, b = sqlite3.connect(made), sqlite3.connect(FIXTURE)
        try:
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
        finally:
            a.close()
            b.close()
