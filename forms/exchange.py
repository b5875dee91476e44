"""The exchange file: one proposal as UTF-8 JSON (``resources/schema/proposal.schema.json``).

Reading is strict and never evaluates anything: every problem is an :class:`InputError` naming
the JSON line and column or the field path (``budget.lines[3].amount_krw``). Money must be a JSON
integer of won; floats, numeric strings and booleans are refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import uuid
from decimal import Decimal

from forms import categories, jsontext, regions
from forms.app import FILE_FORMAT, FILE_FORMAT_VERSION
from forms.atomic import write_bytes
from forms.errors import InputError, Phrase, os_reason
from forms.i18n import N_, translate
from forms.model import (
    SECTIONS,
    BudgetLine,
    Organisation,
    OrgKind,
    OrgRole,
    ProjectType,
    Proposal,
    RoadmapStage,
    SentCopy,
    Source,
    Text,
)
from forms.money import EntryUnit, check_limit
from forms.profile import load_profile, profile_ids

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT = 200_000
MIN_YEAR, MAX_YEAR = 2000, 2100

# --- writing -----------------------------------------------------------------------------------


def _text(t: Text) -> dict:
    return {"ko": t.ko, "en": t.en}


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
            {"id": o.id, "name": _text(o.name), "kind": o.kind, "region": o.region, "role": o.role}
            for o in p.organisations
        ],
        "plan": {key: _text(p.sections.get(key, Text())) for key in SECTIONS},
        "roadmap": [
            {"stage": s.stage, "start_year": s.start_year, "end_year": s.end_year, "goal": _text(s.goal)}
            for s in p.roadmap
        ],
        "budget": {
            "entry_unit": p.entry_unit,
            "lines": [
                {
                    "year": b.year,
                    "org": b.org,
                    "category": b.category,
                    "source": b.source,
                    **({"region": b.region} if b.region else {}),
                    "amount_krw": b.amount_krw,
                }
                for b in p.budget_lines
            ],
        },
    }
    if p.sent_copy is not None:
        doc["sent_copy"] = {"partner": p.sent_copy.partner, "base_fingerprint": p.sent_copy.base_fingerprint}
    return doc


def dumps(p: Proposal) -> str:
    return json.dumps(to_dict(p), ensure_ascii=False, indent=2) + "\n"


def canonical_json(p: Proposal) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the fingerprint is taken of."""
    return json.dumps(to_dict(p), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint(p: Proposal) -> str:
    """SHA-256 of the canonical exchange JSON, in hex."""
    return hashlib.sha256(canonical_json(p)).hexdigest()


def write_file(p: Proposal, path: str) -> None:
    """Write the exchange file atomically. ``OSError`` becomes an :class:`InputError`."""
    try:
        write_bytes(path, dumps(p).encode("utf-8"))
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
    def fail(self, path: str, message: str, **fields: object) -> InputError:
        return InputError(message, path, **fields)

    def obj(self, value: object, path: str, keys: set[str], required: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path or _WHOLE_FILE, N_("must be an object {{…}}, not {found}."), found=_kind(value))
        for key in value:
            if key not in keys:
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
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value[:30], ensure_ascii=False)
    if isinstance(value, dict):
        return Phrase(N_("an object"))
    if isinstance(value, list):
        return Phrase(N_("a list"))
    return type(value).__name__


_TOP_KEYS = {"format", "format_version", "id", "call", "type", "date", "title", "lead_region",
             "partner_regions", "organisations", "plan", "roadmap", "budget", "sent_copy"}


