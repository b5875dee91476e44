"""Where a deleted proposal is kept: on a server in its ``deleted_proposals`` table, so any
official of the team may restore what another deleted; a database file keeps its folder beside it."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

from storage import migrations, server, trash
from storage.errors import StorageError, Unavailable
from storage.opening import open_store
from tests.storage.raw import sql


def test_a_server_keeps_it_in_its_table_a_file_in_its_folder(store, super_regional):
    store.create(super_regional)
    kept = trash.delete_keeping(store, super_regional.id)
    rows = sql(store, "SELECT uuid, deleted_by FROM deleted_proposals")
    in_folder = os.listdir(trash.folder(store)) if os.path.isdir(trash.folder(store)) else []
    if store.server:
        assert rows == [(super_regional.id, "alice")] and kept.deleted_by == "alice" and in_folder == []
    else:
        assert rows == [] and in_folder == [os.path.basename(kept.path)]
    assert [d.id for d in trash.deleted(store)] == [super_regional.id]
    assert trash.restore(store, kept.path) == super_regional.id
    assert trash.deleted(store) == [] and sql(store, "SELECT count(*) FROM deleted_proposals") == [(0,)]
    assert store.load(super_regional.id)[0].title == super_regional.title


def test_another_official_restores_what_one_deleted(pg_ready, super_regional):
    with open_store(pg_ready.url("alice")) as alice:
        alice.create(super_regional)
        alice.snapshot(super_regional.id, "before the review")
        trash.delete_keeping(alice, super_regional.id)
    with open_store(pg_ready.url("rita")) as rita:  # a reader sees it, may not restore it
        (seen,) = trash.deleted(rita)
        assert seen.deleted_by == "alice"
        with pytest.raises(Unavailable):
            trash.restore(rita, seen.path)
    with open_store(pg_ready.url("bob")) as bob:
        (seen,) = trash.deleted(bob)
        assert trash.restore(bob, seen.path) == super_regional.id
        assert [s.name for s in bob.snapshots(super_regional.id)] == ["before the review"]
        with pytest.raises(StorageError, match="no longer kept"):
            trash.restore(bob, seen.path)


def test_setup_brings_an_older_server_schema_up_with_the_table_granted(pg_db):
    engine = create_engine(pg_db.url().replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn, conn.begin():  # as 'db setup' of the version before left it
        migrations.upgrade(conn, target="0005_proposal_versions")
        server._create_roles(conn)
        server._grant(conn)
    engine.dispose()
    done = server.setup(pg_db.url())
    assert done.revisions == ["0006_deleted_proposals"]
    assert set(done.grants) == {"rps_editor: SELECT ON deleted_proposals", "rps_editor: INSERT ON deleted_proposals",
                                "rps_editor: UPDATE ON deleted_proposals", "rps_editor: DELETE ON deleted_proposals",
                                "rps_editor: USAGE ON deleted_proposals_pk_seq",
                                "rps_reader: SELECT ON deleted_proposals"}


def test_what_an_earlier_version_kept_in_the_user_folder_for_a_server_is_still_restored(pg_ready, db_path, leap):
    with open_store(db_path) as file_store:  # the file an earlier version wrote, for a server's proposal
        file_store.create(leap)
        old = trash.delete_keeping(file_store, leap.id).path
    with open_store(pg_ready.url("alice")) as alice:
        os.makedirs(trash.folder(alice), exist_ok=True)
        moved = os.path.join(trash.folder(alice), os.path.basename(old))
        os.replace(old, moved)
        (seen,) = trash.deleted(alice)
        assert seen.path == moved and trash.restore(alice, seen.path) == leap.id
        assert not os.path.exists(moved) and alice.load(leap.id)[0].title == leap.title
