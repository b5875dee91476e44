"""A copy of the proposal that follows its edits without copying it whole each time.

The window hands the proposal to the autosaver after edits; a whole copy of a large proposal takes
milliseconds, on the thread that shows the typing. :func:`refreshed` makes the next copy from the
last one and the paths edited since: only the records and containers on those paths are new; the
rest is shared with the last copy. Neither copy is ever changed afterwards (a copy is read by
the autosaver's thread), so sharing their parts is safe.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from forms.fieldpath import FieldPath, RecordId, Step
from forms.model import Proposal

_MISSING = object()


def _child(obj: object, step: Step) -> object:
    if isinstance(step, RecordId):  # a path by row holds none
        return _MISSING
    try:
        if isinstance(step, int):
            return obj[step] if 0 <= step < len(obj) else _MISSING  # type: ignore[arg-type,index]  # by duck typing
        if isinstance(obj, dict):
            return obj.get(step, _MISSING)
        return getattr(obj, step, _MISSING)
    except TypeError:
        return _MISSING


def _put(obj: object, step: Step, value: object) -> None:
    if isinstance(step, int) or isinstance(obj, dict):
        obj[step] = value  # type: ignore[index]  # by duck typing
    elif isinstance(step, str):
        setattr(obj, step, value)


def _alike(ours: object, theirs: object) -> bool:
    """Whether the copy's ``ours`` stands where the proposal's ``theirs`` does: the same kind of
    thing, a list as long, the same record (by id)."""
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, list):
        return len(ours) == len(theirs)  # type: ignore[arg-type]  # the same type, as checked
    return getattr(ours, "id", None) == getattr(theirs, "id", None)


def refreshed(last: Proposal, live: Proposal, paths: Iterable[FieldPath]) -> Proposal:
    """A copy of ``live``, given ``last`` (a copy of it before the edits at ``paths``, which it
    does not change). Each edited field is copied from ``live`` with the containers that lead to it;
    where the copy's shape differs from the proposal's on the way (rows added or removed), the
    proposal's part is copied there whole."""
    root = copy.copy(last)
    fresh = {id(root)}
    edited = sorted({p for p in paths if p.steps}, key=lambda p: len(p.steps))
    done: list[FieldPath] = []
    for path in edited:
        if any(path.within(d) for d in done):
            continue  # within a part copied whole already
        done.append(path)
        try:
            steps = path.by_row(live).steps
        except (LookupError, AttributeError, ValueError, TypeError):  # that record is gone since: its list is copied
            steps = path.steps[:1]
        ours: object = root
        theirs: object = live
        above: tuple[object, Step] | None = None  # the copy's container of ``ours``, and the step to it
        for i, step in enumerate(steps):
            new = _child(theirs, step)
            if new is _MISSING:  # the edit's field is gone since: the part that held it is copied whole
                if above is not None:
                    _put(above[0], above[1], copy.deepcopy(theirs))
                break
            old = _child(ours, step)
            if i == len(steps) - 1 or old is _MISSING or not _alike(old, new):
                _put(ours, step, copy.deepcopy(new))
                break
            if id(old) not in fresh:
                old = copy.copy(old)
                fresh.add(id(old))
                _put(ours, step, old)
            above = (ours, step)
            ours, theirs = old, new
    return root
