"""A statement run straight on a store's database, outside the app's methods (as another program
would), the same way on a file and on a server."""

from __future__ import annotations

from sqlalchemy import text


def sql(store, statement: str, **params: object) -> list[tuple]:
    with store._engine.connect() as conn, conn.begin():
        result = conn.execute(text(statement), params)
        return [tuple(r) for r in result] if result.returns_rows else []
