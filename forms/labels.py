"""A field path named as people read it: ``organisations[1].name.ko`` → "Organisation 2: name
(Korean)". Used by every message about a field (an unreadable file, a change between two copies,
a merge conflict); it knows the names only, nothing of files or of comparing.
"""

from __future__ import annotations

from forms.fieldpath import FieldPath
from forms.i18n import N_, translate
from forms.model import label

#: What one record of each list is called, with its row (from 1).
_RECORDS = {
    "organisations": N_("Organisation {n}"), "roadmap": N_("Roadmap stage {n}"),
    "budget.lines": N_("Budget line {n}"), "researchers": N_("Researcher {n}"),
    "indicators": N_("Indicator {n}"), "tasks": N_("Task {n}"), "deliverables": N_("Deliverable {n}"),
    "equipment": N_("Equipment item {n}"), "attachments": N_("Attached document {n}"),
}
_NAMES = {
    "title": N_("Title"), "call": N_("Call"), "type": N_("Project type"), "date": N_("Date"),
    "lead_region": N_("Lead region"), "partner_regions": N_("Partner regions"),
    "budget.entry_unit": N_("Entry unit"), "name": N_("name"), "kind": N_("kind"), "region": N_("region"),
    "role": N_("role"), "goal": N_("goal"), "start_year": N_("start year"), "end_year": N_("end year"),
    "stage": N_("stage"), "year": N_("year"), "org": N_("organisation"), "category": N_("category"),
    "source": N_("source"), "amount_krw": N_("amount"), "no_amount": N_("no amount entered"), "rates": N_("participation rate"),
    "targets": N_("target"), "items": N_("justification row"), "quantity": N_("quantity"),
    "unit_price_krw": N_("unit price"), "months": N_("months"), "position": N_("position"),
    "field": N_("field"), "unit": N_("unit"), "baseline": N_("baseline"), "weight": N_("weight"),
    "method": N_("method"), "start": N_("start month"), "end": N_("end month"), "task": N_("task"),
    "purpose": N_("purpose"), "registration_number": N_("business registration number"),
    "representative": N_("representative"), "address": N_("address"), "contact": N_("contact"),
}


def field_name(key: str) -> str | None:
    """The name (an untranslated message) of a field or a top-level key (``quantity``,
    ``partner_regions``); None for a key without one."""
    return _NAMES.get(key)


def field_label(path: str, lang: str) -> str:
    """``plan.summary.en`` → "Summary (English)"; ``organisations[1].name.ko`` → "Organisation 2:
    name (Korean)" (rows are shown from 1)."""
    steps = list(FieldPath.parse(path).steps)
    suffix = ""
    if len(steps) > 1 and steps[-1] in ("ko", "en"):
        suffix = " (" + label("lang." + str(steps.pop()), lang) + ")"
    if steps[:1] == ["plan"] and len(steps) == 2:
        return label(str(steps[1]), lang) + suffix
    for i, step in enumerate(steps):
        if isinstance(step, int):
            collection = str(FieldPath(tuple(steps[:i])))
            what = _RECORDS.get(collection, N_("{collection}, entry {n}"))
            rest = str(FieldPath(tuple(steps[i + 1:])))
            name = translate(_NAMES[rest], lang) if rest in _NAMES else _named(steps[i + 1:], lang)
            head = translate(what, lang, n=step + 1, collection=collection)
            return head + (": " + name if name else "") + suffix
    joined = str(FieldPath(tuple(steps)))
    return (translate(_NAMES[joined], lang) if joined in _NAMES else joined) + suffix


def _named(steps: list, lang: str) -> str:
    """``rates[2023]`` → "participation rate, 2023"; ``items[0].quantity`` → "justification row 1,
    quantity": each field by its name, a row from 1, a key (a year) as it is."""
    parts: list[str] = []
    for prev, step in zip([None, *steps], steps, strict=False):
        if isinstance(step, int) and parts and prev not in ("rates", "targets"):
            parts[-1] += f" {step + 1}"
        else:
            parts.append(translate(_NAMES[step], lang) if step in _NAMES else str(step))
    return ", ".join(parts)
