"""Three-way merge of a proposal: the base (the copy sent to a partner), ours (the proposal as it is
now) and theirs (the partner's copy as it came back), all in their canonical exchange form
(``forms.exchange.to_dict``: dicts, lists, strings, integers).

The merge is generic, so every record type the exchange file holds merges the same way:

- an object merges key by key;
- a list whose items are all objects with an ``id`` is a set of records: records are matched by id
  and merged field by field; a record added on either side is kept; one deleted on one side and
  changed on the other is a conflict; the order is ours', then the records only theirs added
  (unless ours kept the base's order untouched: then theirs' order is taken); a record one side
  deleted and the other kept stays where the side keeping it has it;
- a text of several paragraphs (lines) merges by diff3 over its paragraphs (``textmerge``): edits
  to different paragraphs both stay, different edits of the same paragraph are a conflict;
- anything else (a number, a code, a list of region codes) merges as a whole: the side that
  changed it wins, the same change on both sides is no conflict, different changes are one.

A record deleted on one side while the other side added or changed a record that refers to its
id (budget lines given to an organisation the other side removed) is a conflict too.

Every conflict has a stable ``key`` (``budget.lines[id=…].amount_krw``); a second merge with
``choices`` (key → ``ours`` | ``theirs``) or ``take`` resolves them. Unresolved conflicts keep ours'
value in the merged document, so it is always a complete proposal.

People read a conflict by its ``shown_path`` (rows, as findings show them: ``budget.lines[3].amount_krw``),
:func:`where` (the record's name and the field) and :func:`shown` (a value, codes and organisations by
their names); each conflict keeps the three versions (:class:`Versions`) to name what it refers to.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from forms.fieldpath import FieldPath
from forms.i18n import N_, translate
from forms.merge.paragraphs import merge_paragraphs
from forms.model import SLOT_NAMES, Proposal, label


class _Missing:
    """A value absent from one version: a key not there, a record deleted."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING = _Missing()

#: Keys about the file rather than the proposal: never merged, ours' value is kept.
META_KEYS = frozenset({"format", "format_version", "sent_copy"})

OURS, THEIRS = "ours", "theirs"
SIDES = (OURS, THEIRS)


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
class Record:
    """A step into a list of records: the record with this id."""

    id: str

    def __str__(self) -> str:
        return f"[id={self.id}]"


Step = str | Record


def render_path(steps: tuple[Step, ...]) -> str:
    out = ""
    for step in steps:
        if isinstance(step, Record):
            out += str(step)
        else:
            out += ("." if out else "") + step
    return out


Path = tuple[Step, ...]


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

    def rows(self, path: Path) -> FieldPath | None:
        """``path`` with each record written as its row in ours, else in theirs, else in the base:
        in the first version that holds every record on the path; None if none does."""
        for doc in self.sides((OURS, THEIRS, "base")):
            rows = _rows(path, doc)
            if rows is not None:
                return FieldPath(rows)
        return None

    def records(self, path: Path) -> list[list[Mapping]]:
        """For each record on ``path``, that record in every version holding it (ours first)."""
        found: list[list[Mapping]] = [[] for s in path if isinstance(s, Record)]
        for doc in self.sides():
            for i, rec in enumerate(_records_on(path, doc)):
                if rec is not None:
                    found[i].append(rec)
        return found

    def record_text(self, collection: str, rid: str, key: str, lang: str) -> str:
        """The text ``key`` (``name``) of the record ``rid`` of ``collection`` (``organisations``) in
        ``lang``, from ours, else the base, else theirs; then in the other language; "" if the record
        is in none of them or has no such text."""
        recs = [r for doc in self.sides() for r in _list(doc.get(collection)) if r.get("id") == rid]
        return _text(recs, key, lang)

    def day(self) -> dt.date:
        """The proposal's own date (ours', else the others'): the day region names are read at."""
        for doc in self.sides():
            try:
                return dt.date.fromisoformat(str(doc.get("date")))
            except ValueError:
                continue
        return dt.date.today()


def _list(value: object) -> list[Mapping]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _walk(path: Path, doc: Mapping) -> Iterator[tuple[Step, object]]:
    """Each step of ``path`` with what it leads to in ``doc`` (:data:`MISSING` once lost)."""
    obj: object = doc
    for step in path:
        if isinstance(step, Record):
            obj = next((r for r in _list(obj) if r.get("id") == step.id), MISSING)
        else:
            obj = obj.get(step, MISSING) if isinstance(obj, Mapping) else MISSING
        yield step, obj


