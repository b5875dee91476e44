"""Reading a call profile from its TOML file (``tomllib``) into :class:`~forms.profile.types.CallProfile`:
every key and type is checked, and a wrong one is reported with the file, the key and what was expected.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import tomllib
from enum import Enum
from fractions import Fraction
from typing import Final, Literal, overload

from forms import categories, regions
from forms.attached import MAX_TOTAL_BYTES
from forms.base.errors import InputError, Phrase, os_reason
from forms.base.i18n import N_
from forms.model import RECORD_TABLES, OrgKind, ProjectType, Text
from forms.profile.types import (
    COMMITMENT_FIELDS,
    COMMITMENTS,
    DEFAULT_SCAN_LIMIT,
    Amount,
    CallProfile,
    Chapter,
    Commitment,
    Form,
    FormItem,
    FormSection,
    Participation,
    Percent,
    Period,
    ShareRule,
    Size,
    Sourced,
    TypeRule,
    printed_tables,
)


class ProfileError(InputError):
    pass


class _Missing(Enum):
    """No value for a key: a default not given, or a key the file does not have."""

    MISSING = "missing"


_MISSING: Final = _Missing.MISSING


class _Reader:
    """Walks a parsed TOML table, checking keys and types and naming the file and key on error."""

    def __init__(self, path: str, data: dict) -> None:
        self.path = os.path.basename(path)
        self.data = data
        self.used: dict[str, set[str]] = {}

    def fail(self, key: str, expected: str, found: object) -> ProfileError:
        shown = Phrase(N_("nothing")) if found is _MISSING else f"{found!r}"[:80]
        return ProfileError(
            N_("Call profile {file}, key '{key}': expected {expected}, found {found}."),
            file=self.path, key=key, expected=Phrase(expected), found=shown,
        )

    def table(self, key: str, parent: dict | None = None, optional: bool = False) -> dict:
        src = self.data if parent is None else parent
        value = src.get(key.rsplit(".", 1)[-1], _MISSING)
        if value is _MISSING and optional:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, N_("a table"), value)
        return value

    def tables(self, raw: object, key: str, expected: str) -> list[tuple[str, dict]]:
        """``raw``, read at ``key``: a list of one table or more (``[[key]]``), each with its own key
        (``key[i]``)."""
        if not isinstance(raw, list) or not raw:
            raise self.fail(key, expected, _MISSING if raw is None else raw)
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", N_("a table"), item)
        return [(f"{key}[{i}]", item) for i, item in enumerate(raw)]

    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["str"], default: str | _Missing = _MISSING) -> str: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["bool"], default: bool | _Missing = _MISSING) -> bool: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["int"], default: int | _Missing = _MISSING) -> int: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["percent"],
            default: int | _Missing = _MISSING) -> int | float: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["date"]) -> dt.date: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["ints"]) -> list[int]: ...
    @overload
    def get(self, table: dict, prefix: str, key: str, kind: Literal["strs"],
            default: list[str] | _Missing = _MISSING) -> list[str]: ...

    def get(self, table: dict, prefix: str, key: str, kind: str, default: object = _MISSING) -> object:
        """The value at ``key``, checked to be of ``kind`` (the overloads say what each kind gives)."""
        full = f"{prefix}.{key}" if prefix else key
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if default is not _MISSING:
                return default
            raise self.fail(full, _KIND_TEXT[kind], value)
        ok = {
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "int": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
            "percent": isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100,
            "date": isinstance(value, dt.date) and not isinstance(value, dt.datetime),
            "ints": isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value),
            "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        }[kind]
        if not ok:
            raise self.fail(full, _KIND_TEXT[kind], value)
        return value

    def only(self, table: dict, prefix: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                full = f"{prefix}.{key}" if prefix else key
                raise ProfileError(
                    N_("Call profile {file}: unknown key '{key}'. Expected one of {expected}."),
                    file=self.path, key=full, expected=", ".join(sorted(allowed)),
                )

    def sourced(self, table: dict, prefix: str) -> dict:
        return {
            "source": self.get(table, prefix, "source", "str"),
            "inferred": self.get(table, prefix, "inferred", "bool", False),
            "note": self.get(table, prefix, "note", "str", ""),
            "source_ko": self.get(table, prefix, "source_ko", "str", ""),
            "note_ko": self.get(table, prefix, "note_ko", "str", ""),
        }

    def text(self, key: str) -> Text:
        table = self.table(key)
        self.only(table, key, {"ko", "en"})
        return Text(self.get(table, key, "ko", "str"), self.get(table, key, "en", "str"))


_KIND_TEXT = {
    "str": N_("a text"),
    "bool": N_("true or false"),
    "int": N_("a whole number, 0 or more"),
    "percent": N_("a percentage from 0 to 100"),
    "date": N_("a date (YYYY-MM-DD)"),
    "ints": N_("a list of whole numbers"),
    "strs": N_("a list of texts"),
}
_SOURCED = {"source", "inferred", "note", "source_ko", "note_ko"}


def _pct(value: int | float) -> Fraction:
    # TOML floats such as 33.3 are taken at their written decimal value, never as binary floats.
    return Fraction(str(value))


def parse_profile(data: dict, path: str) -> CallProfile:
    r = _Reader(path, data)
    r.only(data, "", {
        "id", "version", "announced", "submission_language", "source", "source_ko", "name", "ministry", "agency",
        "years", "national_cap", "local_match", "types", "eligibility", "categories", "shares", "caps",
        "policy", "roadmap", "form", "participation", "equipment_review", "scan_limit", "severity", "submission",
        "commitments",
    })
    years = r.table("years")
    r.only(years, "years", {"values"} | _SOURCED)
    cap = r.table("national_cap")
    r.only(cap, "national_cap", {"amount_krw"} | _SOURCED)
    local = r.table("local_match")
    r.only(local, "local_match", {"min_percent", "basis"} | _SOURCED)
    basis = r.get(local, "local_match", "basis", "str")
    if basis not in ("national", "total"):
        raise r.fail("local_match.basis", N_("'national' or 'total'"), basis)

    types_t = r.table("types")
    types: dict[str, TypeRule] = {}
    for code, t in types_t.items():
        if code not in {p.value for p in ProjectType}:
            raise r.fail(f"types.{code}", N_("'super_regional' or 'leap'"), code)
        if not isinstance(t, dict):
            raise r.fail(f"types.{code}", N_("a table"), t)
        r.only(t, f"types.{code}", {"min_regions", "max_regions"} | _SOURCED)
        types[code] = TypeRule(
            min_regions=r.get(t, f"types.{code}", "min_regions", "int"),
            max_regions=r.get(t, f"types.{code}", "max_regions", "int", 0),
            **r.sourced(t, f"types.{code}"),
        )

    elig = r.table("eligibility")
    r.only(elig, "eligibility", {"regions"} | _SOURCED)
    eligible = tuple(r.get(elig, "eligibility", "regions", "strs"))
    for code in eligible:
        if not regions.is_known(code):
            raise r.fail("eligibility.regions", N_("ISO 3166-2:KR codes such as 'KR-47'"), code)

    cats = r.table("categories")
    r.only(cats, "categories", {"allowed"} | _SOURCED)
    allowed = tuple(r.get(cats, "categories", "allowed", "strs"))
    for code in allowed:
        if not categories.is_known(code):
            raise r.fail("categories.allowed", N_("category codes such as 'personnel'"), code)

    shares: dict[str, ShareRule] = {}
    shares_t = r.table("shares")
    for kind in OrgKind:
        t = r.table(f"shares.{kind.value}", shares_t)
        prefix = f"shares.{kind.value}"
        r.only(t, prefix, {"gov_max_percent", "own_min_percent", "own_cash_min_percent"} | _SOURCED)
        shares[kind.value] = ShareRule(
            gov_max=_pct(r.get(t, prefix, "gov_max_percent", "percent")),
            own_min=_pct(r.get(t, prefix, "own_min_percent", "percent", 0)),
            own_cash_min=_pct(r.get(t, prefix, "own_cash_min_percent", "percent", 0)),
            **r.sourced(t, prefix),
        )
    r.only(shares_t, "shares", {k.value for k in OrgKind})

    def percents(key: str, names: tuple[str, ...], field_name: str) -> dict[str, Percent]:
        table = r.table(key)
        r.only(table, key, set(names))
        out = {}
        for name in names:
            t = r.table(f"{key}.{name}", table)
            r.only(t, f"{key}.{name}", {field_name} | _SOURCED)
            out[name] = Percent(percent=_pct(r.get(t, f"{key}.{name}", field_name, "percent")),
                                **r.sourced(t, f"{key}.{name}"))
        return out

    caps = percents("caps", ("allowance", "commissioned", "forprofit_indirect"), "max_percent")
    policy = percents("policy", ("international", "company_own_share"), "target_percent")

    road = r.table("roadmap")
    r.only(road, "roadmap", {"max_years", "stage_years"} | _SOURCED)

    form = _form(r)

    part = r.table("participation")
    r.only(part, "participation", {"max_projects", "max_pi_projects", "max_rate_percent", "pi_min_rate"} | _SOURCED)
    pi_min = r.table("participation.pi_min_rate", part)
    r.only(pi_min, "participation.pi_min_rate", {"min_percent"} | _SOURCED)
    review = r.table("equipment_review")
    r.only(review, "equipment_review", {"price_krw"} | _SOURCED)
    scans = r.table("scan_limit") if "scan_limit" in data else None
    if scans is not None:
        r.only(scans, "scan_limit", {"max_bytes", "max_total_bytes"} | _SOURCED)
        total = r.get(scans, "scan_limit", "max_total_bytes", "int", MAX_TOTAL_BYTES)
        for key, value, most in (("max_total_bytes", total, MAX_TOTAL_BYTES),
                                 ("max_bytes", r.get(scans, "scan_limit", "max_bytes", "int"), total)):
            if value > most:
                raise ProfileError(N_("Call profile {file}, key '{key}': expected at most {limit} bytes, found "
                                      "{found}."), file=r.path, key=f"scan_limit.{key}", limit=most, found=value)

    severity = r.table("severity", optional=True)
    for code, value in severity.items():
        if value not in ("error", "warning"):
            raise r.fail(f"severity.{code}", N_("'error' or 'warning'"), value)

    submission = None
    period = r.table("submission", optional=True)
    if period:
        r.only(period, "submission", {"opens", "closes"} | _SOURCED)
        submission = Period(opens=r.get(period, "submission", "opens", "date"),
                            closes=r.get(period, "submission", "closes", "date"), **r.sourced(period, "submission"))
        if submission.closes < submission.opens:
            raise r.fail("submission.closes", N_("a date (YYYY-MM-DD)"), submission.closes)

    lang = r.get(data, "", "submission_language", "str")
    if lang not in ("ko", "en"):
        raise r.fail("submission_language", N_("'ko' or 'en'"), lang)
    return CallProfile(
        id=r.get(data, "", "id", "str"),
        version=r.get(data, "", "version", "str"),
        name=r.text("name"),
        ministry=r.text("ministry"),
        agency=r.text("agency"),
        announced=r.get(data, "", "announced", "date"),
        source=r.get(data, "", "source", "str"),
        submission_language=lang,
        years=tuple(r.get(years, "years", "values", "ints")),
        years_source=Sourced(**r.sourced(years, "years")),
        national_cap=r.get(cap, "national_cap", "amount_krw", "int"),
        national_cap_source=Sourced(**r.sourced(cap, "national_cap")),
        local_min=_pct(r.get(local, "local_match", "min_percent", "percent")),
        local_basis=basis,
        local_source=Sourced(**r.sourced(local, "local_match")),
        types=types,
        eligible=eligible,
        eligible_source=Sourced(**r.sourced(elig, "eligibility")),
        allowed_categories=allowed,
        categories_source=Sourced(**r.sourced(cats, "categories")),
        shares=shares,
        caps=caps,
        policy=policy,
        roadmap_max_years=r.get(road, "roadmap", "max_years", "int"),
        roadmap_stage_years=tuple(r.get(road, "roadmap", "stage_years", "ints")),
        roadmap_source=Sourced(**r.sourced(road, "roadmap")),
        form=form,
        participation=Participation(
            max_projects=r.get(part, "participation", "max_projects", "int"),
            max_pi_projects=r.get(part, "participation", "max_pi_projects", "int"),
            max_rate=_pct(r.get(part, "participation", "max_rate_percent", "percent")),
            **r.sourced(part, "participation"),
        ),
        pi_min_rate=Percent(percent=_pct(r.get(pi_min, "participation.pi_min_rate", "min_percent", "percent")),
                            **r.sourced(pi_min, "participation.pi_min_rate")),
        equipment_review=Amount(amount_krw=r.get(review, "equipment_review", "price_krw", "int"),
                                **r.sourced(review, "equipment_review")),
        scan_limit=DEFAULT_SCAN_LIMIT if scans is None else Size(
            max_bytes=r.get(scans, "scan_limit", "max_bytes", "int"),
            max_total_bytes=r.get(scans, "scan_limit", "max_total_bytes", "int", MAX_TOTAL_BYTES),
            **r.sourced(scans, "scan_limit")),
        severity=dict(severity),
        path=path,
        source_ko=r.get(data, "", "source_ko", "str", ""),
        submission=submission,
        commitments=_commitments(r),
    )


_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _form(r: _Reader) -> Form:
    """``[form]``: the document's name and ``[[form.chapters]]``, each with ``[[form.chapters.sections]]``."""
    form = r.table("form")
    r.only(form, "form", {"name", "chapters"} | _SOURCED)
    name = r.table("form.name", form)
    r.only(name, "form.name", {"ko", "en"})
    chapters: list[Chapter] = []
    seen_keys: set[str] = set()
    seen_tables: set[str] = set()
    for prefix, ch in r.tables(form.get("chapters"), "form.chapters", N_("a list of chapters ([[form.chapters]])")):
        r.only(ch, prefix, {"number", "title", "sections", "records", "items"})
        sections: list[FormSection] = []
        for j, sec in enumerate(ch.get("sections", [])):
            sp = f"{prefix}.sections[{j}]"
            if not isinstance(sec, dict):
                raise r.fail(sp, N_("a table"), sec)
            r.only(sec, sp, {"key", "title", "guidance", "min_chars", "max_chars"} | _SOURCED)
            key = r.get(sec, sp, "key", "str")
            if not _KEY.match(key) or key in seen_keys:
                raise r.fail(f"{sp}.key", N_("a new key of lower-case letters, digits and _"), key)
            seen_keys.add(key)
            sections.append(FormSection(
                key=key,
                title=_text_of(r, sec, f"{sp}.title"),
                guidance=_text_of(r, sec, f"{sp}.guidance", optional=True),
                min_chars=r.get(sec, sp, "min_chars", "int", 0),
                max_chars=r.get(sec, sp, "max_chars", "int"),
                **r.sourced(sec, sp),
            ))
        records = tuple(r.get(ch, prefix, "records", "strs", []))
        for table in records:
            if table not in RECORD_TABLES or table in seen_tables:
                raise r.fail(f"{prefix}.records", N_("record tables named once each, such as 'indicators' or "
                                                      "'researchers'"), table)
            seen_tables.add(table)
        number = r.get(ch, prefix, "number", "str")
        title = _text_of(r, ch, f"{prefix}.title")
        chapters.append(Chapter(number=number, title=title, sections=tuple(sections), records=records,
                                items=_items(r, ch, prefix, number, title, sections, records)))
    return Form(name=Text(r.get(name, "form.name", "ko", "str"), r.get(name, "form.name", "en", "str")),
                chapters=tuple(chapters), **r.sourced(form, "form"))


