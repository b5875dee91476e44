"""Record ids: every record of a proposal (organisation, budget line, roadmap stage, and every
record type added later) carries an ``id`` that stays with it when rows are inserted, deleted or
sorted, and is kept in the exchange file (from format_version 2 on).

A record made in the window gets a fresh id (:func:`new_id`). A record read from a version-1 file,
which had no ids, gets one derived from the proposal's id, the record's collection and its
position (:func:`derived_id`), so importing the same version-1 file twice gives the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

#: The namespace of derived ids (a fixed, arbitrary UUID: changing it changes every derived id).
_NAMESPACE = uuid.UUID("3f6c2a9e-51d4-4b7e-9a0c-7e2d81c4b5f0")

#: The longest id the exchange file accepts.
MAX_ID = 64


class HasId(Protocol):
    id: str


def new_id() -> str:
    """A fresh id for a record made now."""
    return str(uuid.uuid4())


def derived_id(proposal_id: str, collection: str, index: int) -> str:
    """The id of the ``index``-th record (from 0) of ``collection`` (its exchange-file path, such as
    ``budget.lines``) in the proposal ``proposal_id``: the same arguments always give the same id."""
    return str(uuid.uuid5(_NAMESPACE, f"{proposal_id}/{collection}/{index}"))


def derive_ids(records: Iterable[HasId], proposal_id: str, collection: str) -> None:
    """Give each record the id derived from its position (version-1 files, the samples)."""
    for index, record in enumerate(records):
        record.id = derived_id(proposal_id, collection, index)


#: While :func:`unchanged` is active: for each list looked up, the list and its first row per id.
_INDEXES: ContextVar[dict[int, tuple[list, dict[str, int]]] | None] = ContextVar("record_indexes", default=None)


@contextmanager
def unchanged() -> Iterator[None]:
    """A block in which no list of records changes (a validation, an export): :func:`find` indexes
    each list once instead of scanning it on every lookup, so naming n records by id costs O(n),
    not O(n²)."""
    token = _INDEXES.set({})
    try:
        yield
    finally:
        _INDEXES.reset(token)


def find(records: Iterable[HasId], record_id: str) -> tuple[int, HasId] | None:
    """The position and record with ``record_id`` (its first, if the id is shared), or None."""
    indexes = _INDEXES.get()
    if indexes is not None and isinstance(records, list):
        held = indexes.get(id(records))
        if held is None or held[0] is not records:
            first: dict[str, int] = {}
            for index, record in enumerate(records):
                first.setdefault(record.id, index)
            held = indexes[id(records)] = (records, first)  # the list is held, so its id() stays its own
        at = held[1].get(record_id)
        return None if at is None else (at, records[at])
    for index, record in enumerate(records):
        if record.id == record_id:
            return index, record
    return None