def _rows(path: Path, doc: Mapping) -> tuple | None:
    """``path`` with each record as its row in ``doc``; None if a record on it is not there."""
    out: list = []
    parent: object = doc
    for step, obj in _walk(path, doc):
        if isinstance(step, Record):
            if obj is MISSING:
                return None
            out.append(next(i for i, r in enumerate(parent) if r is obj))  # type: ignore[arg-type]
        else:
            out.append(step)
        parent = obj
    return tuple(out)


def _records_on(path: Path, doc: Mapping) -> list[Mapping | None]:
    return [obj if isinstance(obj, Mapping) else None for step, obj in _walk(path, doc) if isinstance(step, Record)]


def _text(records: list[Mapping], key: str, lang: str) -> str:
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


#: The keys that name a record (an organisation, a researcher, a justification row's item).
NAME_KEYS = ("name", "title", "item")


@dataclass(frozen=True)
class Conflict:
    """One place the two sides disagree. ``base``/``ours``/``theirs`` are the values there
    (:data:`MISSING` when absent); for a text, the conflicting paragraphs joined."""

    path: Path
    kind: Kind
    base: object
    ours: object
    theirs: object
    #: For a text: the number of this conflict among the text's conflicts (from 1).
    hunk: int = 0
    #: For a text: the first paragraph (from 1) of the conflict in ours.
    paragraph: int = 0
    #: For a deleted record still referred to: the paths of the records referring to it.
    used_by: tuple[Path, ...] = ()
    #: The record the path lies in, as in ours (else theirs, else base): to name it for people.
    record: Mapping | None = None
    #: The three versions merged (set by :func:`merge`): to name records and rows for people.
    versions: Versions | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The stable path, unique among a merge's conflicts: the key of ``choices``."""
        where = render_path(self.path)
        return f"{where}#{self.hunk}" if self.hunk else where

    @property
    def shown_path(self) -> str:
        """The path as people read it: each record as its row (``budget.lines[3].amount_krw``, as
        findings show paths) in ours, else in the version that holds it."""
        return _shown_path(self.path, self.versions)

    @property
    def refs(self) -> tuple[str, ...]:
        """The stable paths of the records referring to a deleted record."""
        return tuple(render_path(p) for p in self.used_by)

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
            return _record_name([self.record], lang, None) if self.record else ""
        names = [_record_name(recs, lang, self.versions) for recs in self.versions.records(self.path) if recs]
        return " · ".join(n for n in names if n)

    def value(self, side: str) -> object:
        return {"base": self.base, OURS: self.ours, THEIRS: self.theirs}[side]

    def shown_value(self, side: str, lang: str) -> str:
        """The value on ``side`` as people read it (see :func:`shown`)."""
        return shown(self.value(side), lang, self.path[-1] if self.path else None, self.versions)

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


def _shown_path(path: Path, versions: Versions | None) -> str:
    rows = versions.rows(path) if versions is not None else None
    return render_path(path) if rows is None else str(rows)


def _record_name(records: list[Mapping], lang: str, versions: Versions | None) -> str:
    """The name of one record, from ``records`` (its versions, the preferred first)."""
    for key in NAME_KEYS:
        if any(key in r for r in records):
            return _text(records, key, lang)
    first = records[0]
    if isinstance(first.get("stage"), int):  # a stage of the roadmap table, not its plan section
        return translate(N_("Roadmap stage {n}"), lang, n=first["stage"])
    parts = [_code_name(key, first[key], lang, versions) or str(first[key])
             for key in ("year", "org", "category", "source", "region")
             if isinstance(first.get(key), (str, int)) and first.get(key) != ""]
    return ", ".join(parts)


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
        for path, before, after in _differences((), self.versions.ours, self.merged):
            paragraph = 0
            if isinstance(before, str) and isinstance(after, str) and "\n" in before + after:
                paragraph, before, after = _changed_paragraphs(before, after)
            named = Conflict(path, Kind.CHANGED, MISSING, before, after, paragraph=paragraph,
                             versions=self.versions)
            last = path[-1] if path and isinstance(path[-1], str) else None
            text = [_one_line(shown(v, lang, last, self.versions)) for v in (before, after)]
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
    base, ours, theirs = _fold_amounts(base), _fold_amounts(ours), _fold_amounts(theirs)
    m = _Merger(base, ours, theirs, take, dict(choices or {}))
    merged = {}
    for key in _keys(base, ours, theirs):
        if key in META_KEYS:
            if key in ours:
                merged[key] = ours[key]
            continue
        value = m.value((key,), base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING), None)
        if value is not MISSING:
            merged[key] = value
    m.settle(merged)
    return MergeResult(_unfold_amounts(merged), m.conflicts, m.chosen, m.versions)


