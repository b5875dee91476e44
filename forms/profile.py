"""Call profiles: one TOML file per call under ``resources/calls/``, read with ``tomllib``.

A profile holds every value a call's rules use, and where each value came from. A wrong key or
type is reported with the file, the key and what was expected.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction

from forms import categories, regions
from forms.attached import MAX_TOTAL_BYTES
from forms.errors import InputError, Phrase, os_reason
from forms.i18n import N_, translate
from forms.model import RECORD_TABLES, OrgKind, ProjectType, Text
from forms.paths import resource_path

#: what an official reads beside a value no source states
INFERRED = N_("No source states this value: it is the app's assumption. If the call's guidelines say otherwise, "
              "have it corrected in the call profile ({file}).")


INFERRED_HERE = N_("No source states this value: it is the app's assumption. If the call's guidelines say otherwise, "
                   "have it corrected in the call profile.")


@dataclass(frozen=True)
class Sourced:
    """A profile value with the note saying where it came from (in English, and in Korean)."""

    source: str
    inferred: bool = False
    note: str = ""
    source_ko: str = ""
    note_ko: str = ""

    def source_text(self, lang: str) -> str:
        return (self.source_ko or self.source) if lang == "ko" else self.source

    def note_text(self, lang: str) -> str:
        return (self.note_ko or self.note) if lang == "ko" else self.note

    def explained(self, lang: str, profile_file: str = "") -> str:
        """The source in ``lang``, its note, and for an inferred value a plain word that it is the
        app's assumption and where to change it (the profile's file, when ``profile_file`` is given)."""
        parts = [self.source_text(lang), self.note_text(lang)]
        if self.inferred:
            parts.append(translate(INFERRED, lang, file=os.path.basename(profile_file)) if profile_file
                         else translate(INFERRED_HERE, lang))
        parts = [p.strip() for p in parts if p.strip()]
        return " ".join(p if p.endswith((".", "。", ")")) or p is parts[-1] else p + "." for p in parts)


@dataclass(frozen=True)
class TypeRule(Sourced):
    min_regions: int = 1
    max_regions: int = 0  # 0: no upper limit


@dataclass(frozen=True)
class ShareRule(Sourced):
    gov_max: Fraction = Fraction(100)
    own_min: Fraction = Fraction(0)
    own_cash_min: Fraction = Fraction(0)


@dataclass(frozen=True)
class SectionRule(Sourced):
    min_chars: int = 0
    max_chars: int = 0


@dataclass(frozen=True)
class Period(Sourced):
    """From ``opens`` to ``closes``, both days included (the call's submission period)."""

    opens: dt.date = dt.date.min
    closes: dt.date = dt.date.max

    def contains(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes


@dataclass(frozen=True)
class Percent(Sourced):
    percent: Fraction = Fraction(0)


@dataclass(frozen=True)
class FormSection(SectionRule):
    """One section of the call's form: its key in the exchange file's ``plan``, its title, the
    guidance shown to the writer, and its length limits (with their source)."""

    key: str = ""
    title: Text = field(default_factory=Text)
    guidance: Text = field(default_factory=Text)


@dataclass(frozen=True)
class Chapter:
    """A chapter of the form: its number as printed ("02"), title, sections and record tables."""

    number: str
    title: Text
    sections: tuple[FormSection, ...]
    #: The structured tables this chapter holds (``indicators``, ``researchers``, …; see
    #: ``forms.model.RECORD_TABLES``), in the order the chapter shows them.
    records: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form(Sourced):
    """The document the call asks for: its name and its chapters in order."""

    name: Text = field(default_factory=Text)
    chapters: tuple[Chapter, ...] = ()

    def section_keys(self) -> list[str]:
        return [s.key for c in self.chapters for s in c.sections]

    def section(self, key: str) -> FormSection | None:
        for chapter in self.chapters:
            for section in chapter.sections:
                if section.key == key:
                    return section
        return None

    def chapter_of_record(self, table: str) -> Chapter | None:
        for chapter in self.chapters:
            if table in chapter.records:
                return chapter
        return None

    def holds(self, table: str) -> bool:
        return self.chapter_of_record(table) is not None


@dataclass(frozen=True)
class Participation(Sourced):
    """Limits on a researcher's national R&D projects (3책5공) and participation rates."""

    max_projects: int = 5
    max_pi_projects: int = 3
    max_rate: int = 100


@dataclass(frozen=True)
class Amount(Sourced):
    amount_krw: int = 0


#: The attachments generated from the data, by profile key: what each is made for.
COMMITMENTS = ("local_funds", "participation", "cost_share")
#: The fields a commitment's wording may name: ``{project}`` (the proposal's title), ``{call}``,
#: ``{ministry}``, ``{agency}`` and ``{name}`` (the region or organisation that commits).
COMMITMENT_FIELDS = frozenset({"project", "call", "ministry", "agency", "name"})


@dataclass(frozen=True)
class Commitment(Sourced):
    """The wording of one generated attachment (지방비 부담 확약서, …): its title, the sentence
    that commits, and the closing pledge, in both languages."""

    title: Text = field(default_factory=Text)
    body: Text = field(default_factory=Text)
    pledge: Text = field(default_factory=Text)


@dataclass(frozen=True)
class Size(Sourced):
    """The limits of attached documents in bytes, with their source: each one's, and all of a
    proposal's together (what an exchange file can carry and still be read, :mod:`forms.attached`)."""

    max_bytes: int = 0
    max_total_bytes: int = MAX_TOTAL_BYTES


#: The limit of an attached scan when a profile states none.
DEFAULT_SCAN_LIMIT = Size(source="The app's own limit (no call text states one)", inferred=True,
                          source_ko="앱의 자체 한도(공고문에 명시된 한도 없음)", max_bytes=10 * 1024 * 1024)


@dataclass
class CallProfile:
    id: str
    version: str
    name: Text
    ministry: Text
    agency: Text
    announced: dt.date
    source: str
    submission_language: str
    years: tuple[int, ...]
    years_source: Sourced
    national_cap: int
    national_cap_source: Sourced
    local_min: Fraction
    local_basis: str
    local_source: Sourced
    types: dict[str, TypeRule]
    eligible: tuple[str, ...]
    eligible_source: Sourced
    allowed_categories: tuple[str, ...]
    categories_source: Sourced
    shares: dict[str, ShareRule]
    caps: dict[str, Percent]
    policy: dict[str, Percent]
    roadmap_max_years: int
    roadmap_stage_years: tuple[int, ...]
    roadmap_source: Sourced
    form: Form
    participation: Participation
    pi_min_rate: Percent
    equipment_review: Amount
    #: The largest document an official may attach (a scan: PDF, PNG or JPEG).
    scan_limit: Size = DEFAULT_SCAN_LIMIT
    severity: dict[str, str] = field(default_factory=dict)
    path: str = ""
    source_ko: str = ""
    #: when proposals are received (optional: a profile without it checks no date)
    submission: Period | None = None
    #: The generated attachments' wording by ``COMMITMENTS`` key; a call without one has none.
    commitments: dict[str, Commitment] = field(default_factory=dict)

    @property
    def sections(self) -> dict[str, FormSection]:
        """Every section of the form by key, in the form's order."""
        return {s.key: s for c in self.form.chapters for s in c.sections}

    def clause(self, key: str) -> Sourced | None:
        """The source note behind a rule's clause key (``local_match``, ``shares.sme``, …)."""
        head, _, tail = key.partition(".")
        simple = {
            "years": self.years_source,
            "national_cap": self.national_cap_source,
            "local_match": self.local_source,
            "eligibility": self.eligible_source,
            "categories": self.categories_source,
            "roadmap": self.roadmap_source,
            "submission": self.submission,
            "form": self.form,
            "participation": self.participation,
            "pi_min_rate": self.pi_min_rate,
            "equipment_review": self.equipment_review,
        }
        if head in simple:
            return simple[head]
        table = {"types": self.types, "shares": self.shares, "caps": self.caps,
                 "policy": self.policy, "sections": self.sections}.get(head)
        if table is not None:
            if tail:
                return table.get(tail)
            if not table:
                return None
            items = table.values()
            return Sourced(
                "; ".join(dict.fromkeys(item.source for item in items)),
                any(item.inferred for item in items),
                source_ko="; ".join(dict.fromkeys(item.source_text("ko") for item in items)),
            )
        if head == "call":
            return Sourced(self.source, source_ko=self.source_ko)
        return None


class ProfileError(InputError):
    pass


_MISSING = object()


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

    def get(self, table: dict, prefix: str, key: str, kind: str, default: object = _MISSING) -> object:
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
                    N_("Call profile {file}: unknown key '{key}'; expected one of {expected}."),
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
            max_rate=r.get(part, "participation", "max_rate_percent", "percent"),
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
    raw_chapters = form.get("chapters")
    if not isinstance(raw_chapters, list) or not raw_chapters:
        raise r.fail("form.chapters", N_("a list of chapters ([[form.chapters]])"),
                     _MISSING if raw_chapters is None else raw_chapters)
    chapters: list[Chapter] = []
    seen_keys: set[str] = set()
    seen_tables: set[str] = set()
    for i, ch in enumerate(raw_chapters):
        prefix = f"form.chapters[{i}]"
        if not isinstance(ch, dict):
            raise r.fail(prefix, N_("a table"), ch)
        r.only(ch, prefix, {"number", "title", "sections", "records"})
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
        chapters.append(Chapter(
            number=r.get(ch, prefix, "number", "str"),
            title=_text_of(r, ch, f"{prefix}.title"),
            sections=tuple(sections),
            records=records,
        ))
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
        out[key] = Commitment(**texts, **r.sourced(t, prefix))
    return out


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


def calls_dir() -> str:
    return resource_path("calls")


def profile_ids() -> list[str]:
    """The ids of every shipped profile (file names without ``.toml``), sorted."""
    return sorted(f[:-5] for f in os.listdir(calls_dir()) if f.endswith(".toml"))


_cache: dict[str, CallProfile] = {}


def load_profile(call_id: str) -> CallProfile:
    """The shipped profile ``call_id`` (cached). Raises :class:`ProfileError` if there is none."""
    if call_id in _cache:
        return _cache[call_id]
    if call_id not in profile_ids():
        raise ProfileError(N_("There is no call profile '{call}'; known calls: {known}."),
                           call=call_id, known=", ".join(profile_ids()))
    profile = load_profile_file(os.path.join(calls_dir(), call_id + ".toml"))
    if profile.id != call_id:
        raise ProfileError(N_("Call profile {file} declares id '{id}'; it must match the file name."),
                           file=os.path.basename(profile.path), id=profile.id)
    _cache[call_id] = profile
    return profile
