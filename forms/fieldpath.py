"""Field paths: where a value lives in a proposal, written as the exchange file's keys.

``title.ko``, ``plan.summary.en``, ``organisations[1].name.ko``, ``budget.lines[3].amount_krw``,
``roadmap[id=1c9e…].goal.ko``. The model's attribute names are the file's keys, so one path names
the same field in the file, in the model, in a finding, in an undo command and in a difference.

A step into a list is either a row (``[3]``, counted from 0: what findings and people see) or a
record's id (``[id=…]``: what stays true when rows are inserted, deleted or sorted). ``by_id`` and
``by_row`` turn one into the other against a proposal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from forms import ids


@dataclass(frozen=True)
class RecordId:
    """A step into a list by the id of the record. ``row`` is where the record was when the step
    was made: a hint that spares a search while it is still true, never part of the step's identity."""

    value: str
    row: int | None = field(default=None, compare=False, hash=False, repr=False)

    def __init__(self, value: str, row: int | None = None) -> None:
        # set once, as the dataclass's own __init__ would, without its two object.__setattr__
        # calls: a check makes one step per finding on a record (thousands for a large budget)
        fields = self.__dict__
        fields["value"] = value
        fields["row"] = row


Step = str | int | RecordId

_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[id=([^\]]+)\]")


@dataclass(frozen=True)
class FieldPath:
    steps: tuple[Step, ...] = ()

    def __init__(self, steps: tuple[Step, ...] = ()) -> None:
        self.__dict__["steps"] = steps  # set once (frozen), as for RecordId

    # --- text ------------------------------------------------------------------------------
    @staticmethod
    def parse(text: str | FieldPath) -> FieldPath:
        """``budget.lines[3].amount_krw`` → its steps. Raises ``ValueError`` for anything else."""
        if isinstance(text, FieldPath):
            return text
        return _parse(text)

    def __str__(self) -> str:
        out = []
        for step in self.steps:
            if isinstance(step, RecordId):
                out.append(f"[id={step.value}]")
            elif isinstance(step, int):
                out.append(f"[{step}]")
            else:
                out.append(("." if out else "") + step)
        return "".join(out)

    # --- shape -----------------------------------------------------------------------------
    @property
    def head(self) -> str:
        """The first key (``budget`` of ``budget.lines[3]``); "" for the whole proposal."""
        return self.steps[0] if self.steps and isinstance(self.steps[0], str) else ""

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @property
    def parent(self) -> FieldPath:
        return FieldPath(self.steps[:-1])

    def child(self, *steps: Step) -> FieldPath:
        return FieldPath(self.steps + steps)

    def at(self, records: Sequence[object], index: int) -> FieldPath:
        """The record ``records[index]`` of the list at this path, by its id when the id names it
        alone (a path that stays true when rows are inserted above it), by its row otherwise
        (a record whose id is empty or shared, a list of plain values)."""
        rid = getattr(records[index], "id", None)
        if isinstance(rid, str) and rid:
            found = ids.find(records, rid)  # type: ignore[arg-type]  # a record with an id, as the check above says
            if found is not None and found[0] == index:
                return self.child(RecordId(rid, index))
        return self.child(index)

    def within(self, other: FieldPath | str) -> bool:
        """Whether this path is ``other`` or lies inside it (``budget.lines[2].year`` lies within
        ``budget.lines[2]``, ``budget.lines`` and ``budget``; not within ``budget.lines[20]``)."""
        other = FieldPath.parse(other)
        return self.steps[: len(other.steps)] == other.steps

    def prefixes(self) -> list[FieldPath]:
        """The paths this one lies within, itself included, the shortest first and the empty path
        left out (``budget.lines[id=x].org`` → ``budget``, ``budget.lines``, ``budget.lines[id=x]``, itself)."""
        return [FieldPath(self.steps[:n]) for n in range(1, len(self.steps) + 1)]

    def row(self, collection: FieldPath | str) -> int | None:
        """The row this path names in the list at ``collection`` (``budget.lines[3].year`` → 3)."""
        collection = FieldPath.parse(collection)
        n = len(collection.steps)
        step = self.steps[n] if len(self.steps) > n and self.within(collection) else None
        return step if isinstance(step, int) else None

    def after(self, prefix: FieldPath | str) -> FieldPath:
        """What follows ``prefix`` (``budget.lines[3].amount_krw`` after ``budget.lines[3]``:
        ``amount_krw``). Only for a path within ``prefix``."""
        return FieldPath(self.steps[len(FieldPath.parse(prefix).steps):])

    # --- against a proposal ----------------------------------------------------------------
    def get(self, root: object) -> object:
        """The value at this path. Raises ``LookupError`` (``KeyError``, ``IndexError``) or
        ``AttributeError`` if the path names nothing."""
        _make_section(root, self)
        obj = root
        for step in self.steps:
            obj = _step(obj, step)
        return obj

    def set(self, root: object, value: object) -> None:
        """Put ``value`` at this path (a plan section that does not exist yet is made)."""
        if not self.steps:
            raise ValueError("the empty path names the whole proposal")
        _make_section(root, self)
        obj = self.parent.get(root)
        last = self.steps[-1]
        if isinstance(last, RecordId):
            last = _index_of(obj, last)
        if isinstance(last, int) or isinstance(obj, dict):
            obj[last] = value  # type: ignore[index]  # the path walks the model by duck typing
        else:
            setattr(obj, last, value)

    def record(self, root: object) -> object | None:
        """The innermost record (an element of a list of records) this path goes through, or None."""
        obj, found = root, None
        for step in self.steps:
            obj = _step(obj, step)
            if isinstance(step, (int, RecordId)) and hasattr(obj, "id"):
                found = obj
        return found

    def by_id(self, root: object) -> FieldPath:
        """The same field with each row of a list of records written as the record's id: a path
        that still names the same field after rows are inserted, deleted or sorted."""
        out: list[Step] = []
        obj = root
        for step in self.steps:
            nxt = _step(obj, step)
            record_id = getattr(nxt, "id", None)
            out.append(RecordId(record_id) if isinstance(step, int) and isinstance(record_id, str) else step)
            obj = nxt
        return FieldPath(tuple(out))

    def by_hint(self) -> FieldPath | None:
        """This path with each record id written as the row it was at when the step was made (see
        :meth:`at`), or None if a step has no row. Only as true as the hints: for a path made
        moments ago against a proposal that has not changed since (a check's finding)."""
        out: list[Step] = []
        append = out.append  # once per finding of a check: kept short
        for step in self.steps:
            if type(step) is RecordId:
                row = step.row
                if row is None:
                    return None
                append(row)
            else:
                append(step)
        return FieldPath(tuple(out))

    def by_row(self, root: object) -> FieldPath:
        """The same field with each record id written as its row (what people and findings see)."""
        ids_at = [i for i, step in enumerate(self.steps) if isinstance(step, RecordId)]
        if not ids_at:
            return self
        out: list[Step] = []
        obj = root
        for step in self.steps[: ids_at[-1] + 1]:  # the keys after the last record need no walk
            if isinstance(step, RecordId):
                row = _index_of(obj, step)
                out.append(row)
                obj = obj[row]  # type: ignore[index]  # the path walks the model by duck typing
            else:
                out.append(step)
                obj = _step(obj, step)
        return FieldPath(tuple(out) + self.steps[ids_at[-1] + 1:])


