"""The exchange file: one proposal as UTF-8 JSON (``resources/schema/proposal.schema.json``).

Reading is strict and never evaluates anything: every problem is an :class:`InputError` naming
the JSON line and column or the field path (``budget.lines[3].amount_krw``). Money must be a JSON
integer of won; floats, numeric strings and booleans are refused.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import hashlib
import json
import os
import re
import stat
import uuid

from forms import categories, ids, jsontext, regions
from forms.app import FILE_FORMAT, FILE_FORMAT_VERSION, MAX_FILE_BYTES
from forms.atomic import write_bytes
from forms.attached import MAX_COUNT, REPAIR_MAX_BYTES, megabytes, total_bytes
from forms.errors import InputError, Phrase, os_reason
from forms.i18n import N_, translate
from forms.model import (
    SCAN_TYPES,
    Budget,
    BudgetItem,
    BudgetLine,
    Deliverable,
    Equipment,
    Indicator,
    IndicatorKind,
    Organisation,
    OrgKind,
    OrgRole,
    OtherProject,
    ProjectType,
    Proposal,
    Researcher,
    ResearcherRole,
    RoadmapStage,
    ScanAttachment,
    ScanSlot,
    SentCopy,
    Source,
    Task,
    Text,
)
from forms.money import EntryUnit, check_limit
from forms.profile import ProfileError, load_profile, profile_ids

MAX_TEXT = 200_000

#: The most entries each list of a proposal file may hold (the budget lines' justification rows: per
#: line). A merge of two files within them keeps within them too (``forms.merge``).
LIST_LIMITS: dict[tuple[str, ...], int] = {
    ("partner_regions",): 20, ("organisations",): 1000, ("roadmap",): 10, ("researchers",): 10_000,
    ("indicators",): 1000, ("tasks",): 1000, ("deliverables",): 1000, ("equipment",): 1000,
    ("budget", "lines"): 100_000, ("budget", "lines", "items"): 1000, ("attachments",): MAX_COUNT,
}
MIN_YEAR, MAX_YEAR = 2000, 2100
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# --- writing -----------------------------------------------------------------------------------


def _text(t: Text) -> dict:
    return {"ko": t.ko, "en": t.en}


def _plan_keys(p: Proposal) -> list[str]:
    """The plan's keys the proposal holds, in the order of the call's form (any others after)."""
    try:
        order = load_profile(p.call).form.section_keys()
    except ProfileError:
        order = []
    return [k for k in order if k in p.plan] + sorted(k for k in p.plan if k not in order)


def _by_year(values: dict[int, object]) -> dict[str, object]:
    return {str(year): values[year] for year in sorted(values)}


def _item(i: BudgetItem) -> dict:
    return {"id": i.id, "item": _text(i.item), "quantity": i.quantity, "unit_price_krw": i.unit_price_krw,
            "months": i.months}


def _records(p: Proposal) -> dict:
    """The structured records of the form (researchers, indicators, schedule, equipment)."""
    return {
        "researchers": [
            {"id": r.id, "org": r.org, "name": _text(r.name), "position": _text(r.position), "field": _text(r.field),
             "role": r.role, "rates": _by_year(r.rates),
             "other_projects": [{"title": o.title, "principal": o.principal, "rate": o.rate, "counted": o.counted}
                                for o in r.other_projects]}
            for r in p.researchers
        ],
        "indicators": [
            {"id": i.id, "name": _text(i.name), "kind": i.kind, "unit": _text(i.unit),
             "baseline": _text(i.baseline), "targets": {str(year): _text(i.targets[year]) for year in sorted(i.targets)},
             "weight": i.weight, "method": _text(i.method)}
            for i in p.indicators
        ],
        "tasks": [
            {"id": t.id, "name": _text(t.name), "org": t.org, "start": t.start, "end": t.end} for t in p.tasks
        ],
        "deliverables": [
            {"id": d.id, "task": d.task, "year": d.year, "name": _text(d.name)} for d in p.deliverables
        ],
        "equipment": [
            {"id": e.id, "org": e.org, "year": e.year, "name": _text(e.name), "purpose": _text(e.purpose),
             "quantity": e.quantity, "unit_price_krw": e.unit_price_krw, "shared": e.shared,
             "review_note": _text(e.review_note)}
            for e in p.equipment
        ],
        "attachments": [
            {"id": a.id, "slot": a.slot, "name": a.name, "media_type": a.media_type,
             "data": base64.b64encode(a.data).decode("ascii")}
            for a in p.attachments
        ],
    }


def to_dict(p: Proposal) -> dict:
    """The exchange form of a proposal, keys in the documented order."""
    doc = {
        "format": FILE_FORMAT,
        "format_version": FILE_FORMAT_VERSION,
        "id": p.id,
        "call": p.call,
        "type": p.type,
        "date": p.date.isoformat(),
        "title": _text(p.title),
        "lead_region": p.lead_region,
        "partner_regions": list(p.partner_regions),
        "organisations": [
            {"id": o.id, "name": _text(o.name), "kind": o.kind, "region": o.region, "role": o.role,
             "registration_number": o.registration_number, "representative": _text(o.representative),
             "address": _text(o.address), "contact": _text(o.contact)}
            for o in p.organisations
        ],
        "plan": {key: _text(p.plan.get(key, Text())) for key in _plan_keys(p)},
        "roadmap": [
            {"id": s.id, "stage": s.stage, "start_year": s.start_year, "end_year": s.end_year,
             "goal": _text(s.goal)}
            for s in p.roadmap
        ],
        "budget": {
            "entry_unit": p.budget.entry_unit,
            "lines": [
                {
                    "id": b.id,
                    "year": b.year,
                    "org": b.org,
                    "category": b.category,
                    "source": b.source,
                    **({"region": b.region} if b.region else {}),
                    "amount_krw": b.amount_krw,
                    **({"no_amount": True} if b.no_amount else {}),
                    **({"items": [_item(i) for i in b.items]} if b.items else {}),
                }
                for b in p.budget.lines
            ],
        },
        **_records(p),
    }
    if p.sent_copy is not None:
        doc["sent_copy"] = {"partner": p.sent_copy.partner, "base_fingerprint": p.sent_copy.base_fingerprint}
    return doc


def dumps(p: Proposal) -> str:
    return json.dumps(to_dict(p), ensure_ascii=False, indent=2) + "\n"


def _canonical(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def canonical_json(p: Proposal) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the fingerprint is taken of."""
    return _canonical(to_dict(p))


