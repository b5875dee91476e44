"""Lists of records in a merge: a list whose items are all objects with distinct string ids is a
set of records, matched by id across the versions (:func:`record_ids`); the merged order of such a
list (:func:`order`); ids given by what they are to the records a copy of the first format gave none
(:func:`match_by_keys`); a budget line's amount and its "no amount" mark folded into one field
(:func:`fold_amounts`); and what each side did to the records (:class:`Changes`), to find the
records one side deleted that the other still refers to.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping

from forms.fieldpath import FieldPath, RecordId
from forms.merge.versions import META_KEYS, MISSING


def keys(base: Mapping, ours: Mapping, theirs: Mapping) -> list:
    """The keys of ours, then of theirs, then of base: ours' key order."""
    seen = dict.fromkeys(ours)
    seen.update(dict.fromkeys(theirs))
    seen.update(dict.fromkeys(base))
    return list(seen)


def record_ids(value: object) -> list | None:
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


def order(ids_b: list, ids_o: list, ids_t: list) -> list:
    """The merged order of a list of records: ours' (theirs' when ours kept the base's order
    untouched), the records only theirs added after them. A record one side deleted and the other
    kept stays where the side keeping it had it: theirs deleted it, where ours has it; ours deleted
    it, where the base had it (among its neighbours); the records both deleted last. Each list is
    walked a few times, never once per record: a list of 100,000 budget lines is ordered as fast as
    it is read."""
    if ids_o == ids_b:
        out = _placed(ids_t, set(ids_o) - set(ids_t), ids_o)
    else:
        in_o = set(ids_o)
        out = _placed(ids_o, {rid for rid in ids_t if rid not in in_o} & set(ids_b), ids_b)
        placed = set(out)
        out.extend(rid for rid in ids_t if rid not in placed)
    placed = set(out)
    return out + [i for i in ids_b if i not in placed]


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
    for path, fields in RECORD_KEYS.items():
        lists = [_at(doc, path) for doc in docs]
        derived = [_rows_derived(doc, lst, ".".join(path)) for doc, lst in zip(docs, lists, strict=True)]
        if not (derived[0] or derived[2]):
            continue
        reference = lists[1] or next((lists[i] for i in (2, 0) if not derived[i] and lists[i]), None) or []
        for i in (0, 2):
            rows = lists[i]
            if derived[i] and rows is not None:  # derived rows are a list
                docs[i] = _with_list(docs[i], path, _keyed(rows, reference, fields, str(docs[i].get("id")),
                                                           ".".join(path)))
    return docs[0], docs[1], docs[2]


def _at(doc: Mapping, path: tuple[str, ...]) -> list | None:
    obj: object = doc
    for step in path:
        obj = obj.get(step) if isinstance(obj, Mapping) else None
    return obj if isinstance(obj, list) and record_ids(obj) is not None else None


def _rows_derived(doc: Mapping, records: list | None, collection: str) -> bool:
    from forms.ids import derived_id

    return records is not None and bool(records) and all(r["id"] == derived_id(str(doc.get("id")), collection, i) for i, r in enumerate(records))


def _key(record: Mapping, fields: tuple[str, ...]) -> str:
    return json.dumps([record.get(k) for k in fields], ensure_ascii=False)


def _keyed(records: list, reference: list, fields: tuple[str, ...], proposal_id: str, collection: str) -> list:
    pool: dict[str, list[str]] = {}
    for r in reference:
        pool.setdefault(_key(r, fields), []).append(r["id"])
    for ids_left in pool.values():
        ids_left.reverse()  # taken from the end: the first record with a key gets the first id
    count: dict[str, int] = {}
    out = []
    for r in records:
        k = _key(r, fields)
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


# --- a budget line's amount and its mark, as one field ---------------------------------------------


def _budget_lines(doc: Mapping) -> list | None:
    budget = doc.get("budget")
    lines = budget.get("lines") if isinstance(budget, Mapping) else None
    return lines if isinstance(lines, list) else None


def fold_amounts(doc: Mapping) -> Mapping:
    """``doc`` with each budget line marked as having no amount (``no_amount``) holding None as its
    ``amount_krw``: an amount and its mark merge as one field, so one side typing an amount while
    the other cleared it is one conflict, and no merge gives a line both an amount and the mark."""
    lines = _budget_lines(doc)
    if not lines or not any(isinstance(line, Mapping) and line.get("no_amount") for line in lines):
        return doc
    folded = [{**{k: v for k, v in line.items() if k != "no_amount"}, "amount_krw": None}
              if isinstance(line, Mapping) and line.get("no_amount") else line for line in lines]
    return {**doc, "budget": {**doc["budget"], "lines": folded}}


def unfold_amounts(doc: dict) -> dict:
    """The exchange form again: an amount None is 0 with ``no_amount``."""
    for line in _budget_lines(doc) or ():
        if isinstance(line, dict) and "amount_krw" in line and line["amount_krw"] is None:
            line["amount_krw"] = 0
            line["no_amount"] = True
    return doc


# --- what each side did to the records ------------------------------------------------------------


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


class Changes:
    """What each side did to the records, found by walking the three versions together wherever
    ours and theirs differ: the records each side deleted (that the other kept), and the records
    each side added or changed."""

    def __init__(self) -> None:
        self.deleted: tuple[dict, dict] = ({}, {})  # by ours, by theirs: (list path, id) → id
        self.touched: tuple[dict, dict] = ({}, {})  # added or changed by ours, by theirs → record

    def walk(self, path: FieldPath, b: object, o: object, t: object) -> None:
        if o == t:
            return
        if isinstance(o, dict) and isinstance(t, dict):
            b = b if isinstance(b, dict) else {}
            for key in keys(b, o, t):
                if path.steps or key not in META_KEYS:
                    self.walk(path.child(key), b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING))
            return
        ids_o, ids_t = record_ids(o), record_ids(t)
        ids_b = [] if b is MISSING else record_ids(b)
        if ids_o is None or ids_t is None or ids_b is None:
            return
        assert isinstance(o, list) and isinstance(t, list)  # record_ids read them as lists of records
        by_b = dict(zip(ids_b, b if isinstance(b, list) else (), strict=True))
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
                self.walk(path.child(RecordId(rid)), rb, ro, rt)

    def references(self) -> dict[tuple[FieldPath, str], tuple[FieldPath, ...]]:
        """Records deleted on one side that the other side's added or changed records refer to by
        id: (list path, id) → the referring records' paths."""
        out: dict[tuple[FieldPath, str], tuple[FieldPath, ...]] = {}
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
                        out[target] = (*out.get(target, ()), key[0].child(RecordId(key[1])))
        return out