# --- copies of the first format: records matched by what they are ----------------------------------

#: The records files of the first format gave no id, and the fields that tell one from another
#: there: a budget line by its year, organisation, category, source and paying region; a stage of
#: the roadmap by its number.
RECORD_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("budget", "lines"): ("year", "org", "category", "source", "region"),
    ("roadmap",): ("stage",),
}

_KEYED_NAMESPACE = uuid.UUID("9d1c6f0e-2b7a-4f53-8e61-0c4b5a7d3e92")


def match_by_keys(base: Mapping, ours: Mapping, theirs: Mapping) -> tuple[Mapping, Mapping, Mapping]:
    """The three versions with the records that a copy of the first format gave no id (their ids
    were derived from their rows when it was read, so a line inserted on one side would shift every
    id after it) given ids by what they are: the id of the record with the same keys in ours (else
    in the other version that has ids of its own), else one derived from the keys. Ours is never
    changed, nor a version whose ids are its own."""
    docs = [base, ours, theirs]
    for path, keys in RECORD_KEYS.items():
        lists = [_at(doc, path) for doc in docs]
        derived = [_rows_derived(doc, lst, ".".join(path)) for doc, lst in zip(docs, lists, strict=True)]
        if not (derived[0] or derived[2]):
            continue
        reference = lists[1] or next((lists[i] for i in (2, 0) if not derived[i] and lists[i]), [])
        for i in (0, 2):
            if derived[i]:
                docs[i] = _with_list(docs[i], path, _keyed(lists[i], reference, keys, str(docs[i].get("id")),
                                                           ".".join(path)))
    return docs[0], docs[1], docs[2]


def _at(doc: Mapping, path: tuple[str, ...]) -> list | None:
    obj: object = doc
    for step in path:
        obj = obj.get(step) if isinstance(obj, Mapping) else None
    return obj if isinstance(obj, list) and _record_ids(obj) is not None else None


def _rows_derived(doc: Mapping, records: list | None, collection: str) -> bool:
    from forms.ids import derived_id

    return bool(records) and all(r["id"] == derived_id(str(doc.get("id")), collection, i) for i, r in enumerate(records))


def _key(record: Mapping, keys: tuple[str, ...]) -> str:
    return json.dumps([record.get(k) for k in keys], ensure_ascii=False)


def _keyed(records: list, reference: list, keys: tuple[str, ...], proposal_id: str, collection: str) -> list:
    pool: dict[str, list[str]] = {}
    for r in reference:
        pool.setdefault(_key(r, keys), []).append(r["id"])
    for ids_left in pool.values():
        ids_left.reverse()  # taken from the end: the first record with a key gets the first id
    count: dict[str, int] = {}
    out = []
    for r in records:
        k = _key(r, keys)
        if pool.get(k):
            rid = pool[k].pop()
        else:
            n = count[k] = count.get(k, -1) + 1
            rid = str(uuid.uuid5(_KEYED_NAMESPACE, f"{proposal_id}/{collection}/{k}/{n}"))
        out.append({**r, "id": rid})
    return out


def _with_list(doc: Mapping, path: tuple[str, ...], value: list) -> dict:
    out = dict(doc)
    if len(path) == 1:
        out[path[0]] = value
    else:
        out[path[0]] = _with_list(doc[path[0]], path[1:], value)
    return out


# --- what a file must hold: references that lead somewhere, lists within their limits ------------

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


def _list_at(doc: Mapping, path: tuple[str, ...]) -> list:
    obj: object = doc
    for step in path:
        obj = obj.get(step) if isinstance(obj, Mapping) else None
    return obj if isinstance(obj, list) else []


def _ids_at(doc: Mapping, path: tuple[str, ...]) -> set:
    return {r.get("id") for r in _list_at(doc, path) if isinstance(r, Mapping)}


def _dangling(doc: Mapping) -> dict[tuple, list[tuple[tuple[str, ...], str]]]:
    """The records ``doc`` refers to and does not hold: (target list, id) → the referring records
    (their list and id), in document order."""
    out: dict[tuple, list] = {}
    for (where, key), target in REFERENCES.items():
        known = _ids_at(doc, target)
        for r in _list_at(doc, where):
            value = r.get(key) if isinstance(r, Mapping) else None
            if isinstance(value, str) and value and value not in known:
                out.setdefault((target, value), []).append((where, r.get("id")))
    return out


