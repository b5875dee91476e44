"""The three versions a merge reads (base, ours, theirs: exchange forms, ``forms.files.exchange.to_dict``)
and what a :class:`~forms.fieldpath.FieldPath` leads to in each: a value, :data:`MISSING` when it
is not there, a record's row, a record's text. Merge paths name a record by its id (``RecordId``)
and a key by its name, never a row: a row is only how a path is shown to people (:meth:`Versions.rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Final

from forms.fieldpath import FieldPath, RecordId, Step


class _Missing(Enum):
    """A value absent from one version: a key not there, a record deleted. One member, so that
    ``value is MISSING`` is the same test after a copy, and the type checker narrows by it."""

    MISSING = "missing"

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing.MISSING

#: Keys about the file rather than the proposal: never merged, ours' value is kept.
META_KEYS = frozenset({"format", "format_version", "sent_copy", "stored_version"})

OURS, THEIRS = "ours", "theirs"
SIDES = (OURS, THEIRS)


@dataclass(frozen=True, eq=False)
class Versions:
    """The three versions of a merge, kept with its conflicts to name for people what a conflict
    refers to: an organisation by its name, a record by its row. ``sides()`` is the order a name or
    a row is looked for in: ours, else the others."""

    base: Mapping
    ours: Mapping
    theirs: Mapping

    def sides(self, order: tuple[str, ...] = (OURS, "base", THEIRS)) -> list[Mapping]:
        docs = {"base": self.base, OURS: self.ours, THEIRS: self.theirs}
        return [docs[side] for side in order]

    def rows(self, path: FieldPath) -> FieldPath | None:
        """``path`` with each record written as its row in ours, else in theirs, else in the base:
        in the first version that holds every record on the path; None if none does."""
        for doc in self.sides((OURS, THEIRS, "base")):
            rows = _rows(path, doc)
            if rows is not None:
                return FieldPath(rows)
        return None

    def records(self, path: FieldPath) -> list[list[Mapping]]:
        """For each record on ``path``, that record in every version holding it (ours first)."""
        found: list[list[Mapping]] = [[] for s in path.steps if isinstance(s, RecordId)]
        for doc in self.sides():
            for i, rec in enumerate(_records_on(path, doc)):
                if rec is not None:
                    found[i].append(rec)
        return found

    def record_text(self, collection: str, rid: str, key: str, lang: str) -> str:
        """The text ``key`` (``name``) of the record ``rid`` of ``collection`` (``organisations``) in
        ``lang``, from ours, else the base, else theirs; then in the other language; "" if the record
        is in none of them or has no such text."""
        recs = [r for doc in self.sides() for r in records_in(doc.get(collection)) if r.get("id") == rid]
        return text_of(recs, key, lang)

    def day(self) -> dt.date:
        """The proposal's own date (ours', else the others'): the day region names are read at."""
        return self._day

    @cached_property
    def _day(self) -> dt.date:
        for doc in self.sides():
            try:
                return dt.date.fromisoformat(str(doc.get("date")))
            except ValueError:
                continue
        return dt.date.today()


def records_in(value: object) -> list[Mapping]:
    """The records (mappings) of a list; [] for anything that is not a list."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def list_at(doc: Mapping, keys: tuple[str, ...]) -> list:
    """The list at ``keys`` (``("budget", "lines")``) in ``doc``; [] when there is none."""
    obj: object = doc
    for step in keys:
        obj = obj.get(step) if isinstance(obj, Mapping) else None
    return obj if isinstance(obj, list) else []


def ids_at(doc: Mapping, keys: tuple[str, ...]) -> set:
    return {r.get("id") for r in list_at(doc, keys) if isinstance(r, Mapping)}


def _walk(path: FieldPath, doc: Mapping) -> Iterator[tuple[Step, object]]:
    """Each step of ``path`` with what it leads to in ``doc`` (:data:`MISSING` once lost)."""
    obj: object = doc
    for step in path.steps:
        if isinstance(step, RecordId):
            obj = next((r for r in records_in(obj) if r.get("id") == step.value), MISSING)
        else:
            obj = obj.get(step, MISSING) if isinstance(obj, Mapping) else MISSING
        yield step, obj


def _rows(path: FieldPath, doc: Mapping) -> tuple | None:
    """``path``'s steps with each record as its row in ``doc``; None if a record on it is not there."""
    out: list = []
    parent: object = doc
    for step, obj in _walk(path, doc):
        if isinstance(step, RecordId):
            if obj is MISSING:
                return None
            assert isinstance(parent, list)  # a record's id steps into a list of records
            out.append(next(i for i, r in enumerate(parent) if r is obj))
        else:
            out.append(step)
        parent = obj
    return tuple(out)


def _records_on(path: FieldPath, doc: Mapping) -> list[Mapping | None]:
    return [obj if isinstance(obj, Mapping) else None for step, obj in _walk(path, doc)
            if isinstance(step, RecordId)]


def text_of(records: list[Mapping], key: str, lang: str) -> str:
    """The first text ``key`` of ``records`` in ``lang``, else the first in the other language."""
    values = [r.get(key) for r in records]
    for want in (lang, "en" if lang == "ko" else "ko"):
        for value in values:
            if isinstance(value, Mapping) and isinstance(value.get(want), str) and value[want].strip():
                return value[want]
    for value in values:
        if isinstance(value, str) and value.strip():
            return value
    return ""
