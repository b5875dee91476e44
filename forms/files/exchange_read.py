"""Reading the exchange file: one proposal as UTF-8 JSON (``resources/schema/proposal.schema.json``).

Reading is strict and never evaluates anything: every problem is an :class:`InputError` naming
the JSON line and column or the field path (``budget.lines[3].amount_krw``). Money must be a JSON
integer of won; floats, numeric strings and booleans are refused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import stat
from collections.abc import Sequence

from forms import categories, ids
from forms.attached import MAX_COUNT, REPAIR_MAX_BYTES, megabytes
from forms.base.app import FILE_FORMAT, FILE_FORMAT_VERSION, MAX_FILE_BYTES
from forms.base.errors import InputError, Phrase, os_reason
from forms.base.i18n import N_
from forms.fieldpath import (
    ATTACHMENTS,
    BUDGET,
    BUDGET_LINES,
    CALL,
    DATE,
    DELIVERABLES,
    EQUIPMENT,
    INDICATORS,
    LEAD_REGION,
    ORGANISATIONS,
    PARTNER_REGIONS,
    PLAN,
    RESEARCHERS,
    ROADMAP,
    ROOT,
    TASKS,
    TITLE,
    TYPE,
    FieldPath,
)
from forms.files import jsontext
from forms.files.exchange_identity import content_id, normal_id
from forms.files.exchange_values import DATE_TEXT, LIST_LIMITS, MAX_YEAR, MIN_YEAR, Choices, Reader
from forms.model import (
    SCAN_TYPES,
    Budget,
    BudgetItem,
    BudgetLine,
    Degree,
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
    StoredVersion,
    Task,
)
from forms.money import EntryUnit
from forms.profile import load_profile, profile_ids

_TOP_KEYS = {"format", "format_version", "id", "call", "type", "date", "title", "lead_region",
             "partner_regions", "organisations", "plan", "roadmap", "budget",
             "researchers", "indicators", "tasks", "deliverables", "equipment",
             "attachments", "sent_copy", "stored_version"}
_ORG_KEYS = {"id", "name", "kind", "region", "role", "commissioned_by", "registration_number", "representative", "representative_title", "address", "contact"}
_FORMAT = FieldPath(("format",))
_FORMAT_VERSION = FieldPath(("format_version",))
_ID = FieldPath(("id",))
_SENT_COPY = FieldPath(("sent_copy",))
_STORED_VERSION = FieldPath(("stored_version",))


def from_dict(data: object, *, repair: bool = False) -> Proposal:
    """Check and convert a parsed exchange document. Raises :class:`InputError` naming the path.
    ``repair``: more attached documents than a file may list are read too (see :func:`read_file`)."""
    r = Reader(repair)
    d = r.obj(data, ROOT, _TOP_KEYS, {"format", "format_version", "call", "type", "lead_region",
                                     "partner_regions", "organisations", "budget"})
    if d["format"] != FILE_FORMAT:
        raise r.fail(_FORMAT, N_("must be \"{expected}\". This is not a proposal file."), expected=FILE_FORMAT)
    version = d["format_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > FILE_FORMAT_VERSION:
        raise r.fail(_FORMAT_VERSION, N_("the file was written by a newer version of the app (format {found}). "
                                          "This version reads format {supported}."),
                     found=version, supported=FILE_FORMAT_VERSION)
    r.integer(version, _FORMAT_VERSION, 1, FILE_FORMAT_VERSION)

    p = Proposal()
    if "id" in d:
        text = r.string(d["id"], _ID, 64)
        read_id = normal_id(text)
        if read_id is None:
            raise r.fail(_ID, N_("must be a UUID such as 0b5d…-…, and '{value}' is not."), value=text[:40])
        p.id = read_id
    p.call = r.choice(d["call"], CALL, profile_ids())
    p.type = r.choice(d["type"], TYPE, [t.value for t in ProjectType] + [""])
    p.date = load_profile(p.call).announced
    if "date" in d:
        text = r.string(d["date"], DATE, 10)
        if not DATE_TEXT.fullmatch(text):
            raise r.fail(DATE, N_("must be a date written YYYY-MM-DD, not '{value}'."), value=text)
        try:
            p.date = dt.date.fromisoformat(text)
        except ValueError:  # written as a date, but no such day: 2023-02-30, 2023-13-01
            raise r.no_such_day(DATE, text) from None
        if not MIN_YEAR <= p.date.year <= MAX_YEAR:
            raise r.fail(DATE, N_("must be a date from {lo} to {hi}, not '{value}'."), lo=MIN_YEAR, hi=MAX_YEAR,
                         value=text)
    if "title" in d:
        p.title = r.text(d["title"], TITLE)
    p.lead_region = r.region(d["lead_region"], LEAD_REGION, allow_empty=True)
    partners = r.array(d["partner_regions"], PARTNER_REGIONS, LIST_LIMITS["partner_regions",])
    p.partner_regions = [r.region(v, PARTNER_REGIONS.child(i)) for i, v in enumerate(partners)]

    # Version 1 gave budget lines and roadmap stages no id: theirs are derived from their place
    # once the proposal's own id is known (at the end: a file may give none). Version 2 wrote an
    # indicator's baseline and targets as one string each (read by ``Reader.short_text``).
    has_ids = version >= 2
    seen: set[str] = set()
    for i, raw in enumerate(r.array(d["organisations"], ORGANISATIONS, LIST_LIMITS["organisations",])):
        path = ORGANISATIONS.child(i)
        o = r.obj(raw, path, _ORG_KEYS, {"id", "name", "kind", "region", "role"})
        p.organisations.append(Organisation(
            id=r.ident(o["id"], path.child("id"), seen, N_("organisation")),
            name=r.text(o["name"], path.child("name")),
            kind=r.choice(o["kind"], path.child("kind"), [k.value for k in OrgKind]),
            region=r.region(o["region"], path.child("region"), allow_empty=True),
            role=r.choice(o["role"], path.child("role"), [k.value for k in OrgRole]),
            commissioned_by=r.string(o.get("commissioned_by", ""), path.child("commissioned_by"), ids.MAX_ID),
            registration_number=r.string(o.get("registration_number", ""), path.child("registration_number"), 20),
            representative=r.text(o.get("representative", {}), path.child("representative")),
            representative_title=r.text(o.get("representative_title", {}), path.child("representative_title")),
            address=r.text(o.get("address", {}), path.child("address")),
            contact=r.text(o.get("contact", {}), path.child("contact")),
        ))

    if "plan" in d:
        # The call's form names the plan's sections; files of the first format hold a subset.
        known = load_profile(p.call).form.section_keys()
        plan = r.obj(d["plan"], PLAN, set(known), set())
        p.plan = {key: r.text(plan[key], PLAN.child(key)) for key in known if key in plan}
    if "roadmap" in d:
        seen = set()
        for i, raw in enumerate(r.array(d["roadmap"], ROADMAP, LIST_LIMITS["roadmap",])):
            path = ROADMAP.child(i)
            s = r.obj(raw, path, {"id", "stage", "start_year", "end_year", "goal"},
                      {"stage", "start_year", "end_year"} | ({"id"} if has_ids else set()))
            p.roadmap.append(RoadmapStage(
                id=r.ident(s["id"], path.child("id"), seen, N_("roadmap stage")) if "id" in s else "",
                stage=r.integer(s["stage"], path.child("stage"), 1, 10),
                start_year=r.integer(s["start_year"], path.child("start_year"), MIN_YEAR, MAX_YEAR),
                end_year=r.integer(s["end_year"], path.child("end_year"), MIN_YEAR, MAX_YEAR),
                goal=r.text(s.get("goal", {}), path.child("goal")),
            ))

    _read_records(r, d, p)
    _read_attachments(r, d, p)

    b = r.obj(d["budget"], BUDGET, {"entry_unit", "lines"}, {"lines"})
    p.budget = Budget()
    if "entry_unit" in b:
        p.budget.entry_unit = r.choice(b["entry_unit"], BUDGET.child("entry_unit"), [u.code for u in EntryUnit])
    seen = set()
    for i, raw in enumerate(r.array(b["lines"], BUDGET_LINES, LIST_LIMITS["budget", "lines"])):
        path = BUDGET_LINES.child(i)
        line = r.obj(raw, path, {"id", "year", "org", "category", "source", "region", "amount_krw", "no_amount",
                                 "items"},
                     {"year", "org", "category", "source", "amount_krw"} | ({"id"} if has_ids else set()))
        source = r.choice(line["source"], path.child("source"), [s.value for s in Source])
        region = line.get("region")
        p.budget.lines.append(BudgetLine(
            id=r.ident(line["id"], path.child("id"), seen, N_("budget line")) if "id" in line else "",
            year=r.integer(line["year"], path.child("year"), MIN_YEAR, MAX_YEAR),
            org=r.string(line["org"], path.child("org"), 64),
            category=r.choice(line["category"], path.child("category"), list(categories.CATEGORIES)),
            source=source,
            amount_krw=r.amount(line["amount_krw"], path.child("amount_krw")),
            region=None if region is None else r.region(region, path.child("region")),
            items=_read_items(r, line.get("items", []), path.child("items")),
            no_amount="no_amount" in line and r.boolean(line["no_amount"], path.child("no_amount")),
        ))
        if p.budget.lines[-1].no_amount and p.budget.lines[-1].amount_krw:
            raise r.fail(path.child("amount_krw"), N_("a line marked as having no amount (no_amount) must have "
                                                  "amount_krw 0."))
    if "sent_copy" in d:
        sent = r.obj(d["sent_copy"], _SENT_COPY, {"partner", "base_fingerprint"}, {"partner", "base_fingerprint"})
        fp = r.string(sent["base_fingerprint"], _SENT_COPY.child("base_fingerprint"), 64)
        if len(fp) != 64 or any(ch not in "0123456789abcdef" for ch in fp):
            raise r.fail(_SENT_COPY.child("base_fingerprint"), N_("must be a fingerprint of 64 hexadecimal digits."))
        p.sent_copy = SentCopy(r.string(sent["partner"], _SENT_COPY.child("partner"), 200), fp)
    if "stored_version" in d:
        kept = r.obj(d["stored_version"], _STORED_VERSION, {"version", "fingerprint"}, {"version", "fingerprint"})
        fp = r.string(kept["fingerprint"], _STORED_VERSION.child("fingerprint"), 64)
        if len(fp) != 64 or any(ch not in "0123456789abcdef" for ch in fp):
            raise r.fail(_STORED_VERSION.child("fingerprint"), N_("must be a fingerprint of 64 hexadecimal digits."))
        p.stored_version = StoredVersion(r.integer(kept["version"], _STORED_VERSION.child("version"), 1, 2**31 - 1),
                                         fp)
    if "id" not in d:
        p.id = content_id(p)
    made: tuple[tuple[str, Sequence[RoadmapStage | BudgetLine]], ...] = (
        ("roadmap", p.roadmap), ("budget.lines", p.budget.lines))
    for collection, records in made:
        for index, record in enumerate(records):
            if not record.id:  # a read id is never empty
                record.id = ids.derived_id(p.id, collection, index)
    return p


def _read_items(r: Reader, value: object, path: FieldPath) -> list[BudgetItem]:
    out: list[BudgetItem] = []
    seen: set[str] = set()
    for i, raw in enumerate(r.array(value, path, LIST_LIMITS["budget", "lines", "items"])):
        where = path.child(i)
        d = r.obj(raw, where, {"id", "item", "quantity", "unit_price_krw", "months"},
                  {"id", "item", "quantity", "unit_price_krw"})
        out.append(BudgetItem(
            id=r.ident(d["id"], where.child("id"), seen, N_("justification row")),
            item=r.text(d["item"], where.child("item")),
            quantity=r.integer(d["quantity"], where.child("quantity"), 0, 1_000_000),
            unit_price_krw=r.amount(d["unit_price_krw"], where.child("unit_price_krw")),
            months=r.integer(d.get("months", 1), where.child("months"), 1, 120),
        ))
    return out


def _read_records(r: Reader, d: dict, p: Proposal) -> None:
    """The form's records: researchers, indicators, tasks and deliverables, equipment. Each list
    is optional (absent: empty); every record has an id unique in its list."""
    seen: set[str] = set()
    for i, raw in enumerate(r.array(d.get("researchers", []), RESEARCHERS, LIST_LIMITS["researchers",])):
        path = RESEARCHERS.child(i)
        x = r.obj(raw, path, {"id", "org", "name", "position", "field", "role", "rates", "other_projects",
                              "national_number", "degree"},
                  {"id", "org", "name", "role"})
        others = []
        for j, o in enumerate(r.array(x.get("other_projects", []), path.child("other_projects"), 100)):
            where = path.child("other_projects", j)
            o = r.obj(o, where, {"title", "principal", "rate", "counted"}, {"principal", "rate"})
            others.append(OtherProject(
                title=r.string(o.get("title", ""), where.child("title"), 500),
                principal=r.boolean(o["principal"], where.child("principal")),
                rate=r.percent(o["rate"], where.child("rate")),
                counted=r.boolean(o.get("counted", True), where.child("counted")),
            ))
        p.researchers.append(Researcher(
            id=r.ident(x["id"], path.child("id"), seen, N_("researcher")),
            org=r.string(x["org"], path.child("org"), 64),
            name=r.text(x["name"], path.child("name")),
            position=r.text(x.get("position", {}), path.child("position")),
            field=r.text(x.get("field", {}), path.child("field")),
            role=r.choice(x["role"], path.child("role"), [k.value for k in ResearcherRole]),
            rates=r.by_year(x.get("rates", {}), path.child("rates"), r.percent),
            other_projects=others,
            national_number=r.string(x.get("national_number", ""), path.child("national_number"), 20),
            degree=r.choice(x["degree"], path.child("degree"), [k.value for k in Degree]) if "degree" in x else "",
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("indicators", []), INDICATORS, LIST_LIMITS["indicators",])):
        path = INDICATORS.child(i)
        x = r.obj(raw, path, {"id", "name", "kind", "unit", "baseline", "targets", "weight", "method"},
                  {"id", "name", "kind", "weight"})
        p.indicators.append(Indicator(
            id=r.ident(x["id"], path.child("id"), seen, N_("indicator")),
            name=r.text(x["name"], path.child("name")),
            kind=r.choice(x["kind"], path.child("kind"), [k.value for k in IndicatorKind]),
            unit=r.text(x.get("unit", {}), path.child("unit")),
            baseline=r.short_text(x.get("baseline", {}), path.child("baseline"), 200),
            targets=r.by_year(x.get("targets", {}), path.child("targets"), lambda v, w: r.short_text(v, w, 200)),
            weight=r.percent(x["weight"], path.child("weight")),
            method=r.text(x.get("method", {}), path.child("method")),
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("tasks", []), TASKS, LIST_LIMITS["tasks",])):
        path = TASKS.child(i)
        x = r.obj(raw, path, {"id", "name", "org", "start", "end"}, {"id", "name", "org", "start", "end"})
        p.tasks.append(Task(
            id=r.ident(x["id"], path.child("id"), seen, N_("task")),
            name=r.text(x["name"], path.child("name")),
            org=r.string(x["org"], path.child("org"), 64),
            start=r.month(x["start"], path.child("start")),
            end=r.month(x["end"], path.child("end")),
        ))
    task_ids = [t.id for t in p.tasks]

    seen = set()
    for i, raw in enumerate(r.array(d.get("deliverables", []), DELIVERABLES, LIST_LIMITS["deliverables",])):
        path = DELIVERABLES.child(i)
        x = r.obj(raw, path, {"id", "task", "year", "name"}, {"id", "task", "year", "name"})
        item_id = r.ident(x["id"], path.child("id"), seen, N_("deliverable"))
        task = r.string(x["task"], path.child("task"), 64)
        if task not in task_ids:
            raise r.fail(path.child("task"), N_("'{value}' is not the id of a task in this file. Expected one of: "
                                            "{allowed}."), value=task, allowed=Choices(task_ids))
        p.deliverables.append(Deliverable(
            id=item_id, task=task,
            year=r.integer(x["year"], path.child("year"), MIN_YEAR, MAX_YEAR),
            name=r.text(x["name"], path.child("name")),
        ))

    seen = set()
    for i, raw in enumerate(r.array(d.get("equipment", []), EQUIPMENT, LIST_LIMITS["equipment",])):
        path = EQUIPMENT.child(i)
        x = r.obj(raw, path, {"id", "org", "year", "name", "purpose", "quantity", "unit_price_krw", "shared",
                              "review_note"}, {"id", "org", "year", "name", "quantity", "unit_price_krw"})
        p.equipment.append(Equipment(
            id=r.ident(x["id"], path.child("id"), seen, N_("equipment item")),
            org=r.string(x["org"], path.child("org"), 64),
            year=r.integer(x["year"], path.child("year"), MIN_YEAR, MAX_YEAR),
            name=r.text(x["name"], path.child("name")),
            purpose=r.text(x.get("purpose", {}), path.child("purpose")),
            quantity=r.integer(x["quantity"], path.child("quantity"), 0, 100_000),
            unit_price_krw=r.amount(x["unit_price_krw"], path.child("unit_price_krw")),
            shared=r.boolean(x.get("shared", False), path.child("shared")),
            review_note=r.text(x.get("review_note", {}), path.child("review_note")),
        ))


def _read_attachments(r: Reader, d: dict, p: Proposal) -> None:
    """The documents the official attached: their bytes as base64, never a path."""
    seen: set[str] = set()
    most = 100_000 if r.repair else MAX_COUNT
    for i, raw in enumerate(r.array(d.get("attachments", []), ATTACHMENTS, most)):
        path = ATTACHMENTS.child(i)
        x = r.obj(raw, path, {"id", "slot", "name", "media_type", "data"}, {"id", "slot", "media_type", "data"})
        text = r.string(x["data"], path.child("data"), REPAIR_MAX_BYTES if r.repair else MAX_FILE_BYTES)
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise r.fail(path.child("data"), N_("must be the document's bytes in base64.")) from None
        p.attachments.append(ScanAttachment(
            id=r.ident(x["id"], path.child("id"), seen, N_("attachment")),
            slot=r.choice(x["slot"], path.child("slot"), [s.value for s in ScanSlot]),
            name=r.string(x.get("name", ""), path.child("name"), 255),
            media_type=r.choice(x["media_type"], path.child("media_type"), list(SCAN_TYPES)),
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
        raise InputError(N_("The file is larger than {limit} MB. A proposal file is much smaller."),
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
            raise InputError(N_("{file} is not an ordinary file (it is a device, a pipe or a socket). Name a "
                                "proposal file."), file=path)
        size = info.st_size
        if size > most:
            raise InputError(N_("{file} is {size} MB. A proposal file is read up to {limit} MB. If it carries many "
                                "attached documents, take some out with the detach command (\"detach {file}\" "
                                "without an id lists them), then read it again."),
                             file=path, size=megabytes(size), limit=megabytes(most))
        with open(path, "rb") as fp:
            raw = fp.read(most + 1)
    except OSError as exc:
        raise InputError(N_("Cannot read {file}: {reason}."), file=path, reason=os_reason(exc)) from None
    return loads_bytes(raw, repair=repair)
