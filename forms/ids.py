"""Record ids: every record of a proposal (organisation, budget line, roadmap stage, and every
record type added later) carries an ``id`` that stays with it when rows are inserted, deleted or
sorted, and is kept in the exchange file (from format_version 2 on).

A record made in the window gets a fresh id (:func:`new_id`). A record read from a version-1 file,
which had no ids, gets one derived from the proposal's id, the record's collection and its
position (:func:`derived_id`), so importing the same version-1 file twice gives the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
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


def find(records: Iterable[HasId], record_id: str) -> tuple[int, HasId] | None:
    """The position and record with ``record_id``, or None."""
    for index, record in enumerate(records):
        if record.id == record_id:
            return index, record
    return None