def _broken_in(doc: Mapping, where: tuple[str, ...], key: str, target: tuple[str, ...]) -> set:
    """The records of ``where`` that refer, in ``doc`` itself, to a record ``doc`` does not hold
    either (a version's own unfinished state: not the merge's doing), by id."""
    known = _ids_at(doc, target)
    return {r.get("id") for r in _list_at(doc, where) if isinstance(r, Mapping) and r.get(key) not in known}


def _ref_key(where: tuple[str, ...], target: tuple[str, ...]) -> str:
    return next(key for (w, key), t in REFERENCES.items() if w == where and t == target)


def _over_limit(doc: Mapping) -> Iterator[tuple[tuple[str, ...], int]]:
    from forms.exchange import LIST_LIMITS

    for path, limit in LIST_LIMITS.items():
        if len(path) == 3:  # per record of a list (a budget line's justification rows)
            continue
        if len(_list_at(doc, path)) > limit:
            yield path, limit


def _remove(doc: dict, path: tuple[str, ...], drop: set) -> None:
    holder: object = doc
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = [r for r in holder[path[-1]] if not (isinstance(r, Mapping) and r.get("id") in drop)]


def _restore(doc: dict, path: tuple[str, ...], record: Mapping, source: list) -> None:
    """Put ``record`` back into the list at ``path`` after the nearest record before it in
    ``source`` (the version it comes from) that the list holds, else first."""
    holder: object = doc
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


def _budget_lines(doc: Mapping) -> list | None:
    budget = doc.get("budget")
    lines = budget.get("lines") if isinstance(budget, Mapping) else None
    return lines if isinstance(lines, list) else None


def _fold_amounts(doc: Mapping) -> Mapping:
    """``doc`` with each budget line marked as having no amount (``no_amount``) holding None as its
    ``amount_krw``: an amount and its mark merge as one field, so one side typing an amount while
    the other cleared it is one conflict, and no merge gives a line both an amount and the mark."""
    lines = _budget_lines(doc)
    if not lines or not any(isinstance(line, Mapping) and line.get("no_amount") for line in lines):
        return doc
    folded = [{**{k: v for k, v in line.items() if k != "no_amount"}, "amount_krw": None}
              if isinstance(line, Mapping) and line.get("no_amount") else line for line in lines]
    return {**doc, "budget": {**doc["budget"], "lines": folded}}


def _unfold_amounts(doc: dict) -> dict:
    """The exchange form again: an amount None is 0 with ``no_amount``."""
    for line in _budget_lines(doc) or ():
        if isinstance(line, dict) and "amount_krw" in line and line["amount_krw"] is None:
            line["amount_krw"] = 0
            line["no_amount"] = True
    return doc


# --- the walk ------------------------------------------------------------------------------------


def _keys(*docs: Mapping) -> list:
    """The keys of ours (first doc after base), then of theirs, then of base: ours' key order."""
    base, ours, theirs = docs
    seen = dict.fromkeys(ours)
    seen.update(dict.fromkeys(theirs))
    seen.update(dict.fromkeys(base))
    return list(seen)


def _record_ids(value: object) -> list | None:
    """The ids of a list of records, or None when ``value`` is not such a list."""
    if not isinstance(value, list):
        return None
    try:
        ids = [item["id"] for item in value]
    except (TypeError, KeyError, IndexError):
        return None
    if not all(type(i) is str for i in ids) or not all(type(item) is dict for item in value):
        return None
    return ids if len(set(ids)) == len(ids) else None