def _commitments(r: _Reader) -> dict[str, Commitment]:
    """``[commitments.<key>]``: each generated attachment's title, body and pledge in both
    languages, naming only the fields of ``COMMITMENT_FIELDS``."""
    table = r.table("commitments", optional=True)
    r.only(table, "commitments", set(COMMITMENTS))
    out: dict[str, Commitment] = {}
    for key in COMMITMENTS:
        if key not in table:
            continue
        prefix = f"commitments.{key}"
        t = r.table(prefix, table)
        r.only(t, prefix, {"title", "body", "pledge"} | _SOURCED)
        texts = {part: _text_of(r, t, f"{prefix}.{part}") for part in ("title", "body", "pledge")}
        for part, text in texts.items():
            for lang_text in (text.ko, text.en):
                try:
                    names = {f for _l, f, _s, _c in string.Formatter().parse(lang_text) if f is not None}
                except ValueError:
                    names = {"{"}
                if not names <= COMMITMENT_FIELDS:
                    raise r.fail(f"{prefix}.{part}", N_("a text whose fields in braces are only project, call, "
                                                      "ministry, agency or name"), lang_text)
        out[key] = Commitment(title=texts["title"], body=texts["body"], pledge=texts["pledge"], **r.sourced(t, prefix))
    return out


