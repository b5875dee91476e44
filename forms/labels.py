"""How things are named for people, in Korean and English: a field (``amount``), a field path
(``organisations[1].name.ko`` → "Organisation 2: name (Korean)"), a record by its row ("Budget line
4"), and a value that is a code (a category, a project type, an organisation's kind or role, a
source of funds, a region, an attached document's slot) by its name.

Used by every message about a field (an unreadable file, a change between two copies, a merge
conflict); it knows the names only, nothing of files, of comparing or of merging. The names of the
codes themselves live with the codes (``forms.model.LABELS``, ``forms.categories``, ``forms.regions``).
"""

from __future__ import annotations

import datetime as dt

from forms import categories, record_columns, regions
from forms.base.errors import InputError
from forms.base.i18n import N_, translate
from forms.fieldpath import FieldPath
from forms.model import SLOT_NAMES, label

#: What one record of a list is called with its row (from 1), for the lists that are not record
#: tables (those are named by ``forms.record_columns``).
_RECORDS = {"attachments": N_("Attached document {n}"), "partner_regions": N_("Partner region {n}")}
#: The names of the proposal's own fields; a record's fields are named by ``forms.record_columns``.
_NAMES = {
    "title": N_("Title"), "call": N_("Call"), "type": N_("Project type"), "date": N_("Date"),
    "lead_region": N_("Lead region"), "partner_regions": N_("Partner regions"),
    "budget.entry_unit": N_("Entry unit"),
    # the proposal's parts, where a finding concerns one as a whole
    "budget": N_("Budget"), "budget.lines": N_("Budget lines"), "plan": N_("Plan"),
    "organisations": N_("Participating organisations"), "researchers": N_("Participating researchers"),
    "indicators": N_("Performance indicators"), "tasks": N_("Schedule"), "deliverables": N_("Deliverables"),
    "equipment": N_("Equipment and facilities"), "roadmap": N_("Roadmap"), "attachments": N_("Attached documents"),
    "other_projects": N_("other ongoing projects"),
}


#: A field's name after its record's name ("2023, POSTECH, personnel, national · amount (won)"), where
#: it differs from its name in a path.
_AFTER_RECORD = {"amount_krw": N_("amount (won)"), "title": N_("title"), "plan": N_("plan"), "item": N_("item")}

#: The fields whose values are codes, named by :func:`~forms.model.label`.
CODE_FIELDS = frozenset({"type", "kind", "role", "source"})
#: The fields whose values are region codes, named by the region's name at a date.
REGION_FIELDS = frozenset({"region", "lead_region"})


def field_name(key: str) -> str | None:
    """The name (an untranslated message) of a field or a top-level key (``quantity``,
    ``partner_regions``); None for a key without one. A record's field is named as its table
    describes it (``forms.record_columns``)."""
    return _NAMES.get(key) or record_columns.field_name(key)


def field_label(path: str | FieldPath, lang: str, root: object | None = None) -> str:
    """``plan.summary.en`` → "Summary (English)"; ``organisations[1].name.ko`` → "Organisation 2:
    name (Korean)" (rows are shown from 1). Given the proposal ``root``, a record that has a name of
    its own is named with it too: "Researcher 2 (Kim Tae-yoon): participation rate, 2024"; the
    whole proposal (the empty path) is "The proposal as a whole"."""
    steps = list(FieldPath.parse(path).steps)
    if not steps:
        return translate(N_("The proposal as a whole"), lang)
    suffix = ""
    if len(steps) > 1 and steps[-1] in ("ko", "en"):
        suffix = " (" + language_name(str(steps.pop()), lang) + ")"
    if steps[:1] == ["plan"] and len(steps) == 2:
        return label(str(steps[1]), lang) + suffix
    for i, step in enumerate(steps):
        if isinstance(step, int):
            collection = str(FieldPath(tuple(steps[:i])))
            rest = str(FieldPath(tuple(steps[i + 1:])))
            named = field_name(rest)
            name = translate(named, lang) if named else _named(steps[i + 1:], lang)
            head = record_label(collection, step + 1, lang)
            own = _own_name(root, steps[:i + 1], lang)
            if own:
                head = translate(N_("{record} ({name})"), lang, record=head, name=own)
            return head + (": " + name if name else "") + suffix
    joined = str(FieldPath(tuple(steps)))
    named = field_name(joined)
    return (translate(named, lang) if named else joined) + suffix