def _strings(value: object) -> Iterator[str]:
    """Every string inside ``value`` except the values of ``id`` keys (a record's own id)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "id":
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class _Changes:
    """What each side did to the records, found by walking the three versions together wherever
    ours and theirs differ: the records each side deleted (that the other kept), and the records
    each side added or changed."""

    def __init__(self) -> None:
        self.deleted: tuple[dict, dict] = ({}, {})  # by ours, by theirs: (list path, id) → id
        self.touched: tuple[dict, dict] = ({}, {})  # added or changed by ours, by theirs → record

    def walk(self, path: tuple, b: object, o: object, t: object) -> None:
        if o == t:
            return
        if isinstance(o, dict) and isinstance(t, dict):
            b = b if isinstance(b, dict) else {}
            for key in _keys(b, o, t):
                if path or key not in META_KEYS:
                    self.walk((*path, key), b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING))
            return
        ids_o, ids_t = _record_ids(o), _record_ids(t)
        ids_b = [] if b is MISSING else _record_ids(b)
        if ids_o is None or ids_t is None or ids_b is None:
            return
        by_b = dict(zip(ids_b, b or (), strict=True))
        by_o, by_t = dict(zip(ids_o, o, strict=True)), dict(zip(ids_t, t, strict=True))
        for rid in {*ids_b, *ids_o, *ids_t}:
            rb, ro, rt = by_b.get(rid, MISSING), by_o.get(rid, MISSING), by_t.get(rid, MISSING)
            if ro == rt:
                continue
            key = (path, rid)
            for side, mine, other in ((0, ro, rt), (1, rt, ro)):
                if mine is MISSING and rb is not MISSING and other is not MISSING:
                    self.deleted[side][key] = rid
                elif mine is not MISSING and mine != rb:
                    self.touched[side][key] = mine
            if isinstance(ro, dict) and isinstance(rt, dict):
                self.walk((*path, Record(rid)), rb, ro, rt)

    def references(self) -> dict[tuple, tuple[Path, ...]]:
        """Records deleted on one side that the other side's added or changed records refer to by
        id: (list path, id) → the referring records' paths."""
        out: dict[tuple, tuple[Path, ...]] = {}
        for deleter, keeper in ((0, 1), (1, 0)):
            deleted = {rid: key for key, rid in self.deleted[deleter].items()}
            if not deleted:
                continue
            for key, rec in self.touched[keeper].items():
                if key in self.deleted[deleter]:
                    continue  # changed, but deleted on the other side: a conflict of its own
                for s in _strings(rec):
                    if s in deleted:
                        target = deleted[s]
                        out[target] = (*out.get(target, ()), (*key[0], Record(key[1])))
        return out


def _order(ids_b: list, ids_o: list, ids_t: list) -> list:
    """The merged order of a list of records: ours' (theirs' when ours kept the base's order
    untouched), the records only theirs added after them. A record one side deleted and the other
    kept stays where the side keeping it had it: theirs deleted it, where ours has it; ours deleted
    it, where the base had it (among its neighbours); the records both deleted last. Each list is
    walked a few times, never once per record: a list of 100,000 budget lines is ordered as fast as
    it is read."""
    if ids_o == ids_b:
        order = _placed(ids_t, set(ids_o) - set(ids_t), ids_o)
    else:
        in_o = set(ids_o)
        order = _placed(ids_o, {rid for rid in ids_t if rid not in in_o} & set(ids_b), ids_b)
        placed = set(order)
        order.extend(rid for rid in ids_t if rid not in placed)
    placed = set(order)
    return order + [i for i in ids_b if i not in placed]


def _placed(order: list, extra: set, source: list) -> list:
    """``order`` with the ids of ``extra`` put where ``source`` has them: each after its nearest
    earlier neighbour in ``source`` that is in ``order`` (the extras between two such neighbours in
    ``source``'s order), else before its nearest later one, else last. One walk of ``source``."""
    if not extra:
        return list(order)
    in_order = set(order)
    after: dict[object, list] = {}
    before: dict[object, list] = {}
    leading: list = []  # extras before any neighbour in order, waiting for the next one
    anchor = None
    for rid in source:
        if rid in in_order:
            anchor = rid
            if leading:
                before[rid] = leading
                leading = []
        elif rid in extra:
            if anchor is None:
                leading.append(rid)
            else:
                after.setdefault(anchor, []).append(rid)
    out: list = []
    for rid in order:
        out.extend(before.get(rid, ()))
        out.append(rid)
        out.extend(after.get(rid, ()))
    return out + leading