def from_dict(data: object) -> Proposal:
    """Check and convert a parsed exchange document. Raises :class:`InputError` naming the path."""
    r = _Reader()
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
        try:
            p.date = dt.date.fromisoformat(text)
        except ValueError:
            raise r.fail("date", N_("must be a date written YYYY-MM-DD, not '{value}'."), value=text) from None
    if "title" in d:
        p.title = r.text(d["title"], "title")
    p.lead_region = r.region(d["lead_region"], "lead_region", allow_empty=True)
    p.partner_regions = [r.region(v, f"partner_regions[{i}]")
                         for i, v in enumerate(r.array(d["partner_regions"], "partner_regions", 20))]

    ids: set[str] = set()
    for i, raw in enumerate(r.array(d["organisations"], "organisations", 1000)):
        path = f"organisations[{i}]"
        o = r.obj(raw, path, {"id", "name", "kind", "region", "role"}, {"id", "name", "kind", "region", "role"})
        org_id = r.string(o["id"], path + ".id", 64)
        if not org_id.strip():
            raise r.fail(path + ".id", N_("must not be empty."))
        if org_id in ids:
            raise r.fail(path + ".id", N_("the id '{value}' is used by another organisation."), value=org_id)
        ids.add(org_id)
        p.organisations.append(Organisation(
            id=org_id,
            name=r.text(o["name"], path + ".name"),
            kind=r.choice(o["kind"], path + ".kind", [k.value for k in OrgKind]),
            region=r.region(o["region"], path + ".region", allow_empty=True),
            role=r.choice(o["role"], path + ".role", [k.value for k in OrgRole]),
        ))

    if "plan" in d:
        plan = r.obj(d["plan"], "plan", set(SECTIONS), set())
        p.sections = {key: r.text(plan[key], f"plan.{key}") if key in plan else Text() for key in SECTIONS}
    if "roadmap" in d:
        for i, raw in enumerate(r.array(d["roadmap"], "roadmap", 10)):
            path = f"roadmap[{i}]"
            s = r.obj(raw, path, {"stage", "start_year", "end_year", "goal"}, {"stage", "start_year", "end_year"})
            p.roadmap.append(RoadmapStage(
                stage=r.integer(s["stage"], path + ".stage", 1, 10),
                start_year=r.integer(s["start_year"], path + ".start_year", MIN_YEAR, MAX_YEAR),
                end_year=r.integer(s["end_year"], path + ".end_year", MIN_YEAR, MAX_YEAR),
                goal=r.text(s.get("goal", {}), path + ".goal"),
            ))

    b = r.obj(d["budget"], "budget", {"entry_unit", "lines"}, {"lines"})
    if "entry_unit" in b:
        p.entry_unit = r.choice(b["entry_unit"], "budget.entry_unit", [u.code for u in EntryUnit])
    for i, raw in enumerate(r.array(b["lines"], "budget.lines")):
        path = f"budget.lines[{i}]"
        line = r.obj(raw, path, {"year", "org", "category", "source", "region", "amount_krw"},
                     {"year", "org", "category", "source", "amount_krw"})
        source = r.choice(line["source"], path + ".source", [s.value for s in Source])
        region = line.get("region")
        p.budget_lines.append(BudgetLine(
            year=r.integer(line["year"], path + ".year", MIN_YEAR, MAX_YEAR),
            org=r.string(line["org"], path + ".org", 64),
            category=r.choice(line["category"], path + ".category", list(categories.CATEGORIES)),
            source=source,
            amount_krw=r.amount(line["amount_krw"], path + ".amount_krw"),
            region=None if region is None else r.region(region, path + ".region"),
        ))
    if "sent_copy" in d:
        sent = r.obj(d["sent_copy"], "sent_copy", {"partner", "base_fingerprint"}, {"partner", "base_fingerprint"})
        fp = r.string(sent["base_fingerprint"], "sent_copy.base_fingerprint", 64)
        if len(fp) != 64 or any(ch not in "0123456789abcdef" for ch in fp):
            raise r.fail("sent_copy.base_fingerprint", N_("must be a fingerprint of 64 hexadecimal digits."))
        p.sent_copy = SentCopy(r.string(sent["partner"], "sent_copy.partner", 200), fp)
    if "id" not in d:
        p.id = content_id(p)
    return p


def loads(text: str) -> Proposal:
    """Parse exchange JSON text. Raises :class:`InputError` with line/column or field path."""
    data = jsontext.parse(text)
    try:
        return from_dict(data)
    except RecursionError:
        raise InputError(N_("The file is nested too deeply to be a proposal.")) from None


def loads_bytes(raw: bytes) -> Proposal:
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(N_("The file is larger than {limit} MB; a proposal file is much smaller."), limit=20)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(N_("line {line}: the file is not UTF-8 text (byte {offset})."),
                         line=line, offset=exc.start) from None
    return loads(text)


def read_file(path: str) -> Proposal:
    """Read an exchange file. Every problem, the file's own included, is an :class:`InputError`."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(N_("Cannot read {file}: {reason}"), file=path, reason=Phrase(N_("it is a folder")))
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would be read forever, or block
            raise InputError(N_("{file} is not an ordinary file (it is a device, a pipe or a socket); name a "
                                "proposal file."), file=path)
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise InputError(N_("The file is larger than {limit} MB; a proposal file is much smaller."), limit=20)
        with open(path, "rb") as fp:
            raw = fp.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(N_("Cannot read {file}: {reason}"), file=path, reason=os_reason(exc)) from None
    return loads_bytes(raw)
