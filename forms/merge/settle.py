"""What a merged file must hold: references that lead somewhere, lists within their limits.

After the walk, a record deleted on one side that the merged records still name (a task a
deliverable names, an organisation a budget line is for), and a list longer together than the file
allows, are conflicts; each settled one is carried out consistently (the record kept, or what names
it removed with it; the records the other side added to the list left out), and an undecided one
stays in the merged document as ours has it, listed among the conflicts.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping

from forms.fieldpath import FieldPath, RecordId
from forms.merge.conflicts import Conflict, Decisions, Kind
from forms.merge.versions import MISSING, OURS, Versions, ids_at, list_at

#: The fields of records that name another record by its id: (the list of the referring records,
#: its field) → the list of the records named.
REFERENCES: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = {
    (("budget", "lines"), "org"): ("organisations",),
    (("researchers",), "org"): ("organisations",),
    (("tasks",), "org"): ("organisations",),
    (("equipment",), "org"): ("organisations",),
    (("deliverables",), "task"): ("tasks",),
}

#: How many times a merge looks again for a reference or a limit its last settlement broke.
_SETTLE_ROUNDS = 50


def settle(merged: dict, versions: Versions, decisions: Decisions) -> None:
    """Make ``merged`` a file the app reads (see the module's text), deciding each conflict met
    with ``decisions``."""
    broken = _Broken(versions)
    settled: set[str] = set()
    for _round in range(_SETTLE_ROUNDS):
        changed = False
        for (target, rid), refs in _dangling(merged).items():
            key = str(FieldPath(target).child(RecordId(rid)))
            if key in settled:
                continue
            refs = [(where, ref) for where, ref in refs if ref not in broken(where, target)]
            if not refs:
                continue
            side = decisions.side_of(key) if decisions.met(key) else _referenced(versions, decisions, target,
                                                                                   rid, refs)
            if side is None:
                settled.add(key)
                continue
            doc = versions.ours if side == OURS else versions.theirs
            record = next((r for r in list_at(doc, target) if r.get("id") == rid), None)
            if record is not None:
                _restore(merged, target, record, list_at(doc, target))
            else:
                for where in {w for w, _ref in refs}:
                    _remove(merged, where, {ref for w, ref in refs if w == where})
            changed = True
        for path, _limit in _over_limit(merged):
            key = str(FieldPath(path))
            if key in settled:
                continue
            side = decisions.side_of(key) if decisions.met(key) else _over(versions, decisions, path)
            settled.add(key)
            if side is None:
                continue
            mine, other = (versions.ours, versions.theirs)[:: 1 if side == OURS else -1]
            added = ids_at(other, path) - ids_at(mine, path) - ids_at(versions.base, path)
            _remove(merged, path, added)
            if any(p == path for p, _l in _over_limit(merged)):
                holder: dict = merged
                for step in path[:-1]:
                    holder = holder[step]
                holder[path[-1]] = copy.deepcopy(list_at(mine, path))
            changed = True
        if not changed:
            return


class _Broken:
    """The records of a list already naming a missing record in ours or theirs (a version's own
    unfinished state: not the merge's doing), found once per list, not once per record."""

    def __init__(self, versions: Versions) -> None:
        self.versions = versions
        self.found: dict[tuple, set] = {}

    def __call__(self, where: tuple[str, ...], target: tuple[str, ...]) -> set:
        if (where, target) not in self.found:
            key = next(key for (w, key), t in REFERENCES.items() if w == where and t == target)
            self.found[where, target] = (_broken_in(self.versions.ours, where, key, target)
                                         | _broken_in(self.versions.theirs, where, key, target))
        return self.found[where, target]


def _referenced(versions: Versions, decisions: Decisions, target: tuple[str, ...], rid: str,
                refs: list) -> str | None:
    found = [next((r for r in list_at(doc, target) if r.get("id") == rid), MISSING)
             for doc in (versions.base, versions.ours, versions.theirs)]
    used_by = tuple(FieldPath(where).child(RecordId(ref)) for where, ref in refs)
    base, ours, theirs = found
    kept = next((v for v in (ours, theirs, base) if v is not MISSING), None)
    return decisions.decide(Conflict(FieldPath(target).child(RecordId(rid)), Kind.REFERENCED, base, ours, theirs,
                                     used_by=used_by, record=kept))


def _over(versions: Versions, decisions: Decisions, path: tuple[str, ...]) -> str | None:
    base, ours, theirs = (len(list_at(doc, path)) for doc in (versions.base, versions.ours, versions.theirs))
    return decisions.decide(Conflict(FieldPath(path), Kind.LIMIT, base, ours, theirs))


def _dangling(doc: Mapping) -> dict[tuple, list[tuple[tuple[str, ...], str]]]:
    """The records ``doc`` refers to and does not hold: (target list, id) → the referring records
    (their list and id), in document order."""
    out: dict[tuple, list] = {}
    for (where, key), target in REFERENCES.items():
        known = ids_at(doc, target)
        for r in list_at(doc, where):
            value = r.get(key) if isinstance(r, Mapping) else None
            if isinstance(value, str) and value and value not in known:
                out.setdefault((target, value), []).append((where, r.get("id")))
    return out


def _broken_in(doc: Mapping, where: tuple[str, ...], key: str, target: tuple[str, ...]) -> set:
    """The records of ``where`` that refer, in ``doc`` itself, to a record ``doc`` does not hold
    either, by id."""
    known = ids_at(doc, target)
    return {r.get("id") for r in list_at(doc, where) if isinstance(r, Mapping) and r.get(key) not in known}


def _over_limit(doc: Mapping) -> Iterator[tuple[tuple[str, ...], int]]:
    from forms.files.exchange import LIST_LIMITS

    for path, limit in LIST_LIMITS.items():
        if len(path) == 3:  # per record of a list (a budget line's justification rows)
            continue
        if len(list_at(doc, path)) > limit:
            yield path, limit


def _remove(doc: dict, path: tuple[str, ...], drop: set) -> None:
    holder: dict = doc
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = [r for r in holder[path[-1]] if not (isinstance(r, Mapping) and r.get("id") in drop)]


def _restore(doc: dict, path: tuple[str, ...], record: Mapping, source: list) -> None:
    """Put ``record`` back into the list at ``path`` after the nearest record before it in
    ``source`` (the version it comes from) that the list holds, else first."""
    holder: dict = doc
    for step in path[:-1]:
        holder = holder.setdefault(step, {})
    items = holder.setdefault(path[-1], [])
    at = next(i for i, r in enumerate(source) if r.get("id") == record.get("id"))
    present = {r.get("id"): i for i, r in enumerate(items) if isinstance(r, Mapping)}
    for earlier in reversed(source[:at]):
        if earlier.get("id") in present:
            items.insert(present[earlier.get("id")] + 1, copy.deepcopy(record))
            return
    items.insert(0, copy.deepcopy(record))