class _Merger:
    def __init__(self, base: Mapping, ours: Mapping, theirs: Mapping, take: str | None,
                 choices: dict[str, str]) -> None:
        self.take = take
        self.choices = choices
        self.conflicts: list[Conflict] = []
        self.chosen: dict[str, str] = {}
        self.versions = Versions(base, ours, theirs)
        self._broken_refs: dict[tuple, set] = {}
        changes = _Changes()
        changes.walk((), base, ours, theirs)
        self.references = changes.references()
        #: The paths holding such a record: a side unchanged there does not settle them at once.
        self.watched = {path[:n] for path, _rid in self.references for n in range(1, len(path) + 1)}

    def settle(self, merged: dict) -> None:
        """Make ``merged`` a file the app reads: a record deleted on one side that the merged records
        still name (a task a deliverable names, an organisation a budget line is for), and a list
        longer together than the file allows, are conflicts; each settled one is carried out
        consistently (the record kept, or what names it removed with it; the records the other side
        added to the list left out), and an undecided one stays in the merged document as ours has
        it, listed among the conflicts."""
        settled: set[str] = set()
        for _round in range(_SETTLE_ROUNDS):
            changed = False
            for (target, rid), refs in _dangling(merged).items():
                key = render_path((*target, Record(rid)))
                if key in settled:
                    continue
                refs = [(where, ref) for where, ref in refs if ref not in self._broken(where, target)]
                if not refs:
                    continue
                side = self._side_of(key) if any(c.key == key for c in self.conflicts) else self._referenced(
                    target, rid, refs)
                if side is None:
                    settled.add(key)
                    continue
                doc = self.versions.ours if side == OURS else self.versions.theirs
                record = next((r for r in _list_at(doc, target) if r.get("id") == rid), None)
                if record is not None:
                    _restore(merged, target, record, _list_at(doc, target))
                else:
                    for where in {w for w, _ref in refs}:
                        _remove(merged, where, {ref for w, ref in refs if w == where})
                changed = True
            for path, _limit in _over_limit(merged):
                key = render_path(path)
                if key in settled:
                    continue
                side = self._side_of(key) if any(c.key == key for c in self.conflicts) else self._limit(path)
                settled.add(key)
                if side is None:
                    continue
                mine, other = (self.versions.ours, self.versions.theirs)[:: 1 if side == OURS else -1]
                added = _ids_at(other, path) - _ids_at(mine, path) - _ids_at(self.versions.base, path)
                _remove(merged, path, added)
                if any(p == path for p, _l in _over_limit(merged)):
                    holder: dict = merged
                    for step in path[:-1]:
                        holder = holder[step]
                    holder[path[-1]] = copy.deepcopy(_list_at(mine, path))
                changed = True
            if not changed:
                return

    def _broken(self, where: tuple[str, ...], target: tuple[str, ...]) -> set:
        """The records of ``where`` already naming a missing record of ``target`` in ours or theirs."""
        if (where, target) not in self._broken_refs:
            key = _ref_key(where, target)
            self._broken_refs[where, target] = (_broken_in(self.versions.ours, where, key, target)
                                                | _broken_in(self.versions.theirs, where, key, target))
        return self._broken_refs[where, target]

    def _side_of(self, key: str) -> str | None:
        return self.chosen.get(key)

    def _referenced(self, target: tuple[str, ...], rid: str, refs: list) -> str | None:
        versions = [next((r for r in _list_at(doc, target) if r.get("id") == rid), MISSING)
                    for doc in (self.versions.base, self.versions.ours, self.versions.theirs)]
        used_by = tuple((*where, Record(ref)) for where, ref in refs)
        kept = next((v for v in versions[1:] + versions[:1] if v is not MISSING), None)
        return self.decide(Conflict((*target, Record(rid)), Kind.REFERENCED, *versions, used_by=used_by,
                                    record=kept))

    def _limit(self, path: tuple[str, ...]) -> str | None:
        counts = [len(_list_at(doc, path)) for doc in (self.versions.base, self.versions.ours, self.versions.theirs)]
        return self.decide(Conflict(path, Kind.LIMIT, *counts))

    def decide(self, conflict: Conflict) -> str | None:
        conflict = replace(conflict, versions=self.versions)
        self.conflicts.append(conflict)
        side = self.choices.get(conflict.key, self.take)
        if side in SIDES:
            self.chosen[conflict.key] = side
            return side
        return None

    def value(self, path: tuple, b: object, o: object, t: object, record: Mapping | None) -> object:
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
            ids = (_record_ids(b) if b is not MISSING else [], _record_ids(o), _record_ids(t))
            if None not in ids:
                return self.records(path, [] if b is MISSING else b, o, t, ids)
        if isinstance(o, str) and isinstance(t, str) and (isinstance(b, str) or b is MISSING):
            if "\n" in o or "\n" in t or (isinstance(b, str) and "\n" in b):
                return self.text(path, "" if b is MISSING else b, o, t, record)
        kind = Kind.ADDED if b is MISSING else Kind.DELETED if MISSING in (o, t) else Kind.CHANGED
        side = self.decide(Conflict(path, kind, b, o, t, record=record))
        return t if side == THEIRS else o

    def mapping(self, path: tuple, b: Mapping, o: Mapping, t: Mapping, record: Mapping | None) -> dict:
        out = {}
        for key in _keys(b, o, t):
            v = self.value((*path, key), b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING), record)
            if v is not MISSING:
                out[key] = v
        return out

    def records(self, path: tuple, b: list, o: list, t: list, ids: tuple) -> list:
        ids_b, ids_o, ids_t = ids
        by_b = dict(zip(ids_b, b, strict=True))
        by_o = dict(zip(ids_o, o, strict=True))
        by_t = dict(zip(ids_t, t, strict=True))
        order = _order(ids_b, ids_o, ids_t)
        merged: dict[str, dict] = {}
        for rid in order:
            rb, ro, rt = by_b.get(rid, MISSING), by_o.get(rid, MISSING), by_t.get(rid, MISSING)
            rpath = (*path, Record(rid))
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
        return [merged[rid] for rid in order if rid in merged]

    def text(self, path: tuple, b: str, o: str, t: str, record: Mapping | None) -> str:
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


