"""A conflict of a merge: where the two sides disagree, what kind of disagreement it is, the three
values there, and how people read it — its stable ``key`` (``budget.lines[id=…].amount_krw``), the
path by rows (``budget.lines[3].amount_krw``, as findings show paths), :func:`where` (the record's
name and the field) and its values (:func:`~forms.merge.names.shown`). :class:`Decisions` records
each conflict met and the side taken for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from forms import labels
from forms.base.i18n import N_, translate
from forms.fieldpath import FieldPath, RecordId
from forms.merge.names import record_name, section_title, shown
from forms.merge.versions import MISSING, OURS, SIDES, THEIRS, Versions


class Kind(StrEnum):
    CHANGED = "changed"  # both sides changed the same value differently
    ADDED = "added"  # both sides added the same key or record id with different content
    DELETED = "deleted"  # deleted on one side, changed on the other
    REFERENCED = "referenced"  # deleted on one side, referred to by what the other side added or changed
    TEXT = "text"  # both sides changed the same paragraph(s) of a text
    LIMIT = "limit"  # the two sides' records together are more than the file holds


KIND_LABELS = {
    Kind.CHANGED: N_("changed on both sides"),
    Kind.ADDED: N_("added on both sides"),
    Kind.DELETED: N_("deleted on one side, changed on the other"),
    Kind.REFERENCED: N_("deleted on one side, still used on the other"),
    Kind.TEXT: N_("the same paragraph edited on both sides"),
    Kind.LIMIT: N_("more entries together than a proposal file holds"),
}


@dataclass(frozen=True)
class Conflict:
    """One place the two sides disagree. ``base``/``ours``/``theirs`` are the values there
    (:data:`MISSING` when absent); for a text, the conflicting paragraphs joined."""

    path: FieldPath
    kind: Kind
    base: object
    ours: object
    theirs: object
    #: For a text: the number of this conflict among the text's conflicts (from 1).
    hunk: int = 0
    #: For a text: the first paragraph (from 1) of the conflict in ours.
    paragraph: int = 0
    #: For a deleted record still referred to: the paths of the records referring to it.
    used_by: tuple[FieldPath, ...] = ()
    #: The record the path lies in, as in ours (else theirs, else base): to name it for people.
    record: Mapping | None = None
    #: The three versions merged (set by :class:`Decisions`): to name records and rows for people.
    versions: Versions | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The stable path, unique among a merge's conflicts: the key of ``choices``."""
        where = str(self.path)
        return f"{where}#{self.hunk}" if self.hunk else where

    @property
    def shown_path(self) -> str:
        """The path as people read it: each record as its row (``budget.lines[3].amount_krw``, as
        findings show paths) in ours, else in the version that holds it."""
        return _shown_path(self.path, self.versions)

    @property
    def refs(self) -> tuple[str, ...]:
        """The stable paths of the records referring to a deleted record."""
        return tuple(str(p) for p in self.used_by)

    @property
    def shown_refs(self) -> tuple[str, ...]:
        """The same, as people read them (rows)."""
        return tuple(_shown_path(p, self.versions) for p in self.used_by)

    def describe(self, lang: str) -> str:
        return translate(KIND_LABELS[self.kind], lang)

    def record_name(self, lang: str) -> str:
        """The name or title of the record the conflict is in, in ``lang`` (after the name of the
        record holding it, for a justification row); a record without one (a budget line) by its
        year, organisation, category, source and paying region (``2023, 포항공과대학교 산학협력단,
        인건비, 국비``); or "". Names are taken from ours, else the base, else theirs."""
        if self.versions is None:
            return record_name([self.record], lang, None) if self.record else ""
        names = [record_name(recs, lang, self.versions) for recs in self.versions.records(self.path) if recs]
        return " · ".join(n for n in names if n)

    def value(self, side: str) -> object:
        return {"base": self.base, OURS: self.ours, THEIRS: self.theirs}[side]

    def shown_value(self, side: str, lang: str) -> str:
        """The value on ``side`` as people read it (see :func:`~forms.merge.names.shown`)."""
        return shown(self.value(side), lang, self.path.last, self.versions)

    def as_dict(self, lang: str) -> dict:
        out: dict = {"path": self.key, "shown_path": self.shown_path, "kind": self.kind.value,
                     "what": self.describe(lang)}
        name = self.record_name(lang)
        if name:
            out["record"] = name
        if self.paragraph:
            out["paragraph"] = self.paragraph
        for side in ("base", OURS, THEIRS):
            v = self.value(side)
            out[side] = None if v is MISSING else v
        absent = [side for side in ("base", OURS, THEIRS) if self.value(side) is MISSING]
        if absent:
            out["absent"] = absent
        if self.used_by:
            out["used_by"] = list(self.refs)
            out["shown_used_by"] = list(self.shown_refs)
        return out


def _shown_path(path: FieldPath, versions: Versions | None) -> str:
    rows = versions.rows(path) if versions is not None else None
    return str(path if rows is None else rows)


def where(c: Conflict, lang: str) -> str:
    """Where a conflict is, for people: the record's name and the field, or the section of the plan
    and its language, or the path."""
    steps = [s for s in c.path.steps if isinstance(s, str)]
    name = c.record_name(lang)
    if name:
        last = max(i for i, s in enumerate(c.path.steps) if isinstance(s, RecordId))
        parts = [name, *(labels.field_word(s, lang) for s in c.path.steps[last + 1:] if isinstance(s, str))]
    elif steps == ["roadmap"]:  # the stage table as a whole (the plan's section is plan.roadmap)
        parts = [translate(N_("Stages of the roadmap"), lang)]
    elif len(steps) >= 2 and steps[0] == "plan" and len(c.path.steps) == len(steps):
        parts = [labels.field_word("plan", lang), section_title(steps[1], lang, c.versions),
                 *(labels.field_word(s, lang) for s in steps[2:])]
    elif len(c.path.steps) == len(steps):
        parts = [labels.field_word(s, lang) for s in steps]
    else:
        parts = [c.shown_path]
    text = " · ".join(parts)
    if c.paragraph:
        text += " · " + translate(N_("paragraph {number}"), lang, number=c.paragraph)
    return text


class Decisions:
    """The conflicts a merge met, in document order, and the side taken for each one decided:
    by ``choices`` (key → ours | theirs), else by ``take``; an undecided conflict has no side."""

    def __init__(self, versions: Versions, take: str | None, choices: Mapping[str, str]) -> None:
        self.versions = versions
        self.take = take
        self.choices = choices
        self.conflicts: list[Conflict] = []
        self.chosen: dict[str, str] = {}

    def decide(self, conflict: Conflict) -> str | None:
        """Record ``conflict``; the side taken for it, or None."""
        conflict = replace(conflict, versions=self.versions)
        self.conflicts.append(conflict)
        side = self.choices.get(conflict.key, self.take)
        if side in SIDES:
            self.chosen[conflict.key] = side
            return side
        return None

    def met(self, key: str) -> bool:
        return any(c.key == key for c in self.conflicts)

    def side_of(self, key: str) -> str | None:
        return self.chosen.get(key)
