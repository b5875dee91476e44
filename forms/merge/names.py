"""What a merge names for people, from its three versions: a record by its name (or, a budget line,
by what it is), a value as people read it (an amount as money, a code, a region or an organisation by
its name, a record one field a line), a plan's section by its title, whom a copy was sent to. The
words themselves come from ``forms.labels``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from forms import labels
from forms.base.i18n import N_, translate
from forms.merge.versions import MISSING, Versions, text_of
from forms.model import Proposal

#: The keys that name a record (an organisation, a researcher, a justification row's item).
NAME_KEYS = ("name", "title", "item")
#: The fields whose values are the id of another record: (the list it is in, the key naming it).
REFERENCE_FIELDS = {"org": "organisations", "task": "tasks"}


def partner_name(partner: str, proposal: Proposal, lang: str) -> str:
    """Whom a copy was sent to, in ``lang``: ``partner`` is a region code (named at the proposal's
    date), an organisation's id (by its name in ``proposal``), or a name typed as it is."""
    from forms import regions

    if regions.is_known(partner):
        return regions.name(partner, proposal.date, lang)
    return proposal.org_name(partner, lang)


def record_name(records: list[Mapping], lang: str, versions: Versions | None) -> str:
    """The name of one record, from ``records`` (its versions, the preferred first): its name or
    title in ``lang``; a stage of the roadmap by its number; a record without one (a budget line) by
    its year, organisation, category, source and paying region."""
    for key in NAME_KEYS:
        if any(key in r for r in records):
            return text_of(records, key, lang)
    first = records[0]
    if isinstance(first.get("stage"), int):  # a stage of the roadmap table, not its plan section
        return labels.record_label("roadmap", first["stage"], lang)
    parts = [code_name(key, first[key], lang, versions) or str(first[key])
             for key in ("year", "org", "category", "source", "region")
             if isinstance(first.get(key), (str, int)) and first.get(key) != ""]
    return ", ".join(parts)


def code_name(key: str, value: object, lang: str, versions: Versions | None = None) -> str | None:
    """A value of the field ``key`` that is a code or a reference, by its name in ``lang``: a category,
    a type, kind, role or source, a region, an organisation (by its name in ours, else in the base,
    else in theirs, else in the other language; its id only when no version holds it); None for
    any other value. Regions and references are named only with the ``versions`` to look in."""
    if key == "partner_regions" and isinstance(value, list):
        if versions is None or not value or not all(isinstance(v, str) for v in value):
            return None
        return ", ".join(code_name("region", v, lang, versions) or v for v in value)
    day = versions.day() if versions is not None and key in labels.REGION_FIELDS else None
    named = labels.value_name(key, value, lang, day)
    if named is not None or versions is None or not isinstance(value, str) or not value:
        return named
    if key in REFERENCE_FIELDS:
        return versions.record_text(REFERENCE_FIELDS[key], value, "name", lang) or value
    return None


def section_title(key: str, lang: str, versions: Versions | None) -> str:
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
    return labels.field_word(key, lang)


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
        return "\n".join(f"{labels.key_label(key, lang)}: {_leaf_value(key, v, lang, versions)}"
                         for key, v in _leaves(value) if key != "id")
    return _flat(value)


def one_line(text: str, most: int = 160) -> str:
    """A text shown on one line: its paragraphs joined, cut at ``most`` characters."""
    text = " · ".join(part for part in text.split("\n") if part.strip())
    return text if len(text) <= most else text[: most - 1] + "…"


def _named(field: str, value: object, lang: str, versions: Versions | None) -> str | None:
    if field == "amount_krw" and value is None:  # a budget line's amount not entered (see records.fold_amounts)
        return translate(N_("(no amount entered)"), lang)
    if field.endswith("_krw") and type(value) is int:
        from forms.money import format_won

        return format_won(value, lang)
    return code_name(field, value, lang, versions)


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