def _differences(path: Path, o: object, m: object) -> Iterator[tuple[Path, object, object]]:
    """Where ``m`` differs from ``o``: each changed value, each record added or removed."""
    if o == m:
        return
    if isinstance(o, Mapping) and isinstance(m, Mapping):
        for key in _keys({}, o, m):
            if path or key not in META_KEYS:
                yield from _differences((*path, key), o.get(key, MISSING), m.get(key, MISSING))
        return
    ids_o, ids_m = _record_ids(o), _record_ids(m)
    if ids_o is not None and ids_m is not None:
        by_o, by_m = dict(zip(ids_o, o, strict=True)), dict(zip(ids_m, m, strict=True))  # type: ignore[arg-type]
        for rid in ids_m:
            yield from _differences((*path, Record(rid)), by_o.get(rid, MISSING), by_m[rid])
        for rid in ids_o:
            if rid not in by_m:
                yield (*path, Record(rid)), by_o[rid], MISSING
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


def _one_line(text: str, most: int = 160) -> str:
    text = " · ".join(part for part in text.split("\n") if part.strip())
    return text if len(text) <= most else text[: most - 1] + "…"


# --- for people ----------------------------------------------------------------------------------


def partner_name(partner: str, proposal: Proposal, lang: str) -> str:
    """Whom a copy was sent to, in ``lang``: ``partner`` is a region code (named at the proposal's
    date), an organisation's id (by its name in ``proposal``), or a name typed as it is."""
    from forms import regions

    if regions.is_known(partner):
        return regions.name(partner, proposal.date, lang)
    for o in proposal.organisations:
        if o.id == partner:
            return o.name.get(lang) or partner
    return partner


#: How the fields of records are named where a conflict is shown (the last key of its path).
FIELD_LABELS = {
    "name": N_("name"), "kind": N_("kind"), "region": N_("region"), "role": N_("role"), "year": N_("year"),
    "org": N_("organisation"), "category": N_("category"), "source": N_("source"),
    "amount_krw": N_("amount (won)"), "title": N_("title"), "goal": N_("goal"), "plan": N_("plan"),
    "unit": N_("unit"), "baseline": N_("baseline"), "targets": N_("target"), "rates": N_("participation rate"),
    "weight": N_("weight"), "method": N_("method"), "item": N_("item"),
}
#: The fields whose values are codes, shown by their names.
CODE_FIELDS = frozenset({"type", "kind", "role", "source"})


#: The fields whose values are region codes, shown by the region's name at the proposal's date.
REGION_FIELDS = frozenset({"region", "lead_region"})
#: The fields whose values are the id of another record: (the list it is in, the key naming it).
REFERENCE_FIELDS = {"org": "organisations", "task": "tasks"}


def _code_name(key: str, value: object, lang: str, versions: Versions | None = None) -> str | None:
    """A value of the field ``key`` that is a code or a reference, by its name in ``lang``: a category,
    a type, kind, role or source, a region, an organisation (by its name in ours, else in the base,
    else in theirs, else in the other language; its id only when no version holds it); None for
    any other value."""
    from forms import categories, regions

    if key == "partner_regions" and isinstance(value, list):
        if versions is None or not value or not all(isinstance(v, str) for v in value):
            return None
        return ", ".join(_code_name("region", v, lang, versions) or v for v in value)
    if not isinstance(value, str) or not value:
        return None
    if key == "category" and categories.is_known(value):
        return categories.name(value, lang)
    if key in CODE_FIELDS:
        return label(value, lang)
    if key == "slot" and value in SLOT_NAMES:
        return translate(SLOT_NAMES[value], lang)
    if versions is None:
        return None
    if key in REGION_FIELDS and regions.is_known(value):
        return regions.name(value, versions.day(), lang)
    if key in REFERENCE_FIELDS:
        return versions.record_text(REFERENCE_FIELDS[key], value, "name", lang) or value
    return None