def _own_name(root: object | None, steps: list, lang: str) -> str:
    """The name of the record at ``steps`` in ``root`` (a researcher's, an indicator's), in ``lang``
    or else in the other language; "" without a proposal, a record or a name."""
    if root is None:
        return ""
    try:
        record = FieldPath(tuple(steps)).get(root)
    except (LookupError, AttributeError):
        return ""
    name = getattr(record, "name", None)
    get = getattr(name, "get", None)
    own = get(lang) if callable(get) and not isinstance(name, dict) else ""
    return " ".join(own.split()) if isinstance(own, str) else ""


def _named(steps: list, lang: str) -> str:
    """``rates[2023]`` → "participation rate, 2023"; ``items[0].quantity`` → "justification row 1,
    quantity": each field by its name, a row from 1, a key (a year) as it is."""
    parts: list[str] = []
    for prev, step in zip([None, *steps], steps, strict=False):
        if isinstance(step, int) and parts and prev not in ("rates", "targets"):
            parts[-1] += f" {step + 1}"
        else:
            named = field_name(step) if isinstance(step, str) else None
            parts.append(translate(named, lang) if named else str(step))
    return ", ".join(parts)


def language_name(code: str, lang: str) -> str:
    """``ko`` → "Korean" (in ``lang``)."""
    return label("lang." + code, lang)


def record_label(collection: str, n: int, lang: str) -> str:
    """The record of ``collection`` (``roadmap``, ``budget.lines``) at row ``n`` counted from 1:
    "Roadmap stage 2"."""
    named = _RECORDS.get(collection) or record_columns.record_name(collection) or N_("{collection}, entry {n}")
    return translate(named, lang, n=n, collection=collection)


def field_word(key: str, lang: str) -> str:
    """A field's name where it follows its record's name or stands alone (``amount_krw`` → "amount
    (won)", ``ko`` → "Korean"); the code's label for a key without a name (a section of the plan)."""
    if key in _AFTER_RECORD:
        return translate(_AFTER_RECORD[key], lang)
    if key in ("ko", "en"):
        return language_name(key, lang)
    name = field_name(key)
    return translate(name, lang) if name else label(key, lang)


def key_label(key: str, lang: str) -> str:
    """A dotted key inside a record, as people read it: ``name.ko`` → "name (Korean)",
    ``rates.2024`` → "participation rate · 2024"."""
    parts = key.split(".")
    suffix = ""
    if len(parts) > 1 and parts[-1] in ("ko", "en"):
        suffix = " (" + language_name(parts.pop(), lang) + ")"
    return " · ".join(p if p.isdigit() else field_word(p, lang) for p in parts) + suffix


def value_name(key: str, value: object, lang: str, day: dt.date | None = None) -> str | None:
    """A value of the field ``key`` that is a code, by its name in ``lang``: a category, a type,
    kind, role or source, an attached document's slot, and (given the ``day`` region names are read
    at) a region; None for any other value."""
    if not isinstance(value, str) or not value:
        return None
    if key == "category" and categories.is_known(value):
        return categories.name(value, lang)
    if key in CODE_FIELDS:
        return label(value, lang)
    if key == "slot" and value in SLOT_NAMES:
        return translate(SLOT_NAMES[value], lang)
    if day is not None and key in REGION_FIELDS and regions.is_known(value):
        return regions.name(value, day, lang)
    return None


def readable(exc: InputError, lang: str) -> str:
    """``exc``'s text with a field path named as people read it ("Budget line 4: amount", not
    ``budget.lines[3].amount_krw``): for a message about a file a person opened."""
    if not isinstance(exc.where, str) or not exc.where:
        return exc.text(lang)
    try:
        where = field_label(exc.where, lang)
    except ValueError:  # not a field path ("line 4, column 7")
        return exc.text(lang)
    return translate(N_("{place}: {reason}"), lang, place=where, reason=translate(exc.message, lang, **exc.fields))
