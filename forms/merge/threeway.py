"""Three-way merge of a proposal: the base (the copy sent to a partner), ours (the proposal as it is
now) and theirs (the partner's copy as it came back), all in their canonical exchange form
(``forms.files.exchange.to_dict``: dicts, lists, strings, integers).

The merge is generic, so every record type the exchange file holds merges the same way:

- an object merges key by key;
- a list whose items are all objects with an ``id`` is a set of records (``records``): records are
  matched by id and merged field by field; a record added on either side is kept; one deleted on
  one side and changed on the other is a conflict; the order is ours', then the records only theirs
  added (unless ours kept the base's order untouched: then theirs' order is taken); a record one
  side deleted and the other kept stays where the side keeping it has it;
- a text of several paragraphs (lines) merges by diff3 over its paragraphs (``paragraphs``): edits
  to different paragraphs both stay, different edits of the same paragraph are a conflict;
- anything else (a number, a code, a list of region codes) merges as a whole: the side that
  changed it wins, the same change on both sides is no conflict, different changes are one.

A record deleted on one side while the other side added or changed a record that refers to its
id (budget lines given to an organisation the other side removed) is a conflict too; so is a
reference or a list limit the merged document would break (``settle``).

Every conflict has a stable ``key`` (``budget.lines[id=…].amount_krw``); a second merge with
``choices`` (key → ``ours`` | ``theirs``) or ``take`` resolves them. Unresolved conflicts keep ours'
value in the merged document, so it is always a complete proposal. How people read a conflict is
in ``conflicts`` and ``names``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from forms.base.i18n import N_, translate
from forms.fieldpath import ROOT, FieldPath, RecordId
from forms.merge.conflicts import Conflict, Decisions, Kind, where
from forms.merge.names import one_line, shown
from forms.merge.paragraphs import merge_paragraphs
from forms.merge.records import Changes, fold_amounts, keys, match_by_keys, order, record_ids, unfold_amounts
from forms.merge.settle import settle
from forms.merge.versions import META_KEYS, MISSING, OURS, THEIRS, Versions


@dataclass
class MergeResult:
    merged: dict
    #: Every conflict met, in document order, chosen or not.
    conflicts: list[Conflict] = field(default_factory=list)
    #: The side taken for each conflict that was resolved (key → ours | theirs).
    chosen: dict[str, str] = field(default_factory=dict)
    #: The three versions merged (as matched), to name what the merge changes.
    versions: Versions | None = None

    def applied(self, lang: str) -> list[str]:
        """Every change the merged document makes to ours, one line each, as people read it: where
        (as a conflict is named) and the value before → after. A conflict not chosen keeps ours'
        value, so before a choice these are the changes applied besides the conflicts."""
        if self.versions is None:
            return []
        out: list[str] = []
        for path, before, after in _differences(ROOT, self.versions.ours, self.merged):
            paragraph = 0
            if isinstance(before, str) and isinstance(after, str) and "\n" in before + after:
                paragraph, before, after = _changed_paragraphs(before, after)
            named = Conflict(path, Kind.CHANGED, MISSING, before, after, paragraph=paragraph,
                             versions=self.versions)
            last = path.last if isinstance(path.last, str) else None
            text = [one_line(shown(v, lang, last, self.versions)) for v in (before, after)]
            if before is MISSING:
                out.append(translate(N_("{place}: added ({record})"), lang, place=where(named, lang), record=text[1]))
            elif after is MISSING:
                out.append(translate(N_("{place}: removed"), lang, place=where(named, lang)))
            else:
                out.append(f"{where(named, lang)}: {text[0]} → {text[1]}")
        return out

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.key not in self.chosen]

    @property
    def clean(self) -> bool:
        return not self.unresolved


class Unrelated(ValueError):
    """The three documents are not versions of one proposal (their ids differ)."""


def merge(base: Mapping, ours: Mapping, theirs: Mapping, *, take: str | None = None,
          choices: Mapping[str, str] | None = None) -> MergeResult:
    """Merge ``theirs`` into ``ours`` against ``base``. ``choices`` decides single conflicts by key,
    ``take`` every other one; an undecided conflict keeps ours' value and stays in
    ``result.unresolved``. Raises :class:`Unrelated` when the proposals' ids differ."""
    if take not in (None, OURS, THEIRS):
        raise ValueError(f"take must be 'ours' or 'theirs', not {take!r}")
    ids = {d.get("id") for d in (base, ours, theirs)}
    if len(ids) > 1:
        raise Unrelated(sorted(str(i) for i in ids))
    base, ours, theirs = match_by_keys(base, ours, theirs)
    base, ours, theirs = fold_amounts(base), fold_amounts(ours), fold_amounts(theirs)
    m = _Merger(base, ours, theirs, take, dict(choices or {}))
    merged = {}
    for key in keys(base, ours, theirs):
        if key in META_KEYS:
            if key in ours:
                merged[key] = ours[key]
            continue
        value = m.value(ROOT.child(key), base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING),
                        None)
        if value is not MISSING:
            merged[key] = value
    settle(merged, m.versions, m.decisions)
    return MergeResult(unfold_amounts(merged), m.decisions.conflicts, m.decisions.chosen, m.versions)