def _field(step: str, lang: str) -> str:
    from forms.labels import field_name

    if step in FIELD_LABELS:
        return translate(FIELD_LABELS[step], lang)
    if step in ("ko", "en"):
        return label("lang." + step, lang)
    name = field_name(step)
    return translate(name, lang) if name else label(step, lang)


def _section_title(key: str, lang: str, versions: Versions | None) -> str:
    """The title of the plan's section ``key`` in the call's form (ours' call, else the others'),
    in ``lang``; the section's key's own label when no call profile names it."""
    from forms.profile import ProfileError, load_profile

    for doc in versions.sides() if versions is not None else []:
        call = doc.get("call")
        if not isinstance(call, str) or not call:
            continue
        try:
            section = load_profile(call).sections.get(key)
        except ProfileError:
            continue
        if section is not None and section.title.get(lang).strip():
            return section.title.get(lang)
    return _field(key, lang)


def where(c: Conflict, lang: str) -> str:
    """Where a conflict is, for people: the record's name and the field, or the section of the plan
    and its language, or the path."""
    steps = [s for s in c.path if isinstance(s, str)]
    name = c.record_name(lang)
    if name:
        last = max(i for i, s in enumerate(c.path) if isinstance(s, Record))
        parts = [name, *(_field(s, lang) for s in c.path[last + 1:] if isinstance(s, str))]
    elif steps == ["roadmap"]:  # the stage table as a whole (the plan's section is plan.roadmap)
        parts = [translate(N_("Stages of the roadmap"), lang)]
    elif len(steps) >= 2 and steps[0] == "plan" and len(c.path) == len(steps):
        parts = [_field("plan", lang), _section_title(steps[1], lang, c.versions), *(_field(s, lang) for s in steps[2:])]
    elif len(c.path) == len(steps):
        parts = [_field(s, lang) for s in steps]
    else:
        parts = [c.shown_path]
    text = " · ".join(parts)
    if c.paragraph:
        text += " · " + translate(N_("paragraph {number}"), lang, number=c.paragraph)
    return text


def shown(value: object, lang: str, field: object = None, versions: Versions | None = None) -> str:
    """A value of a conflict as people read it: text as it is, an amount as money, a code or an
    organisation by its name (``field`` is the last step of the conflict's path; ``versions`` the
    merge's, to find names in), a record one field a line."""
    if value is MISSING:
        return translate(N_("(not there: deleted or never added)"), lang)
    if isinstance(field, str):
        named = _named(field, value, lang, versions)
        if named is not None:
            return named
    if isinstance(value, str):
        return value if value else translate(N_("(empty)"), lang)
    if isinstance(value, dict):  # a record: each field by its name, the record's id left out
        return "\n".join(f"{_leaf_label(key, lang)}: {_leaf_value(key, v, lang, versions)}"
                         for key, v in _leaves(value) if key != "id")
    return _flat(value)


def _named(field: str, value: object, lang: str, versions: Versions | None) -> str | None:
    if field == "amount_krw" and value is None:  # a budget line's amount not entered (see _fold_amounts)
        return translate(N_("(no amount entered)"), lang)
    if field.endswith("_krw") and type(value) is int:
        from forms.money import format_won

        return format_won(value, lang)
    return _code_name(field, value, lang, versions)


def _leaf_label(key: str, lang: str) -> str:
    """``name.ko`` → "name (Korean)", ``rates.2024`` → "participation rate · 2024"."""
    parts = key.split(".")
    suffix = ""
    if len(parts) > 1 and parts[-1] in ("ko", "en"):
        suffix = " (" + label("lang." + parts.pop(), lang) + ")"
    return " · ".join(p if p.isdigit() else _field(p, lang) for p in parts) + suffix


def _leaf_value(key: str, value: object, lang: str, versions: Versions | None) -> str:
    parts = [p for p in key.split(".") if p not in ("ko", "en") and not p.isdigit()]
    named = _named(parts[-1], value, lang, versions) if parts else None
    if named is not None:
        return named
    if value == "":
        return translate(N_("(empty)"), lang)
    return _flat(value)


def _leaves(value: dict, prefix: str = "") -> Iterator[tuple[str, object]]:
    for key, v in value.items():
        if isinstance(v, dict):
            yield from _leaves(v, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", v


def _flat(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
