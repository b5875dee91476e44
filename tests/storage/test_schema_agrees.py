"""The tables are written twice: as ``storage/schema.py`` describes them for queries, and as the
revisions of ``storage/migrations.py`` make them. Alembic's own comparison says they agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, String

from storage import migrations, schema
from storage.schema import make_engine


def _differences(path, metadata):
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                migrations.upgrade(conn)
        with engine.connect() as conn:
            # Tables, columns, types, nullability, indexes and keys; not server defaults, which
            # SQLite reflects as SQL text ("''") that Alembic does not match to the Python value.
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_schema_and_migrations_agree(tmp_path):
    assert _differences(str(tmp_path / "p.db"), schema.metadata) == []


def test_a_column_the_migrations_do_not_make_is_found(tmp_path):
    other = MetaData()
    for table in schema.metadata.tables.values():
        table.to_metadata(other)
    other.tables["proposals"].append_column(Column("nickname", String(20)))
    found = _differences(str(tmp_path / "p.db"), other)
    assert [(d[0], d[3].name) for d in found] == [("add_column", "nickname")]