@lru_cache(maxsize=4096)
def _parse(text: str) -> FieldPath:
    steps: list[Step] = []
    pos = 0
    while pos < len(text):
        m = _STEP.match(text, pos)
        if m is None or (m.group(1) is not None and (text[pos] == ".") != bool(steps)):
            raise ValueError(f"not a field path: {text!r}")
        name, index, record_id = m.groups()
        steps.append(name if name is not None else int(index) if index is not None else RecordId(record_id))
        pos = m.end()
    return FieldPath(tuple(steps))


def _make_section(root: object, p: FieldPath) -> None:
    """A plan section the proposal holds no text for yet is an empty text, not a missing field."""
    if p.head == "plan" and len(p.steps) > 1 and isinstance(p.steps[1], str) and hasattr(root, "section"):
        root.section(p.steps[1])


def _index_of(records: object, step: RecordId) -> int:
    row = step.row
    if row is not None and 0 <= row < len(records) and getattr(records[row], "id", None) == step.value:  # type: ignore[arg-type,index]  # the path walks the model by duck typing
        return row
    found = ids.find(records, step.value)  # type: ignore[arg-type]  # the path walks the model by duck typing
    if found is None:
        raise KeyError(step.value)
    return found[0]


def _step(obj: object, step: Step) -> object:
    if isinstance(step, RecordId):
        return obj[_index_of(obj, step)]  # type: ignore[index]  # the path walks the model by duck typing
    if isinstance(step, int):
        if step < 0:
            raise IndexError(step)
        return obj[step]  # type: ignore[index]  # the path walks the model by duck typing
    if isinstance(obj, dict):
        return obj[step]
    return getattr(obj, step)


def path(text: str | FieldPath) -> FieldPath:
    """Shorthand for :meth:`FieldPath.parse`."""
    return FieldPath.parse(text)


ROOT = FieldPath()
TYPE = FieldPath(("type",))
CALL = FieldPath(("call",))
LEAD_REGION = FieldPath(("lead_region",))
TITLE = FieldPath(("title",))
DATE = FieldPath(("date",))
#: The lists of records the pages show, by the paths findings use.
ORGANISATIONS = FieldPath(("organisations",))
PARTNER_REGIONS = FieldPath(("partner_regions",))
PLAN = FieldPath(("plan",))
ROADMAP = FieldPath(("roadmap",))
BUDGET = FieldPath(("budget",))
BUDGET_LINES = FieldPath(("budget", "lines"))
RESEARCHERS = FieldPath(("researchers",))
INDICATORS = FieldPath(("indicators",))
TASKS = FieldPath(("tasks",))
DELIVERABLES = FieldPath(("deliverables",))
EQUIPMENT = FieldPath(("equipment",))
ATTACHMENTS = FieldPath(("attachments",))
