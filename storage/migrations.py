"""Schema versions, run with Alembic from code (``MigrationContext`` + ``Operations``, no ini file),
so they work the same inside a frozen bundle.

Each revision is a function of an :class:`~alembic.operations.Operations`. An upgrade runs every
missing revision and then records the new version, all in ONE transaction: a failure leaves the
file exactly as it was, at its old version. The caller backs the file up first (see
``storage.upgrade``). A file at a revision this code does not know was written by a newer version of
the app and is refused, untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    column,
    delete,
    insert,
    inspect,
    literal,
    select,
    table,
    update,
)
from sqlalchemy.engine import Connection

from storage.schema import alembic_version

if TYPE_CHECKING:  # Alembic is imported only when an upgrade runs: it costs ~0.2 s at start-up
    from alembic.operations import Operations


def _rev_0001_initial(op: Operations) -> None:
    op.create_table(
        "proposals",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("uuid", String(64), nullable=False, unique=True),
        Column("version", Integer, nullable=False),
        Column("title_ko", Text, nullable=False),
        Column("title_en", Text, nullable=False),
        Column("type", String(32), nullable=False),
        Column("lead_region", String(16), nullable=False),
        Column("created_at", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
    )
    op.create_table(
        "working_copies",
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), primary_key=True),
        Column("body", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("saved_at", DateTime, nullable=False),
    )
    op.create_table(
        "snapshots",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False),
        Column("name", Text, nullable=False),
        Column("created_at", DateTime, nullable=False),
        Column("version", Integer, nullable=False),
        Column("body", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
    )
    op.create_index("ix_snapshots_proposal_pk", "snapshots", ["proposal_pk"])


def _rev_0002_call_and_imports(op: Operations) -> None:
    """The call as a searchable column (filled in from each working copy) and the import audit."""
    op.add_column("proposals", Column("call", String(64), nullable=False, server_default=""))
    conn = op.get_bind()
    props = table("proposals", column("pk", Integer), column("call", String))
    copies = table("working_copies", column("proposal_pk", Integer), column("body", Text))
    for pk, body in conn.execute(select(copies.c.proposal_pk, copies.c.body)).all():
        try:
            call = str(json.loads(body).get("call", ""))[:64]
        except (ValueError, AttributeError):
            call = ""
        conn.execute(update(props).where(props.c.pk == pk).values(call=call))
    op.create_table(
        "imports",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="SET NULL"), nullable=True),
        Column("uuid", String(64), nullable=False),
        Column("file", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("imported_at", DateTime, nullable=False),
    )
    op.create_index("ix_imports_proposal_pk", "imports", ["proposal_pk"])


def _rev_0003_partner_copies(op: Operations) -> None:
    """The copies sent to partners: each keeps the exact proposal it was sent from (the base of the
    three-way merge when the copy comes back), found by the fingerprint the copy carries."""
    op.create_table(
        "partner_copies",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False),
        Column("partner", Text, nullable=False),
        Column("file", Text, nullable=False),
        Column("sent_at", DateTime, nullable=False),
        Column("body", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
    )
    op.create_index("ix_partner_copies_proposal_pk", "partner_copies", ["proposal_pk"])
    op.create_index("ix_partner_copies_fingerprint", "partner_copies", ["fingerprint"])


def _rev_0004_merged_copies(op: Operations) -> None:
    """The partners' copies merged into each proposal, by the fingerprint of the file as it came
    back: the same copy imported or merged again is recognised as merged already, not asked again.
    Written with batch operations, so it runs the same on SQLite (which rebuilds a table to alter
    it) and on a server."""
    op.create_table(
        "merged_copies",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("partner", Text, nullable=False),
        Column("merged_at", DateTime, nullable=False),
    )
    with op.batch_alter_table("merged_copies") as batch:
        batch.create_index("ix_merged_copies_proposal_pk", ["proposal_pk"])
        batch.create_index("ix_merged_copies_fingerprint", ["fingerprint"])


def _rev_0005_proposal_versions(op: Operations) -> None:
    """Each saved version of a proposal, with who saved it and when (``db history``). A proposal
    already in the database starts with its current version, saved by someone not recorded.
    Batch operations, so it runs the same on SQLite and on a server."""
    op.create_table(
        "proposal_versions",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("proposal_pk", Integer, ForeignKey("proposals.pk", ondelete="CASCADE"), nullable=False),
        Column("version", Integer, nullable=False),
        Column("body", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("saved_by", Text, nullable=False),
        Column("saved_at", DateTime, nullable=False),
    )
    with op.batch_alter_table("proposal_versions") as batch:
        batch.create_index("ix_proposal_versions_proposal_pk", ["proposal_pk"])
    props = table("proposals", column("pk", Integer), column("version", Integer))
    copies = table("working_copies", column("proposal_pk", Integer), column("body", Text),
                   column("fingerprint", String), column("saved_at", DateTime))
    versions = table("proposal_versions", column("proposal_pk", Integer), column("version", Integer),
                     column("body", Text), column("fingerprint", String), column("saved_by", Text),
                     column("saved_at", DateTime))
    op.get_bind().execute(insert(versions).from_select(
        ["proposal_pk", "version", "body", "fingerprint", "saved_by", "saved_at"],
        select(props.c.pk, props.c.version, copies.c.body, copies.c.fingerprint, literal(""), copies.c.saved_at)
        .join(copies, copies.c.proposal_pk == props.c.pk)))


def _rev_0006_deleted_proposals(op: Operations) -> None:
    """Deleted proposals kept to be restored, in the database, so that on a server any official
    of the team may restore what another deleted (a file's are kept in a folder beside it, as
    before). ``kept`` holds what the folder's file would: the working copy, version, snapshots and
    sent copies, as JSON. Batch operations, so it runs the same on SQLite and on a server."""
    op.create_table(
        "deleted_proposals",
        Column("pk", Integer, primary_key=True, autoincrement=True),
        Column("uuid", String(64), nullable=False),
        Column("title_ko", Text, nullable=False),
        Column("title_en", Text, nullable=False),
        Column("deleted_by", Text, nullable=False),
        Column("deleted_at", DateTime, nullable=False),
        Column("kept", Text, nullable=False),
    )
    with op.batch_alter_table("deleted_proposals") as batch:
        batch.create_index("ix_deleted_proposals_deleted_at", ["deleted_at"])


#: Every revision, oldest first. Append new ones; never edit or reorder a released one.
REVISIONS: list[tuple[str, Callable[[Operations], None]]] = [
    ("0001_initial", _rev_0001_initial),
    ("0002_call_and_imports", _rev_0002_call_and_imports),
    ("0003_partner_copies", _rev_0003_partner_copies),
    ("0004_merged_copies", _rev_0004_merged_copies),
    ("0005_proposal_versions", _rev_0005_proposal_versions),
    ("0006_deleted_proposals", _rev_0006_deleted_proposals),
]


def head() -> str:
    return REVISIONS[-1][0]


def known(revision: str) -> bool:
    return any(rev == revision for rev, _fn in REVISIONS)


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in Alembic's own ``alembic_version`` table (None: not versioned)."""
    if not inspect(conn).has_table(alembic_version.name):
        return None
    return conn.execute(select(alembic_version.c.version_num)).scalars().first()


def has_tables(conn: Connection) -> bool:
    return bool(inspect(conn).get_table_names())


def pending(revision: str | None) -> list[str]:
    """The revisions still to run on a file at ``revision`` (None: an empty file)."""
    names = [rev for rev, _fn in REVISIONS]
    start = 0 if revision is None else names.index(revision) + 1
    return names[start:]


def upgrade(conn: Connection, target: str | None = None) -> list[str]:
    """Run the missing revisions on ``conn`` inside its current transaction; return those run.

    The version is written last, in the same transaction, so it is recorded only if every step
    succeeded. The caller commits.
    """
    before = current_revision(conn)
    todo = pending(before)
    if target is not None:
        todo = todo[: todo.index(target) + 1] if target in todo else []
    if not todo:
        return []
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    op = Operations(MigrationContext.configure(conn))
    steps = dict(REVISIONS)
    for rev in todo:
        steps[rev](op)
    if before is None:
        alembic_version.create(conn, checkfirst=True)
    conn.execute(delete(alembic_version))
    conn.execute(insert(alembic_version).values(version_num=todo[-1]))
    return todo