def fingerprint(p: Proposal) -> str:
    """SHA-256 of the canonical exchange JSON, in hex."""
    return hashlib.sha256(canonical_json(p)).hexdigest()


def written_fingerprint(text: str) -> str:
    """The fingerprint of an exchange document as it was written, in its own format version (a
    version-1 document read into today's model gains record ids, and so another fingerprint)."""
    return hashlib.sha256(_canonical(json.loads(text))).hexdigest()


def write_file(p: Proposal, path: str, *, oversized: bool = False) -> None:
    """Write the exchange file atomically. ``OSError`` becomes an :class:`InputError`, and so does a
    proposal whose file would be larger than :data:`MAX_FILE_BYTES`, which could not be read again
    (``oversized``: write it all the same, for a file that was already that large and is now smaller)."""
    raw = dumps(p).encode("utf-8")
    if len(raw) > MAX_FILE_BYTES and not oversized:
        raise InputError(N_("{file} was not written: the proposal would make a file of {size} MB, and a proposal "
                            "file can be read only up to {limit} MB. Its attached documents take {attached} MB; "
                            "remove some, or attach them scanned at a lower resolution."),
                         file=path, size=megabytes(len(raw)), limit=megabytes(MAX_FILE_BYTES),
                         attached=megabytes(total_bytes(p.attachments)))
    try:
        write_bytes(path, raw)
    except OSError as exc:
        raise InputError(N_("Cannot write {file}: {reason}"), file=path, reason=os_reason(exc)) from exc


# --- identity ----------------------------------------------------------------------------------