class _Merger:
    """The walk over the three versions together, value by value."""

    def __init__(self, base: Mapping, ours: Mapping, theirs: Mapping, take: str | None,
                 choices: dict[str, str]) -> None:
        self.versions = Versions(base, ours, theirs)
        self.decisions = Decisions(self.versions, take, choices)
        self.decide = self.decisions.decide
        changes = Changes()
        changes.walk(ROOT, base, ours, theirs)
        self.references = changes.references()
        #: The paths holding such a record: a side unchanged there does not settle them at once.
        self.watched = {prefix for path, _rid in self.references for prefix in path.prefixes()}

    def value(self, path: FieldPath, b: object, o: object, t: object, record: Mapping | None) -> object:
        if o == t:
            return o
        if path not in self.watched:
            if b == t:
                return o
            if b == o:
                return t
        if isinstance(o, dict) and isinstance(t, dict) and (isinstance(b, dict) or b is MISSING):
            return self.mapping(path, {} if b is MISSING else b, o, t, record)
        if isinstance(o, list) and isinstance(t, list):
            ids = (record_ids(b) if b is not MISSING else [], record_ids(o), record_ids(t))
            if None not in ids:
                return self.records(path, b if isinstance(b, list) else [], o, t, ids)
        if isinstance(o, str) and isinstance(t, str) and (isinstance(b, str) or b is MISSING):
            if "\n" in o or "\n" in t or (isinstance(b, str) and "\n" in b):
                return self.text(path, "" if b is MISSING else b, o, t, record)
        kind = Kind.ADDED if b is MISSING else Kind.DELETED if MISSING in (o, t) else Kind.CHANGED
        side = self.decide(Conflict(path, kind, b, o, t, record=record))
        return t if side == THEIRS else o

    def mapping(self, path: FieldPath, b: Mapping, o: Mapping, t: Mapping, record: Mapping | None) -> dict:
        out = {}
        for key in keys(b, o, t):
            v = self.value(path.child(key), b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING), record)
            if v is not MISSING:
                out[key] = v
        return out

    def records(self, path: FieldPath, b: list, o: list, t: list, ids: tuple) -> list:
        ids_b, ids_o, ids_t = ids
        by_b = dict(zip(ids_b, b, strict=True))
        by_o = dict(zip(ids_o, o, strict=True))
        by_t = dict(zip(ids_t, t, strict=True))
        merged_order = order(ids_b, ids_o, ids_t)
        merged: dict[str, object] = {}
        for rid in merged_order:
            rb, ro, rt = by_b.get(rid, MISSING), by_o.get(rid, MISSING), by_t.get(rid, MISSING)
            rpath = path.child(RecordId(rid))
            refs = self.references.get((path, rid))
            if refs and (ro is MISSING) != (rt is MISSING):
                kept = rt if ro is MISSING else ro
                if kept == rb:  # otherwise the record itself conflicts below
                    side = self.decide(Conflict(rpath, Kind.REFERENCED, rb, ro, rt, used_by=refs, record=kept))
                    value = rt if side == THEIRS else ro
                    if value is not MISSING:
                        merged[rid] = value
                    continue
            value = self.value(rpath, rb, ro, rt, next(r for r in (ro, rt, rb) if r is not MISSING))
            if value is not MISSING:
                merged[rid] = value
        return [merged[rid] for rid in merged_order if rid in merged]

    def text(self, path: FieldPath, b: str, o: str, t: str, record: Mapping | None) -> str:
        out: list[str] = []
        hunk = 0
        for chunk in merge_paragraphs(b, o, t):
            if not chunk.conflict:
                out.extend(chunk.ours)
                continue
            hunk += 1
            conflict = Conflict(path, Kind.TEXT, "\n".join(chunk.base), "\n".join(chunk.ours), "\n".join(chunk.theirs),
                                hunk=hunk, paragraph=chunk.start + 1, record=record)
            side = self.decide(conflict)
            out.extend(chunk.theirs if side == THEIRS else chunk.ours)
        return "\n".join(out)


def _differences(path: FieldPath, o: object, m: object) -> Iterator[tuple[FieldPath, object, object]]:
    """Where ``m`` differs from ``o``: each changed value, each record added or removed."""
    if o == m:
        return
    if isinstance(o, Mapping) and isinstance(m, Mapping):
        for key in keys({}, o, m):
            if path.steps or key not in META_KEYS:
                yield from _differences(path.child(key), o.get(key, MISSING), m.get(key, MISSING))
        return
    ids_o, ids_m = record_ids(o), record_ids(m)
    if ids_o is not None and ids_m is not None:
        assert isinstance(o, list) and isinstance(m, list)  # record_ids read them as lists of records
        by_o, by_m = dict(zip(ids_o, o, strict=True)), dict(zip(ids_m, m, strict=True))
        for rid in ids_m:
            yield from _differences(path.child(RecordId(rid)), by_o.get(rid, MISSING), by_m[rid])
        for rid in ids_o:
            if rid not in by_m:
                yield path.child(RecordId(rid)), by_o[rid], MISSING
        return
    yield path, o, m


def _changed_paragraphs(before: str, after: str) -> tuple[int, str, str]:
    """The paragraphs of a text that changed: the first one's number (from 1), and the changed
    stretch before and after (the paragraphs both begin and end with left out)."""
    a, b = before.split("\n"), after.split("\n")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head + 1, "\n".join(a[head:len(a) - tail]), "\n".join(b[head:len(b) - tail])