def _items(r: _Reader, ch: dict, prefix: str, number: str, title: Text, sections: list[FormSection],
           records: tuple[str, ...]) -> tuple[FormItem, ...]:
    """``[[form.chapters.items]]``: the chapter's numbered items in order, each with its title, the
    keys of the sections whose text it holds and the tables it prints. Numbered from the item's
    place (``7-2`` in chapter ``07``). Without items, each section is an item under its own title.
    A table of the chapter no item names is printed in its last item."""
    stem = str(int(number)) if number.isdigit() else number
    keys = [s.key for s in sections]
    printable = [t for record in records for t in printed_tables(record)]
    raw = ch.get("items")
    found: list[tuple[Text, tuple[str, ...], tuple[str, ...], bool]] = []
    if raw is None:
        for s in sections:
            found.append((s.title, (s.key,), ("roadmap",) if s.key == "roadmap" and "roadmap" in records else (), True))
        if not found and printable:
            found.append((title, (), (), False))
    else:
        seen: set[str] = set()
        shown: set[str] = set()
        for ip, item in r.tables(raw, f"{prefix}.items", N_("a list of items ([[form.chapters.items]])")):
            r.only(item, ip, {"title", "sections", "tables"})
            held = tuple(r.get(item, ip, "sections", "strs", []))
            tables = tuple(r.get(item, ip, "tables", "strs", []))
            for key in held:
                if key not in keys or key in seen:
                    raise r.fail(f"{ip}.sections", N_("keys of this chapter's sections, each in one item"), key)
                seen.add(key)
            for table in tables:
                if table not in printable or table in shown:
                    raise r.fail(f"{ip}.tables", N_("tables of this chapter's records, each in one item"), table)
                shown.add(table)
            if "title" in item or len(held) != 1:
                found.append((_text_of(r, item, f"{ip}.title"), held, tables, False))
            else:
                own = next(s for s in sections if s.key == held[0])
                found.append((own.title, held, tables, True))
    if found:
        named = {t for _title, _held, tables, _own in found for t in tables}
        rest = tuple(t for t in printable if t not in named)
        found[-1] = (*found[-1][:2], found[-1][2] + rest, found[-1][3])
    return tuple(FormItem(f"{stem}-{n}", text, held, tables, own)
                 for n, (text, held, tables, own) in enumerate(found, start=1))


def _text_of(r: _Reader, table: dict, key: str, optional: bool = False) -> Text:
    value = r.table(key, table, optional=optional)
    r.only(value, key, {"ko", "en"})
    return Text(r.get(value, key, "ko", "str", "" if optional else _MISSING),
                r.get(value, key, "en", "str", "" if optional else _MISSING))


def load_profile_file(path: str) -> CallProfile:
    try:
        with open(path, "rb") as fp:
            data = tomllib.load(fp)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(N_("Call profile {file} is not valid TOML: {reason}"),
                           file=os.path.basename(path), reason=str(exc)) from exc
    except OSError as exc:
        raise ProfileError(N_("Call profile {file} cannot be read: {reason}"),
                           file=os.path.basename(path), reason=os_reason(exc)) from exc
    return parse_profile(data, path)