#: The namespace of ids derived from a proposal's content (a file that gives no id).
_CONTENT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:regional-proposal:content")
#: A UUID as people and programs write it: any case, in braces or after ``urn:uuid:``, with the
#: usual hyphens or none.
_UUID_TEXT = re.compile(r"(?i)(?:urn:uuid:)?(\{)?([0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12})(?(1)\})")


def normal_id(text: str) -> str | None:
    """The one way a proposal id is written (lower-case hex, hyphens, no braces or ``urn:uuid:``),
    or None when ``text`` is not a UUID in any of its usual spellings."""
    m = _UUID_TEXT.fullmatch(text.strip())
    return str(uuid.UUID(m.group(2).replace("-", ""))) if m else None


def content_id(p: Proposal) -> str:
    """The id of a proposal read from a file that gives none: derived from its content, so the same
    file is always the same proposal (the same PDF, the same record in the database)."""
    without = to_dict(p)
    without["id"] = ""
    raw = json.dumps(without, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(uuid.uuid5(_CONTENT_NAMESPACE, raw))


# --- reading -----------------------------------------------------------------------------------

_MISSING = object()
#: Where a finding about the file as a whole is: the place a field path would name.
_WHOLE_FILE = Phrase(N_("the whole file"))


class _Choices:
    """The allowed codes as a message field; an empty one is named as what it means."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes

    def render(self, lang: str) -> str:
        empty = '"" (' + translate(N_("not chosen yet"), lang) + ")"
        return ", ".join(code or empty for code in self.codes)


class _Reader:
    def __init__(self, repair: bool = False) -> None:
        #: reading a file over the limits an older version wrote, only to take attachments out of it
        self.repair = repair

    def fail(self, path: str, message: str, **fields: object) -> InputError:
        return InputError(message, path, **fields)

    def obj(self, value: object, path: str, keys: set[str] | None, required: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path or _WHOLE_FILE, N_("must be an object {{…}}, not {found}."), found=_kind(value))
        for key in value:
            if keys is not None and key not in keys:
                raise self.fail(_join(path, key), N_("unexpected key; expected one of: {keys}."),
                                keys=", ".join(sorted(keys)))
        for key in sorted(required):
            if key not in value:
                raise self.fail(_join(path, key), N_("this key is missing."))
        return value

    def string(self, value: object, path: str, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str):
            raise self.fail(path, N_("must be text, not {found}."), found=_kind(value))
        if len(value) > limit:
            raise self.fail(path, N_("is longer than {limit} characters."), limit=limit)
        return value

    def choice(self, value: object, path: str, allowed: list[str]) -> str:
        text = self.string(value, path, 100)
        if text not in allowed:
            raise self.fail(path, N_("'{value}' is not a known code; expected one of: {allowed}."),
                            value=text, allowed=_Choices(allowed))
        return text

    def region(self, value: object, path: str, allow_empty: bool = False) -> str:
        text = self.string(value, path, 20)
        if allow_empty and text == "":
            return text
        if not regions.is_known(text):
            raise self.fail(path, N_("'{value}' is not a region code; use ISO 3166-2:KR codes such as KR-47."),
                            value=text)
        return text

    def integer(self, value: object, path: str, lo: int, hi: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, N_("must be a whole number from {lo} to {hi}, not {found}."),
                            lo=lo, hi=hi, found=_kind(value))
        if not lo <= value <= hi:
            raise self.fail(path, N_("must be a whole number from {lo} to {hi}, not {found}."),
                            lo=lo, hi=hi, found=value)
        return value

    def amount(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, N_("must be a whole number of won, 0 or more."))
        check_limit(value, path)
        return value

    def text(self, value: object, path: str) -> Text:
        d = self.obj(value, path, {"ko", "en"}, set())
        return Text(self.string(d.get("ko", ""), _join(path, "ko")), self.string(d.get("en", ""), _join(path, "en")))

    def short_text(self, value: object, path: str, limit: int) -> Text:
        """A short text in Korean and English ({"ko": …, "en": …}), or, as format 2 wrote an
        indicator's baseline and targets, one string: the same text in both languages."""
        if isinstance(value, str):
            return Text.both(self.string(value, path, limit))
        if not isinstance(value, dict):
            raise self.fail(path, N_("must be text, or an object {{…}} with the Korean and English text, not "
                                     "{found}."), found=_kind(value))
        d = self.obj(value, path, {"ko", "en"}, set())
        return Text(self.string(d.get("ko", ""), _join(path, "ko"), limit),
                    self.string(d.get("en", ""), _join(path, "en"), limit))

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, N_("must be true or false, not {found}."), found=_kind(value))
        return value

    def ident(self, value: object, path: str, seen: set[str], what: str) -> str:
        """A record's id: non-empty text, unique among the records of its table."""
        text = self.string(value, path, ids.MAX_ID)
        if not text.strip():
            raise self.fail(path, N_("must not be empty."))
        if text in seen:
            raise self.fail(path, N_("the id '{value}' is used by another {what}."), value=text, what=Phrase(what))
        seen.add(text)
        return text

    def by_year(self, value: object, path: str, read: object) -> dict[int, object]:
        """An object keyed by year ("2023": …), each value read by ``read(value, path)``; a value's
        path names its year in brackets (``researchers[0].rates[2023]``)."""
        d = self.obj(value, path, None, set())
        out: dict[int, object] = {}
        for key, item in d.items():
            if not (len(key) == 4 and key.isdigit() and MIN_YEAR <= int(key) <= MAX_YEAR):
                raise self.fail(f"{path}[{json.dumps(key[:20], ensure_ascii=False)}]", N_("'{value}' is not a year; the keys here are years such as "
                                                     "\"2023\"."), value=key[:20])
            out[int(key)] = read(item, f"{path}[{key}]")  # type: ignore[operator]
        return out

    def array(self, value: object, path: str, limit: int = 100_000) -> list:
        if not isinstance(value, list):
            raise self.fail(path, N_("must be a list [...], not {found}."), found=_kind(value))
        if len(value) > limit:
            raise self.fail(path, N_("has more than {limit} entries."), limit=limit)
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: object) -> object:
    if isinstance(value, jsontext.Float):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value[:30], ensure_ascii=False)
    if isinstance(value, dict):
        return Phrase(N_("an object"))
    if isinstance(value, list):
        return Phrase(N_("a list"))
    return type(value).__name__


