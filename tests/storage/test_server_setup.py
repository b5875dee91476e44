"""``db setup`` on a server, run by the database's owner: the schema made or brought up to date
under an advisory lock (two at once take turns), the groups granted; a client never migrates,
refuses a schema that is not its own, and may do only what its group allows."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from storage import migrations, server
from storage.errors import Conflict, StorageError, Unavailable
from storage.opening import open_store


def test_setup_twice_changes_nothing_the_second_time(pg_db):
    first = server.setup(pg_db.url())
    assert first.revisions == [rev for rev, _fn in migrations.REVISIONS] and first.grants
    again = server.setup(pg_db.url())
    assert not again.changed
    with pg_db.connect() as conn:
        owner = conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'proposals'").fetchone()[0]
        groups = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'rps_%'")}
    assert owner == "office_admin" and groups == {"rps_editor", "rps_reader"}


def test_two_setups_at_once_take_turns(pg_db):
    results, errors = [], []

    def run():
        try:
            results.append(server.setup(pg_db.url()))
        except Exception as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)

    with pg_db.server.admin(pg_db.name) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (server.SETUP_LOCK,))
        workers = [threading.Thread(target=run) for _ in range(2)]
        for w in workers:
            w.start()
        deadline = time.monotonic() + 30
        while holder.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event = 'advisory'",
                             (pg_db.name,)).fetchone()[0] < 2:
            assert time.monotonic() < deadline and not errors, errors
            workers[0].join(0.01)
        holder.execute("SELECT pg_advisory_unlock(%s)", (server.SETUP_LOCK,))
    for w in workers:
        w.join(60)
    assert errors == []
    assert sorted(bool(r.revisions) for r in results) == [False, True]  # one made the schema, the other found it


def test_an_older_schema_is_brought_up_to_date_by_setup_only(pg_db, super_regional):
    engine = server.make_server_engine(server.parse(pg_db.url()))
    try:
        with engine.begin() as conn:
            migrations.upgrade(conn, target="0002_call_and_imports")
    finally:
        engine.dispose()
    with pytest.raises(StorageError) as refused:  # not even the owner's window migrates
        open_store(pg_db.url())
    assert "0002_call_and_imports" in refused.value.text("en") and "db setup --db" in refused.value.text("en")
    done = server.setup(pg_db.url())
    assert done.revisions == migrations.pending("0002_call_and_imports")
    pg_db.set_up()
    with open_store(pg_db.url("alice")) as store:
        store.create(super_regional)
        assert store.check() == []


def test_a_newer_schema_is_refused(pg_ready):
    with pg_ready.connect() as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
    for attempt in (lambda: open_store(pg_ready.url("alice")), lambda: server.setup(pg_ready.url())):
        with pytest.raises(StorageError) as refused:
            attempt()
        assert "9999_from_the_future" in refused.value.text("en")


def test_a_reader_reads_and_cannot_save(pg_ready, super_regional):
    with open_store(pg_ready.url("alice")) as editor:
        editor.create(super_regional)
    with open_store(pg_ready.url("rita")) as reader:
        assert reader.read_only is not None
        p, version = reader.load(super_regional.id)
        p.title.en = "Rita's edit"
        for write in (lambda: reader.save(p, version), lambda: reader.snapshot(p.id, "mine"),
                      lambda: reader.delete(p.id)):
            with pytest.raises(Unavailable) as refused:
                write()
            assert "rps_editor" in refused.value.text("en") and not isinstance(refused.value, Conflict)
        assert reader.load(p.id)[1] == 1 and reader.load(p.id)[0].title.en == super_regional.title.en


def test_a_login_in_neither_group_sees_nothing(pg_ready, super_regional):
    with open_store(pg_ready.url("alice")) as editor:
        editor.create(super_regional)
    with pytest.raises(server.NoAccess) as refused:
        open_store(pg_ready.url("stranger"))
    assert "rps_editor" in refused.value.text("ko") and "rps_reader" in refused.value.text("ko")
    with pg_ready.connect("stranger") as conn, pytest.raises(Exception, match="permission denied"):
        conn.execute("SELECT body FROM working_copies")


def test_the_owner_runs_setup_and_no_official_owns_the_schema(pg_ready):
    with pg_ready.connect() as conn:
        owners = {r[0] for r in conn.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")}
    assert owners == {"office_admin"}
    engine = server.make_server_engine(server.parse(pg_ready.url("alice")))
    try:
        with engine.begin() as conn, pytest.raises(Exception, match="permission denied|must be owner"):
            conn.execute(text("ALTER TABLE proposals ADD COLUMN nickname text"))
    finally:
        engine.dispose()
