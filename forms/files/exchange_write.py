"""Writing the exchange file: one proposal as UTF-8 JSON (``resources/schema/proposal.schema.json``),
keys in the documented order, written atomically."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping

from forms.attached import megabytes, total_bytes
from forms.base.app import FILE_FORMAT, FILE_FORMAT_VERSION, MAX_FILE_BYTES
from forms.base.atomic import write_bytes
from forms.base.errors import InputError, os_reason
from forms.base.i18n import N_
from forms.model import BudgetItem, Organisation, Proposal, Text
from forms.profile import ProfileError, load_profile


def _text(t: Text) -> dict:
    return {"ko": t.ko, "en": t.en}


def _organisation(o: Organisation) -> dict:
    d = {"id": o.id, "name": _text(o.name), "kind": o.kind, "region": o.region, "role": o.role}
    if o.commissioned_by:  # only a commissioned organisation names who commissions it
        d["commissioned_by"] = o.commissioned_by
    d.update({"registration_number": o.registration_number, "representative": _text(o.representative)})
    if not o.representative_title.is_empty():  # written only when given
        d["representative_title"] = _text(o.representative_title)
    d.update({"address": _text(o.address), "contact": _text(o.contact)})
    return d


def _plan_keys(p: Proposal) -> list[str]:
    """The plan's keys the proposal holds, in the order of the call's form (any others after)."""
    try:
        order = load_profile(p.call).form.section_keys()
    except ProfileError:
        order = []
    return [k for k in order if k in p.plan] + sorted(k for k in p.plan if k not in order)


def _by_year(values: Mapping[int, object]) -> dict[str, object]:
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
                                for o in r.other_projects],
             **({"national_number": r.national_number} if r.national_number else {}),
             **({"degree": r.degree} if r.degree else {})}
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
        "organisations": [_organisation(o) for o in p.organisations],
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
    if p.stored_version is not None:
        doc["stored_version"] = {"version": p.stored_version.version, "fingerprint": p.stored_version.fingerprint}
    return doc


def dumps(p: Proposal) -> str:
    return json.dumps(to_dict(p), ensure_ascii=False, indent=2) + "\n"


def write_file(p: Proposal, path: str, *, oversized: bool = False) -> None:
    """Write the exchange file atomically. ``OSError`` becomes an :class:`InputError`, and so does a
    proposal whose file would be larger than :data:`MAX_FILE_BYTES`, which could not be read again
    (``oversized``: write it all the same, for a file that was already that large and is now smaller)."""
    raw = dumps(p).encode("utf-8")
    if len(raw) > MAX_FILE_BYTES and not oversized:
        raise InputError(N_("{file} was not written: the proposal would make a file of {size} MB, and a proposal "
                            "file can be read only up to {limit} MB. Its attached documents take {attached} MB. "
                            "Remove some, or attach them scanned at a lower resolution."),
                         file=path, size=megabytes(len(raw)), limit=megabytes(MAX_FILE_BYTES),
                         attached=megabytes(total_bytes(p.attachments)))
    try:
        write_bytes(path, raw)
    except OSError as exc:
        raise InputError(N_("Cannot write {file}: {reason}"), file=path, reason=os_reason(exc)) from exc