_TOP_KEYS = {"format", "format_version", "id", "call", "type", "date", "title", "lead_region",
             "partner_regions", "organisations", "plan", "roadmap", "budget",
             "researchers", "indicators", "tasks", "deliverables", "equipment",
             "attachments", "sent_copy"}
_ORG_KEYS = {"id", "name", "kind", "region", "role", "registration_number", "representative", "address", "contact"}
#: A month of the schedule: YYYY-MM.
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def from_dict(data: object, *, repair: bool = False) -> Proposal:
    """Check and convert a parsed exchange document. Raises :class:`InputError` naming the path.
    ``repair``: more attached documents than a file may list are read too (see :func:`read_file`)."""
    r = _Reader(repair)
    d = r.obj(data, "", _TOP_KEYS, {"format", "format_version", "call", "type", "lead_region",
                                     "partner_regions", "organisations", "budget"})
    if d["format"] != FILE_FORMAT:
        raise r.fail("format", N_("must be \"{expected}\"; this is not a proposal file."), expected=FILE_FORMAT)
    version = d["format_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FILE_FORMAT_VERSION:
        raise r.fail("format_version", N_("the file was written by a newer version of the app (format {found}); "
                                          "this version reads format {supported}."),
                     found=version, supported=FILE_FORMAT_VERSION)
    r.integer(version, "format_version", 1, FILE_FORMAT_VERSION)

    p = Proposal()
    if "id" in d:
        text = r.string(d["id"], "id", 64)
        p.id = normal_id(text)
        if p.id is None:
            raise r.fail("id", N_("must be a UUID such as 0b5d…-…; '{value}' is not."), value=text[:40])
    p.call = r.choice(d["call"], "call", profile_ids())
    p.type = r.choice(d["type"], "type", [t.value for t in ProjectType] + [""])
    p.date = load_profile(p.call).announced
    if "date" in d:
        text = r.string(d["date"], "date", 10)
        if not _DATE.fullmatch(text):  # exactly YYYY-MM-DD: fromisoformat also takes 20230302, 2023-W10-4
            raise r.fail("date", N_("must be a date written YYYY-MM-DD, not '{value}'."), value=text)
        try:
            p.date = dt.date.fromisoformat(text)
        except ValueError:  # written as a date, but no such day: 2023-02-30, 2023-13-01
            raise no_such_day(r, "date", text) from None
        if not MIN_YEAR <= p.date.year <= MAX_YEAR:
            raise r.fail("date", N_("must be a date from {lo} to {hi}, not '{value}'."), lo=MIN_YEAR, hi=MAX_YEAR,
                         value=text)
    if "title" in d:
        p.title = r.text(d["title"], "title")
    p.lead_region = r.region(d["lead_region"], "lead_region", allow_empty=True)
    p.partner_regions = [r.region(v, f"partner_regions[{i}]")
                         for i, v in enumerate(r.array(d["partner_regions"], "partner_regions", LIST_LIMITS["partner_regions",]))]

    # Version 1 gave budget lines and roadmap stages no id: theirs are derived from their place
    # once the proposal's own id is known (at the end: a file may give none). Version 2 wrote an
    # indicator's baseline and targets as one string each (read by ``_Reader.short_text``).
    has_ids = version >= 2
    seen: set[str] = set()
    for i, raw in enumerate(r.array(d["organisations"], "organisations", LIST_LIMITS["organisations",])):
        path = f"organisations[{i}]"
        o = r.obj(raw, path, _ORG_KEYS, {"id", "name", "kind", "region", "role"})
        p.organisations.append(Organisation(
            id=r.ident(o["id"], path + ".id", seen, N_("organisation")),
            name=r.text(o["name"], path + ".name"),
            kind=r.choice(o["kind"], path + ".kind", [k.value for k in OrgKind]),
            region=r.region(o["region"], path + ".region", allow_empty=True),
            role=r.choice(o["role"], path + ".role", [k.value for k in OrgRole]),
            registration_number=r.string(o.get("registration_number", ""), path + ".registration_number", 20),
            representative=r.text(o.get("representative", {}), path + ".representative"),
            address=r.text(o.get("address", {}), path + ".address"),
            contact=r.text(o.get("contact", {}), path + ".contact"),
        ))

    if "plan" in d:
        # The call's form names the plan's sections; files of the first format hold a subset.
        known = load_profile(p.call).form.section_keys()
        plan = r.obj(d["plan"], "plan", set(known), set())
        p.plan = {key: r.text(plan[key], f"plan.{key}") for key in known if key in plan}
    if "roadmap" in d:
        seen = set()
        for i, raw in enumerate(r.array(d["roadmap"], "roadmap", LIST_LIMITS["roadmap",])):
            path = f"roadmap[{i}]"
            s = r.obj(raw, path, {"id", "stage", "start_year", "end_year", "goal"},
                      {"stage", "start_year", "end_year"} | ({"id"} if has_ids else set()))
            p.roadmap.append(RoadmapStage(
                id=r.ident(s["id"], path + ".id", seen, N_("roadmap stage")) if "id" in s else "",
                stage=r.integer(s["stage"], path + ".stage", 1, 10),
                start_year=r.integer(s["start_year"], path + ".start_year", MIN_YEAR, MAX_YEAR),
                end_year=r.integer(s["end_year"], path + ".end_year", MIN_YEAR, MAX_YEAR),
                goal=r.text(s.get("goal", {}), path + ".goal"),
            ))

    _read_records(r, d, p)
    _read_attachments(r, d, p)

    b = r.obj(d["budget"], "budget", {"entry_unit", "lines"}, {"lines"})
    p.budget = Budget()
    if "entry_unit" in b:
        p.budget.entry_unit = r.choice(b["entry_unit"], "budget.entry_unit", [u.code for u in EntryUnit])
    seen = set()
    for i, raw in enumerate(r.array(b["lines"], "budget.lines", LIST_LIMITS["budget", "lines"])):
        path = f"budget.lines[{i}]"
        line = r.obj(raw, path, {"id", "year", "org", "category", "source", "region", "amount_krw", "no_amount",
                                 "items"},
                     {"year", "org", "category", "source", "amount_krw"} | ({"id"} if has_ids else set()))
        source = r.choice(line["source"], path + ".source", [s.value for s in Source])
        region = line.get("region")
        p.budget.lines.append(BudgetLine(
            id=r.ident(line["id"], path + ".id", seen, N_("budget line")) if "id" in line else "",
            year=r.integer(line["year"], path + ".year", MIN_YEAR, MAX_YEAR),
            org=r.string(line["org"], path + ".org", 64),
            category=r.choice(line["category"], path + ".category", list(categories.CATEGORIES)),
            source=source,
            amount_krw=r.amount(line["amount_krw"], path + ".amount_krw"),
            region=None if region is None else r.region(region, path + ".region"),
            items=_read_items(r, line.get("items", []), path + ".items"),
            no_amount="no_amount" in line and r.boolean(line["no_amount"], path + ".no_amount"),
        ))
        if p.budget.lines[-1].no_amount and p.budget.lines[-1].amount_krw:
            raise r.fail(path + ".amount_krw", N_("a line marked as having no amount (no_amount) must have "
                                                  "amount_krw 0."))
    if "sent_copy" in d:
        sent = r.obj(d["sent_copy"], "sent_copy", {"partner", "base_fingerprint"}, {"partner", "base_fingerprint"})
        fp = r.string(sent["base_fingerprint"], "sent_copy.base_fingerprint", 64)
        if len(fp) != 64 or any(ch not in "0123456789abcdef" for ch in fp):
            raise r.fail("sent_copy.base_fingerprint", N_("must be a fingerprint of 64 hexadecimal digits."))
        p.sent_copy = SentCopy(r.string(sent["partner"], "sent_copy.partner", 200), fp)
    if "id" not in d:
        p.id = content_id(p)
    for collection, records in (("roadmap", p.roadmap), ("budget.lines", p.budget.lines)):
        for index, record in enumerate(records):
            if not record.id:  # a read id is never empty
                record.id = ids.derived_id(p.id, collection, index)
    return p


def _read_items(r: _Reader, value: object, path: str) -> list[BudgetItem]:
    out: list[BudgetItem] = []
    seen: set[str] = set()
    for i, raw in enumerate(r.array(value, path, LIST_LIMITS["budget", "lines", "items"])):
        where = f"{path}[{i}]"
        d = r.obj(raw, where, {"id", "item", "quantity", "unit_price_krw", "months"},
                  {"id", "item", "quantity", "unit_price_krw"})
        out.append(BudgetItem(
            id=r.ident(d["id"], where + ".id", seen, N_("justification row")),
            item=r.text(d["item"], where + ".item"),
            quantity=r.integer(d["quantity"], where + ".quantity", 0, 1_000_000),
            unit_price_krw=r.amount(d["unit_price_krw"], where + ".unit_price_krw"),
            months=r.integer(d.get("months", 1), where + ".months", 1, 120),
        ))
    return out


def no_such_day(r: _Reader, path: str, text: str) -> InputError:
    """The error for a date written right that is not on the calendar: which part does not exist."""
    year, month, _day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return r.fail(path, N_("'{value}' does not exist: a year has no month {month}."), value=text, month=month)
    days = calendar.monthrange(year, month)[1] if year else 31
    return r.fail(path, N_("'{value}' does not exist: that month has {days} days."), value=text, days=days)


def _percent(r: _Reader, value: object, path: str) -> int:
    return r.integer(value, path, 0, 100)


def _month(r: _Reader, value: object, path: str) -> str:
    text = r.string(value, path, 7)
    m = _MONTH.match(text)
    if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        raise r.fail(path, N_("must be a month written YYYY-MM (such as 2023-04), not '{value}'."), value=text)
    return text


def _read_records(r: _Reader, d: dict, p: Proposal) -> None:
    """The form's records: researchers, indicators, tasks and deliverables, equipment. Each list
    is optional (absent: empty); every record has an id unique in its list."""
    seen: set[str] = set()
    for i, raw in enumerate(r.array(d.get("researchers", []), "researchers", LIST_LIMITS["researchers",])):
        path = f"researchers[{i}]"
        x = r.obj(raw, path, {"id", "org", "name", "position", "field", "role", "rates", "other_projects"},
                  {"id", "org", "name", "role"})
        others = []
        for j, o in enumerate(r.array(x.get("other_projects", []), path + ".other_projects", 100)):
            where = f"{path}.other_projects[{j}]"
            o = r.obj(o, where, {"title", "principal", "rate", "counted"}, {"principal", "rate"})
            others.append(OtherProject(
                title=r.string(o.get("title", ""), where + ".title", 500),
                principal=r.boolean(o["principal"], where + ".principal"),
                rate=_percent(r, o["rate"], where + ".rate"),
                counted=r.boolean(o.get("counted", True), where + ".counted"),
            ))
        p.researchers.append(Researcher(
            id=r.ident(x["id"], path + ".id", seen, N_("researcher")),
            org=r.string(x["org"], path + ".org", 64),
            name=r.text(x["name"], path + ".name"),
            position=r.text(x.get("position", {}), path + ".position"),
            field=r.text(x.get("field", {}), path + ".field"),
            role=r.choice(x["role"], path + ".role", [k.value for k in ResearcherRole]),
            rates=r.by_year(x.get("rates", {}), path + ".rates", lambda v, w: _percent(r, v, w)),
            other_projects=others,
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("indicators", []), "indicators", LIST_LIMITS["indicators",])):
        path = f"indicators[{i}]"
        x = r.obj(raw, path, {"id", "name", "kind", "unit", "baseline", "targets", "weight", "method"},
                  {"id", "name", "kind", "weight"})
        p.indicators.append(Indicator(
            id=r.ident(x["id"], path + ".id", seen, N_("indicator")),
            name=r.text(x["name"], path + ".name"),
            kind=r.choice(x["kind"], path + ".kind", [k.value for k in IndicatorKind]),
            unit=r.text(x.get("unit", {}), path + ".unit"),
            baseline=r.short_text(x.get("baseline", {}), path + ".baseline", 200),
            targets=r.by_year(x.get("targets", {}), path + ".targets", lambda v, w: r.short_text(v, w, 200)),
            weight=_percent(r, x["weight"], path + ".weight"),
            method=r.text(x.get("method", {}), path + ".method"),
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("tasks", []), "tasks", LIST_LIMITS["tasks",])):
        path = f"tasks[{i}]"
        x = r.obj(raw, path, {"id", "name", "org", "start", "end"}, {"id", "name", "org", "start", "end"})
        p.tasks.append(Task(
            id=r.ident(x["id"], path + ".id", seen, N_("task")),
            name=r.text(x["name"], path + ".name"),
            org=r.string(x["org"], path + ".org", 64),
            start=_month(r, x["start"], path + ".start"),
            end=_month(r, x["end"], path + ".end"),
        ))
    task_ids = [t.id for t in p.tasks]

    seen = set()
    for i, raw in enumerate(r.array(d.get("deliverables", []), "deliverables", LIST_LIMITS["deliverables",])):
        path = f"deliverables[{i}]"
        x = r.obj(raw, path, {"id", "task", "year", "name"}, {"id", "task", "year", "name"})
        item_id = r.ident(x["id"], path + ".id", seen, N_("deliverable"))
        task = r.string(x["task"], path + ".task", 64)
        if task not in task_ids:
            raise r.fail(path + ".task", N_("'{value}' is not the id of a task in this file; expected one of: "
                                            "{allowed}."), value=task, allowed=_Choices(task_ids))
        p.deliverables.append(Deliverable(
            id=item_id, task=task,
            year=r.integer(x["year"], path + ".year", MIN_YEAR, MAX_YEAR),
            name=r.text(x["name"], path + ".name"),
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("equipment", []), "equipment", LIST_LIMITS["equipment",])):
        path = f"equipment[{i}]"
        x = r.obj(raw, path, {"id", "org", "year", "name", "purpose", "quantity", "unit_price_krw", "shared",
                              "review_note"}, {"id", "org", "year", "name", "quantity", "unit_price_krw"})
        p.equipment.append(Equipment(
            id=r.ident(x["id"], path + ".id", seen, N_("equipment item")),
            org=r.string(x["org"], path + ".org", 64),
            year=r.integer(x["year"], path + ".year", MIN_YEAR, MAX_YEAR),
            name=r.text(x["name"], path + ".name"),
            purpose=r.text(x.get("purpose", {}), path + ".purpose"),
            quantity=r.integer(x["quantity"], path + ".quantity", 0, 100_000),
            unit_price_krw=r.amount(x["unit_price_krw"], path + ".unit_price_krw"),
            shared=r.boolean(x.get("shared", False), path + ".shared"),
            review_note=r.text(x.get("review_note", {}), path + ".review_note"),
        ))


def _read_attachments(r: _Reader, d: dict, p: Proposal) -> None:
    """The documents the official attached: their bytes as base64, never a path."""
    seen: set[str] = set()
    most = 100_000 if r.repair else MAX_COUNT
    for i, raw in enumerate(r.array(d.get("attachments", []), "attachments", most)):
        path = f"attachments[{i}]"
        x = r.obj(raw, path, {"id", "slot", "name", "media_type", "data"}, {"id", "slot", "media_type", "data"})
        text = r.string(x["data"], path + ".data", REPAIR_MAX_BYTES if r.repair else MAX_FILE_BYTES)
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise r.fail(path + ".data", N_("must be the document's bytes in base64.")) from None
        p.attachments.append(ScanAttachment(
            id=r.ident(x["id"], path + ".id", seen, N_("attachment")),
            slot=r.choice(x["slot"], path + ".slot", [s.value for s in ScanSlot]),
            name=r.string(x.get("name", ""), path + ".name", 255),
            media_type=r.choice(x["media_type"], path + ".media_type", list(SCAN_TYPES)),
            data=data,
        ))


def loads(text: str, *, repair: bool = False) -> Proposal:
    """Parse exchange JSON text. Raises :class:`InputError` with line/column or field path."""
    data = jsontext.parse(text)
    try:
        return from_dict(data, repair=repair)
    except RecursionError:
        raise InputError(N_("The file is nested too deeply to be a proposal.")) from None


def loads_bytes(raw: bytes, *, repair: bool = False) -> Proposal:
    most = REPAIR_MAX_BYTES if repair else MAX_FILE_BYTES
    if len(raw) > most:
        raise InputError(N_("The file is larger than {limit} MB; a proposal file is much smaller."),
                         limit=most // (1024 * 1024))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(N_("line {line}: the file is not UTF-8 text (byte {offset})."),
                         line=line, offset=exc.start) from None
    return loads(text, repair=repair)


def read_file(path: str, *, repair: bool = False) -> Proposal:
    """Read an exchange file. Every problem, the file's own included, is an :class:`InputError`.

    ``repair`` reads a file an older version wrote over the limits — up to ``REPAIR_MAX_BYTES``, with
    any number of attached documents — only so that attachments can be taken out of it (``detach``)."""
    most = REPAIR_MAX_BYTES if repair else MAX_FILE_BYTES
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(N_("Cannot read {file}: {reason}."), file=path, reason=Phrase(N_("it is a folder")))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would be read forever, or block
            raise InputError(N_("{file} is not an ordinary file (it is a device, a pipe or a socket); name a "
                                "proposal file."), file=path)
        size = info.st_size
        if size > most:
            raise InputError(N_("{file} is {size} MB; a proposal file is read up to {limit} MB. If it carries many "
                                "attached documents, take some out with the detach command (\"detach {file}\" "
                                "without an id lists them), then read it again."),
                             file=path, size=megabytes(size), limit=megabytes(most))
        with open(path, "rb") as fp:
            raw = fp.read(most + 1)
    except OSError as exc:
        raise InputError(N_("Cannot read {file}: {reason}."), file=path, reason=os_reason(exc)) from None
    return loads_bytes(raw, repair=repair)
